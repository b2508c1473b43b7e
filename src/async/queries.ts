/**
 * Reads of the async slice in AWS's response shapes (spec invocation §5.5), and a view of the
 * internal queue, which AWS shows only through metrics.
 *
 * @module
 */
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { resourceNotFound, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { paginate } from '../kernel/pagination.js';
import { checkRange } from '../kernel/validation.js';
import type { LambdaState } from '../lambda.js';
import type { FunctionEventInvokeConfigKey } from './commands.js';
import { noEventInvokeConfig } from './decide.js';
import { queuedEvents, type EventInvokeConfigRecord } from './state.js';
import { isVersionNumber } from '../kernel/ids.js';

/** `FunctionEventInvokeConfig`: unset numbers omitted, unset destinations `{}` (spec §5.5). */
export interface FunctionEventInvokeConfig {
  /** Epoch seconds, as the REST protocol writes a timestamp. */
  readonly LastModified: number;
  /** Qualified: `:$LATEST` for a config put without a qualifier. */
  readonly FunctionArn: string;
  readonly MaximumRetryAttempts?: number;
  readonly MaximumEventAgeInSeconds?: number;
  readonly DestinationConfig: {
    readonly OnSuccess: { readonly Destination?: string };
    readonly OnFailure: { readonly Destination?: string };
  };
}

/** Renders a stored config. */
export function eventInvokeConfigResponse(
  state: LambdaState,
  functionName: string,
  qualifier: string,
  config: EventInvokeConfigRecord,
): FunctionEventInvokeConfig {
  return {
    LastModified: config.lastModifiedMs / 1_000,
    FunctionArn: functionArn(state.settings.account, functionName, qualifier),
    ...(config.maximumRetryAttempts === undefined
      ? {}
      : { MaximumRetryAttempts: config.maximumRetryAttempts }),
    ...(config.maximumEventAgeInSeconds === undefined
      ? {}
      : { MaximumEventAgeInSeconds: config.maximumEventAgeInSeconds }),
    DestinationConfig: {
      OnSuccess: config.onSuccess === undefined ? {} : { Destination: config.onSuccess },
      OnFailure: config.onFailure === undefined ? {} : { Destination: config.onFailure },
    },
  };
}

function existingFunction(
  state: LambdaState,
  rawName: string,
  qualifier: string | undefined,
  violations: ReadonlyArray<string> = [],
): Either<AwsError, { readonly name: string; readonly qualifier: string | undefined }> {
  const resolved = resolveFunctionName(
    state.settings.account,
    rawName,
    'FunctionName',
    qualifier,
    violations,
  );
  if (isLeft(resolved)) return resolved;
  if (entryOf(state.functions.byName, resolved.right.name) === undefined) {
    return left(resourceNotFound("The function doesn't exist."));
  }
  return right({ name: resolved.right.name, qualifier: resolved.right.qualifier });
}

/** GetFunctionEventInvokeConfig: the qualifier's own config, or 404 (no inheritance). */
export function getFunctionEventInvokeConfig(
  state: LambdaState,
  input: FunctionEventInvokeConfigKey,
): Either<AwsError, FunctionEventInvokeConfig> {
  const target = existingFunction(state, input.FunctionName, input.Qualifier);
  if (isLeft(target)) return target;
  const qualifier = target.right.qualifier ?? '$LATEST';
  const config = entryOf(state.async.configs, target.right.name)?.[qualifier];
  if (config === undefined) return left(noEventInvokeConfig(state, target.right.name, qualifier));
  return right(eventInvokeConfigResponse(state, target.right.name, qualifier, config));
}

/** `ListFunctionEventInvokeConfigs` request. */
export interface ListFunctionEventInvokeConfigsRequest {
  readonly FunctionName: string;
  readonly Marker?: string;
  /** 1–50. */
  readonly MaxItems?: number;
}

/** `ListFunctionEventInvokeConfigs` response. */
export interface ListFunctionEventInvokeConfigsResponse {
  readonly FunctionEventInvokeConfigs: ReadonlyArray<FunctionEventInvokeConfig>;
  readonly NextMarker?: string;
}

/** ListFunctionEventInvokeConfigs: every qualifier's config, `$LATEST` and versions first. */
export function listFunctionEventInvokeConfigs(
  state: LambdaState,
  input: ListFunctionEventInvokeConfigsRequest,
): Either<AwsError, ListFunctionEventInvokeConfigsResponse> {
  const target = existingFunction(
    state,
    input.FunctionName,
    undefined,
    input.MaxItems === undefined ? [] : checkRange('maxItems', input.MaxItems, { min: 1, max: 50 }),
  );
  if (isLeft(target)) return target;
  const name = target.right.name;
  const sortKey = (qualifier: string): string =>
    qualifier === '$LATEST'
      ? '0'
      : isVersionNumber(qualifier)
        ? `1${qualifier.padStart(12, '0')}`
        : `2${qualifier}`;
  const entries = Object.entries(entryOf(state.async.configs, name) ?? {}).sort(([a], [b]) =>
    sortKey(a) < sortKey(b) ? -1 : 1,
  );
  const page = paginate(entries, ([qualifier]) => sortKey(qualifier), input.Marker, input.MaxItems);
  if (isLeft(page)) return page;
  return right({
    FunctionEventInvokeConfigs: page.right.items.map(([qualifier, config]) =>
      eventInvokeConfigResponse(state, name, qualifier, config),
    ),
    ...(page.right.nextMarker === undefined ? {} : { NextMarker: page.right.nextMarker }),
  });
}

/** The internal queue of one function: how many events wait or run, and the oldest's age. */
export interface AsyncQueueView {
  readonly waiting: number;
  readonly running: number;
  /** ms since the oldest accepted event still without an outcome was accepted (0 when none). */
  readonly oldestAgeMs: number;
}

/** The internal queue per function, at the model clock (CloudWatch's `AsyncEventAge` source). */
export function asyncQueue(state: LambdaState): Readonly<Record<string, AsyncQueueView>> {
  const views: Record<string, { waiting: number; running: number; oldestAgeMs: number }> = {};
  for (const event of queuedEvents(state.async)) {
    const view = (views[event.functionName] ??= { waiting: 0, running: 0, oldestAgeMs: 0 });
    if (event.running) view.running += 1;
    else view.waiting += 1;
    view.oldestAgeMs = Math.max(view.oldestAgeMs, state.clockMs - event.enqueuedAtMs);
  }
  return views;
}
