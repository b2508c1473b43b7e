/**
 * The metrics timeline is a projection of the log cut into buckets (spec invocation §2–§5): each
 * example builds a log with real commands, then reads `timelineOf(log, options)` and checks it
 * against the story the commands tell and against counts taken from the log itself.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { Either } from '../../src/kernel/fp.js';
import type { LambdaEvent } from '../../src/lambda.js';
import {
  createTimelineRecorder,
  timelineOf,
  type Timeline,
  type TimelineOptions,
  type TimelinePoint,
} from '../../src/metrics/timeline.js';
import { billEvents, emptyBill, invoices } from '../../src/pricing/bill.js';
import type { PricingError } from '../../src/pricing/errors.js';
import { given, T0, type Scenario } from '../support/scenario.js';

const RES = 1_000;
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const FAILED = 'arn:aws:sqs:us-east-1:123456789012:failed-records';
const BOOM = { errorType: 'Error', errorMessage: 'boom' };
const RESERVED = 'ReservedFunctionConcurrentInvocationLimitExceeded';
const RATE = 'FunctionInvocationRateLimitExceeded';
const ACCOUNT_LIMIT = 'ConcurrentInvocationLimitExceeded';

type EventOf<T extends LambdaEvent['type']> = Extract<LambdaEvent, { readonly type: T }>;

const ofType = <T extends LambdaEvent['type']>(
  events: ReadonlyArray<LambdaEvent>,
  type: T,
): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);

const unwrap = <A>(result: Either<PricingError, A>): A => {
  if (result._tag === 'Left') return expect.fail(`${result.left._tag}: ${result.left.message}`);
  return result.right;
};

/** The timeline of a log, 1 s buckets from T0 unless told otherwise. */
const timelineFor = (
  log: ReadonlyArray<LambdaEvent>,
  options: Partial<TimelineOptions> = {},
  endMs?: number,
): Timeline => unwrap(timelineOf(log, { resolutionMs: RES, startMs: T0, ...options }, endMs));

/** The bucket an event at `atMs` belongs to (earlier events count in the first). */
const bucketOf = (timeline: Timeline, atMs: number): number =>
  Math.max(0, Math.floor((atMs - timeline.startMs) / timeline.resolutionMs));

/** How many of `events` fall in each bucket of the timeline. */
const countsPerBucket = (timeline: Timeline, events: ReadonlyArray<LambdaEvent>): number[] => {
  const counts = timeline.account.map(() => 0);
  for (const event of events) counts[bucketOf(timeline, event.atMs)]! += 1;
  return counts;
};

const column = <K extends keyof TimelinePoint>(
  points: ReadonlyArray<TimelinePoint> | undefined,
  key: K,
): Array<TimelinePoint[K]> => (points ?? expect.fail('no such series')).map((p) => p[key]);

const sum = (values: ReadonlyArray<number>): number => values.reduce((a, b) => a + b, 0);

/** Every series of a timeline, with a name for failure messages. */
const allSeries = (timeline: Timeline): Array<[string, ReadonlyArray<TimelinePoint>]> => [
  ['account', timeline.account],
  ...Object.entries(timeline.byFunction),
  ...Object.entries(timeline.byVersion),
  ...Object.entries(timeline.byAlias),
];

