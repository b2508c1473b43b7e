import { describe, expect, it } from 'vitest';
import type { InvocationCompleted } from '../../src/invocation/events.js';
import type { InvocationRequest } from '../../src/invocation/commands.js';
import { operations, type InvocationOutcomeInput } from '../../src/operations/operations.js';
import type { LambdaEvent } from '../../src/lambda.js';
import {
  expectError,
  expectRight,
  given,
  T0,
  typesOf,
  type Scenario,
  expectNoMember,
} from '../support/scenario.js';

/** Runs one synchronous invoke to completion through the AWS facade. */
const invokeWith = (
  scenario: Scenario,
  outcome: InvocationOutcomeInput,
  requestId = 'req-1',
  input: InvocationRequest = { FunctionName: 'f' },
) => operations.Invoke(scenario.state, input, { now: scenario.nowMs, requestId }, { outcome });

/** The completion event of a scenario's log for one request id. */
const completionOf = (log: ReadonlyArray<LambdaEvent>, requestId: string): InvocationCompleted => {
  const found = log.find(
    (e): e is InvocationCompleted => e.type === 'InvocationCompleted' && e.requestId === requestId,
  );
  if (found === undefined) return expect.fail(`no InvocationCompleted for ${requestId}`);
  return found;
};

/** `f` invoked as `r1` and still running. */
const running = (overrides: Parameters<Scenario['withFunction']>[1] = {}): Scenario =>
  given().withFunction('f', overrides).invoke('r1', { FunctionName: 'f' });

const RESPONSE_TOO_LARGE =
  '{"errorMessage":"Response payload size exceeded maximum allowed payload size (6291556 bytes).","errorType":"Function.ResponseSizeTooLarge"}';

describe('A successful run (spec invocation §1.2)', () => {
  it('answers 200 with the handler’s JSON, ExecutedVersion and no FunctionError', () => {
    const { result, events } = invokeWith(given().withFunction('f'), {
      durationMs: 12,
      response: '{"greeting":"hello","n":[1,2,3]}',
    });
    expect(expectRight(result)).toEqual({
      statusCode: 200,
      body: {
        StatusCode: 200,
        ExecutedVersion: '$LATEST',
        Payload: '{"greeting":"hello","n":[1,2,3]}',
      },
    });
    expect(typesOf(events)).toEqual(['InvocationStarted', 'InvocationCompleted']);
    expect(completionOf(events, 'req-1')).toMatchObject({ outcome: 'Success' });
    expectNoMember(completionOf(events, 'req-1'), 'errorType');
  });

  it('answers the payload "null" when the handler returns nothing', () => {
    const answer = expectRight(invokeWith(given().withFunction('f'), { durationMs: 1 }).result);
    expect(answer.body).toEqual({ StatusCode: 200, ExecutedVersion: '$LATEST', Payload: 'null' });
  });

  it('completes through CompleteInvocation with the same response', () => {
    const s = running();
    const { result, events } = operations.CompleteInvocation(
      s.state,
      { requestId: 'r1', durationMs: 40, response: '"done"' },
      { now: s.nowMs + 40, requestId: 'c1' },
    );
    expect(expectRight(result)).toEqual({
      statusCode: 200,
      body: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: '"done"' },
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'InvocationCompleted',
        requestId: 'r1',
        atMs: s.nowMs + 40,
        startedAtMs: s.nowMs,
        durationMs: 40,
      }),
    ]);
  });
});

describe('A function error (spec invocation §1.3)', () => {
  it('answers 200 with FunctionError "Unhandled" and the error document', () => {
    const { result } = invokeWith(
      given().withFunction('f'),
      {
        durationMs: 30,
        functionError: {
          errorType: 'Exception',
          errorMessage: 'Handler fails',
          stackTrace: ['  File "/var/task/handler.py", line 2, in handler'],
        },
      },
      'req-err',
    );
    const answer = expectRight(result);
    expect(answer.statusCode).toBe(200);
    expect(answer.body.StatusCode).toBe(200);
    expect(answer.body).toMatchObject({ ExecutedVersion: '$LATEST', FunctionError: 'Unhandled' });
    const payload = 'Payload' in answer.body ? answer.body.Payload : '';
    expect(JSON.parse(payload)).toEqual({
      errorMessage: 'Handler fails',
      errorType: 'Exception',
      requestId: 'req-err',
      stackTrace: ['  File "/var/task/handler.py", line 2, in handler'],
    });
    expect(Object.keys(JSON.parse(payload) as object)).toEqual([
      'errorMessage',
      'errorType',
      'requestId',
      'stackTrace',
    ]);
  });

  it('records the outcome and the errorType on the completion', () => {
    const s = running().complete('r1', {
      durationMs: 5,
      functionError: { errorType: 'TypeError', errorMessage: 'x is undefined' },
    });
    expect(completionOf(s.log, 'r1')).toMatchObject({
      outcome: 'FunctionError',
      errorType: 'TypeError',
    });
  });

  it('ignores the response when the handler failed', () => {
    const { result } = invokeWith(given().withFunction('f'), {
      durationMs: 5,
      response: '{"ok":true}',
      functionError: { errorType: 'Error', errorMessage: 'boom' },
    });
    const body = expectRight(result).body;
    const payload = 'Payload' in body ? body.Payload : '';
    expect(JSON.parse(payload)).toMatchObject({ errorType: 'Error', errorMessage: 'boom' });
  });
});

