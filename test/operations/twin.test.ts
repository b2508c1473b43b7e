import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CommandMeta } from '../../src/kernel/message.js';
import { replay } from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import { LambdaTwin } from '../../src/operations/twin.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  typesOf,
} from '../support/scenario.js';
import { entryOf } from '../../src/kernel/dictionary.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('LambdaTwin: a stateful convenience that forwards to operations and adds no rule (DESIGN §1)', () => {
  it('its clock starts at 2026-01-01T00:00:00Z unless told otherwise', () => {
    expect(new LambdaTwin().now).toBe(Date.UTC(2026, 0, 1));
    expect(new LambdaTwin({}, 42_000).now).toBe(42_000);
  });

  it('takes settings for its account', () => {
    const twin = new LambdaTwin({ account: { region: 'eu-west-1' } });
    const body = expectRight(twin.call('CreateFunction', createFunctionInput('f'))).body;
    expect(body.FunctionArn).toBe('arn:aws:lambda:eu-west-1:123456789012:function:f');
  });

  it('call answers as the operation does and keeps the state and the log', () => {
    const twin = new LambdaTwin();
    const answer = twin.call('CreateFunction', createFunctionInput('f'));
    expect(expectRight(answer).statusCode).toBe(201);
    expect(typesOf(twin.log)).toEqual(['FunctionCreated']);
    expect(entryOf(twin.state.functions.byName, 'f')).toBeDefined();
  });

  it('reads record nothing and leave the state object as it was', () => {
    const twin = new LambdaTwin();
    twin.call('CreateFunction', createFunctionInput('f'));
    const before = twin.state;
    const answer = twin.call('GetFunction', { FunctionName: 'f' });
    expect(expectRight(answer).body.Configuration.FunctionArn).toBe(arnOf('f'));
    expect(twin.state).toBe(before);
    expect(twin.log).toHaveLength(1);
  });

  it('a rejected call answers the AWS error and records nothing', () => {
    const twin = new LambdaTwin();
    twin.call('CreateFunction', createFunctionInput('f'));
    const before = twin.state;
    expectError(
      twin.call('CreateFunction', createFunctionInput('f')),
      'ResourceConflictException',
      'Function already exist: f',
    );
    expect(twin.state).toBe(before);
    expect(twin.log).toHaveLength(1);
  });

  it('advance moves the clock and records the transitions that came due (spec control-plane §2.8)', () => {
    const twin = new LambdaTwin();
    twin.call('CreateFunction', createFunctionInput('f'));
    expectError(twin.call('PublishVersion', { FunctionName: 'f' }), 'ResourceConflictException');
    expect(twin.advance(999)).toEqual([]);
    const due = twin.advance(1);
    expect(typesOf(due)).toEqual(['FunctionActivated']);
    expect(twin.now).toBe(Date.UTC(2026, 0, 1) + 1_000);
    expect(typesOf(twin.log)).toEqual(['FunctionCreated', 'FunctionActivated']);
    expect(expectRight(twin.call('PublishVersion', { FunctionName: 'f' })).body.Version).toBe('1');
  });

  it('an advance with nothing due keeps the same state object', () => {
    const twin = new LambdaTwin();
    const before = twin.state;
    expect(twin.advance(10_000)).toEqual([]);
    expect(twin.state).toBe(before);
  });

  it('the log replays to the state', () => {
    const twin = new LambdaTwin();
    twin.call('CreateFunction', createFunctionInput('f'));
    twin.advance(1_000);
    twin.call('PublishVersion', { FunctionName: 'f' });
    twin.call('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });
    expect(replay(twin.log)).toEqual(twin.state);
  });

  it('each call is stamped with the clock and its own request id', () => {
    const spy = vi.spyOn(operations, 'GetAccountSettings');
    const twin = new LambdaTwin({}, 5_000);
    twin.call('GetAccountSettings', {});
    twin.advance(250);
    twin.call('GetAccountSettings', {});
    const metas = spy.mock.calls.map(
      (call) => (call as unknown as [unknown, unknown, CommandMeta])[2],
    );
    expect(metas.map((m) => m.now)).toEqual([5_000, 5_250]);
    const ids = metas.map((m) => m.requestId);
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(/^req-\d{6}$/);
    expect([...ids].sort()).toEqual(ids);
  });

  it('an advance by a non-integer is refused by the model and leaves the clock usable', () => {
    const twin = new LambdaTwin();
    const start = twin.now;
    expect(twin.advance(0.5)).toEqual([]);
    expect(twin.now).toBe(start);
    expect(expectRight(twin.call('CreateFunction', createFunctionInput('f'))).statusCode).toBe(201);
  });

  it('the clock never goes back, as the model clock does not', () => {
    const twin = new LambdaTwin();
    const start = twin.now;
    twin.advance(-60_000);
    expect(twin.now).toBe(start);
  });
});
