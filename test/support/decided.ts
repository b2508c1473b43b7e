/**
 * The check that a runner (or a driver built on one) records exactly what the pure decider would:
 * one command and the `RunnerStep` it produced, compared with `decide` + `evolveAll` from the pure
 * state the same commands have led to so far.
 */
import { expect } from 'vitest';
import type { Either } from '../../src/kernel/fp.js';
import {
  decide,
  evolveAll,
  type LambdaCommand,
  type LambdaError,
  type LambdaEvent,
  type LambdaState,
} from '../../src/lambda.js';
import type { RunnerStep } from '../../src/simulation/runner.js';

/** The time a command happens at, as `decide` reads it. */
export const timeOf = (command: LambdaCommand): number =>
  command.type === 'AdvanceClock' ? command.input.to : command.meta.now;

/**
 * What `decide` records for `command` against `pure`: its events when it is accepted; when it is
 * rejected, the transitions that came due by its time, as an `AdvanceClock` to that time would
 * record them (the runner keeps those so that its state never goes back); nothing for a time
 * that is not an integer. `decided` is `decide(command, pure)`, when the caller has it already.
 */
export function recordedByDecide(
  command: LambdaCommand,
  pure: LambdaState,
  decided: Either<LambdaError, ReadonlyArray<LambdaEvent>> = decide(command, pure),
): ReadonlyArray<LambdaEvent> {
  if (decided._tag === 'Right') return decided.right;
  if (!Number.isSafeInteger(timeOf(command))) return [];
  const tick: LambdaCommand = {
    type: 'AdvanceClock',
    input: { to: Math.max(pure.clockMs, timeOf(command)) },
    meta: command.meta,
  };
  const due = decide(tick, pure);
  if (due._tag === 'Left') return expect.fail(`AdvanceClock refused: ${due.left.message}`);
  return due.right;
}

/**
 * Asserts that `step` is what pure `decide` gives for `command` from `pure` — the same result
 * (events or AWS error) and the same recorded events — and returns the pure state after it.
 */
export function expectStepAsDecided(
  command: LambdaCommand,
  step: RunnerStep,
  pure: LambdaState,
): LambdaState {
  const decided = decide(command, pure);
  expect(step.result).toEqual(decided);
  const recorded = recordedByDecide(command, pure, decided);
  expect(step.events).toEqual(recorded);
  return evolveAll(pure, recorded);
}
