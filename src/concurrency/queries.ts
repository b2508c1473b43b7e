/**
 * Reads of the concurrency slice, in AWS's response shapes (spec invocation §3.2, §3.3).
 *
 * @module
 */
import { entryOf } from '../kernel/dictionary.js';
import type { AwsError } from '../kernel/errors.js';
import { isLeft, right, type Either } from '../kernel/fp.js';
import type { LambdaState } from '../lambda.js';
import type { FunctionConcurrencyRequest } from './commands.js';
import { concurrencyFunction } from './rules.js';

/** `GetFunctionConcurrency` response: `{}` when nothing is reserved. */
export interface GetFunctionConcurrencyResponse {
  readonly ReservedConcurrentExecutions?: number;
}

/** `ConcurrentExecutions` and `UnreservedConcurrentExecutions` of `GetAccountSettings`. */
export function accountConcurrency(state: LambdaState): {
  readonly ConcurrentExecutions: number;
  readonly UnreservedConcurrentExecutions: number;
} {
  const limit = state.settings.concurrentExecutionsLimit;
  return {
    ConcurrentExecutions: limit,
    UnreservedConcurrentExecutions: Math.max(0, limit - state.concurrency.totalReserved),
  };
}

/** A function's reservation, if it has one. */
export function reservedConcurrency(state: LambdaState, functionName: string): number | undefined {
  return entryOf(state.concurrency.reservedByFunction, functionName);
}

/** GetFunctionConcurrency: the reservation, or `{}`; qualified names are refused as on Put. */
export function getFunctionConcurrency(
  state: LambdaState,
  input: FunctionConcurrencyRequest,
): Either<AwsError, GetFunctionConcurrencyResponse> {
  const target = concurrencyFunction(state, input.FunctionName);
  if (isLeft(target)) return target;
  const reserved = reservedConcurrency(state, target.right);
  return right(reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved });
}
