/**
 * The reserved-concurrency operations as commands, with the AWS request shapes (botocore
 * `lambda/2015-03-31`; spec invocation §3.3).
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** `PutFunctionConcurrency` request. */
export interface PutFunctionConcurrencyRequest {
  readonly FunctionName: string;
  /** Required, ≥ 0; 0 throttles every invocation of the function. */
  readonly ReservedConcurrentExecutions: number;
}

/** `GetFunctionConcurrency` and `DeleteFunctionConcurrency` request. */
export interface FunctionConcurrencyRequest {
  readonly FunctionName: string;
}

/** Reserves concurrency for the function as a whole (every version and `$LATEST` share it). */
export type PutFunctionConcurrency = Command<
  'PutFunctionConcurrency',
  PutFunctionConcurrencyRequest
>;
/** Removes the reservation: the function returns to the unreserved pool. */
export type DeleteFunctionConcurrency = Command<
  'DeleteFunctionConcurrency',
  FunctionConcurrencyRequest
>;

/** The commands of the concurrency module. */
export type ConcurrencyCommand = PutFunctionConcurrency | DeleteFunctionConcurrency;
