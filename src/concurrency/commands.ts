/**
 * The reserved- and provisioned-concurrency operations as commands, with the AWS request shapes (botocore
 * `lambda/2015-03-31`; spec invocation §3.3, §3.4).
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

/** `PutProvisionedConcurrencyConfig` request (spec invocation §3.4). */
export interface PutProvisionedConcurrencyConfigRequest {
  readonly FunctionName: string;
  /** A published version number or an alias; never `$LATEST`. */
  readonly Qualifier: string;
  /** Required, ≥ 1. */
  readonly ProvisionedConcurrentExecutions: number;
}

/** `GetProvisionedConcurrencyConfig` and `DeleteProvisionedConcurrencyConfig` request. */
export interface ProvisionedConcurrencyConfigRequest {
  readonly FunctionName: string;
  readonly Qualifier: string;
}

/** Asks for pre-initialised environments for a version or an alias (202, `IN_PROGRESS`). */
export type PutProvisionedConcurrencyConfig = Command<
  'PutProvisionedConcurrencyConfig',
  PutProvisionedConcurrencyConfigRequest
>;
/** Removes a version's or alias's provisioned concurrency. */
export type DeleteProvisionedConcurrencyConfig = Command<
  'DeleteProvisionedConcurrencyConfig',
  ProvisionedConcurrencyConfigRequest
>;

/** The commands of the concurrency module. */
export type ConcurrencyCommand =
  | PutFunctionConcurrency
  | DeleteFunctionConcurrency
  | PutProvisionedConcurrencyConfig
  | DeleteProvisionedConcurrencyConfig;
