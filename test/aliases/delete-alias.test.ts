import { describe, expect, it } from 'vitest';
import { getAlias, listAliases } from '../../src/aliases/queries.js';
import { operations } from '../../src/operations/operations.js';
import { arnOf, expectError, expectRight, given, type Scenario } from '../support/scenario.js';

/** A function `f` with version 1 and an alias `live` on it. */
let built: Scenario | undefined;
const withLive = (): Scenario =>
  (built ??= given()
    .withFunction('f')
    .withPublishedVersion('f')
    .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' }));

describe('DeleteAlias (spec control-plane §4.1)', () => {
  it('deletes the alias and answers 204', () => {
    const scenario = withLive();
    const { result, events, state } = operations.DeleteAlias(
      scenario.state,
      { FunctionName: 'f', Name: 'live' },
      { now: scenario.nowMs, requestId: 'req-delete-alias' },
    );
    expect(events).toEqual([
      { type: 'AliasDeleted', functionName: 'f', aliasName: 'live', atMs: scenario.nowMs },
    ]);
    expect(expectRight(result)).toEqual({ statusCode: 204, body: undefined });
    expectError(
      getAlias(state, { FunctionName: 'f', Name: 'live' }),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${arnOf('f', 'live')}`,
    );
  });

  it('deletes only that alias', () => {
    const scenario = withLive()
      .run('CreateAlias', { FunctionName: 'f', Name: 'stay', FunctionVersion: '1' })
      .run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
    expect(
      expectRight(listAliases(scenario.state, { FunctionName: 'f' })).Aliases.map((a) => a.Name),
    ).toEqual(['stay']);
  });

  it('succeeds with 204 and records nothing when the alias does not exist', () => {
    const scenario = withLive();
    expect(expectRight(scenario.when('DeleteAlias', { FunctionName: 'f', Name: 'nope' }))).toEqual(
      [],
    );
    const { result } = operations.DeleteAlias(
      scenario.state,
      { FunctionName: 'f', Name: 'nope' },
      { now: 0, requestId: 'r' },
    );
    expect(expectRight(result).statusCode).toBe(204);
  });

  it('answers 404 with the unqualified ARN when the function does not exist (spec §1.4)', () => {
    const error = expectError(
      given().when('DeleteAlias', { FunctionName: 'nope', Name: 'live' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('refuses an invalid alias name with a ValidationException (spec §1.3)', () => {
    expectError(
      withLive().when('DeleteAlias', { FunctionName: 'f', Name: '42' }),
      'ValidationException',
      "1 validation error detected: Value '42' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
    );
  });

  it('frees the version it referenced for deletion (spec §2.7)', () => {
    const scenario = withLive();
    expectError(
      scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
      'ResourceConflictException',
    );
    const freed = scenario.run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
    expect(
      expectRight(freed.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })),
    ).toEqual([expect.objectContaining({ type: 'FunctionVersionDeleted', version: '1' })]);
  });
});
