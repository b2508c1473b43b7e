import { describe, expect, it } from 'vitest';
import { asyncQueue } from '../../src/async/queries.js';
import { react } from '../../src/async/react.js';
import type { InvocationRequest } from '../../src/invocation/commands.js';
import { wideEntriesOf } from '../../src/kernel/dictionary.js';
import type { LambdaSettingsInput } from '../../src/kernel/settings.js';
import { decide, replay, type LambdaEvent } from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import { arnOf, expectRight, given, T0, typesOf, type Scenario } from '../support/scenario.js';

/** The clock once `withFunction` has let the first function become Active. */
const START = T0 + 1_000;

const DLQ = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:records';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:records';
const BUS = 'arn:aws:events:us-east-1:123456789012:event-bus/default';
const BUCKET = 'arn:aws:s3:::failed-records';

const UUID_PART = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** An asynchronous Invoke of `f` (or another function) with a JSON payload. */
const eventFor = (
  payload = '{"order":42}',
  functionName = 'f',
  qualifier?: string,
): InvocationRequest => ({
  FunctionName: functionName,
  InvocationType: 'Event',
  Payload: payload,
  ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
});

const BOOM = { errorType: 'Error', errorMessage: 'boom' };

type EventOf<T extends LambdaEvent['type']> = Extract<LambdaEvent, { readonly type: T }>;

const ofType = <T extends LambdaEvent['type']>(
  events: ReadonlyArray<LambdaEvent>,
  type: T,
): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);

/** The events a step appended to the log. */
const since = (before: Scenario, after: Scenario): ReadonlyArray<LambdaEvent> =>
  after.log.slice(before.log.length);

/** Every attempt of one async event that started. */
const startsOf = (log: ReadonlyArray<LambdaEvent>, requestId: string) =>
  ofType(log, 'InvocationStarted').filter(
    (e) => e.invocationType === 'Event' && e.requestId === requestId,
  );

/** The one terminal outcome of an event (the test fails if there is none or more than one). */
const endOf = (log: ReadonlyArray<LambdaEvent>, requestId: string) => {
  const ends = ofType(log, 'AsyncInvocationEnded').filter((e) => e.requestId === requestId);
  expect(ends).toHaveLength(1);
  return ends[0]!;
};

/** The one record delivered for an event. */
const deliveryOf = (log: ReadonlyArray<LambdaEvent>, requestId: string) => {
  const delivered = ofType(log, 'AsyncRecordDelivered').filter((e) => e.requestId === requestId);
  expect(delivered).toHaveLength(1);
  return delivered[0]!;
};

/** The one dead-letter message sent for an event. */
const deadLetterOf = (log: ReadonlyArray<LambdaEvent>, requestId: string) => {
  const sent = ofType(log, 'DeadLetterMessageSent').filter((e) => e.requestId === requestId);
  expect(sent).toHaveLength(1);
  return sent[0]!;
};

/** The delivered record (or EventBridge envelope) as a JSON value. */
const recordOf = (log: ReadonlyArray<LambdaEvent>, requestId: string): Record<string, unknown> =>
  JSON.parse(deliveryOf(log, requestId).message) as Record<string, unknown>;

/** The running attempt of `requestId` ends in a function error 500 ms later. */
const failAfter500 = (s: Scenario, requestId: string, error = BOOM): Scenario =>
  s.advance(500).complete(requestId, { durationMs: 500, functionError: error });

/** The running attempt of `requestId` succeeds 500 ms later. */
const succeedAfter500 = (s: Scenario, requestId: string, response = '{"ok":true}'): Scenario =>
  s.advance(500).complete(requestId, { durationMs: 500, response });

/** An account of one unit of concurrency, `f` (timeout 900 s) and a synchronous call holding it. */
const busyAccount = (): Scenario =>
  given({ concurrentExecutionsLimit: 1 })
    .withFunction('f', { Timeout: 900 })
    .invoke('sync', { FunctionName: 'f' });

/** `f` with an event invoke config on `$LATEST`. */
const withConfig = (
  s: Scenario,
  config: {
    MaximumRetryAttempts?: number;
    MaximumEventAgeInSeconds?: number;
    OnSuccess?: string;
    OnFailure?: string;
  },
  qualifier?: string,
  functionName = 'f',
): Scenario =>
  s.run('PutFunctionEventInvokeConfig', {
    FunctionName: functionName,
    ...(qualifier === undefined ? {} : { Qualifier: qualifier }),
    ...(config.MaximumRetryAttempts === undefined
      ? {}
      : { MaximumRetryAttempts: config.MaximumRetryAttempts }),
    ...(config.MaximumEventAgeInSeconds === undefined
      ? {}
      : { MaximumEventAgeInSeconds: config.MaximumEventAgeInSeconds }),
    ...(config.OnSuccess === undefined && config.OnFailure === undefined
      ? {}
      : {
          DestinationConfig: {
            ...(config.OnSuccess === undefined
              ? {}
              : { OnSuccess: { Destination: config.OnSuccess } }),
            ...(config.OnFailure === undefined
              ? {}
              : { OnFailure: { Destination: config.OnFailure } }),
          },
        }),
  });

/** Asserts `replay(log)` rebuilds exactly the state the commands reached. */
const expectReplayable = (s: Scenario, settings: LambdaSettingsInput = {}): void => {
  expect(replay(s.log, settings)).toEqual(s.state);
};

// ---------------------------------------------------------------------------------------------

