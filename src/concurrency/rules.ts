/**
 * The rules the concurrency operations share: which function a request names, and the account's
 * minimum unreserved concurrency (spec invocation §3.2, §3.3).
 *
 * @module
 */
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionNotFound, invalidParameterValue, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { violation, type Violation } from '../kernel/validation.js';
import { present } from '../kernel/assert.js';
import type { AliasRecord } from '../aliases/state.js';
import type { LambdaState } from '../lambda.js';

/**
 * Reserved concurrency applies to the function as a whole, so a version or alias is refused,
 * `$LATEST` included (AWS's text, spec invocation §3.3).
 */
const QUALIFIED_NAME_REFUSED =
  'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.';

/**
 * The existing function a concurrency operation names: validation (with the request's other
 * violations), then a qualified name refused, then 404 with the unqualified ARN.
 */
export function concurrencyFunction(
  state: LambdaState,
  rawName: string,
  violations: ReadonlyArray<Violation> = [],
): Either<AwsError, string> {
  const resolved = resolveFunctionName(
    state.settings.account,
    rawName,
    'FunctionName',
    undefined,
    violations,
  );
  if (isLeft(resolved)) return resolved;
  const { name, qualifier } = resolved.right;
  if (qualifier !== undefined) return left(invalidParameterValue(QUALIFIED_NAME_REFUSED));
  if (entryOf(state.functions.byName, name) === undefined) {
    return left(functionNotFound(functionArn(state.settings.account, name)));
  }
  return right(name);
}

/**
 * The concurrency the account always keeps for functions that reserve nothing: 100, or the whole
 * limit when the limit is lower. AWS's errors quote `[100]`, `[50]` and `[10]`; the rule
 * `min(100, limit)` is the spec's inference from them (model, spec invocation §3.2).
 */
export function minimumUnreserved(state: LambdaState): number {
  return Math.min(100, state.settings.concurrentExecutionsLimit);
}

/** What a provisioned-concurrency request names, once resolved. */
export interface ProvisionedTarget {
  readonly functionName: string;
  readonly qualifier: string;
  /** The version provisioned: the qualifier, or the alias's version. */
  readonly version: string;
  /** The alias, when the qualifier is one. */
  readonly alias?: AliasRecord;
}

/**
 * The version or alias a provisioned-concurrency operation names (spec invocation §3.4):
 * validation (with the request's other violations), the function, `$LATEST` refused with the
 * operation's own message, then the version or alias.
 */
export function provisionedTarget(
  state: LambdaState,
  rawName: string,
  rawQualifier: string | undefined,
  latestMessage: string,
  violations: ReadonlyArray<Violation> = [],
): Either<AwsError, ProvisionedTarget> {
  const account = state.settings.account;
  const qualifierViolations = rawQualifier === undefined ? [violation.notNull('qualifier')] : [];
  const resolved = resolveFunctionName(account, rawName, 'FunctionName', rawQualifier, [
    ...qualifierViolations,
    ...violations,
  ]);
  if (isLeft(resolved)) return resolved;
  const { name, qualifier } = resolved.right;
  if (entryOf(state.functions.byName, name) === undefined) {
    return left(functionNotFound(functionArn(account, name)));
  }
  // The qualifier was checked non-null above.
  const named = present(qualifier, 'qualifier');
  if (named === '$LATEST') return left(invalidParameterValue(latestMessage));
  const alias = entryOf(state.aliases.byFunction, name)?.[named];
  if (alias !== undefined) {
    return right({ functionName: name, qualifier: named, version: alias.functionVersion, alias });
  }
  if (entryOf(state.versions.byFunction, name)?.published[named] === undefined) {
    return left(functionNotFound(functionArn(account, name, named)));
  }
  return right({ functionName: name, qualifier: named, version: named });
}
