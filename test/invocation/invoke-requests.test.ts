import { describe, expect, it } from 'vitest';
import type { InvocationRequest } from '../../src/invocation/commands.js';
import { operations, type InvocationOutcomeInput } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  functionWithVersions,
  given,
  typesOf,
  type Scenario,
} from '../support/scenario.js';

/** Invokes through the AWS facade at the scenario's clock, as an SDK caller would. */
const invokeVia = (
  scenario: Scenario,
  input: InvocationRequest,
  outcome: InvocationOutcomeInput = { durationMs: 10 },
  requestId = 'req-invoke',
) => operations.Invoke(scenario.state, input, { now: scenario.nowMs, requestId }, { outcome });

/** What a synchronous call answers once its handler has run. */
const responseOf = (scenario: Scenario, input: InvocationRequest) =>
  expectRight(invokeVia(scenario, input).result);

/** A JSON string payload of exactly `bytes` UTF-8 bytes (the two quotes included). */
const jsonStringOfBytes = (bytes: number): string => `"${'a'.repeat(bytes - 2)}"`;

const PARSE_ERROR_PREFIX =
  'Could not parse request body into json: Could not parse payload into json:';
const SYNC_TOO_LARGE =
  'Request must be smaller than 6291456 bytes for the InvokeFunction operation';
const asyncTooLarge = (bytes: number, limit: number): string =>
  `${String(bytes)} byte payload is too large for the Event invocation type (limit ${String(limit)} bytes)`;

/** `f` with versions 1 and 2 and aliases `live` → 1, `edge` → $LATEST. */
const withAliases = (): Scenario =>
  functionWithVersions(2)
    .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
    .run('CreateAlias', { FunctionName: 'f', Name: 'edge', FunctionVersion: '$LATEST' });

