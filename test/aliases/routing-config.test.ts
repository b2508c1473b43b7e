import { describe, expect, it } from 'vitest';
import type { AliasRoutingConfigurationInput } from '../../src/aliases/commands.js';
import { getAlias } from '../../src/aliases/queries.js';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import type { LambdaEvent } from '../../src/lambda.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  OTHER_ROLE,
  typesOf,
  type Scenario,
  functionWithVersions,
} from '../support/scenario.js';

/**
 * The two ways to set a routing config: creating an alias, and updating an existing alias
 * (`live`, on version 1, no routing) to the same target.
 */
const operationsUnderTest: ReadonlyArray<{
  readonly name: string;
  readonly apply: (
    scenario: Scenario,
    functionVersion: string,
    routing: AliasRoutingConfigurationInput,
  ) => Either<AwsError, ReadonlyArray<LambdaEvent>>;
}> = [
  {
    name: 'CreateAlias',
    apply: (scenario, functionVersion, routing) =>
      scenario.when('CreateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        FunctionVersion: functionVersion,
        RoutingConfig: routing,
      }),
  },
  {
    name: 'UpdateAlias',
    apply: (scenario, functionVersion, routing) =>
      scenario
        .run('CreateAlias', { FunctionName: 'f', Name: 'canary', FunctionVersion: '1' })
        .when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'canary',
          FunctionVersion: functionVersion,
          RoutingConfig: routing,
        }),
  },
];

const weights = (map: Readonly<Record<string, number>>): AliasRoutingConfigurationInput => ({
  AdditionalVersionWeights: map,
});

const WEIGHT_VALUE_CONSTRAINT =
  'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]';
const WEIGHT_KEY_CONSTRAINT =
  'Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]';
const validationOf = (value: string, constraint: string): string =>
  `1 validation error detected: Value '${value}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: ${constraint}`;

const TOO_MANY = 'Number of items in AdditionalVersionWeights cannot be greater than 1';
const LATEST_ROUTING = '$LATEST is not supported for an alias pointing to more than 1 version';
const SAME_ROLE = 'Specified versions must be associated with the same execution role';
const alreadyIncluded = (v: string): string =>
  `Invalid function version ${v}. Function version ${v} is already included in routing configuration.`;

