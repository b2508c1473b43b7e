/**
 * The Invoke response in AWS's shape (botocore `InvocationResponse`, spec invocation §1.2–§1.3).
 *
 * @module
 */
import { wideEntryOf } from '../kernel/dictionary.js';
import type { LambdaState } from '../lambda.js';
import type { InvocationCompleted, InvocationStarted } from './events.js';

/** `Invoke` response. */
export interface InvocationResponse {
  /** 200 for `RequestResponse` (also on a function error), 202 for `Event`, 204 for `DryRun`. */
  readonly StatusCode: 200 | 202 | 204;
  /** The version that ran; absent for `Event` and `DryRun`. */
  readonly ExecutedVersion?: string;
  /** `Unhandled` on every function error, timeouts included (spec invocation §1.3). */
  readonly FunctionError?: 'Unhandled';
  /** The handler's JSON, or the error document; empty for `Event` and `DryRun`. */
  readonly Payload: string;
}

/** The synchronous response of a completed invocation: always 200. */
export function invocationResponse(completed: InvocationCompleted): InvocationResponse {
  return {
    StatusCode: 200,
    ExecutedVersion: completed.executedVersion,
    ...(completed.outcome === 'Success' ? {} : { FunctionError: 'Unhandled' as const }),
    Payload: completed.responsePayload,
  };
}

/** The invocation running under a request id, as it started, if it is still running. */
export function runningInvocation(
  state: LambdaState,
  requestId: string,
): InvocationStarted | undefined {
  return wideEntryOf(state.invocation.running, requestId);
}
