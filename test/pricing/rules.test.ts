/** The billing rules one by one (spec pricing §1.1, §3, §4). */
import { describe, expect, it } from 'vitest';
import { rateCardAt } from '../../src/pricing/rates.js';
import {
  addToTiers,
  asyncRequestUnits,
  billedDurationMs,
  isInitBilled,
  monthOf,
  provisionedSteps,
  tierEndsMbMs,
} from '../../src/pricing/rules.js';

describe('billedDurationMs: per invocation, rounded up (spec pricing §3.2)', () => {
  it('rounds up to 1 ms: the developer-guide examples', () => {
    expect(billedDurationMs(0.99, 0, 1)).toBe(1);
    expect(billedDurationMs(26.73, 0, 1)).toBe(27);
    expect(billedDurationMs(79.67, 0, 1)).toBe(80);
    expect(billedDurationMs(27.55, 0, 1)).toBe(28);
    expect(billedDurationMs(28, 0, 1)).toBe(28);
  });

  it('rounds up to 100 ms in the old era: 27.40 → 100, 30 → 100, 100 → 100, 100.01 → 200', () => {
    expect(billedDurationMs(27.4, 0, 100)).toBe(100);
    expect(billedDurationMs(30, 0, 100)).toBe(100);
    expect(billedDurationMs(100, 0, 100)).toBe(100);
    expect(billedDurationMs(100.01, 0, 100)).toBe(200);
  });

  it('adds billed INIT before rounding: custom runtime 237.17 + 48.26 → 300 (100 ms era), 286 (1 ms)', () => {
    expect(billedDurationMs(237.17, 48.26, 100)).toBe(300);
    expect(billedDurationMs(237.17, 48.26, 1)).toBe(286);
  });

  it('adds fractions exactly: 0.7 + 0.3 is 1 ms, 0.1 + 0.2 is 1 ms, 1.1 + 2.9 is 4 ms', () => {
    expect(billedDurationMs(0.7, 0.3, 1)).toBe(1);
    expect(billedDurationMs(0.1, 0.2, 1)).toBe(1);
    expect(billedDurationMs(1.1, 2.9, 1)).toBe(4);
    expect(billedDurationMs(200, 100, 1)).toBe(300);
  });

  it('bills at least one step, as the invocation module records it', () => {
    expect(billedDurationMs(0, 0, 1)).toBe(1);
    expect(billedDurationMs(0, 0, 100)).toBe(100);
  });
});

describe('isInitBilled (spec pricing §4)', () => {
  const before = rateCardAt('us-east-1', Date.parse('2025-07-31T12:00:00Z'))!;
  const after = rateCardAt('us-east-1', Date.parse('2025-08-01T00:00:00Z'))!;

  it('custom runtimes and container images: always', () => {
    for (const card of [before, after]) {
      for (const runtime of ['provided', 'provided.al2', 'provided.al2023']) {
        expect(
          isInitBilled(card, { initializationType: 'on-demand', runtime, packageType: 'Zip' }),
        ).toBe(true);
      }
      expect(isInitBilled(card, { initializationType: 'on-demand', packageType: 'Image' })).toBe(
        true,
      );
    }
  });

  it('managed runtimes on ZIP, on demand: only from 2025-08-01', () => {
    const context = {
      initializationType: 'on-demand',
      runtime: 'nodejs22.x',
      packageType: 'Zip',
    } as const;
    expect(isInitBilled(before, context)).toBe(false);
    expect(isInitBilled(after, context)).toBe(true);
  });

  it('provisioned-concurrency environments: never as duration (covered by the PC charge)', () => {
    for (const card of [before, after]) {
      expect(
        isInitBilled(card, { initializationType: 'provisioned-concurrency', packageType: 'Image' }),
      ).toBe(false);
      expect(
        isInitBilled(card, {
          initializationType: 'provisioned-concurrency',
          runtime: 'provided.al2023',
          packageType: 'Zip',
        }),
      ).toBe(false);
    }
  });
});

describe('asyncRequestUnits: 1 per 256 KB plus 1 per further 64 KB, up to 1 MB (spec pricing §1.1)', () => {
  it('counts chunks, rounding a partial chunk up', () => {
    expect(asyncRequestUnits(0)).toBe(1);
    expect(asyncRequestUnits(262_144)).toBe(1);
    expect(asyncRequestUnits(262_145)).toBe(2);
    expect(asyncRequestUnits(262_144 + 65_536)).toBe(2);
    expect(asyncRequestUnits(262_144 + 65_537)).toBe(3);
    expect(asyncRequestUnits(1_048_576)).toBe(13);
    expect(asyncRequestUnits(5_000_000)).toBe(13);
  });
});

describe('provisionedSteps: enabled time rounded up to five minutes (spec pricing §3.4)', () => {
  it('counts five-minute steps', () => {
    expect(provisionedSteps(0)).toBe(0);
    expect(provisionedSteps(-5)).toBe(0);
    expect(provisionedSteps(1)).toBe(1);
    expect(provisionedSteps(300_000)).toBe(1);
    expect(provisionedSteps(300_001)).toBe(2);
    expect(provisionedSteps(8 * 3_600_000)).toBe(96);
  });
});

describe('Graduated tiers (spec pricing §1.2)', () => {
  const ends = tierEndsMbMs(
    rateCardAt('us-east-1', Date.parse('2026-01-01T00:00:00Z'))!.architectures.x86_64!
      .durationTiers,
  );
  const gbs = (n: bigint): bigint => n * 1_024_000n;

  it('has the ends 6B and 15B GB-s in MB·ms', () => {
    expect(ends).toEqual([gbs(6_000_000_000n), gbs(15_000_000_000n)]);
  });

  it('splits usage that crosses the ends, starting where the pool already is', () => {
    const into: bigint[] = [];
    addToTiers(gbs(5_999_999_999n), gbs(9_000_000_002n), ends, into);
    expect(into).toEqual([gbs(1n), gbs(9_000_000_000n), gbs(1n)]);
    const later: bigint[] = [];
    addToTiers(gbs(20_000_000_000n), gbs(5n), ends, later);
    expect(later).toEqual([0n, 0n, gbs(5n)]);
  });
});

describe('monthOf', () => {
  it('is the UTC calendar month', () => {
    expect(monthOf(Date.parse('2026-01-31T23:59:59.999Z'))).toBe('2026-01');
    expect(monthOf(Date.parse('2026-02-01T00:00:00Z'))).toBe('2026-02');
    expect(monthOf(Date.parse('2014-11-13T00:00:00Z'))).toBe('2014-11');
  });
});
