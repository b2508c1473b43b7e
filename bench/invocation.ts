/**
 * Bench `invocation`: admit-and-complete cycles — one Invoke admitted (`InvocationStarted`) and one
 * CompleteInvocation (`InvocationCompleted`) — while 10, 1,000 or 10,000 other executions stay in
 * flight, against a hand-written mutable reference doing the same accounting in the same run.
 *
 * - `live`: each command through `decide` and `evolve`, as a caller of the model pays per event;
 * - `runner`: the same commands through `createRunner` (decided alike, applied in place);
 * - `replay`: the same cycle events applied with `evolveAll` (one Immer batch);
 * - `scaling`: the cost of one event with the most executions in flight against the fewest
 *   (target ≤ 2: the cost of an event does not grow with what else is running).
 */
import { performance } from 'node:perf_hooks';
import {
  decide,
  evolve,
  evolveAll,
  initialState,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../src/index.js';
import { createRunner } from '../src/simulation/runner.js';
import { EMPTY_ZIP, ROLE, step, T0 } from './fixtures.js';
import { median, round3, scalingLine } from './measure.js';

const FUNCTIONS = 10;

/** An account with 10 functions, warm, and `inFlight` executions running that never end. */
export function accountWith(inFlight: number): LambdaState {
  let state = initialState({
    concurrentExecutionsLimit: 100_000,
    scalingRateEnvironments: 1_000_000,
    idleEnvironmentLifetimeMs: 86_400_000,
  });
  for (let f = 0; f < FUNCTIONS; f += 1) {
    state = step(state, {
      type: 'CreateFunction',
      input: {
        FunctionName: `fn-${String(f)}`,
        Role: ROLE,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: EMPTY_ZIP },
      },
      meta: { now: T0, requestId: `create-${String(f)}` },
    });
  }
  for (let i = 0; i < inFlight; i += 1) {
    state = step(state, invoke(`held-${String(i)}`, i % FUNCTIONS, T0 + 2_000));
  }
  return state;
}

const invoke = (requestId: string, f: number, now: number): LambdaCommand => ({
  type: 'Invoke',
  input: { FunctionName: `fn-${String(f)}`, Payload: '{"n":1}' },
  meta: { now, requestId },
});

const complete = (requestId: string, now: number): LambdaCommand => ({
  type: 'CompleteInvocation',
  input: { requestId, durationMs: 12.5, response: '{"ok":true}' },
  meta: { now, requestId: `done-${requestId}` },
});

/** The `i`-th cycle: an invocation admitted and completed in the same millisecond. */
const cycleCommands = (i: number): readonly [LambdaCommand, LambdaCommand] => {
  const now = T0 + 10_000 + i;
  return [invoke(`c-${String(i)}`, i % FUNCTIONS, now), complete(`c-${String(i)}`, now)];
};

/** `cycles` admit-and-complete cycles on the live path; returns the events and the time. */
function liveCycles(
  start: LambdaState,
  cycles: number,
): { readonly events: LambdaEvent[]; readonly ms: number; readonly state: LambdaState } {
  let state = start;
  const events: LambdaEvent[] = [];
  const began = performance.now();
  for (let i = 0; i < cycles; i += 1) {
    for (const command of cycleCommands(i)) {
      const decided = decide(command, state);
      if (decided._tag === 'Left') throw new Error(decided.left.message);
      for (const event of decided.right) {
        state = evolve(state, event);
        events.push(event);
      }
    }
  }
  return { events, ms: performance.now() - began, state };
}

/** The same cycles through a runner started from `start`. */
function runnerCycles(start: LambdaState, cycles: number): number {
  const runner = createRunner(start);
  const began = performance.now();
  for (let i = 0; i < cycles; i += 1) {
    for (const command of cycleCommands(i)) {
      const done = runner.execute(command);
      if (done.result._tag === 'Left') throw new Error(done.result.left.message);
    }
  }
  return performance.now() - began;
}

/**
 * The reference: the same admission accounting in mutable maps and counters — running requests,
 * on-demand in flight, idle warm environments per function — with the checks an admission makes.
 */
