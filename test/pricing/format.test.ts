/** Money as text: exact decimal strings, rounded to cents half-up only for display (spec §3.6). */
import { describe, expect, it } from 'vitest';
import {
  formatUsd,
  parseDecimalString,
  roundToCents,
  type DecimalString,
} from '../../src/kernel/money.js';

const dec = (text: string): DecimalString => {
  const parsed = parseDecimalString(text);
  if (parsed === undefined) return expect.fail(`not a decimal: ${text}`);
  return parsed;
};

describe('formatUsd', () => {
  it('rounds half-up to cents, as AWS prints (2.333338 → $2.33, 1.488 → $1.49, 5.8345 → $5.83)', () => {
    expect(formatUsd(dec('2.333338'))).toBe('$2.33');
    expect(formatUsd(dec('1.488'))).toBe('$1.49');
    expect(formatUsd(dec('5.8345'))).toBe('$5.83');
    expect(formatUsd(dec('0.005'))).toBe('$0.01');
    expect(formatUsd(dec('0.00499999999'))).toBe('$0.00');
    expect(formatUsd(dec('18'))).toBe('$18.00');
  });

  it('groups thousands and never uses exponent notation', () => {
    expect(formatUsd(dec('854203.296'))).toBe('$854,203.30');
    expect(formatUsd(dec('1000000000000000000000000'))).toBe(
      '$1,000,000,000,000,000,000,000,000.00',
    );
    expect(formatUsd(dec('0.00000000000000000001'))).toBe('$0.00');
  });

  it('shows a negative amount with its sign and never "-$0.00"', () => {
    expect(formatUsd(dec('-1234.565'))).toBe('-$1,234.57');
    expect(formatUsd(dec('-0.001'))).toBe('$0.00');
  });
});

describe('parseDecimalString and roundToCents', () => {
  it('accepts plain decimals only and normalises them', () => {
    expect(parseDecimalString('0.40')).toBe('0.4');
    expect(parseDecimalString('0.0000150000')).toBe('0.000015');
    expect(parseDecimalString('-0')).toBe('0');
    expect(parseDecimalString('1e-7')).toBeUndefined();
    expect(parseDecimalString('')).toBeUndefined();
    expect(parseDecimalString('.5')).toBeUndefined();
    expect(parseDecimalString('abc')).toBeUndefined();
  });

  it('rounds to two decimals', () => {
    expect(roundToCents(dec('2.333338'))).toBe('2.33');
    expect(roundToCents(dec('0.125'))).toBe('0.13');
    expect(roundToCents(dec('7'))).toBe('7.00');
  });
});
