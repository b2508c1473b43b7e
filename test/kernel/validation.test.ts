import { describe, expect, it } from 'vitest';
import {
  checkRange,
  checkString,
  javaDouble,
  javaList,
  toValidationException,
  violation,
} from '../../src/kernel/validation.js';

describe('AWS request-validation phrasing (spec control-plane §1.1, §1.3, §2.1, §2.6, §4.2, §9.8)', () => {
  it('maxLength reads as in the 64-character name message (§1.1)', () => {
    expect(violation.maxLength('functionName', 'abc', 64)).toBe(
      "Value 'abc' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64",
    );
  });

  it('pattern quotes the regex as in the all-digit alias message (§1.3)', () => {
    expect(violation.pattern('name', '2024', '(?!^[0-9]+$)([a-zA-Z0-9-_]+)')).toBe(
      "Value '2024' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
    );
  });

  it('enumValue lists the set in brackets as in the FunctionVersion message (§2.6)', () => {
    expect(violation.enumValue('functionVersion', 'invalid', ['ALL'])).toBe(
      "Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]",
    );
  });

  it('maxValue reads as in the Timeout message (§2.1)', () => {
    expect(violation.maxValue('timeout', 3000, 900)).toBe(
      "Value '3000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
    );
  });

  it('minValue and minLength mirror the max phrases with "greater than or equal to"', () => {
    expect(violation.minValue('memorySize', 64, 128)).toBe(
      "Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128",
    );
    expect(violation.minLength('functionName', '', 1)).toBe(
      "Value '' at 'functionName' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it('custom carries a map constraint verbatim, as in the routing weight message (§4.2)', () => {
    expect(
      violation.custom(
        'routingConfig.additionalVersionWeights',
        `{2=${javaDouble(2)}}`,
        'Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]',
      ),
    ).toBe(
      "Value '{2=2.0}' at 'routingConfig.additionalVersionWeights' failed to satisfy constraint: Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
    );
  });
});

describe('Java rendering of echoed values (spec control-plane §4.2)', () => {
  it('javaDouble switches to Java scientific notation outside [1e-3, 1e7), as Double.toString does', () => {
    expect(javaDouble(0.0001)).toBe('1.0E-4');
    expect(javaDouble(2e7)).toBe('2.0E7');
    expect(javaDouble(-1e-7)).toBe('-1.0E-7');
    expect(javaDouble(12_345_678.9)).toBe('1.23456789E7');
    expect(javaDouble(0.001)).toBe('0.001');
    expect(javaDouble(9_999_999)).toBe('9999999.0');
    expect(javaDouble(0)).toBe('0.0');
    expect(javaDouble(Number.NaN)).toBe('NaN');
  });

  it('javaDouble prints whole numbers with ".0" as AWS echoes {2=2.0} and {2=-1.0}', () => {
    expect(javaDouble(2)).toBe('2.0');
    expect(javaDouble(-1)).toBe('-1.0');
    expect(javaDouble(0)).toBe('0.0');
  });

  it('javaDouble prints fractions as they are, as AWS echoes {$LATEST=0.5}', () => {
    expect(javaDouble(0.5)).toBe('0.5');
    expect(javaDouble(0.03)).toBe('0.03');
  });

  it('javaList prints "[a, b]" as AWS echoes list members', () => {
    expect(javaList(['x86_64', 'arm64'])).toBe('[x86_64, arm64]');
    expect(javaList([])).toBe('[]');
  });
});

describe('one ValidationException for all violations: "N validation error(s) detected: …" (spec §1.1, §9.8)', () => {
  it('no violation means the request passed model validation', () => {
    expect(toValidationException([])).toBeUndefined();
  });

  it('one violation: "1 validation error detected: <v>", 400, Type User', () => {
    expect(toValidationException(['V1'])).toEqual({
      _tag: 'ValidationException',
      statusCode: 400,
      type: 'User',
      message: '1 validation error detected: V1',
    });
  });

  it('several violations: plural noun, joined by "; " in the order found', () => {
    expect(toValidationException(['V1', 'V2', 'V3'])?.message).toBe(
      '3 validation errors detected: V1; V2; V3',
    );
  });
});

describe('checkString and checkRange', () => {
  const rule = { pattern: '[a-z]+', regex: /^[a-z]+$/, min: 2, max: 4 };

  it('a value inside every bound has no violation', () => {
    expect(checkString('f', 'abc', rule)).toEqual([]);
    expect(checkString('f', 'ab', rule)).toEqual([]);
    expect(checkString('f', 'abcd', rule)).toEqual([]);
  });

  it('reports each broken constraint of the member', () => {
    expect(checkString('f', 'abcde', rule)).toEqual([violation.maxLength('f', 'abcde', 4)]);
    expect(checkString('f', 'a', rule)).toEqual([violation.minLength('f', 'a', 2)]);
    expect(checkString('f', 'AB', rule)).toEqual([violation.pattern('f', 'AB', '[a-z]+')]);
  });

  it('pattern first, then length, for one member (the order of DynamoDB\'s real "2 validation errors" answer)', () => {
    expect(checkString('f', 'ABCDE', rule)).toEqual([
      violation.pattern('f', 'ABCDE', '[a-z]+'),
      violation.maxLength('f', 'ABCDE', 4),
    ]);
  });

  it('a rule without a pattern checks lengths only', () => {
    expect(checkString('description', 'x'.repeat(257), { max: 256 })).toEqual([
      violation.maxLength('description', 'x'.repeat(257), 256),
    ]);
    expect(checkString('f', '!!', { max: 5 })).toEqual([]);
  });

  it('checkRange names the bound that failed, inclusive at both ends', () => {
    expect(checkRange('timeout', 900, { min: 1, max: 900 })).toEqual([]);
    expect(checkRange('timeout', 1, { min: 1, max: 900 })).toEqual([]);
    expect(checkRange('timeout', 901, { min: 1, max: 900 })).toEqual([
      violation.maxValue('timeout', 901, 900),
    ]);
    expect(checkRange('timeout', 0, { min: 1, max: 900 })).toEqual([
      violation.minValue('timeout', 0, 1),
    ]);
    expect(checkRange('x', 5, {})).toEqual([]);
  });
});
