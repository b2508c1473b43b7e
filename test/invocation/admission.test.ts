import { describe, expect, it } from 'vitest';
import type { InvocationRequest } from '../../src/invocation/commands.js';
import type { InvocationStarted } from '../../src/invocation/events.js';
import { asyncQueue } from '../../src/async/queries.js';
import type { ThrottleReason } from '../../src/kernel/errors.js';
import { operations } from '../../src/operations/operations.js';
import type { LambdaEvent } from '../../src/lambda.js';
import { expectError, expectRight, given, typesOf, type Scenario } from '../support/scenario.js';

const F = { FunctionName: 'f' } as const;

/** Starts `count` synchronous invocations `<prefix>0…` that keep running. */
const startMany = (
  scenario: Scenario,
  count: number,
  input: InvocationRequest = F,
  prefix = 'r',
): Scenario => {
  let s = scenario;
  for (let i = 0; i < count; i += 1) s = s.invoke(`${prefix}${String(i)}`, input);
  return s;
};

/** Completes the running invocations `<prefix>0…<prefix>(count-1)`. */
const completeMany = (scenario: Scenario, count: number, prefix = 'r'): Scenario => {
  let s = scenario;
  for (let i = 0; i < count; i += 1) s = s.complete(`${prefix}${String(i)}`, { durationMs: 1 });
  return s;
};

/** The single event a decision recorded. */
const onlyEvent = (events: ReadonlyArray<LambdaEvent>): LambdaEvent => {
  expect(events).toHaveLength(1);
  return events[0] ?? expect.fail('no event');
};

/** Asserts the Invoke is admitted and returns its start event. */
const expectStarted = (
  scenario: Scenario,
  requestId: string,
  input: InvocationRequest = F,
): InvocationStarted => {
  const event = onlyEvent(expectRight(scenario.whenInvoked(requestId, input)));
  if (event.type !== 'InvocationStarted') return expect.fail(`expected a start, got ${event.type}`);
  return event;
};

/**
 * Asserts that a synchronous Invoke is throttled as AWS answers it — 429 TooManyRequestsException,
 * `Rate Exceeded.`, the reason — that the throttle is recorded, and that no concurrency, no
 * environment and no running invocation changed (spec invocation §3.7).
 */
const expectThrottled = (
  scenario: Scenario,
  reason: ThrottleReason,
  input: InvocationRequest = F,
  requestId = 'throttled',
): void => {
  const { result, events, state } = operations.Invoke(scenario.state, input, {
    now: scenario.nowMs,
    requestId,
  });
  const error = expectError(result, 'TooManyRequestsException', 'Rate Exceeded.');
  expect(error.statusCode).toBe(429);
  expect(error.reason).toBe(reason);
  expect(events).toEqual([
    expect.objectContaining({
      type: 'InvocationThrottled',
      requestId,
      reason,
      invocationType: 'RequestResponse',
      atMs: scenario.nowMs,
    }),
  ]);
  expect(state.concurrency).toEqual(scenario.state.concurrency);
  expect(state.environments).toEqual(scenario.state.environments);
  expect(state.invocation.running).toEqual(scenario.state.invocation.running);
};

describe('Account concurrency limit (spec invocation §3.2, §3.6 step 3)', () => {
  const tenRunning = (): Scenario =>
    startMany(given({ concurrentExecutionsLimit: 10 }).withFunction('f'), 10);

  it('admits up to ConcurrentExecutions invocations at once', () => {
    const s = tenRunning();
    expect(s.state.concurrency.inflightTotal).toBe(10);
    expect(typesOf(s.log.filter((e) => e.type.startsWith('Invocation')))).toEqual(
      new Array<string>(10).fill('InvocationStarted'),
    );
  });

  it('throttles the 11th with 429 ConcurrentInvocationLimitExceeded, Rate Exceeded., and changes no concurrency', () => {
    expectThrottled(tenRunning(), 'ConcurrentInvocationLimitExceeded');
  });

  it('counts every unreserved function against the same pool', () => {
    const s = startMany(
      startMany(given({ concurrentExecutionsLimit: 10 }).withFunction('f').withFunction('g'), 6),
      4,
      { FunctionName: 'g' },
      'g',
    );
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded');
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded', { FunctionName: 'g' });
  });

  it('counts versions and aliases of a function against the same pool', () => {
    const base = given({ concurrentExecutionsLimit: 10 })
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });
    const s = startMany(startMany(base, 5), 5, { FunctionName: 'f', Qualifier: 'live' }, 'a');
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded', { FunctionName: 'f', Qualifier: '1' });
  });

  it('runs a throttled request zero times: it is not running afterwards', () => {
    const s = tenRunning().invoke('late', F);
    expect(s.state.invocation.running).toEqual(tenRunning().state.invocation.running);
    expectError(
      operations.CompleteInvocation(
        s.state,
        { requestId: 'late', durationMs: 1 },
        { now: s.nowMs, requestId: 'c' },
      ).result,
      'ResourceNotFoundException',
    );
  });

  it('frees the slot when an invocation completes', () => {
    const s = tenRunning();
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded');
    const freed = s.complete('r3', { durationMs: 10 });
    expect(freed.state.concurrency.inflightTotal).toBe(9);
    const started = expectStarted(freed, 'r10');
    expect(started).toMatchObject({ newEnvironment: false });
    expectThrottled(freed.invoke('r10', F), 'ConcurrentInvocationLimitExceeded');
  });
});

