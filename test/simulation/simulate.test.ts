/**
 * The workload driver, by example: given a scenario and a seed, when it is simulated, then the
 * log is the same every time, is what the pure decider gives for the commands sent, and shows the
 * behaviour AWS's rules call for (retries, timeouts, throttles, canaries).
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { LambdaEvent } from '../../src/lambda.js';
import { metricsOf } from '../../src/metrics/projection.js';
import { createSimulation, simulate } from '../../src/simulation/driver.js';
import type { Behaviour, Scenario } from '../../src/simulation/scenario.js';
import { T0 } from '../support/scenario.js';
import {
  expectErrorsAccountFor,
  expectMetricsAgreeWithLog,
  logOf,
  run,
  runAgainstDecide,
} from './checks.js';

const QUEUE = 'arn:aws:sqs:us-east-1:123456789012:failed-records';
const DLQ = 'arn:aws:sqs:us-east-1:123456789012:dlq';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:successes';

type EventOf<T extends LambdaEvent['type']> = Extract<LambdaEvent, { readonly type: T }>;

const ofType = <T extends LambdaEvent['type']>(
  events: ReadonlyArray<LambdaEvent>,
  type: T,
): EventOf<T>[] => events.filter((e): e is EventOf<T> => e.type === type);

const fast: Behaviour = { durationMs: { kind: 'exponential', mean: 80 } };

/** A mixed minute: a weighted alias, sync and async traffic, errors, a DLQ and destinations. */
const mixed: Scenario = {
  startMs: T0,
  durationMs: 30_000,
  resolutionMs: 5_000,
  settings: { asyncRetryDelaysMs: [2_000, 4_000] },
  functions: [
    {
      name: 'orders',
      behaviour: { durationMs: { kind: 'lognormal', median: 120, sigma: 0.8 }, errorRate: 0.2 },
      publish: true,
      aliases: [{ name: 'live', version: '1' }],
      reservedConcurrency: 3,
      deadLetterTargetArn: DLQ,
      asyncConfig: {
        maximumRetryAttempts: 1,
        onFailure: 'arn:aws:lambda:us-east-1:123456789012:function:audit',
        onSuccess: TOPIC,
      },
    },
    {
      name: 'audit',
      behaviour: { durationMs: { kind: 'uniform', min: 10, max: 50 }, errorRate: 0.5 },
      asyncConfig: { maximumRetryAttempts: 0, onFailure: QUEUE },
    },
  ],
  plan: [
    {
      atMs: 2_000,
      action: 'deploy',
      functionName: 'orders',
      behaviour: { ...fast, errorRate: 0.3 },
    },
    {
      atMs: 4_000,
      action: 'routeAlias',
      functionName: 'orders',
      alias: 'live',
      version: '1',
      additionalVersion: '2',
      weight: 0.3,
    },
  ],
  traffic: [
    {
      functionName: 'orders',
      qualifier: 'live',
      arrivals: { kind: 'poisson', ratePerSecond: 10, fromMs: 1_000 },
    },
    {
      functionName: 'orders',
      invocationType: 'Event',
      arrivals: { kind: 'constant', ratePerSecond: 2, fromMs: 1_000 },
    },
  ],
  pricing: { freeTier: false },
};

/** The times the traffic's requests were sent, from the commands the driver sent. */
function arrivalTimes(scenario: Scenario, seed: number): number[] {
  const times: number[] = [];
  run(scenario, seed, {
    onCommand: (command) => {
      if (command.type === 'Invoke' && command.meta.requestId.startsWith('sim-req-')) {
        times.push(command.meta.now);
      }
    },
  });
  return times;
}

/**
 * The log as JSON with the driver's request ids — and the UUIDs derived from them, such as the
 * request ids of Lambda-destination invokes — renamed in order of first appearance.
 */
const withoutRequestIds = (log: ReadonlyArray<LambdaEvent>): string => {
  const names = new Map<string, string>();
  return JSON.stringify(log).replace(
    /sim-[a-z]+-[0-9a-z]{7}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
    (id) => {
      const name = names.get(id) ?? `#${String(names.size)}`;
      names.set(id, name);
      return name;
    },
  );
};

