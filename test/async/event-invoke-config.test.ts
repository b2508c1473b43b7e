import { describe, expect, it } from 'vitest';
import type {
  FunctionEventInvokeConfigKey,
  FunctionEventInvokeConfigRequest,
} from '../../src/async/commands.js';
import type { FunctionEventInvokeConfig } from '../../src/async/queries.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  functionWithVersions,
  given,
  T0,
  type Scenario,
} from '../support/scenario.js';

/** Command metadata at the scenario's clock, or `laterMs` after it. */
const at = (s: Scenario, laterMs = 0) => ({
  now: s.nowMs + laterMs,
  requestId: `req-${String(s.nowMs + laterMs)}`,
});

const put = (s: Scenario, input: FunctionEventInvokeConfigRequest, laterMs = 0) =>
  operations.PutFunctionEventInvokeConfig(s.state, input, at(s, laterMs));
const update = (s: Scenario, input: FunctionEventInvokeConfigRequest, laterMs = 0) =>
  operations.UpdateFunctionEventInvokeConfig(s.state, input, at(s, laterMs));
const remove = (s: Scenario, input: FunctionEventInvokeConfigKey) =>
  operations.DeleteFunctionEventInvokeConfig(s.state, input, at(s));
const get = (s: Scenario, input: FunctionEventInvokeConfigKey) =>
  operations.GetFunctionEventInvokeConfig(s.state, input).result;

/** The stored config of one qualifier, as Get answers it (it must exist). */
const configOf = (s: Scenario, qualifier?: string): FunctionEventInvokeConfig =>
  expectRight(
    get(s, { FunctionName: 'f', ...(qualifier === undefined ? {} : { Qualifier: qualifier }) }),
  ).body;

const listOf = (s: Scenario): ReadonlyArray<FunctionEventInvokeConfig> =>
  expectRight(operations.ListFunctionEventInvokeConfigs(s.state, { FunctionName: 'f' }).result).body
    .FunctionEventInvokeConfigs;

/** 404 for a qualifier without a config (spec invocation §5.5). */
const noConfig = (qualifier: string): string =>
  `The function ${arnOf('f', qualifier)} doesn't have an EventInvokeConfig`;

const NO_SETTINGS = 'You must specify at least one of error handling or destination setting.';
const SELF_DESTINATION = "You can't specify the function as a destination for itself.";
const NO_FUNCTION = "The function doesn't exist.";
const QUALIFIER_MISMATCH =
  'The derived qualifier from the function name does not match the specified qualifier.';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:records';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:records';
const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const BUCKET = 'arn:aws:s3:::records-bucket';
const IAM_ROLE = 'arn:aws:iam::123456789012:role/not-a-destination';

/** `f` and a second function `g`, both Active. */
const twoFunctions = (): Scenario => given().withFunction('f').withFunction('g');

/** `f` with version 1 and alias `live` → 1. */
const withVersionAndAlias = (): Scenario =>
  functionWithVersions(1).run('CreateAlias', {
    FunctionName: 'f',
    Name: 'live',
    FunctionVersion: '1',
  });

