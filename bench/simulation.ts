/**
 * Bench `simulation`, the headline: simulate an hour at 1,000 requests per second — synchronous
 * traffic on a canary alias (90/10 → 50/50 → 0/100) with a reservation that throttles, and
 * asynchronous traffic with 10% function errors retrying into a destination and a dead-letter
 * queue — end to end through the real decider, the metrics timeline and pricing, with the log
 * streamed (not kept). Reported: simulated invocations per wall second, simulated seconds per wall
 * second (not counting the collections the heap sampling forces), and peak live heap (sampled
 * after a collection), for the full duration and for a sixth of it (memory must not grow with the
 * simulated duration).
 *
 * The reference, in the same run: a hand-written discrete-event loop with the same arrivals and
 * durations and plain-number concurrency accounting (no versions, environments, retries, log or
 * bill) — what a bare-bones simulator pays per request.
 */
import { performance } from 'node:perf_hooks';
import { isLeft, Simulation, type LambdaEvent } from '../src/index.js';
import { T0 } from './fixtures.js';
import { collectGarbage, round3 } from './measure.js';

const SYNC_RATE = 900;
const ASYNC_RATE = 100;
const RESERVED = 150;

export function hourScenario(durationMs: number): Simulation.Scenario {
  const step = (fraction: number): number => Math.floor(durationMs * fraction);
  return {
    startMs: T0,
    durationMs,
    resolutionMs: 60_000,
    settings: { concurrentExecutionsLimit: 1_000 },
    pricing: { region: 'us-east-1', freeTier: false },
    functions: [
      {
        name: 'api',
        memorySizeMb: 512,
        behaviour: {
          durationMs: { kind: 'lognormal', median: 120, sigma: 0.5 },
          initDurationMs: { kind: 'uniform', min: 200, max: 400 },
          errorRate: 0.01,
        },
        publish: true,
        aliases: [{ name: 'live', version: '1' }],
        reservedConcurrency: RESERVED,
      },
      {
        name: 'jobs',
        behaviour: { durationMs: { kind: 'exponential', mean: 200 }, errorRate: 0.1 },
        asyncConfig: {
          maximumRetryAttempts: 2,
          onFailure: 'arn:aws:sqs:us-east-1:123456789012:jobs-failed',
        },
        deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:jobs-dlq',
      },
    ],
    plan: [
      {
        atMs: step(0.1),
        action: 'deploy',
        functionName: 'api',
        behaviour: {
          durationMs: { kind: 'lognormal', median: 100, sigma: 0.5 },
          errorRate: 0.01,
        },
      },
      ...[0.1, 0.5].map((weight, i) => ({
        atMs: step(0.2 + 0.3 * i),
        action: 'routeAlias' as const,
        functionName: 'api',
        alias: 'live',
        version: '1',
        additionalVersion: '2',
        weight,
      })),
      {
        atMs: step(0.8),
        action: 'routeAlias',
        functionName: 'api',
        alias: 'live',
        version: '2',
      },
    ],
    traffic: [
      {
        functionName: 'api',
        qualifier: 'live',
        arrivals: { kind: 'poisson', ratePerSecond: SYNC_RATE, fromMs: 2_000 },
      },
      // A burst past the reservation every few minutes: the throttling.
      ...Array.from({ length: Math.max(1, Math.floor(durationMs / 600_000)) }, (_, i) => ({
        functionName: 'api',
        qualifier: 'live',
        arrivals: {
          kind: 'burst' as const,
          atMs: 300_000 + i * 600_000,
          count: 2_000,
          spreadMs: 500,
        },
      })).filter((t) => t.arrivals.atMs < durationMs),
      {
        functionName: 'jobs',
        invocationType: 'Event',
        arrivals: { kind: 'poisson', ratePerSecond: ASYNC_RATE, fromMs: 2_000 },
      },
    ],
  };
}

interface Measured {
  readonly requests: number;
  readonly events: number;
  readonly invocations: number;
  readonly throttles: number;
  readonly wallMs: number;
  readonly peakHeapBytes: number;
  readonly costUsd: string;
}