describe('Dispatch from the queue (spec invocation §5.1, §5.3)', () => {
  it('starts an accepted event at once when concurrency allows, as an Event attempt', () => {
    // given an Active function
    const s = given().withFunction('f');
    // when an event is invoked
    const after = s.invoke('e1', eventFor());
    // then it is accepted and its first attempt starts at the same instant
    const events = since(s, after);
    expect(typesOf(events)).toEqual(['AsyncInvocationAccepted', 'InvocationStarted']);
    expect(events[0]).toMatchObject({ requestId: 'e1', atMs: START, payload: '{"order":42}' });
    expect(events[1]).toMatchObject({
      requestId: 'e1',
      invocationType: 'Event',
      executedVersion: '$LATEST',
      atMs: START,
    });
    expect(asyncQueue(after.state)['f']).toEqual({ waiting: 0, running: 1, oldestAgeMs: 0 });
  });

  it('uses the Invoke request id on every attempt and in the record (§1.5, invariant 9)', () => {
    let s = withConfig(given().withFunction('f'), { OnFailure: QUEUE }).invoke('e1', eventFor());
    s = failAfter500(s, 'e1').advance(60_000);
    s = failAfter500(s, 'e1').advance(120_000);
    s = failAfter500(s, 'e1');
    const starts = startsOf(s.log, 'e1');
    expect(starts.map((e) => e.requestId)).toEqual(['e1', 'e1', 'e1']);
    expect(ofType(s.log, 'InvocationStarted')).toHaveLength(3);
    expect(recordOf(s.log, 'e1')).toMatchObject({ requestContext: { requestId: 'e1' } });
  });

  it('re-queues a throttled event with backoff 1 s, 2 s, 4 s … capped at 300 s, then starts it at its next due time once a slot is free', () => {
    // given the only unit of concurrency held by a synchronous call
    const busy = busyAccount();
    // when an event arrives
    const accepted = busy.invoke('e1', eventFor());
    const first = since(busy, accepted);
    expect(typesOf(first)).toEqual(['AsyncInvocationAccepted', 'AsyncInvocationThrottled']);
    expect(first[1]).toMatchObject({
      requestId: 'e1',
      reason: 'ConcurrentInvocationLimitExceeded',
      atMs: START,
      retryAtMs: START + 1_000,
    });
    // then it is tried again and again, each wait twice the last, never more than 5 minutes
    const waited = accepted.advance(811_000);
    const throttles = ofType(waited.log, 'AsyncInvocationThrottled');
    expect(throttles.map((e) => (e.retryAtMs - e.atMs) / 1_000)).toEqual([
      1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300,
    ]);
    expect(throttles.map((e) => (e.atMs - START) / 1_000)).toEqual([
      0, 1, 3, 7, 15, 31, 63, 127, 255, 511, 811,
    ]);
    expect(startsOf(waited.log, 'e1')).toEqual([]);
    // the queue holds it, waiting (the synchronous call is not in it)
    expect(asyncQueue(waited.state)['f']).toMatchObject({ waiting: 1, running: 0 });
    // when the synchronous call ends, the event does not start before its due time (1,111 s) …
    const freed = waited.advance(89_000).complete('sync', { durationMs: 900_000 });
    const almost = freed.advance(210_999);
    expect(startsOf(almost.log, 'e1')).toEqual([]);
    // … and starts then, with the same request id
    const started = almost.advance(1);
    expect(startsOf(started.log, 'e1')).toEqual([
      expect.objectContaining({ atMs: START + 1_111_000, requestId: 'e1' }),
    ]);
    expect(ofType(since(almost, started), 'AsyncInvocationThrottled')).toEqual([]);
  });

  it('does not spend MaximumRetryAttempts on throttles: with 0 retries a thrice-throttled event still runs once (§5.3)', () => {
    const s = withConfig(busyAccount(), { MaximumRetryAttempts: 0 }).invoke('e1', eventFor());
    // throttled at +0 s, +1 s, +3 s; the slot frees at +5 s; the attempt due at +7 s runs
    const ran = s.advance(5_000).complete('sync', { durationMs: 5_000 }).advance(2_000);
    expect(ofType(ran.log, 'AsyncInvocationThrottled')).toHaveLength(3);
    expect(startsOf(ran.log, 'e1')).toEqual([expect.objectContaining({ atMs: START + 7_000 })]);
    const ended = failAfter500(ran, 'e1');
    expect(endOf(ended.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
  });

  it('restarts the backoff at 1 s after an attempt has run (model, §5.3)', () => {
    // throttled twice before its first run (+0 s, +1 s), it runs at +3 s and fails at +3.5 s
    let s = busyAccount().invoke('e1', eventFor());
    s = s.advance(2_000).complete('sync', { durationMs: 2_000 }).advance(1_000);
    expect(startsOf(s.log, 'e1')).toHaveLength(1);
    s = failAfter500(s, 'e1');
    // a new synchronous call holds the slot when the retry comes due at +63.5 s
    s = s.advance(10_000).invoke('sync-2', { FunctionName: 'f' });
    const before = s;
    s = s.advance(50_000);
    const throttled = ofType(since(before, s), 'AsyncInvocationThrottled');
    expect(throttled).toEqual([
      expect.objectContaining({ atMs: START + 63_500, retryAtMs: START + 64_500 }),
    ]);
  });

  it('gives a freed slot to the oldest of two events due at the same time', () => {
    // given two events throttled at the same instant, both due again at +1 s
    const s = busyAccount().invoke('z-old', eventFor()).invoke('a-new', eventFor('{"order":43}'));
    expect(
      ofType(s.log, 'AsyncInvocationThrottled').map((e) => [e.requestId, e.retryAtMs]),
    ).toEqual([
      ['z-old', START + 1_000],
      ['a-new', START + 1_000],
    ]);
    // when the slot frees before then
    const freed = s.advance(500).complete('sync', { durationMs: 500 });
    const due = freed.advance(500);
    // then the one accepted first starts and the other is throttled again
    const events = since(freed, due);
    expect(typesOf(events)).toEqual(['InvocationStarted', 'AsyncInvocationThrottled']);
    expect(events[0]).toMatchObject({ requestId: 'z-old', invocationType: 'Event' });
    expect(events[1]).toMatchObject({ requestId: 'a-new', retryAtMs: START + 3_000 });
  });
});

describe('Retries after a function error (spec invocation §5.2)', () => {
  it('retries after 60 s, then after 120 s, then ends RetriesExhausted with count 3 (defaults)', () => {
    let s = given().withFunction('f').invoke('e1', eventFor());
    s = failAfter500(s, 'e1');
    expect(ofType(s.log, 'AsyncRetryScheduled')).toEqual([
      expect.objectContaining({ requestId: 'e1', atMs: START + 500, retryAtMs: START + 60_500 }),
    ]);
    s = s.advance(59_999);
    expect(startsOf(s.log, 'e1')).toHaveLength(1);
    s = s.advance(1);
    expect(startsOf(s.log, 'e1')).toHaveLength(2);
    s = failAfter500(s, 'e1');
    expect(ofType(s.log, 'AsyncRetryScheduled')[1]).toMatchObject({
      atMs: START + 61_000,
      retryAtMs: START + 181_000,
    });
    s = s.advance(119_999);
    expect(startsOf(s.log, 'e1')).toHaveLength(2);
    s = failAfter500(s.advance(1), 'e1');
    expect(startsOf(s.log, 'e1').map((e) => e.atMs - START)).toEqual([0, 60_500, 181_000]);
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
      atMs: START + 181_500,
    });
    expect(ofType(s.log, 'AsyncRetryScheduled')).toHaveLength(2);
    // nothing runs again, however long the clock moves
    const later = s.advance(6 * 3_600_000);
    expect(startsOf(later.log, 'e1')).toHaveLength(3);
    expect(asyncQueue(later.state)['f']).toBeUndefined();
  });

  it('ends after one attempt with MaximumRetryAttempts 0', () => {
    const s = failAfter500(
      withConfig(given().withFunction('f'), { MaximumRetryAttempts: 0 }).invoke('e1', eventFor()),
      'e1',
    );
    expect(ofType(s.log, 'AsyncRetryScheduled')).toEqual([]);
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
    expect(startsOf(s.advance(600_000).log, 'e1')).toHaveLength(1);
  });

  it('counts a timeout as a function error: retried, then RetriesExhausted with the timeout document', () => {
    let s = withConfig(given().withFunction('f'), { OnFailure: QUEUE }).invoke('e1', eventFor());
    const timeOut = (at: Scenario): Scenario =>
      at.advance(3_000).complete('e1', { durationMs: 3_001 });
    s = timeOut(s);
    expect(ofType(s.log, 'InvocationCompleted')[0]).toMatchObject({ outcome: 'Timeout' });
    expect(ofType(s.log, 'AsyncRetryScheduled')).toEqual([
      expect.objectContaining({ retryAtMs: START + 63_000 }),
    ]);
    s = timeOut(s.advance(60_000));
    s = timeOut(s.advance(120_000));
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
    });
    expect(recordOf(s.log, 'e1')).toMatchObject({
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorType: 'Sandbox.Timedout',
        errorMessage: 'RequestId: e1 Error: Task timed out after 3.00 seconds',
      },
    });
  });

  it('ends Success with count 2 when the second attempt succeeds', () => {
    let s = given().withFunction('f').invoke('e1', eventFor());
    s = succeedAfter500(failAfter500(s, 'e1').advance(60_000), 'e1');
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'Success',
      approximateInvokeCount: 2,
      atMs: START + 61_000,
    });
    expect(ofType(s.log, 'AsyncRetryScheduled')).toHaveLength(1);
    expect(startsOf(s.advance(600_000).log, 'e1')).toHaveLength(2);
  });
});

