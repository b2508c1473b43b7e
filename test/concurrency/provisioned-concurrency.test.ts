import { describe, expect, it } from 'vitest';
import type { InvocationStarted } from '../../src/invocation/events.js';
import type { LambdaEvent } from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  functionWithVersions,
  given,
  typesOf,
  type Scenario,
  expectNoMember,
} from '../support/scenario.js';

/** The default `provisionedConcurrencyAllocationDelayMs`. */
const DELAY = 60_000;

const LATEST_PUT =
  'Provisioned Concurrency Configs cannot be applied to unpublished function versions.';
const LATEST_READ = 'The function resource provided must be an alias or a published version.';
const NOT_FOUND = 'No Provisioned Concurrency Config found for this function';
const ALIAS_ON_PROVISIONED_VERSION =
  "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version";
const VERSION_UNDER_PROVISIONED_ALIAS = 'Version is pointed by a Provisioned Concurrency alias';
const WEIGHTED_ALIAS = 'Alias with weights can not be used with Provisioned Concurrency';
const OVER_RESERVED =
  'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function';
const OVER_UNRESERVED = (limit: number): string =>
  `Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${String(limit)}].`;
const BELOW_MINIMUM = (minimum: number): string =>
  `Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${String(minimum)}].`;

/** Command metadata at the scenario's clock. */
const at = (s: Scenario) => ({ now: s.nowMs, requestId: `req-${String(s.nowMs)}` });

/** Puts a config on `f` (it must be accepted). */
const provision = (s: Scenario, qualifier: string, executions: number): Scenario =>
  s.run('PutProvisionedConcurrencyConfig', {
    FunctionName: 'f',
    Qualifier: qualifier,
    ProvisionedConcurrentExecutions: executions,
  });

const configOf = (s: Scenario, qualifier: string) =>
  expectRight(
    operations.GetProvisionedConcurrencyConfig(s.state, { FunctionName: 'f', Qualifier: qualifier })
      .result,
  ).body;

const listOf = (s: Scenario, functionName = 'f') =>
  expectRight(
    operations.ListProvisionedConcurrencyConfigs(s.state, { FunctionName: functionName }).result,
  ).body.ProvisionedConcurrencyConfigs;

const unreserved = (s: Scenario): number =>
  expectRight(operations.GetAccountSettings(s.state, {}).result).body.AccountLimit
    .UnreservedConcurrentExecutions;

const isStarted = (e: LambdaEvent): e is InvocationStarted => e.type === 'InvocationStarted';

/** The InvocationStarted an Invoke decided at this clock records (it must start). */
const startOf = (s: Scenario, requestId: string, qualifier?: string): InvocationStarted => {
  const events = expectRight(
    s.whenInvoked(requestId, {
      FunctionName: 'f',
      ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    }),
  );
  expect(typesOf(events)).toEqual(['InvocationStarted']);
  const started = events.find(isStarted);
  if (started === undefined) return expect.fail('no InvocationStarted');
  return started;
};

/** Versions 1 and 2 of `f`, Active, at T0 + 3 s. */
const twoVersions = (): Scenario => functionWithVersions(2);