describe('timelineOf: buckets', () => {
  // f becomes Active at T0 + 1 s; a and b start then, b ends at +1.5 s, a at +4.5 s.
  const run = given()
    .withFunction('f')
    .invoke('a', { FunctionName: 'f' })
    .invoke('b', { FunctionName: 'f' })
    .advance(500)
    .complete('b', { durationMs: 400 })
    .advance(3_000)
    .complete('a', { durationMs: 2_000 });

  it('puts every event in the bucket its atMs falls in, a boundary time opening the next bucket', () => {
    const timeline = timelineFor(run.log);
    const started = ofType(run.log, 'InvocationStarted');
    expect(column(timeline.account, 'Invocations')).toEqual(countsPerBucket(timeline, started));
    // Both starts happened at T0 + 1,000 exactly: the start of bucket 1, not the end of bucket 0.
    expect(started.map((e) => e.atMs)).toEqual([T0 + 1_000, T0 + 1_000]);
    expect(timeline.account[0]!.Invocations).toBe(0);
    expect(timeline.account[1]!.Invocations).toBe(2);
  });

  it('counts events before startMs in the first bucket', () => {
    const timeline = timelineFor(run.log, { startMs: T0 + 2_000 });
    expect(timeline.account[0]!.Invocations).toBe(2);
    expect(timeline.account[0]!.startMs).toBe(T0 + 2_000);
  });

  it('gives every series one point per bucket from startMs to endMs, by default up to the latest event', () => {
    const timeline = timelineFor(run.log);
    const latest = Math.max(...run.log.map((e) => e.atMs));
    expect(timeline.endMs).toBe(T0 + (Math.floor((latest - T0) / RES) + 1) * RES);
    const longer = timelineFor(run.log, {}, T0 + 9_500);
    expect(longer.endMs).toBe(T0 + 10_000);
    for (const t of [timeline, longer]) {
      const buckets = (t.endMs - t.startMs) / t.resolutionMs;
      for (const [name, points] of allSeries(t)) {
        expect(
          points.map((p) => p.startMs),
          name,
        ).toEqual(Array.from({ length: buckets }, (_, i) => t.startMs + i * t.resolutionMs));
      }
    }
  });

  it('takes ConcurrentExecutions as the bucket maximum, carried through buckets while an invocation runs', () => {
    const timeline = timelineFor(run.log, {}, T0 + 7_000);
    // Bucket 1: a and b run together; buckets 2–4: a alone (it ends during bucket 4); then none.
    expect(column(timeline.account, 'ConcurrentExecutions')).toEqual([0, 2, 1, 1, 1, 0, 0]);
    expect(column(timeline.byFunction['f'], 'ConcurrentExecutions')).toEqual([0, 2, 1, 1, 1, 0, 0]);
    // Durations count in the bucket the invocation completed in.
    expect(column(timeline.account, 'DurationSumMs')).toEqual([0, 400, 0, 0, 2_000, 0, 0]);
    expect(column(timeline.account, 'DurationMaximumMs')).toEqual([0, 400, 0, 0, 2_000, 0, 0]);
  });
});

describe('timelineOf: errors, throttles and cold starts', () => {
  // One new environment per function per window: g's second call is throttled by the scaling
  // rate; f reserves 1, so its second call is throttled by the reservation.
  const run = given({ scalingRateEnvironments: 1 })
    .withFunction('f')
    .withFunction('g')
    .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 1 })
    .invoke('a', { FunctionName: 'f' })
    .invoke('b', { FunctionName: 'f' })
    .invoke('x', { FunctionName: 'g' })
    .invoke('y', { FunctionName: 'g' })
    .advance(1_000)
    .complete('a', { durationMs: 10, functionError: BOOM })
    .complete('x', { durationMs: 5_000 }) // past g's 3 s timeout
    .advance(1_000)
    .invoke('c', { FunctionName: 'f' }) // a's environment was reset by the error: init again
    .complete('c', { durationMs: 10 });

  it('counts Errors in the bucket the invocation ended in: a function error and a timeout', () => {
    const timeline = timelineFor(run.log);
    const failed = ofType(run.log, 'InvocationCompleted').filter((e) => e.outcome !== 'Success');
    expect(failed.map((e) => e.outcome).sort()).toEqual(['FunctionError', 'Timeout']);
    expect(column(timeline.account, 'Errors')).toEqual(countsPerBucket(timeline, failed));
    expect(column(timeline.account, 'Errors')).toEqual([0, 0, 0, 2, 0]);
    expect(column(timeline.byFunction['f'], 'Errors')).toEqual([0, 0, 0, 1, 0]);
    expect(column(timeline.byFunction['g'], 'Errors')).toEqual([0, 0, 0, 1, 0]);
  });

  it('counts Throttles with their reasons, per function', () => {
    const timeline = timelineFor(run.log);
    const throttled = ofType(run.log, 'InvocationThrottled');
    expect(column(timeline.account, 'Throttles')).toEqual(countsPerBucket(timeline, throttled));
    expect(timeline.account[2]!.ThrottlesByReason).toEqual({ [RESERVED]: 1, [RATE]: 1 });
    expect(timeline.byFunction['f']![2]!.ThrottlesByReason).toEqual({ [RESERVED]: 1 });
    expect(timeline.byFunction['g']![2]!.ThrottlesByReason).toEqual({ [RATE]: 1 });
    // Throttled requests never ran: they are not Invocations.
    expect(sum(column(timeline.account, 'Invocations'))).toBe(
      ofType(run.log, 'InvocationStarted').length,
    );
    expect(sum(column(timeline.account, 'Invocations'))).toBe(3);
  });

  it('counts a ColdStart for a new environment and for one reset after a function error', () => {
    const timeline = timelineFor(run.log);
    const cold = ofType(run.log, 'InvocationStarted').filter((e) => e.initDurationMs !== undefined);
    expect(column(timeline.account, 'ColdStarts')).toEqual(countsPerBucket(timeline, cold));
    expect(column(timeline.byFunction['f'], 'ColdStarts')).toEqual([0, 0, 1, 0, 1]);
    expect(column(timeline.byFunction['g'], 'ColdStarts')).toEqual([0, 0, 1, 0, 0]);
  });

  it('counts the account limit as its own reason', () => {
    const busy = given({ concurrentExecutionsLimit: 1 })
      .withFunction('f')
      .invoke('a', { FunctionName: 'f' })
      .invoke('b', { FunctionName: 'f' });
    const timeline = timelineFor(busy.log);
    expect(timeline.account[1]!.ThrottlesByReason).toEqual({ [ACCOUNT_LIMIT]: 1 });
    expect(timeline.account[1]!.ConcurrentExecutions).toBe(1);
  });
});

