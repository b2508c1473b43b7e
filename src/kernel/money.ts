/**
 * Exact money. Every amount the library computes is a decimal.js value of a private clone (never
 * the shared `Decimal` class, never `Decimal.set`), and every amount it hands out is a plain
 * decimal string: no exponent notation, no rounding. Rounding to cents, half-up, happens only
 * when an amount is formatted for a person, as AWS prints its figures (spec pricing §3.6).
 *
 * @module
 */
import { Decimal } from 'decimal.js';

/**
 * The private decimal.js class. Its precision is far above anything a price computation needs
 * (MB × ms counts times 10-decimal prices, divided by 1,024,000, which always terminates), so no
 * operation in the library ever rounds; exponent notation is switched off for `toString` as well,
 * although amounts are always rendered with `toFixed`.
 */
const Exact = Decimal.clone({
  precision: 1_000,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
});

/** An exact decimal value of the library's private decimal.js class (spec pricing §10). */
export type ExactDecimal = Decimal;

declare const decimalStringBrand: unique symbol;

/**
 * A decimal amount or quantity as a string: an optional minus sign, digits, and optionally a point
 * and more digits. Never exponent notation, never rounded (spec pricing §3.6). Every amount the
 * pricing module returns has this type; `parseDecimalString` makes one from user text.
 *
 * @example `'2.333338'`, `'0.0000166667'`, `'854203.296'`
 */
export type DecimalString = string & { readonly [decimalStringBrand]: true };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * An exact decimal (spec pricing §10: decimal arithmetic throughout) from an integer (number or
 * bigint), a finite number (taken as its shortest
 * round-trip decimal text, so `27.55` is exactly 27.55), or a text the caller has already checked
 * with `parseDecimalString` or that comes from the library's own constants.
 */
export function exact(value: bigint | number | DecimalString): ExactDecimal {
  return new Exact(value);
}

/** The exact sum of decimals, 0 for none (spec pricing §3.6: sum unrounded amounts). */
export function sumOf(values: Iterable<ExactDecimal>): ExactDecimal {
  let total = new Exact(0);
  for (const value of values) total = total.plus(value);
  return total;
}

/**
 * Renders an exact decimal as a `DecimalString`: all its digits, no exponent, no trailing zeros,
 * and never `-0` (spec pricing §3.6: round only for display).
 */
export function toDecimalString(value: ExactDecimal): DecimalString {
  return (value.isZero() ? '0' : value.toFixed()) as DecimalString;
}

/**
 * Checks a text and returns it as a normalised `DecimalString` (`'0.40'` → `'0.4'`), or
 * `undefined` when it is not a plain decimal (`'1e-7'`, `'abc'`, `''` are refused; spec pricing
 * §3.6).
 *
 * @example `parseDecimalString('2.333338')` → `'2.333338'`
 */
export function parseDecimalString(text: string): DecimalString | undefined {
  return DECIMAL_TEXT.test(text) ? toDecimalString(new Exact(text)) : undefined;
}

/**
 * Rounds an amount to cents, half-up (away from zero on a tie), as AWS prints its figures
 * (spec pricing §3.6): `'2.333338'` → `'2.33'`, `'5.8345'` → `'5.83'`, `'0.005'` → `'0.01'`.
 */
export function roundToCents(amount: DecimalString): DecimalString {
  const rounded = new Exact(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (rounded.isZero() ? '0.00' : rounded.toFixed(2)) as DecimalString;
}

/**
 * Formats an amount in US dollars for a person: rounded to cents half-up (spec pricing §3.6), with
 * thousands separators, never in exponent notation. The amount itself stays exact; only the text
 * is rounded.
 *
 * @example `formatUsd(parseDecimalString('854203.296')!)` → `'$854,203.30'`
 */
export function formatUsd(amount: DecimalString): string {
  const cents = roundToCents(amount);
  const negative = cents.startsWith('-');
  const [whole = '0', fraction = '00'] = (negative ? cents.slice(1) : cents).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}$${grouped}.${fraction}`;
}
