import { describe, expect, it } from 'vitest';
import { getAlias, type AliasConfiguration } from '../../src/aliases/queries.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  typesOf,
  type Scenario,
  UUID,
  REVISION_MISMATCH,
  functionWithVersions,
} from '../support/scenario.js';

/** A function `f` with versions 1 and 2 and an alias `live` on version 1, described "first". */
let built: Scenario | undefined;
const withLive = (): Scenario =>
  (built ??= functionWithVersions(2).run('CreateAlias', {
    FunctionName: 'f',
    Name: 'live',
    FunctionVersion: '1',
    Description: 'first',
  }));

const liveOf = (scenario: Scenario): AliasConfiguration =>
  expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'live' }));

describe('UpdateAlias (spec control-plane §4.1)', () => {
  it('answers 200 with the updated AliasConfiguration', () => {
    const { result, events } = operations.UpdateAlias(
      withLive().state,
      { FunctionName: 'f', Name: 'live', FunctionVersion: '2', Description: 'second' },
      { now: withLive().nowMs, requestId: 'req-update' },
    );
    expect(typesOf(events)).toEqual(['AliasUpdated']);
    const answer = expectRight(result);
    expect(answer.statusCode).toBe(200);
    const { RevisionId, ...rest } = answer.body;
    expect(rest).toEqual({
      AliasArn: arnOf('f', 'live'),
      Name: 'live',
      FunctionVersion: '2',
      Description: 'second',
    });
    expect(RevisionId).toMatch(UUID);
    expect(RevisionId).not.toBe(
      expectRight(getAlias(withLive().state, { FunctionName: 'f', Name: 'live' })).RevisionId,
    );
  });

  it('keeps the members left out: a Description-only update keeps FunctionVersion', () => {
    const scenario = withLive().run('UpdateAlias', {
      FunctionName: 'f',
      Name: 'live',
      Description: 'renamed',
    });
    expect(liveOf(scenario)).toMatchObject({ FunctionVersion: '1', Description: 'renamed' });
  });

  it('keeps the Description when only FunctionVersion changes', () => {
    const scenario = withLive().run('UpdateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '2',
    });
    expect(liveOf(scenario)).toMatchObject({ FunctionVersion: '2', Description: 'first' });
  });

  it('can point the alias at $LATEST', () => {
    const scenario = withLive().run('UpdateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '$LATEST',
    });
    expect(liveOf(scenario).FunctionVersion).toBe('$LATEST');
  });

  describe('RevisionId (spec control-plane §2.10)', () => {
    it('changes on every update, even one that changes nothing', () => {
      const before = withLive();
      const after = before.run('UpdateAlias', { FunctionName: 'f', Name: 'live' });
      expect(liveOf(after).RevisionId).not.toBe(liveOf(before).RevisionId);
      expect(liveOf(after)).toMatchObject({ FunctionVersion: '1', Description: 'first' });
    });

    it("applies when RevisionId is the alias's current one", () => {
      const scenario = withLive();
      const events = expectRight(
        scenario.when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: '2',
          RevisionId: liveOf(scenario).RevisionId,
        }),
      );
      expect(events[0]).toMatchObject({ type: 'AliasUpdated', functionVersion: '2' });
    });

    it('refuses a stale RevisionId with 412 PreconditionFailedException', () => {
      const first = withLive();
      const stale = liveOf(first).RevisionId;
      const moved = first.run('UpdateAlias', {
        FunctionName: 'f',
        Name: 'live',
        Description: 'moved on',
      });
      const error = expectError(
        moved.when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: '2',
          RevisionId: stale,
        }),
        'PreconditionFailedException',
        REVISION_MISMATCH,
      );
      expect(error.statusCode).toBe(412);
    });

    it("refuses $LATEST's RevisionId: the alias has its own", () => {
      const scenario = withLive();
      const latest = expectRight(
        operations.GetFunctionConfiguration(scenario.state, { FunctionName: 'f' }).result,
      ).body.RevisionId;
      expectError(
        scenario.when('UpdateAlias', { FunctionName: 'f', Name: 'live', RevisionId: latest }),
        'PreconditionFailedException',
        REVISION_MISMATCH,
      );
    });
  });

  describe('missing resources', () => {
    it('answers 404 `Alias not found: <alias arn>` for a missing alias', () => {
      const error = expectError(
        withLive().when('UpdateAlias', { FunctionName: 'f', Name: 'nope', FunctionVersion: '1' }),
        'ResourceNotFoundException',
        `Alias not found: ${arnOf('f', 'nope')}`,
      );
      expect(error.statusCode).toBe(404);
    });

    it('answers 404 with the unqualified ARN for a missing function (spec §1.4)', () => {
      expectError(
        given().when('UpdateAlias', { FunctionName: 'nope', Name: 'live', FunctionVersion: '1' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('nope')}`,
      );
    });

    it('answers 404 naming the version when FunctionVersion is not published', () => {
      expectError(
        withLive().when('UpdateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '9' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', '9')}`,
      );
    });

    it('answers 404 once the alias has been deleted', () => {
      const scenario = withLive().run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
      expectError(
        scenario.when('UpdateAlias', { FunctionName: 'f', Name: 'live' }),
        'ResourceNotFoundException',
        `Alias not found: ${arnOf('f', 'live')}`,
      );
    });
  });

  describe('model validation (spec control-plane §1.3)', () => {
    it('refuses an all-digit name', () => {
      expectError(
        withLive().when('UpdateAlias', { FunctionName: 'f', Name: '2024' }),
        'ValidationException',
        "1 validation error detected: Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
      );
    });

    it('refuses a FunctionVersion outside (\\$LATEST|[0-9]+)', () => {
      expectError(
        withLive().when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: 'live',
        }),
        'ValidationException',
        "1 validation error detected: Value 'live' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)",
      );
    });

    it('refuses a Description over 256 characters', () => {
      expectError(
        withLive().when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'live',
          Description: 'd'.repeat(257),
        }),
        'ValidationException',
      );
    });
  });
});