describe('Maximum event age (spec invocation §5.4)', () => {
  it('60 s with 2 retries: runs once, then EventAgeExceeded at once with count 1 (look-ahead)', () => {
    const s = withConfig(given().withFunction('f'), {
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 60,
      OnFailure: QUEUE,
    }).invoke('e1', eventFor());
    const ended = failAfter500(s, 'e1');
    expect(ofType(ended.log, 'AsyncRetryScheduled')).toEqual([]);
    expect(endOf(ended.log, 'e1')).toMatchObject({
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 1,
      atMs: START + 500,
    });
    expect(recordOf(ended.log, 'e1')).toMatchObject({
      requestContext: { condition: 'EventAgeExceeded', approximateInvokeCount: 1 },
      responseContext: { functionError: 'Unhandled' },
    });
    expect(startsOf(ended.advance(600_000).log, 'e1')).toHaveLength(1);
  });

  it('90 s: runs twice (the retry at +60 s), then EventAgeExceeded with count 2', () => {
    let s = withConfig(given().withFunction('f'), { MaximumEventAgeInSeconds: 90 }).invoke(
      'e1',
      eventFor(),
    );
    s = failAfter500(failAfter500(s, 'e1').advance(60_000), 'e1');
    expect(startsOf(s.log, 'e1').map((e) => e.atMs - START)).toEqual([0, 60_500]);
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'EventAgeExceeded',
      approximateInvokeCount: 2,
      atMs: START + 61_000,
    });
    expect(startsOf(s.advance(600_000).log, 'e1')).toHaveLength(2);
  });

  it('reports RetriesExhausted, not EventAgeExceeded, when both apply', () => {
    // 1 retry and 90 s: after the second failure the retries are spent and the age would be too
    let s = withConfig(given().withFunction('f'), {
      MaximumRetryAttempts: 1,
      MaximumEventAgeInSeconds: 90,
    }).invoke('e1', eventFor());
    s = failAfter500(failAfter500(s, 'e1').advance(60_000), 'e1');
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 2,
    });
  });

  it('ends an event throttled until its age passes as EventAgeExceeded with count 0 and no response in its record', () => {
    const s = withConfig(
      given({ concurrentExecutionsLimit: 1 })
        .withFunction('f', { Timeout: 900, DeadLetterConfig: { TargetArn: DLQ } })
        .invoke('sync', { FunctionName: 'f' }),
      { MaximumEventAgeInSeconds: 60, OnFailure: QUEUE },
    ).invoke('e1', eventFor());
    const later = s.advance(120_000);
    const ended = endOf(later.log, 'e1');
    expect(ended).toMatchObject({ condition: 'EventAgeExceeded', approximateInvokeCount: 0 });
    expect(ended.atMs).toBeLessThanOrEqual(START + 60_000);
    expect(startsOf(later.log, 'e1')).toEqual([]);
    for (const throttle of ofType(later.log, 'AsyncInvocationThrottled')) {
      expect(throttle.atMs).toBeLessThanOrEqual(START + 60_000);
    }
    const record = recordOf(later.log, 'e1');
    expect(record).toMatchObject({
      requestContext: {
        requestId: 'e1',
        condition: 'EventAgeExceeded',
        approximateInvokeCount: 0,
      },
      requestPayload: { order: 42 },
    });
    expect(record).not.toHaveProperty('responseContext');
    expect(record).not.toHaveProperty('responsePayload');
    // an expired event goes to the DLQ as well (§5.6, §5.9)
    expect(deadLetterOf(later.log, 'e1')).toMatchObject({ targetArn: DLQ, body: '{"order":42}' });
  });
});

