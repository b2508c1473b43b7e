import { describe, expect, it } from 'vitest';
import { evolveAll, type LambdaState } from '../../src/lambda.js';
import { operations, type OperationResult } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  EMPTY_ZIP,
  expectError,
  expectRight,
  given,
  T0,
  typesOf,
} from '../support/scenario.js';

const at = (now: number) => ({ now, requestId: `req-${String(now)}` });

// `f` Active with version 1 published and alias `live` → 1; the clock is past every transition.
const world = given()
  .withFunction('f', { Tags: { team: 'a' } })
  .withPublishedVersion('f')
  .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
  .advance(1_000);
const state = world.state;
const meta = at(world.nowMs);

/** The operation succeeded with this status; its events are exactly the change of state. */
function expectAccepted<B>(
  before: LambdaState,
  outcome: OperationResult<B>,
  statusCode: number,
): B {
  const response = expectRight(outcome.result);
  expect(response.statusCode).toBe(statusCode);
  expect(outcome.state).toEqual(evolveAll(before, outcome.events));
  return response.body;
}

describe("AWS's success status per operation (spec control-plane §2–§4, §9.4)", () => {
  it('CreateFunction answers 201 (§2.1)', () => {
    expectAccepted(
      given().state,
      operations.CreateFunction(given().state, createFunctionInput('g'), at(T0)),
      201,
    );
  });

  it('UpdateFunctionCode answers 200 (§2.3)', () => {
    expectAccepted(
      state,
      operations.UpdateFunctionCode(state, { FunctionName: 'f', ZipFile: EMPTY_ZIP }, meta),
      200,
    );
  });

  it('UpdateFunctionConfiguration answers 200 (§2.4)', () => {
    expectAccepted(
      state,
      operations.UpdateFunctionConfiguration(state, { FunctionName: 'f', Timeout: 10 }, meta),
      200,
    );
  });

  it('PublishVersion answers 201, also when it returns the existing version (§3.2)', () => {
    expectAccepted(state, operations.PublishVersion(state, { FunctionName: 'f' }, meta), 201);
  });

  it('DeleteFunction answers 204, not the 200 botocore declares, with no body (§2.7, §9.4)', () => {
    const outcome = operations.DeleteFunction(state, { FunctionName: 'f' }, meta);
    expectAccepted(state, outcome, 204);
    expect(outcome.result).toEqual({ _tag: 'Right', right: { statusCode: 204, body: undefined } });
    expect(typesOf(outcome.events)).toEqual(['FunctionDeleted']);
  });

  it('CreateAlias answers 201, UpdateAlias 200, DeleteAlias 204 (§4.1)', () => {
    expectAccepted(
      state,
      operations.CreateAlias(
        state,
        { FunctionName: 'f', Name: 'beta', FunctionVersion: '1' },
        meta,
      ),
      201,
    );
    expectAccepted(
      state,
      operations.UpdateAlias(state, { FunctionName: 'f', Name: 'live', Description: 'd' }, meta),
      200,
    );
    expectAccepted(
      state,
      operations.DeleteAlias(state, { FunctionName: 'f', Name: 'live' }, meta),
      204,
    );
  });

  it('DeleteAlias of a missing alias of an existing function is still 204 and records nothing (§4.1)', () => {
    const outcome = operations.DeleteAlias(state, { FunctionName: 'f', Name: 'nope' }, meta);
    expectAccepted(state, outcome, 204);
    expect(outcome.events).toEqual([]);
    expect(outcome.state).toBe(state);
  });

  it('TagResource and UntagResource answer 204 (LocalStack test_tag_lifecycle, recorded against AWS)', () => {
    expectAccepted(
      state,
      operations.TagResource(state, { Resource: arnOf('f'), Tags: { b: 'c' } }, meta),
      204,
    );
    expectAccepted(
      state,
      operations.UntagResource(state, { Resource: arnOf('f'), TagKeys: ['team'] }, meta),
      204,
    );
  });
});