describe('Put and its response shape (spec invocation §5.5)', () => {
  it('answers 200 with the config, the ARN qualified with :$LATEST and LastModified in epoch seconds', () => {
    const s = given().withFunction('f');
    const answer = expectRight(put(s, { FunctionName: 'f', MaximumRetryAttempts: 1 }).result);
    expect(answer).toEqual({
      statusCode: 200,
      body: {
        FunctionArn: arnOf('f', '$LATEST'),
        // The function became Active 1 s after T0; the REST protocol writes whole epoch seconds.
        LastModified: (T0 + 1_000) / 1_000,
        MaximumRetryAttempts: 1,
        DestinationConfig: { OnSuccess: {}, OnFailure: {} },
      },
    });
  });

  it('omits the numbers left unset and shows unset destinations as {}', () => {
    const s = given().withFunction('f');
    const body = expectRight(
      put(s, { FunctionName: 'f', DestinationConfig: { OnFailure: { Destination: QUEUE } } })
        .result,
    ).body;
    expect(body).not.toHaveProperty('MaximumRetryAttempts');
    expect(body).not.toHaveProperty('MaximumEventAgeInSeconds');
    expect(body.DestinationConfig).toEqual({ OnSuccess: {}, OnFailure: { Destination: QUEUE } });
  });

  it('records the whole config in one EventInvokeConfigChanged event', () => {
    const s = given().withFunction('f');
    const { events } = put(s, {
      FunctionName: 'f',
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 120,
      DestinationConfig: { OnSuccess: { Destination: TOPIC }, OnFailure: { Destination: QUEUE } },
    });
    expect(events).toEqual([
      {
        type: 'EventInvokeConfigChanged',
        functionName: 'f',
        qualifier: '$LATEST',
        config: {
          maximumRetryAttempts: 0,
          maximumEventAgeInSeconds: 120,
          onSuccess: TOPIC,
          onFailure: QUEUE,
        },
        atMs: s.nowMs,
      },
    ]);
  });

  it('stores the config under $LATEST for an unqualified name, an explicit $LATEST and a :$LATEST ARN alike', () => {
    const s = given().withFunction('f');
    for (const input of [
      { FunctionName: 'f' },
      { FunctionName: 'f', Qualifier: '$LATEST' },
      { FunctionName: arnOf('f', '$LATEST') },
      { FunctionName: arnOf('f') },
    ]) {
      const body = expectRight(put(s, { ...input, MaximumRetryAttempts: 1 }).result).body;
      expect(body.FunctionArn).toBe(arnOf('f', '$LATEST'));
    }
  });

  it('takes a DestinationConfig with no ARN as a setting, and stores no destination', () => {
    const s = given().withFunction('f');
    const body = expectRight(
      put(s, { FunctionName: 'f', DestinationConfig: { OnSuccess: {} } }).result,
    ).body;
    expect(body.DestinationConfig).toEqual({ OnSuccess: {}, OnFailure: {} });
    expect(body).not.toHaveProperty('MaximumRetryAttempts');
  });

  it('accepts the bounds: 0 and 2 retries, 60 and 21,600 seconds', () => {
    const s = given().withFunction('f');
    for (const [retries, age] of [
      [0, 60],
      [2, 21_600],
    ] as const) {
      const body = expectRight(
        put(s, { FunctionName: 'f', MaximumRetryAttempts: retries, MaximumEventAgeInSeconds: age })
          .result,
      ).body;
      expect(body).toMatchObject({ MaximumRetryAttempts: retries, MaximumEventAgeInSeconds: age });
    }
  });
});

describe('Put replaces, Update merges (spec invocation §5.5)', () => {
  it('replaces the whole config on Put: retries 0 then age 60 leaves only the age', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 });
    const body = expectRight(
      put(s, { FunctionName: 'f', MaximumEventAgeInSeconds: 60 }).result,
    ).body;
    expect(body).toMatchObject({ MaximumEventAgeInSeconds: 60 });
    expect(body).not.toHaveProperty('MaximumRetryAttempts');
    const after = s.run('PutFunctionEventInvokeConfig', {
      FunctionName: 'f',
      MaximumEventAgeInSeconds: 60,
    });
    expect(configOf(after)).not.toHaveProperty('MaximumRetryAttempts');
  });

  it('merges on Update: retries 1 keeps the age 60', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 })
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumEventAgeInSeconds: 60 });
    const answer = expectRight(update(s, { FunctionName: 'f', MaximumRetryAttempts: 1 }).result);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toMatchObject({
      FunctionArn: arnOf('f', '$LATEST'),
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 60,
    });
    const after = s.run('UpdateFunctionEventInvokeConfig', {
      FunctionName: 'f',
      MaximumRetryAttempts: 1,
    });
    expect(configOf(after)).toMatchObject({
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 60,
    });
  });

  it('drops the destinations on Put without a DestinationConfig, and keeps them on Update', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        DestinationConfig: { OnFailure: { Destination: QUEUE } },
      });
    expect(
      expectRight(update(s, { FunctionName: 'f', MaximumRetryAttempts: 0 }).result).body
        .DestinationConfig,
    ).toEqual({ OnSuccess: {}, OnFailure: { Destination: QUEUE } });
    expect(
      expectRight(put(s, { FunctionName: 'f', MaximumRetryAttempts: 0 }).result).body
        .DestinationConfig,
    ).toEqual({ OnSuccess: {}, OnFailure: {} });
  });

  it('moves LastModified to the time of the change', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 });
    const updated = expectRight(
      update(s, { FunctionName: 'f', MaximumRetryAttempts: 1 }, 5_000).result,
    );
    expect(updated.body.LastModified).toBe((s.nowMs + 5_000) / 1_000);
    expect(configOf(s).LastModified).toBe(s.nowMs / 1_000);
  });

  it('refuses Update without a config: 404 with the qualified ARN', () => {
    const s = given().withFunction('f');
    expectError(
      update(s, { FunctionName: 'f', MaximumRetryAttempts: 1 }).result,
      'ResourceNotFoundException',
      noConfig('$LATEST'),
    );
    const versioned = withVersionAndAlias();
    expectError(
      update(versioned, { FunctionName: 'f', Qualifier: 'live', MaximumRetryAttempts: 1 }).result,
      'ResourceNotFoundException',
      noConfig('live'),
    );
    expectError(
      update(versioned, { FunctionName: arnOf('f', '1'), MaximumRetryAttempts: 1 }).result,
      'ResourceNotFoundException',
      noConfig('1'),
    );
  });
});

