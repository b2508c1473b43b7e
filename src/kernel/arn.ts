/**
 * Function identity: the account context, ARNs, and the resolution of every accepted
 * `FunctionName` form plus the `Qualifier` parameter (spec control-plane §1).
 *
 * @module
 */
import {
  accessDenied,
  invalidParameterValue,
  resourceNotFound,
  type AccessDeniedException,
  type InvalidParameterValueException,
  type ResourceNotFoundException,
  type ValidationException,
} from './errors.js';
import { left, right, type Either } from './fp.js';
import { checkString, toValidationException, type Violation } from './validation.js';

/** The account the model plays: ARNs are built from it and foreign ARNs are refused against it. */
export interface AccountContext {
  /** `aws`, `aws-cn`, `aws-us-gov`, … */
  readonly partition: string;
  /** The endpoint region, e.g. `us-east-1`. */
  readonly region: string;
  /** The 12-digit account id. */
  readonly accountId: string;
}

/** The unqualified (no qualifier) or qualified function ARN (spec control-plane §1.2). */
export function functionArn(account: AccountContext, name: string, qualifier?: string): string {
  const base = `arn:${account.partition}:lambda:${account.region}:${account.accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

/**
 * Which input shape a `FunctionName` parameter has: `FunctionName` on create, update, publish and
 * the alias operations (max 140, no `.`), `NamespacedFunctionName` on the reads and Invoke (max 170,
 * `.` allowed) — botocore 2025-11-21, the classic baseline (spec control-plane §1.3).
 */
export type FunctionNameShape = 'FunctionName' | 'NamespacedFunctionName';

interface ShapeRule {
  readonly max: number;
  readonly pattern: string;
  readonly regex: RegExp;
}

const SHAPES: Readonly<Record<FunctionNameShape, ShapeRule>> = {
  // The patterns AWS quotes in its messages (recorded against AWS in 2024, spec control-plane §1.3).
  FunctionName: {
    max: 140,
    pattern:
      '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    regex:
      /^(?<arn>arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:)?(?<account>\d{12}:)?(?<prefix>function:)?(?<name>[a-zA-Z0-9_-]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9_-]+))?$/,
  },
  NamespacedFunctionName: {
    max: 170,
    pattern:
      '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?',
    regex:
      /^(?<arn>arn:(aws[a-zA-Z-]*)?:lambda:)?(?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:)?(?<account>\d{12}:)?(?<prefix>function:)?(?<name>[a-zA-Z0-9_.-]+)(:(?<qualifier>\$LATEST|[a-zA-Z0-9_-]+))?$/,
  },
};

/**
 * The `Qualifier` parameter's pattern as AWS quotes it in its messages: botocore shape
 * `NumericLatestPublishedOrAliasQualifier`, which GetFunction, GetFunctionConfiguration,
 * DeleteFunction and Invoke use (spec control-plane §1.3, recorded against AWS).
 */
export const QUALIFIER_PATTERN = '\\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+';
// Java's `matches` must match the whole value against either alternative, hence the outer group.
const QUALIFIER_REGEX = /^(\$(LATEST(\.PUBLISHED)?)|[a-zA-Z0-9_$-]+)$/;

/** A bare function name that both shapes accept as it is (the shorter maximum is 140). */
const BARE_NAME = /^[a-zA-Z0-9_-]{1,140}$/;

/** A function name split into its parts, before any lookup. */
export interface FunctionReference {
  /** The bare function name. */
  readonly name: string;
  /** The qualifier from the name or from the `Qualifier` parameter; `undefined` when none. */
  readonly qualifier: string | undefined;
  /** Whether the caller passed an ARN (full or partial) rather than a bare name. */
  readonly isArn: boolean;
}

/** What can go wrong while resolving a function name. */
export type FunctionReferenceError =
  | ValidationException
  | ResourceNotFoundException
  | AccessDeniedException
  | InvalidParameterValueException;

/** Model-level checks of `FunctionName` (and `Qualifier`, when the operation has one). */
export function functionNameViolations(
  raw: string,
  shape: FunctionNameShape,
  qualifier?: string,
): Violation[] {
  const rule = SHAPES[shape];
  const violations = checkString('functionName', raw, { ...rule, min: 1 });
  if (qualifier !== undefined) {
    violations.push(
      ...checkString('qualifier', qualifier, {
        pattern: QUALIFIER_PATTERN,
        regex: QUALIFIER_REGEX,
        min: 1,
        max: 128,
      }),
    );
  }
  return violations;
}

/**
 * Resolves `FunctionName` (+ optional `Qualifier`) exactly as AWS does (spec control-plane §1.4):
 * model validation first, then the region of an ARN (404 `Functions from … are not reachable`),
 * then its account (403), then the derived-qualifier check.
 *
 * @param extraViolations - violations of the operation's other members, reported together with the
 *   name's in one `ValidationException`, as AWS does.
 */
export function resolveFunctionName(
  account: AccountContext,
  raw: string,
  shape: FunctionNameShape,
  qualifier?: string,
  extraViolations: ReadonlyArray<Violation> = [],
): Either<FunctionReferenceError, FunctionReference> {
  // The common case, a bare name that every shape's pattern and length accept, with a valid
  // qualifier or none: no ARN parts to check, so the full pattern need not run.
  if (
    extraViolations.length === 0 &&
    BARE_NAME.test(raw) &&
    (qualifier === undefined || (qualifier.length <= 128 && QUALIFIER_REGEX.test(qualifier)))
  ) {
    return right({ name: raw, qualifier, isArn: false });
  }
  const invalid = toValidationException([
    ...functionNameViolations(raw, shape, qualifier),
    ...extraViolations,
  ]);
  if (invalid !== undefined) return left(invalid);
  // The pattern was checked just above, so the groups are there.
  const groups = SHAPES[shape].regex.exec(raw)?.groups ?? {};
  const region = groups['region']?.slice(0, -1);
  const accountId = groups['account']?.slice(0, -1);
  const name = groups['name'] ?? raw;
  const derived = groups['qualifier'];
  if (region !== undefined && region !== account.region) {
    return left(
      resourceNotFound(
        `Functions from '${region}' are not reachable in this region ('${account.region}')`,
      ),
    );
  }
  if (accountId !== undefined && accountId !== account.accountId) {
    return left(accessDenied(crossAccountMessage()));
  }
  if (derived !== undefined && qualifier !== undefined && derived !== qualifier) {
    return left(
      invalidParameterValue(
        'The derived qualifier from the function name does not match the specified qualifier.',
      ),
    );
  }
  return right({
    name,
    qualifier: derived ?? qualifier,
    isArn: groups['arn'] !== undefined || accountId !== undefined || groups['prefix'] !== undefined,
  });
}

/**
 * The text of the 403 for an ARN of another account: AWS sends the exception with no message at
 * all (`"Message": null`, recorded 2024), which the model renders as an empty string.
 */
function crossAccountMessage(): string {
  return '';
}
