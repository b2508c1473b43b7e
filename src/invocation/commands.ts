/**
 * Invoke, with the AWS request shape (botocore `InvocationRequest`, spec invocation §1.1), and the
 * internal command that reports how an execution ended — the model runs no code, so the outcome
 * is an input (DESIGN §1).
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** `InvocationType`: synchronous (the default), asynchronous, or a parameter check. */
export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';

/** `Invoke` request. */
export interface InvocationRequest {
  readonly FunctionName: string;
  /** Default `RequestResponse`. */
  readonly InvocationType?: InvocationType;
  /** `None` or `Tail`; the model keeps no logs, so `Tail` returns no `LogResult`. */
  readonly LogType?: 'None' | 'Tail';
  /** Base64 data for the function's context, at most 3,583 bytes (spec invocation §1.1). */
  readonly ClientContext?: string;
  /** The event, as JSON text. Absent means an empty payload. */
  readonly Payload?: string;
  /** A version, an alias or `$LATEST`; absent means `$LATEST` (spec invocation §2). */
  readonly Qualifier?: string;
}

/** What the caller's world decides for one Invoke, because `src/` draws nothing itself. */
export interface InvokeModelInput {
  /**
   * A uniform draw in [0, 1) that picks the version of a weighted alias: the additional version
   * runs when the draw is below its weight. Without it the model's seeded PRNG draws.
   */
  readonly routingDraw?: number;
  /** The init duration if this invocation starts an environment; default the setting. */
  readonly initDurationMs?: number;
  /**
   * For an `Event` invocation made by a Lambda destination: how deep in the chain it is (the
   * follow-up commands of `react` set it; spec invocation §5.11). Default 0.
   */
  readonly chainDepth?: number;
}

/** Invokes a function (spec invocation §1). */
export interface Invoke extends Command<'Invoke', InvocationRequest> {
  readonly model?: InvokeModelInput;
}

/** A function error as the runtime reports it (spec invocation §1.3). */
export interface FunctionErrorInput {
  readonly errorType: string;
  readonly errorMessage: string;
  readonly stackTrace?: ReadonlyArray<string>;
}

/** How one running invocation ended. */
export interface CompleteInvocationInput {
  /** The request id of the Invoke that started it. */
  readonly requestId: string;
  /**
   * How long the handler ran, in ms (fractions allowed, as in a REPORT line). Longer than the
   * function's `Timeout` means the model ends it as a timeout at exactly the timeout.
   */
  readonly durationMs: number;
  /** The handler's response as JSON text; absent means `null`. */
  readonly response?: string;
  /** Present when the handler failed. */
  readonly functionError?: FunctionErrorInput;
}

/** Ends a running invocation with its outcome, at `meta.now`. */
export type CompleteInvocation = Command<'CompleteInvocation', CompleteInvocationInput>;

/** The commands of the invocation module. */
export type InvocationCommand = Invoke | CompleteInvocation;
