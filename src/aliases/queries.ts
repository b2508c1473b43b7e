/**
 * Reads of the aliases domain: GetAlias, ListAliases, and which aliases reference a version
 * (spec control-plane §4.1).
 *
 * @module
 */
import { functionArn } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionNotFound, resourceNotFound, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { maxItemsViolations, paginate } from '../kernel/pagination.js';
import type { LambdaState } from '../lambda.js';
import { functionLevelName } from '../functions/decide.js';
import { aliasArn, aliasNameViolations, functionVersionViolations } from './rules.js';
import type { AliasRecord } from './state.js';

/** `AliasConfiguration`, the response shape of the alias operations. */
export interface AliasConfiguration {
  readonly AliasArn: string;
  readonly Name: string;
  readonly FunctionVersion: string;
  readonly Description: string;
  /** Omitted when the alias has no routing (spec control-plane §4.1). */
  readonly RoutingConfig?: { readonly AdditionalVersionWeights: Readonly<Record<string, number>> };
  readonly RevisionId: string;
}

/** Renders a stored alias as AWS's `AliasConfiguration`. */
export function aliasConfiguration(
  state: LambdaState,
  functionName: string,
  alias: AliasRecord,
): AliasConfiguration {
  return {
    AliasArn: aliasArn(state.settings.account, functionName, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(alias.additionalVersionWeights === undefined
      ? {}
      : { RoutingConfig: { AdditionalVersionWeights: { ...alias.additionalVersionWeights } } }),
    RevisionId: alias.revisionId,
  };
}

/** The names of the aliases that route to `version`, as primary or as additional version. */
export function aliasesReferencing(
  state: LambdaState,
  functionName: string,
  version: string,
): string[] {
  return Object.values(entryOf(state.aliases.byFunction, functionName) ?? {})
    .filter(
      (alias) =>
        alias.functionVersion === version ||
        alias.additionalVersionWeights?.[version] !== undefined,
    )
    .map((alias) => alias.name)
    .sort();
}

/** GetAlias request. */
export interface GetAliasRequest {
  readonly FunctionName: string;
  readonly Name: string;
}

/** GetAlias: 404 `Cannot find alias arn: …` when the alias is missing (spec control-plane §4.1). */
export function getAlias(
  state: LambdaState,
  input: GetAliasRequest,
): Either<AwsError, AliasConfiguration> {
  const name = functionLevelName(state, input.FunctionName, aliasNameViolations(input.Name));
  if (isLeft(name)) return name;
  const account = state.settings.account;
  const aliases = entryOf(state.aliases.byFunction, name.right);
  if (aliases === undefined) return left(functionNotFound(functionArn(account, name.right)));
  const alias = aliases[input.Name];
  if (alias === undefined)
    return left(
      resourceNotFound(`Cannot find alias arn: ${aliasArn(account, name.right, input.Name)}`),
    );
  return right(aliasConfiguration(state, name.right, alias));
}

/** ListAliases request. */
export interface ListAliasesRequest {
  readonly FunctionName: string;
  readonly FunctionVersion?: string;
  readonly Marker?: string;
  readonly MaxItems?: number;
}

/** ListAliases response. */
export interface ListAliasesResponse {
  readonly Aliases: ReadonlyArray<AliasConfiguration>;
  readonly NextMarker?: string;
}

/**
 * ListAliases, optionally only the aliases whose primary version is `FunctionVersion`
 * (spec control-plane §4.1). The model orders aliases by name, 50 a page.
 */
export function listAliases(
  state: LambdaState,
  input: ListAliasesRequest,
): Either<AwsError, ListAliasesResponse> {
  const name = functionLevelName(state, input.FunctionName, [
    ...functionVersionViolations(input.FunctionVersion),
    ...maxItemsViolations(input.MaxItems),
  ]);
  if (isLeft(name)) return name;
  const aliases = entryOf(state.aliases.byFunction, name.right);
  if (aliases === undefined)
    return left(functionNotFound(functionArn(state.settings.account, name.right)));
  const matching = Object.values(aliases)
    .filter(
      (alias) =>
        input.FunctionVersion === undefined || alias.functionVersion === input.FunctionVersion,
    )
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const page = paginate(matching, (alias) => alias.name, input.Marker, input.MaxItems);
  if (isLeft(page)) return page;
  return right({
    Aliases: page.right.items.map((alias) => aliasConfiguration(state, name.right, alias)),
    ...(page.right.nextMarker === undefined ? {} : { NextMarker: page.right.nextMarker }),
  });
}