describe('Reserved concurrency (spec invocation §3.3, §3.6 step 2)', () => {
  const reserved = (r: number, settings = {}): Scenario =>
    given(settings)
      .withFunction('f')
      .withFunction('g')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: r });

  it('throttles at R with ReservedFunctionConcurrentInvocationLimitExceeded while the account is idle', () => {
    const s = startMany(reserved(2), 2);
    expect(s.state.concurrency.inflightTotal).toBe(2);
    expectThrottled(s, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    // Another function still runs: the account has room.
    expectStarted(s, 'g1', { FunctionName: 'g' });
  });

  it('caps the function as a whole: $LATEST, versions and aliases share R', () => {
    const base = reserved(2)
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });
    const s = base.invoke('a', F).invoke('b', { FunctionName: 'f', Qualifier: '1' });
    for (const input of [F, { FunctionName: 'f', Qualifier: '1' }, { ...F, Qualifier: 'live' }]) {
      expectThrottled(s, 'ReservedFunctionConcurrentInvocationLimitExceeded', input);
    }
  });

  it('throttles every synchronous invocation with R = 0', () => {
    const s = reserved(0).withPublishedVersion('f');
    for (const input of [
      F,
      { FunctionName: 'f', Qualifier: '1' },
      { ...F, Qualifier: '$LATEST' },
    ]) {
      expectThrottled(s, 'ReservedFunctionConcurrentInvocationLimitExceeded', input);
    }
  });

  it('frees the reserved slot on completion', () => {
    const s = startMany(reserved(1), 1);
    expectThrottled(s, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    expectStarted(s.complete('r0', { durationMs: 5 }), 'next');
  });

  it('takes the reservation out of the unreserved pool, and its runs do not count there', () => {
    // Limit 200, f reserves 100: the others share the remaining 100.
    const base = reserved(100, { concurrentExecutionsLimit: 200 });
    const s = startMany(startMany(base, 100), 100, { FunctionName: 'g' }, 'g');
    expect(s.state.concurrency.inflightTotal).toBe(200);
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded', { FunctionName: 'g' });
    expectThrottled(s, 'ReservedFunctionConcurrentInvocationLimitExceeded');
    // Before f ran anything, g still had only 100.
    const gOnly = startMany(base, 100, { FunctionName: 'g' }, 'g');
    expectThrottled(gOnly, 'ConcurrentInvocationLimitExceeded', { FunctionName: 'g' });
  });

  it('keeps the reservation as a floor: f runs even when the unreserved pool is used up', () => {
    const s = startMany(
      reserved(100, { concurrentExecutionsLimit: 200 }),
      100,
      { FunctionName: 'g' },
      'g',
    );
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded', { FunctionName: 'g' });
    expectStarted(s, 'f1');
  });

  it('returns the function to the unreserved pool when the reservation is deleted', () => {
    const s = reserved(0).run('DeleteFunctionConcurrency', { FunctionName: 'f' });
    expectStarted(s, 'r1');
  });
});

