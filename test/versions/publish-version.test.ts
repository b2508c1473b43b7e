import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  getFunctionConfiguration,
  type FunctionConfiguration,
} from '../../src/functions/queries.js';
import { replay } from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  EMPTY_ZIP,
  expectError,
  expectRight,
  given,
  typesOf,
  type Scenario,
} from '../support/scenario.js';

/** A second valid zip: the empty archive with a one-byte comment ("A"), so its digest differs. */
const OTHER_ZIP = new Uint8Array([80, 75, 5, 6, ...new Array<number>(16).fill(0), 1, 0, 65]);

/** CodeSha256 as AWS computes it: base64 of the SHA-256 of the package (spec control-plane §2.2). */
const sha256Base64 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('base64');

/** The configuration GetFunctionConfiguration answers for `qualifier` (must exist). */
const configOf = (scenario: Scenario, qualifier?: string): FunctionConfiguration =>
  expectRight(
    getFunctionConfiguration(scenario.state, {
      FunctionName: 'f',
      ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    }),
  );

/** Runs PublishVersion through the AWS facade, as an SDK caller would see it. */
const publishViaFacade = (
  scenario: Scenario,
  input: Parameters<typeof operations.PublishVersion>[1],
) =>
  operations.PublishVersion(scenario.state, input, {
    now: scenario.nowMs,
    requestId: 'req-publish',
  });

/** An Active function `f` with default settings, built once: scenarios are immutable values. */
let active: Scenario | undefined;
const activeFunction = (): Scenario => (active ??= given().withFunction('f'));

/** A settled update of `$LATEST` (an accepted UpdateFunctionConfiguration), then the clock moves on. */
const updated = (scenario: Scenario, description: string): Scenario =>
  scenario
    .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: description })
    .advance(1_000);