describe('timelineOf: versions and aliases', () => {
  // f has versions 1 and 2; `live` → 1 with half the traffic on 2; reserved concurrency 2.
  const base = given()
    .withFunction('f')
    .withPublishedVersion('f')
    .withPublishedVersion('f')
    .run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.5 } },
    })
    .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 2 });
  const run = base
    .invoke('a', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.9 }) // version 1
    .invoke('b', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.1 }) // version 2
    .invoke('c', { FunctionName: 'f', Qualifier: 'live' }, { routingDraw: 0.9 }) // throttled
    .advance(1_000)
    .complete('a', { durationMs: 5 })
    .complete('b', { durationMs: 5, functionError: BOOM })
    .invoke('d', { FunctionName: 'f', Qualifier: '1' }) // names the version, not the alias
    .complete('d', { durationMs: 5 });

  it('keeps a series per executed version (fn:version) and per alias invoked (fn:alias)', () => {
    const timeline = timelineFor(run.log);
    expect(Object.keys(timeline.byVersion)).toEqual(['f:1', 'f:2']);
    expect(Object.keys(timeline.byAlias)).toEqual(['f:live']);
    const started = ofType(run.log, 'InvocationStarted');
    for (const version of ['1', '2']) {
      expect(column(timeline.byVersion[`f:${version}`], 'Invocations')).toEqual(
        countsPerBucket(
          timeline,
          started.filter((e) => e.executedVersion === version),
        ),
      );
    }
    expect(column(timeline.byAlias['f:live'], 'Invocations')).toEqual(
      countsPerBucket(
        timeline,
        started.filter((e) => e.aliasName === 'live'),
      ),
    );
    expect(sum(column(timeline.byVersion['f:1'], 'Invocations'))).toBe(2); // a and d
    expect(sum(column(timeline.byVersion['f:2'], 'Invocations'))).toBe(1); // b
    expect(sum(column(timeline.byAlias['f:live'], 'Invocations'))).toBe(2); // a and b
    expect(sum(column(timeline.byAlias['f:live'], 'Throttles'))).toBe(1); // c
    expect(sum(column(timeline.byVersion['f:2'], 'Errors'))).toBe(1);
    expect(sum(column(timeline.byVersion['f:1'], 'Errors'))).toBe(0);
  });

  it('adds the versions up to the function, and the functions up to the account', () => {
    const timeline = timelineFor(run.log);
    for (const key of ['Invocations', 'Errors', 'Throttles', 'ColdStarts'] as const) {
      const byVersion = timeline.account.map((_, i) =>
        sum(Object.values(timeline.byVersion).map((points) => points[i]![key])),
      );
      expect(column(timeline.byFunction['f'], key), key).toEqual(byVersion);
      expect(column(timeline.account, key), key).toEqual(byVersion);
    }
  });
});