describe('Get and Delete (spec invocation §5.5)', () => {
  it('answers Get with the stored config, unchanged by the read', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        MaximumEventAgeInSeconds: 3_600,
        DestinationConfig: { OnSuccess: { Destination: BUS } },
      });
    const { result, state, events } = operations.GetFunctionEventInvokeConfig(s.state, {
      FunctionName: 'f',
    });
    expect(expectRight(result)).toEqual({
      statusCode: 200,
      body: {
        FunctionArn: arnOf('f', '$LATEST'),
        LastModified: s.nowMs / 1_000,
        MaximumEventAgeInSeconds: 3_600,
        DestinationConfig: { OnSuccess: { Destination: BUS }, OnFailure: {} },
      },
    });
    expect(events).toEqual([]);
    expect(state).toBe(s.state);
  });

  it('answers Get and Delete without a config with 404 and the qualified ARN', () => {
    const s = withVersionAndAlias();
    for (const qualifier of ['$LATEST', '1', 'live']) {
      const key = { FunctionName: 'f', Qualifier: qualifier };
      expectError(get(s, key), 'ResourceNotFoundException', noConfig(qualifier));
      expectError(remove(s, key).result, 'ResourceNotFoundException', noConfig(qualifier));
    }
    expectError(get(s, { FunctionName: 'f' }), 'ResourceNotFoundException', noConfig('$LATEST'));
  });

  it('deletes with 204, records EventInvokeConfigDeleted, and a second Delete is 404', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 });
    const deleted = remove(s, { FunctionName: 'f' });
    expect(expectRight(deleted.result).statusCode).toBe(204);
    expect(deleted.events).toEqual([
      { type: 'EventInvokeConfigDeleted', functionName: 'f', qualifier: '$LATEST', atMs: s.nowMs },
    ]);
    const after = s.run('DeleteFunctionEventInvokeConfig', { FunctionName: 'f' });
    expectError(
      get(after, { FunctionName: 'f' }),
      'ResourceNotFoundException',
      noConfig('$LATEST'),
    );
    expectError(
      remove(after, { FunctionName: 'f' }).result,
      'ResourceNotFoundException',
      noConfig('$LATEST'),
    );
  });
});

