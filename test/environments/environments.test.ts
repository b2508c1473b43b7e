import { describe, expect, it } from 'vitest';
import { environmentCounts } from '../../src/environments/queries.js';
import type { InvocationStarted } from '../../src/invocation/events.js';
import { decide, type LambdaEvent } from '../../src/lambda.js';
import {
  EMPTY_ZIP,
  expectRight,
  given,
  invokeCommand,
  T0,
  typesOf,
  type Scenario,
  expectNoMember,
} from '../support/scenario.js';

const F = { FunctionName: 'f' } as const;
const LIFETIME = 600_000;

/** The start event of one request in a log. */
const startOf = (log: ReadonlyArray<LambdaEvent>, requestId: string): InvocationStarted => {
  const found = log.find(
    (e): e is InvocationStarted => e.type === 'InvocationStarted' && e.requestId === requestId,
  );
  return found ?? expect.fail(`no InvocationStarted for ${requestId}`);
};

/** `f` that ran `r1` once (cold) and is idle since `T0 + 1,000 + 100`. */
const onceWarm = (settings = {}): Scenario =>
  given(settings)
    .withFunction('f')
    .invoke('r1', F)
    .advance(100)
    .complete('r1', { durationMs: 100 });

describe('Cold and warm starts (spec invocation §4)', () => {
  it('starts the first invocation cold: a new environment with the default init duration', () => {
    const s = given().withFunction('f').invoke('r1', F);
    expect(startOf(s.log, 'r1')).toMatchObject({
      newEnvironment: true,
      initDurationMs: 200,
      initializationType: 'on-demand',
    });
    expect(environmentCounts(s.state, 'f')).toEqual({
      $LATEST: { onDemandIdle: 0, onDemandBusy: 1, provisionedIdle: 0, provisionedBusy: 0 },
    });
  });

  it('takes the init duration from the defaultInitDurationMs setting, or from the command', () => {
    const fromSetting = given({ defaultInitDurationMs: 350 }).withFunction('f').invoke('r1', F);
    expect(startOf(fromSetting.log, 'r1')).toMatchObject({ initDurationMs: 350 });
    const fromCommand = given({ defaultInitDurationMs: 350 })
      .withFunction('f')
      .invoke('r1', F, { initDurationMs: 1_234 });
    expect(startOf(fromCommand.log, 'r1')).toMatchObject({ initDurationMs: 1_234 });
  });

  it('reuses the idle environment warm: same id, no new environment, no init', () => {
    const s = onceWarm().invoke('r2', F, { initDurationMs: 999 });
    const cold = startOf(s.log, 'r1');
    const warm = startOf(s.log, 'r2');
    expect(warm).toMatchObject({ environmentId: cold.environmentId, newEnvironment: false });
    expectNoMember(warm, 'initDurationMs');
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({
      onDemandIdle: 0,
      onDemandBusy: 1,
    });
  });

  it('leaves the environment idle after the completion', () => {
    expect(environmentCounts(onceWarm().state, 'f')['$LATEST']).toMatchObject({
      onDemandIdle: 1,
      onDemandBusy: 0,
    });
  });
});

describe('One request per environment (spec invocation §4, §10 invariant 5)', () => {
  it('runs two concurrent invocations on two environments', () => {
    const s = given().withFunction('f').invoke('r1', F).invoke('r2', F);
    const [a, b] = [startOf(s.log, 'r1'), startOf(s.log, 'r2')];
    expect(a.newEnvironment && b.newEnvironment).toBe(true);
    expect(a.environmentId).not.toBe(b.environmentId);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({ onDemandBusy: 2 });
  });

  it('never reuses a busy environment: while r2 runs on the warm one, r3 starts a new one', () => {
    const s = onceWarm().invoke('r2', F).invoke('r3', F);
    const ids = ['r1', 'r2', 'r3'].map((id) => startOf(s.log, id).environmentId);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).not.toBe(ids[1]);
    expect(startOf(s.log, 'r3')).toMatchObject({ newEnvironment: true, initDurationMs: 200 });
  });

  it('follows the documented 10-request example: finished environments are reused before new ones start', () => {
    // Requests 1–5 start A–E; 1–4 finish; 6–9 reuse them; 10 is new (spec §4 worked example).
    let s = given().withFunction('f');
    for (let i = 1; i <= 5; i += 1) s = s.invoke(`q${String(i)}`, F);
    for (let i = 1; i <= 4; i += 1) s = s.complete(`q${String(i)}`, { durationMs: 10 });
    for (let i = 6; i <= 10; i += 1) s = s.invoke(`q${String(i)}`, F);
    const firstFive = new Set(
      [1, 2, 3, 4, 5].map((i) => startOf(s.log, `q${String(i)}`).environmentId),
    );
    expect(firstFive.size).toBe(5);
    for (const i of [6, 7, 8, 9]) {
      const start = startOf(s.log, `q${String(i)}`);
      expect(start.newEnvironment).toBe(false);
      expect(firstFive.has(start.environmentId)).toBe(true);
    }
    const reused = new Set([6, 7, 8, 9].map((i) => startOf(s.log, `q${String(i)}`).environmentId));
    expect(reused.size).toBe(4);
    expect(startOf(s.log, 'q10').newEnvironment).toBe(true);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({
      onDemandIdle: 0,
      onDemandBusy: 6,
    });
  });
});

