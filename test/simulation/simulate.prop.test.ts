/**
 * The workload driver over random small scenarios: one or two functions with random behaviours,
 * configuration and traffic, and a random deployment plan that may ask AWS for what it refuses
 * (an alias on a version not published yet, a reservation beyond the account). Whatever the
 * scenario, the run never crashes, records exactly what the pure decider gives for the commands
 * it sent, reports every refusal as a declared AWS error, and charts counts of its own log.
 *
 * Each run simulates a scenario and folds it through `decide`, so the run count is kept small.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LambdaEvent } from '../../src/lambda.js';
import type { Distribution } from '../../src/simulation/sampling.js';
import type {
  Behaviour,
  PlannedChange,
  Scenario,
  ScenarioFunction,
  Traffic,
} from '../../src/simulation/scenario.js';
import { T0 } from '../support/scenario.js';
import {
  expectErrorsAccountFor,
  expectMetricsAgreeWithLog,
  logOf,
  run,
  runAgainstDecide,
} from './checks.js';

const NUM_RUNS = Math.min(20, fc.readConfigureGlobal().numRuns ?? 20);
const TIMEOUT_MS = 30_000 + 1_500 * NUM_RUNS;

const ACCOUNT = '123456789012';
const NAMES = ['f', 'g'] as const;
const DESTINATIONS = [
  `arn:aws:sqs:us-east-1:${ACCOUNT}:records`,
  `arn:aws:sns:us-east-1:${ACCOUNT}:records`,
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`,
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:g`,
  `arn:aws:lambda:us-east-1:${ACCOUNT}:function:missing`,
] as const;
/** Versions and aliases, existing or not: `2` exists only after a deploy, `3` hardly ever. */
const QUALIFIERS = ['$LATEST', '1', '2', '3', 'live'] as const;

// ---------------------------------------------------------------------------------------------
// Scenario data
// ---------------------------------------------------------------------------------------------

const distributionArb = (maxMs: number): fc.Arbitrary<Distribution> =>
  fc.oneof(
    fc.record({
      kind: fc.constant('constant' as const),
      value: fc.integer({ min: 0, max: maxMs }),
    }),
    fc
      .tuple(fc.integer({ min: 0, max: maxMs }), fc.integer({ min: 0, max: maxMs }))
      .map(([a, b]) => ({ kind: 'uniform' as const, min: Math.min(a, b), max: Math.max(a, b) })),
    fc.record({
      kind: fc.constant('exponential' as const),
      mean: fc.integer({ min: 1, max: maxMs }),
    }),
    fc.record({
      kind: fc.constant('normal' as const),
      mean: fc.integer({ min: 0, max: maxMs }),
      standardDeviation: fc.integer({ min: 0, max: maxMs }),
    }),
    fc.record({
      kind: fc.constant('lognormal' as const),
      median: fc.integer({ min: 1, max: maxMs }),
      sigma: fc.double({ min: 0, max: 1.5, noNaN: true }),
    }),
  );

const behaviourArb: fc.Arbitrary<Behaviour> = fc.record(
  {
    // Up to 4 s: past the default 3 s timeout now and then.
    durationMs: distributionArb(4_000),
    initDurationMs: distributionArb(600),
    errorRate: fc.constantFrom(0, 0.5, 1),
    responseBytes: distributionArb(200),
  },
  { requiredKeys: ['durationMs'] },
);

/** Mostly one of `usual`, now and then one of `odd` (which AWS may refuse). */
const mostly = <T>(usual: ReadonlyArray<T>, odd: ReadonlyArray<T>): fc.Arbitrary<T> =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...usual), weight: 6 },
    { arbitrary: fc.constantFrom(...odd), weight: 1 },
  );