describe('One config per qualifier, no inheritance (spec invocation §5.5)', () => {
  it('does not copy $LATEST’s config when publishing: Get on :1 is 404 with the :1 ARN', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 })
      .withPublishedVersion('f');
    expectError(
      get(s, { FunctionName: 'f', Qualifier: '1' }),
      'ResourceNotFoundException',
      noConfig('1'),
    );
    expect(configOf(s)).toMatchObject({ MaximumRetryAttempts: 0 });
  });

  it('keeps separate configs for $LATEST, a version and an alias', () => {
    const s = withVersionAndAlias()
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        MaximumEventAgeInSeconds: 120,
      })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: arnOf('f', 'live'),
        DestinationConfig: { OnFailure: { Destination: QUEUE } },
      });
    expect(configOf(s)).toEqual({
      FunctionArn: arnOf('f', '$LATEST'),
      LastModified: s.nowMs / 1_000,
      MaximumRetryAttempts: 0,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
    expect(configOf(s, '1')).toEqual({
      FunctionArn: arnOf('f', '1'),
      LastModified: s.nowMs / 1_000,
      MaximumEventAgeInSeconds: 120,
      DestinationConfig: { OnSuccess: {}, OnFailure: {} },
    });
    expect(configOf(s, 'live')).toEqual({
      FunctionArn: arnOf('f', 'live'),
      LastModified: s.nowMs / 1_000,
      DestinationConfig: { OnSuccess: {}, OnFailure: { Destination: QUEUE } },
    });
  });

  it('names a qualifier through the name, the ARN or the Qualifier member alike', () => {
    const s = withVersionAndAlias();
    for (const input of [
      { FunctionName: 'f', Qualifier: 'live' },
      { FunctionName: 'f:live' },
      { FunctionName: arnOf('f', 'live') },
      { FunctionName: arnOf('f', 'live'), Qualifier: 'live' },
    ]) {
      const body = expectRight(put(s, { ...input, MaximumRetryAttempts: 1 }).result).body;
      expect(body.FunctionArn).toBe(arnOf('f', 'live'));
    }
    expect(
      expectRight(put(s, { FunctionName: 'f:1', MaximumRetryAttempts: 1 }).result).body.FunctionArn,
    ).toBe(arnOf('f', '1'));
  });

  it('deletes only the named qualifier’s config', () => {
    const s = withVersionAndAlias()
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        MaximumRetryAttempts: 1,
      })
      .run('DeleteFunctionEventInvokeConfig', { FunctionName: 'f', Qualifier: 'live' });
    expectError(
      get(s, { FunctionName: 'f', Qualifier: 'live' }),
      'ResourceNotFoundException',
      noConfig('live'),
    );
    expect(configOf(s)).toMatchObject({ MaximumRetryAttempts: 0 });
  });
});

describe('Validation of the settings (spec invocation §5.2, §5.4, §5.5)', () => {
  const s = (): Scenario => given().withFunction('f');

  it.each([
    [
      { MaximumRetryAttempts: 3 },
      "Value '3' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 2",
    ],
    [
      { MaximumRetryAttempts: -1 },
      "Value '-1' at 'maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to 0",
    ],
    [
      { MaximumEventAgeInSeconds: 59 },
      "Value '59' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60",
    ],
    [
      { MaximumEventAgeInSeconds: 21_601 },
      "Value '21601' at 'maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600",
    ],
  ])('refuses %o with a ValidationException naming the member', (settings, violation) => {
    const scenario = s();
    for (const operation of [put, update]) {
      const refused = operation(scenario, { FunctionName: 'f', ...settings });
      expectError(
        refused.result,
        'ValidationException',
        `1 validation error detected: ${violation}`,
      );
      expect(refused.events).toEqual([]);
      expect(refused.state).toBe(scenario.state);
    }
  });

  it('reports both out-of-range members in one ValidationException', () => {
    const error = expectError(
      put(s(), { FunctionName: 'f', MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 59 }).result,
      'ValidationException',
    );
    expect(error.message).toMatch(/^2 validation errors detected: /);
    expect(error.message).toContain("at 'maximumRetryAttempts'");
    expect(error.message).toContain("at 'maximumEventAgeInSeconds'");
  });

  it('refuses a request with no setting at all: 400', () => {
    const refused = put(s(), { FunctionName: 'f' });
    expectError(refused.result, 'InvalidParameterValueException', NO_SETTINGS);
    expect(refused.events).toEqual([]);
    const configured = s().run('PutFunctionEventInvokeConfig', {
      FunctionName: 'f',
      MaximumRetryAttempts: 0,
    });
    expectError(
      update(configured, { FunctionName: 'f' }).result,
      'InvalidParameterValueException',
      NO_SETTINGS,
    );
    expect(configOf(configured)).toMatchObject({ MaximumRetryAttempts: 0 });
  });

  it('checks for a setting before the function exists (AWS answers 400 for a missing function)', () => {
    // [LS-API] test_lambda_eventinvokeconfig_exceptions, validated: Put(FunctionName="doesnotexist")
    // with no setting raises InvalidParameterValueException.
    expectError(
      put(s(), { FunctionName: 'doesnotexist' }).result,
      'InvalidParameterValueException',
      NO_SETTINGS,
    );
  });
});