describe('PutProvisionedConcurrencyConfig and GetProvisionedConcurrencyConfig (spec invocation §3.4)', () => {
  it('answers 202 IN_PROGRESS with nothing allocated, then READY with all of it after the allocation delay', () => {
    const s = functionWithVersions(1);
    const put = operations.PutProvisionedConcurrencyConfig(
      s.state,
      { FunctionName: 'f', Qualifier: '1', ProvisionedConcurrentExecutions: 3 },
      at(s),
    );
    expect(expectRight(put.result)).toEqual({
      statusCode: 202,
      body: {
        RequestedProvisionedConcurrentExecutions: 3,
        AllocatedProvisionedConcurrentExecutions: 0,
        AvailableProvisionedConcurrentExecutions: 0,
        Status: 'IN_PROGRESS',
        LastModified: '2026-01-01T00:00:02.000+0000',
      },
    });
    expect(typesOf(put.events)).toEqual(['ProvisionedConcurrencyRequested']);

    const requested = provision(s, '1', 3);
    expect(configOf(requested.advance(DELAY - 1), '1')).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 3,
      AllocatedProvisionedConcurrentExecutions: 0,
      AvailableProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
    });
    const ready = requested.advance(DELAY);
    expect(configOf(ready, '1')).toEqual({
      RequestedProvisionedConcurrentExecutions: 3,
      AllocatedProvisionedConcurrentExecutions: 3,
      AvailableProvisionedConcurrentExecutions: 3,
      Status: 'READY',
      LastModified: '2026-01-01T00:00:02.000+0000',
    });
    expect(typesOf(ready.log.slice(requested.log.length))).toEqual([
      'ProvisionedConcurrencyAllocated',
    ]);
  });

  it('provisions an alias: the config is on the alias and becomes READY after the delay', () => {
    const s = functionWithVersions(1).run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    const put = operations.PutProvisionedConcurrencyConfig(
      s.state,
      { FunctionName: 'f', Qualifier: 'live', ProvisionedConcurrentExecutions: 2 },
      at(s),
    );
    const answer = expectRight(put.result);
    expect(answer.statusCode).toBe(202);
    expect(answer.body).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 2,
      Status: 'IN_PROGRESS',
    });
    const ready = provision(s, 'live', 2).advance(DELAY);
    expect(configOf(ready, 'live')).toMatchObject({
      AllocatedProvisionedConcurrentExecutions: 2,
      AvailableProvisionedConcurrentExecutions: 2,
      Status: 'READY',
    });
    // The config belongs to the alias, not to the version it points at.
    expectError(
      ready.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceConflictException',
      VERSION_UNDER_PROVISIONED_ALIAS,
    );
    expectError(
      operations.GetProvisionedConcurrencyConfig(ready.state, { FunctionName: 'f', Qualifier: '1' })
        .result,
      'ProvisionedConcurrencyConfigNotFoundException',
      NOT_FOUND,
    );
  });

  it('refuses $LATEST: Put with the unpublished text, Get and Delete with the alias-or-version text', () => {
    const s = functionWithVersions(1);
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '$LATEST',
        ProvisionedConcurrentExecutions: 1,
      }),
      'InvalidParameterValueException',
      LATEST_PUT,
    );
    expectError(
      operations.GetProvisionedConcurrencyConfig(s.state, {
        FunctionName: 'f',
        Qualifier: '$LATEST',
      }).result,
      'InvalidParameterValueException',
      LATEST_READ,
    );
    expectError(
      s.when('DeleteProvisionedConcurrencyConfig', { FunctionName: 'f', Qualifier: '$LATEST' }),
      'InvalidParameterValueException',
      LATEST_READ,
    );
  });

  it('validates ProvisionedConcurrentExecutions ≥ 1 and a Qualifier', () => {
    const s = functionWithVersions(1);
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 0,
      }),
      'ValidationException',
      "1 validation error detected: Value '0' at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
    );
    const noQualifier = { FunctionName: 'f', ProvisionedConcurrentExecutions: 1 } as {
      FunctionName: string;
      Qualifier: string;
      ProvisionedConcurrentExecutions: number;
    };
    expectError(
      s.when('PutProvisionedConcurrencyConfig', noQualifier),
      'ValidationException',
      "1 validation error detected: Value null at 'qualifier' failed to satisfy constraint: Member must not be null",
    );
  });

  it('answers 404 for a missing function and `Function not found: <qualified arn>` for a missing version', () => {
    const missingFunction = expectError(
      given().when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'ghost',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceNotFoundException',
    );
    expect(missingFunction.statusCode).toBe(404);
    expect(missingFunction.message).toMatch(/^Function not found: /);
    expect(missingFunction.message.startsWith(`Function not found: ${arnOf('ghost')}`)).toBe(true);

    const s = functionWithVersions(1);
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '7',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '7')}`,
    );
    expectError(
      operations.GetProvisionedConcurrencyConfig(s.state, { FunctionName: 'f', Qualifier: '7' })
        .result,
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '7')}`,
    );
  });

  it('Get without a config: 404 ProvisionedConcurrencyConfigNotFoundException', () => {
    const error = expectError(
      operations.GetProvisionedConcurrencyConfig(functionWithVersions(1).state, {
        FunctionName: 'f',
        Qualifier: '1',
      }).result,
      'ProvisionedConcurrencyConfigNotFoundException',
      NOT_FOUND,
    );
    expect(error.statusCode).toBe(404);
  });
});

