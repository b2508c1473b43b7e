import { describe, expect, it } from 'vitest';
import { keysOf } from '../src/kernel/dictionary.js';
import { defaultSettings } from '../src/kernel/settings.js';
import {
  decide,
  evolve,
  evolveAll,
  initialState,
  Lambda,
  replay,
  slicesHandling,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../src/lambda.js';
import {
  command,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  T0,
  typesOf,
} from './support/scenario.js';

const advanceTo = (to: number): LambdaCommand => ({
  type: 'AdvanceClock',
  input: { to },
  meta: { now: to, requestId: 'clock' },
});

/** A deep copy, to prove a value was not changed in place. */
const snapshot = (state: LambdaState): unknown => JSON.parse(JSON.stringify(state));

describe('initialState', () => {
  it('starts with no function, the clock at 0, an empty log and the resolved settings', () => {
    const state = initialState();
    expect(state.clockMs).toBe(0);
    expect(state.logPosition).toBe(0);
    expect(state.functions.byName.size).toBe(0);
    expect(keysOf(state.functions.byName)).toEqual([]);
    expect(state.settings).toEqual(defaultSettings);
    expect(initialState({ functionActivationDelayMs: 7 }).settings.functionActivationDelayMs).toBe(
      7,
    );
  });
});

describe('time comes in as data: integer epoch milliseconds (DESIGN §1)', () => {
  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    'a command at now = %s is a ValidationException and records nothing',
    (now) => {
      const error = expectError(
        decide(command('CreateFunction', createFunctionInput('f'), now), initialState()),
        'ValidationException',
      );
      expect(error.statusCode).toBe(400);
      expect(
        error.message.startsWith(
          `1 validation error detected: Value '${String(now)}' at 'now' failed to satisfy constraint: `,
        ),
      ).toBe(true);
    },
  );

  it('AdvanceClock to a non-integer is a ValidationException naming "to"', () => {
    const error = expectError(decide(advanceTo(T0 + 0.25), initialState()), 'ValidationException');
    expect(
      error.message.startsWith(
        `1 validation error detected: Value '${String(T0 + 0.25)}' at 'to' failed to satisfy constraint: `,
      ),
    ).toBe(true);
  });
});

describe('AdvanceClock emits every transition that has come due (DESIGN §1, spec control-plane §2.8)', () => {
  const created = given().run('CreateFunction', createFunctionInput('f')).state;

  it('nothing is due before the activation delay has passed', () => {
    expect(expectRight(decide(advanceTo(T0 + 999), created))).toEqual([]);
  });

  it('at the due time the function is activated, stamped with the due time, not the advance time', () => {
    const events = expectRight(decide(advanceTo(T0 + 60_000), created));
    expect(typesOf(events)).toEqual(['FunctionActivated']);
    expect(events[0]).toMatchObject({ functionName: 'f', atMs: T0 + 1_000 });
  });

  it('several transitions come out in due order', () => {
    const two = evolveAll(
      created,
      expectRight(decide(command('CreateFunction', createFunctionInput('g'), T0 + 500), created)),
    );
    const events = expectRight(decide(advanceTo(T0 + 2_000), two));
    expect(events.map((e) => [e.type, e.functionName, e.atMs])).toEqual([
      ['FunctionActivated', 'f', T0 + 1_000],
      ['FunctionActivated', 'g', T0 + 1_500],
    ]);
  });

  it('an empty account has nothing due', () => {
    expect(expectRight(decide(advanceTo(T0), initialState()))).toEqual([]);
  });
});