describe('RoutingConfig rules on CreateAlias and UpdateAlias (spec control-plane §4.2)', () => {
  for (const { name, apply } of operationsUnderTest) {
    describe(name, () => {
      it('accepts one additional version with a weight, and stores it', () => {
        const events = expectRight(apply(functionWithVersions(2), '1', weights({ '2': 0.25 })));
        expect(events).toEqual([
          expect.objectContaining({
            functionVersion: '1',
            additionalVersionWeights: { '2': 0.25 },
          }),
        ]);
      });

      it('accepts the boundary weights 0.0 and 1.0 (inclusive in [BC])', () => {
        for (const weight of [0, 1])
          expectRight(apply(functionWithVersions(2), '1', weights({ '2': weight })));
      });

      it('step 1: refuses a weight above 1 or below 0 with the ValidationException the Java service prints', () => {
        expectError(
          apply(functionWithVersions(2), '1', weights({ '2': 2 })),
          'ValidationException',
          validationOf('{2=2.0}', WEIGHT_VALUE_CONSTRAINT),
        );
        expectError(
          apply(functionWithVersions(2), '1', weights({ '2': -1 })),
          'ValidationException',
          validationOf('{2=-1.0}', WEIGHT_VALUE_CONSTRAINT),
        );
        expectError(
          apply(functionWithVersions(2), '1', weights({ '2': 1.5 })),
          'ValidationException',
          validationOf('{2=1.5}', WEIGHT_VALUE_CONSTRAINT),
        );
      });

      it('step 1: refuses a non-numeric key such as $LATEST with the map-keys ValidationException', () => {
        expectError(
          apply(functionWithVersions(2), '1', weights({ $LATEST: 0.5 })),
          'ValidationException',
          validationOf('{$LATEST=0.5}', WEIGHT_KEY_CONSTRAINT),
        );
      });

      it('step 2: refuses more than one entry, ahead of the "already included" check', () => {
        const error = expectError(
          apply(functionWithVersions(2), '1', weights({ '1': 0.8, '2': 0.2 })),
          'InvalidParameterValueException',
          TOO_MANY,
        );
        expect(error.statusCode).toBe(400);
      });

      it('step 2 before step 3: more than one entry wins over a missing primary version', () => {
        expectError(
          apply(functionWithVersions(2), '9', weights({ '1': 0.5, '2': 0.5 })),
          'InvalidParameterValueException',
          TOO_MANY,
        );
      });

      it('step 3: a missing primary version is a 404 naming it, ahead of the routing checks', () => {
        const error = expectError(
          apply(functionWithVersions(2), '9', weights({ '9': 0.5 })),
          'ResourceNotFoundException',
          `Function not found: ${arnOf('f', '9')}`,
        );
        expect(error.statusCode).toBe(404);
      });

      it('step 4: refuses the primary version as the additional one', () => {
        expectError(
          apply(functionWithVersions(2), '1', weights({ '1': 0.5 })),
          'InvalidParameterValueException',
          alreadyIncluded('1'),
        );
      });

      it('step 5: refuses routing on an alias whose primary is $LATEST', () => {
        expectError(
          apply(functionWithVersions(2), '$LATEST', weights({ '1': 0.5 })),
          'InvalidParameterValueException',
          LATEST_ROUTING,
        );
      });

      it('step 5 before step 6: $LATEST with routing to a missing version reports $LATEST', () => {
        expectError(
          apply(functionWithVersions(2), '$LATEST', weights({ '9': 0.5 })),
          'InvalidParameterValueException',
          LATEST_ROUTING,
        );
      });

      it('accepts $LATEST as primary with an empty routing map (no routing, spec §4.1)', () => {
        const events = expectRight(apply(functionWithVersions(2), '$LATEST', weights({})));
        expect(events[0]).not.toHaveProperty('additionalVersionWeights');
      });

      it('step 6: a missing additional version is a 404 naming it', () => {
        expectError(
          apply(functionWithVersions(2), '1', weights({ '9': 0.5 })),
          'ResourceNotFoundException',
          `Function not found: ${arnOf('f', '9')}`,
        );
      });

      it('step 7: refuses two versions with different execution roles', () => {
        const scenario = given()
          .withFunction('f')
          .withPublishedVersion('f')
          .run('UpdateFunctionConfiguration', { FunctionName: 'f', Role: OTHER_ROLE })
          .advance(1_000)
          .run('PublishVersion', { FunctionName: 'f' });
        expectError(
          apply(scenario, '1', weights({ '2': 0.5 })),
          'InvalidParameterValueException',
          SAME_ROLE,
        );
      });

      it('step 8: refuses two versions with different dead-letter configs (AWS text unrecorded; model text)', () => {
        const scenario = given()
          .withFunction('f')
          .withPublishedVersion('f')
          .run('UpdateFunctionConfiguration', {
            FunctionName: 'f',
            DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq' },
          })
          .advance(1_000)
          .run('PublishVersion', { FunctionName: 'f' });
        expectError(apply(scenario, '1', weights({ '2': 0.5 })), 'InvalidParameterValueException');
        // The same queue on both versions is fine.
        const same = scenario
          .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'x' })
          .advance(1_000)
          .run('PublishVersion', {
            FunctionName: 'f',
          });
        expectRight(apply(same, '2', weights({ '3': 0.5 })));
      });

      it('reports routing validation before looking the function up (step 1 first)', () => {
        const missing = given();
        const result =
          name === 'CreateAlias'
            ? missing.when('CreateAlias', {
                FunctionName: 'nope',
                Name: 'a',
                FunctionVersion: '1',
                RoutingConfig: weights({ '2': 2 }),
              })
            : missing.when('UpdateAlias', {
                FunctionName: 'nope',
                Name: 'a',
                RoutingConfig: weights({ '2': 2 }),
              });
        expectError(
          result,
          'ValidationException',
          validationOf('{2=2.0}', WEIGHT_VALUE_CONSTRAINT),
        );
      });
    });
  }

  describe('changing the routing of an existing alias (spec §4.1, §4.2)', () => {
    const canary = (): Scenario =>
      functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        FunctionVersion: '1',
        RoutingConfig: weights({ '2': 0.1 }),
      });
    const routingOf = (scenario: Scenario) =>
      expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'canary' })).RoutingConfig;

    it('keeps the routing when RoutingConfig is left out', () => {
      const scenario = canary().run('UpdateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        Description: 'more',
      });
      expect(routingOf(scenario)).toEqual({ AdditionalVersionWeights: { '2': 0.1 } });
    });

    it('replaces the weight when a new one is given', () => {
      const scenario = canary().run('UpdateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        RoutingConfig: weights({ '2': 0.5 }),
      });
      expect(routingOf(scenario)).toEqual({ AdditionalVersionWeights: { '2': 0.5 } });
    });

    it('removes routing with an empty map, and RoutingConfig is then omitted', () => {
      const scenario = canary().run('UpdateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        RoutingConfig: weights({}),
      });
      expect(
        expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'canary' })),
      ).not.toHaveProperty('RoutingConfig');
    });

    it('moves all traffic to the new version with FunctionVersion and an empty map', () => {
      const scenario = canary().run('UpdateAlias', {
        FunctionName: 'f',
        Name: 'canary',
        FunctionVersion: '2',
        RoutingConfig: weights({}),
      });
      const alias = expectRight(getAlias(scenario.state, { FunctionName: 'f', Name: 'canary' }));
      expect(alias.FunctionVersion).toBe('2');
      expect(alias).not.toHaveProperty('RoutingConfig');
    });

    it('refuses moving the primary onto the routed version while the routing stays (step 4)', () => {
      expectError(
        canary().when('UpdateAlias', { FunctionName: 'f', Name: 'canary', FunctionVersion: '2' }),
        'InvalidParameterValueException',
        alreadyIncluded('2'),
      );
    });

    it('refuses moving a routed alias to $LATEST while the routing stays (step 5)', () => {
      expectError(
        canary().when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'canary',
          FunctionVersion: '$LATEST',
        }),
        'InvalidParameterValueException',
        LATEST_ROUTING,
      );
    });

    it('refuses adding routing to an alias on $LATEST (step 5)', () => {
      const scenario = functionWithVersions(2).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'dev',
        FunctionVersion: '$LATEST',
      });
      expectError(
        scenario.when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'dev',
          RoutingConfig: weights({ '1': 0.5 }),
        }),
        'InvalidParameterValueException',
        LATEST_ROUTING,
      );
    });

    it('records the whole new configuration on the event', () => {
      const events = expectRight(
        canary().when('UpdateAlias', {
          FunctionName: 'f',
          Name: 'canary',
          RoutingConfig: weights({ '2': 0.3 }),
        }),
      );
      expect(typesOf(events)).toEqual(['AliasUpdated']);
      expect(events[0]).toMatchObject({
        functionVersion: '1',
        description: '',
        additionalVersionWeights: { '2': 0.3 },
      });
    });
  });
});