describe('one config per version (spec invocation §3.4)', () => {
  const withAlias = (): Scenario =>
    functionWithVersions(1).run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });

  it('409 for an alias config when the version already has one', () => {
    const s = provision(withAlias(), '1', 1);
    const error = expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceConflictException',
      ALIAS_ON_PROVISIONED_VERSION,
    );
    expect(error.statusCode).toBe(409);
  });

  it('409 for a version config when a provisioned alias points to it', () => {
    const s = provision(withAlias(), 'live', 1);
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceConflictException',
      VERSION_UNDER_PROVISIONED_ALIAS,
    );
  });

  it('409 for a second alias on the same version: two aliases cannot both provision it', () => {
    const s = provision(
      withAlias().run('CreateAlias', { FunctionName: 'f', Name: 'blue', FunctionVersion: '1' }),
      'live',
      1,
    );
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: 'blue',
        ProvisionedConcurrentExecutions: 1,
      }),
      'ResourceConflictException',
      ALIAS_ON_PROVISIONED_VERSION,
    );
  });

  it('replacing the same qualifier’s config is allowed and restarts the allocation', () => {
    const ready = provision(withAlias(), 'live', 1).advance(DELAY);
    expect(configOf(ready, 'live').Status).toBe('READY');
    const replaced = provision(ready, 'live', 4);
    expect(configOf(replaced, 'live')).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 4,
      AllocatedProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
    });
    expect(listOf(replaced)).toHaveLength(1);
    expect(configOf(replaced.advance(DELAY), 'live')).toMatchObject({
      AllocatedProvisionedConcurrentExecutions: 4,
      Status: 'READY',
    });
    const version = provision(provision(functionWithVersions(1), '1', 1), '1', 2);
    expect(configOf(version, '1').RequestedProvisionedConcurrentExecutions).toBe(2);
  });

  it('400 for a weighted alias', () => {
    const s = twoVersions().run('CreateAlias', {
      FunctionName: 'f',
      Name: 'canary',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
    });
    const error = expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: 'canary',
        ProvisionedConcurrentExecutions: 1,
      }),
      'InvalidParameterValueException',
      WEIGHTED_ALIAS,
    );
    expect(error.statusCode).toBe(400);
  });
});

describe('provisioned-concurrency limits (spec invocation §3.2–§3.4)', () => {
  it('with reserved R: the function’s total PC may not exceed R; its own config is not counted on replace', () => {
    const s = provision(
      twoVersions().run('PutFunctionConcurrency', {
        FunctionName: 'f',
        ReservedConcurrentExecutions: 5,
      }),
      '1',
      3,
    );
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        ProvisionedConcurrentExecutions: 2,
      }),
    );
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        ProvisionedConcurrentExecutions: 3,
      }),
      'InvalidParameterValueException',
      OVER_RESERVED,
    );
    // Replacing version 1's 3 by 5 uses the whole reservation: the old 3 does not count.
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 5,
      }),
    );
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 6,
      }),
      'InvalidParameterValueException',
      OVER_RESERVED,
    );
  });

  it('with reserved R, PC may take all of R even when the unreserved pool is at its minimum', () => {
    const s = twoVersions()
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 900 })
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 900,
      });
    expect(unreserved(s)).toBe(100);
  });

  it('without reserved: more than the unreserved pool quotes the account limit', () => {
    const s = functionWithVersions(1);
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1_001,
      }),
      'InvalidParameterValueException',
      OVER_UNRESERVED(1_000),
    );
    const small = given({ concurrentExecutionsLimit: 500 })
      .withFunction('f')
      .withPublishedVersion('f');
    expectError(
      small.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 501,
      }),
      'InvalidParameterValueException',
      OVER_UNRESERVED(500),
    );
  });

  it('without reserved: leaving less than 100 unreserved is refused; exactly 100 is allowed', () => {
    const s = functionWithVersions(1);
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 900,
      }),
    );
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 901,
      }),
      'InvalidParameterValueException',
      BELOW_MINIMUM(100),
    );
  });

  it('without reserved: other functions’ reservations and PC count, the config being replaced does not', () => {
    const s = provision(
      functionWithVersions(2)
        .withFunction('g')
        .run('PutFunctionConcurrency', { FunctionName: 'g', ReservedConcurrentExecutions: 300 }),
      '1',
      400,
    );
    expect(unreserved(s)).toBe(300);
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        ProvisionedConcurrentExecutions: 200,
      }),
    );
    expectError(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '2',
        ProvisionedConcurrentExecutions: 201,
      }),
      'InvalidParameterValueException',
      BELOW_MINIMUM(100),
    );
    expectRight(
      s.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 600,
      }),
    );
  });

  it('GetAccountSettings: PC of a function without reservation leaves the pool, PC inside a reservation does not', () => {
    const f = provision(functionWithVersions(1), '1', 100);
    expect(unreserved(f)).toBe(900);
    const g = f
      .withFunction('g')
      .withPublishedVersion('g')
      .run('PutFunctionConcurrency', { FunctionName: 'g', ReservedConcurrentExecutions: 200 })
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'g',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 50,
      });
    expect(unreserved(g)).toBe(700);
    // Reserving for f moves its PC inside the reservation: 1,000 − 150 − 200.
    const reserved = g.run('PutFunctionConcurrency', {
      FunctionName: 'f',
      ReservedConcurrentExecutions: 150,
    });
    expect(unreserved(reserved)).toBe(650);
    // Releasing it puts its PC back against the pool.
    expect(unreserved(reserved.run('DeleteFunctionConcurrency', { FunctionName: 'f' }))).toBe(700);
  });

  it('PutFunctionConcurrency below the function’s total PC: AWS’s verbatim text', () => {
    const s = provision(provision(twoVersions(), '1', 1), '2', 1);
    expectError(
      s.when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      " ReservedConcurrentExecutions  1 should not be lower than function's total provisioned concurrency [2].",
    );
    expectRight(
      s.when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 2 }),
    );
  });
});