function referenceCycles(inFlight: number, cycles: number): number {
  const running = new Map<string, { fn: number; env: number }>();
  const idle: number[][] = Array.from({ length: FUNCTIONS }, () => []);
  let inflightTotal = 0;
  let nextEnv = 1;
  const limit = 100_000;
  const admit = (requestId: string, fn: number): void => {
    if (inflightTotal >= limit) throw new Error('throttled');
    const env = idle[fn]?.pop() ?? nextEnv++;
    running.set(requestId, { fn, env });
    inflightTotal += 1;
  };
  for (let i = 0; i < inFlight; i += 1) admit(`held-${String(i)}`, i % FUNCTIONS);
  const began = performance.now();
  for (let i = 0; i < cycles; i += 1) {
    const id = `c-${String(i)}`;
    admit(id, i % FUNCTIONS);
    const done = running.get(id);
    if (done === undefined) throw new Error('not running');
    running.delete(id);
    inflightTotal -= 1;
    idle[done.fn]?.push(done.env);
  }
  return performance.now() - began;
}

/** One JSON-ready line per case. */
export function invocationBench(options: {
  /** Cycles on the live (Immer) path and in replay: slow, so fewer. */
  readonly cycles: number;
  /** Cycles through the runner and the reference: enough to measure compiled, steady code. */
  readonly runnerCycles: number;
  readonly runs: number;
  readonly inFlight: ReadonlyArray<number>;
}): ReadonlyArray<Record<string, unknown>> {
  const lines: Record<string, unknown>[] = [];
  const liveNs = new Map<number, number>();
  const runnerNs = new Map<number, number>();
  for (const inFlight of options.inFlight) {
    const start = accountWith(inFlight);
    // Warm every function first, so the measured cycles reuse environments.
    const warm = liveCycles(start, FUNCTIONS).state;
    const live: number[] = [];
    const replayMs: number[] = [];
    const runnerMs: number[] = [];
    const reference: number[] = [];
    let eventCount = 0;
    for (let r = 0; r < options.runs; r += 1) {
      reference.push(referenceCycles(inFlight, options.runnerCycles));
      const measured = liveCycles(warm, options.cycles);
      live.push(measured.ms);
      runnerMs.push(runnerCycles(warm, options.runnerCycles));
      eventCount = measured.events.length;
      const began = performance.now();
      evolveAll(warm, measured.events);
      replayMs.push(performance.now() - began);
    }
    const perSec = (ms: number, events = eventCount): number => Math.round((events / ms) * 1_000);
    const runnerEvents = 2 * options.runnerCycles;
    const referencePerSec = perSec(median(reference), runnerEvents);
    const livePerSec = perSec(median(live));
    const replayPerSec = perSec(median(replayMs));
    const runnerPerSec = perSec(median(runnerMs), runnerEvents);
    runnerNs.set(inFlight, 1e9 / runnerPerSec);
    liveNs.set(inFlight, 1e9 / livePerSec);
    const base = { bench: 'invocation', inFlight, runs: options.runs };
    lines.push({
      ...base,
      case: `live admit-and-complete, ${String(inFlight)} in flight`,
      events: eventCount,
      eventsPerSec: livePerSec,
      referenceEventsPerSec: referencePerSec,
      ratio: round3(livePerSec / referencePerSec),
      target: '>= 500000 events/s',
    });
    lines.push({
      ...base,
      case: `runner admit-and-complete, ${String(inFlight)} in flight`,
      events: runnerEvents,
      eventsPerSec: runnerPerSec,
      referenceEventsPerSec: referencePerSec,
      ratio: round3(runnerPerSec / referencePerSec),
      speedupOverLive: round3(runnerPerSec / livePerSec),
      target: '>= 500000 events/s',
    });
    lines.push({
      ...base,
      case: `replay of the cycles, ${String(inFlight)} in flight`,
      events: eventCount,
      eventsPerSec: replayPerSec,
      referenceEventsPerSec: referencePerSec,
      ratio: round3(replayPerSec / referencePerSec),
    });
  }
  const fewest = Math.min(...options.inFlight);
  const most = Math.max(...options.inFlight);
  for (const [path, costs] of [
    ['live', liveNs],
    ['runner', runnerNs],
  ] as const) {
    const few = costs.get(fewest);
    const many = costs.get(most);
    if (few === undefined || many === undefined || fewest === most) continue;
    lines.push(
      scalingLine(
        'invocation',
        `scaling: cost per ${path} event, ${String(most)} vs ${String(fewest)} in flight`,
        few,
        many,
      ),
    );
  }
  return lines;
}
