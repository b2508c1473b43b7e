/** Rate cards as data: the published constants, their dates, and the lookups (spec pricing §1–§9). */
import { describe, expect, it } from 'vitest';
import {
  architectureRates,
  cardFor,
  FREE_TIER,
  LAMBDA_LAUNCH_MS,
  RATE_CARDS,
  rateCardAt,
  REGIONS,
  type RateCard,
} from '../../src/pricing/rates.js';
import { utcParts } from '../../src/kernel/time.js';

const at = (iso: string): number => Date.parse(iso);
const usEast1 = (iso: string): RateCard => rateCardAt('us-east-1', at(iso))!;

describe('us-east-1 rate cards (spec pricing §1.1, §1.2, §6, §7, §8)', () => {
  it('has the six published duration constants and the tier ends of both architectures', () => {
    const card = usEast1('2026-01-01T00:00:00Z');
    expect(card.requestPrice).toBe('0.0000002000');
    expect(card.architectures.x86_64?.durationTiers).toEqual([
      { upToGbSeconds: '6000000000', pricePerGbSecond: '0.0000166667' },
      { upToGbSeconds: '15000000000', pricePerGbSecond: '0.0000150000' },
      { pricePerGbSecond: '0.0000133334' },
    ]);
    expect(card.architectures.arm64?.durationTiers).toEqual([
      { upToGbSeconds: '7500000000', pricePerGbSecond: '0.0000133334' },
      { upToGbSeconds: '18750000000', pricePerGbSecond: '0.0000120001' },
      { pricePerGbSecond: '0.0000106667' },
    ]);
  });

  it('has provisioned concurrency, ephemeral storage, Lambda@Edge, SnapStart and streaming', () => {
    const card = usEast1('2026-01-01T00:00:00Z');
    expect(card.architectures.x86_64?.provisionedConcurrency).toEqual({
      pricePerGbSecond: '0.0000041667',
      durationPricePerGbSecond: '0.0000097222',
    });
    expect(card.architectures.arm64?.provisionedConcurrency).toEqual({
      pricePerGbSecond: '0.0000033334',
      durationPricePerGbSecond: '0.0000077778',
    });
    expect(card.ephemeralStoragePricePerGbSecond).toBe('0.0000000309');
    expect(card.edge).toEqual({
      requestPrice: '0.0000006000',
      durationPricePerGbSecond: '0.0000500100',
      durationGranularityMs: 1,
    });
    expect(card.snapStart).toEqual({
      cachePricePerGbSecond: '0.0000015046',
      minimumCacheSeconds: 10_800,
      restorePricePerGb: '0.0001397998',
    });
    expect(card.responseStreaming?.pricePerGb).toBe('0.0080000000');
  });

  it('dates its eras: 100 ms and $0.00001667 before December 2020, then 1 ms (§3.2)', () => {
    const old = usEast1('2020-11-30T23:59:59.999Z');
    expect(old.durationGranularityMs).toBe(100);
    expect(old.architectures.x86_64?.durationTiers).toEqual([{ pricePerGbSecond: '0.00001667' }]);
    const december = usEast1('2020-12-01T00:00:00Z');
    expect(december.durationGranularityMs).toBe(1);
    expect(december.architectures.x86_64?.durationTiers).toEqual([
      { pricePerGbSecond: '0.0000166667' },
    ]);
  });

  it('dates Lambda@Edge at 50 ms until 2021-03-31 and 1 ms from 2021-04-01 (§3.3)', () => {
    expect(usEast1('2021-03-31T23:59:59Z').edge?.durationGranularityMs).toBe(50);
    expect(usEast1('2021-04-01T00:00:00Z').edge?.durationGranularityMs).toBe(1);
  });

  it('has arm64 from 2021-09-29, tiers from 2022-08-01 and managed-runtime INIT from 2025-08-01', () => {
    expect(usEast1('2021-09-28T23:59:59Z').architectures.arm64).toBeUndefined();
    expect(usEast1('2021-09-29T00:00:00Z').architectures.arm64?.durationTiers).toHaveLength(1);
    expect(usEast1('2022-07-31T23:59:59Z').architectures.x86_64?.durationTiers).toHaveLength(1);
    expect(usEast1('2022-08-01T00:00:00Z').architectures.x86_64?.durationTiers).toHaveLength(3);
    expect(usEast1('2025-07-31T23:59:59Z').managedRuntimeZipInitBilled).toBe(false);
    expect(usEast1('2025-08-01T00:00:00Z').managedRuntimeZipInitBilled).toBe(true);
  });

  it('has nothing before Lambda launched on 2014-11-13', () => {
    expect(rateCardAt('us-east-1', LAMBDA_LAUNCH_MS - 1)).toBeUndefined();
    expect(rateCardAt('us-east-1', LAMBDA_LAUNCH_MS)?.effectiveFrom).toBe('2014-11-13');
    expect(LAMBDA_LAUNCH_MS).toBe(at('2014-11-13T00:00:00Z'));
  });

  it('the free tier: 1M requests and 400,000 GB-s a month (§5)', () => {
    expect(FREE_TIER).toEqual({ requestsPerMonth: 1_000_000, gbSecondsPerMonth: 400_000 });
  });
});