describe('DeleteProvisionedConcurrencyConfig (spec invocation §3.4)', () => {
  it('removes the config (204): List is empty and the unreserved pool is restored', () => {
    const s = provision(functionWithVersions(1), '1', 10).advance(DELAY);
    expect(unreserved(s)).toBe(990);
    const deleted = operations.DeleteProvisionedConcurrencyConfig(
      s.state,
      { FunctionName: 'f', Qualifier: '1' },
      at(s),
    );
    expect(expectRight(deleted.result).statusCode).toBe(204);
    expect(typesOf(deleted.events)).toEqual(['ProvisionedConcurrencyRemoved']);
    const after = s.run('DeleteProvisionedConcurrencyConfig', {
      FunctionName: 'f',
      Qualifier: '1',
    });
    expect(listOf(after)).toEqual([]);
    expect(unreserved(after)).toBe(1_000);
    expectError(
      operations.GetProvisionedConcurrencyConfig(after.state, { FunctionName: 'f', Qualifier: '1' })
        .result,
      'ProvisionedConcurrencyConfigNotFoundException',
      NOT_FOUND,
    );
    expect(startOf(after, 'r1', '1').initializationType).toBe('on-demand');
  });

  it('answers 204 and records nothing when there is no config', () => {
    const s = functionWithVersions(1);
    const deleted = operations.DeleteProvisionedConcurrencyConfig(
      s.state,
      { FunctionName: 'f', Qualifier: '1' },
      at(s),
    );
    expect(expectRight(deleted.result).statusCode).toBe(204);
    expect(deleted.events).toEqual([]);
  });

  it('deleting the alias removes its config, and the version can then be provisioned', () => {
    const s = provision(
      functionWithVersions(1).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      }),
      'live',
      10,
    ).advance(DELAY);
    const deleted = s.run('DeleteAlias', { FunctionName: 'f', Name: 'live' });
    expect(listOf(deleted)).toEqual([]);
    expect(unreserved(deleted)).toBe(1_000);
    expect(startOf(deleted, 'r1', '1').initializationType).toBe('on-demand');
    expectRight(
      deleted.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
    );
  });

  it('deleting the function removes its configs', () => {
    const s = provision(functionWithVersions(1), '1', 10)
      .advance(DELAY)
      .run('DeleteFunction', { FunctionName: 'f' });
    expect(unreserved(s)).toBe(1_000);
    expectError(
      operations.ListProvisionedConcurrencyConfigs(s.state, { FunctionName: 'f' }).result,
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f')}`,
    );
    const recreated = s.withFunction('f').withPublishedVersion('f');
    expect(listOf(recreated)).toEqual([]);
  });
});