describe('The invocation record (spec invocation §5.8)', () => {
  it('Success: exactly version, timestamp, requestContext, requestPayload, responseContext (no functionError), responsePayload', () => {
    const s = withConfig(given().withFunction('f'), { OnSuccess: QUEUE }).invoke('e1', eventFor());
    const done = s.advance(250).complete('e1', { durationMs: 250, response: '{"ok":true}' });
    const expected = {
      version: '1.0',
      timestamp: '2026-01-01T00:00:01.250Z',
      requestContext: {
        requestId: 'e1',
        functionArn: arnOf('f', '$LATEST'),
        condition: 'Success',
        approximateInvokeCount: 1,
      },
      requestPayload: { order: 42 },
      responseContext: { statusCode: 200, executedVersion: '$LATEST' },
      responsePayload: { ok: true },
    };
    expect(deliveryOf(done.log, 'e1').message).toBe(JSON.stringify(expected));
  });

  it('RetriesExhausted: functionError Unhandled and the error document as responsePayload', () => {
    const s = withConfig(given().withFunction('f'), {
      MaximumRetryAttempts: 0,
      OnFailure: QUEUE,
    }).invoke('e1', eventFor('{"items":[1,2],"note":"x"}'));
    const done = failAfter500(s, 'e1', { errorType: 'Exception', errorMessage: 'Handler fails' });
    expect(recordOf(done.log, 'e1')).toStrictEqual({
      version: '1.0',
      timestamp: '2026-01-01T00:00:01.500Z',
      requestContext: {
        requestId: 'e1',
        functionArn: arnOf('f', '$LATEST'),
        condition: 'RetriesExhausted',
        approximateInvokeCount: 1,
      },
      requestPayload: { items: [1, 2], note: 'x' },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      responsePayload: {
        errorMessage: 'Handler fails',
        errorType: 'Exception',
        requestId: 'e1',
        stackTrace: [],
      },
    });
  });

  it('carries the count of runs (3 by default) and the model clock of the end as its timestamp', () => {
    let s = withConfig(given().withFunction('f'), { OnFailure: QUEUE }).invoke('e1', eventFor());
    s = failAfter500(s, 'e1').advance(60_000);
    s = failAfter500(s, 'e1').advance(120_000);
    s = failAfter500(s, 'e1');
    // ended at START + 181.5 s = 00:03:02.500
    expect(recordOf(s.log, 'e1')).toMatchObject({
      timestamp: '2026-01-01T00:03:02.500Z',
      requestContext: { condition: 'RetriesExhausted', approximateInvokeCount: 3 },
    });
  });

  it('names the version that ran: a version-qualified ARN and executedVersion', () => {
    const s = withConfig(
      given().withFunction('f').run('PublishVersion', { FunctionName: 'f' }),
      { OnSuccess: QUEUE },
      '1',
    ).invoke('e1', eventFor('{}', 'f', '1'));
    const done = succeedAfter500(s, 'e1', '"done"');
    expect(recordOf(done.log, 'e1')).toMatchObject({
      requestContext: { functionArn: arnOf('f', '1'), condition: 'Success' },
      responseContext: { executedVersion: '1' },
      responsePayload: 'done',
    });
  });

  it('ZeroReservedConcurrency: still 202, never runs, count 0, no responseContext or responsePayload (§5.10)', () => {
    const s = withConfig(
      given()
        .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } })
        .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 0 }),
      { OnFailure: QUEUE },
    );
    const answer = operations.Invoke(s.state, eventFor(), { now: s.nowMs, requestId: 'e1' });
    expect(expectRight(answer.result)).toEqual({
      statusCode: 202,
      body: { StatusCode: 202, Payload: '' },
    });
    expect(typesOf(answer.events)).toEqual([
      'AsyncInvocationAccepted',
      'AsyncInvocationEnded',
      'AsyncRecordDelivered',
      'DeadLetterMessageSent',
    ]);
    expect(endOf(answer.events, 'e1')).toMatchObject({
      condition: 'ZeroReservedConcurrency',
      approximateInvokeCount: 0,
      atMs: START,
    });
    expect(recordOf(answer.events, 'e1')).toStrictEqual({
      version: '1.0',
      timestamp: '2026-01-01T00:00:01.000Z',
      requestContext: {
        requestId: 'e1',
        functionArn: arnOf('f', '$LATEST'),
        condition: 'ZeroReservedConcurrency',
        approximateInvokeCount: 0,
      },
      requestPayload: { order: 42 },
    });
    expect(deadLetterOf(answer.events, 'e1')).toMatchObject({ targetArn: DLQ });
  });

  it('with reserved 0, no event of any mix ever runs (invariant 14)', () => {
    let s = given()
      .withFunction('f')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 0 });
    for (const id of ['e1', 'e2', 'e3']) s = s.invoke(id, eventFor()).advance(1_000);
    s = s.invoke('sync', { FunctionName: 'f' }).advance(600_000);
    expect(ofType(s.log, 'InvocationStarted')).toEqual([]);
    expect(ofType(s.log, 'AsyncInvocationEnded').map((e) => [e.requestId, e.condition])).toEqual([
      ['e1', 'ZeroReservedConcurrency'],
      ['e2', 'ZeroReservedConcurrency'],
      ['e3', 'ZeroReservedConcurrency'],
    ]);
  });
});