describe('every command first brings the clock to its meta.now (DESIGN §1)', () => {
  const created = given().run('CreateFunction', createFunctionInput('f')).state;

  it('the transitions that came due are emitted before the command, which sees their effect', () => {
    // Without the activation first, PublishVersion would be refused while the function is Pending.
    const events = expectRight(
      decide(command('PublishVersion', { FunctionName: 'f' }, T0 + 1_000), created),
    );
    expect(typesOf(events)).toEqual(['FunctionActivated', 'FunctionVersionPublished']);
  });

  it('a rejected command records nothing, not even the transitions, which come due again later', () => {
    expectError(
      decide(command('PublishVersion', { FunctionName: 'missing' }, T0 + 1_000), created),
      'ResourceNotFoundException',
    );
    expect(typesOf(expectRight(decide(advanceTo(T0 + 1_000), created)))).toEqual([
      'FunctionActivated',
    ]);
  });

  it('a command that does not need the transitions still carries them', () => {
    const events = expectRight(
      decide(command('CreateFunction', createFunctionInput('g'), T0 + 1_000), created),
    );
    expect(typesOf(events)).toEqual(['FunctionActivated', 'FunctionCreated']);
  });

  it('the clock never goes back: a command stamped earlier than the clock happens at the clock', () => {
    const active = given().withFunction('f').state;
    expect(active.clockMs).toBe(T0 + 1_000);
    const events = expectRight(
      decide(
        command('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'late' }, T0),
        active,
      ),
    );
    expect(events[0]).toMatchObject({ type: 'FunctionConfigurationUpdated', atMs: T0 + 1_000 });
  });
});

describe('which slices an event changes', () => {
  // `recipe` applies these two by direct calls to exactly these slices, in this order (a call
  // through the shared table cannot be inlined). A slice that starts or stops handling one of them
  // must be added to or removed from those calls too.
  it.each([['InvocationStarted'], ['InvocationCompleted']] as const)(
    '%s is applied by the concurrency, invocation, environments and async slices',
    (type) => {
      expect(slicesHandling(type)).toEqual(['concurrency', 'invocation', 'environments', 'async']);
    },
  );

  it('lists the slices of a control-plane event in slice order', () => {
    expect(slicesHandling('FunctionDeleted')).toEqual([
      'functions',
      'versions',
      'aliases',
      'concurrency',
      'environments',
      'async',
    ]);
  });
});

describe('evolve and replay (DESIGN §1: the event log is the source of truth)', () => {
  const world = given()
    .withFunction('f')
    .withPublishedVersion('f')
    .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });

  it('each event takes the next log position, and the clock is the time of the latest event', () => {
    const state = world.log.reduce<LambdaState>(evolve, initialState());
    expect(state.logPosition).toBe(world.log.length);
    expect(state.clockMs).toBe(Math.max(...world.log.map((e) => e.atMs)));
  });

  it('an event stamped before the clock does not move the clock back', () => {
    const state = world.state;
    const stale: LambdaEvent = {
      type: 'FunctionTagged',
      functionName: 'f',
      atMs: state.clockMs - 10,
      tags: { a: 'b' },
    };
    const next = evolve(state, stale);
    expect(next.clockMs).toBe(state.clockMs);
    expect(next.logPosition).toBe(state.logPosition + 1);
  });

  it('replay of the log rebuilds the state exactly, one event at a time or in one batch', () => {
    expect(replay(world.log)).toEqual(world.state);
    expect(world.log.reduce<LambdaState>(evolve, initialState())).toEqual(world.state);
  });

  it('replay takes the settings the log was recorded with', () => {
    const recorded = given({ account: { region: 'eu-west-1' } }).withFunction('f');
    expect(replay(recorded.log, { account: { region: 'eu-west-1' } })).toEqual(recorded.state);
  });

  it('decide never mutates the state it is given, whether it accepts or rejects', () => {
    const before = snapshot(world.state);
    expectRight(
      decide(
        command(
          'UpdateFunctionConfiguration',
          { FunctionName: 'f', Description: 'x' },
          world.nowMs + 5_000,
        ),
        world.state,
      ),
    );
    expectError(
      decide(
        command('DeleteAlias', { FunctionName: 'nope', Name: 'live' }, world.nowMs),
        world.state,
      ),
      'ResourceNotFoundException',
    );
    expect(snapshot(world.state)).toEqual(before);
  });

  it('the Lambda value bundles the same functions', () => {
    expect(Lambda).toMatchObject({ initialState, decide, evolve, evolveAll, replay });
  });
});

describe('the root decider routes every command to its domain', () => {
  const active = given()
    .withFunction('f', { Tags: { team: 'a' } })
    .withPublishedVersion('f')
    .advance(1_000);
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:f';

  it.each<[LambdaCommand['type'], string]>([
    ['TagResource', 'FunctionTagged'],
    ['UntagResource', 'FunctionUntagged'],
    ['UpdateFunctionCode', 'FunctionCodeUpdated'],
    ['CreateAlias', 'AliasCreated'],
    ['DeleteFunction', 'FunctionDeleted'],
  ])('%s → %s', (type, eventType) => {
    const inputs: Record<string, unknown> = {
      TagResource: { Resource: arn, Tags: { owner: 'b' } },
      UntagResource: { Resource: arn, TagKeys: ['team'] },
      UpdateFunctionCode: {
        FunctionName: 'f',
        ZipFile: new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]),
      },
      CreateAlias: { FunctionName: 'f', Name: 'a', FunctionVersion: '1' },
      DeleteFunction: { FunctionName: 'f' },
    };
    const decided = decide(
      { type, input: inputs[type], meta: { now: active.nowMs, requestId: 'r' } } as LambdaCommand,
      active.state,
    );
    expect(typesOf(expectRight(decided))).toEqual([eventType]);
  });

  it('UpdateAlias and DeleteAlias reach the aliases domain', () => {
    const aliased = active.run('CreateAlias', {
      FunctionName: 'f',
      Name: 'a',
      FunctionVersion: '1',
    });
    expect(
      typesOf(
        expectRight(
          aliased.when('UpdateAlias', { FunctionName: 'f', Name: 'a', Description: 'd' }),
        ),
      ),
    ).toEqual(['AliasUpdated']);
    expect(
      typesOf(expectRight(aliased.when('DeleteAlias', { FunctionName: 'f', Name: 'a' }))),
    ).toEqual(['AliasDeleted']);
  });
});