/** One run with the log streamed: counts taken from the stream, heap sampled as it goes. */
function runSimulation(durationMs: number, seed: number): Measured {
  collectGarbage();
  let peak = process.memoryUsage().heapUsed;
  let invocations = 0;
  let throttles = 0;
  let seen = 0;
  // The collections the heap sampling forces are the bench's, not the simulation's: their time is
  // taken out of the wall time.
  let samplingMs = 0;
  const onEvents = (events: ReadonlyArray<LambdaEvent>): void => {
    for (const event of events) {
      if (event.type === 'InvocationStarted') invocations += 1;
      else if (event.type === 'InvocationThrottled') throttles += 1;
    }
    seen += events.length;
    // The live heap (after a collection), every 200,000 events: what the run keeps, not garbage.
    if (seen >= 200_000) {
      seen = 0;
      const sampling = performance.now();
      collectGarbage();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      samplingMs += performance.now() - sampling;
    }
  };
  const began = performance.now();
  const run = Simulation.simulate(hourScenario(durationMs), seed, { keepLog: false, onEvents });
  const wallMs = performance.now() - began - samplingMs;
  if (isLeft(run)) throw new Error(run.left.message);
  collectGarbage();
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  const last = run.right.timeline.account.at(-1);
  return {
    requests: run.right.requestsSent,
    events: run.right.eventCount,
    invocations,
    throttles,
    wallMs,
    peakHeapBytes: peak,
    costUsd: last?.CostUsd ?? '0',
  };
}

/**
 * The reference: the same Poisson arrivals and log-normal durations in a binary-heap event loop,
 * admitting against the reservation and the account limit with plain counters.
 */
function referenceSimulation(
  durationMs: number,
  seed: number,
): { readonly requests: number; readonly throttled: number; readonly wallMs: number } {
  // The same generator as the simulation's draws.
  const draws = Simulation.drawStream(seed);
  const uniform = (): number => Simulation.nextDraw(draws);
  const ends: number[] = [];
  const push = (x: number): void => {
    ends.push(x);
    for (let i = ends.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if ((ends[p] as number) <= x) break;
      ends[i] = ends[p] as number;
      ends[p] = x;
      i = p;
    }
  };
  const pop = (): void => {
    const last = ends.pop() as number;
    if (ends.length === 0) return;
    ends[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      let m = i;
      if (l < ends.length && (ends[l] as number) < (ends[m] as number)) m = l;
      if (l + 1 < ends.length && (ends[l + 1] as number) < (ends[m] as number)) m = l + 1;
      if (m === i) break;
      [ends[i], ends[m]] = [ends[m] as number, ends[i] as number];
      i = m;
    }
  };
  const began = performance.now();
  let requests = 0;
  let throttled = 0;
  const gap = 1_000 / (SYNC_RATE + ASYNC_RATE);
  for (let t = 2_000; t < durationMs; t -= gap * Math.log(1 - uniform())) {
    while (ends.length > 0 && (ends[0] as number) <= t) pop();
    requests += 1;
    if (ends.length >= RESERVED) {
      throttled += 1;
      continue;
    }
    const z = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    push(t + 120 * Math.exp(0.5 * z));
  }
  return { requests, throttled, wallMs: performance.now() - began };
}

/** JSON lines: the full duration, a sixth of it, and memory growth between the two. */
export function simulationBench(options: {
  readonly simulatedSeconds: number;
}): ReadonlyArray<Record<string, unknown>> {
  const lines: Record<string, unknown>[] = [];
  const durations = [Math.floor(options.simulatedSeconds / 6), options.simulatedSeconds];
  const peaks: number[] = [];
  for (const seconds of durations) {
    const measured = runSimulation(seconds * 1_000, 42);
    const reference = referenceSimulation(seconds * 1_000, 42);
    const invocationsPerSec = Math.round(measured.requests / (measured.wallMs / 1_000));
    const referencePerSec = Math.round(reference.requests / (reference.wallMs / 1_000));
    peaks.push(measured.peakHeapBytes);
    lines.push({
      bench: 'simulation',
      case: `${String(seconds)} simulated s at ${String(SYNC_RATE + ASYNC_RATE)} requests/s, canary + throttling + async, priced, log streamed`,
      requests: measured.requests,
      invocations: measured.invocations,
      throttles: measured.throttles,
      referenceThrottles: reference.throttled,
      events: measured.events,
      costUsd: measured.costUsd,
      wallSeconds: Math.round(measured.wallMs) / 1_000,
      invocationsPerSec,
      eventsPerSec: Math.round(measured.events / (measured.wallMs / 1_000)),
      simulatedSecondsPerSec: Math.round((seconds / (measured.wallMs / 1_000)) * 10) / 10,
      peakHeapBytes: measured.peakHeapBytes,
      referenceEventsPerSec: referencePerSec,
      ratio: round3(invocationsPerSec / referencePerSec),
      target: '>= 500000 invocations/s',
    });
  }
  const [short, long] = peaks;
  if (short !== undefined && long !== undefined) {
    lines.push({
      bench: 'simulation',
      case: `peak heap, ${String(durations[1])} vs ${String(durations[0])} simulated s (log streamed)`,
      peakHeapBytesShort: short,
      peakHeapBytesLong: long,
      ratio: round3(long / short),
      target: 'flat: memory does not grow with the simulated duration',
    });
  }
  return lines;
}