describe('ListProvisionedConcurrencyConfigs (spec invocation §3.4)', () => {
  const threeConfigs = (): Scenario => {
    const s = functionWithVersions(10).run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    return provision(provision(provision(s, 'live', 1), '10', 2), '2', 3);
  };

  it('lists versions (in version order) then aliases, each with its qualified FunctionArn', () => {
    const s = threeConfigs();
    const configs = listOf(s);
    expect(configs.map((c) => c.FunctionArn)).toEqual([
      arnOf('f', '2'),
      arnOf('f', '10'),
      arnOf('f', 'live'),
    ]);
    expect(configs[0]).toEqual({
      FunctionArn: arnOf('f', '2'),
      RequestedProvisionedConcurrentExecutions: 3,
      AllocatedProvisionedConcurrentExecutions: 0,
      AvailableProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
      LastModified: configOf(s, '2').LastModified,
    });
    expect(listOf(s.advance(DELAY)).map((c) => c.Status)).toEqual(['READY', 'READY', 'READY']);
  });

  it('pages with MaxItems and NextMarker', () => {
    const s = threeConfigs();
    const page = (Marker?: string) =>
      expectRight(
        operations.ListProvisionedConcurrencyConfigs(s.state, {
          FunctionName: 'f',
          MaxItems: 2,
          ...(Marker === undefined ? {} : { Marker }),
        }).result,
      ).body;
    const first = page();
    expect(first.ProvisionedConcurrencyConfigs.map((c) => c.FunctionArn)).toEqual([
      arnOf('f', '2'),
      arnOf('f', '10'),
    ]);
    expect(first.NextMarker).toEqual(expect.any(String));
    const second = page(first.NextMarker);
    expect(second.ProvisionedConcurrencyConfigs.map((c) => c.FunctionArn)).toEqual([
      arnOf('f', 'live'),
    ]);
    expect(second).not.toHaveProperty('NextMarker');
  });

  it('refuses MaxItems 51 (1–50)', () => {
    expectError(
      operations.ListProvisionedConcurrencyConfigs(functionWithVersions(1).state, {
        FunctionName: 'f',
        MaxItems: 51,
      }).result,
      'ValidationException',
      "1 validation error detected: Value '51' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
  });
});

describe('admission with provisioned concurrency (spec invocation §3.4, §3.6)', () => {
  it('a READY config serves the version on a provisioned environment, warm, with no init', () => {
    const s = provision(functionWithVersions(1), '1', 1).advance(DELAY);
    const started = startOf(s, 'r1', '1');
    expect(started).toMatchObject({
      executedVersion: '1',
      initializationType: 'provisioned-concurrency',
      newEnvironment: false,
      spillover: false,
    });
    expectNoMember(started, 'initDurationMs');
    // $LATEST is not provisioned: it runs on demand with a cold start.
    const latest = startOf(s, 'r2');
    expect(latest).toMatchObject({ initializationType: 'on-demand', newEnvironment: true });
    expect(latest.initDurationMs).toBe(200);
  });

  it('a config on an alias serves both the alias and direct invocations of its version', () => {
    const s = provision(
      functionWithVersions(1).run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      }),
      'live',
      1,
    ).advance(DELAY);
    expect(startOf(s, 'r1', 'live')).toMatchObject({
      executedVersion: '1',
      initializationType: 'provisioned-concurrency',
      spillover: false,
    });
    expect(startOf(s, 'r1', '1')).toMatchObject({
      executedVersion: '1',
      initializationType: 'provisioned-concurrency',
      spillover: false,
    });
    expect(startOf(s, 'r1').initializationType).toBe('on-demand');
  });

  it('an IN_PROGRESS config serves nothing: on demand, not a spillover, until the very end of the delay', () => {
    const requested = provision(functionWithVersions(1), '1', 5);
    for (const s of [requested, requested.advance(DELAY - 1)]) {
      expect(startOf(s, 'r1', '1')).toMatchObject({
        initializationType: 'on-demand',
        newEnvironment: true,
        spillover: false,
      });
    }
    expect(startOf(requested.advance(DELAY), 'r1', '1').initializationType).toBe(
      'provisioned-concurrency',
    );
  });

  it('with every provisioned environment busy, the next request spills over to on-demand', () => {
    const s = provision(functionWithVersions(1), '1', 1)
      .advance(DELAY)
      .invoke('r1', { FunctionName: 'f', Qualifier: '1' });
    const spilled = startOf(s, 'r2', '1');
    expect(spilled).toMatchObject({
      initializationType: 'on-demand',
      newEnvironment: true,
      spillover: true,
    });
    expect(spilled.initDurationMs).toBe(200);
    // Once r1 is done its provisioned environment serves again.
    const freed = s.advance(100).complete('r1', { durationMs: 100 });
    expect(startOf(freed, 'r3', '1')).toMatchObject({
      initializationType: 'provisioned-concurrency',
      spillover: false,
    });
  });

  it('reserved 2 = PC 2 on version 1: $LATEST throttles (429) while version 1 runs on PC', () => {
    const s = provision(
      functionWithVersions(1).run('PutFunctionConcurrency', {
        FunctionName: 'f',
        ReservedConcurrentExecutions: 2,
      }),
      '1',
      2,
    ).advance(DELAY);

    const latest = operations.Invoke(s.state, { FunctionName: 'f' }, at(s));
    const throttle = expectError(latest.result, 'TooManyRequestsException', 'Rate Exceeded.');
    expect(throttle.statusCode).toBe(429);
    expect(throttle.reason).toBe('ReservedFunctionConcurrentInvocationLimitExceeded');
    expect(latest.events).toEqual([
      expect.objectContaining({
        type: 'InvocationThrottled',
        functionName: 'f',
        executedVersion: '$LATEST',
        reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
      }),
    ]);

    const first = operations.Invoke(
      s.state,
      { FunctionName: 'f', Qualifier: '1' },
      { now: s.nowMs, requestId: 'v1-a' },
    );
    expect(expectRight(first.result)).toMatchObject({
      statusCode: 200,
      body: { StatusCode: 200, ExecutedVersion: '1' },
    });
    expect(first.events.find(isStarted)?.initializationType).toBe('provisioned-concurrency');
    const second = operations.Invoke(
      first.state,
      { FunctionName: 'f', Qualifier: '1' },
      { now: s.nowMs, requestId: 'v1-b' },
    );
    expect(second.events.find(isStarted)?.initializationType).toBe('provisioned-concurrency');
    // Both provisioned environments busy: the reservation has nothing left for a spillover.
    const third = operations.Invoke(
      second.state,
      { FunctionName: 'f', Qualifier: '1' },
      { now: s.nowMs, requestId: 'v1-c' },
    );
    expect(expectError(third.result, 'TooManyRequestsException', 'Rate Exceeded.').reason).toBe(
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
  });
});

