/**
 * Model-level request validation as AWS reports it: every violated constraint of the request's
 * members is collected, and the request fails with one `ValidationException` whose message is
 * `N validation error(s) detected: <violation>; <violation>` (spec control-plane §1.3, §4.2).
 *
 * @module
 */
import { validationException, type ValidationException } from './errors.js';

/**
 * Formats a number as Java's `Double.toString` does for the values AWS echoes (`2.0`, `-1.0`,
 * `0.5`), because the service is written in Java and prints request doubles that way.
 */
export function javaDouble(value: number): string {
  if (!Number.isFinite(value))
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  const magnitude = Math.abs(value);
  // Java's Double.toString switches to computerized scientific notation outside [10^-3, 10^7),
  // always with at least one digit after the point: 2.0E7, 1.0E-4.
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e7)) {
    const [mantissa = '', exponent = ''] = value.toExponential().split('e');
    return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${exponent.replace('+', '')}`;
  }
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** Prints a list value as AWS echoes it: `[x86_64, arm64]`. */
export function javaList(values: ReadonlyArray<string>): string {
  return `[${values.join(', ')}]`;
}

/** One violated constraint, already phrased as AWS phrases it. */
export type Violation = string;

const at = (field: string, value: string): string =>
  `Value '${value}' at '${field}' failed to satisfy constraint:`;

/** The constraint phrases AWS's request validation uses. */
export const violation = {
  maxLength: (field: string, value: string, max: number): Violation =>
    `${at(field, value)} Member must have length less than or equal to ${String(max)}`,
  minLength: (field: string, value: string, min: number): Violation =>
    `${at(field, value)} Member must have length greater than or equal to ${String(min)}`,
  pattern: (field: string, value: string, pattern: string): Violation =>
    `${at(field, value)} Member must satisfy regular expression pattern: ${pattern}`,
  enumValue: (field: string, value: string, allowed: ReadonlyArray<string>): Violation =>
    `${at(field, value)} Member must satisfy enum value set: ${javaList(allowed)}`,
  maxValue: (field: string, value: number, max: number): Violation =>
    `${at(field, String(value))} Member must have value less than or equal to ${String(max)}`,
  minValue: (field: string, value: number, min: number): Violation =>
    `${at(field, String(value))} Member must have value greater than or equal to ${String(min)}`,
  /** A required member that is missing: AWS reports it as the value `null`. */
  notNull: (field: string): Violation =>
    `Value null at '${field}' failed to satisfy constraint: Member must not be null`,
  /** A free-form constraint text, for the map and list members (`Map value must satisfy …`). */
  custom: (field: string, value: string, constraint: string): Violation =>
    `${at(field, value)} ${constraint}`,
} as const;

/**
 * Turns the collected violations into AWS's single `ValidationException`, or `undefined` when
 * the request passed model validation.
 */
export function toValidationException(
  violations: ReadonlyArray<Violation>,
): ValidationException | undefined {
  if (violations.length === 0) return undefined;
  const count = violations.length;
  const noun = count === 1 ? 'validation error' : 'validation errors';
  return validationException(`${String(count)} ${noun} detected: ${violations.join('; ')}`);
}

/**
 * Checks a string member's length and pattern and returns the violations, in AWS's order
 * (pattern before length, as Coral lists them).
 *
 * @param pattern - the AWS pattern text quoted in the message; `regex` is its anchored JS twin.
 */
export function checkString(
  field: string,
  value: string,
  rule: {
    readonly min?: number;
    readonly max?: number;
    readonly pattern?: string;
    readonly regex?: RegExp;
  },
): Violation[] {
  const out: Violation[] = [];
  if (rule.regex !== undefined && rule.pattern !== undefined && !rule.regex.test(value)) {
    out.push(violation.pattern(field, value, rule.pattern));
  }
  if (rule.max !== undefined && value.length > rule.max) {
    out.push(violation.maxLength(field, value, rule.max));
  }
  if (rule.min !== undefined && value.length < rule.min) {
    out.push(violation.minLength(field, value, rule.min));
  }
  return out;
}

/** Checks an integer member's range; AWS's messages name the bound that failed. */
export function checkRange(
  field: string,
  value: number,
  rule: { readonly min?: number; readonly max?: number },
): Violation[] {
  if (rule.max !== undefined && value > rule.max)
    return [violation.maxValue(field, value, rule.max)];
  if (rule.min !== undefined && value < rule.min)
    return [violation.minValue(field, value, rule.min)];
  return [];
}