describe('Destinations (spec invocation §5.7)', () => {
  it('SQS and SNS receive the record itself as the message', () => {
    let s = withConfig(given().withFunction('f'), {
      MaximumRetryAttempts: 0,
      OnSuccess: QUEUE,
      OnFailure: TOPIC,
    });
    s = succeedAfter500(s.invoke('ok', eventFor()), 'ok');
    s = failAfter500(s.invoke('bad', eventFor()), 'bad');
    expect(deliveryOf(s.log, 'ok')).toMatchObject({
      on: 'OnSuccess',
      destination: QUEUE,
      service: 'sqs',
      chainDepth: 0,
    });
    expect(deliveryOf(s.log, 'bad')).toMatchObject({
      on: 'OnFailure',
      destination: TOPIC,
      service: 'sns',
    });
    for (const [id, condition] of [
      ['ok', 'Success'],
      ['bad', 'RetriesExhausted'],
    ] as const) {
      const message = recordOf(s.log, id);
      expect(Object.keys(message)).toEqual([
        'version',
        'timestamp',
        'requestContext',
        'requestPayload',
        'responseContext',
        'responsePayload',
      ]);
      expect(message).toMatchObject({
        version: '1.0',
        requestContext: { requestId: id, condition },
      });
    }
    expect(deliveryOf(s.log, 'ok')).not.toHaveProperty('s3Key');
  });

  it('EventBridge receives an envelope: source lambda, detail-type Success or Failure, resources [bus, function], detail = record', () => {
    let s = withConfig(given().withFunction('f'), {
      MaximumRetryAttempts: 0,
      OnSuccess: BUS,
      OnFailure: BUS,
    });
    s = succeedAfter500(s.invoke('ok', eventFor()), 'ok');
    s = failAfter500(s.invoke('bad', eventFor()), 'bad');
    expect(deliveryOf(s.log, 'ok')).toMatchObject({ service: 'events', destination: BUS });
    for (const [id, outcome, condition] of [
      ['ok', 'Success', 'Success'],
      ['bad', 'Failure', 'RetriesExhausted'],
    ] as const) {
      const envelope = recordOf(s.log, id);
      expect(envelope).toMatchObject({
        source: 'lambda',
        'detail-type': `Lambda Function Invocation Result - ${outcome}`,
        account: '123456789012',
        region: 'us-east-1',
        resources: [BUS, arnOf('f', '$LATEST')],
        detail: {
          version: '1.0',
          requestContext: { requestId: id, condition, functionArn: arnOf('f', '$LATEST') },
          requestPayload: { order: 42 },
        },
      });
    }
    const detail = recordOf(s.log, 'ok')['detail'];
    expect(detail).toHaveProperty('responseContext', {
      statusCode: 200,
      executedVersion: '$LATEST',
    });
  });

  it('S3 (on failure) stores the record at aws/lambda/async/<fn>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>', () => {
    const s = failAfter500(
      withConfig(given().withFunction('f'), { MaximumRetryAttempts: 0, OnFailure: BUCKET }).invoke(
        'e1',
        eventFor(),
      ),
      'e1',
    );
    const delivered = deliveryOf(s.log, 'e1');
    expect(delivered).toMatchObject({ on: 'OnFailure', service: 's3', destination: BUCKET });
    expect(delivered.s3Key).toMatch(
      new RegExp(`^aws/lambda/async/f/2026/01/01/2026-01-01T00\\.00\\.01-${UUID_PART}$`),
    );
    expect(recordOf(s.log, 'e1')).toMatchObject({
      requestContext: { condition: 'RetriesExhausted' },
    });
  });

  it('Lambda: react returns an Event Invoke of the destination with the record as payload and chainDepth + 1; feeding it back runs it', () => {
    let s = withConfig(given().withFunction('g').withFunction('f'), { OnSuccess: arnOf('g') });
    s = withConfig(s, { OnSuccess: QUEUE }, undefined, 'g');
    s = succeedAfter500(s.invoke('e1', eventFor()), 'e1');
    const delivered = deliveryOf(s.log, 'e1');
    expect(delivered).toMatchObject({ service: 'lambda', destination: arnOf('g'), chainDepth: 0 });
    const follow = react(delivered, s.state);
    expect(follow).toHaveLength(1);
    const invoke = follow[0]!;
    expect(invoke).toMatchObject({
      type: 'Invoke',
      input: { FunctionName: arnOf('g'), InvocationType: 'Event', Payload: delivered.message },
      model: { chainDepth: 1 },
    });
    // other events call for nothing
    expect(react(endOf(s.log, 'e1'), s.state)).toEqual([]);
    expect(s.log.flatMap((e) => (e === delivered ? [] : react(e, s.state)))).toEqual([]);
    // when the command is fed back, g's event is accepted one deeper and runs
    const fed = s.runCommand(invoke);
    const events = since(s, fed);
    expect(typesOf(events)).toEqual(['AsyncInvocationAccepted', 'InvocationStarted']);
    expect(events[0]).toMatchObject({
      functionName: 'g',
      requestId: invoke.meta.requestId,
      chainDepth: 1,
      payload: delivered.message,
    });
    expect(events[1]).toMatchObject({ functionName: 'g', invocationType: 'Event' });
    // and g's own record carries f's record as its request payload
    const done = succeedAfter500(fed, invoke.meta.requestId);
    expect(recordOf(done.log, invoke.meta.requestId)).toMatchObject({
      requestContext: { functionArn: arnOf('g', '$LATEST'), condition: 'Success' },
      requestPayload: JSON.parse(delivered.message) as unknown,
    });
  });

  it('on terminal failure both the OnFailure destination and the DLQ receive the event; a success never goes to the DLQ', () => {
    let s = withConfig(given().withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } }), {
      MaximumRetryAttempts: 0,
      OnSuccess: TOPIC,
      OnFailure: QUEUE,
    });
    s = failAfter500(s.invoke('bad', eventFor()), 'bad');
    s = succeedAfter500(s.invoke('ok', eventFor()), 'ok');
    expect(deliveryOf(s.log, 'bad')).toMatchObject({ on: 'OnFailure', destination: QUEUE });
    expect(deadLetterOf(s.log, 'bad')).toMatchObject({ targetArn: DLQ });
    expect(deliveryOf(s.log, 'ok')).toMatchObject({ on: 'OnSuccess', destination: TOPIC });
    expect(ofType(s.log, 'DeadLetterMessageSent').map((e) => e.requestId)).toEqual(['bad']);
  });
});

