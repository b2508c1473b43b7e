/**
 * Which version an Invoke runs (spec invocation §2, control-plane §4.3): no qualifier or
 * `$LATEST` runs `$LATEST`; a number runs that version; an alias runs its primary version, or its
 * additional version with probability equal to the weight, drawn once per invocation.
 *
 * @module
 */
import type { AliasRecord } from '../aliases/state.js';
import { functionArn } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionNotFound, type ResourceNotFoundException } from '../kernel/errors.js';
import { left, right, type Either } from '../kernel/fp.js';
import { drawFrom } from '../kernel/random.js';
import { versionRecord } from '../functions/queries.js';
import type { FunctionVersionRecord } from '../functions/state.js';
import type { LambdaState } from '../lambda.js';

/** The function and qualifier an Invoke names, once both exist. */
export interface InvokeTarget {
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly alias: AliasRecord | undefined;
  /** The function's `$LATEST`, found when its existence was checked (routing may pick it). */
  readonly latest: FunctionVersionRecord;
}

/** The version chosen for one invocation. */
export interface RoutedVersion {
  readonly executedVersion: string;
  readonly record: FunctionVersionRecord;
  /** The PRNG state after the draw, when the model drew. */
  readonly routingStateAfter: number | undefined;
}

/**
 * Finds what an Invoke names. A missing function or qualifier is 404 with the qualified ARN;
 * an unqualified Invoke of a missing function names `:$LATEST` (spec control-plane §1.4).
 */
export function invokeTarget(
  state: LambdaState,
  functionName: string,
  qualifier: string | undefined,
): Either<ResourceNotFoundException, InvokeTarget> {
  const notFound = (): ResourceNotFoundException =>
    functionNotFound(functionArn(state.settings.account, functionName, qualifier ?? '$LATEST'));
  const latest = entryOf(state.functions.byName, functionName)?.latest;
  if (latest === undefined) return left(notFound());
  if (qualifier === undefined || qualifier === '$LATEST') {
    return right({ functionName, qualifier, alias: undefined, latest });
  }
  const alias = entryOf(state.aliases.byFunction, functionName)?.[qualifier];
  if (alias !== undefined) return right({ functionName, qualifier, alias, latest });
  // Qualifiers are case-sensitive: `$latest` names nothing (spec control-plane §1.4).
  if (entryOf(state.versions.byFunction, functionName)?.published[qualifier] === undefined) {
    return left(notFound());
  }
  return right({ functionName, qualifier, alias: undefined, latest });
}

/**
 * Picks the version: for a weighted alias the additional version runs when the draw is below its
 * weight. The draw is the command's, or the model PRNG's next one.
 */
export function routeVersion(
  state: LambdaState,
  target: InvokeTarget,
  suppliedDraw: number | undefined,
): RoutedVersion | undefined {
  const { functionName, alias } = target;
  let version = alias?.functionVersion ?? target.qualifier ?? '$LATEST';
  let routingStateAfter: number | undefined;
  const weights = alias?.additionalVersionWeights;
  // An alias has at most one additional version (spec control-plane §4.3). Found with `for…in`,
  // which allocates nothing, where `Object.keys` would build an array on every invoke.
  let additional: string | undefined;
  for (const name in weights) {
    additional = name;
    break;
  }
  const weight = additional === undefined ? undefined : weights?.[additional];
  if (additional !== undefined && weight !== undefined) {
    let draw = suppliedDraw;
    if (draw === undefined) {
      const drawn = drawFrom(state.invocation.routingState);
      draw = drawn.value;
      routingStateAfter = drawn.nextState;
    }
    if (draw < weight) version = additional;
  }
  const record =
    version === '$LATEST' ? target.latest : versionRecord(state, functionName, version);
  if (record === undefined) return undefined;
  return { executedVersion: version, record, routingStateAfter };
}