const functionArb = (name: string): fc.Arbitrary<ScenarioFunction> =>
  fc.record(
    {
      name: fc.constant(name),
      behaviour: behaviourArb,
      timeoutSeconds: fc.integer({ min: 1, max: 5 }),
      memorySizeMb: mostly([128, 1_024], [100]), // 100: refused by CreateFunction
      architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
      publish: mostly([true], [false]),
      aliases: mostly(
        [[{ name: 'live', version: '1' }], [{ name: 'live', version: '$LATEST' }]],
        [[{ name: 'live', version: '2' }]], // no version 2 at set-up
      ),
      reservedConcurrency: mostly([2, 10], [0, 1, 5_000]), // 5,000: beyond the account
      provisionedConcurrency: mostly(
        [[{ qualifier: '1', amount: 1 }], [{ qualifier: 'live', amount: 2 }]],
        [[{ qualifier: '$LATEST', amount: 1 }]], // refused: unpublished
      ),
      asyncConfig: fc.record(
        {
          maximumRetryAttempts: fc.integer({ min: 0, max: 2 }),
          maximumEventAgeInSeconds: mostly([60, 21_600], [30]), // 30: below AWS's minimum
          onSuccess: mostly(DESTINATIONS.slice(0, 4), DESTINATIONS.slice(4)),
          onFailure: mostly(DESTINATIONS.slice(0, 4), DESTINATIONS.slice(4)),
        },
        { requiredKeys: [] },
      ),
      deadLetterTargetArn: fc.constant(`arn:aws:sqs:us-east-1:${ACCOUNT}:dlq`),
    },
    { requiredKeys: ['name', 'behaviour'] },
  );

const arrivalsArb = (durationMs: number): fc.Arbitrary<Traffic['arrivals']> => {
  const time = fc.integer({ min: 0, max: durationMs });
  // A window [fromMs, untilMs) that is not empty, or none (the whole scenario).
  const window = fc.oneof(
    fc.constant({}),
    fc.integer({ min: 0, max: durationMs - 1 }).map((fromMs) => ({ fromMs })),
    fc
      .tuple(time, time)
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ({ fromMs: Math.min(a, b), untilMs: Math.max(a, b) })),
  );
  const rate = fc.integer({ min: 0, max: 120 }).map((tenths) => tenths / 10);
  return fc.oneof(
    fc
      .tuple(fc.constantFrom('poisson' as const, 'constant' as const), rate, window)
      .map(([kind, ratePerSecond, span]) => ({ kind, ratePerSecond, ...span })),
    fc.record(
      {
        kind: fc.constant('burst' as const),
        atMs: time,
        count: fc.integer({ min: 0, max: 30 }),
        spreadMs: fc.integer({ min: 0, max: 2_000 }),
      },
      { requiredKeys: ['kind', 'atMs', 'count'] },
    ),
    fc.record(
      {
        kind: fc.constant('schedule' as const),
        steps: fc
          .uniqueArray(time, { minLength: 1, maxLength: 3 })
          .chain((times) =>
            fc.tuple(
              ...[...times]
                .sort((a, b) => a - b)
                .map((fromMs) => rate.map((ratePerSecond) => ({ fromMs, ratePerSecond }))),
            ),
          ),
        poisson: fc.boolean(),
      },
      { requiredKeys: ['kind', 'steps'] },
    ),
  );
};

const trafficArb = (names: ReadonlyArray<string>, durationMs: number): fc.Arbitrary<Traffic> =>
  fc.record(
    {
      functionName: fc.constantFrom(...names),
      qualifier: mostly(['$LATEST', '1', 'live'], ['2', '3']),
      invocationType: fc.constantFrom('RequestResponse' as const, 'Event' as const),
      arrivals: arrivalsArb(durationMs),
      payload: mostly(['{"order":1}'], ['not json']), // not JSON: refused by Invoke
    },
    { requiredKeys: ['functionName', 'arrivals'] },
  );

