/**
 * A stateful convenience for notebooks, demos and tests: it holds the state, the event log and a
 * clock, stamps each call with the clock and a sequential request id, and otherwise only forwards
 * to `operations`. It adds no rule of its own.
 *
 * @module
 */
import type { AwsError } from '../kernel/errors.js';
import { isLeft, type Either } from '../kernel/fp.js';
import type { LambdaSettingsInput } from '../kernel/settings.js';
import {
  decide,
  evolveAll,
  initialState,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../lambda.js';
import type { InvocationRequest } from '../invocation/commands.js';
import type { InvocationResponse } from '../invocation/queries.js';
import {
  operations,
  type AwsResponse,
  type InvokeOptions,
  type OperationName,
  type RunningInvocationResponse,
} from './operations.js';

type Operation<N extends OperationName> = (typeof operations)[N];
type InputOf<N extends OperationName> = Parameters<Operation<N>>[1];
type BodyOf<N extends OperationName> =
  ReturnType<Operation<N>>['result'] extends Either<AwsError, AwsResponse<infer B>> ? B : never;

/**
 * A Lambda account you can call like the SDK, with a clock you move by hand.
 *
 * @example
 * ```ts
 * const twin = new LambdaTwin();
 * twin.call('CreateFunction', { FunctionName: 'f', Role: role, Runtime: 'nodejs22.x',
 *   Handler: 'index.handler', Code: { ZipFile: zip } });
 * twin.advance(1_000); // the function becomes Active
 * twin.call('PublishVersion', { FunctionName: 'f' });
 * ```
 */
export class LambdaTwin {
  #state: LambdaState;
  #log: LambdaEvent[] = [];
  #nowMs: number;
  #requests = 0;

  /**
   * @param settings - model settings and account (see `LambdaSettings`).
   * @param startMs - the clock's start, in epoch ms (default 2026-01-01T00:00:00Z).
   */
  constructor(settings: LambdaSettingsInput = {}, startMs = 1_767_225_600_000) {
    this.#state = initialState(settings);
    this.#nowMs = startMs;
  }

  /** The current model state. */
  get state(): LambdaState {
    return this.#state;
  }

  /** Every event recorded so far, oldest first. */
  get log(): ReadonlyArray<LambdaEvent> {
    return this.#log;
  }

  /** The clock, in epoch ms. */
  get now(): number {
    return this.#nowMs;
  }

  /**
   * Moves the clock forward by `ms` and records every transition that came due. The model refuses
   * a time that is not an integer number of milliseconds and never moves its clock back, so such an
   * advance leaves the twin's clock where it was, and later calls keep working.
   */
  advance(ms: number): ReadonlyArray<LambdaEvent> {
    const to = this.#nowMs + ms;
    const decided = decide(
      { type: 'AdvanceClock', input: { to }, meta: this.#meta() },
      this.#state,
    );
    if (isLeft(decided)) return [];
    this.#nowMs = Math.max(this.#nowMs, to);
    this.#record(decided.right);
    return decided.right;
  }

  /** Calls an AWS operation by name at the current clock; AWS's answer or error comes back. */
  call<N extends OperationName>(
    name: N,
    input: InputOf<N>,
  ): Either<AwsError, AwsResponse<BodyOf<N>>> {
    const operation = operations[name] as (
      state: LambdaState,
      input: InputOf<N>,
      meta: { now: number; requestId: string },
    ) => {
      state: LambdaState;
      events: ReadonlyArray<LambdaEvent>;
      result: Either<AwsError, AwsResponse<BodyOf<N>>>;
    };
    const outcome = operation(this.#state, input, this.#meta());
    this.#state = outcome.state;
    this.#log.push(...outcome.events);
    return outcome.result;
  }

  /**
   * Invokes at the current clock. With `options.outcome`, a synchronous call runs to completion:
   * the twin's clock moves to its end and AWS's full response comes back.
   */
  invoke(
    input: InvocationRequest,
    options: InvokeOptions = {},
  ): Either<AwsError, AwsResponse<InvocationResponse | RunningInvocationResponse>> {
    const meta = this.#meta();
    const outcome = operations.Invoke(this.#state, input, meta, options);
    this.#state = outcome.state;
    this.#log.push(...outcome.events);
    this.#nowMs = Math.max(this.#nowMs, this.#state.clockMs);
    return outcome.result;
  }

  /**
   * Decides and records any command as it is — for example a follow-up that `Async.react`
   * returned; the AWS error comes back on a refusal, and nothing is recorded then.
   */
  submit(command: LambdaCommand): Either<AwsError, ReadonlyArray<LambdaEvent>> {
    const decided = decide(command, this.#state);
    if (isLeft(decided)) return decided;
    this.#record(decided.right);
    this.#nowMs = Math.max(this.#nowMs, this.#state.clockMs);
    return decided;
  }

  #meta(): { now: number; requestId: string } {
    this.#requests += 1;
    return { now: this.#nowMs, requestId: `req-${String(this.#requests).padStart(6, '0')}` };
  }

  #record(events: ReadonlyArray<LambdaEvent>): void {
    if (events.length === 0) return;
    this.#state = evolveAll(this.#state, events);
    this.#log.push(...events);
  }
}