describe('simulate: one scenario and one seed give one log', () => {
  it('gives a byte-identical log, timeline, bill and errors for the same scenario and seed', () => {
    const first = run(mixed, 42);
    const second = run(mixed, 42);
    expect(JSON.stringify(first.log)).toBe(JSON.stringify(second.log));
    expect(JSON.stringify(first.timeline)).toBe(JSON.stringify(second.timeline));
    expect(JSON.stringify(first.invoices)).toBe(JSON.stringify(second.invoices));
    expect(JSON.stringify(first.errors)).toBe(JSON.stringify(second.errors));
  });

  it('sends requests at other times with another seed', () => {
    const a = arrivalTimes(mixed, 1);
    const b = arrivalTimes(mixed, 2);
    expect(a.length).toBeGreaterThan(0);
    expect(a).not.toEqual(b);
    expect(a).toEqual(arrivalTimes(mixed, 1));
  });
});

describe('simulate: the driver adds no behaviour of its own', () => {
  it('records what pure decide gives for the commands it sent; replaying the log gives its final state', () => {
    const { result, sent } = runAgainstDecide(mixed, 7);
    // The run exercised what it claims to: routing, async retries, destinations and throttles.
    const log = logOf(result);
    const versions = new Set(ofType(log, 'InvocationStarted').map((e) => e.executedVersion));
    expect(versions).toEqual(new Set(['$LATEST', '1', '2']));
    expect(ofType(log, 'AsyncRetryScheduled').length).toBeGreaterThan(0);
    expect(ofType(log, 'AsyncRecordDelivered').map((e) => e.service)).toContain('lambda');
    expect(ofType(log, 'InvocationThrottled').length).toBeGreaterThan(0);
    expectErrorsAccountFor(result, sent);
  });

  it('feeds a record delivered to a Lambda destination back as an Event invoke of that function', () => {
    const { result, sent } = runAgainstDecide(mixed, 7);
    const log = logOf(result);
    const toAudit = ofType(log, 'AsyncRecordDelivered').filter((e) => e.service === 'lambda');
    const followUps = sent.filter(
      ({ command }) =>
        command.type === 'Invoke' &&
        command.input.FunctionName === 'arn:aws:lambda:us-east-1:123456789012:function:audit',
    );
    expect(followUps).toHaveLength(toAudit.length);
    expect(
      ofType(log, 'AsyncInvocationAccepted').filter((e) => e.functionName === 'audit'),
    ).toHaveLength(toAudit.length);
  });
});

describe('simulate: metrics agree with the log', () => {
  it('sums the timeline to the counts of the log and to metricsOf(log)', () => {
    const result = run(mixed, 11);
    expectMetricsAgreeWithLog(result);
    const log = logOf(result);
    expect(metricsOf(log).account.Invocations).toBe(ofType(log, 'InvocationStarted').length);
    // The scenario was priced: the last point carries the invoices' total.
    const total = result.invoices.reduce((sum, invoice) => sum.plus(invoice.total), new Decimal(0));
    expect(new Decimal(result.timeline.account.at(-1)!.CostUsd ?? 'NaN').equals(total)).toBe(true);
    expect(total.gt(0)).toBe(true);
  });
});

describe('simulate: arrivals and routing follow their distributions', () => {
  it('sends r·T requests from a Poisson process, within 5σ', () => {
    const rate = 20;
    const seconds = 150;
    const result = run(
      {
        startMs: T0,
        durationMs: seconds * 1_000,
        functions: [{ name: 'f', behaviour: { durationMs: { kind: 'constant', value: 5 } } }],
        traffic: [{ functionName: 'f', arrivals: { kind: 'poisson', ratePerSecond: rate } }],
        pricing: false,
      },
      5,
    );
    const expected = rate * seconds;
    // A Poisson count has variance equal to its mean.
    expect(Math.abs(result.requestsSent - expected)).toBeLessThanOrEqual(5 * Math.sqrt(expected));
    // Every request reached the model: it ran, was throttled, or was refused (before activation).
    const log = logOf(result);
    const refused = result.errors.filter(
      (e) => e.operation === 'Invoke' && e.error !== 'TooManyRequestsException',
    );
    expect(
      ofType(log, 'InvocationStarted').length +
        ofType(log, 'InvocationThrottled').length +
        refused.reduce((sum, e) => sum + e.count, 0),
    ).toBe(result.requestsSent);
  });

  for (const weight of [0.1, 0.5]) {
    it(`sends a share ${String(weight)} of an alias's invocations to the additional version`, () => {
      const result = run(
        {
          startMs: T0,
          durationMs: 63_000,
          functions: [
            {
              name: 'f',
              behaviour: { durationMs: { kind: 'constant', value: 5 } },
              publish: true,
              aliases: [{ name: 'live', version: '1' }],
            },
          ],
          plan: [
            { atMs: 1_000, action: 'deploy', functionName: 'f', behaviour: fast },
            {
              atMs: 2_500,
              action: 'routeAlias',
              functionName: 'f',
              alias: 'live',
              version: '1',
              additionalVersion: '2',
              weight,
            },
          ],
          traffic: [
            {
              functionName: 'f',
              qualifier: 'live',
              arrivals: { kind: 'constant', ratePerSecond: 100, fromMs: 3_000 },
            },
          ],
          pricing: false,
        },
        3,
      );
      expect(result.errors).toEqual([]);
      const invocations = (key: string): number =>
        (result.timeline.byVersion[key] ?? []).reduce((sum, p) => sum + p.Invocations, 0);
      const n = invocations('f:1') + invocations('f:2');
      expect(n).toBeGreaterThanOrEqual(5_000);
      expect(Math.abs(invocations('f:2') / n - weight)).toBeLessThanOrEqual(0.02);
    });
  }
});