describe('Dead-letter queue (spec invocation §5.6)', () => {
  it('sends the original event as-is with RequestID, ErrorCode "200" and the error message, once, at the end', () => {
    const payload = '{ "order": 42,\n  "note": "as sent" }';
    let s = given()
      .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } })
      .invoke('e1', eventFor(payload));
    s = failAfter500(s, 'e1').advance(60_000);
    s = failAfter500(s, 'e1').advance(120_000);
    expect(ofType(s.log, 'DeadLetterMessageSent')).toEqual([]);
    s = failAfter500(s, 'e1');
    expect(deadLetterOf(s.log, 'e1')).toEqual({
      type: 'DeadLetterMessageSent',
      requestId: 'e1',
      functionName: 'f',
      targetArn: DLQ,
      body: payload,
      attributes: { RequestID: 'e1', ErrorCode: '200', ErrorMessage: 'boom' },
      atMs: START + 181_500,
    });
  });

  it('cuts the ErrorMessage to the first 1 KB, on a character boundary', () => {
    const ascii = failAfter500(
      withConfig(given().withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } }), {
        MaximumRetryAttempts: 0,
      }).invoke('e1', eventFor()),
      'e1',
      { errorType: 'Error', errorMessage: 'x'.repeat(2_000) },
    );
    expect(deadLetterOf(ascii.log, 'e1').attributes.ErrorMessage).toBe('x'.repeat(1_024));
    // 'a' + 600 × 'é' (2 bytes each): byte 1,024 falls inside a character, so 1,023 bytes are kept
    const wide = failAfter500(ascii.invoke('e2', eventFor()), 'e2', {
      errorType: 'Error',
      errorMessage: `a${'é'.repeat(600)}`,
    });
    expect(deadLetterOf(wide.log, 'e2').attributes.ErrorMessage).toBe(`a${'é'.repeat(511)}`);
    // a short message is kept whole
    const short = failAfter500(wide.invoke('e3', eventFor()), 'e3', {
      errorType: 'Error',
      errorMessage: 'é'.repeat(512),
    });
    expect(deadLetterOf(short.log, 'e3').attributes.ErrorMessage).toBe('é'.repeat(512));
  });

  it('reports a timeout with ErrorCode "200" and the timeout message', () => {
    const s = withConfig(given().withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } }), {
      MaximumRetryAttempts: 0,
    })
      .invoke('e1', eventFor())
      .advance(3_000);
    const done = s.complete('e1', { durationMs: 4_000 });
    expect(deadLetterOf(done.log, 'e1').attributes).toEqual({
      RequestID: 'e1',
      ErrorCode: '200',
      ErrorMessage: 'RequestId: e1 Error: Task timed out after 3.00 seconds',
    });
  });

  it('uses the DLQ of the version that ran: a published version keeps the one it was published with', () => {
    const DLQ_B = 'arn:aws:sqs:us-east-1:123456789012:dlq-b';
    let s = given()
      .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } })
      .run('PublishVersion', { FunctionName: 'f' })
      .run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        DeadLetterConfig: { TargetArn: DLQ_B },
      })
      .advance(1_000);
    s = withConfig(s, { MaximumRetryAttempts: 0 });
    s = withConfig(s, { MaximumRetryAttempts: 0 }, '1');
    s = failAfter500(s.invoke('v1', eventFor('{}', 'f', '1')), 'v1');
    s = failAfter500(s.invoke('latest', eventFor('{}')), 'latest');
    expect(deadLetterOf(s.log, 'v1').targetArn).toBe(DLQ);
    expect(deadLetterOf(s.log, 'latest').targetArn).toBe(DLQ_B);
  });

  it('sends nothing when the function has no DLQ', () => {
    const s = failAfter500(
      withConfig(given().withFunction('f'), { MaximumRetryAttempts: 0 }).invoke('e1', eventFor()),
      'e1',
    );
    expect(endOf(s.log, 'e1')).toMatchObject({ condition: 'RetriesExhausted' });
    expect(ofType(s.log, 'DeadLetterMessageSent')).toEqual([]);
  });
});

