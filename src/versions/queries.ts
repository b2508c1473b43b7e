/**
 * Reads of the versions domain: ListVersionsByFunction (spec control-plane §2.6).
 *
 * @module
 */
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionNotFound, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { maxItemsViolations, paginate, versionSortKey } from '../kernel/pagination.js';
import type { LambdaState } from '../lambda.js';
import { functionConfiguration, type FunctionConfiguration } from '../functions/queries.js';

/** ListVersionsByFunction request. */
export interface ListVersionsByFunctionRequest {
  readonly FunctionName: string;
  readonly Marker?: string;
  readonly MaxItems?: number;
}

/** ListVersionsByFunction response. */
export interface ListVersionsByFunctionResponse {
  readonly Versions: ReadonlyArray<FunctionConfiguration>;
  readonly NextMarker?: string;
}

/**
 * ListVersionsByFunction: `$LATEST` first (ARN `…:$LATEST`), then the published versions in
 * ascending order, 50 a page; a missing function is a 404 (spec control-plane §2.6, §8 moto 8).
 */
export function listVersionsByFunction(
  state: LambdaState,
  input: ListVersionsByFunctionRequest,
): Either<AwsError, ListVersionsByFunctionResponse> {
  const account = state.settings.account;
  const resolved = resolveFunctionName(
    account,
    input.FunctionName,
    'NamespacedFunctionName',
    undefined,
    maxItemsViolations(input.MaxItems),
  );
  if (isLeft(resolved)) return resolved;
  const name = resolved.right.name;
  const fn = entryOf(state.functions.byName, name);
  if (fn === undefined) return left(functionNotFound(functionArn(account, name)));
  const records = [
    { version: '$LATEST', record: fn.latest },
    ...Object.entries(entryOf(state.versions.byFunction, name)?.published ?? {}).map(
      ([version, record]) => ({ version, record }),
    ),
  ];
  const page = paginate(
    records,
    (entry) => versionSortKey(entry.version),
    input.Marker,
    input.MaxItems,
  );
  if (isLeft(page)) return page;
  return right({
    Versions: page.right.items.map(({ version, record }) =>
      functionConfiguration(state, name, record, {
        version,
        arn: functionArn(account, name, version),
        forList: true,
      }),
    ),
    ...(page.right.nextMarker === undefined ? {} : { NextMarker: page.right.nextMarker }),
  });
}