describe('simulate: behaviour by AWS rules', () => {
  it('retries a failing async event after 1 and then 2 more minutes, then sends it to the DLQ and OnFailure', () => {
    const result = run(
      {
        startMs: T0,
        durationMs: 4 * 60_000,
        settings: { defaultInitDurationMs: 0 },
        functions: [
          {
            name: 'f',
            behaviour: { durationMs: { kind: 'constant', value: 0 }, errorRate: 1 },
            asyncConfig: { maximumRetryAttempts: 2, onFailure: QUEUE },
            deadLetterTargetArn: DLQ,
          },
        ],
        traffic: [
          {
            functionName: 'f',
            invocationType: 'Event',
            arrivals: { kind: 'burst', atMs: 5_000, count: 1 },
          },
        ],
      },
      1,
    );
    const log = logOf(result);
    const accepted = ofType(log, 'AsyncInvocationAccepted');
    expect(accepted).toHaveLength(1);
    const attempts = ofType(log, 'InvocationStarted').map((e) => e.atMs - accepted[0]!.atMs);
    expect(attempts).toEqual([0, 60_000, 180_000]);
    expect(ofType(log, 'InvocationCompleted').map((e) => e.outcome)).toEqual([
      'FunctionError',
      'FunctionError',
      'FunctionError',
    ]);
    const ended = ofType(log, 'AsyncInvocationEnded');
    expect(ended.map((e) => [e.condition, e.approximateInvokeCount])).toEqual([
      ['RetriesExhausted', 3],
    ]);
    expect(ofType(log, 'DeadLetterMessageSent').map((e) => e.targetArn)).toEqual([DLQ]);
    expect(ofType(log, 'AsyncRecordDelivered').map((e) => [e.on, e.destination])).toEqual([
      ['OnFailure', QUEUE],
    ]);
    // A function error is not an AWS error: the run met none.
    expect(result.errors).toEqual([]);
  });

  it('ends a handler that runs past the timeout as a Timeout, at the timeout', () => {
    const result = run(
      {
        startMs: T0,
        durationMs: 10_000,
        functions: [
          {
            name: 'f',
            timeoutSeconds: 1,
            behaviour: { durationMs: { kind: 'uniform', min: 1_200, max: 2_000 } },
          },
        ],
        traffic: [
          { functionName: 'f', arrivals: { kind: 'constant', ratePerSecond: 2, fromMs: 1_000 } },
        ],
      },
      1,
    );
    const log = logOf(result);
    const completed = ofType(log, 'InvocationCompleted');
    expect(completed.length).toBeGreaterThan(5);
    for (const e of completed) {
      expect(e.outcome).toBe('Timeout');
      expect(e.durationMs).toBe(1_000);
      expect(e.atMs).toBe(e.startedAtMs + (e.initDurationMs ?? 0) + 1_000);
    }
  });

  it('throttles with ReservedFunctionConcurrentInvocationLimitExceeded when the load exceeds the reservation', () => {
    const reserved = 2;
    const result = run(
      {
        startMs: T0,
        durationMs: 10_000,
        functions: [
          {
            name: 'f',
            reservedConcurrency: reserved,
            behaviour: { durationMs: { kind: 'constant', value: 500 } },
          },
        ],
        // 20 requests a second of 0.5 s each need 10 at once.
        traffic: [
          { functionName: 'f', arrivals: { kind: 'constant', ratePerSecond: 20, fromMs: 2_000 } },
        ],
      },
      1,
    );
    const log = logOf(result);
    const throttled = ofType(log, 'InvocationThrottled');
    expect(throttled.length).toBeGreaterThan(0);
    expect(result.errors).toEqual([
      expect.objectContaining({
        error: 'TooManyRequestsException',
        statusCode: 429,
        reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
        operation: 'Invoke',
        count: throttled.length,
        firstAtMs: throttled[0]!.atMs,
      }),
    ]);
    expect(Math.max(...result.timeline.account.map((p) => p.ConcurrentExecutions))).toBe(reserved);
  });

  it('deploys version 2 and, once the alias is routed to it, runs the traffic there with its new behaviour', () => {
    const result = run(
      {
        startMs: T0,
        durationMs: 20_000,
        functions: [
          {
            name: 'f',
            behaviour: { durationMs: { kind: 'constant', value: 20 } },
            publish: true,
            aliases: [{ name: 'live', version: '1' }],
          },
        ],
        plan: [
          {
            atMs: 5_000,
            action: 'deploy',
            functionName: 'f',
            behaviour: { durationMs: { kind: 'constant', value: 20 }, errorRate: 1 },
          },
          { atMs: 10_000, action: 'routeAlias', functionName: 'f', alias: 'live', version: '2' },
        ],
        traffic: [
          {
            functionName: 'f',
            qualifier: 'live',
            arrivals: { kind: 'constant', ratePerSecond: 5, fromMs: 2_000 },
          },
        ],
      },
      1,
    );
    const log = logOf(result);
    expect(ofType(log, 'FunctionVersionPublished').map((e) => [e.version, e.atMs - T0])).toEqual([
      ['1', 1_000],
      ['2', 6_000], // once the update has completed (functionUpdateDelayMs)
    ]);
    const routed = ofType(log, 'AliasUpdated');
    expect(routed).toHaveLength(1);
    const switchMs = routed[0]!.atMs;
    for (const e of ofType(log, 'InvocationStarted')) {
      expect(e.executedVersion).toBe(e.atMs < switchMs ? '1' : '2');
    }
    for (const e of ofType(log, 'InvocationCompleted')) {
      expect(e.outcome).toBe(e.executedVersion === '2' ? 'FunctionError' : 'Success');
    }
    expect(result.timeline.byVersion['f:2']!.some((p) => p.Invocations > 0)).toBe(true);
    expect(result.errors).toEqual([]);
  });

  it('reports what AWS refuses in the plan as AWS errors, and runs on', () => {
    const result = run(
      {
        startMs: T0,
        durationMs: 8_000,
        functions: [
          {
            name: 'f',
            behaviour: fast,
            publish: true,
            aliases: [
              { name: 'live', version: '1' },
              { name: 'next', version: '2' }, // version 2 does not exist yet
            ],
          },
        ],
        plan: [
          { atMs: 3_000, action: 'routeAlias', functionName: 'f', alias: 'live', version: '3' },
          { atMs: 3_000, action: 'reserveConcurrency', functionName: 'f', amount: 5_000 },
        ],
        traffic: [
          {
            functionName: 'f',
            qualifier: 'live',
            arrivals: { kind: 'constant', ratePerSecond: 2, fromMs: 2_000 },
          },
          { functionName: 'f', qualifier: '2', arrivals: { kind: 'burst', atMs: 4_000, count: 2 } },
        ],
      },
      1,
    );
    const seen = result.errors.map((e) => [e.operation, e.error, e.count]);
    expect(seen).toEqual(
      expect.arrayContaining([
        ['CreateAlias', 'ResourceNotFoundException', 1],
        ['UpdateAlias', 'ResourceNotFoundException', 1],
        ['PutFunctionConcurrency', 'InvalidParameterValueException', 1],
        ['Invoke', 'ResourceNotFoundException', 2],
      ]),
    );
    expect(seen).toHaveLength(4);
    // The traffic on the alias went on running version 1.
    expect(ofType(logOf(result), 'InvocationStarted').every((e) => e.executedVersion === '1')).toBe(
      true,
    );
  });
});