describe('Which config applies (spec invocation §5.5, model: the invoked qualifier, no inheritance)', () => {
  /** `f` with version 1 behind alias `live`, and `$LATEST`'s config: no retries, OnFailure. */
  const aliased = (): Scenario =>
    withConfig(
      given()
        .withFunction('f')
        .run('PublishVersion', { FunctionName: 'f' })
        .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' }),
      { MaximumRetryAttempts: 0, OnFailure: QUEUE },
    );

  it('a config on $LATEST does not apply to an alias invocation: defaults (2 retries, no destination)', () => {
    let s = aliased().invoke('e1', eventFor('{}', 'f', 'live'));
    s = failAfter500(s, 'e1');
    expect(ofType(s.log, 'AsyncRetryScheduled')).toHaveLength(1);
    s = failAfter500(failAfter500(s.advance(60_000), 'e1').advance(120_000), 'e1');
    expect(endOf(s.log, 'e1')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 3,
      executedVersion: '1',
    });
    expect(ofType(s.log, 'AsyncRecordDelivered')).toEqual([]);
    // while an unqualified invocation does use it
    const plain = failAfter500(s.invoke('e2', eventFor('{}')), 'e2');
    expect(endOf(plain.log, 'e2')).toMatchObject({ approximateInvokeCount: 1 });
    expect(deliveryOf(plain.log, 'e2')).toMatchObject({ destination: QUEUE });
  });

  it('nor does the config of the version the alias points to; the alias’s own config does', () => {
    const s = withConfig(aliased(), { MaximumRetryAttempts: 0, OnFailure: TOPIC }, '1');
    const viaAlias = failAfter500(s.invoke('e1', eventFor('{}', 'f', 'live')), 'e1');
    expect(ofType(viaAlias.log, 'AsyncRetryScheduled')).toHaveLength(1);
    expect(ofType(viaAlias.log, 'AsyncInvocationEnded')).toEqual([]);
    const own = withConfig(s, { MaximumRetryAttempts: 0, OnSuccess: BUS, OnFailure: BUS }, 'live');
    const done = failAfter500(own.invoke('e2', eventFor('{}', 'f', 'live')), 'e2');
    expect(endOf(done.log, 'e2')).toMatchObject({
      condition: 'RetriesExhausted',
      approximateInvokeCount: 1,
    });
    expect(deliveryOf(done.log, 'e2')).toMatchObject({ destination: BUS, service: 'events' });
  });
});

describe('Recursive loop detection (spec invocation §5.11)', () => {
  /**
   * `f`'s OnSuccess is `g` and `g`'s OnSuccess is `f`; `f` also has an OnFailure queue and a DLQ.
   * Invokes `f`, then completes each running link and feeds back the commands `react` returns,
   * for at most `links` links.
   */
  const chain = (settings: LambdaSettingsInput, links: number): Scenario => {
    let s = given(settings)
      .withFunction('g')
      .withFunction('f', { DeadLetterConfig: { TargetArn: DLQ } });
    s = withConfig(s, { OnSuccess: arnOf('g'), OnFailure: QUEUE });
    s = withConfig(s, { OnSuccess: arnOf('f') }, undefined, 'g');
    s = s.invoke('link-1', eventFor('{}'));
    let running: string | undefined = 'link-1';
    for (let link = 1; link <= links && running !== undefined; link += 1) {
      const completed: Scenario = s.advance(100).complete(running, { durationMs: 100 });
      const follow = since(s, completed).flatMap((e) => react(e, completed.state));
      s = completed;
      running = undefined;
      for (const next of follow) {
        const fed = s.runCommand(next);
        if (startsOf(since(s, fed), next.meta.requestId).length > 0) running = next.meta.requestId;
        s = fed;
      }
    }
    return s;
  };

  it('stops the 17th invocation of a chain: RecursiveInvocationStopped with count 0, sent to OnFailure and the DLQ', () => {
    const s = chain({}, 30);
    const starts = ofType(s.log, 'InvocationStarted');
    expect(starts).toHaveLength(16);
    expect(starts.map((e) => e.functionName)).toEqual(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 'f' : 'g')),
    );
    const accepted = ofType(s.log, 'AsyncInvocationAccepted');
    expect(accepted.map((e) => e.chainDepth)).toEqual(Array.from({ length: 17 }, (_, i) => i));
    const stopped = accepted[16]!;
    expect(stopped.functionName).toBe('f');
    expect(startsOf(s.log, stopped.requestId)).toEqual([]);
    expect(endOf(s.log, stopped.requestId)).toMatchObject({
      functionName: 'f',
      condition: 'RecursiveInvocationStopped',
      approximateInvokeCount: 0,
    });
    expect(deliveryOf(s.log, stopped.requestId)).toMatchObject({
      on: 'OnFailure',
      destination: QUEUE,
      chainDepth: 16,
    });
    expect(deadLetterOf(s.log, stopped.requestId)).toMatchObject({
      targetArn: DLQ,
      body: stopped.payload,
    });
    // every other link ended in Success, and the log replays to the same state
    expect(
      ofType(s.log, 'AsyncInvocationEnded').filter((e) => e.condition === 'Success'),
    ).toHaveLength(16);
    expectReplayable(s);
  });

  it('lets the chain go past 17 with recursiveLoop Allow', () => {
    const s = chain({ recursiveLoop: 'Allow' }, 19);
    expect(ofType(s.log, 'InvocationStarted')).toHaveLength(20);
    expect(ofType(s.log, 'AsyncInvocationAccepted').map((e) => e.chainDepth)).toEqual(
      Array.from({ length: 20 }, (_, i) => i),
    );
    expect(ofType(s.log, 'AsyncInvocationEnded').filter((e) => e.condition !== 'Success')).toEqual(
      [],
    );
  });
});

