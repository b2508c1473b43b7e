/**
 * Decisions of the aliases domain: CreateAlias, UpdateAlias, DeleteAlias (spec control-plane §4).
 *
 * @module
 */
import { functionArn } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionLevelName } from '../functions/decide.js';
import {
  aliasLimitExceeded,
  invalidParameterValue,
  functionNotFound,
  resourceConflict,
  resourceNotFound,
  revisionIdMismatch,
  type AwsError,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { checkString, type Violation } from '../kernel/validation.js';
import { PROVISIONED_LATEST_PUT } from '../concurrency/decide.js';
import type { Decision, LambdaEvent, LambdaState } from '../lambda.js';
import type { AliasesCommand, CreateAlias, DeleteAlias, UpdateAlias } from './commands.js';
import type { AdditionalVersionWeights } from './events.js';
import {
  aliasArn,
  aliasNameViolations,
  aliasTargetsError,
  effectiveWeights,
  functionVersionViolations,
  routingSizeError,
  routingViolations,
} from './rules.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

/** Decides one aliases-domain command. */
export function decideAliases(command: AliasesCommand, decision: Decision): Result {
  switch (command.type) {
    case 'CreateAlias':
      return createAlias(command, decision);
    case 'UpdateAlias':
      return updateAlias(command, decision);
    case 'DeleteAlias':
      return deleteAlias(command, decision);
  }
}

const descriptionViolations = (description: string | undefined): Violation[] =>
  description === undefined ? [] : checkString('description', description, { max: 256 });

function createAlias(command: CreateAlias, { state, nowMs, nextRevisionId }: Decision): Result {
  const input = command.input;
  const resolved = functionLevelName(state, input.FunctionName, [
    ...aliasNameViolations(input.Name),
    ...functionVersionViolations(input.FunctionVersion),
    ...descriptionViolations(input.Description),
    ...routingViolations(input.RoutingConfig),
  ]);
  if (isLeft(resolved)) return resolved;
  const name = resolved.right;
  const weights = effectiveWeights(input.RoutingConfig);
  const sizeError = routingSizeError(weights);
  if (sizeError !== undefined) return left(sizeError);
  // A missing function is reported with the requested version in the ARN (spec control-plane §4.1).
  const aliases = entryOf(state.aliases.byFunction, name);
  if (aliases === undefined) {
    return left(functionNotFound(functionArn(state.settings.account, name, input.FunctionVersion)));
  }
  const targetsError = aliasTargetsError(state, name, input.FunctionVersion, weights);
  if (targetsError !== undefined) return left(targetsError);
  if (aliases[input.Name] !== undefined) {
    return left(
      resourceConflict(
        `Alias already exists: ${aliasArn(state.settings.account, name, input.Name)}`,
      ),
    );
  }
  if (Object.keys(aliases).length >= state.settings.aliasLimitPerFunction) {
    return left(
      aliasLimitExceeded(
        'You have exceeded the maximum number of aliases allowed per Lambda function.',
      ),
    );
  }
  return right([
    {
      type: 'AliasCreated',
      functionName: name,
      aliasName: input.Name,
      atMs: nowMs,
      functionVersion: input.FunctionVersion,
      description: input.Description ?? '',
      ...withWeights(weights),
      revisionId: nextRevisionId(),
    },
  ]);
}

const withWeights = (
  weights: AdditionalVersionWeights | undefined,
): { additionalVersionWeights?: AdditionalVersionWeights } =>
  weights === undefined ? {} : { additionalVersionWeights: weights };

function updateAlias(command: UpdateAlias, { state, nowMs, nextRevisionId }: Decision): Result {
  const input = command.input;
  const resolved = functionLevelName(state, input.FunctionName, [
    ...aliasNameViolations(input.Name),
    ...functionVersionViolations(input.FunctionVersion),
    ...descriptionViolations(input.Description),
    ...routingViolations(input.RoutingConfig),
  ]);
  if (isLeft(resolved)) return resolved;
  const name = resolved.right;
  const requestedWeights = effectiveWeights(input.RoutingConfig);
  const sizeError = routingSizeError(requestedWeights);
  if (sizeError !== undefined) return left(sizeError);
  const account = state.settings.account;
  const aliases = entryOf(state.aliases.byFunction, name);
  if (aliases === undefined) return left(functionNotFound(functionArn(account, name)));
  const alias = aliases[input.Name];
  if (alias === undefined)
    return left(resourceNotFound(`Alias not found: ${aliasArn(account, name, input.Name)}`));
  if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId)
    return left(revisionIdMismatch());
  // Members left out keep their values; a RoutingConfig (even an empty one) replaces the routing.
  const primary = input.FunctionVersion ?? alias.functionVersion;
  const weights =
    input.RoutingConfig === undefined ? alias.additionalVersionWeights : requestedWeights;
  const targetsError = aliasTargetsError(state, name, primary, weights);
  if (targetsError !== undefined) return left(targetsError);
  const provisionedError = provisionedAliasError(state, name, input.Name, primary, weights);
  if (provisionedError !== undefined) return left(provisionedError);
  // Every accepted update gets a new RevisionId, even with nothing changed (spec control-plane §2.10).
  return right([
    {
      type: 'AliasUpdated',
      functionName: name,
      aliasName: input.Name,
      atMs: nowMs,
      functionVersion: primary,
      description: input.Description ?? alias.description,
      ...withWeights(weights),
      revisionId: nextRevisionId(),
    },
  ]);
}

/**
 * A provisioned alias keeps one version and no weights (spec invocation §3.4): weights get the
 * text AWS gives on Put (observed: it is the same check on UpdateAlias); moving onto a version
 * that has its own config gets the alias-on-a-provisioned-version 409 (model: AWS's text for this
 * case is not recorded).
 */
function provisionedAliasError(
  state: LambdaState,
  functionName: string,
  aliasName: string,
  primary: string,
  weights: Readonly<Record<string, number>> | undefined,
): AwsError | undefined {
  const configs = entryOf(state.concurrency.provisionedByFunction, functionName);
  if (configs?.[aliasName] === undefined) return undefined;
  if (weights !== undefined && Object.keys(weights).length > 0) {
    return invalidParameterValue('Alias with weights can not be used with Provisioned Concurrency');
  }
  // A provisioned alias cannot move to `$LATEST`, which cannot be provisioned (§3.4, model).
  if (primary === '$LATEST') return invalidParameterValue(PROVISIONED_LATEST_PUT);
  const other = Object.values(configs).find(
    (config) => config.version === primary && config.qualifier !== aliasName,
  );
  return other === undefined
    ? undefined
    : resourceConflict(
        "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
      );
}

function deleteAlias(command: DeleteAlias, { state, nowMs }: Decision): Result {
  const input = command.input;
  const resolved = functionLevelName(state, input.FunctionName, aliasNameViolations(input.Name));
  if (isLeft(resolved)) return resolved;
  const name = resolved.right;
  const aliases = entryOf(state.aliases.byFunction, name);
  if (aliases === undefined)
    return left(functionNotFound(functionArn(state.settings.account, name)));
  // Deleting an alias that does not exist succeeds with 204 (spec control-plane §4.1).
  if (aliases[input.Name] === undefined) return right([]);
  return right([{ type: 'AliasDeleted', functionName: name, aliasName: input.Name, atMs: nowMs }]);
}
