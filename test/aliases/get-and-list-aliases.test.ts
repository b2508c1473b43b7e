import { describe, expect, it } from 'vitest';
import { getAlias, listAliases, type ListAliasesResponse } from '../../src/aliases/queries.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  type Scenario,
  functionWithVersions,
  UUID,
} from '../support/scenario.js';

/**
 * Four aliases, three of them with primary version 1 (as LocalStack's recorded
 * `list_aliases_for_version` has it): `blue` (1), `canary` (1, routing 10 % to 2), `green` (2),
 * `red` (1).
 */
let fourBuilt: Scenario | undefined;
const fourAliases = (): Scenario =>
  (fourBuilt ??= functionWithVersions(2)
    .run('CreateAlias', { FunctionName: 'f', Name: 'red', FunctionVersion: '1' })
    .run('CreateAlias', { FunctionName: 'f', Name: 'green', FunctionVersion: '2' })
    .run('CreateAlias', {
      FunctionName: 'f',
      Name: 'canary',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    })
    .run('CreateAlias', { FunctionName: 'f', Name: 'blue', FunctionVersion: '1' }));

const namesOf = (response: ListAliasesResponse): ReadonlyArray<string> =>
  response.Aliases.map((a) => a.Name);

describe('GetAlias (spec control-plane §4.1)', () => {
  it('answers 200 with AliasConfiguration, RoutingConfig included when set', () => {
    const scenario = fourAliases();
    const { result, events } = operations.GetAlias(scenario.state, {
      FunctionName: 'f',
      Name: 'canary',
    });
    expect(events).toEqual([]);
    const answer = expectRight(result);
    expect(answer.statusCode).toBe(200);
    const { RevisionId, ...rest } = answer.body;
    expect(rest).toEqual({
      AliasArn: arnOf('f', 'canary'),
      Name: 'canary',
      FunctionVersion: '1',
      Description: '',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    });
    expect(RevisionId).toMatch(UUID);
  });

  it('answers 404 `Cannot find alias arn: <alias arn>` for a missing alias', () => {
    const error = expectError(
      getAlias(fourAliases().state, { FunctionName: 'f', Name: 'nope' }),
      'ResourceNotFoundException',
      `Cannot find alias arn: ${arnOf('f', 'nope')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('answers 404 with the unqualified ARN for a missing function (spec §1.4)', () => {
    expectError(
      getAlias(given().state, { FunctionName: 'nope', Name: 'live' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
  });

  it('accepts the function as a full ARN', () => {
    expect(
      expectRight(getAlias(fourAliases().state, { FunctionName: arnOf('f'), Name: 'red' }))
        .AliasArn,
    ).toBe(arnOf('f', 'red'));
  });

  it('refuses an invalid alias name with a ValidationException (spec §1.3)', () => {
    expectError(
      getAlias(fourAliases().state, { FunctionName: 'f', Name: '$LATEST' }),
      'ValidationException',
    );
  });
});

describe('ListAliases (spec control-plane §4.1)', () => {
  it('lists every alias of the function in AliasConfiguration shape', () => {
    const response = expectRight(listAliases(fourAliases().state, { FunctionName: 'f' }));
    expect(response.NextMarker).toBeUndefined();
    expect([...namesOf(response)].sort()).toEqual(['blue', 'canary', 'green', 'red']);
    for (const alias of response.Aliases) {
      expect(alias.AliasArn).toBe(arnOf('f', alias.Name));
      expect(alias.RevisionId).toMatch(UUID);
      expect(alias.Description).toBe('');
    }
    expect(response.Aliases.find((a) => a.Name === 'canary')?.RoutingConfig).toEqual({
      AdditionalVersionWeights: { '2': 0.1 },
    });
    expect(response.Aliases.find((a) => a.Name === 'red')).not.toHaveProperty('RoutingConfig');
  });

  it('filters by FunctionVersion on the primary version only: 3 of 4', () => {
    const response = expectRight(
      listAliases(fourAliases().state, { FunctionName: 'f', FunctionVersion: '1' }),
    );
    expect([...namesOf(response)].sort()).toEqual(['blue', 'canary', 'red']);
  });

  it('does not list an alias under the version it only routes to', () => {
    const response = expectRight(
      listAliases(fourAliases().state, { FunctionName: 'f', FunctionVersion: '2' }),
    );
    expect(namesOf(response)).toEqual(['green']);
  });

  it('filters by $LATEST', () => {
    const scenario = fourAliases().run('CreateAlias', {
      FunctionName: 'f',
      Name: 'dev',
      FunctionVersion: '$LATEST',
    });
    expect(
      namesOf(
        expectRight(listAliases(scenario.state, { FunctionName: 'f', FunctionVersion: '$LATEST' })),
      ),
    ).toEqual(['dev']);
  });

  it('answers an empty list for a function with no alias', () => {
    expect(expectRight(listAliases(functionWithVersions(2).state, { FunctionName: 'f' }))).toEqual({
      Aliases: [],
    });
  });

  it("lists only this function's aliases", () => {
    const scenario = fourAliases()
      .withFunction('g')
      .withPublishedVersion('g')
      .run('CreateAlias', { FunctionName: 'g', Name: 'only-g', FunctionVersion: '1' });
    expect(namesOf(expectRight(listAliases(scenario.state, { FunctionName: 'g' })))).toEqual([
      'only-g',
    ]);
  });

  it('pages with MaxItems and NextMarker, without gaps or repeats', () => {
    const state = fourAliases().state;
    const first = expectRight(listAliases(state, { FunctionName: 'f', MaxItems: 3 }));
    expect(first.Aliases).toHaveLength(3);
    expect(first.NextMarker).toBeTypeOf('string');
    const second = expectRight(
      listAliases(state, { FunctionName: 'f', MaxItems: 3, Marker: first.NextMarker ?? '' }),
    );
    expect(second.NextMarker).toBeUndefined();
    expect([...namesOf(first), ...namesOf(second)].sort()).toEqual([
      'blue',
      'canary',
      'green',
      'red',
    ]);
  });

  it('answers 404 with the unqualified ARN for a missing function', () => {
    const error = expectError(
      listAliases(given().state, { FunctionName: 'nope' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('refuses a FunctionVersion outside (\\$LATEST|[0-9]+) and a MaxItems outside 1–10,000 ([BC])', () => {
    const state = fourAliases().state;
    expectError(
      listAliases(state, { FunctionName: 'f', FunctionVersion: 'live' }),
      'ValidationException',
      "1 validation error detected: Value 'live' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)",
    );
    expectError(
      listAliases(state, { FunctionName: 'f', MaxItems: 0 }),
      'ValidationException',
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });

  it('answers 200 through the facade and records nothing', () => {
    const scenario = fourAliases();
    const { result, events, state } = operations.ListAliases(scenario.state, { FunctionName: 'f' });
    expect(expectRight(result).statusCode).toBe(200);
    expect(events).toEqual([]);
    expect(state).toBe(scenario.state);
  });
});