describe('timelineOf: ConcurrencyLimit', () => {
  // f runs once in bucket 1, reserves 5 in bucket 3, runs in bucket 4, releases in bucket 6.
  const run = given({ concurrentExecutionsLimit: 200 })
    .withFunction('f')
    .invoke('a', { FunctionName: 'f' })
    .complete('a', { durationMs: 5 })
    .advance(2_000)
    .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 5 })
    .advance(1_000)
    .invoke('b', { FunctionName: 'f' })
    .complete('b', { durationMs: 5 })
    .advance(2_000)
    .run('DeleteFunctionConcurrency', { FunctionName: 'f' });

  it("draws the account's limit on every account point, and nothing when none is given", () => {
    const timeline = timelineFor(run.log, { accountConcurrencyLimit: 200 }, T0 + 8_000);
    expect(column(timeline.account, 'ConcurrencyLimit')).toEqual(new Array(8).fill(200));
    const without = timelineFor(run.log, {}, T0 + 8_000);
    expect(column(without.account, 'ConcurrencyLimit')).toEqual(new Array(8).fill(null));
  });

  it("draws a function's reserved concurrency from the bucket of PutFunctionConcurrency, null again after DeleteFunctionConcurrency", () => {
    const timeline = timelineFor(run.log, { accountConcurrencyLimit: 200 }, T0 + 8_000);
    expect(bucketOf(timeline, ofType(run.log, 'FunctionConcurrencyReserved')[0]!.atMs)).toBe(3);
    expect(bucketOf(timeline, ofType(run.log, 'FunctionConcurrencyReleased')[0]!.atMs)).toBe(6);
    const limit = column(timeline.byFunction['f'], 'ConcurrencyLimit');
    // The buckets in which the function was invoked or its reservation changed, and those after.
    expect([0, 1, 3, 4, 6, 7].map((i) => limit[i])).toEqual([null, null, 5, 5, null, null]);
  });

  // src bug: the recorder sets a track's limit before it opens the buckets the track skipped, so
  // a quiet bucket before the change already shows the new limit (bucket 2 shows 5, bucket 5
  // null). Flip to `it` once `setLimit` opens the bucket first (see the report).
  it('keeps, in a quiet bucket before the change, the limit that applied at its end', () => {
    const timeline = timelineFor(run.log, { accountConcurrencyLimit: 200 }, T0 + 8_000);
    const limit = column(timeline.byFunction['f'], 'ConcurrencyLimit');
    expect([limit[2], limit[5]]).toEqual([null, 5]);
  });
});

