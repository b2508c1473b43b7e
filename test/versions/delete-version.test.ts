import { describe, expect, it } from 'vitest';
import { getAlias } from '../../src/aliases/queries.js';
import { operations } from '../../src/operations/operations.js';
import { listVersionsByFunction } from '../../src/versions/queries.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  typesOf,
  type Scenario,
  functionWithVersions,
} from '../support/scenario.js';

/** The `Version` of every entry ListVersionsByFunction returns. */
const versionsOf = (scenario: Scenario, name = 'f'): ReadonlyArray<string> =>
  expectRight(listVersionsByFunction(scenario.state, { FunctionName: name })).Versions.map(
    (v) => v.Version,
  );

const LATEST_MESSAGE = '$LATEST version cannot be deleted without deleting the function.';
const ALIAS_MESSAGE = 'Deletion of aliases is not currently supported.';

describe('DeleteFunction with a Qualifier (spec control-plane §2.7)', () => {
  describe('a version that exists and no alias references', () => {
    it('deletes only that version: $LATEST and the other versions stay (spec §2.7, §3.1)', () => {
      const scenario = functionWithVersions(2);
      const events = expectRight(
        scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
      );
      expect(events).toEqual([
        { type: 'FunctionVersionDeleted', functionName: 'f', version: '1', atMs: scenario.nowMs },
      ]);
      expect(
        versionsOf(scenario.run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })),
      ).toEqual(['$LATEST', '2']);
    });

    it('answers 204 with no body', () => {
      const { result } = operations.DeleteFunction(
        functionWithVersions(2).state,
        { FunctionName: 'f', Qualifier: '2' },
        { now: 0, requestId: 'req-delete' },
      );
      expect(expectRight(result)).toEqual({ statusCode: 204, body: undefined });
    });

    it('takes the version from the function name (`f:1`) or a qualified ARN (spec §1.2)', () => {
      for (const name of ['f:1', arnOf('f', '1')]) {
        const events = expectRight(
          functionWithVersions(2).when('DeleteFunction', { FunctionName: name }),
        );
        expect(events).toEqual([
          expect.objectContaining({ type: 'FunctionVersionDeleted', version: '1' }),
        ]);
      }
    });

    it('accepts the same version both in the name and as Qualifier', () => {
      const events = expectRight(
        functionWithVersions(2).when('DeleteFunction', { FunctionName: 'f:2', Qualifier: '2' }),
      );
      expect(typesOf(events)).toEqual(['FunctionVersionDeleted']);
    });

    it('removes the version from reads: GetFunctionConfiguration(Qualifier) then answers 404 (spec §1.4)', () => {
      const scenario = functionWithVersions(2).run('DeleteFunction', {
        FunctionName: 'f',
        Qualifier: '1',
      });
      const { result } = operations.GetFunctionConfiguration(scenario.state, {
        FunctionName: 'f',
        Qualifier: '1',
      });
      expectError(result, 'ResourceNotFoundException', `Function not found: ${arnOf('f', '1')}`);
    });

    it('never reuses the deleted number: the next publish gets the next one (spec §3.1)', () => {
      const scenario = functionWithVersions(2)
        .run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })
        .run('DeleteFunction', { FunctionName: 'f', Qualifier: '2' })
        .withPublishedVersion('f');
      expect(versionsOf(scenario)).toEqual(['$LATEST', '3']);
    });
  });

  describe('a qualifier that names no version', () => {
    it('is an idempotent no-op (204) when the function exists', () => {
      expect(
        expectRight(
          functionWithVersions(2).when('DeleteFunction', { FunctionName: 'f', Qualifier: '99' }),
        ),
      ).toEqual([]);
      const { result, events } = operations.DeleteFunction(
        functionWithVersions(2).state,
        { FunctionName: 'f', Qualifier: '99' },
        { now: 0, requestId: 'req-delete' },
      );
      expect(events).toEqual([]);
      expect(expectRight(result).statusCode).toBe(204);
    });

    it('is a no-op when the version was already deleted', () => {
      const scenario = functionWithVersions(2).run('DeleteFunction', {
        FunctionName: 'f',
        Qualifier: '2',
      });
      expect(
        expectRight(scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '2' })),
      ).toEqual([]);
    });

    it('answers 404 with the unqualified ARN when the function does not exist', () => {
      const error = expectError(
        given().when('DeleteFunction', { FunctionName: 'nope', Qualifier: '1' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('nope')}`,
      );
      expect(error.statusCode).toBe(404);
    });
  });

  describe('$LATEST', () => {
    it('is refused with InvalidParameterValueException', () => {
      const error = expectError(
        functionWithVersions(2).when('DeleteFunction', { FunctionName: 'f', Qualifier: '$LATEST' }),
        'InvalidParameterValueException',
        LATEST_MESSAGE,
      );
      expect(error.statusCode).toBe(400);
    });

    it('is refused before the function is looked up: a missing function still gets the 400', () => {
      expectError(
        given().when('DeleteFunction', { FunctionName: 'nope', Qualifier: '$LATEST' }),
        'InvalidParameterValueException',
        LATEST_MESSAGE,
      );
    });

    it('is refused when it comes from the name (`f:$LATEST`, or an ARN ending `:$LATEST`)', () => {
      for (const name of ['f:$LATEST', arnOf('nope', '$LATEST')]) {
        expectError(
          given().withFunction('f').when('DeleteFunction', { FunctionName: name }),
          'InvalidParameterValueException',
          LATEST_MESSAGE,
        );
      }
    });

    it('leaves the function and its versions in place', () => {
      const scenario = functionWithVersions(2);
      expectError(
        scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '$LATEST' }),
        'InvalidParameterValueException',
      );
      expect(versionsOf(scenario)).toEqual(['$LATEST', '1', '2']);
    });
  });

  describe('an alias-like (non-numeric) qualifier', () => {
    it('is refused: aliases are deleted with DeleteAlias', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      for (const input of [
        { FunctionName: 'f', Qualifier: 'live' },
        { FunctionName: 'f:live' },
        { FunctionName: 'f', Qualifier: 'not-an-alias' },
      ]) {
        const error = expectError(
          scenario.when('DeleteFunction', input),
          'InvalidParameterValueException',
          ALIAS_MESSAGE,
        );
        expect(error.statusCode).toBe(400);
      }
    });

    it('treats a lower-case `$latest` as an alias-like qualifier, not as $LATEST (qualifiers are case-sensitive, spec §1.4)', () => {
      expectError(
        functionWithVersions(2).when('DeleteFunction', { FunctionName: 'f', Qualifier: '$latest' }),
        'InvalidParameterValueException',
        ALIAS_MESSAGE,
      );
    });
  });

  it('refuses a name qualifier that differs from Qualifier (spec §1.4)', () => {
    expectError(
      functionWithVersions(2).when('DeleteFunction', { FunctionName: 'f:1', Qualifier: '2' }),
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  });

  describe('a version that aliases reference', () => {
    it('is refused with 409, naming the alias whose primary version it is', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      const error = expectError(
        scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
        'ResourceConflictException',
        'Unable to delete version because the following aliases reference it: [live]',
      );
      expect(error.statusCode).toBe(409);
      expect(versionsOf(scenario)).toEqual(['$LATEST', '1', '2']);
    });

    it('names every alias that references it, and only those', () => {
      const scenario = functionWithVersions(2)
        .run('CreateAlias', { FunctionName: 'f', Name: 'blue', FunctionVersion: '1' })
        .run('CreateAlias', { FunctionName: 'f', Name: 'green', FunctionVersion: '1' })
        .run('CreateAlias', { FunctionName: 'f', Name: 'other', FunctionVersion: '2' });
      expectError(
        scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
        'ResourceConflictException',
        'Unable to delete version because the following aliases reference it: [blue, green]',
      );
    });

    it('is refused when an alias routes to it as the additional version (the model reads "aliases reference it" so, spec §2.7 note)', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
      });
      expectError(
        scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '2' }),
        'ResourceConflictException',
        'Unable to delete version because the following aliases reference it: [canary]',
      );
    });

    it('can be deleted once the alias points elsewhere', () => {
      const scenario = functionWithVersions(2)
        .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
        .run('UpdateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '2' });
      expect(
        typesOf(
          expectRight(scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })),
        ),
      ).toEqual(['FunctionVersionDeleted']);
    });

    it('can be deleted once the alias is deleted', () => {
      const scenario = functionWithVersions(2)
        .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
        .run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
      expect(
        typesOf(
          expectRight(scenario.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })),
        ),
      ).toEqual(['FunctionVersionDeleted']);
    });

    it('does not stop deleting the whole function, which takes every version and alias with it (spec §2.7)', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      const deleted = scenario.run('DeleteFunction', { FunctionName: 'f' });
      expect(typesOf(deleted.log.slice(scenario.log.length))).toEqual(['FunctionDeleted']);
      const recreated = deleted.withFunction('f');
      expect(versionsOf(recreated)).toEqual(['$LATEST']);
      expectError(
        getAlias(recreated.state, { FunctionName: 'f', Name: 'live' }),
        'ResourceNotFoundException',
        `Cannot find alias arn: ${arnOf('f', 'live')}`,
      );
    });
  });
});