describe('Scaling rate (spec invocation §3.5, §3.6 step 4)', () => {
  const SCALING = { scalingRateEnvironments: 5, scalingWindowMs: 10_000 };
  const fiveCold = (): Scenario => startMany(given(SCALING).withFunction('f').withFunction('g'), 5);

  it('lets 5 environments start at once, and throttles the 6th cold start with FunctionInvocationRateLimitExceeded', () => {
    const s = fiveCold();
    const starts = s.log.filter((e): e is InvocationStarted => e.type === 'InvocationStarted');
    expect(starts.map((e) => e.newEnvironment)).toEqual([true, true, true, true, true]);
    expectThrottled(s, 'FunctionInvocationRateLimitExceeded');
  });

  it('gives capacity back as each start leaves the window: none at +9,999 ms, all at +10,000 ms', () => {
    const s = fiveCold();
    expectThrottled(s.advance(1_000), 'FunctionInvocationRateLimitExceeded');
    expectThrottled(s.advance(9_999), 'FunctionInvocationRateLimitExceeded');
    const later = startMany(s.advance(10_000), 5, F, 'later');
    expect(later.state.concurrency.inflightTotal).toBe(10);
    expectThrottled(later, 'FunctionInvocationRateLimitExceeded');
  });

  it('refills continuously, start by start: starts spread over time come back spread over time', () => {
    // One start every 2,000 ms fills the window; each comes back 10,000 ms after it was made.
    let s = given(SCALING).withFunction('f');
    for (let i = 0; i < 5; i += 1) s = s.invoke(`spread${String(i)}`, F).advance(2_000);
    // Now at +10,000 from the first start: exactly one start has left the window.
    expect(expectStarted(s, 'again0')).toMatchObject({ newEnvironment: true });
    const one = s.invoke('again0', F);
    expectThrottled(one, 'FunctionInvocationRateLimitExceeded');
    expect(expectStarted(one.advance(2_000), 'again1')).toMatchObject({ newEnvironment: true });
  });

  it('never lets a window of scalingWindowMs hold more than the rate, however the starts fall', () => {
    // A token bucket refilled at 5 per 10 s would hold 2 tokens again after 4,000 ms and so allow
    // 7 starts in 10 s; the rate allows 5 in any window (spec invocation §10 invariant 6).
    const s = fiveCold();
    expectThrottled(s.advance(4_000), 'FunctionInvocationRateLimitExceeded');
    expectThrottled(s.advance(9_999), 'FunctionInvocationRateLimitExceeded');
  });

  it('never holds more than the bucket: after an hour idle only 5 cold starts pass', () => {
    const idle = completeMany(fiveCold(), 5).advance(3_600_000);
    // The idle environments were reclaimed meanwhile, so every start is cold.
    expect(idle.log.filter((e) => e.type === 'ExecutionEnvironmentReclaimed')).toHaveLength(5);
    const s = startMany(idle, 5, F, 'after');
    const starts = s.log
      .slice(idle.log.length)
      .filter((e): e is InvocationStarted => e.type === 'InvocationStarted');
    expect(starts.every((e) => e.newEnvironment)).toBe(true);
    expectThrottled(s, 'FunctionInvocationRateLimitExceeded');
  });

  it('needs no token for warm reuse: 5 idle environments serve 5 more while the bucket is empty', () => {
    const s = startMany(completeMany(fiveCold(), 5), 5, F, 'warm');
    const warm = s.log
      .filter((e): e is InvocationStarted => e.type === 'InvocationStarted')
      .slice(5);
    expect(warm).toHaveLength(5);
    expect(warm.every((e) => !e.newEnvironment)).toBe(true);
    // Every environment is busy again and no token came back: the next one would be cold.
    expectThrottled(s, 'FunctionInvocationRateLimitExceeded');
  });

  it('keeps one bucket per function: g still starts 5 environments when f has none left', () => {
    const s = startMany(fiveCold(), 5, { FunctionName: 'g' }, 'g');
    expect(s.state.concurrency.inflightTotal).toBe(10);
    expectThrottled(s, 'FunctionInvocationRateLimitExceeded', { FunctionName: 'g' });
  });

  it('checks concurrency before the scaling rate: at the limit the reason is the concurrency one', () => {
    const s = startMany(given({ ...SCALING, concurrentExecutionsLimit: 5 }).withFunction('f'), 5);
    expectThrottled(s, 'ConcurrentInvocationLimitExceeded');
  });
});