describe('timelineOf: provisioned concurrency', () => {
  const RES_PC = 10_000;
  // Version 1 runs once on demand (bucket 0); 2 environments are requested in bucket 2 and
  // allocated a minute later (bucket 8); in bucket 9 two calls run on them and a third spills
  // over; they end in bucket 10; the config is deleted in bucket 12.
  const provisioned = given()
    .withFunction('f')
    .withPublishedVersion('f')
    .invoke('warm', { FunctionName: 'f', Qualifier: '1' })
    .complete('warm', { durationMs: 5 })
    .advance(20_000)
    .run('PutProvisionedConcurrencyConfig', {
      FunctionName: 'f',
      Qualifier: '1',
      ProvisionedConcurrentExecutions: 2,
    })
    .advance(60_000)
    .advance(10_000)
    .invoke('p1', { FunctionName: 'f', Qualifier: '1' })
    .invoke('p2', { FunctionName: 'f', Qualifier: '1' })
    .invoke('spill', { FunctionName: 'f', Qualifier: '1' })
    .advance(10_000)
    .complete('p1', { durationMs: 5 })
    .complete('p2', { durationMs: 5 })
    .complete('spill', { durationMs: 5 })
    .advance(20_000)
    .run('DeleteProvisionedConcurrencyConfig', { FunctionName: 'f', Qualifier: '1' });
  const timeline = (): Timeline =>
    timelineFor(provisioned.log, { resolutionMs: RES_PC }, T0 + 14 * RES_PC);

  it('places the request, the allocation and the deletion where the story says', () => {
    const t = timeline();
    expect(bucketOf(t, ofType(provisioned.log, 'ProvisionedConcurrencyRequested')[0]!.atMs)).toBe(
      2,
    );
    expect(bucketOf(t, ofType(provisioned.log, 'ProvisionedConcurrencyAllocated')[0]!.atMs)).toBe(
      8,
    );
    expect(bucketOf(t, ofType(provisioned.log, 'ProvisionedConcurrencyRemoved')[0]!.atMs)).toBe(12);
  });

  it('counts provisioned invocations and spillover', () => {
    const t = timeline();
    const series = t.byVersion['f:1'];
    expect(column(series, 'ProvisionedConcurrencyInvocations')[9]).toBe(2);
    expect(column(series, 'ProvisionedConcurrencySpilloverInvocations')[9]).toBe(1);
    expect(column(series, 'ProvisionedConcurrentExecutions').slice(8, 12)).toEqual([0, 2, 2, 0]);
  });

  it('shows utilisation as provisioned running / allocated: null before allocation and after deletion', () => {
    const t = timeline();
    const expected = {
      0: null, // on demand only
      2: null, // requested, nothing allocated yet
      8: 0, // allocated, idle
      9: 1, // p1 and p2 on both environments (2 / 2)
      10: 1, // still running at the bucket's start
      13: null, // deleted in bucket 12
    };
    for (const points of [t.byVersion['f:1'], t.byFunction['f'], t.account]) {
      const utilisation = column(points, 'ProvisionedConcurrencyUtilization');
      expect(
        Object.fromEntries(Object.keys(expected).map((i) => [i, utilisation[Number(i)]])),
      ).toEqual(expected);
    }
  });

  // src bug: `allocate` changes a track's allocation before it opens the buckets the track
  // skipped, so the quiet buckets between the request and the allocation show 0, not null, and
  // those before the deletion (bucket 11, and bucket 12 which began with 2 allocated) show null,
  // not 0. Flip to `it` once the bucket is opened first (see the report).
  it('keeps, in quiet buckets before an allocation changes, the utilisation of that time', () => {
    const utilisation = column(timeline().byVersion['f:1'], 'ProvisionedConcurrencyUtilization');
    expect(utilisation.slice(3, 8)).toEqual([null, null, null, null, null]);
    expect(utilisation.slice(11, 13)).toEqual([0, 0]);
  });

  it("draws the allocated amount as the version's ConcurrencyLimit while it is allocated", () => {
    const t = timeline();
    expect(column(t.byVersion['f:1'], 'ConcurrencyLimit')).toEqual([
      ...new Array<null>(8).fill(null),
      2,
      2,
      2,
      2,
      null,
      null,
    ]);
  });

  it('halves the utilisation when one of two environments is busy', () => {
    const half = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 2,
      })
      .advance(60_000)
      .invoke('p', { FunctionName: 'f', Qualifier: '1' });
    const t = timelineFor(half.log, { resolutionMs: RES_PC });
    expect(t.byVersion['f:1']!.at(-1)!.ProvisionedConcurrencyUtilization).toBe(0.5);
  });
});

