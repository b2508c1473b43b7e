/**
 * The rules an alias's configuration must satisfy, in the order AWS checks them (spec
 * control-plane §4.2, recorded against AWS): the model-level constraints, then the routing map's
 * size, then the versions it names.
 *
 * @module
 */
import { functionArn, type AccountContext } from '../kernel/arn.js';
import { functionNotFound, invalidParameterValue, type AwsError } from '../kernel/errors.js';
import { checkString, javaDouble, violation, type Violation } from '../kernel/validation.js';
import type { LambdaState } from '../lambda.js';
import { versionRecord } from '../functions/queries.js';
import type { AliasRoutingConfigurationInput } from './commands.js';
import { isVersionNumber } from '../kernel/ids.js';

/** The alias-name pattern: not all digits (spec control-plane §1.3). */
export const ALIAS_NAME_PATTERN = '(?!^[0-9]+$)([a-zA-Z0-9-_]+)';
const ALIAS_NAME_REGEX = /^(?![0-9]+$)[a-zA-Z0-9_-]+$/;
const VERSION_PATTERN = '(\\$LATEST|[0-9]+)';
const VERSION_REGEX = /^(\$LATEST|[0-9]+)$/;

/** The alias ARN: the function ARN qualified with the alias name. */
export const aliasArn = (
  account: AccountContext,
  functionName: string,
  aliasName: string,
): string => functionArn(account, functionName, aliasName);

/** Model-level violations of `Name`. */
export function aliasNameViolations(name: string): Violation[] {
  return checkString('name', name, {
    pattern: ALIAS_NAME_PATTERN,
    regex: ALIAS_NAME_REGEX,
    min: 1,
    max: 128,
  });
}

/** Model-level violations of a `FunctionVersion` member. */
export function functionVersionViolations(version: string | undefined): Violation[] {
  if (version === undefined) return [];
  return checkString('functionVersion', version, {
    pattern: VERSION_PATTERN,
    regex: VERSION_REGEX,
    min: 1,
    max: 1024,
  });
}

/** Prints the weights map as the Java service echoes it: `{2=0.5}`. */
const weightsText = (weights: Readonly<Record<string, number>>): string =>
  `{${Object.entries(weights)
    .map(([version, weight]) => `${version}=${javaDouble(weight)}`)
    .join(', ')}}`;

/** Model-level violations of `RoutingConfig.AdditionalVersionWeights`: keys `[0-9]+`, weights in [0, 1]. */
export function routingViolations(
  routing: AliasRoutingConfigurationInput | undefined,
): Violation[] {
  const weights = routing?.AdditionalVersionWeights;
  if (weights === undefined) return [];
  const field = 'routingConfig.additionalVersionWeights';
  const out: Violation[] = [];
  const entries = Object.entries(weights);
  if (entries.some(([version]) => !isVersionNumber(version) || version.length > 1024)) {
    // AWS's text for the keys lists no "Member must not be null", unlike the one for the values
    // (spec control-plane §4.2 step 1, recorded against AWS).
    out.push(
      violation.custom(
        field,
        weightsText(weights),
        'Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+]',
      ),
    );
  }
  if (entries.some(([, weight]) => !(weight >= 0 && weight <= 1))) {
    out.push(
      violation.custom(
        field,
        weightsText(weights),
        'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]',
      ),
    );
  }
  return out;
}

/** A non-empty routing map, or `undefined` for none: an empty map means no routing. */
export function effectiveWeights(
  routing: AliasRoutingConfigurationInput | undefined,
): Readonly<Record<string, number>> | undefined {
  const weights = routing?.AdditionalVersionWeights;
  return weights === undefined || Object.keys(weights).length === 0 ? undefined : { ...weights };
}

/** At most one additional version (spec control-plane §4.2 step 2). */
export function routingSizeError(
  weights: Readonly<Record<string, number>> | undefined,
): AwsError | undefined {
  return weights !== undefined && Object.keys(weights).length > 1
    ? invalidParameterValue('Number of items in AdditionalVersionWeights cannot be greater than 1')
    : undefined;
}

/**
 * Checks the versions an alias names, in AWS's order (spec control-plane §4.2 steps 3–8): the
 * primary exists; the additional version is not the primary; `$LATEST` takes no routing; the
 * additional version exists; both have the same execution role and the same dead-letter target.
 */
export function aliasTargetsError(
  state: LambdaState,
  functionName: string,
  primary: string,
  weights: Readonly<Record<string, number>> | undefined,
): AwsError | undefined {
  const account = state.settings.account;
  const primaryRecord = versionRecord(state, functionName, primary);
  if (primaryRecord === undefined)
    return functionNotFound(functionArn(account, functionName, primary));
  const additional = weights === undefined ? undefined : Object.keys(weights)[0];
  if (additional === undefined) return undefined;
  if (additional === primary) {
    return invalidParameterValue(
      `Invalid function version ${additional}. Function version ${additional} is already included in routing configuration.`,
    );
  }
  if (primary === '$LATEST') {
    return invalidParameterValue(
      '$LATEST is not supported for an alias pointing to more than 1 version',
    );
  }
  const additionalRecord = versionRecord(state, functionName, additional);
  if (additionalRecord === undefined)
    return functionNotFound(functionArn(account, functionName, additional));
  if (additionalRecord.config.role !== primaryRecord.config.role) {
    return invalidParameterValue(
      'Specified versions must be associated with the same execution role',
    );
  }
  if (additionalRecord.config.deadLetterTargetArn !== primaryRecord.config.deadLetterTargetArn) {
    // AWS documents this restriction; its error text is not recorded, so this one is the model's.
    return invalidParameterValue(
      'Specified versions must be associated with the same dead-letter queue configuration',
    );
  }
  return undefined;
}