describe('reads are queries: 200, the same state object, no events (DESIGN §1)', () => {
  const reads: Array<[string, () => OperationResult<unknown>]> = [
    ['GetFunction', () => operations.GetFunction(state, { FunctionName: 'f' })],
    [
      'GetFunctionConfiguration',
      () => operations.GetFunctionConfiguration(state, { FunctionName: 'f', Qualifier: 'live' }),
    ],
    ['ListFunctions', () => operations.ListFunctions(state, { FunctionVersion: 'ALL' })],
    [
      'ListVersionsByFunction',
      () => operations.ListVersionsByFunction(state, { FunctionName: 'f' }),
    ],
    ['GetAlias', () => operations.GetAlias(state, { FunctionName: 'f', Name: 'live' })],
    ['ListAliases', () => operations.ListAliases(state, { FunctionName: 'f' })],
    ['ListTags', () => operations.ListTags(state, { Resource: arnOf('f') })],
    ['GetAccountSettings', () => operations.GetAccountSettings(state, {})],
  ];

  it.each(reads)('%s', (_name, read) => {
    const outcome = read();
    expect(expectRight(outcome.result).statusCode).toBe(200);
    expect(outcome.state).toBe(state);
    expect(outcome.events).toEqual([]);
  });

  it('a read that fails records nothing either', () => {
    const outcome = operations.GetFunction(state, { FunctionName: 'nope' });
    expectError(
      outcome.result,
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    expect(outcome.state).toBe(state);
    expect(outcome.events).toEqual([]);
  });

  it('GetAlias and ListTags answer with the AWS shapes', () => {
    expect(
      expectRight(operations.GetAlias(state, { FunctionName: 'f', Name: 'live' }).result).body,
    ).toMatchObject({
      AliasArn: arnOf('f', 'live'),
      Name: 'live',
      FunctionVersion: '1',
      Description: '',
    });
    expect(expectRight(operations.ListTags(state, { Resource: arnOf('f') }).result).body).toEqual({
      Tags: { team: 'a' },
    });
  });
});

describe('a rejected command changes nothing (DESIGN §3)', () => {
  it.each<[string, () => OperationResult<unknown>]>([
    [
      'CreateFunction of an existing name',
      () => operations.CreateFunction(state, createFunctionInput('f'), meta),
    ],
    [
      'UpdateFunctionCode of a missing function',
      () =>
        operations.UpdateFunctionCode(state, { FunctionName: 'nope', ZipFile: EMPTY_ZIP }, meta),
    ],
    [
      'PublishVersion with a stale RevisionId',
      () => operations.PublishVersion(state, { FunctionName: 'f', RevisionId: 'stale' }, meta),
    ],
    [
      'CreateAlias that exists',
      () =>
        operations.CreateAlias(
          state,
          { FunctionName: 'f', Name: 'live', FunctionVersion: '1' },
          meta,
        ),
    ],
    [
      'DeleteFunction of another region',
      () =>
        operations.DeleteFunction(
          state,
          { FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:f' },
          meta,
        ),
    ],
    [
      'a command at a non-integer time',
      () =>
        operations.UpdateFunctionConfiguration(state, { FunctionName: 'f' }, at(world.nowMs + 0.5)),
    ],
  ])('%s: a Left, the same state object, no events', (_name, rejected) => {
    const outcome = rejected();
    expect(outcome.result._tag).toBe('Left');
    expect(outcome.state).toBe(state);
    expect(outcome.events).toEqual([]);
  });

  it('a rejected command drops the transitions that came due; the next command carries them', () => {
    const pending = operations.CreateFunction(
      given().state,
      createFunctionInput('g'),
      at(T0),
    ).state;
    const refused = operations.PublishVersion(pending, { FunctionName: 'missing' }, at(T0 + 5_000));
    expect(refused.state).toBe(pending);
    const next = operations.PublishVersion(pending, { FunctionName: 'g' }, at(T0 + 5_000));
    expect(typesOf(next.events)).toEqual(['FunctionActivated', 'FunctionVersionPublished']);
  });
});

describe('response bodies (spec control-plane §2.1, §2.3, §2.4, §3.2, §4.1)', () => {
  it('CreateFunction: Pending "The function is being created." (Creating), unqualified ARN, $LATEST, no LastUpdateStatus', () => {
    const body = expectRight(
      operations.CreateFunction(given().state, createFunctionInput('g'), at(T0)).result,
    ).body;
    expect(body).toMatchObject({
      FunctionName: 'g',
      FunctionArn: arnOf('g'),
      Version: '$LATEST',
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });
    expect(body).not.toHaveProperty('LastUpdateStatus');
  });

  it('CreateFunction with Publish shows Version "1" but still the unqualified ARN', () => {
    const body = expectRight(
      operations.CreateFunction(given().state, createFunctionInput('g', { Publish: true }), at(T0))
        .result,
    ).body;
    expect(body.Version).toBe('1');
    expect(body.FunctionArn).toBe(arnOf('g'));
  });

  it("CreateFunction answers for the function it created even when another function's activation came due", () => {
    const first = operations.CreateFunction(given().state, createFunctionInput('a'), at(T0)).state;
    const second = operations.CreateFunction(first, createFunctionInput('b'), at(T0 + 1_000));
    expect(typesOf(second.events)).toEqual(['FunctionActivated', 'FunctionCreated']);
    expect(expectRight(second.result).body.FunctionName).toBe('b');
  });

  it('UpdateFunctionConfiguration: $LATEST, unqualified ARN, InProgress, and a new RevisionId', () => {
    const before = expectRight(operations.GetFunction(state, { FunctionName: 'f' }).result).body
      .Configuration.RevisionId;
    const body = expectRight(
      operations.UpdateFunctionConfiguration(
        state,
        { FunctionName: arnOf('f', '$LATEST'), Timeout: 10 },
        meta,
      ).result,
    ).body;
    expect(body).toMatchObject({
      FunctionName: 'f',
      Version: '$LATEST',
      Timeout: 10,
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
    expect(body.RevisionId).not.toBe(before);
  });

  it('UpdateFunctionCode without Publish answers $LATEST, InProgress', () => {
    const body = expectRight(
      operations.UpdateFunctionCode(
        state,
        { FunctionName: `123456789012:function:f`, ZipFile: EMPTY_ZIP },
        meta,
      ).result,
    ).body;
    expect(body).toMatchObject({
      FunctionArn: arnOf('f'),
      Version: '$LATEST',
      LastUpdateStatus: 'InProgress',
    });
  });

  it("UpdateFunctionCode with Publish answers the new version's configuration with its qualified ARN", () => {
    const outcome = operations.UpdateFunctionCode(
      state,
      { FunctionName: 'f', ZipFile: EMPTY_ZIP, Publish: true },
      meta,
    );
    const body = expectRight(outcome.result).body;
    expect(body.Version).toBe('2');
    expect(body.FunctionArn).toBe(arnOf('f', '2'));
  });

  it('PublishVersion with nothing changed returns the latest version as it was, recording nothing', () => {
    const first = expectRight(
      operations.GetFunction(state, { FunctionName: 'f', Qualifier: '1' }).result,
    ).body.Configuration;
    const outcome = operations.PublishVersion(
      state,
      { FunctionName: arnOf('f'), Description: 'ignored' },
      meta,
    );
    expect(outcome.events).toEqual([]);
    expect(outcome.state).toBe(state);
    expect(expectRight(outcome.result).body).toEqual(first);
  });

  it('PublishVersion after a change answers the new version, …:N', () => {
    const changed = operations.UpdateFunctionConfiguration(
      state,
      { FunctionName: 'f', Description: 'v2' },
      meta,
    ).state;
    const body = expectRight(
      operations.PublishVersion(changed, { FunctionName: 'f' }, at(world.nowMs + 1_000)).result,
    ).body;
    expect(body).toMatchObject({ Version: '2', FunctionArn: arnOf('f', '2'), Description: 'v2' });
  });

  it('CreateAlias: the alias ARN, Description "" by default, no RoutingConfig', () => {
    const body = expectRight(
      operations.CreateAlias(state, { FunctionName: 'f', Name: 'beta', FunctionVersion: '1' }, meta)
        .result,
    ).body;
    expect(body).toMatchObject({
      AliasArn: arnOf('f', 'beta'),
      Name: 'beta',
      FunctionVersion: '1',
      Description: '',
    });
    expect(body).not.toHaveProperty('RoutingConfig');
  });

  it('UpdateAlias with no change answers a new RevisionId', () => {
    const before = expectRight(
      operations.GetAlias(state, { FunctionName: 'f', Name: 'live' }).result,
    ).body.RevisionId;
    const body = expectRight(
      operations.UpdateAlias(state, { FunctionName: 'f', Name: 'live' }, meta).result,
    ).body;
    expect(body.RevisionId).not.toBe(before);
    expect(body.AliasArn).toBe(arnOf('f', 'live'));
  });
});
