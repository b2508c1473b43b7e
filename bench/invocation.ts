/**
 * Bench `invocation`: admit-and-complete cycles — one Invoke admitted (`InvocationStarted`) and one
 * CompleteInvocation (`InvocationCompleted`) — while 10, 1,000 or 10,000 other executions stay in
 * flight, against a hand-written mutable reference doing the same accounting in the same run.
 *
 * - `live`: each command through `decide` and `evolve`, as a caller of the model pays per event;
 * - `runner`: the same commands through `createRunner` (decided alike, applied in place),
 *   measured first, before any Immer draft has gone through the recipes;
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
import { EMPTY_ZIP, ROLE, T0 } from './fixtures.js';
import { median, round3, scalingLines } from './measure.js';

const FUNCTIONS = 10;

/**
 * Uncounted runner runs before the measured ones. Traced with `--trace-opt --trace-deopt` (100,000
 * cycles a run, 1,000 in flight), V8 was still at work in the second run — 48 functions optimised
 * and 16 deoptimised in it — and done by the third (4 and 1, then none): with one warm-up run, the
 * first counted run measured compilation, not the model.
 */
const WARM_UP_RUNS = 2;

/**
 * An account with 10 functions, each warm (one idle environment), and `inFlight` executions
 * running that never end. Built through a runner, so that building it runs no Immer code: the
 * runner cases are measured first, as in a simulator's process, which never drafts (see
 * `invocationBench`).
 */
export function accountWith(inFlight: number): LambdaState {
  const runner = createRunner(
    initialState({
      concurrentExecutionsLimit: 100_000,
      scalingRateEnvironments: 1_000_000,
      idleEnvironmentLifetimeMs: 86_400_000,
    }),
  );
  const run = (command: LambdaCommand): void => {
    const done = runner.execute(command);
    if (done.result._tag === 'Left') throw new Error(done.result.left.message);
  };
  for (let f = 0; f < FUNCTIONS; f += 1) {
    run({
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
  for (let f = 0; f < FUNCTIONS; f += 1) {
    run(invoke(`warm-${String(f)}`, f, T0 + 1_000));
    run(complete(`warm-${String(f)}`, T0 + 1_000));
  }
  for (let i = 0; i < inFlight; i += 1) {
    run(invoke(`held-${String(i)}`, i % FUNCTIONS, T0 + 2_000));
  }
  return runner.snapshot();
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
  const starts = new Map(options.inFlight.map((inFlight) => [inFlight, accountWith(inFlight)]));
  const runnerEvents = 2 * options.runnerCycles;
  const eventsPerSec = (events: number, ms: number): number => Math.round((events / ms) * 1_000);
  const runnerFigures = new Map<number, { perSec: number; referencePerSec: number }>();
  /** One case's line: its throughput against the reference's in the same run. */
  const cycleLine = (
    path: string,
    inFlight: number,
    events: number,
    eventsPerSec: number,
    referenceEventsPerSec: number,
  ): Record<string, unknown> => ({
    bench: 'invocation',
    inFlight,
    runs: options.runs,
    case: `${path}, ${String(inFlight)} in flight`,
    events,
    eventsPerSec,
    referenceEventsPerSec,
    ratio: round3(eventsPerSec / referenceEventsPerSec),
  });
  const target = '>= 500000 events/s';
  // First every runner case, with its reference: a simulator's process runs the recipes on plain
  // objects only, and V8 tunes them to what it has seen, so they are measured before any Immer
  // draft has gone through them.
  for (const [inFlight, start] of starts) {
    const runnerMs: number[] = [];
    const reference: number[] = [];
    // Runs first, not counted: compiling the recipes for what they see takes V8 a while.
    for (let w = 0; w < WARM_UP_RUNS; w += 1) runnerCycles(start, options.runnerCycles);
    for (let r = 0; r < options.runs; r += 1) {
      reference.push(referenceCycles(inFlight, options.runnerCycles));
      runnerMs.push(runnerCycles(start, options.runnerCycles));
    }
    const perSec = eventsPerSec(runnerEvents, median(runnerMs));
    runnerNs.set(inFlight, 1e9 / perSec);
    runnerFigures.set(inFlight, {
      perSec,
      referencePerSec: eventsPerSec(runnerEvents, median(reference)),
    });
  }
  for (const [inFlight, start] of starts) {
    const live: number[] = [];
    const replayMs: number[] = [];
    const reference: number[] = [];
    let eventCount = 0;
    for (let r = 0; r < options.runs; r += 1) {
      reference.push(referenceCycles(inFlight, options.cycles));
      const measured = liveCycles(start, options.cycles);
      live.push(measured.ms);
      eventCount = measured.events.length;
      const began = performance.now();
      evolveAll(start, measured.events);
      replayMs.push(performance.now() - began);
    }
    const referencePerSec = eventsPerSec(eventCount, median(reference));
    const livePerSec = eventsPerSec(eventCount, median(live));
    liveNs.set(inFlight, 1e9 / livePerSec);
    lines.push({
      ...cycleLine('live admit-and-complete', inFlight, eventCount, livePerSec, referencePerSec),
      target,
    });
    const runner = runnerFigures.get(inFlight);
    if (runner !== undefined) {
      lines.push({
        ...cycleLine(
          'runner admit-and-complete',
          inFlight,
          runnerEvents,
          runner.perSec,
          runner.referencePerSec,
        ),
        speedupOverLive: round3(runner.perSec / livePerSec),
        target,
      });
    }
    lines.push(
      cycleLine(
        'replay of the cycles',
        inFlight,
        eventCount,
        eventsPerSec(eventCount, median(replayMs)),
        referencePerSec,
      ),
    );
  }
  lines.push(
    ...scalingLines(
      'invocation',
      [
        ['live', liveNs],
        ['runner', runnerNs],
      ],
      (path, most, fewest) =>
        `scaling: cost per ${path} event, ${String(most)} vs ${String(fewest)} in flight`,
    ),
  );
  return lines;
}
