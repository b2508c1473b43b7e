/**
 * The runner: the root decider driven over one private, mutable state. Each command is decided by
 * the same `decideSteps` that `decide` uses and its events are applied by the same recipes, run
 * directly on the state instead of through Immer — no draft, no copy, no freeze per event. It is
 * what a simulator that owns its state wants: the log it records is one `decide` would produce,
 * and `replay(log)` rebuilds the same state.
 *
 * @module
 */
import {
  decideSteps,
  evolveInPlace,
  type LambdaCommand,
  type LambdaError,
  type LambdaEvent,
  type LambdaState,
} from '../lambda.js';
import { thawed } from '../kernel/evolve.js';
import { isLeft, right, type Either } from '../kernel/fp.js';

/** What one command did in a runner. */
export interface RunnerStep {
  /**
   * Every event recorded, in log order. When the command is rejected these are only the
   * transitions that came due by its time: the runner records them as an `AdvanceClock` to that
   * time would, so that its state never goes back.
   */
  readonly events: ReadonlyArray<LambdaEvent>;
  /** The command's result: AWS's error, or every event it recorded (the same as `events`). */
  readonly result: Either<LambdaError, ReadonlyArray<LambdaEvent>>;
}

/** A model state owned by one caller and changed in place, one command at a time. */
export interface LambdaRunner {
  /**
   * The current state. It is live: it changes with the next command, so read it, do not keep
   * it (take `snapshot()` to keep one).
   */
  readonly state: LambdaState;
  /** Decides a command against the current state and applies what it records. */
  readonly execute: (command: LambdaCommand) => RunnerStep;
  /** An independent copy of the current state, which later commands do not change. */
  readonly snapshot: () => LambdaState;
}

/**
 * Starts a runner from a state (from `initialState` or `replay`). The state given is copied, never
 * changed.
 *
 * @example
 * const runner = createRunner(initialState());
 * const { result } = runner.execute({ type: 'AdvanceClock', input: { to: 1_000 }, meta: { now: 1_000, requestId: 'tick' } });
 */
export function createRunner(start: LambdaState): LambdaRunner {
  let state = thawed(start);
  const execute = (command: LambdaCommand): RunnerStep => {
    const steps = decideSteps(command, state, evolveInPlace);
    state = steps.due.state;
    if (isLeft(steps.decided)) return { events: steps.due.events, result: steps.decided };
    if (!steps.applied) state = evolveInPlace(state, steps.decided.right);
    if (steps.due.events.length === 0) {
      return { events: steps.decided.right, result: steps.decided };
    }
    const events = [...steps.due.events, ...steps.decided.right];
    return { events, result: right(events) };
  };
  return {
    get state() {
      return state;
    },
    execute,
    snapshot: () => thawed(state),
  };
}
