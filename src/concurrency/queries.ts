/**
 * Reads of the concurrency slice, in AWS's response shapes (spec invocation §3.2–§3.4).
 *
 * @module
 */
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import {
  functionNotFound,
  provisionedConcurrencyConfigNotFound,
  type AwsError,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { paginate, versionSortKey } from '../kernel/pagination.js';
import { lambdaTimestamp } from '../kernel/time.js';
import { checkRange } from '../kernel/validation.js';
import type { LambdaState } from '../lambda.js';
import type {
  FunctionConcurrencyRequest,
  ProvisionedConcurrencyConfigRequest,
} from './commands.js';
import { PROVISIONED_LATEST_READ } from './decide.js';
import { concurrencyFunction, provisionedTarget } from './rules.js';
import { reservationOf, type ProvisionedConcurrencyConfig } from './state.js';
import { isVersionNumber } from '../kernel/ids.js';

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
    // Reservations and the provisioned concurrency of functions without one both come out of
    // the unreserved pool (spec invocation §3.2).
    UnreservedConcurrentExecutions: Math.max(
      0,
      limit - state.concurrency.totalReserved - state.concurrency.provisionedWithoutReservation,
    ),
  };
}

/** A function's reservation, if it has one. */
export function reservedConcurrency(state: LambdaState, functionName: string): number | undefined {
  return reservationOf(state.concurrency, functionName);
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

/** `GetProvisionedConcurrencyConfig` response (and the Put response, with status 202). */
export interface ProvisionedConcurrencyConfigResponse {
  readonly RequestedProvisionedConcurrentExecutions: number;
  readonly AvailableProvisionedConcurrentExecutions: number;
  readonly AllocatedProvisionedConcurrentExecutions: number;
  readonly Status: 'IN_PROGRESS' | 'READY' | 'FAILED';
  readonly StatusReason?: string;
  readonly LastModified: string;
}

/** One entry of `ListProvisionedConcurrencyConfigs`: the config and its qualified ARN. */
export interface ProvisionedConcurrencyConfigListItem extends ProvisionedConcurrencyConfigResponse {
  readonly FunctionArn: string;
}

/** `ListProvisionedConcurrencyConfigs` request. */
export interface ListProvisionedConcurrencyConfigsRequest {
  readonly FunctionName: string;
  readonly Marker?: string;
  /** 1–50. */
  readonly MaxItems?: number;
}

/** `ListProvisionedConcurrencyConfigs` response. */
export interface ListProvisionedConcurrencyConfigsResponse {
  readonly ProvisionedConcurrencyConfigs: ReadonlyArray<ProvisionedConcurrencyConfigListItem>;
  readonly NextMarker?: string;
}

/**
 * A config as AWS shows it: `IN_PROGRESS` with 0 allocated and available until the whole request
 * is allocated, then `READY` with both equal to the request (spec invocation §3.4).
 */
export function provisionedConfigResponse(
  config: ProvisionedConcurrencyConfig,
): ProvisionedConcurrencyConfigResponse {
  return {
    RequestedProvisionedConcurrentExecutions: config.requested,
    AvailableProvisionedConcurrentExecutions: config.allocated,
    AllocatedProvisionedConcurrentExecutions: config.allocated,
    Status: config.status,
    LastModified: lambdaTimestamp(config.lastModifiedMs),
  };
}

/**
 * GetProvisionedConcurrencyConfig: `$LATEST` is refused, a missing version or alias is 404, and a
 * qualifier without a config is 404 `ProvisionedConcurrencyConfigNotFoundException`.
 */
export function getProvisionedConcurrencyConfig(
  state: LambdaState,
  input: ProvisionedConcurrencyConfigRequest,
): Either<AwsError, ProvisionedConcurrencyConfigResponse> {
  const target = provisionedTarget(
    state,
    input.FunctionName,
    (input as { readonly Qualifier?: string }).Qualifier,
    PROVISIONED_LATEST_READ,
  );
  if (isLeft(target)) return target;
  const config = entryOf(state.concurrency.provisionedByFunction, target.right.functionName)?.[
    target.right.qualifier
  ];
  if (config === undefined) return left(provisionedConcurrencyConfigNotFound());
  return right(provisionedConfigResponse(config));
}

/** ListProvisionedConcurrencyConfigs: the function's configs, versions first, then aliases. */
export function listProvisionedConcurrencyConfigs(
  state: LambdaState,
  input: ListProvisionedConcurrencyConfigsRequest,
): Either<AwsError, ListProvisionedConcurrencyConfigsResponse> {
  const account = state.settings.account;
  const resolved = resolveFunctionName(
    account,
    input.FunctionName,
    'FunctionName',
    undefined,
    input.MaxItems === undefined ? [] : checkRange('maxItems', input.MaxItems, { min: 1, max: 50 }),
  );
  if (isLeft(resolved)) return resolved;
  const name = resolved.right.name;
  if (entryOf(state.functions.byName, name) === undefined) {
    return left(functionNotFound(functionArn(account, name)));
  }
  // Versions sort numerically before aliases; an alias name is never all digits.
  const sortKey = (config: ProvisionedConcurrencyConfig): string =>
    isVersionNumber(config.qualifier)
      ? `0${versionSortKey(config.qualifier)}`
      : `1${config.qualifier}`;
  const configs = Object.values(entryOf(state.concurrency.provisionedByFunction, name) ?? {}).sort(
    (a, b) => (sortKey(a) < sortKey(b) ? -1 : 1),
  );
  const page = paginate(configs, sortKey, input.Marker, input.MaxItems);
  if (isLeft(page)) return page;
  return right({
    ProvisionedConcurrencyConfigs: page.right.items.map((config) => ({
      FunctionArn: functionArn(account, name, config.qualifier),
      ...provisionedConfigResponse(config),
    })),
    ...(page.right.nextMarker === undefined ? {} : { NextMarker: page.right.nextMarker }),
  });
}