describe('Environments belong to one version (spec invocation §4)', () => {
  it('keeps separate pools per version: an idle $LATEST environment does not serve version 1', () => {
    const base = given().withFunction('f').withPublishedVersion('f');
    const s = base
      .invoke('r1', F)
      .complete('r1', { durationMs: 1 })
      .invoke('v1', { FunctionName: 'f', Qualifier: '1' });
    const latest = startOf(s.log, 'r1');
    const one = startOf(s.log, 'v1');
    expect(one).toMatchObject({ executedVersion: '1', newEnvironment: true });
    expect(one.environmentId).not.toBe(latest.environmentId);
    expect(environmentCounts(s.state, 'f')).toEqual({
      $LATEST: { onDemandIdle: 1, onDemandBusy: 0, provisionedIdle: 0, provisionedBusy: 0 },
      '1': { onDemandIdle: 0, onDemandBusy: 1, provisionedIdle: 0, provisionedBusy: 0 },
    });
  });

  it('shares one pool between a version and an alias pointing to it', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .invoke('v1', { FunctionName: 'f', Qualifier: '1' })
      .complete('v1', { durationMs: 1 })
      .invoke('a1', { FunctionName: 'f', Qualifier: 'live' });
    expect(startOf(s.log, 'a1')).toMatchObject({
      newEnvironment: false,
      environmentId: startOf(s.log, 'v1').environmentId,
    });
  });

  it('keeps functions apart: an idle environment of g does not serve f', () => {
    const s = given()
      .withFunction('f')
      .withFunction('g')
      .invoke('g1', { FunctionName: 'g' })
      .complete('g1', { durationMs: 1 })
      .invoke('f1', F);
    expect(startOf(s.log, 'f1')).toMatchObject({ newEnvironment: true });
  });
});

describe('Reset after a failed invoke (spec invocation §4)', () => {
  const failures = [
    [
      'a function error',
      { durationMs: 5, functionError: { errorType: 'Error', errorMessage: 'boom' } },
    ],
    ['a timeout', { durationMs: 10_000 }],
  ] as const;

  for (const [what, outcome] of failures) {
    it(`reuses the same environment after ${what}, but runs init again`, () => {
      const s = given()
        .withFunction('f')
        .invoke('r1', F)
        .complete('r1', outcome)
        .invoke('r2', F, { initDurationMs: 420 });
      const again = startOf(s.log, 'r2');
      expect(again).toMatchObject({
        environmentId: startOf(s.log, 'r1').environmentId,
        newEnvironment: false,
        initDurationMs: 420,
      });
    });

    it(`runs init only once after ${what}: the invocation after the re-init is warm`, () => {
      const s = given()
        .withFunction('f')
        .invoke('r1', F)
        .complete('r1', outcome)
        .invoke('r2', F)
        .complete('r2', { durationMs: 5 })
        .invoke('r3', F);
      expect(startOf(s.log, 'r2')).toHaveProperty('initDurationMs', 200);
      expectNoMember(startOf(s.log, 'r3'), 'initDurationMs');
      expect(startOf(s.log, 'r3').newEnvironment).toBe(false);
    });
  }

  it('does not reset after a success', () => {
    const s = onceWarm().invoke('r2', F);
    expectNoMember(startOf(s.log, 'r2'), 'initDurationMs');
  });
});

