/**
 * The runner applies the same recipes in place, so it must record exactly what the pure decider
 * records: random programs of valid and invalid commands (the generator of the root properties)
 * are run through a runner and, side by side, through `decide` + `evolveAll`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initialState, replay, type LambdaEvent } from '../../src/lambda.js';
import { createRunner } from '../../src/simulation/runner.js';
import { fold, programArb } from '../properties/commands.js';
import { expectStepAsDecided } from '../support/decided.js';

const TIMEOUT_MS = 10_000 + 100 * (fc.readConfigureGlobal().numRuns ?? 100);

describe('the runner', () => {
  it(
    'records what decide would: the same events and errors, and a rejected command records only what came due, as an AdvanceClock to its time would',
    () => {
      fc.assert(
        fc.property(programArb(), (program) => {
          const commands = fold(program).outcomes.map((outcome) => outcome.command);
          const runner = createRunner(initialState(program.settings));
          let pure = initialState(program.settings);
          const log: LambdaEvent[] = [];
          const copies: unknown[] = [];
          for (const command of commands) {
            const step = runner.execute(command);
            pure = expectStepAsDecided(command, step, pure);
            log.push(...step.events);
            copies.push(structuredClone(step.events));
          }
          expect(runner.state).toEqual(pure);
          expect(replay(log, program.settings)).toEqual(runner.state);
          // Nothing the runner changed in place afterwards was shared with a recorded event.
          expect(copies.flat()).toEqual(log);
        }),
      );
    },
    TIMEOUT_MS,
  );
});
