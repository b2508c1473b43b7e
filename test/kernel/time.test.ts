import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  epochMsOfUtcDate,
  isoTimestamp,
  lambdaTimestamp,
  utcParts,
} from '../../src/kernel/time.js';
import { operations } from '../../src/operations/operations.js';
import { expectRight, given, T0 } from '../support/scenario.js';

// Every instant with a four-digit year, 0000-01-01 to 9999-12-31T23:59:59.999Z: the range where
// Date#toISOString prints the year as four digits.
const instants = fc
  .integer({ min: -62_167_219_200, max: 253_402_300_799 })
  .chain((seconds) => fc.integer({ min: 0, max: 999 }).map((ms) => seconds * 1000 + ms));

/** The oracle: Date's ISO form with `Z` replaced by Lambda's `+0000`. */
const awsFromDate = (epochMs: number): string =>
  new Date(epochMs).toISOString().replace(/Z$/, '+0000');

describe('LastModified is YYYY-MM-DDThh:mm:ss.sss+0000 (spec control-plane §2.2)', () => {
  it('the documented example 2020-04-10T19:06:32.563+0000', () => {
    expect(lambdaTimestamp(Date.UTC(2020, 3, 10, 19, 6, 32, 563))).toBe(
      '2020-04-10T19:06:32.563+0000',
    );
  });

  it('agrees with Date#toISOString for any instant', () => {
    fc.assert(
      fc.property(instants, (epochMs) => {
        expect(lambdaTimestamp(epochMs)).toBe(awsFromDate(epochMs));
      }),
    );
  });

  it('the epoch, a leap day, the last millisecond of a century and year 2000', () => {
    for (const epochMs of [
      0,
      Date.UTC(2024, 1, 29, 12, 0, 0, 1),
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 1, 29),
      Date.UTC(2100, 2, 1),
      -1,
    ]) {
      expect(lambdaTimestamp(epochMs)).toBe(awsFromDate(epochMs));
    }
  });

  it('isoTimestamp is exactly Date#toISOString', () => {
    fc.assert(
      fc.property(instants, (epochMs) => {
        expect(isoTimestamp(epochMs)).toBe(new Date(epochMs).toISOString());
      }),
    );
  });

  it('GetFunction shows LastModified of the creation time in that format', () => {
    const world = given().withFunction('f');
    const config = expectRight(operations.GetFunction(world.state, { FunctionName: 'f' }).result)
      .body.Configuration;
    expect(config.LastModified).toBe(awsFromDate(T0));
  });
});

describe('calendar arithmetic without Date (DESIGN §1: nothing in src reads a clock)', () => {
  it('utcParts agrees with the getUTC* fields of Date', () => {
    fc.assert(
      fc.property(instants, (epochMs) => {
        const d = new Date(epochMs);
        expect(utcParts(epochMs)).toEqual({
          year: d.getUTCFullYear(),
          month: d.getUTCMonth() + 1,
          day: d.getUTCDate(),
          hour: d.getUTCHours(),
          minute: d.getUTCMinutes(),
          second: d.getUTCSeconds(),
          millisecond: d.getUTCMilliseconds(),
        });
      }),
    );
  });

  it('epochMsOfUtcDate agrees with Date.UTC at midnight', () => {
    fc.assert(
      fc.property(instants, (epochMs) => {
        const d = new Date(epochMs);
        const [y, m, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
        // Date.UTC maps years 0–99 to 1900–1999, so build the oracle with setUTCFullYear.
        const oracle = new Date(0);
        oracle.setUTCFullYear(y, m, day);
        expect(epochMsOfUtcDate(y, m + 1, day)).toBe(oracle.getTime());
      }),
    );
  });
});
