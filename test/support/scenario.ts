/**
 * The given/when/then vocabulary every example test uses. `given` builds a state only by running
 * real commands through `decide`/`evolve` (never by writing state objects); `when` decides one
 * command against it; the assertions read the `Either` that comes back.
 */
import type {
  CompleteInvocationInput,
  InvocationRequest,
  InvokeModelInput,
} from '../../src/invocation/commands.js';
import { expect } from 'vitest';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import type { LambdaSettingsInput } from '../../src/kernel/settings.js';
import {
  decide,
  evolveAll,
  initialState,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../../src/lambda.js';

/** 2026-01-01T00:00:00Z, the clock every example starts at. */
export const T0 = 1_767_225_600_000;
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
export const OTHER_ROLE = `arn:aws:iam::${ACCOUNT}:role/other-role`;

/** The smallest valid zip archive: an empty end-of-central-directory record (22 bytes). */
export const EMPTY_ZIP = new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]);

/** The ARN of a function (and qualifier) in the default account and region. */
export const arnOf = (name: string, qualifier?: string): string =>
  `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}${qualifier === undefined ? '' : `:${qualifier}`}`;

type CommandType = Exclude<LambdaCommand['type'], 'AdvanceClock'>;
type InputOf<T extends CommandType> = Extract<LambdaCommand, { readonly type: T }>['input'];

/** A command of the given type at `now` (default: `T0`). */
export function command<T extends CommandType>(
  type: T,
  input: InputOf<T>,
  now = T0,
): LambdaCommand {
  return {
    type,
    input,
    meta: { now, requestId: `req-${String(now)}` },
  } as unknown as LambdaCommand;
}

/** An Invoke command with its own request id and optional model inputs. */
export function invokeCommand(
  requestId: string,
  input: InvocationRequest,
  now = T0,
  model?: InvokeModelInput,
): LambdaCommand {
  return {
    type: 'Invoke',
    input,
    meta: { now, requestId },
    ...(model === undefined ? {} : { model }),
  };
}

/** A zip CreateFunction input with the usual required members; `overrides` replace any of them. */
export function createFunctionInput(
  name: string,
  overrides: Partial<InputOf<'CreateFunction'>> = {},
): InputOf<'CreateFunction'> {
  return {
    FunctionName: name,
    Role: ROLE,
    Runtime: 'nodejs22.x',
    Handler: 'index.handler',
    Code: { ZipFile: EMPTY_ZIP },
    ...overrides,
  };
}

/** A state reached by real commands, with its log and the model clock. */
export class Scenario {
  constructor(
    readonly state: LambdaState,
    readonly log: ReadonlyArray<LambdaEvent>,
    readonly nowMs: number,
  ) {}

  /** Runs a command that must succeed (the test fails with the AWS error otherwise). */
  run<T extends CommandType>(type: T, input: InputOf<T>): Scenario {
    const decided = decide(command(type, input, this.nowMs), this.state);
    if (decided._tag === 'Left') {
      expect.fail(`given ${type} was rejected: ${decided.left._tag}: ${decided.left.message}`);
    }
    return new Scenario(
      evolveAll(this.state, decided.right),
      [...this.log, ...decided.right],
      this.nowMs,
    );
  }

  /** Decides any command (its own meta, `model`, …); it must be accepted. */
  runCommand(given: LambdaCommand): Scenario {
    const decided = decide(given, this.state);
    if (decided._tag === 'Left') {
      expect.fail(
        `given ${given.type} was rejected: ${decided.left._tag}: ${decided.left.message}`,
      );
    }
    return new Scenario(
      evolveAll(this.state, decided.right),
      [...this.log, ...decided.right],
      this.nowMs,
    );
  }

  /** An Invoke at this clock with its own request id (accepted; a throttle is recorded). */
  invoke(requestId: string, input: InvocationRequest, model?: InvokeModelInput): Scenario {
    return this.runCommand(invokeCommand(requestId, input, this.nowMs, model));
  }

  /** Decides an Invoke at this clock with its own request id. */
  whenInvoked(
    requestId: string,
    input: InvocationRequest,
    model?: InvokeModelInput,
  ): Either<AwsError, ReadonlyArray<LambdaEvent>> {
    return decide(invokeCommand(requestId, input, this.nowMs, model), this.state);
  }