describe('Event invocations and free concurrency (spec invocation §3.7, §5.1, §5.3, §5.10)', () => {
  const event = { FunctionName: 'f', InvocationType: 'Event', Payload: '{"n":1}' } as const;

  /**
   * Invokes `event` through the facade and asserts AWS's answer — 202, empty payload, whatever
   * the free concurrency (spec §3.7) — and that the acceptance is the first event recorded.
   */
  const invokeEvent = (scenario: Scenario) => {
    const answered = operations.Invoke(scenario.state, event, {
      now: scenario.nowMs,
      requestId: 'async-1',
    });
    expect(expectRight(answered.result)).toEqual({
      statusCode: 202,
      body: { StatusCode: 202, Payload: '' },
    });
    expect(answered.events[0]).toEqual(
      expect.objectContaining({
        type: 'AsyncInvocationAccepted',
        requestId: 'async-1',
        payload: '{"n":1}',
        executedVersion: '$LATEST',
        atMs: scenario.nowMs,
      }),
    );
    return answered;
  };

  /**
   * Asserts the Event is accepted and its first attempt throttled at once: re-queued 1 s later
   * (the first backoff step, spec §5.3), waiting in the queue, and with no concurrency, no
   * environment and no running invocation taken.
   */
  const expectAcceptedThenThrottled = (scenario: Scenario, reason: ThrottleReason): void => {
    const { events, state } = invokeEvent(scenario);
    expect(events).toEqual([
      expect.objectContaining({ type: 'AsyncInvocationAccepted' }),
      {
        type: 'AsyncInvocationThrottled',
        requestId: 'async-1',
        functionName: 'f',
        executedVersion: '$LATEST',
        reason,
        atMs: scenario.nowMs,
        retryAtMs: scenario.nowMs + 1_000,
      },
    ]);
    expect(asyncQueue(state)['f']).toEqual({ waiting: 1, running: 0, oldestAgeMs: 0 });
    expect(state.concurrency).toEqual(scenario.state.concurrency);
    expect(state.environments).toEqual(scenario.state.environments);
    expect(state.invocation.running).toEqual(scenario.state.invocation.running);
  };

  it('dispatches an Event at once when concurrency is free: accepted, then started as Event', () => {
    const s = given().withFunction('f');
    const { events, state } = invokeEvent(s);
    expect(typesOf(events)).toEqual(['AsyncInvocationAccepted', 'InvocationStarted']);
    expect(events[1]).toMatchObject({
      requestId: 'async-1',
      invocationType: 'Event',
      executedVersion: '$LATEST',
      atMs: s.nowMs,
    });
    expect(state.concurrency.inflightTotal).toBe(s.state.concurrency.inflightTotal + 1);
    expect(asyncQueue(state)['f']).toEqual({ waiting: 0, running: 1, oldestAgeMs: 0 });
  });

  it('accepts an Event (202) when the account has no free concurrency, and re-queues it with ConcurrentInvocationLimitExceeded', () => {
    expectAcceptedThenThrottled(
      startMany(given({ concurrentExecutionsLimit: 10 }).withFunction('f'), 10),
      'ConcurrentInvocationLimitExceeded',
    );
  });

  it('accepts an Event (202) when the reserved concurrency is in use, and re-queues it with ReservedFunctionConcurrentInvocationLimitExceeded', () => {
    expectAcceptedThenThrottled(
      startMany(
        given()
          .withFunction('f')
          .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 1 }),
        1,
      ),
      'ReservedFunctionConcurrentInvocationLimitExceeded',
    );
  });

  it('accepts an Event (202) with reserved concurrency 0 and ends it at once as ZeroReservedConcurrency, never run', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 0 });
    const { events, state } = invokeEvent(s);
    expect(events).toEqual([
      expect.objectContaining({ type: 'AsyncInvocationAccepted' }),
      {
        type: 'AsyncInvocationEnded',
        requestId: 'async-1',
        functionName: 'f',
        executedVersion: '$LATEST',
        condition: 'ZeroReservedConcurrency',
        approximateInvokeCount: 0,
        atMs: s.nowMs,
      },
    ]);
    // Nothing waits for a retry (spec §5.10), and nothing ran.
    expect(asyncQueue(state)['f']).toBeUndefined();
    expect(state.concurrency).toEqual(s.state.concurrency);
    expect(state.invocation.running).toEqual(s.state.invocation.running);
  });

  it('accepts an Event (202) when the scaling bucket is empty, and re-queues it with FunctionInvocationRateLimitExceeded, using no concurrency', () => {
    expectAcceptedThenThrottled(
      startMany(
        given({ scalingRateEnvironments: 1, scalingWindowMs: 10_000 }).withFunction('f'),
        1,
      ),
      'FunctionInvocationRateLimitExceeded',
    );
  });
});