describe('simulate: options and stepping', () => {
  const short: Scenario = { ...mixed, durationMs: 12_000 };

  it('hands every event to onEvents, in log order', () => {
    const streamed: LambdaEvent[] = [];
    const result = run(short, 3, { onEvents: (events) => streamed.push(...events) });
    expect(streamed).toEqual(logOf(result));
  });

  it('keeps no log with keepLog: false, and counts and charts the same events', () => {
    const kept = run(short, 3);
    const streamed: LambdaEvent[] = [];
    const flat = run(short, 3, {
      keepLog: false,
      onEvents: (events) => streamed.push(...events),
    });
    expect(flat.log).toBeUndefined();
    expect(flat.eventCount).toBe(logOf(kept).length);
    expect(flat.timeline).toEqual(kept.timeline);
    expect(flat.errors).toEqual(kept.errors);
    expect(flat.invoices).toEqual(kept.invoices);
    expect(flat.state).toEqual(kept.state);
    expect(streamed).toEqual(kept.log);
  });

  it('runs the same history step by step with runUntil as in one go, each step returning its events', () => {
    const whole = run(short, 9);
    const created = createSimulation(short, 9);
    if (created._tag === 'Left') return expect.fail(created.left.message);
    const simulation = created.right;
    const steps = [2_345, 2_345, 7_777, short.durationMs].map((ms) => simulation.runUntil(T0 + ms));
    expect(steps.every((events) => events.every((e) => e.atMs <= T0 + short.durationMs))).toBe(
      true,
    );
    expect(steps[1]).toEqual([]); // nothing more happens by a time already reached
    const stepped = simulation.result();
    if (stepped._tag === 'Left') return expect.fail(stepped.left.message);
    expect(steps.flat()).toEqual(logOf(stepped.right));
    // The same events at the same times; only the driver's own request ids are numbered
    // differently (see the next test).
    expect(withoutRequestIds(steps.flat())).toBe(withoutRequestIds(logOf(whole)));
    expect(stepped.right.timeline).toEqual(whole.timeline);
  });

  // src bug: every AdvanceClock the driver sends takes a number from the request-id counter, so
  // an extra `runUntil` stop renumbers every later request. Flip to `it` once clock commands no
  // longer consume request ids (see the report).
  it('gives a byte-identical log step by step', () => {
    const whole = run(short, 9);
    const created = createSimulation(short, 9);
    if (created._tag === 'Left') return expect.fail(created.left.message);
    const steps = [2_345, 7_777, short.durationMs].map((ms) => created.right.runUntil(T0 + ms));
    expect(JSON.stringify(steps.flat())).toBe(JSON.stringify(whole.log));
  });

  // src bug: an AdvanceClock that brings nothing due records no event, so the model's clock
  // (the time of the latest event) stays behind and the timeline stops at the last event, not at
  // the scenario's end. Flip to `it` once the driver keeps its own time (see the report).
  it("draws the timeline up to the scenario's end, quiet buckets included", () => {
    const result = run(
      {
        startMs: T0,
        durationMs: 10_000,
        resolutionMs: 1_000,
        functions: [{ name: 'f', behaviour: fast }],
        traffic: [{ functionName: 'f', arrivals: { kind: 'burst', atMs: 2_000, count: 3 } }],
      },
      1,
    );
    expect(result.timeline.endMs).toBe(T0 + 10_000);
  });
});