describe('Other regions (spec pricing §9)', () => {
  it('lists the fourteen regions of §9', () => {
    expect(REGIONS).toEqual([
      'us-east-1',
      'us-east-2',
      'us-west-2',
      'eu-west-1',
      'ap-south-1',
      'eu-central-1',
      'eu-west-2',
      'af-south-1',
      'ap-east-1',
      'eu-south-1',
      'me-south-1',
      'eu-central-2',
      'ap-southeast-5',
      'sa-east-1',
    ]);
  });

  it('carries the §9 columns, one duration tier, and no arm64 provisioned concurrency', () => {
    const card = rateCardAt('af-south-1', at('2026-01-01T00:00:00Z'))!;
    expect(card.requestPrice).toBe('0.0000002700');
    expect(card.architectures.x86_64).toEqual({
      durationTiers: [{ pricePerGbSecond: '0.0000221000' }],
      provisionedConcurrency: {
        pricePerGbSecond: '0.0000055300',
        durationPricePerGbSecond: '0.0000129000',
      },
    });
    expect(card.architectures.arm64).toEqual({
      durationTiers: [{ pricePerGbSecond: '0.0000176800' }],
    });
    expect(card.ephemeralStoragePricePerGbSecond).toBe('0.0000000404');
    expect(card.edge).toBeUndefined();
    const euWest1 = rateCardAt('eu-west-1', at('2026-01-01T00:00:00Z'))!;
    expect(euWest1.architectures.x86_64?.provisionedConcurrency).toEqual({
      pricePerGbSecond: '0.0000046460',
      durationPricePerGbSecond: '0.0000108407',
    });
  });

  it('has no rates before 2020-12-01 outside us-east-1', () => {
    expect(rateCardAt('eu-west-1', at('2020-11-30T00:00:00Z'))).toBeUndefined();
    expect(cardFor('eu-west-1', at('2020-11-30T00:00:00Z'), 'atMs')).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'RateUnavailable', field: 'atMs' },
    });
  });
});

describe('Card invariants', () => {
  const all = Object.values(RATE_CARDS).flat();

  it('every price is a plain decimal string with at most 10 decimals', () => {
    const prices = all.flatMap((card) => [
      card.requestPrice,
      card.ephemeralStoragePricePerGbSecond,
      ...Object.values(card.architectures).flatMap((rates) => [
        ...rates.durationTiers.map((t) => t.pricePerGbSecond),
        ...(rates.provisionedConcurrency === undefined
          ? []
          : [
              rates.provisionedConcurrency.pricePerGbSecond,
              rates.provisionedConcurrency.durationPricePerGbSecond,
            ]),
      ]),
    ]);
    for (const price of prices) expect(price).toMatch(/^0\.\d{1,10}$/);
  });

  it('cards of a region are in date order and prices change only on the first of a month', () => {
    for (const cards of Object.values(RATE_CARDS)) {
      for (let i = 1; i < cards.length; i += 1) {
        const [before, after] = [cards[i - 1]!, cards[i]!];
        expect(after.effectiveFromMs).toBeGreaterThan(before.effectiveFromMs);
        const samePrices =
          before.requestPrice === after.requestPrice &&
          before.durationGranularityMs === after.durationGranularityMs &&
          JSON.stringify(before.architectures.x86_64) ===
            JSON.stringify(after.architectures.x86_64);
        if (!samePrices) expect(utcParts(after.effectiveFromMs).day).toBe(1);
      }
    }
  });

  it('a later card keeps every line of an earlier one (availability only grows)', () => {
    for (const cards of Object.values(RATE_CARDS)) {
      for (let i = 1; i < cards.length; i += 1) {
        const [before, after] = [cards[i - 1]!, cards[i]!];
        for (const arch of ['x86_64', 'arm64'] as const) {
          if (before.architectures[arch] !== undefined) {
            expect(after.architectures[arch]).toBeDefined();
          }
          if (before.architectures[arch]?.provisionedConcurrency !== undefined) {
            expect(after.architectures[arch]?.provisionedConcurrency).toBeDefined();
          }
        }
      }
    }
  });

  it('effectiveFromMs is midnight UTC of effectiveFrom', () => {
    for (const card of all)
      expect(card.effectiveFromMs).toBe(at(`${card.effectiveFrom}T00:00:00Z`));
  });
});

describe('Lookups', () => {
  it('cardFor refuses an unknown region and a date before Lambda, naming the field', () => {
    expect(cardFor('mars-1', at('2026-01-01T00:00:00Z'), 'atMs')).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'UnknownRegion', field: 'region' },
    });
    const early = cardFor('us-east-1', at('2014-11-12T23:59:59Z'), 'atMs');
    expect(early).toMatchObject({
      _tag: 'Left',
      left: { _tag: 'BeforeLambdaLaunch', field: 'atMs' },
    });
    expect(early._tag === 'Left' && early.left.message).toContain('2014-11-13');
  });

  it('architectureRates refuses an unknown architecture, arm64 before Graviton2, arm64 PC outside us-east-1', () => {
    const now = rateCardAt('eu-west-1', at('2026-01-01T00:00:00Z'))!;
    expect(architectureRates(now, 'ppc64', false)).toMatchObject({
      left: { _tag: 'UnknownArchitecture', field: 'architecture' },
    });
    expect(architectureRates(now, 'arm64', true)).toMatchObject({
      left: { _tag: 'RateUnavailable', field: 'architecture' },
    });
    expect(architectureRates(now, 'arm64', false)._tag).toBe('Right');
    expect(architectureRates(usEast1('2021-01-01T00:00:00Z'), 'arm64', false)).toMatchObject({
      left: { _tag: 'RateUnavailable' },
    });
  });

  it('rateCardAt of an unknown region is undefined', () => {
    expect(rateCardAt('__proto__', at('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});
