/**
 * The shape of the metrics timeline: the log cut into fixed buckets (1 s, 1 min, ...), one series
 * of points per dimension value — the account, each function, each executed version, each alias —
 * as CloudWatch would graph them. Plain JSON data: numbers, strings, `null`, arrays and objects.
 *
 * @module
 */
import type { ThrottleReason } from '../kernel/errors.js';

/**
 * One bucket of one dimension value. Names are CloudWatch's `AWS/Lambda` metric names where one
 * exists (counts are the bucket's Sum, gauges its Maximum); the others are the model's own and are
 * marked so.
 */
export interface TimelinePoint {
  /** The bucket's start, epoch ms; the bucket is `[startMs, startMs + resolutionMs)`. */
  readonly startMs: number;
  /** Invocations that started running (throttled requests are not counted, as in CloudWatch). */
  readonly Invocations: number;
  /** Invocations that ended in a function error, a timeout or an oversized response. */
  readonly Errors: number;
  /** Requests refused with 429: synchronous ones, and attempts of queued events (`Throttles`). */
  readonly Throttles: number;
  /** The model's own: `Throttles` by AWS's `Reason`. */
  readonly ThrottlesByReason: Readonly<Partial<Record<ThrottleReason, number>>>;
  /** The most invocations running at once during the bucket (Maximum of `ConcurrentExecutions`). */
  readonly ConcurrentExecutions: number;
  /** The most invocations running on provisioned environments at once. */
  readonly ProvisionedConcurrentExecutions: number;
  /**
   * `ProvisionedConcurrentExecutions` over the provisioned concurrency allocated at that moment
   * (0 to 1), the bucket's maximum; `null` while nothing is allocated.
   */
  readonly ProvisionedConcurrencyUtilization: number | null;
  /** Invocations served by a provisioned environment. */
  readonly ProvisionedConcurrencyInvocations: number;
  /** Invocations that ran on demand because every provisioned environment was busy. */
  readonly ProvisionedConcurrencySpilloverInvocations: number;
  /** `Event` invocations accepted into the internal queue. */
  readonly AsyncEventsReceived: number;
  /** The oldest age (ms) of an event when an attempt of it started (Maximum of `AsyncEventAge`). */
  readonly AsyncEventAge: number;
  /** Accepted events that ended without success: dropped after retries, age, or a zero reservation. */
  readonly AsyncEventsDropped: number;
  /** Σ and maximum of the handler duration of the invocations that completed in the bucket, ms. */
  readonly DurationSumMs: number;
  readonly DurationMaximumMs: number;
  /** The model's own: invocations that ran init (a new environment, or one reset after a failure). */
  readonly ColdStarts: number;
  /** The model's own: accepted events not yet ended (waiting or running), at the bucket's end. */
  readonly AsyncQueueDepth: number;
  /** The model's own: retries scheduled after a function error. */
  readonly AsyncRetries: number;
  /** The model's own: attempts throttled and put back in the queue. */
  readonly AsyncThrottles: number;
  /** The model's own: messages recorded at a dead-letter queue. */
  readonly DeadLetterMessages: number;
  /** The model's own: invocation records delivered to an OnSuccess or OnFailure destination. */
  readonly DestinationDeliveries: number;
  /**
   * The model's own: the concurrency limit that applies at the bucket's end — the account's
   * `ConcurrentExecutions` for the account, a function's reserved concurrency when it has one,
   * the provisioned concurrency allocated for a version or alias; `null` when none applies.
   */
  readonly ConcurrencyLimit: number | null;
  /**
   * The model's own: the bill up to the bucket's end, USD, an exact decimal string — the account's
   * whole bill, a function's or a version's own lines of it. `null` when the timeline is not
   * priced, and for an alias: AWS bills the version that ran, not the alias it ran through.
   */
  readonly CostUsd: string | null;
}

/** The whole timeline. Every series has one point per bucket, from `startMs` to `endMs`. */
export interface Timeline {
  readonly resolutionMs: number;
  /** The first bucket's start (epoch ms). */
  readonly startMs: number;
  /** The end of the last bucket (exclusive). */
  readonly endMs: number;
  readonly account: ReadonlyArray<TimelinePoint>;
  /** By function name. */
  readonly byFunction: Readonly<Record<string, ReadonlyArray<TimelinePoint>>>;
  /** By `function:version`, the version that ran (`ExecutedVersion`). */
  readonly byVersion: Readonly<Record<string, ReadonlyArray<TimelinePoint>>>;
  /** By `function:alias`, for invocations made through an alias. */
  readonly byAlias: Readonly<Record<string, ReadonlyArray<TimelinePoint>>>;
}
