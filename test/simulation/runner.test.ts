/**
 * The runner's own promises: it never changes the state it was started from, its snapshots do
 * not change with later commands, and a rejected command leaves everything as it was except the
 * transitions that came due by its time.
 */
import { describe, expect, it } from 'vitest';
import { initialState, type LambdaCommand } from '../../src/lambda.js';
import { createRunner } from '../../src/simulation/runner.js';
import { expectStepAsDecided } from '../support/decided.js';
import { EMPTY_ZIP, ROLE, T0 } from '../support/scenario.js';

const create = (name: string, now: number): LambdaCommand => ({
  type: 'CreateFunction',
  input: {
    FunctionName: name,
    Role: ROLE,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Code: { ZipFile: EMPTY_ZIP },
  },
  meta: { now, requestId: `create-${name}` },
});

describe('createRunner', () => {
  it('copies the state it starts from and leaves it untouched', () => {
    const start = initialState();
    const runner = createRunner(start);
    runner.execute(create('orders', T0));
    expect(start.logPosition).toBe(0);
    expect(runner.state.logPosition).toBe(1);
    expect(runner.state.functions.byName.size).toBe(1);
  });

  it('hands out snapshots that later commands do not change', () => {
    const runner = createRunner(initialState());
    runner.execute(create('orders', T0));
    const snapshot = runner.snapshot();
    runner.execute(create('billing', T0 + 1));
    expect(snapshot.functions.byName.size).toBe(1);
    expect(runner.state.functions.byName.size).toBe(2);
  });

  it('records the activation that came due when a later command is rejected, and nothing of the command', () => {
    const runner = createRunner(initialState({ functionActivationDelayMs: 1_000 }));
    runner.execute(create('orders', T0));
    const rejected = runner.execute(create('orders', T0 + 5_000));
    expect(rejected.result._tag).toBe('Left');
    expect(rejected.events.map((e) => e.type)).toEqual(['FunctionActivated']);
    expect(runner.state.clockMs).toBe(T0 + 1_000);
    expect(runner.state.logPosition).toBe(2);
  });

  it('refuses a time that is not an integer and records nothing', () => {
    const runner = createRunner(initialState());
    const step = runner.execute(create('orders', Number.NaN));
    expect(step.result._tag).toBe('Left');
    expect(step.events).toEqual([]);
    expect(runner.state.logPosition).toBe(0);
  });

  it('issues the RevisionIds decide issues when a command follows a transition that came due', () => {
    // The idle environment's reclaim comes due before the update, which issues a RevisionId
    // derived from the log position the command starts at. The runner applies what came due to
    // its state in place, so reading the position at the first id gave other ids than decide's.
    const settings = { functionActivationDelayMs: 0, idleEnvironmentLifetimeMs: 1_000 };
    const commands: LambdaCommand[] = [
      create('orders', T0),
      {
        type: 'Invoke',
        input: { FunctionName: 'orders' },
        meta: { now: T0 + 1, requestId: 'call' },
      },
      {
        type: 'CompleteInvocation',
        input: { requestId: 'call', durationMs: 5 },
        meta: { now: T0 + 10, requestId: 'done' },
      },
      {
        type: 'UpdateFunctionConfiguration',
        input: { FunctionName: 'orders', Description: 'later' },
        meta: { now: T0 + 5_000, requestId: 'update' },
      },
    ];
    const runner = createRunner(initialState(settings));
    let pure = initialState(settings);
    let last: ReadonlyArray<string> = [];
    for (const command of commands) {
      const step = runner.execute(command);
      last = step.events.map((e) => e.type);
      pure = expectStepAsDecided(command, step, pure);
    }
    expect(last).toEqual(['ExecutionEnvironmentReclaimed', 'FunctionConfigurationUpdated']);
  });
});
