/**
 * Metrics as a projection of the log: a fold of the invocation events into CloudWatch-style
 * counters per function, per executed version and per alias (spec invocation §2, §3.4, §3.7, §4).
 * It reads events only, so any log — replayed, streamed, cut in pieces — gives the same figures.
 *
 * Metric names follow CloudWatch's `AWS/Lambda` namespace where one exists (`Invocations`,
 * `Errors`, `Throttles`, `ConcurrentExecutions`, `ProvisionedConcurrencyInvocations`,
 * `ProvisionedConcurrencySpilloverInvocations`, `AsyncEventsReceived`); `ColdStarts` and the
 * duration sums are the model's own.
 *
 * @module
 */
import type { ThrottleReason } from '../kernel/errors.js';
import type { LambdaEvent } from '../lambda.js';
import type { Writable } from '../kernel/evolve.js';

/** The counters of one dimension value (a function, a function version, or an alias). */
export interface MetricCounters {
  /** Invocations that ran (throttled ones are not counted, as in CloudWatch). */
  readonly Invocations: number;
  /** Invocations that ended in a function error, a timeout or an oversized response. */
  readonly Errors: number;
  /** Requests refused with 429. */
  readonly Throttles: number;
  /** `Throttles` split by the `Reason` AWS gives. */
  readonly ThrottlesByReason: Readonly<Partial<Record<ThrottleReason, number>>>;
  /** Invocations that ran init: a new environment, or one reset after a failure. */
  readonly ColdStarts: number;
  /** Invocations served by a provisioned environment. */
  readonly ProvisionedConcurrencyInvocations: number;
  /** Invocations that ran on demand because every provisioned environment was busy. */
  readonly ProvisionedConcurrencySpilloverInvocations: number;
  /** The most invocations running at once (the peak of CloudWatch's `ConcurrentExecutions`). */
  readonly ConcurrentExecutions: number;
  /** Invocations running at the end of the log. */
  readonly RunningExecutions: number;
  /** `Event` invocations accepted into the internal queue. */
  readonly AsyncEventsReceived: number;
  /** Σ handler duration, Σ billed duration and Σ init duration of completed invocations, in ms. */
  readonly DurationSumMs: number;
  readonly BilledDurationSumMs: number;
  readonly InitDurationSumMs: number;
}

/** The whole projection. Keys: `fn`, `fn:version` (ExecutedVersion) and `fn:alias`. */
export interface InvocationMetrics {
  /** Every function together: the account-level figures. */
  readonly account: MetricCounters;
  readonly byFunction: Readonly<Record<string, MetricCounters>>;
  readonly byVersion: Readonly<Record<string, MetricCounters>>;
  readonly byAlias: Readonly<Record<string, MetricCounters>>;
}

type Counters = Writable<MetricCounters>;

const zero = (): Counters => ({
  Invocations: 0,
  Errors: 0,
  Throttles: 0,
  ThrottlesByReason: {},
  ColdStarts: 0,
  ProvisionedConcurrencyInvocations: 0,
  ProvisionedConcurrencySpilloverInvocations: 0,
  ConcurrentExecutions: 0,
  RunningExecutions: 0,
  AsyncEventsReceived: 0,
  DurationSumMs: 0,
  BilledDurationSumMs: 0,
  InitDurationSumMs: 0,
});

const copy = (counters: MetricCounters): Counters => ({
  ...counters,
  ThrottlesByReason: { ...counters.ThrottlesByReason },
});

/** No event yet. */
export function emptyMetrics(): InvocationMetrics {
  return { account: zero(), byFunction: {}, byVersion: {}, byAlias: {} };
}

interface Accumulator {
  readonly account: Counters;
  readonly byFunction: Record<string, Counters>;
  readonly byVersion: Record<string, Counters>;
  readonly byAlias: Record<string, Counters>;
}

function counterIn(table: Record<string, Counters>, key: string): Counters {
  let counters = table[key];
  if (counters === undefined) {
    counters = zero();
    table[key] = counters;
  }
  return counters;
}

/** The counters an event about `functionName`, `version` and maybe an alias updates. */
function dimensions(
  acc: Accumulator,
  e: {
    readonly functionName: string;
    readonly executedVersion: string;
    readonly aliasName?: string | undefined;
  },
): Counters[] {
  const touched = [
    acc.account,
    counterIn(acc.byFunction, e.functionName),
    counterIn(acc.byVersion, `${e.functionName}:${e.executedVersion}`),
  ];
  if (e.aliasName !== undefined)
    touched.push(counterIn(acc.byAlias, `${e.functionName}:${e.aliasName}`));
  return touched;
}

/** What each invocation event adds; control-plane and clock events carry no metric. */
const recorders: {
  readonly [K in LambdaEvent['type']]?: (
    acc: Accumulator,
    event: Extract<LambdaEvent, { readonly type: K }>,
  ) => void;
} = {
  InvocationStarted: (acc, e) => {
    for (const c of dimensions(acc, e)) {
      c.Invocations += 1;
      c.RunningExecutions += 1;
      c.ConcurrentExecutions = Math.max(c.ConcurrentExecutions, c.RunningExecutions);
      if (e.initDurationMs !== undefined) c.ColdStarts += 1;
      if (e.initializationType === 'provisioned-concurrency') {
        c.ProvisionedConcurrencyInvocations += 1;
      }
      if (e.spillover) c.ProvisionedConcurrencySpilloverInvocations += 1;
    }
  },
  InvocationCompleted: (acc, e) => {
    for (const c of dimensions(acc, e)) {
      c.RunningExecutions -= 1;
      if (e.outcome !== 'Success') c.Errors += 1;
      c.DurationSumMs += e.durationMs;
      c.BilledDurationSumMs += e.billedDurationMs;
      c.InitDurationSumMs += e.initDurationMs ?? 0;
    }
  },
  InvocationThrottled: (acc, e) => {
    for (const c of dimensions(acc, e)) {
      c.Throttles += 1;
      c.ThrottlesByReason[e.reason] = (c.ThrottlesByReason[e.reason] ?? 0) + 1;
    }
  },
  // A throttled attempt of a queued event is a throttle too; it names no alias.
  AsyncInvocationThrottled: (acc, e) => {
    for (const c of dimensions(acc, e)) {
      c.Throttles += 1;
      c.ThrottlesByReason[e.reason] = (c.ThrottlesByReason[e.reason] ?? 0) + 1;
    }
  },
  AsyncInvocationAccepted: (acc, e) => {
    for (const c of dimensions(acc, e)) c.AsyncEventsReceived += 1;
  },
};

function record(acc: Accumulator, event: LambdaEvent): void {
  // The mapped type guarantees that the recorder under `event.type` takes exactly this event.
  (recorders as Readonly<Record<string, ((a: Accumulator, e: LambdaEvent) => void) | undefined>>)[
    event.type
  ]?.(acc, event);
}

const copyTable = (table: Readonly<Record<string, MetricCounters>>): Record<string, Counters> =>
  Object.fromEntries(Object.entries(table).map(([key, counters]) => [key, copy(counters)]));

/**
 * Folds events into metrics, starting from `from` (default: none), which is not changed: a log
 * can be projected in pieces and the pieces' results continue each other.
 */
export function metricsOf(
  events: Iterable<LambdaEvent>,
  from: InvocationMetrics = emptyMetrics(),
): InvocationMetrics {
  const acc: Accumulator = {
    account: copy(from.account),
    byFunction: copyTable(from.byFunction),
    byVersion: copyTable(from.byVersion),
    byAlias: copyTable(from.byAlias),
  };
  for (const event of events) record(acc, event);
  return acc;
}