describe('simulate: an invalid scenario', () => {
  it('is refused with every problem and its field before anything runs', () => {
    const events: unknown[] = [];
    const commands: unknown[] = [];
    const refused = simulate(
      {
        startMs: T0,
        durationMs: 10_000,
        functions: [{ name: 'f', behaviour: { durationMs: { kind: 'uniform', min: 5, max: 1 } } }],
        plan: [{ atMs: 20_000, action: 'reserveConcurrency', functionName: 'g', amount: 1 }],
        traffic: [{ functionName: 'f', arrivals: { kind: 'poisson', ratePerSecond: -1 } }],
      },
      1,
      {
        onEvents: (e) => events.push(e),
        onCommand: (c) => commands.push(c),
      },
    );
    if (refused._tag === 'Right') return expect.fail('the scenario ran');
    expect(refused.left._tag).toBe('InvalidScenario');
    if (refused.left._tag !== 'InvalidScenario') return;
    expect(refused.left.problems.map((p) => p.field).sort()).toEqual([
      'functions[0].behaviour.durationMs.max',
      'plan[0].atMs',
      'plan[0].functionName',
      'traffic[0].arrivals.ratePerSecond',
    ]);
    expect(events).toEqual([]);
    expect(commands).toEqual([]);
  });

  it('is refused when its pricing names a region without rate cards', () => {
    const refused = createSimulation({ ...mixed, pricing: { region: 'xx-nowhere-1' } }, 1);
    expect(refused._tag).toBe('Left');
  });
});
