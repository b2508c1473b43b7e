import { describe, expect, it } from 'vitest';
import { getAlias } from '../../src/aliases/queries.js';
import { getFunctionConfiguration } from '../../src/functions/queries.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  typesOf,
  type Scenario,
  functionWithVersions,
  UUID,
} from '../support/scenario.js';

/** Runs CreateAlias through the AWS facade, as an SDK caller would see it. */
const createViaFacade = (scenario: Scenario, input: Parameters<typeof operations.CreateAlias>[1]) =>
  operations.CreateAlias(scenario.state, input, { now: scenario.nowMs, requestId: 'req-alias' });

const namePatternError = (name: string): string =>
  `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)`;

describe('CreateAlias (spec control-plane §4.1)', () => {
  describe('the response', () => {
    it('answers 201 with AliasConfiguration: AliasArn, Name, FunctionVersion, Description "" and a RevisionId, no RoutingConfig', () => {
      const { result, events } = createViaFacade(functionWithVersions(2), {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      expect(typesOf(events)).toEqual(['AliasCreated']);
      const answer = expectRight(result);
      expect(answer.statusCode).toBe(201);
      const { RevisionId, ...rest } = answer.body;
      expect(rest).toEqual({
        AliasArn: arnOf('f', 'live'),
        Name: 'live',
        FunctionVersion: '1',
        Description: '',
      });
      expect(RevisionId).toMatch(UUID);
    });

    it('keeps the Description given', () => {
      const { result } = createViaFacade(functionWithVersions(2), {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '2',
        Description: 'production traffic',
      });
      expect(expectRight(result).body).toMatchObject({
        FunctionVersion: '2',
        Description: 'production traffic',
      });
    });

    it('returns the routing weight exactly as sent (spec §4.2)', () => {
      const { result } = createViaFacade(functionWithVersions(2), {
        FunctionName: 'f',
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } },
      });
      expect(expectRight(result).body.RoutingConfig).toEqual({
        AdditionalVersionWeights: { '2': 0.2 },
      });
    });

    it('accepts an empty AdditionalVersionWeights map and then omits RoutingConfig (spec §4.1, §4.2)', () => {
      for (const routing of [{ AdditionalVersionWeights: {} }, {}]) {
        const { result } = createViaFacade(functionWithVersions(2), {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: '1',
          RoutingConfig: routing,
        });
        expect(expectRight(result).body).not.toHaveProperty('RoutingConfig');
      }
    });

    it('gives every alias its own RevisionId', () => {
      const scenario = functionWithVersions(2)
        .run('CreateAlias', { FunctionName: 'f', Name: 'a', FunctionVersion: '1' })
        .run('CreateAlias', { FunctionName: 'f', Name: 'b', FunctionVersion: '1' });
      const a = expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'a' })).RevisionId;
      const b = expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'b' })).RevisionId;
      expect(a).not.toBe(b);
    });
  });

  it('accepts an alias to $LATEST when there is no routing (spec §4.1, §9.2)', () => {
    const events = expectRight(
      given()
        .withFunction('f')
        .when('CreateAlias', { FunctionName: 'f', Name: 'dev', FunctionVersion: '$LATEST' }),
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'AliasCreated',
        aliasName: 'dev',
        functionVersion: '$LATEST',
      }),
    ]);
  });

  it("changes neither $LATEST's nor the version's RevisionId (spec §2.10)", () => {
    const before = functionWithVersions(2);
    const after = before.run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    for (const qualifier of [undefined, '1']) {
      const input = {
        FunctionName: 'f',
        ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
      };
      expect(expectRight(getFunctionConfiguration(after.state, input)).RevisionId).toBe(
        expectRight(getFunctionConfiguration(before.state, input)).RevisionId,
      );
    }
  });

  it('accepts the function as a full ARN, and records the bare function name', () => {
    const events = expectRight(
      functionWithVersions(2).when('CreateAlias', {
        FunctionName: arnOf('f'),
        Name: 'live',
        FunctionVersion: '1',
      }),
    );
    expect(events[0]).toMatchObject({ functionName: 'f', aliasName: 'live' });
  });

  it('refuses an alias ARN as the function: an alias is created on the function (spec §1.2)', () => {
    const scenario = functionWithVersions(2).run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    expectError(
      scenario.when('CreateAlias', {
        FunctionName: arnOf('f', 'live'),
        Name: 'other',
        FunctionVersion: '1',
      }),
      'InvalidParameterValueException',
    );
  });

  describe('conflicts and missing resources', () => {
    it('refuses an existing alias name with 409 `Alias already exists: <alias arn>`', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      const error = expectError(
        scenario.when('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '2' }),
        'ResourceConflictException',
        `Alias already exists: ${arnOf('f', 'live')}`,
      );
      expect(error.statusCode).toBe(409);
    });

    it('allows the same alias name on another function: aliases belong to a function', () => {
      const scenario = functionWithVersions(2)
        .withFunction('g')
        .withPublishedVersion('g')
        .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });
      expect(
        typesOf(
          expectRight(
            scenario.when('CreateAlias', { FunctionName: 'g', Name: 'live', FunctionVersion: '1' }),
          ),
        ),
      ).toEqual(['AliasCreated']);
    });

    it('allows the name again once the alias is deleted', () => {
      const scenario = functionWithVersions(2)
        .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
        .run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
      expect(
        typesOf(
          expectRight(
            scenario.when('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '2' }),
          ),
        ),
      ).toEqual(['AliasCreated']);
    });

    it('answers 404 naming the requested version when the function is missing', () => {
      const error = expectError(
        given().when('CreateAlias', { FunctionName: 'nope', Name: 'live', FunctionVersion: '1' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('nope', '1')}`,
      );
      expect(error.statusCode).toBe(404);
    });

    it('answers 404 naming the version when FunctionVersion is not published', () => {
      expectError(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: '7',
        }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', '7')}`,
      );
    });

    it('answers 404 for a version that was deleted', () => {
      const scenario = functionWithVersions(2).run('DeleteFunction', {
        FunctionName: 'f',
        Qualifier: '1',
      });
      expectError(
        scenario.when('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', '1')}`,
      );
    });

    it('refuses more aliases than the quota allows with AliasLimitExceededException (400, [BC])', () => {
      const scenario = given({ aliasLimitPerFunction: 1 })
        .withFunction('f')
        .withPublishedVersion('f')
        .run('CreateAlias', { FunctionName: 'f', Name: 'one', FunctionVersion: '1' });
      const error = expectError(
        scenario.when('CreateAlias', { FunctionName: 'f', Name: 'two', FunctionVersion: '1' }),
        'AliasLimitExceededException',
      );
      expect(error.statusCode).toBe(400);
      expect(error.message).toContain(
        'exceeded the maximum number of aliases allowed per Lambda function',
      );
    });
  });

  describe('model validation (spec control-plane §1.3)', () => {
    it('refuses an all-digit name with the pattern message', () => {
      const error = expectError(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: '2024',
          FunctionVersion: '1',
        }),
        'ValidationException',
        namePatternError('2024'),
      );
      expect(error.statusCode).toBe(400);
    });

    it('accepts a name that starts with digits but is not all digits', () => {
      expect(
        typesOf(
          expectRight(
            functionWithVersions(2).when('CreateAlias', {
              FunctionName: 'f',
              Name: '2024-01-02',
              FunctionVersion: '1',
            }),
          ),
        ),
      ).toEqual(['AliasCreated']);
    });

    it('refuses `$LATEST` as a name: `$` is outside the pattern', () => {
      expectError(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: '$LATEST',
          FunctionVersion: '1',
        }),
        'ValidationException',
        namePatternError('$LATEST'),
      );
    });

    it('refuses a name over 128 characters and accepts one of 128', () => {
      const long = 'a'.repeat(129);
      expectError(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: long,
          FunctionVersion: '1',
        }),
        'ValidationException',
        `1 validation error detected: Value '${long}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 128`,
      );
      expectRight(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: 'a'.repeat(128),
          FunctionVersion: '1',
        }),
      );
    });

    it('refuses a FunctionVersion that is neither $LATEST nor a number', () => {
      for (const version of ['v1', '$latest', '1.0']) {
        expectError(
          functionWithVersions(2).when('CreateAlias', {
            FunctionName: 'f',
            Name: 'live',
            FunctionVersion: version,
          }),
          'ValidationException',
          `1 validation error detected: Value '${version}' at 'functionVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\$LATEST|[0-9]+)`,
        );
      }
    });

    it('refuses a Description over 256 characters', () => {
      const long = 'd'.repeat(257);
      expectError(
        functionWithVersions(2).when('CreateAlias', {
          FunctionName: 'f',
          Name: 'live',
          FunctionVersion: '1',
          Description: long,
        }),
        'ValidationException',
        `1 validation error detected: Value '${long}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 256`,
      );
    });

    it('reports model validation before looking anything up (spec §4.2 step 1)', () => {
      expectError(
        given().when('CreateAlias', { FunctionName: 'nope', Name: '2024', FunctionVersion: '1' }),
        'ValidationException',
        namePatternError('2024'),
      );
    });

    it('reports every violated member in one ValidationException', () => {
      const error = expectError(
        given().when('CreateAlias', { FunctionName: 'nope', Name: '2024', FunctionVersion: 'v1' }),
        'ValidationException',
      );
      expect(error.message).toMatch(/^2 validation errors detected: /);
      expect(error.message).toContain("Value '2024' at 'name'");
      expect(error.message).toContain("Value 'v1' at 'functionVersion'");
    });
  });
});