describe('A timeout (spec invocation §1.3, §4)', () => {
  it('ends a run longer than Timeout as Sandbox.Timedout, answered 200 Unhandled', () => {
    const { result } = invokeWith(given().withFunction('f'), { durationMs: 3_500 }, 'req-slow');
    expect(expectRight(result).body).toEqual({
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      FunctionError: 'Unhandled',
      Payload:
        '{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: req-slow Error: Task timed out after 3.00 seconds"}',
    });
  });

  it('caps the duration at the timeout, and bills the timeout', () => {
    const s = running().complete('r1', { durationMs: 60_000, response: '"late"' });
    expect(completionOf(s.log, 'r1')).toMatchObject({
      outcome: 'Timeout',
      errorType: 'Sandbox.Timedout',
      durationMs: 3_000,
      billedDurationMs: 3_000,
      timeoutSeconds: 3,
    });
  });

  it('writes the function’s own Timeout: 1 s gives "1.00 seconds", 900 s gives "900.00 seconds"', () => {
    const one = running({ Timeout: 1 }).complete('r1', { durationMs: 1_001 });
    expect(JSON.parse(completionOf(one.log, 'r1').responsePayload)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'RequestId: r1 Error: Task timed out after 1.00 seconds',
    });
    const long = running({ Timeout: 900 }).complete('r1', { durationMs: 900_000.5 });
    expect(completionOf(long.log, 'r1')).toMatchObject({ outcome: 'Timeout', durationMs: 900_000 });
    expect(completionOf(long.log, 'r1').responsePayload).toContain(
      'Task timed out after 900.00 seconds',
    );
  });

  it('is a timeout even when the handler also reported an error', () => {
    const s = running().complete('r1', {
      durationMs: 3_001,
      functionError: { errorType: 'Error', errorMessage: 'too late' },
    });
    expect(completionOf(s.log, 'r1')).toMatchObject({
      outcome: 'Timeout',
      errorType: 'Sandbox.Timedout',
    });
  });

  it('is no timeout while the run stays within Timeout', () => {
    const s = running().complete('r1', { durationMs: 2_999.9 });
    expect(completionOf(s.log, 'r1')).toMatchObject({ outcome: 'Success', durationMs: 2_999.9 });
  });
});

describe('Response size (spec invocation §1.3, §1.4)', () => {
  const jsonOfBytes = (bytes: number): string => `"${'r'.repeat(bytes - 2)}"`;

  it('accepts a response of exactly 6,291,556 bytes (and a 6 MiB one)', () => {
    for (const bytes of [6 * 1024 * 1024, 6_291_556]) {
      const response = jsonOfBytes(bytes);
      const body = expectRight(
        invokeWith(given().withFunction('f'), { durationMs: 5, response }).result,
      ).body;
      expect(body).not.toHaveProperty('FunctionError');
      expect('Payload' in body ? body.Payload.length : 0).toBe(bytes);
    }
  });

  it('turns a response of 6,291,557 bytes into Function.ResponseSizeTooLarge, 200 Unhandled', () => {
    const { result, events } = invokeWith(given().withFunction('f'), {
      durationMs: 5,
      response: jsonOfBytes(6_291_557),
    });
    expect(expectRight(result).body).toEqual({
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      FunctionError: 'Unhandled',
      Payload: RESPONSE_TOO_LARGE,
    });
    expect(completionOf(events, 'req-1')).toMatchObject({
      outcome: 'ResponseTooLarge',
      errorType: 'Function.ResponseSizeTooLarge',
    });
  });

  it('counts the response in UTF-8 bytes', () => {
    // 3,145,778 two-byte characters and two quotes: 6,291,558 bytes in 3,145,780 characters.
    const response = `"${'é'.repeat(3_145_778)}"`;
    const body = expectRight(
      invokeWith(given().withFunction('f'), { durationMs: 5, response }).result,
    ).body;
    expect(body).toMatchObject({ FunctionError: 'Unhandled', Payload: RESPONSE_TOO_LARGE });
  });

  it('leaves the function usable: a second invoke behaves the same', () => {
    const s = running().complete('r1', { durationMs: 5, response: jsonOfBytes(7 * 1024 * 1024) });
    const again = s.invoke('r2', { FunctionName: 'f' }).complete('r2', {
      durationMs: 5,
      response: jsonOfBytes(7 * 1024 * 1024),
    });
    expect(completionOf(again.log, 'r2')).toMatchObject({
      outcome: 'ResponseTooLarge',
      responsePayload: RESPONSE_TOO_LARGE,
    });
  });
});