describe('moving a provisioned alias (spec invocation §3.4)', () => {
  it('puts the config back IN_PROGRESS for the new version, READY after the delay', () => {
    const ready = provision(
      twoVersions().run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' }),
      'live',
      2,
    ).advance(DELAY);
    expect(configOf(ready, 'live').Status).toBe('READY');

    const moved = ready.run('UpdateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '2',
    });
    expect(configOf(moved, 'live')).toMatchObject({
      RequestedProvisionedConcurrentExecutions: 2,
      AllocatedProvisionedConcurrentExecutions: 0,
      AvailableProvisionedConcurrentExecutions: 0,
      Status: 'IN_PROGRESS',
    });
    // The old version is deallocated and the new one is not allocated yet.
    expect(startOf(moved, 'r1', '1').initializationType).toBe('on-demand');
    expect(startOf(moved, 'r1', 'live')).toMatchObject({
      executedVersion: '2',
      initializationType: 'on-demand',
      spillover: false,
    });
    expect(configOf(moved.advance(DELAY - 1), 'live').Status).toBe('IN_PROGRESS');

    const reallocated = moved.advance(DELAY);
    expect(configOf(reallocated, 'live')).toMatchObject({
      AllocatedProvisionedConcurrentExecutions: 2,
      AvailableProvisionedConcurrentExecutions: 2,
      Status: 'READY',
    });
    expect(startOf(reallocated, 'r1', 'live')).toMatchObject({
      executedVersion: '2',
      initializationType: 'provisioned-concurrency',
    });
    expect(startOf(reallocated, 'r1', '2').initializationType).toBe('provisioned-concurrency');
    expect(startOf(reallocated, 'r1', '1').initializationType).toBe('on-demand');
    // The version it left can now be provisioned on its own.
    expectRight(
      reallocated.when('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      }),
    );
  });
});
