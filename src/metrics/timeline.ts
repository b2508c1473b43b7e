/**
 * The metrics timeline as a projection of the log: events cut into fixed buckets and counted per
 * account, function, executed version and alias, as CloudWatch graphs `AWS/Lambda` metrics
 * (spec invocation §2, §3, §5). A recorder takes the log in pieces — a simulator streams it in and
 * keeps nothing else — and `timelineOf` projects a whole log at once; both give the same timeline.
 *
 * When pricing options are given, every point also carries the bill of the log up to the bucket's
 * end (`CostUsd`: the account's total, a function's or a version's own lines), priced by the same
 * fold as `Pricing.billEvents`.
 *
 * @module
 */
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import {
  exact,
  sumOf,
  toDecimalString,
  type DecimalString,
  type ExactDecimal,
} from '../kernel/money.js';
import type { LambdaEvent } from '../lambda.js';
import {
  billEvents,
  emptyBill,
  invoices,
  type Bill,
  type BillOptions,
  type Invoice,
} from '../pricing/bill.js';
import type { PricingError } from '../pricing/errors.js';
import type { Timeline, TimelinePoint } from './timeline-shape.js';
import type { Writable } from '../kernel/evolve.js';
import { isVersionNumber } from '../kernel/ids.js';

export type { Timeline, TimelinePoint } from './timeline-shape.js';

/** How to cut the log. */
export interface TimelineOptions {
  /** The bucket width in ms: 1,000 for CloudWatch's 1-second metrics, 60,000 for 1 minute. */
  readonly resolutionMs: number;
  /** The first bucket's start, epoch ms; earlier events count in the first bucket. */
  readonly startMs: number;
  /** The account's `ConcurrentExecutions` limit, drawn as the account's `ConcurrencyLimit`. */
  readonly accountConcurrencyLimit?: number;
  /** Price the log as it goes (`CostUsd` per account, function and version); absent: no cost. */
  readonly pricing?: BillOptions;
}

/** A timeline being recorded: feed it the log in order, read the timeline at any point. */
export interface TimelineRecorder {
  /**
   * Adds the next events of the log. A pricing error (a date or rate the cards do not have) stops
   * the recording.
   */
  readonly record: (events: Iterable<LambdaEvent>) => Either<PricingError, void>;
  /** The timeline so far, its buckets extended to cover `endMs` (default: the latest event). */
  readonly timeline: (endMs?: number) => Either<PricingError, Timeline>;
  /** The bill of the events so far, as invoices (`Pricing.invoices`); none without pricing. */
  readonly invoices: (asOfMs?: number) => Either<PricingError, ReadonlyArray<Invoice>>;
}

type Point = Writable<TimelinePoint>;

/** One dimension value's series and the gauges that carry from one bucket to the next. */
interface Track {
  readonly points: Point[];
  running: number;
  provisionedRunning: number;
  allocated: number;
  queueDepth: number;
  limit: number | null;
}

const newTrack = (limit: number | null): Track => ({
  points: [],
  running: 0,
  provisionedRunning: 0,
  allocated: 0,
  queueDepth: 0,
  limit,
});

const utilisation = (track: Track): number | null =>
  track.allocated > 0 ? track.provisionedRunning / track.allocated : null;

/** A bucket as it begins: no counts, and the gauges as they stand. */
function openPoint(track: Track, startMs: number): Point {
  return {
    startMs,
    Invocations: 0,
    Errors: 0,
    Throttles: 0,
    ThrottlesByReason: {},
    ConcurrentExecutions: track.running,
    ProvisionedConcurrentExecutions: track.provisionedRunning,
    ProvisionedConcurrencyUtilization: utilisation(track),
    ProvisionedConcurrencyInvocations: 0,
    ProvisionedConcurrencySpilloverInvocations: 0,
    AsyncEventsReceived: 0,
    AsyncEventAge: 0,
    AsyncEventsDropped: 0,
    DurationSumMs: 0,
    DurationMaximumMs: 0,
    ColdStarts: 0,
    AsyncQueueDepth: track.queueDepth,
    AsyncRetries: 0,
    AsyncThrottles: 0,
    DeadLetterMessages: 0,
    DestinationDeliveries: 0,
    ConcurrencyLimit: track.limit,
    CostUsd: null,
  };
}

