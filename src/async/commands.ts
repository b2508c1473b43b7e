/**
 * The EventInvokeConfig operations, with the AWS request shapes (botocore `lambda/2015-03-31`,
 * spec invocation §5.5).
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** `DestinationConfig`: where invocation records go (spec invocation §5.7). */
export interface DestinationConfigInput {
  readonly OnSuccess?: { readonly Destination?: string };
  readonly OnFailure?: { readonly Destination?: string };
}

/** `PutFunctionEventInvokeConfig` and `UpdateFunctionEventInvokeConfig` request. */
export interface FunctionEventInvokeConfigRequest {
  readonly FunctionName: string;
  /** A version, an alias or `$LATEST`; absent means `$LATEST`. */
  readonly Qualifier?: string;
  /** 0–2; default 2. */
  readonly MaximumRetryAttempts?: number;
  /** 60–21,600; default 21,600. */
  readonly MaximumEventAgeInSeconds?: number;
  readonly DestinationConfig?: DestinationConfigInput;
}

/** `GetFunctionEventInvokeConfig` and `DeleteFunctionEventInvokeConfig` request. */
export interface FunctionEventInvokeConfigKey {
  readonly FunctionName: string;
  readonly Qualifier?: string;
}

/** Sets the whole config: members left out are removed (spec invocation §5.5). */
export type PutFunctionEventInvokeConfig = Command<
  'PutFunctionEventInvokeConfig',
  FunctionEventInvokeConfigRequest
>;
/** Changes the members given and keeps the others (spec invocation §5.5). */
export type UpdateFunctionEventInvokeConfig = Command<
  'UpdateFunctionEventInvokeConfig',
  FunctionEventInvokeConfigRequest
>;
/** Removes the config of one qualifier. */
export type DeleteFunctionEventInvokeConfig = Command<
  'DeleteFunctionEventInvokeConfig',
  FunctionEventInvokeConfigKey
>;

/** The commands of the async module. */
export type AsyncCommand =
  PutFunctionEventInvokeConfig | UpdateFunctionEventInvokeConfig | DeleteFunctionEventInvokeConfig;