describe('timelineOf: asynchronous invocation', () => {
  const RES_ASYNC = 10_000;
  const event = { FunctionName: 'f', InvocationType: 'Event', Payload: '{}' } as const;
  // e1 fails, is retried a minute later and fails again: retries spent, DLQ and OnFailure.
  // e2 succeeds at once.
  const run = given()
    .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } })
    .run('PutFunctionEventInvokeConfig', {
      FunctionName: 'f',
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: FAILED } },
    })
    .advance(4_000)
    .invoke('e1', event)
    .invoke('e2', event)
    .advance(1_000)
    .complete('e1', { durationMs: 10, functionError: BOOM })
    .complete('e2', { durationMs: 10 })
    .advance(60_000)
    .advance(1_000)
    .complete('e1', { durationMs: 10, functionError: BOOM });
  const timeline = (): Timeline =>
    timelineFor(run.log, { resolutionMs: RES_ASYNC }, T0 + 9 * RES_ASYNC);

  it('counts received events, retries, drops, dead letters and deliveries in their buckets', () => {
    const t = timeline();
    const count = (type: LambdaEvent['type']): number[] =>
      countsPerBucket(
        t,
        run.log.filter((e) => e.type === type),
      );
    expect(column(t.account, 'AsyncEventsReceived')).toEqual(count('AsyncInvocationAccepted'));
    expect(column(t.account, 'AsyncRetries')).toEqual(count('AsyncRetryScheduled'));
    expect(column(t.account, 'DeadLetterMessages')).toEqual(count('DeadLetterMessageSent'));
    expect(column(t.account, 'DestinationDeliveries')).toEqual(count('AsyncRecordDelivered'));
    expect(column(t.account, 'AsyncEventsDropped')).toEqual(
      countsPerBucket(
        t,
        ofType(run.log, 'AsyncInvocationEnded').filter((e) => e.condition !== 'Success'),
      ),
    );
    // The story: both accepted and e1's retry scheduled in bucket 0; e1 ends in bucket 6.
    expect(column(t.account, 'AsyncEventsReceived')).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(t.account, 'AsyncRetries')).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(column(t.account, 'AsyncEventsDropped')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(column(t.account, 'DeadLetterMessages')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    expect(column(t.account, 'DestinationDeliveries')).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0]);
    // Every event ran $LATEST: the version's series has the same counts where its events name
    // the version (retries, dead letters and deliveries name only the function).
    for (const key of [
      'Invocations',
      'Errors',
      'AsyncEventsReceived',
      'AsyncEventsDropped',
      'AsyncEventAge',
      'AsyncQueueDepth',
    ] as const) {
      expect(column(t.byVersion['f:$LATEST'], key), key).toEqual(column(t.byFunction['f'], key));
    }
  });

  it('draws AsyncQueueDepth as the events accepted and not yet ended at the bucket end', () => {
    const t = timeline();
    // e2 ended within bucket 0; e1 waited for its retry until bucket 6.
    expect(column(t.account, 'AsyncQueueDepth')).toEqual([1, 1, 1, 1, 1, 1, 0, 0, 0]);
    expect(column(t.byVersion['f:$LATEST'], 'AsyncQueueDepth')).toEqual([
      1, 1, 1, 1, 1, 1, 0, 0, 0,
    ]);
  });

  it("takes AsyncEventAge as the ms between the event's acceptance and the attempt's start", () => {
    const t = timeline();
    const accepted = ofType(run.log, 'AsyncInvocationAccepted').find((e) => e.requestId === 'e1')!;
    const attempts = ofType(run.log, 'InvocationStarted').filter((e) => e.requestId === 'e1');
    expect(attempts).toHaveLength(2);
    const retry = attempts[1]!;
    // The retry starts a minute after the first attempt failed (spec invocation §5.2).
    expect(retry.atMs - accepted.atMs).toBe(1_000 + 60_000);
    expect(column(t.account, 'AsyncEventAge')).toEqual(
      t.account.map((_, i) => (i === bucketOf(t, retry.atMs) ? retry.atMs - accepted.atMs : 0)),
    );
  });

  it('counts throttled attempts of a queued event as Throttles and AsyncThrottles, and ages it until it starts', () => {
    // The account runs one invocation at a time: the event waits behind `busy`, throttled twice.
    const throttled = given({ concurrentExecutionsLimit: 1 })
      .withFunction('f')
      .invoke('busy', { FunctionName: 'f' })
      .invoke('q', event)
      .advance(1_000)
      .complete('busy', { durationMs: 5 })
      .advance(2_000);
    const t = timelineFor(throttled.log);
    const retries = ofType(throttled.log, 'AsyncInvocationThrottled');
    expect(retries).toHaveLength(2);
    expect(column(t.account, 'AsyncThrottles')).toEqual(countsPerBucket(t, retries));
    expect(column(t.account, 'Throttles')).toEqual(countsPerBucket(t, retries));
    expect(sum(t.account.map((p) => p.ThrottlesByReason[ACCOUNT_LIMIT] ?? 0))).toBe(2);
    const start = ofType(throttled.log, 'InvocationStarted').find((e) => e.requestId === 'q')!;
    expect(t.account[bucketOf(t, start.atMs)]!.AsyncEventAge).toBe(start.atMs - (T0 + 1_000));
    // It waited (depth 1) from its acceptance until it ran and ... it is still running.
    expect(column(t.account, 'AsyncQueueDepth')).toEqual(t.account.map((_, i) => (i >= 1 ? 1 : 0)));
  });

  it('counts an event sent through an alias on the alias and on the version it runs', () => {
    const viaAlias = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .invoke('e', { ...event, Qualifier: 'live' })
      .advance(1_000)
      .complete('e', { durationMs: 5 });
    const t = timelineFor(viaAlias.log);
    expect(ofType(viaAlias.log, 'AsyncInvocationEnded')).toHaveLength(1);
    expect(sum(column(t.byAlias['f:live'], 'AsyncEventsReceived'))).toBe(1);
    expect(sum(column(t.byVersion['f:1'], 'AsyncEventsReceived'))).toBe(1);
    expect(t.byVersion['f:1']!.at(-1)!.AsyncQueueDepth).toBe(0);
  });

  // src bug: AsyncInvocationEnded names no alias, so an alias's depth never goes down. Flip to
  // `it` once the recorder remembers the alias of each accepted event (see the report).
  it('brings an alias’s AsyncQueueDepth back to 0 once its event has ended', () => {
    const viaAlias = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .invoke('e', { ...event, Qualifier: 'live' })
      .advance(1_000)
      .complete('e', { durationMs: 5 });
    const t = timelineFor(viaAlias.log);
    expect(t.byAlias['f:live']!.at(-1)!.AsyncQueueDepth).toBe(0);
  });
});