describe('Validation of the destinations (spec invocation §5.5, §5.7)', () => {
  it.each([
    ['an SQS queue', QUEUE],
    ['an SNS topic', TOPIC],
    ['an EventBridge bus', BUS],
    ['another function', arnOf('g')],
    ['another function’s version', arnOf('g', '$LATEST')],
  ])('accepts %s on OnSuccess and on OnFailure', (_what, arn) => {
    const s = twoFunctions();
    const body = expectRight(
      put(s, {
        FunctionName: 'f',
        DestinationConfig: { OnSuccess: { Destination: arn }, OnFailure: { Destination: arn } },
      }).result,
    ).body;
    expect(body.DestinationConfig).toEqual({
      OnSuccess: { Destination: arn },
      OnFailure: { Destination: arn },
    });
  });

  it('accepts an S3 bucket on OnFailure only', () => {
    const s = twoFunctions();
    expect(
      expectRight(
        put(s, { FunctionName: 'f', DestinationConfig: { OnFailure: { Destination: BUCKET } } })
          .result,
      ).body.DestinationConfig,
    ).toEqual({ OnSuccess: {}, OnFailure: { Destination: BUCKET } });
    expectError(
      put(s, { FunctionName: 'f', DestinationConfig: { OnSuccess: { Destination: BUCKET } } })
        .result,
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=${BUCKET}), onFailure=null) is invalid.`,
    );
  });

  it('refuses the function as its own destination: 400', () => {
    const s = twoFunctions();
    for (const arn of [arnOf('f'), arnOf('f', '$LATEST')]) {
      for (const on of ['OnSuccess', 'OnFailure'] as const) {
        expectError(
          put(s, { FunctionName: 'f', DestinationConfig: { [on]: { Destination: arn } } }).result,
          'InvalidParameterValueException',
          SELF_DESTINATION,
        );
      }
    }
  });

  it('refuses a destination function that does not exist: 400 quoting the ARN', () => {
    const s = twoFunctions();
    const missing = arnOf('doesnotexist');
    expectError(
      put(s, { FunctionName: 'f', DestinationConfig: { OnSuccess: { Destination: missing } } })
        .result,
      'InvalidParameterValueException',
      `The destination ARN ${missing} is invalid.`,
    );
    expectError(
      put(s, { FunctionName: 'f', DestinationConfig: { OnFailure: { Destination: missing } } })
        .result,
      'InvalidParameterValueException',
      `The destination ARN ${missing} is invalid.`,
    );
  });

  it('refuses an unsupported service (iam) quoting the destination config as Java prints it', () => {
    const s = twoFunctions();
    expectError(
      put(s, { FunctionName: 'f', DestinationConfig: { OnSuccess: { Destination: IAM_ROLE } } })
        .result,
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=${IAM_ROLE}), onFailure=null) is invalid.`,
    );
    expectError(
      put(s, { FunctionName: 'f', DestinationConfig: { OnFailure: { Destination: IAM_ROLE } } })
        .result,
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=null, onFailure=OnFailure(destination=${IAM_ROLE})) is invalid.`,
    );
    expectError(
      put(s, {
        FunctionName: 'f',
        DestinationConfig: {
          OnSuccess: { Destination: QUEUE },
          OnFailure: { Destination: IAM_ROLE },
        },
      }).result,
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=OnSuccess(destination=${QUEUE}), onFailure=OnFailure(destination=${IAM_ROLE})) is invalid.`,
    );
  });

  it('refuses a malformed ARN with a ValidationException quoting the pattern', () => {
    const s = twoFunctions();
    const malformed = arnOf('g').replace(':lambda:', ':_-/!lambda:');
    for (const [on, member] of [
      ['OnSuccess', 'destinationConfig.onSuccess.destination'],
      ['OnFailure', 'destinationConfig.onFailure.destination'],
    ] as const) {
      const error = expectError(
        put(s, { FunctionName: 'f', DestinationConfig: { [on]: { Destination: malformed } } })
          .result,
        'ValidationException',
      );
      expect(error.message).toMatch(
        new RegExp(
          `^1 validation error detected: Value '${malformed.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: \\^\\$\\|`,
        ),
      );
      expect(error.message).toContain('arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:');
    }
  });

  it('applies the destination checks to Update too, leaving the config as it was', () => {
    const s = twoFunctions().run('PutFunctionEventInvokeConfig', {
      FunctionName: 'f',
      DestinationConfig: { OnFailure: { Destination: QUEUE } },
    });
    const refused = update(s, {
      FunctionName: 'f',
      DestinationConfig: { OnSuccess: { Destination: arnOf('f') } },
    });
    expectError(refused.result, 'InvalidParameterValueException', SELF_DESTINATION);
    expect(refused.state).toBe(s.state);
    expect(configOf(s).DestinationConfig).toEqual({
      OnSuccess: {},
      OnFailure: { Destination: QUEUE },
    });
  });
});