const changeArb = (
  functions: ReadonlyArray<ScenarioFunction>,
  durationMs: number,
): fc.Arbitrary<PlannedChange> => {
  const atMs = fc.integer({ min: 0, max: durationMs });
  const functionName = fc.constantFrom(...functions.map((f) => f.name));
  const withAlias = functions.filter((f) => (f.aliases ?? []).length > 0).map((f) => f.name);
  const changes: Array<fc.Arbitrary<PlannedChange>> = [
    fc.record({
      atMs,
      action: fc.constant('deploy' as const),
      functionName,
      behaviour: behaviourArb,
    }),
    fc.record({
      atMs,
      action: fc.constant('reserveConcurrency' as const),
      functionName,
      amount: fc.constantFrom(null, 0, 2, 5_000),
    }),
    fc.record({
      atMs,
      action: fc.constant('provisionConcurrency' as const),
      functionName,
      qualifier: fc.constantFrom(...QUALIFIERS),
      amount: fc.constantFrom(null, 1, 2),
    }),
  ];
  if (withAlias.length > 0) {
    changes.push(
      fc.oneof(
        fc.record({
          atMs,
          action: fc.constant('routeAlias' as const),
          functionName: fc.constantFrom(...withAlias),
          alias: fc.constant('live'),
          version: fc.constantFrom(...QUALIFIERS.filter((q) => q !== 'live')),
        }),
        fc.record({
          atMs,
          action: fc.constant('routeAlias' as const),
          functionName: fc.constantFrom(...withAlias),
          alias: fc.constant('live'),
          version: fc.constantFrom('1', '2'),
          additionalVersion: fc.constantFrom('1', '2', '3'),
          weight: fc.constantFrom(0, 0.25, 1),
        }),
      ),
    );
  }
  return fc.oneof(...changes);
};

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    durationMs: fc.integer({ min: 3_000, max: 12_000 }),
    count: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ durationMs, count }) =>
    fc.tuple(...NAMES.slice(0, count).map(functionArb)).chain((functions) =>
      fc.record(
        {
          startMs: fc.constant(T0),
          durationMs: fc.constant(durationMs),
          // Short delays, so that retries and allocations happen within a few seconds.
          settings: fc.record(
            {
              asyncRetryDelaysMs: fc.constant([500, 1_000]),
              provisionedConcurrencyAllocationDelayMs: fc.constantFrom(0, 1_500),
              concurrentExecutionsLimit: fc.constantFrom(2, 1_000),
              scalingRateEnvironments: mostly([1_000], [2]),
              routingSeed: fc.integer({ min: 0, max: 2 ** 31 }),
            },
            { requiredKeys: [] },
          ),
          functions: fc.constant(functions),
          plan: fc.array(changeArb(functions, durationMs), { maxLength: 4 }),
          traffic: fc.array(
            trafficArb(
              functions.map((f) => f.name),
              durationMs,
            ),
            { minLength: 1, maxLength: 2 },
          ),
          resolutionMs: fc.constantFrom(500, 1_000, 60_000),
          pricing: fc.constantFrom(false as const, { freeTier: false }, {}),
        },
        { requiredKeys: ['startMs', 'durationMs', 'functions', 'traffic'] },
      ),
    ),
  );

const seedArb = fc.integer({ min: 0, max: 2 ** 31 });

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

describe('simulate over random scenarios', () => {
  it(
    'adds no behaviour: what it records is what decide gives for the commands it sent, and replay gives its state',
    () => {
      fc.assert(
        fc.property(scenarioArb, seedArb, (scenario, seed) => {
          const { result, sent } = runAgainstDecide(scenario, seed);
          // The driver's own commands are always accepted: it completes only what runs and
          // moves the clock only forward.
          for (const { command, step } of sent) {
            if (command.type === 'CompleteInvocation' || command.type === 'AdvanceClock') {
              expect(step.result._tag, command.type).toBe('Right');
            }
          }
          expectErrorsAccountFor(result, sent);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );

  it(
    'charts counts of its own log, and gives one log per scenario and seed however it is run',
    () => {
      fc.assert(
        fc.property(scenarioArb, seedArb, (scenario, seed) => {
          const streamed: LambdaEvent[] = [];
          const result = run(scenario, seed, { onEvents: (events) => streamed.push(...events) });
          expectMetricsAgreeWithLog(result);
          expect(streamed).toEqual(logOf(result));
          // Every request the traffic sent reached the model.
          expect(result.requestsSent).toBeGreaterThanOrEqual(
            logOf(result).filter(
              (e) =>
                (e.type === 'InvocationThrottled' || e.type === 'AsyncInvocationAccepted') &&
                e.requestId.startsWith('sim-req-'),
            ).length,
          );
          const again = run(scenario, seed, { keepLog: false });
          expect(again.log).toBeUndefined();
          expect(again.eventCount).toBe(logOf(result).length);
          expect(JSON.stringify(again.timeline)).toBe(JSON.stringify(result.timeline));
          expect(JSON.stringify(again.errors)).toBe(JSON.stringify(result.errors));
          expect(again.requestsSent).toBe(result.requestsSent);
        }),
        { numRuns: NUM_RUNS },
      );
    },
    TIMEOUT_MS,
  );
});