describe('timelineOf: cost', () => {
  const pricing = { freeTier: false } as const;
  const run: Scenario = given()
    .withFunction('f', { MemorySize: 1_024 })
    .withFunction('g', { Architectures: ['arm64'] })
    .invoke('a', { FunctionName: 'f' })
    .advance(1_500)
    .complete('a', { durationMs: 1_234.5 })
    .invoke('b', { FunctionName: 'g' })
    .advance(2_000)
    .complete('b', { durationMs: 99 })
    .invoke('c', { FunctionName: 'f' })
    .complete('c', { durationMs: 1 });
  const totalOf = (log: ReadonlyArray<LambdaEvent>, asOfMs?: number): Decimal => {
    const bill = unwrap(billEvents(unwrap(emptyBill(pricing)), log));
    return invoices(bill, asOfMs).reduce((acc, invoice) => acc.plus(invoice.total), new Decimal(0));
  };

  it("ends with the bill of the whole log (Pricing.invoices' total)", () => {
    const timeline = timelineFor(run.log, { pricing });
    const last = timeline.account.at(-1)!.CostUsd;
    expect(last).not.toBeNull();
    expect(new Decimal(last!).gt(0)).toBe(true);
    expect(new Decimal(last!).equals(totalOf(run.log))).toBe(true);
  });

  it('prices every bucket as the log up to its end, so CostUsd never decreases', () => {
    // Provisioned concurrency is charged in 5-minute steps from the request (spec pricing §7),
    // whether or not anything runs.
    const provisioned = run
      .withPublishedVersion('f')
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      })
      .advance(60_000)
      .invoke('p', { FunctionName: 'f', Qualifier: '1' })
      .complete('p', { durationMs: 3 });
    const requestedAtMs = ofType(provisioned.log, 'ProvisionedConcurrencyRequested')[0]!.atMs;
    const endMs = T0 + 8 * 60_000;
    const timeline = timelineFor(provisioned.log, { pricing, resolutionMs: 60_000 }, endMs);
    const costs = timeline.account.map((p) => new Decimal(p.CostUsd ?? 'NaN'));
    costs.forEach((cost, i) => {
      const bucketEndMs = timeline.startMs + (i + 1) * timeline.resolutionMs;
      const prefix = provisioned.log.filter((e) => e.atMs < bucketEndMs);
      expect(cost.equals(totalOf(prefix, bucketEndMs)), `bucket ${String(i)}`).toBe(true);
      if (i > 0) expect(cost.gte(costs[i - 1]!), `bucket ${String(i)}`).toBe(true);
    });
    // Nothing runs after the first minutes, yet the config's second 5-minute step is charged in
    // the bucket it begins in.
    const secondStep = bucketOf(timeline, requestedAtMs + 5 * 60_000);
    expect(
      ofType(provisioned.log, 'InvocationCompleted').every((e) => e.atMs < T0 + 2 * 60_000),
    ).toBe(true);
    expect(costs[secondStep]!.gt(costs[secondStep - 1]!)).toBe(true);
  });

  it('splits the bill by function and version from the invoice lines, and gives an alias none', () => {
    const aliased = run
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .invoke('v', { FunctionName: 'f', Qualifier: 'live' })
      .complete('v', { durationMs: 7 });
    const timeline = timelineFor(aliased.log, { pricing });
    const lines = invoices(unwrap(billEvents(unwrap(emptyBill(pricing)), aliased.log))).flatMap(
      (invoice) => invoice.lines,
    );
    const linesOf = (keep: (line: (typeof lines)[number]) => boolean): Decimal =>
      lines.filter(keep).reduce((acc, line) => acc.plus(line.amount), new Decimal(0));
    const lastCost = (points: ReadonlyArray<{ readonly CostUsd: string | null }> | undefined) =>
      new Decimal(points!.at(-1)!.CostUsd!);
    for (const fn of ['f', 'g']) {
      expect(lastCost(timeline.byFunction[fn]).equals(linesOf((l) => l.functionName === fn))).toBe(
        true,
      );
    }
    for (const [fn, version] of [
      ['f', '$LATEST'],
      ['f', '1'],
      ['g', '$LATEST'],
    ] as const) {
      const own = linesOf((l) => l.functionName === fn && l.version === version);
      expect(own.gt(0)).toBe(true);
      expect(lastCost(timeline.byVersion[`${fn}:${version}`]).equals(own)).toBe(true);
    }
    // The functions' costs add up to the account's, and an alias is not billed as such.
    expect(
      lastCost(timeline.byFunction['f'])
        .plus(lastCost(timeline.byFunction['g']))
        .equals(lastCost(timeline.account)),
    ).toBe(true);
    expect(timeline.byAlias['f:live']!.every((p) => p.CostUsd === null)).toBe(true);
  });

  it('has no cost without pricing options, and refuses a region without rate cards', () => {
    const timeline = timelineFor(run.log);
    expect(timeline.account.every((p) => p.CostUsd === null)).toBe(true);
    expect(
      Object.values(timeline.byFunction).every((ps) => ps.every((p) => p.CostUsd === null)),
    ).toBe(true);
    const refused = timelineOf(run.log, {
      resolutionMs: RES,
      startMs: T0,
      pricing: { region: 'xx-nowhere-1' },
    });
    expect(refused._tag).toBe('Left');
  });
});