describe('Idle reclaim (spec invocation §4, idleEnvironmentLifetimeMs)', () => {
  const idleSince = T0 + 1_100;

  it('keeps an idle environment for lifetime − 1 ms', () => {
    const s = onceWarm().advance(LIFETIME - 1);
    expect(s.log.some((e) => e.type === 'ExecutionEnvironmentReclaimed')).toBe(false);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({ onDemandIdle: 1 });
    expect(startOf(s.invoke('r2', F).log, 'r2')).toMatchObject({ newEnvironment: false });
  });

  it('reclaims it at exactly the lifetime, with an ExecutionEnvironmentReclaimed event', () => {
    const warm = onceWarm();
    const s = warm.advance(LIFETIME);
    const reclaimed = s.log.slice(warm.log.length);
    expect(reclaimed).toEqual([
      {
        type: 'ExecutionEnvironmentReclaimed',
        functionName: 'f',
        version: '$LATEST',
        environmentId: startOf(warm.log, 'r1').environmentId,
        atMs: idleSince + LIFETIME,
      },
    ]);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({
      onDemandIdle: 0,
      onDemandBusy: 0,
    });
  });

  it('starts the next invocation cold on a new environment', () => {
    const s = onceWarm().advance(LIFETIME).invoke('r2', F);
    const next = startOf(s.log, 'r2');
    expect(next).toMatchObject({ newEnvironment: true, initDurationMs: 200 });
    expect(next.environmentId).not.toBe(startOf(s.log, 'r1').environmentId);
  });

  it('stamps the reclaim at its due time even when the clock jumps far past it', () => {
    const warm = onceWarm();
    const s = warm.advance(LIFETIME * 5);
    expect(s.log.slice(warm.log.length)).toEqual([
      expect.objectContaining({
        type: 'ExecutionEnvironmentReclaimed',
        atMs: idleSince + LIFETIME,
      }),
    ]);
  });

  it('emits a due reclaim before the command that finds it due', () => {
    const warm = onceWarm();
    const events = expectRight(decide(invokeCommand('r2', F, warm.nowMs + LIFETIME), warm.state));
    expect(typesOf(events)).toEqual(['ExecutionEnvironmentReclaimed', 'InvocationStarted']);
    expect(events[1]).toMatchObject({ newEnvironment: true });
  });

  it('restarts the idle clock on reuse: used at lifetime − 1, it is not reclaimed at the old due time', () => {
    const reused = onceWarm()
      .advance(LIFETIME - 1)
      .invoke('r2', F)
      .complete('r2', { durationMs: 1 });
    const s = reused.advance(1);
    expect(s.log.some((e) => e.type === 'ExecutionEnvironmentReclaimed')).toBe(false);
    const later = reused.advance(LIFETIME);
    expect(later.log.filter((e) => e.type === 'ExecutionEnvironmentReclaimed')).toEqual([
      expect.objectContaining({ atMs: reused.nowMs + LIFETIME }),
    ]);
  });

  it('never reclaims a busy environment', () => {
    const s = given()
      .withFunction('f')
      .invoke('r1', F)
      .advance(LIFETIME * 3);
    expect(s.log.some((e) => e.type === 'ExecutionEnvironmentReclaimed')).toBe(false);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({ onDemandBusy: 1 });
  });

  it('follows the idleEnvironmentLifetimeMs setting', () => {
    const warm = onceWarm({ idleEnvironmentLifetimeMs: 60_000 });
    expect(warm.advance(59_999).log.some((e) => e.type === 'ExecutionEnvironmentReclaimed')).toBe(
      false,
    );
    expect(warm.advance(60_000).log.some((e) => e.type === 'ExecutionEnvironmentReclaimed')).toBe(
      true,
    );
  });
});

describe('Updates retire $LATEST environments (spec invocation §4)', () => {
  it('retires $LATEST’s idle environments on UpdateFunctionConfiguration: the next invoke is cold', () => {
    const s = onceWarm()
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 512 })
      .advance(1_000);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({ onDemandIdle: 0 });
    const next = startOf(s.invoke('r2', F).log, 'r2');
    expect(next).toMatchObject({ newEnvironment: true, initDurationMs: 200, memorySizeMb: 512 });
  });

  it('retires them on UpdateFunctionCode too', () => {
    const s = onceWarm()
      .run('UpdateFunctionCode', {
        FunctionName: 'f',
        ZipFile: EMPTY_ZIP,
      })
      .advance(1_000)
      .invoke('r2', F);
    expect(startOf(s.log, 'r2')).toMatchObject({ newEnvironment: true });
  });

  it('shuts a busy $LATEST environment down when its request ends, instead of reusing it', () => {
    const s = given()
      .withFunction('f')
      .invoke('r1', F)
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'new' })
      .complete('r1', { durationMs: 5 })
      .advance(1_000);
    expect(environmentCounts(s.state, 'f')['$LATEST']).toMatchObject({
      onDemandIdle: 0,
      onDemandBusy: 0,
    });
    const next = startOf(s.invoke('r2', F).log, 'r2');
    expect(next.newEnvironment).toBe(true);
    expect(next.environmentId).not.toBe(startOf(s.log, 'r1').environmentId);
  });

  it('keeps the environments of published versions warm', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .invoke('v1', { FunctionName: 'f', Qualifier: '1' })
      .complete('v1', { durationMs: 1 })
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'next' })
      .advance(1_000)
      .invoke('v2', { FunctionName: 'f', Qualifier: '1' });
    expect(startOf(s.log, 'v2')).toMatchObject({
      newEnvironment: false,
      environmentId: startOf(s.log, 'v1').environmentId,
    });
  });

  it('never gives a new environment an id used before', () => {
    const s = onceWarm()
      .advance(LIFETIME)
      .invoke('r2', F)
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'x' })
      .complete('r2', { durationMs: 1 })
      .advance(1_000)
      .invoke('r3', F);
    const ids = ['r1', 'r2', 'r3'].map((id) => startOf(s.log, id).environmentId);
    expect(new Set(ids).size).toBe(3);
  });
});
