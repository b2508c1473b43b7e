/**
 * What every simulation test checks, shared by the examples and the properties: a run through the
 * driver is what the pure decider gives for the same commands, and its metrics are counts of its
 * log.
 */
import { expect } from 'vitest';
import type { LambdaSettingsInput } from '../../src/kernel/settings.js';
import {
  initialState,
  replay,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../../src/lambda.js';
import { metricsOf, type MetricCounters } from '../../src/metrics/projection.js';
import type { Timeline, TimelinePoint } from '../../src/metrics/timeline.js';
import { DECLARED_ERRORS } from '../../src/operations/declared-errors.js';
import {
  simulate,
  type SimulationOptions,
  type SimulationResult,
} from '../../src/simulation/driver.js';
import type { RunnerStep } from '../../src/simulation/runner.js';
import type { Scenario } from '../../src/simulation/scenario.js';
import { expectStepAsDecided } from '../support/decided.js';

/** Runs a scenario that must be valid. */
export function run(
  scenario: Scenario,
  seed: number,
  options: SimulationOptions = {},
): SimulationResult {
  const result = simulate(scenario, seed, options);
  if (result._tag === 'Left') return expect.fail(`${result.left._tag}: ${result.left.message}`);
  return result.right;
}

/** The log of a run that kept it. */
export const logOf = (result: SimulationResult): ReadonlyArray<LambdaEvent> =>
  result.log ?? expect.fail('the run kept no log');

/** The settings the driver starts the model with: the scenario's, routed by the run's seed. */
export const settingsOf = (scenario: Scenario, seed: number): LambdaSettingsInput => ({
  ...scenario.settings,
  routingSeed: scenario.settings?.routingSeed ?? seed,
});

/** A command the driver sent, and what it did. */
export interface SentCommand {
  readonly command: LambdaCommand;
  readonly step: RunnerStep;
}

/**
 * Runs a scenario recording every command sent, then checks that the driver added no behaviour:
 * folding those commands through pure `decide` + `evolveAll` gives the same results and the same
 * events (the log, in order) and the same final state, which is also `replay` of the log.
 */
export function runAgainstDecide(
  scenario: Scenario,
  seed: number,
): { readonly result: SimulationResult; readonly sent: ReadonlyArray<SentCommand> } {
  const sent: SentCommand[] = [];
  const result = run(scenario, seed, {
    onCommand: (command, step) => {
      sent.push({ command, step });
    },
  });
  const settings = settingsOf(scenario, seed);
  let pure: LambdaState = initialState(settings);
  for (const { command, step } of sent) pure = expectStepAsDecided(command, step, pure);
  const log = logOf(result);
  expect(sent.flatMap(({ step }) => step.events)).toEqual(log);
  expect(result.eventCount).toBe(log.length);
  expect(pure).toEqual(result.state);
  expect(replay(log, settings)).toEqual(result.state);
  return { result, sent };
}

/**
 * The errors a run reports are the AWS errors its commands met: each refused command and each
 * throttled synchronous Invoke, counted once, each declared by the operation that met it.
 */
export function expectErrorsAccountFor(
  result: SimulationResult,
  sent: ReadonlyArray<SentCommand>,
): void {
  const met = new Map<string, number>();
  const add = (key: string): void => {
    met.set(key, (met.get(key) ?? 0) + 1);
  };
  for (const { command, step } of sent) {
    if (step.result._tag === 'Left') add(`${command.type}|${step.result.left._tag}`);
  }
  for (const e of logOf(result)) {
    if (e.type === 'InvocationThrottled') add('Invoke|TooManyRequestsException');
  }
  const reported = new Map<string, number>();
  for (const seen of result.errors) {
    const key = `${seen.operation}|${seen.error}`;
    reported.set(key, (reported.get(key) ?? 0) + seen.count);
    const declared: ReadonlyArray<string> =
      seen.operation in DECLARED_ERRORS
        ? DECLARED_ERRORS[seen.operation as keyof typeof DECLARED_ERRORS]
        : [];
    expect(declared, `${seen.operation} declares ${seen.error}`).toContain(seen.error);
    expect(seen.statusCode).toBeGreaterThanOrEqual(400);
  }
  expect(reported).toEqual(met);
  // Most frequent first.
  const counts = result.errors.map((e) => e.count);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
}

type Key = 'account' | `fn:${string}`;

/** The metrics one event counts in, read from the event alone. */
function countedBy(e: LambdaEvent): Counted[] {
  if (e.type === 'InvocationStarted') {
    return e.initDurationMs === undefined ? ['Invocations'] : ['Invocations', 'ColdStarts'];
  }
  if (e.type === 'InvocationCompleted') return e.outcome === 'Success' ? [] : ['Errors'];
  if (e.type === 'InvocationThrottled' || e.type === 'AsyncInvocationThrottled') {
    return ['Throttles'];
  }
  if (e.type === 'AsyncInvocationAccepted') return ['AsyncEventsReceived'];
  if (e.type === 'AsyncRetryScheduled') return ['AsyncRetries'];
  if (e.type === 'AsyncInvocationEnded') {
    return e.condition === 'Success' ? [] : ['AsyncEventsDropped'];
  }
  if (e.type === 'DeadLetterMessageSent') return ['DeadLetterMessages'];
  if (e.type === 'AsyncRecordDelivered') return ['DestinationDeliveries'];
  return [];
}

/** Counts of the log's events per metric, for the account and each function. */
function countsFromLog(log: ReadonlyArray<LambdaEvent>): Map<Key, Record<Counted, number>> {
  const counts = new Map<Key, Record<Counted, number>>();
  const bump = (functionName: string, metric: Counted): void => {
    for (const key of ['account', `fn:${functionName}`] as const) {
      const row = counts.get(key) ?? zeroCounts();
      row[metric] += 1;
      counts.set(key, row);
    }
  };
  for (const e of log) {
    for (const metric of countedBy(e)) bump(e.functionName, metric);
  }
  return counts;
}

const COUNTED = [
  'Invocations',
  'Errors',
  'Throttles',
  'ColdStarts',
  'AsyncEventsReceived',
  'AsyncRetries',
  'AsyncEventsDropped',
  'DeadLetterMessages',
  'DestinationDeliveries',
] as const;
type Counted = (typeof COUNTED)[number];

const zeroCounts = (): Record<Counted, number> =>
  Object.fromEntries(COUNTED.map((metric) => [metric, 0])) as Record<Counted, number>;

/** Σ of a count over a series. */
const total = (points: ReadonlyArray<TimelinePoint>, metric: Counted | 'Invocations'): number =>
  points.reduce((sum, p) => sum + p[metric], 0);

/** The timeline's sums of a series, for the metrics `metricsOf` also has. */
const sharedWithProjection = (
  points: ReadonlyArray<TimelinePoint>,
): Pick<
  MetricCounters,
  | 'Invocations'
  | 'Errors'
  | 'Throttles'
  | 'ColdStarts'
  | 'AsyncEventsReceived'
  | 'ConcurrentExecutions'
> => ({
  Invocations: total(points, 'Invocations'),
  Errors: total(points, 'Errors'),
  Throttles: total(points, 'Throttles'),
  ColdStarts: total(points, 'ColdStarts'),
  AsyncEventsReceived: total(points, 'AsyncEventsReceived'),
  ConcurrentExecutions: Math.max(0, ...points.map((p) => p.ConcurrentExecutions)),
});

const pick = (counters: MetricCounters): ReturnType<typeof sharedWithProjection> => ({
  Invocations: counters.Invocations,
  Errors: counters.Errors,
  Throttles: counters.Throttles,
  ColdStarts: counters.ColdStarts,
  AsyncEventsReceived: counters.AsyncEventsReceived,
  ConcurrentExecutions: counters.ConcurrentExecutions,
});

/**
 * The run's timeline agrees with its log: its sums are the counts of the log's events (per
 * account and function), and equal `metricsOf(log)` where both have the metric (per account,
 * function, executed version and alias); every series has one point per bucket.
 */
export function expectMetricsAgreeWithLog(result: SimulationResult): void {
  const log = logOf(result);
  const timeline: Timeline = result.timeline;
  const buckets = (timeline.endMs - timeline.startMs) / timeline.resolutionMs;
  expect(Number.isInteger(buckets)).toBe(true);
  // Every event falls in a bucket.
  for (const e of log) expect(e.atMs).toBeLessThan(timeline.endMs);
  const counted = countsFromLog(log);
  const series: Array<[Key, ReadonlyArray<TimelinePoint>]> = [
    ['account', timeline.account],
    ...Object.entries(timeline.byFunction).map(([fn, points]): [Key, typeof points] => [
      `fn:${fn}`,
      points,
    ]),
  ];
  for (const [key, points] of series) {
    expect(points).toHaveLength(buckets);
    const sums = Object.fromEntries(COUNTED.map((metric) => [metric, total(points, metric)]));
    expect(sums, key).toEqual(counted.get(key) ?? zeroCounts());
  }
  const metrics = metricsOf(log);
  expect(sharedWithProjection(timeline.account)).toEqual(pick(metrics.account));
  const throttlesByReason = (points: ReadonlyArray<TimelinePoint>): Record<string, number> => {
    const byReason: Record<string, number> = {};
    for (const p of points) {
      for (const [reason, n] of Object.entries(p.ThrottlesByReason)) {
        byReason[reason] = (byReason[reason] ?? 0) + n;
      }
    }
    return byReason;
  };
  expect(throttlesByReason(timeline.account)).toEqual(metrics.account.ThrottlesByReason);
  for (const dimension of ['byFunction', 'byVersion', 'byAlias'] as const) {
    const projected = metrics[dimension];
    const drawn = timeline[dimension];
    for (const [key, counters] of Object.entries(projected)) {
      const points = drawn[key] ?? expect.fail(`${dimension} has no series ${key}`);
      expect(points).toHaveLength(buckets);
      expect(sharedWithProjection(points), `${dimension} ${key}`).toEqual(pick(counters));
      expect(throttlesByReason(points)).toEqual(counters.ThrottlesByReason);
    }
    // A series the projection does not have (a provisioned qualifier never invoked) counts nothing.
    for (const [key, points] of Object.entries(drawn)) {
      if (key in projected) continue;
      expect(total(points, 'Invocations') + total(points, 'Throttles'), key).toBe(0);
    }
  }
}