describe('Qualifier resolution at invoke time (spec invocation §2, control-plane §1.4, §4.3)', () => {
  it('runs $LATEST when no qualifier is given: ExecutedVersion "$LATEST"', () => {
    expect(responseOf(withAliases(), { FunctionName: 'f' }).body.ExecutedVersion).toBe('$LATEST');
  });

  it('runs $LATEST for Qualifier "$LATEST" and for the name suffix ":$LATEST"', () => {
    const s = withAliases();
    expect(responseOf(s, { FunctionName: 'f', Qualifier: '$LATEST' }).body.ExecutedVersion).toBe(
      '$LATEST',
    );
    expect(responseOf(s, { FunctionName: 'f:$LATEST' }).body.ExecutedVersion).toBe('$LATEST');
  });

  it('runs version N for a version qualifier, by parameter, name suffix or ARN: ExecutedVersion "N"', () => {
    const s = withAliases();
    for (const input of [
      { FunctionName: 'f', Qualifier: '2' },
      { FunctionName: 'f:2' },
      { FunctionName: arnOf('f', '2') },
      { FunctionName: arnOf('f'), Qualifier: '2' },
    ]) {
      expect(responseOf(s, input).body.ExecutedVersion).toBe('2');
    }
    expect(responseOf(s, { FunctionName: 'f', Qualifier: '1' }).body.ExecutedVersion).toBe('1');
  });

  it('runs the version an alias points to, and reports that version, never the alias name', () => {
    const s = withAliases();
    const answer = responseOf(s, { FunctionName: 'f', Qualifier: 'live' });
    expect(answer.body.ExecutedVersion).toBe('1');
    const started = expectRight(s.whenInvoked('r1', { FunctionName: 'f:live' }));
    expect(started).toEqual([
      expect.objectContaining({
        type: 'InvocationStarted',
        qualifier: 'live',
        aliasName: 'live',
        executedVersion: '1',
      }),
    ]);
  });

  it('follows an alias when it moves: ExecutedVersion goes from 1 to 2 (spec §2)', () => {
    const moved = withAliases().run('UpdateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '2',
    });
    expect(responseOf(moved, { FunctionName: 'f', Qualifier: 'live' }).body.ExecutedVersion).toBe(
      '2',
    );
  });

  it('runs $LATEST through an alias pointing at $LATEST', () => {
    expect(
      responseOf(withAliases(), { FunctionName: 'f', Qualifier: 'edge' }).body.ExecutedVersion,
    ).toBe('$LATEST');
  });

  it('answers 404 with the ":$LATEST" ARN for a missing function invoked unqualified', () => {
    const result = given().whenInvoked('r1', { FunctionName: 'ghost' });
    const error = expectError(
      result,
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost', '$LATEST')}`,
    );
    expect(error.statusCode).toBe(404);
    expectError(
      given().whenInvoked('r1', { FunctionName: arnOf('ghost') }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost', '$LATEST')}`,
    );
  });

  it('answers 404 with the qualified ARN for a missing version or alias of an existing function', () => {
    const s = withAliases();
    expectError(
      s.whenInvoked('r1', { FunctionName: 'f', Qualifier: '1221' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '1221')}`,
    );
    expectError(
      s.whenInvoked('r1', { FunctionName: 'f:nope' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', 'nope')}`,
    );
  });

  it('answers 404 for a missing function invoked with a qualifier, naming that qualifier', () => {
    expectError(
      given().whenInvoked('r1', { FunctionName: 'ghost', Qualifier: '3' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost', '3')}`,
    );
  });

  it('treats qualifiers as case-sensitive: "$latest" is 404', () => {
    const s = withAliases();
    expectError(
      s.whenInvoked('r1', { FunctionName: 'f', Qualifier: '$latest' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', '$latest')}`,
    );
    expectError(
      s.whenInvoked('r1', { FunctionName: 'f', Qualifier: 'LIVE' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f', 'LIVE')}`,
    );
  });

  it('refuses a name qualifier that differs from the Qualifier parameter (400)', () => {
    const s = withAliases();
    const mismatch =
      'The derived qualifier from the function name does not match the specified qualifier.';
    for (const input of [
      { FunctionName: 'f:$LATEST', Qualifier: '1' },
      { FunctionName: 'f:1', Qualifier: '2' },
      { FunctionName: arnOf('f', 'live'), Qualifier: '1' },
    ]) {
      const error = expectError(
        s.whenInvoked('r1', input),
        'InvalidParameterValueException',
        mismatch,
      );
      expect(error.statusCode).toBe(400);
    }
    expect(responseOf(s, { FunctionName: 'f:1', Qualifier: '1' }).body.ExecutedVersion).toBe('1');
  });
});

describe('Status codes and bodies by invocation type (spec invocation §1.2)', () => {
  it('answers RequestResponse (the default) with 200, ExecutedVersion and the payload', () => {
    const s = given().withFunction('f');
    const answer = expectRight(
      invokeVia(s, { FunctionName: 'f' }, { durationMs: 5, response: '{"ok":true}' }).result,
    );
    expect(answer).toEqual({
      statusCode: 200,
      body: { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: '{"ok":true}' },
    });
    const explicit = expectRight(
      invokeVia(s, { FunctionName: 'f', InvocationType: 'RequestResponse' }).result,
    );
    expect(explicit.statusCode).toBe(200);
  });

  it('answers Event with 202, an empty payload and no ExecutedVersion, and records the acceptance before the dispatch', () => {
    const s = given().withFunction('f');
    const { result, events } = invokeVia(s, { FunctionName: 'f', InvocationType: 'Event' });
    expect(expectRight(result)).toEqual({
      statusCode: 202,
      body: { StatusCode: 202, Payload: '' },
    });
    // The event is queued first, then its first attempt starts at once (spec §5.1).
    expect(typesOf(events)).toEqual(['AsyncInvocationAccepted', 'InvocationStarted']);
    expect(events[0]).toMatchObject({ requestId: 'req-invoke', atMs: s.nowMs });
    expect(events[1]).toMatchObject({
      requestId: 'req-invoke',
      invocationType: 'Event',
      atMs: s.nowMs,
    });
  });

  it('answers DryRun with 204 and an empty payload', () => {
    const s = given().withFunction('f');
    const { result } = invokeVia(s, { FunctionName: 'f', InvocationType: 'DryRun' });
    expect(expectRight(result)).toEqual({
      statusCode: 204,
      body: { StatusCode: 204, Payload: '' },
    });
  });

  it('records nothing for DryRun: no event, no running invocation, no environment', () => {
    const s = given().withFunction('f');
    const { state, events } = invokeVia(s, { FunctionName: 'f', InvocationType: 'DryRun' });
    expect(events).toEqual([]);
    expect(state).toBe(s.state);
    expect(
      expectRight(s.whenInvoked('dry', { FunctionName: 'f', InvocationType: 'DryRun' })),
    ).toEqual([]);
  });

  it('still checks the request on DryRun: a missing function is 404', () => {
    expectError(
      given().whenInvoked('dry', { FunctionName: 'ghost', InvocationType: 'DryRun' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost', '$LATEST')}`,
    );
  });
});

describe('Function state (spec control-plane §2.8, §5.3)', () => {
  it('refuses to invoke a Pending function with 409, for every invocation type', () => {
    const pending = given().run('CreateFunction', createFunctionInput('f'));
    for (const InvocationType of ['RequestResponse', 'Event', 'DryRun'] as const) {
      const error = expectError(
        pending.whenInvoked('r1', { FunctionName: 'f', InvocationType }),
        'ResourceConflictException',
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      );
      expect(error.statusCode).toBe(409);
    }
    expectRight(pending.advance(1_000).whenInvoked('r1', { FunctionName: 'f' }));
  });
});

describe('Payload limits (spec invocation §1.4)', () => {
  it('accepts a synchronous payload of exactly 6,291,456 bytes', () => {
    const s = given().withFunction('f');
    const payload = jsonStringOfBytes(6_291_456);
    const events = expectRight(s.whenInvoked('r1', { FunctionName: 'f', Payload: payload }));
    expect(events).toEqual([
      expect.objectContaining({ type: 'InvocationStarted', payloadBytes: 6_291_456 }),
    ]);
  });

  it('refuses 6,291,457 bytes with 413 RequestEntityTooLargeException and AWS’s text', () => {
    const s = given().withFunction('f');
    const error = expectError(
      s.whenInvoked('r1', { FunctionName: 'f', Payload: jsonStringOfBytes(6_291_457) }),
      'RequestEntityTooLargeException',
      SYNC_TOO_LARGE,
    );
    expect(error.statusCode).toBe(413);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const s = given().withFunction('f');
    // "é" is two bytes: 3,145,727 of them plus two quotes is 6,291,456 bytes.
    const atLimit = `"${'é'.repeat(3_145_727)}"`;
    expectRight(s.whenInvoked('r1', { FunctionName: 'f', Payload: atLimit }));
    const overLimit = `"${'é'.repeat(3_145_727)}a"`;
    expect(overLimit.length).toBeLessThan(6_291_456);
    expectError(
      s.whenInvoked('r1', { FunctionName: 'f', Payload: overLimit }),
      'RequestEntityTooLargeException',
      SYNC_TOO_LARGE,
    );
  });

  it('accepts an Event payload of exactly 1,048,576 bytes (the 1 MB limit)', () => {
    const s = given().withFunction('f');
    const events = expectRight(
      s.whenInvoked('r1', {
        FunctionName: 'f',
        InvocationType: 'Event',
        Payload: jsonStringOfBytes(1_048_576),
      }),
    );
    expect(events).toEqual([
      expect.objectContaining({ type: 'AsyncInvocationAccepted', payloadBytes: 1_048_576 }),
      expect.objectContaining({
        type: 'InvocationStarted',
        invocationType: 'Event',
        payloadBytes: 1_048_576,
      }),
    ]);
  });

  it('refuses an Event payload of 1,048,577 bytes with the Event text', () => {
    const error = expectError(
      given()
        .withFunction('f')
        .whenInvoked('r1', {
          FunctionName: 'f',
          InvocationType: 'Event',
          Payload: jsonStringOfBytes(1_048_577),
        }),
      'RequestEntityTooLargeException',
      asyncTooLarge(1_048_577, 1_048_576),
    );
    expect(error.statusCode).toBe(413);
  });

  it('applies the asyncPayloadLimitBytes setting: 262,144 reproduces the pre-2025 message', () => {
    const s = given({ asyncPayloadLimitBytes: 262_144 }).withFunction('f');
    const event = (bytes: number): InvocationRequest => ({
      FunctionName: 'f',
      InvocationType: 'Event',
      Payload: jsonStringOfBytes(bytes),
    });
    expectRight(s.whenInvoked('r1', event(262_144)));
    expectError(
      s.whenInvoked('r1', event(264_496)),
      'RequestEntityTooLargeException',
      '264496 byte payload is too large for the Event invocation type (limit 262144 bytes)',
    );
    expectError(
      s.whenInvoked('r1', event(262_145)),
      'RequestEntityTooLargeException',
      asyncTooLarge(262_145, 262_144),
    );
  });

  it('keeps the synchronous limit for RequestResponse whatever the Event limit', () => {
    const s = given({ asyncPayloadLimitBytes: 262_144 }).withFunction('f');
    expectRight(s.whenInvoked('r1', { FunctionName: 'f', Payload: jsonStringOfBytes(1_048_577) }));
  });
});

describe('Payload syntax (spec invocation §1.4)', () => {
  const BAD_PAYLOADS = [
    '{',
    '}',
    '{"a":1,}',
    '[1,2',
    '[1,,2]',
    'abc',
    "{'a':1}",
    '{"a" 1}',
    '{a:1}',
    '"unterminated',
    '"bad \\x escape"',
    '"bad \\u12 escape"',
    '{"a":1}}',
    '1 2',
    'tru',
    'nul',
    'truex',
    '-',
    '1.',
    '.5',
    '+1',
    'NaN',
    'undefined',
    '"tab\there"',
  ];

  for (const payload of BAD_PAYLOADS) {
    it(`refuses ${JSON.stringify(payload)} with 400 InvalidRequestContentException`, () => {
      const result = given()
        .withFunction('f')
        .whenInvoked('r1', { FunctionName: 'f', Payload: payload });
      const error = expectError(result, 'InvalidRequestContentException');
      expect(error.statusCode).toBe(400);
      expect(error.message.startsWith(PARSE_ERROR_PREFIX)).toBe(true);
    });
  }

  it('refuses a number with a leading zero, which JSON does not allow', () => {
    const s = given().withFunction('f');
    for (const payload of ['01', '[00]', '{"a":-012}']) {
      const error = expectError(
        s.whenInvoked('r1', { FunctionName: 'f', Payload: payload }),
        'InvalidRequestContentException',
      );
      expect(error.message.startsWith(PARSE_ERROR_PREFIX)).toBe(true);
    }
  });

  it('refuses non-JSON payloads for Event and DryRun too', () => {
    const s = given().withFunction('f');
    for (const InvocationType of ['Event', 'DryRun'] as const) {
      expectError(
        s.whenInvoked('r1', { FunctionName: 'f', InvocationType, Payload: '{oops' }),
        'InvalidRequestContentException',
      );
    }
  });

  const GOOD_PAYLOADS = [
    '{}',
    '[]',
    '{"a":1}',
    ' { "a" : [ 1 , 2 , { "b" : null } ] } ',
    '{"deep":{"er":{"est":[[[{"x":[true,false,null]}]]]}}}',
    '"plain string"',
    '"escapes: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\uD83D\\uDE00"',
    '"unicode é 😀"',
    '0',
    '-0',
    '42',
    '-17.25',
    '1e10',
    '2.5E-3',
    '-1.5e+300',
    'true',
    'false',
    'null',
    '\n{"multi":\n "line"}\n',
    `[${'['.repeat(100)}${']'.repeat(100)}]`,
  ];

  for (const payload of GOOD_PAYLOADS) {
    it(`accepts ${JSON.stringify(payload.length > 60 ? `${payload.slice(0, 60)}…` : payload)}`, () => {
      expectRight(
        given().withFunction('f').whenInvoked('r1', { FunctionName: 'f', Payload: payload }),
      );
    });
  }

  it('accepts a long number with a fraction and an exponent', () => {
    const s = given().withFunction('f');
    for (const payload of [`${'9'.repeat(500)}.5e3`, `[-${'1'.repeat(450)}.${'2'.repeat(450)}]`]) {
      expectRight(s.whenInvoked('r1', { FunctionName: 'f', Payload: payload }));
    }
  });

  it('accepts an empty payload, an absent one, and records 0 bytes', () => {
    const s = given().withFunction('f');
    for (const input of [{ FunctionName: 'f', Payload: '' }, { FunctionName: 'f' }]) {
      expect(expectRight(s.whenInvoked('r1', input))).toEqual([
        expect.objectContaining({ type: 'InvocationStarted', payloadBytes: 0 }),
      ]);
    }
  });

  it('checks the size before the syntax: an oversized non-JSON payload is 413', () => {
    expectError(
      given()
        .withFunction('f')
        .whenInvoked('r1', { FunctionName: 'f', Payload: 'x'.repeat(6_291_457) }),
      'RequestEntityTooLargeException',
      SYNC_TOO_LARGE,
    );
  });
});

describe('Request members (spec invocation §1.1)', () => {
  it('refuses an InvocationType outside the enum with a ValidationException', () => {
    const error = expectError(
      given()
        .withFunction('f')
        .whenInvoked('r1', {
          FunctionName: 'f',
          InvocationType: 'Async' as NonNullable<InvocationRequest['InvocationType']>,
        }),
      'ValidationException',
    );
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(
      /^1 validation error detected: Value 'Async' at 'invocationType'/,
    );
    expect(error.message).toContain('Member must satisfy enum value set');
    for (const value of ['Event', 'RequestResponse', 'DryRun']) {
      expect(error.message).toContain(value);
    }
  });

  it('refuses a LogType outside the enum with a ValidationException', () => {
    const error = expectError(
      given()
        .withFunction('f')
        .whenInvoked('r1', {
          FunctionName: 'f',
          LogType: 'Full' as NonNullable<InvocationRequest['LogType']>,
        }),
      'ValidationException',
    );
    expect(error.message).toMatch(/^1 validation error detected: Value 'Full' at 'logType'/);
    expect(error.message).toContain('Member must satisfy enum value set: [None, Tail]');
  });

  it('accepts LogType None and Tail', () => {
    const s = given().withFunction('f');
    for (const LogType of ['None', 'Tail'] as const) {
      expectRight(s.whenInvoked('r1', { FunctionName: 'f', LogType }));
    }
  });

  it('validates the members before looking for the function', () => {
    expectError(
      given().whenInvoked('r1', {
        FunctionName: 'ghost',
        InvocationType: 'Sync' as NonNullable<InvocationRequest['InvocationType']>,
      }),
      'ValidationException',
    );
  });
});

describe('A rejected invoke records nothing (spec invocation §1)', () => {
  const rejected: ReadonlyArray<readonly [string, InvocationRequest]> = [
    ['a missing function', { FunctionName: 'ghost' }],
    ['a missing version', { FunctionName: 'f', Qualifier: '9' }],
    ['a payload too large', { FunctionName: 'f', Payload: jsonStringOfBytes(6_291_457) }],
    ['a non-JSON payload', { FunctionName: 'f', Payload: '{nope' }],
    [
      'an unknown invocation type',
      {
        FunctionName: 'f',
        InvocationType: 'X' as NonNullable<InvocationRequest['InvocationType']>,
      },
    ],
    ['a qualifier mismatch', { FunctionName: 'f:1', Qualifier: '$LATEST' }],
  ];

  for (const [what, input] of rejected) {
    it(`leaves state and log unchanged for ${what}`, () => {
      const s = functionWithVersions(1);
      const { state, events, result } = invokeVia(s, input);
      expect(result._tag).toBe('Left');
      expect(events).toEqual([]);
      expect(state).toBe(s.state);
    });
  }
});