describe('PublishVersion', () => {
  describe('numbering (spec control-plane §3.1)', () => {
    it('numbers versions from 1 once the function is Active', () => {
      const events = expectRight(activeFunction().when('PublishVersion', { FunctionName: 'f' }));
      expect(typesOf(events)).toEqual(['FunctionVersionPublished']);
      expect(events[0]).toMatchObject({ version: '1', functionName: 'f' });
    });

    it('numbers each following version one higher: "1", "2", "3"', () => {
      const scenario = activeFunction().withPublishedVersion('f').withPublishedVersion('f');
      const events = expectRight(
        updated(scenario, 'third').when('PublishVersion', { FunctionName: 'f' }),
      );
      expect(events).toEqual([
        expect.objectContaining({ type: 'FunctionVersionPublished', version: '3' }),
      ]);
    });

    it('never reuses the number of a deleted version (spec §3.1, §8 moto 1)', () => {
      const scenario = given()
        .withFunction('f')
        .withPublishedVersion('f')
        .withPublishedVersion('f')
        .run('DeleteFunction', { FunctionName: 'f', Qualifier: '2' });
      const events = expectRight(
        updated(scenario, 'again').when('PublishVersion', { FunctionName: 'f' }),
      );
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '3' });
    });

    it('keeps counting from the highest number ever published after an older version is deleted (spec §3.1, §8 moto 1)', () => {
      const scenario = updated(
        given()
          .withFunction('f')
          .withPublishedVersion('f')
          .withPublishedVersion('f')
          .run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
        'third',
      ).run('PublishVersion', { FunctionName: 'f' });
      expect(configOf(scenario, '3').Version).toBe('3');
      const events = expectRight(
        updated(scenario, 'fourth').when('PublishVersion', { FunctionName: 'f' }),
      );
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '4' });
    });

    it('starts again at 1 for a function created anew under a deleted function name', () => {
      const scenario = given()
        .withFunction('f')
        .withPublishedVersion('f')
        .run('DeleteFunction', { FunctionName: 'f' })
        .withFunction('f');
      const events = expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }));
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '1' });
    });
  });

  describe('nothing changed since the last publish (spec control-plane §3.2)', () => {
    it('records nothing and answers 201 with the most recent version, its description unchanged', () => {
      const scenario = given()
        .withFunction('f', { Description: 'original' })
        .run('PublishVersion', { FunctionName: 'f' });
      expect(
        expectRight(scenario.when('PublishVersion', { FunctionName: 'f', Description: 'ignored' })),
      ).toEqual([]);

      const { result, events } = publishViaFacade(scenario, {
        FunctionName: 'f',
        Description: 'ignored',
      });
      expect(events).toEqual([]);
      const answer = expectRight(result);
      expect(answer.statusCode).toBe(201);
      expect(answer.body).toMatchObject({
        Version: '1',
        FunctionArn: arnOf('f', '1'),
        Description: 'original',
        RevisionId: configOf(scenario, '1').RevisionId,
      });
    });

    it('returns the most recently published version, not the first', () => {
      const scenario = activeFunction().withPublishedVersion('f').withPublishedVersion('f');
      const answer = expectRight(publishViaFacade(scenario, { FunctionName: 'f' }).result);
      expect(answer.body).toMatchObject({ Version: '2', FunctionArn: arnOf('f', '2') });
    });

    it('does not count the Pending→Active transition: CreateFunction(Publish) then PublishVersion gives version 1', () => {
      const scenario = given()
        .run('CreateFunction', createFunctionInput('f', { Publish: true }))
        .advance(1_000);
      expect(expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }))).toEqual([]);
      expect(
        expectRight(publishViaFacade(scenario, { FunctionName: 'f' }).result).body.Version,
      ).toBe('1');
    });

    it('counts a redundant UpdateFunctionConfiguration with identical values as a change', () => {
      const scenario = given()
        .withFunction('f', { Description: 'same' })
        .run('PublishVersion', { FunctionName: 'f' });
      const events = expectRight(
        updated(scenario, 'same').when('PublishVersion', { FunctionName: 'f' }),
      );
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '2' });
    });

    it('counts an UpdateFunctionCode with byte-identical code as a change (spec §3.2, moto aws_verified)', () => {
      const scenario = given()
        .withFunction('f')
        .run('PublishVersion', { FunctionName: 'f' })
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: EMPTY_ZIP })
        .advance(1_000);
      const events = expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }));
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '2' });
      expect(configOf(scenario.run('PublishVersion', { FunctionName: 'f' }), '2').CodeSha256).toBe(
        configOf(scenario, '1').CodeSha256,
      );
    });

    it('after UpdateFunctionCode(Publish), a plain PublishVersion returns that same version (spec §2.3, §3.2)', () => {
      const scenario = given()
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: OTHER_ZIP, Publish: true })
        .advance(1_000);
      expect(expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }))).toEqual([]);
      expect(
        expectRight(publishViaFacade(scenario, { FunctionName: 'f' }).result).body.Version,
      ).toBe('1');
    });

    it('publishes a new number when the last version was deleted (AWS unverified; the model follows LocalStack, spec §3.2, §8 LocalStack 5)', () => {
      const scenario = given()
        .withFunction('f')
        .run('PublishVersion', { FunctionName: 'f' })
        .run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' });
      const events = expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }));
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '2' });
    });
  });

  describe('the published version (spec control-plane §3.1, §3.2)', () => {
    it('is a copy of $LATEST with a qualified ARN, Version "N", $LATEST\'s CodeSha256, Active and Successful (spec §2.8)', () => {
      const scenario = given()
        .withFunction('f', {
          MemorySize: 256,
          Timeout: 30,
          Environment: { Variables: { STAGE: 'one' } },
        })
        .run('PublishVersion', { FunctionName: 'f' });
      const version = configOf(scenario, '1');
      const latest = configOf(scenario);
      expect(version).toMatchObject({
        FunctionName: 'f',
        FunctionArn: arnOf('f', '1'),
        Version: '1',
        CodeSha256: sha256Base64(EMPTY_ZIP),
        CodeSize: EMPTY_ZIP.length,
        MemorySize: 256,
        Timeout: 30,
        Environment: { Variables: { STAGE: 'one' } },
        Role: latest.Role,
        Runtime: latest.Runtime,
        Handler: latest.Handler,
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
    });

    it('keeps its code and configuration when $LATEST changes later', () => {
      const published = given()
        .withFunction('f', { MemorySize: 256, Environment: { Variables: { STAGE: 'one' } } })
        .run('PublishVersion', { FunctionName: 'f' });
      const later = published
        .run('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          MemorySize: 512,
          Description: 'changed',
          Environment: { Variables: { STAGE: 'two' } },
        })
        .advance(1_000)
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: OTHER_ZIP })
        .advance(1_000);
      expect(configOf(later)).toMatchObject({
        MemorySize: 512,
        Description: 'changed',
        Environment: { Variables: { STAGE: 'two' } },
        CodeSha256: sha256Base64(OTHER_ZIP),
      });
      expect(configOf(later, '1')).toEqual(configOf(published, '1'));
      expect(configOf(later, '1')).toMatchObject({
        MemorySize: 256,
        Description: '',
        Environment: { Variables: { STAGE: 'one' } },
        CodeSha256: sha256Base64(EMPTY_ZIP),
      });
    });

    it("takes the Description argument as the version's description", () => {
      const scenario = given()
        .withFunction('f', { Description: 'latest text' })
        .run('PublishVersion', {
          FunctionName: 'f',
          Description: 'release 1',
        });
      expect(configOf(scenario, '1').Description).toBe('release 1');
      expect(configOf(scenario).Description).toBe('latest text');
    });

    it("takes $LATEST's description when no Description is given", () => {
      const scenario = given()
        .withFunction('f', { Description: 'latest text' })
        .run('PublishVersion', { FunctionName: 'f' });
      expect(configOf(scenario, '1').Description).toBe('latest text');
    });

    it('takes an empty Description argument as given', () => {
      const scenario = given()
        .withFunction('f', { Description: 'latest text' })
        .run('PublishVersion', { FunctionName: 'f', Description: '' });
      expect(configOf(scenario, '1').Description).toBe('');
    });

    it('answers 201 with the new version through the facade', () => {
      const { result, events } = publishViaFacade(activeFunction(), { FunctionName: 'f' });
      expect(typesOf(events)).toEqual(['FunctionVersionPublished']);
      const answer = expectRight(result);
      expect(answer.statusCode).toBe(201);
      expect(answer.body).toMatchObject({
        FunctionArn: arnOf('f', '1'),
        Version: '1',
        State: 'Active',
      });
    });

    it('accepts the function as a full ARN, a partial ARN, or qualified with $LATEST (spec §1.2, §1.3)', () => {
      const scenario = activeFunction();
      for (const name of [
        arnOf('f'),
        '123456789012:function:f',
        'f:$LATEST',
        arnOf('f', '$LATEST'),
      ]) {
        expect(
          expectRight(scenario.when('PublishVersion', { FunctionName: name }))[0],
        ).toMatchObject({
          functionName: 'f',
          version: '1',
        });
      }
    });

    it('refuses a function name qualified with a version (model: the operation publishes $LATEST)', () => {
      expectError(
        activeFunction().withPublishedVersion('f').when('PublishVersion', { FunctionName: 'f:1' }),
        'InvalidParameterValueException',
      );
    });
  });

  describe('RevisionId (spec control-plane §2.10)', () => {
    it("gives the version its own RevisionId and changes $LATEST's", () => {
      const before = activeFunction();
      const after = before.run('PublishVersion', { FunctionName: 'f' });
      const version = configOf(after, '1').RevisionId;
      const latest = configOf(after).RevisionId;
      expect(latest).not.toBe(configOf(before).RevisionId);
      expect(version).not.toBe(latest);
      expect(version).not.toBe(configOf(before).RevisionId);
    });

    it("leaves $LATEST's RevisionId alone when nothing was published", () => {
      const scenario = activeFunction().run('PublishVersion', { FunctionName: 'f' });
      const again = scenario.run('PublishVersion', { FunctionName: 'f' });
      expect(configOf(again).RevisionId).toBe(configOf(scenario).RevisionId);
    });

    it("does not change a version's RevisionId when it becomes Active (spec §2.8, §2.10)", () => {
      const pending = given().run('CreateFunction', createFunctionInput('f', { Publish: true }));
      expect(configOf(pending, '1').State).toBe('Pending');
      const active = pending.advance(1_000);
      expect(configOf(active, '1')).toMatchObject({
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
      expect(configOf(active, '1').RevisionId).toBe(configOf(pending, '1').RevisionId);
    });

    it('is Pending when published by UpdateFunctionCode(Publish), Active when the update completes (spec §2.3, §2.8)', () => {
      const publishing = given()
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: OTHER_ZIP, Publish: true });
      expect(configOf(publishing, '1')).toMatchObject({
        State: 'Pending',
        CodeSha256: sha256Base64(OTHER_ZIP),
      });
      const done = publishing.advance(1_000);
      expect(configOf(done, '1')).toMatchObject({
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
      expect(configOf(done, '1').RevisionId).toBe(configOf(publishing, '1').RevisionId);
    });
  });

  describe('preconditions (spec control-plane §3.2, §9.3)', () => {
    it("publishes when RevisionId is $LATEST's current one", () => {
      const scenario = activeFunction();
      const events = expectRight(
        scenario.when('PublishVersion', {
          FunctionName: 'f',
          RevisionId: configOf(scenario).RevisionId,
        }),
      );
      expect(typesOf(events)).toEqual(['FunctionVersionPublished']);
    });

    it("refuses a RevisionId that is not $LATEST's with 412 PreconditionFailedException", () => {
      const scenario = activeFunction();
      const stale = configOf(scenario).RevisionId;
      const error = expectError(
        updated(scenario, 'moved on').when('PublishVersion', {
          FunctionName: 'f',
          RevisionId: stale,
        }),
        'PreconditionFailedException',
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      );
      expect(error.statusCode).toBe(412);
    });

    it("publishes when CodeSha256 is $LATEST's", () => {
      const events = expectRight(
        activeFunction().when('PublishVersion', {
          FunctionName: 'f',
          CodeSha256: sha256Base64(EMPTY_ZIP),
        }),
      );
      expect(typesOf(events)).toEqual(['FunctionVersionPublished']);
    });

    it("refuses a CodeSha256 that is not $LATEST's with 400 InvalidParameterValueException, not 412", () => {
      const scenario = activeFunction()
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: OTHER_ZIP })
        .advance(1_000);
      const old = sha256Base64(EMPTY_ZIP);
      const error = expectError(
        scenario.when('PublishVersion', { FunctionName: 'f', CodeSha256: old }),
        'InvalidParameterValueException',
        `CodeSHA256 (${old}) is different from current CodeSHA256 in $LATEST (${sha256Base64(OTHER_ZIP)}). Please try again with the CodeSHA256 in $LATEST.`,
      );
      expect(error.statusCode).toBe(400);
    });

    it('applies the CodeSha256 precondition even when nothing changed since the last publish', () => {
      const scenario = activeFunction().run('PublishVersion', { FunctionName: 'f' });
      expectError(
        scenario.when('PublishVersion', { FunctionName: 'f', CodeSha256: 'wrong' }),
        'InvalidParameterValueException',
      );
    });

    it('rejected preconditions record nothing: the next valid publish still gets number 1', () => {
      const scenario = activeFunction();
      expectError(
        scenario.when('PublishVersion', { FunctionName: 'f', RevisionId: 'nope' }),
        'PreconditionFailedException',
      );
      expect(expectRight(scenario.when('PublishVersion', { FunctionName: 'f' }))[0]).toMatchObject({
        version: '1',
      });
    });
  });

  describe('function state (spec control-plane §2.8, §3.2)', () => {
    it('refuses while the function is Pending', () => {
      const pending = given().run('CreateFunction', createFunctionInput('f'));
      const error = expectError(
        pending.when('PublishVersion', { FunctionName: 'f' }),
        'ResourceConflictException',
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      );
      expect(error.statusCode).toBe(409);
    });

    it('refuses while an update is InProgress, naming the unqualified function ARN (spec §2.3)', () => {
      const updating = activeFunction().run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        Timeout: 10,
      });
      const error = expectError(
        updating.when('PublishVersion', { FunctionName: 'f' }),
        'ResourceConflictException',
        `The operation cannot be performed at this time. An update is in progress for resource: ${arnOf('f')}`,
      );
      expect(error.statusCode).toBe(409);
    });

    it('checks the state before the RevisionId: a Pending function with a wrong RevisionId is a 409', () => {
      const pending = given().run('CreateFunction', createFunctionInput('f'));
      expectError(
        pending.when('PublishVersion', { FunctionName: 'f', RevisionId: 'wrong' }),
        'ResourceConflictException',
      );
    });

    it('publishes once the update has completed', () => {
      const settled = given()
        .withFunction('f')
        .run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 10 })
        .advance(1_000);
      const events = expectRight(settled.when('PublishVersion', { FunctionName: 'f' }));
      expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '1' });
    });
  });

  describe('other errors (spec control-plane §3.1, §3.2, §5.2)', () => {
    it('answers 404 with the unqualified ARN for a missing function', () => {
      const error = expectError(
        given().when('PublishVersion', { FunctionName: 'nope' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('nope')}`,
      );
      expect(error.statusCode).toBe(404);
    });

    it('refuses a Description over 256 characters before looking the function up (spec §1.3, §2.1)', () => {
      const long = 'd'.repeat(257);
      expectError(
        given().when('PublishVersion', { FunctionName: 'nope', Description: long }),
        'ValidationException',
        `1 validation error detected: Value '${long}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    });

    it('accepts a Description of exactly 256 characters', () => {
      const scenario = activeFunction().run('PublishVersion', {
        FunctionName: 'f',
        Description: 'd'.repeat(256),
      });
      expect(configOf(scenario, '1').Description).toHaveLength(256);
    });

    it('refuses with CodeStorageExceededException when the version would overflow code storage (spec §3.1, §7.1)', () => {
      // The account holds $LATEST's 22 bytes; a version adds 22 more.
      const full = given({ codeStorageLimitBytes: 2 * EMPTY_ZIP.length - 1 }).withFunction('f');
      const error = expectError(
        full.when('PublishVersion', { FunctionName: 'f' }),
        'CodeStorageExceededException',
        'Code storage limit exceeded.',
      );
      expect(error.statusCode).toBe(400);
      const exact = given({ codeStorageLimitBytes: 2 * EMPTY_ZIP.length }).withFunction('f');
      expect(typesOf(expectRight(exact.when('PublishVersion', { FunctionName: 'f' })))).toEqual([
        'FunctionVersionPublished',
      ]);
    });
  });

  it('replaying the log rebuilds the same state (design §1)', () => {
    const scenario = activeFunction().withPublishedVersion('f').withPublishedVersion('f');
    expect(replay(scenario.log)).toEqual(scenario.state);
  });
});