describe('One terminal outcome per event, and replay (spec invocation §10 invariants 7–10)', () => {
  const SETTINGS: LambdaSettingsInput = { concurrentExecutionsLimit: 2 };

  /** A mix: success, retries, age, a throttled wait, reserved 0 — some still in flight. */
  const mixed = (): Scenario => {
    let s = given(SETTINGS)
      .withFunction('f', { Timeout: 900, DeadLetterConfig: { TargetArn: DLQ } })
      .withFunction('h');
    s = withConfig(s, { MaximumEventAgeInSeconds: 90, OnSuccess: QUEUE, OnFailure: BUS });
    s = s.invoke('ok', eventFor()).invoke('retry', eventFor('{"n":2}'));
    // both units busy: the next event waits
    s = s.invoke('waits', eventFor('{"n":3}'));
    s = succeedAfter500(s, 'ok');
    s = failAfter500(s, 'retry');
    s = s.run('PutFunctionConcurrency', { FunctionName: 'h', ReservedConcurrentExecutions: 0 });
    s = s.invoke('zero', eventFor('{}', 'h'));
    return s;
  };

  it('ends every accepted event exactly once, with approximateInvokeCount equal to its runs', () => {
    let s = mixed().advance(60_000);
    // finish whatever runs, until nothing is left in the queue
    for (let round = 0; round < 10; round += 1) {
      const running = wideEntriesOf(s.state.async.queued)
        .map(([, event]) => event)
        .filter((e) => e.running)
        .map((e) => e.requestId);
      for (const id of running) s = failAfter500(s, id);
      s = s.advance(300_000);
    }
    const accepted = ofType(s.log, 'AsyncInvocationAccepted').map((e) => e.requestId);
    expect(accepted).toEqual(['ok', 'retry', 'waits', 'zero']);
    for (const id of accepted) {
      const ended = endOf(s.log, id);
      expect(ended.approximateInvokeCount).toBe(startsOf(s.log, id).length);
      // no attempt after the maximum age (90 s for f) nor after the end
      for (const start of startsOf(s.log, id)) {
        expect(start.atMs).toBeLessThanOrEqual(ended.atMs);
        expect(start.atMs).toBeLessThanOrEqual(
          ofType(s.log, 'AsyncInvocationAccepted').find((e) => e.requestId === id)!.atMs + 90_000,
        );
      }
    }
    expect(Object.fromEntries(accepted.map((id) => [id, endOf(s.log, id).condition]))).toEqual({
      ok: 'Success',
      retry: 'EventAgeExceeded',
      waits: 'EventAgeExceeded',
      zero: 'ZeroReservedConcurrency',
    });
    // record shape (invariant 10): Success ⇔ no functionError; no response ⇔ it never ran
    const delivered = ofType(s.log, 'AsyncRecordDelivered');
    expect(Object.fromEntries(delivered.map((e) => [e.requestId, e.service]))).toEqual({
      ok: 'sqs',
      retry: 'events',
      waits: 'events',
    });
    for (const e of delivered) {
      const message = JSON.parse(e.message) as { detail?: unknown };
      const record = (message.detail ?? message) as {
        requestContext: { condition: string; approximateInvokeCount: number };
        responseContext?: { functionError?: string };
      };
      expect(record.responseContext).toBeDefined();
      expect(record.requestContext.approximateInvokeCount).toBeGreaterThan(0);
      expect(record.responseContext?.functionError === undefined).toBe(
        record.requestContext.condition === 'Success',
      );
    }
    expect(asyncQueue(s.state)).toEqual({});
    expectReplayable(s, SETTINGS);
  });

  it('replay(log) rebuilds the state mid-flight, and both go on to decide the same events', () => {
    const s = mixed();
    // `retry` waits for its retry, `waits` (throttled at first) runs
    expect(asyncQueue(s.state)['f']).toMatchObject({ waiting: 1, running: 1 });
    expectReplayable(s, SETTINGS);
    const rebuilt = replay(s.log, SETTINGS);
    const tick = {
      type: 'AdvanceClock',
      input: { to: s.nowMs + 120_000 },
      meta: { now: s.nowMs + 120_000, requestId: 'clock' },
    } as const;
    const fromLive = expectRight(decide(tick, s.state));
    expect(fromLive.length).toBeGreaterThan(0);
    expect(expectRight(decide(tick, rebuilt))).toEqual(fromLive);
  });

  it('replays an event waiting out throttles to the same state', () => {
    const busy = busyAccount().invoke('e1', eventFor()).advance(31_000);
    expect(ofType(busy.log, 'AsyncInvocationThrottled')).toHaveLength(6);
    expectReplayable(busy, { concurrentExecutionsLimit: 1 });
  });
});

describe('Request ids of queued events (model)', () => {
  it('refuses an Invoke that reuses the request id of an event still in the queue', () => {
    const s = given({ concurrentExecutionsLimit: 1 })
      .withFunction('f')
      .invoke('busy', { FunctionName: 'f' })
      .invoke('queued', { FunctionName: 'f', InvocationType: 'Event', Payload: '{}' });
    const again = s.whenInvoked('queued', { FunctionName: 'f', InvocationType: 'Event' });
    expect(again._tag).toBe('Left');
    expect(s.whenInvoked('queued', { FunctionName: 'f' })._tag).toBe('Left');
  });
});