describe('Which function and qualifier (spec invocation §5.5, control-plane §1)', () => {
  it('answers 404 The function doesn’t exist. for a missing function, by name or ARN', () => {
    const s = given().withFunction('f');
    for (const name of ['doesnotexist', arnOf('doesnotexist')]) {
      expectError(
        put(s, { FunctionName: name, MaximumRetryAttempts: 1 }).result,
        'ResourceNotFoundException',
        NO_FUNCTION,
      );
      expectError(
        update(s, { FunctionName: name, MaximumRetryAttempts: 1 }).result,
        'ResourceNotFoundException',
        NO_FUNCTION,
      );
      expectError(get(s, { FunctionName: name }), 'ResourceNotFoundException');
      expectError(remove(s, { FunctionName: name }).result, 'ResourceNotFoundException');
    }
    expectError(
      operations.ListFunctionEventInvokeConfigs(s.state, { FunctionName: 'doesnotexist' }).result,
      'ResourceNotFoundException',
      NO_FUNCTION,
    );
  });

  it('answers 404 The function doesn’t exist. for a missing alias or version', () => {
    const s = withVersionAndAlias();
    for (const input of [
      { FunctionName: 'f', Qualifier: 'livedoesnotexist' },
      { FunctionName: arnOf('f', 'livedoesnotexist') },
      { FunctionName: 'f', Qualifier: '7' },
    ]) {
      expectError(
        put(s, { ...input, MaximumRetryAttempts: 1 }).result,
        'ResourceNotFoundException',
        NO_FUNCTION,
      );
    }
  });

  it('refuses a qualifier in the name that differs from Qualifier: 400', () => {
    const s = withVersionAndAlias();
    for (const input of [
      { FunctionName: 'f:1', Qualifier: '$LATEST' },
      { FunctionName: 'f:$LATEST', Qualifier: '1' },
      { FunctionName: 'f:1', Qualifier: 'live' },
      { FunctionName: arnOf('f', 'live'), Qualifier: 'livedoesnotexist' },
    ]) {
      expectError(
        put(s, { ...input, MaximumRetryAttempts: 1 }).result,
        'InvalidParameterValueException',
        QUALIFIER_MISMATCH,
      );
    }
    expect(
      expectRight(
        put(s, { FunctionName: 'f:$LATEST', Qualifier: '$LATEST', MaximumRetryAttempts: 1 }).result,
      ).body.FunctionArn,
    ).toBe(arnOf('f', '$LATEST'));
  });
});