describe('createTimelineRecorder', () => {
  const event = { FunctionName: 'f', InvocationType: 'Event', Payload: '{}' } as const;
  const run = given()
    .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } })
    .withPublishedVersion('f')
    .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
    .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 2 })
    .invoke('a', { FunctionName: 'f', Qualifier: 'live' })
    .invoke('e', event)
    .invoke('t', { FunctionName: 'f' }) // throttled: both reserved slots are busy
    .advance(1_500)
    .complete('a', { durationMs: 5 })
    .complete('e', { durationMs: 5, functionError: BOOM })
    .advance(60_000)
    .complete('e', { durationMs: 5 });
  const options: TimelineOptions = {
    resolutionMs: 5_000,
    startMs: T0,
    accountConcurrencyLimit: 1_000,
    pricing: { freeTier: false },
  };

  it('gives the same timeline fed the log in pieces, and reading it midway changes nothing', () => {
    const whole = unwrap(timelineOf(run.log, options, T0 + 90_000));
    for (let cut = 0; cut <= run.log.length; cut += 1) {
      const recorder = unwrap(createTimelineRecorder(options));
      unwrap(recorder.record(run.log.slice(0, cut)));
      unwrap(recorder.timeline());
      unwrap(recorder.invoices());
      unwrap(recorder.record(run.log.slice(cut)));
      expect(unwrap(recorder.timeline(T0 + 90_000)), `cut at ${String(cut)}`).toEqual(whole);
    }
  });

  it('gives the same timeline fed one event at a time', () => {
    const recorder = unwrap(createTimelineRecorder(options));
    for (const e of run.log) unwrap(recorder.record([e]));
    expect(unwrap(recorder.timeline())).toEqual(unwrap(timelineOf(run.log, options)));
    const total = unwrap(recorder.invoices()).reduce(
      (acc, invoice) => acc.plus(invoice.total),
      new Decimal(0),
    );
    const bill = unwrap(billEvents(unwrap(emptyBill({ freeTier: false })), run.log));
    expect(total.equals(invoices(bill).reduce((a, i) => a.plus(i.total), new Decimal(0)))).toBe(
      true,
    );
  });

  it('refuses to start with pricing for an unknown region', () => {
    const refused = createTimelineRecorder({ ...options, pricing: { region: 'xx-nowhere-1' } });
    expect(refused._tag === 'Left' && refused.left._tag).toBe('UnknownRegion');
  });
});