  /** Completes a running invocation at this clock (it must be running). */
  complete(requestId: string, outcome: Omit<CompleteInvocationInput, 'requestId'>): Scenario {
    return this.runCommand({
      type: 'CompleteInvocation',
      input: { requestId, ...outcome },
      meta: { now: this.nowMs, requestId: `complete-${requestId}` },
    });
  }

  /** Moves the clock by `ms` and applies every transition that came due. */
  advance(ms: number): Scenario {
    const to = this.nowMs + ms;
    const decided = decide(
      { type: 'AdvanceClock', input: { to }, meta: { now: to, requestId: 'clock' } },
      this.state,
    );
    const events = decided._tag === 'Right' ? decided.right : [];
    return new Scenario(evolveAll(this.state, events), [...this.log, ...events], to);
  }

  /** Creates a zip function and lets it become Active. */
  withFunction(name: string, overrides: Partial<InputOf<'CreateFunction'>> = {}): Scenario {
    return this.run('CreateFunction', createFunctionInput(name, overrides)).advance(1_000);
  }

  /** Changes `$LATEST` (a new description) and publishes it, letting the update settle first. */
  withPublishedVersion(name: string, description = `change ${String(this.log.length)}`): Scenario {
    return this.run('UpdateFunctionConfiguration', { FunctionName: name, Description: description })
      .advance(1_000)
      .run('PublishVersion', { FunctionName: name });
  }

  /** Decides one command against this state at this scenario's clock. */
  when<T extends CommandType>(
    type: T,
    input: InputOf<T>,
  ): Either<AwsError, ReadonlyArray<LambdaEvent>> {
    return decide(command(type, input, this.nowMs), this.state);
  }
}

/** An empty account at `T0` (settings as given, defaults otherwise). */
export const given = (settings: LambdaSettingsInput = {}): Scenario =>
  new Scenario(initialState(settings), [], T0);

/** RevisionIds are opaque UUIDs (spec control-plane §2.2). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** AWS's 412 text for a RevisionId that is not the current one (spec control-plane §5.3). */
export const REVISION_MISMATCH =
  'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id';

const withVersionsBuilt = new Map<number, Scenario>();

/**
 * An Active function `f` with `count` published versions (same role, no DLQ). Each count is built
 * once and shared: scenarios are immutable values.
 */
export function functionWithVersions(count: number): Scenario {
  const cached = withVersionsBuilt.get(count);
  if (cached !== undefined) return cached;
  const scenario =
    count === 0
      ? given().withFunction('f')
      : functionWithVersions(count - 1).withPublishedVersion('f');
  withVersionsBuilt.set(count, scenario);
  return scenario;
}

/** Asserts a rejection with this exception, status and (when given) exact message; returns it. */
export function expectError<E extends AwsError['_tag']>(
  result: Either<AwsError, unknown>,
  tag: E,
  message?: string,
): Extract<AwsError, { _tag: E }> {
  if (result._tag === 'Right')
    return expect.fail(`expected ${tag}, got ${JSON.stringify(result.right)}`);
  expect(result.left._tag).toBe(tag);
  expect(result.left.type).toBe('User');
  if (message !== undefined) expect(result.left.message).toBe(message);
  return result.left as Extract<AwsError, { _tag: E }>;
}

/** Asserts success and returns the value. */
export function expectRight<A>(result: Either<AwsError, A>): A {
  if (result._tag === 'Left')
    return expect.fail(`expected success, got ${result.left._tag}: ${result.left.message}`);
  return result.right;
}

/** The event types, in order. */
export const typesOf = (events: ReadonlyArray<LambdaEvent>): ReadonlyArray<string> =>
  events.map((e) => e.type);

/**
 * Asserts that an event has no value for an optional member: `undefined` in memory (the model
 * builds every member, see src/invocation/events.ts) and absent from its stored, JSON form.
 */
export function expectNoMember(event: LambdaEvent | undefined, member: string): void {
  expect(event).toBeDefined();
  expect((event as unknown as Record<string, unknown>)[member]).toBeUndefined();
  expect(JSON.parse(JSON.stringify(event))).not.toHaveProperty(member);
}