describe('List (spec invocation §5.5)', () => {
  /** `f` with versions 1–10, alias `live` → 1, and configs on live, 10, $LATEST and 2 (in that order). */
  const configured = (): Scenario =>
    functionWithVersions(10)
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        MaximumRetryAttempts: 1,
      })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: '10',
        MaximumRetryAttempts: 1,
      })
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 1 })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        MaximumRetryAttempts: 1,
      });

  it('lists $LATEST first, then versions in number order, then aliases', () => {
    expect(listOf(configured()).map((c) => c.FunctionArn)).toEqual([
      arnOf('f', '$LATEST'),
      arnOf('f', '2'),
      arnOf('f', '10'),
      arnOf('f', 'live'),
    ]);
  });

  it('lists each config in the Get shape', () => {
    const s = configured();
    for (const config of listOf(s)) {
      const qualifier = config.FunctionArn.split(':').pop() ?? '';
      expect(config).toEqual(configOf(s, qualifier));
    }
  });

  it('answers an empty list for a function without configs', () => {
    const answer = expectRight(
      operations.ListFunctionEventInvokeConfigs(given().withFunction('f').state, {
        FunctionName: 'f',
      }).result,
    );
    expect(answer).toEqual({ statusCode: 200, body: { FunctionEventInvokeConfigs: [] } });
  });

  it('pages with MaxItems and NextMarker, and the pages add up to the whole list', () => {
    const s = configured();
    const first = expectRight(
      operations.ListFunctionEventInvokeConfigs(s.state, { FunctionName: 'f', MaxItems: 3 }).result,
    ).body;
    expect(first.FunctionEventInvokeConfigs).toHaveLength(3);
    expect(first.NextMarker).toEqual(expect.any(String));
    const rest = expectRight(
      operations.ListFunctionEventInvokeConfigs(s.state, {
        FunctionName: 'f',
        MaxItems: 3,
        ...(first.NextMarker === undefined ? {} : { Marker: first.NextMarker }),
      }).result,
    ).body;
    expect(rest).not.toHaveProperty('NextMarker');
    expect([...first.FunctionEventInvokeConfigs, ...rest.FunctionEventInvokeConfigs]).toEqual(
      listOf(s),
    );
  });

  it('refuses MaxItems outside 1–50 with a ValidationException', () => {
    const s = configured();
    for (const [maxItems, constraint] of [
      [0, 'greater than or equal to 1'],
      [51, 'less than or equal to 50'],
    ] as const) {
      expectError(
        operations.ListFunctionEventInvokeConfigs(s.state, {
          FunctionName: 'f',
          MaxItems: maxItems,
        }).result,
        'ValidationException',
        `1 validation error detected: Value '${String(maxItems)}' at 'maxItems' failed to satisfy constraint: Member must have value ${constraint}`,
      );
    }
  });

  it('gives no NextMarker when the page holds the rest exactly', () => {
    const page = expectRight(
      operations.ListFunctionEventInvokeConfigs(configured().state, {
        FunctionName: 'f',
        MaxItems: 4,
      }).result,
    ).body;
    expect(page.FunctionEventInvokeConfigs).toHaveLength(4);
    expect(page).not.toHaveProperty('NextMarker');
  });
});

describe('A config goes with its alias, version or function (spec invocation §5.5)', () => {
  /** `f` with versions 1 and 2, alias `live` → 1, and a config on $LATEST, 1, 2 and live. */
  const configured = (): Scenario =>
    functionWithVersions(2)
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .run('PutFunctionEventInvokeConfig', { FunctionName: 'f', MaximumRetryAttempts: 0 })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        MaximumRetryAttempts: 0,
      })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        MaximumRetryAttempts: 0,
      })
      .run('PutFunctionEventInvokeConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        MaximumRetryAttempts: 0,
      });

  it('removes the alias’s config when the alias is deleted, and a new alias of that name has none', () => {
    const s = configured().run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
    expect(listOf(s).map((c) => c.FunctionArn)).toEqual([
      arnOf('f', '$LATEST'),
      arnOf('f', '1'),
      arnOf('f', '2'),
    ]);
    const recreated = s.run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    expectError(
      get(recreated, { FunctionName: 'f', Qualifier: 'live' }),
      'ResourceNotFoundException',
      noConfig('live'),
    );
  });

  it('removes the version’s config when the version is deleted', () => {
    const s = configured().run('DeleteFunction', { FunctionName: 'f', Qualifier: '2' });
    expect(listOf(s).map((c) => c.FunctionArn)).toEqual([
      arnOf('f', '$LATEST'),
      arnOf('f', '1'),
      arnOf('f', 'live'),
    ]);
  });

  it('removes every config with the function: a function created again under the name has none', () => {
    const deleted = configured().run('DeleteFunction', { FunctionName: 'f' });
    expectError(
      operations.ListFunctionEventInvokeConfigs(deleted.state, { FunctionName: 'f' }).result,
      'ResourceNotFoundException',
      NO_FUNCTION,
    );
    const recreated = deleted.withFunction('f');
    expect(listOf(recreated)).toEqual([]);
    expectError(
      get(recreated, { FunctionName: 'f' }),
      'ResourceNotFoundException',
      noConfig('$LATEST'),
    );
  });
});