/** Keys of the dimension values an event touches: its function, and the version and alias run. */
interface Keys {
  readonly functionName: string;
  readonly executedVersion?: string | undefined;
  readonly aliasName?: string | undefined;
}

/**
 * Starts a recorder. Events must come in log order (their times never decrease); an event before
 * `startMs` counts in the first bucket. `UnknownRegion` when the pricing options name a region
 * without rate cards.
 */
export function createTimelineRecorder(
  options: TimelineOptions,
): Either<PricingError, TimelineRecorder> {
  const { resolutionMs, startMs } = options;
  const account = newTrack(options.accountConcurrencyLimit ?? null);
  const byFunction = new Map<string, Track>();
  // Each waiting event's acceptance: when (for `AsyncEventAge`, CloudWatch: queued → invoked), and
  // the version and alias it counts on, which its later events (retries, deliveries) do not name:
  // all of an event's figures go to the dimension values it was accepted on.
  interface Acceptance {
    readonly atMs: number;
    readonly keys: Keys;
  }
  const accepted = new Map<string, Acceptance>();
  // The event that ended last: its destination record and DLQ message follow its end at once.
  let ended: { readonly requestId: string; readonly keys: Keys } | undefined;
  const asyncKeys = (event: { readonly requestId: string; readonly functionName: string }): Keys =>
    accepted.get(event.requestId)?.keys ??
    (ended?.requestId === event.requestId ? ended.keys : { functionName: event.functionName });
  let bucket = 0;
  let latestMs = startMs;

  // Pricing: the events of the open bucket are billed when it closes, and the account's point
  // gets the bill's total at its end.
  const pricing = options.pricing === undefined ? undefined : emptyBill(options.pricing);
  if (pricing !== undefined && isLeft(pricing)) return pricing;
  let bill: Bill | undefined = pricing?.right;
  let unbilled: LambdaEvent[] = [];
  // The bill at the end of each closed bucket, per account, function and version.
  const costs: Array<CostSnapshot | undefined> = [];
  let failure: PricingError | undefined;

  const trackIn = (table: Map<string, Track>, key: string): Track => {
    let track = table.get(key);
    if (track === undefined) {
      track = newTrack(null);
      table.set(key, track);
    }
    return track;
  };

  const pointOf = (track: Track, index: number): Point => {
    while (track.points.length <= index) {
      track.points.push(openPoint(track, startMs + track.points.length * resolutionMs));
    }
    return track.points[index] as Point;
  };

  // Tracks are found by name in two steps (function, then version or alias), so that counting
  // an event builds no key string.
  const versionsOf = new Map<string, Map<string, Track>>();
  const aliasesOf = new Map<string, Map<string, Track>>();
  const subTrack = (table: Map<string, Map<string, Track>>, fn: string, name: string): Track => {
    let inner = table.get(fn);
    if (inner === undefined) {
      inner = new Map();
      table.set(fn, inner);
    }
    return trackIn(inner, name);
  };

  /**
   * The tracks of every dimension value the keys name — the account, the function, the version
   * and the alias run — put in `touched`; how many. One array, refilled for each event, so that the
   * two events of every execution are counted in a plain loop, with no closure or array per event.
   */
  const touched: Track[] = [account, account, account, account];
  const touch = (keys: Keys): number => {
    touched[0] = account;
    touched[1] = trackIn(byFunction, keys.functionName);
    let count = 2;
    if (keys.executedVersion !== undefined) {
      touched[count] = subTrack(versionsOf, keys.functionName, keys.executedVersion);
      count += 1;
    }
    if (keys.aliasName !== undefined) {
      touched[count] = subTrack(aliasesOf, keys.functionName, keys.aliasName);
      count += 1;
    }
    return count;
  };

  /** Applies `change` to the open bucket of every dimension value the keys name. */
  const each = (keys: Keys, change: (point: Point, track: Track) => void): void => {
    const count = touch(keys);
    for (let i = 0; i < count; i += 1) {
      const track = touched[i] as Track;
      change(pointOf(track, bucket), track);
    }
  };

  /** Closes buckets up to `index`, pricing each one closed. */
  const moveTo = (index: number): void => {
    while (bucket < index) {
      if (bill !== undefined && failure === undefined) {
        const billed = billEvents(bill, unbilled);
        unbilled = [];
        if (isLeft(billed)) failure = billed.left;
        else bill = billed.right;
        costs[bucket] = failure === undefined ? costSnapshot(bill, bucketEnd(bucket)) : undefined;
      }
      bucket += 1;
    }
  };
  const bucketEnd = (index: number): number => startMs + (index + 1) * resolutionMs;

  const recordOne = (event: LambdaEvent): void => {
    latestMs = Math.max(latestMs, event.atMs);
    moveTo(Math.max(bucket, Math.floor((event.atMs - startMs) / resolutionMs)));
    if (bill !== undefined) unbilled.push(event);
    // The mapped type guarantees that the handler under `event.type` takes exactly this event.
    (handlers as Readonly<Record<string, ((e: LambdaEvent) => void) | undefined>>)[event.type]?.(
      event,
    );
  };

  /** What each event changes; control-plane and environment events carry no metric. */
  const handlers: {
    readonly [K in LambdaEvent['type']]?: (
      event: Extract<LambdaEvent, { readonly type: K }>,
    ) => void;
  } = {
    InvocationStarted: (event) => {
      const provisioned = event.initializationType === 'provisioned-concurrency';
      const acceptedAtMs = accepted.get(event.requestId)?.atMs;
      const count = touch(event);
      for (let i = 0; i < count; i += 1) {
        const track = touched[i] as Track;
        const point = pointOf(track, bucket);
        point.Invocations += 1;
        track.running += 1;
        point.ConcurrentExecutions = Math.max(point.ConcurrentExecutions, track.running);
        if (event.initDurationMs !== undefined) point.ColdStarts += 1;
        if (provisioned) {
          point.ProvisionedConcurrencyInvocations += 1;
          track.provisionedRunning += 1;
          point.ProvisionedConcurrentExecutions = Math.max(
            point.ProvisionedConcurrentExecutions,
            track.provisionedRunning,
          );
          point.ProvisionedConcurrencyUtilization = maxOf(
            point.ProvisionedConcurrencyUtilization,
            utilisation(track),
          );
        }
        if (event.spillover) point.ProvisionedConcurrencySpilloverInvocations += 1;
        if (acceptedAtMs !== undefined) {
          point.AsyncEventAge = Math.max(point.AsyncEventAge, event.atMs - acceptedAtMs);
        }
      }
    },
    InvocationCompleted: (event) => {
      const provisioned = event.initializationType === 'provisioned-concurrency';
      const failed = event.outcome !== 'Success';
      const count = touch(event);
      for (let i = 0; i < count; i += 1) {
        const track = touched[i] as Track;
        const point = pointOf(track, bucket);
        track.running -= 1;
        if (provisioned) track.provisionedRunning -= 1;
        if (failed) point.Errors += 1;
        point.DurationSumMs += event.durationMs;
        point.DurationMaximumMs = Math.max(point.DurationMaximumMs, event.durationMs);
      }
    },
    InvocationThrottled: (event) => {
      each(event, (point) => {
        countThrottle(point, event.reason);
      });
    },
    // As in `metricsOf`: a throttled attempt of a queued event is a throttle too.
    AsyncInvocationThrottled: (event) => {
      each(event, (point) => {
        countThrottle(point, event.reason);
        point.AsyncThrottles += 1;
      });
    },
    AsyncInvocationAccepted: (event) => {
      accepted.set(event.requestId, {
        atMs: event.atMs,
        keys: {
          functionName: event.functionName,
          executedVersion: event.executedVersion,
          aliasName: event.aliasName,
        },
      });
      each(event, (point, track) => {
        point.AsyncEventsReceived += 1;
        track.queueDepth += 1;
        point.AsyncQueueDepth = track.queueDepth;
      });
    },
    AsyncRetryScheduled: (event) => {
      each(asyncKeys(event), (point) => {
        point.AsyncRetries += 1;
      });
    },
    AsyncInvocationEnded: (event) => {
      const keys = asyncKeys(event);
      ended = { requestId: event.requestId, keys };
      accepted.delete(event.requestId);
      each(keys, (point, track) => {
        if (event.condition !== 'Success') point.AsyncEventsDropped += 1;
        track.queueDepth -= 1;
        point.AsyncQueueDepth = track.queueDepth;
      });
    },
    AsyncRecordDelivered: (event) => {
      each(asyncKeys(event), (point) => {
        point.DestinationDeliveries += 1;
      });
    },
    DeadLetterMessageSent: (event) => {
      each(asyncKeys(event), (point) => {
        point.DeadLetterMessages += 1;
      });
    },
    FunctionConcurrencyReserved: (event) => {
      setLimit(trackIn(byFunction, event.functionName), event.reservedConcurrentExecutions);
    },
    FunctionConcurrencyReleased: (event) => {
      setLimit(trackIn(byFunction, event.functionName), null);
    },
    // A put config serves nothing until it is allocated (spec invocation §3.4).
    ProvisionedConcurrencyRequested: (event) => {
      allocate(event.functionName, event.qualifier, 0);
    },
    ProvisionedConcurrencyAllocated: (event) => {
      allocate(event.functionName, event.qualifier, event.allocatedProvisionedConcurrentExecutions);
    },
    ProvisionedConcurrencyRemoved: (event) => {
      allocate(event.functionName, event.qualifier, 0);
    },
  };

  // A gauge changes after the buckets it skipped are opened, so that they keep the old value.
  const setLimit = (track: Track, limit: number | null): void => {
    const point = pointOf(track, bucket);
    track.limit = limit;
    point.ConcurrencyLimit = limit;
  };

  // What each qualifier has allocated, so that a replaced or removed config takes back its own.
  const allocations = new Map<string, number>();
  const allocate = (functionName: string, qualifier: string, amount: number): void => {
    const key = `${functionName}:${qualifier}`;
    const change = amount - (allocations.get(key) ?? 0);
    allocations.set(key, amount);
    const qualified = subTrack(
      isVersionNumber(qualifier) ? versionsOf : aliasesOf,
      functionName,
      qualifier,
    );
    for (const track of [account, trackIn(byFunction, functionName), qualified]) {
      const point = pointOf(track, bucket);
      track.allocated += change;
      point.ProvisionedConcurrencyUtilization = maxOf(
        point.ProvisionedConcurrencyUtilization,
        utilisation(track),
      );
    }
    setLimit(qualified, amount > 0 ? amount : null);
  };

  // Pricing can fail while events are recorded (a month whose rate card is unknown).
  const status = (): Either<PricingError, void> =>
    failure === undefined ? right(undefined) : left(failure);

  const record = (events: Iterable<LambdaEvent>): Either<PricingError, void> => {
    if (failure !== undefined) return left(failure);
    for (const event of events) recordOne(event);
    return status();
  };

  const timeline = (endMs: number = latestMs + 1): Either<PricingError, Timeline> => {
    const buckets = Math.max(bucket + 1, Math.ceil((endMs - startMs) / resolutionMs));
    // The open bucket and any empty ones after it are priced as of their ends, without closing
    // them: the recorder can go on.
    const billed = billSoFar();
    if (isLeft(billed)) return billed;
    const cost = billed.right;
    const snapshots: Array<CostSnapshot | undefined> = Array.from({ length: buckets }, (_, i) =>
      cost === undefined ? undefined : i < bucket ? costs[i] : costSnapshot(cost, bucketEnd(i)),
    );
    const series = (
      tracks: Iterable<readonly [string, Track]>,
      costOf: (snapshot: CostSnapshot, key: string) => string | null,
    ): Record<string, TimelinePoint[]> => {
      const out: Record<string, TimelinePoint[]> = {};
      for (const [key, track] of [...tracks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        out[key] = extended(track, buckets).map((point, i) => {
          const snapshot = snapshots[i];
          return {
            ...copyPoint(point),
            CostUsd: snapshot === undefined ? null : costOf(snapshot, key),
          };
        });
      }
      return out;
    };
    const qualified = (table: Map<string, Map<string, Track>>): Array<readonly [string, Track]> =>
      [...table].flatMap(([fn, inner]) =>
        [...inner].map(([name, track]) => [`${fn}:${name}`, track] as const),
      );
    const ZERO = '0';
    return right({
      resolutionMs,
      startMs,
      endMs: startMs + buckets * resolutionMs,
      account: series([['', account]], (snapshot) => snapshot.total)[''] ?? [],
      byFunction: series(byFunction, (snapshot, key) => snapshot.byFunction.get(key) ?? ZERO),
      byVersion: series(
        qualified(versionsOf),
        (snapshot, key) => snapshot.byVersion.get(key) ?? ZERO,
      ),
      // AWS bills the version that ran, not the alias it was reached through.
      byAlias: series(qualified(aliasesOf), () => null),
    });
  };

  /** A track's points up to `buckets`, the missing ones opened without being kept. */
  const extended = (track: Track, buckets: number): Point[] => {
    const points = track.points.slice(0, buckets);
    while (points.length < buckets) {
      points.push(openPoint(track, startMs + points.length * resolutionMs));
    }
    return points;
  };

  /** The bill with the open bucket's events on it too, without closing the bucket. */
  const billSoFar = (): Either<PricingError, Bill | undefined> => {
    if (failure !== undefined) return left(failure);
    if (bill === undefined || unbilled.length === 0) return right(bill);
    return billEvents(bill, unbilled);
  };

  const invoicesSoFar = (asOfMs?: number): Either<PricingError, ReadonlyArray<Invoice>> => {
    const billed = billSoFar();
    if (isLeft(billed)) return billed;
    return right(billed.right === undefined ? [] : invoices(billed.right, asOfMs));
  };

  return right({ record, timeline, invoices: invoicesSoFar });
}

/** Projects a whole log. */
export function timelineOf(
  events: Iterable<LambdaEvent>,
  options: TimelineOptions,
  endMs?: number,
): Either<PricingError, Timeline> {
  const recorder = createTimelineRecorder(options);
  if (isLeft(recorder)) return recorder;
  const recorded = recorder.right.record(events);
  return isLeft(recorded) ? recorded : recorder.right.timeline(endMs);
}

function countThrottle(point: Point, reason: keyof TimelinePoint['ThrottlesByReason']): void {
  point.Throttles += 1;
  point.ThrottlesByReason[reason] = (point.ThrottlesByReason[reason] ?? 0) + 1;
}

const maxOf = (a: number | null, b: number | null): number | null =>
  a === null ? b : b === null ? a : Math.max(a, b);

const copyPoint = (point: Point): TimelinePoint => ({
  ...point,
  ThrottlesByReason: { ...point.ThrottlesByReason },
});

/** The bill as of a moment: its total, and each function's and version's own lines. */
interface CostSnapshot {
  readonly total: DecimalString;
  readonly byFunction: ReadonlyMap<string, DecimalString>;
  /** By `function:version`. */
  readonly byVersion: ReadonlyMap<string, DecimalString>;
}

/** The bill over every month as of `asOfMs`, exact, split by function and version. */
function costSnapshot(bill: Bill, asOfMs: number): CostSnapshot {
  const billed = invoices(bill, asOfMs);
  const byFunction = new Map<string, ExactDecimal[]>();
  const byVersion = new Map<string, ExactDecimal[]>();
  const add = (table: Map<string, ExactDecimal[]>, key: string, amount: ExactDecimal): void => {
    const amounts = table.get(key);
    if (amounts === undefined) table.set(key, [amount]);
    else amounts.push(amount);
  };
  for (const invoice of billed) {
    for (const line of invoice.lines) {
      const amount = exact(line.amount);
      add(byFunction, line.functionName, amount);
      add(byVersion, `${line.functionName}:${line.version}`, amount);
    }
  }
  const summed = (table: Map<string, ExactDecimal[]>): Map<string, DecimalString> =>
    new Map([...table].map(([key, amounts]) => [key, toDecimalString(sumOf(amounts))]));
  return {
    total: toDecimalString(sumOf(billed.map((invoice) => exact(invoice.total)))),
    byFunction: summed(byFunction),
    byVersion: summed(byVersion),
  };
}