describe('Billed duration (spec pricing §3, as recorded on the completion)', () => {
  const cases: ReadonlyArray<readonly [number, number]> = [
    [0, 1],
    [0.2, 1],
    [1, 1],
    [1.5, 2],
    [100, 100],
    [100.01, 101],
    [2_999.1, 3_000],
  ];
  for (const [durationMs, billed] of cases) {
    it(`bills ${String(durationMs)} ms as ${String(billed)} ms`, () => {
      const s = running().complete('r1', { durationMs });
      expect(completionOf(s.log, 'r1')).toMatchObject({ durationMs, billedDurationMs: billed });
    });
  }
});

describe('What the completion carries (spec invocation §1, §4)', () => {
  it('copies memory, architecture, ephemeral storage and timeout, and the init duration of a cold start', () => {
    const s = given()
      .withFunction('f', {
        MemorySize: 2_048,
        Architectures: ['arm64'],
        EphemeralStorage: { Size: 4_096 },
        Timeout: 30,
      })
      .invoke('cold', { FunctionName: 'f' }, { initDurationMs: 850 })
      .complete('cold', { durationMs: 120 });
    expect(completionOf(s.log, 'cold')).toMatchObject({
      functionName: 'f',
      executedVersion: '$LATEST',
      memorySizeMb: 2_048,
      architecture: 'arm64',
      ephemeralStorageMb: 4_096,
      timeoutSeconds: 30,
      initDurationMs: 850,
      initializationType: 'on-demand',
      durationMs: 120,
      billedDurationMs: 120,
    });
    const warm = s.invoke('warm', { FunctionName: 'f' }).complete('warm', { durationMs: 3 });
    expectNoMember(completionOf(warm.log, 'warm'), 'initDurationMs');
    expect(completionOf(warm.log, 'warm')).toMatchObject({ memorySizeMb: 2_048 });
  });

  it('keeps the shape the invocation started with, even if the configuration changes meanwhile', () => {
    const s = running({ MemorySize: 256 })
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 1_024 })
      .complete('r1', { durationMs: 10 });
    expect(completionOf(s.log, 'r1')).toMatchObject({ memorySizeMb: 256 });
  });

  it('names the alias and the version that ran', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .invoke('r1', { FunctionName: 'f', Qualifier: 'live' })
      .complete('r1', { durationMs: 1 });
    expect(completionOf(s.log, 'r1')).toMatchObject({
      qualifier: 'live',
      aliasName: 'live',
      executedVersion: '1',
    });
  });
});

describe('CompleteInvocation and request ids (model commands)', () => {
  it('refuses an unknown request id with ResourceNotFoundException', () => {
    const s = given().withFunction('f');
    const { result, events, state } = operations.CompleteInvocation(
      s.state,
      { requestId: 'never-started', durationMs: 1 },
      { now: s.nowMs, requestId: 'c1' },
    );
    const error = expectError(result, 'ResourceNotFoundException');
    expect(error.statusCode).toBe(404);
    expect(events).toEqual([]);
    expect(state).toBe(s.state);
  });

  it('refuses to complete the same request twice', () => {
    const s = running().complete('r1', { durationMs: 1 });
    expectError(
      operations.CompleteInvocation(
        s.state,
        { requestId: 'r1', durationMs: 1 },
        { now: s.nowMs, requestId: 'c2' },
      ).result,
      'ResourceNotFoundException',
    );
  });

  it('refuses a negative or non-finite duration', () => {
    const s = running();
    for (const durationMs of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectError(
        operations.CompleteInvocation(
          s.state,
          { requestId: 'r1', durationMs },
          { now: s.nowMs, requestId: 'c1' },
        ).result,
        'ValidationException',
      );
    }
  });

  it('refuses an Invoke whose request id is already running, and records nothing', () => {
    const s = running();
    const { result, events, state } = operations.Invoke(
      s.state,
      { FunctionName: 'f' },
      { now: s.nowMs, requestId: 'r1' },
    );
    expect(result._tag).toBe('Left');
    expect(events).toEqual([]);
    expect(state).toBe(s.state);
  });

  it('lets a request id be used again once its invocation has completed', () => {
    const s = running().complete('r1', { durationMs: 1 });
    expect(typesOf(expectRight(s.whenInvoked('r1', { FunctionName: 'f' })))).toEqual([
      'InvocationStarted',
    ]);
  });

  it('starts the clock of the run at the Invoke and ends it at the completion', () => {
    const s = running().advance(250).complete('r1', { durationMs: 50 });
    const completed = completionOf(s.log, 'r1');
    expect(completed.startedAtMs).toBe(T0 + 1_000);
    expect(completed.atMs).toBe(T0 + 1_250);
  });
});
