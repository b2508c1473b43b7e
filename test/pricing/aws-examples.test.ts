/**
 * AWS's published pricing examples, worked by the calculator: each to the cent as AWS prints it
 * and to the last decimal unrounded (spec pricing §3.6: AWS rounds each printed line half-up).
 */
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/kernel/money.js';
import type { Estimate, EstimateInput } from '../../src/pricing/estimate.js';
import { estimate } from '../../src/pricing/estimate.js';
import type { LineKind, PricedLine } from '../../src/pricing/lines.js';

/** The estimate of an input that must be valid. */
function priced(input: EstimateInput): Estimate {
  const result = estimate(input);
  if (result._tag === 'Left') return expect.fail(`${result.left._tag}: ${result.left.message}`);
  return result.right;
}

/** The one line of a kind (and tier), which must exist. */
function lineOf(e: Estimate, kind: LineKind, tier?: number): PricedLine {
  const found = e.lines.filter((l) => l.kind === kind && (tier === undefined || l.tier === tier));
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** Each line: [kind, tier, quantity, amount unrounded, amount as AWS prints it]. */
type Expected = ReadonlyArray<readonly [LineKind, number | undefined, string, string, string]>;

function expectLines(e: Estimate, expected: Expected): void {
  for (const [kind, tier, quantity, amount, printed] of expected) {
    const line = lineOf(e, kind, tier);
    expect(line.quantity).toBe(quantity);
    expect(line.amount).toBe(amount);
    expect(formatUsd(line.amount)).toBe(printed);
  }
  expect(e.lines).toHaveLength(expected.length);
}

const NOW = '2026-01';

describe('AWS pricing page, on-demand examples (spec pricing §1, §5, §6)', () => {
  it('Example 1, mobile backend: 3M × 120 ms at 1536 MB, free tier → $2.33 + $0.40 = $2.73', () => {
    const e = priced({
      requests: 3_000_000,
      averageDurationMs: 120,
      memorySizeMb: 1536,
      month: NOW,
    });
    expectLines(e, [
      ['requests', undefined, '2000000', '0.4', '$0.40'],
      // 540,000 GB-s − 400,000 free = 140,000 × 0.0000166667.
      ['duration', 1, '140000', '2.333338', '$2.33'],
    ]);
    expect(lineOf(e, 'duration').freeQuantity).toBe('400000');
    expect(lineOf(e, 'requests').freeQuantity).toBe('1000000');
    expect(e.total).toBe('2.733338');
    expect(formatUsd(e.total)).toBe('$2.73');
  });

  it('Example 2, telemetry: 7.44M × 2 s at 1024 MB, free tier ignored by AWS → $1.49 + $248.00 = $249.49', () => {
    const e = priced({
      requests: 7_440_000,
      averageDurationMs: 2000,
      memorySizeMb: 1024,
      month: NOW,
      freeTier: false,
    });
    expectLines(e, [
      // AWS: "$1.488 ~= $1.49".
      ['requests', undefined, '7440000', '1.488', '$1.49'],
      ['duration', 1, '14880000', '248.000496', '$248.00'],
    ]);
    expect(e.total).toBe('249.488496');
    expect(formatUsd(e.total)).toBe('$249.49');
  });

  it('Example 3, BERT with 2048 MB ephemeral storage: $105.33 + $1 + $0.08 = $106.41', () => {
    const e = priced({
      requests: 6_000_000,
      averageDurationMs: 280,
      memorySizeMb: 4096,
      ephemeralStorageMb: 2048,
      month: NOW,
    });
    expectLines(e, [
      ['requests', undefined, '5000000', '1', '$1.00'],
      ['duration', 1, '6320000', '105.333544', '$105.33'],
      // (2048 − 512) MB / 1024 × 1,680,000 s = 2,520,000 GB-s × 0.0000000309.
      ['ephemeral-storage', undefined, '2520000', '0.077868', '$0.08'],
    ]);
    expect(e.total).toBe('106.411412');
    expect(formatUsd(e.total)).toBe('$106.41');
  });

  it("the response-streaming example's compute and requests: $30.83 + $0.40", () => {
    const e = priced({
      requests: 3_000_000,
      averageDurationMs: 500,
      memorySizeMb: 1536,
      month: NOW,
    });
    expectLines(e, [
      ['requests', undefined, '2000000', '0.4', '$0.40'],
      ['duration', 1, '1850000', '30.833395', '$30.83'],
    ]);
  });

  it("the durable-functions example's compute and requests on arm64: $421.34 + $0.20", () => {
    // 1M executions × 2 invocations (30 s + 2 s) at 1 GB on Arm = 32,000,000 GB-s.
    const e = priced({
      requests: 2_000_000,
      averageDurationMs: 16_000,
      memorySizeMb: 1024,
      architecture: 'arm64',
      month: NOW,
    });
    expectLines(e, [
      ['requests', undefined, '1000000', '0.2', '$0.20'],
      ['duration', 1, '31600000', '421.33544', '$421.34'],
    ]);
  });

  it("the tenant-isolation example's compute: 20M GB-s is $333.33, where the page prints $333.34 (C7)", () => {
    const e = priced({
      requests: 10_000_000,
      averageDurationMs: 2000,
      memorySizeMb: 1024,
      month: NOW,
      freeTier: false,
    });
    expect(lineOf(e, 'duration').amount).toBe('333.334');
    // Half-up of 333.334 is 333.33: the page's $333.34 is an arithmetic anomaly (spec §3.6, C7).
    expect(formatUsd(lineOf(e, 'duration').amount)).toBe('$333.33');
    expect(lineOf(e, 'requests').amount).toBe('2');
  });
});

describe('AWS pricing page, provisioned concurrency examples (spec pricing §7, C5)', () => {
  it('Example 1, launch day: PC 100 for 8 h at 1536 MB → $18 + $0.40 + $0.73 + $0.83 = $19.96', () => {
    const e = priced({
      requests: 3_000_000,
      averageDurationMs: 120,
      memorySizeMb: 1536,
      month: NOW,
      provisionedConcurrency: {
        concurrency: 100,
        hours: 8,
        requests: 500_000,
        averageDurationMs: 100,
      },
    });
    expectLines(e, [
      // The page subtracts the 1M free requests from all 3M, PC-served ones included (C5).
      ['requests', undefined, '2000000', '0.4', '$0.40'],
      // 2.5M × 120 ms × 1.5 GB = 450,000 GB-s − 400,000 free.
      ['duration', 1, '50000', '0.833335', '$0.83'],
      // 100 × 1.5 GB × 28,800 s = 4,320,000 GB-s × 0.0000041667 (AWS prints "$18").
      ['provisioned-concurrency', undefined, '4320000', '18.000144', '$18.00'],
      // 500,000 × 100 ms × 1.5 GB = 75,000 GB-s × 0.0000097222.
      ['provisioned-duration', undefined, '75000', '0.729165', '$0.73'],
    ]);
    expect(e.total).toBe('19.962644');
    expect(formatUsd(e.total)).toBe('$19.96');
  });

  it('Example 2, Cyber Monday: PC 7 for 24 h at 4096 MB, no free tier → $10.08 + $21.78 + $0.40 = $32.26', () => {
    const e = priced({
      requests: 2_000_000,
      averageDurationMs: 280,
      memorySizeMb: 4096,
      month: NOW,
      freeTier: false,
      provisionedConcurrency: { concurrency: 7, hours: 24, requests: 2_000_000 },
    });
    expectLines(e, [
      ['requests', undefined, '2000000', '0.4', '$0.40'],
      ['provisioned-concurrency', undefined, '2419200', '10.08008064', '$10.08'],
      ['provisioned-duration', undefined, '2240000', '21.777728', '$21.78'],
    ]);
    expect(e.total).toBe('32.25780864');
    expect(formatUsd(e.total)).toBe('$32.26');
  });

  it('the infracost arm64 golden: 9,000,000 PC GB-s is $30.00, 1,750,000 PC-duration GB-s $13.61', () => {
    // 9,000,000 GB-s = 1 × 1024 MB × 2,500 h … spread as 5 concurrency × 500 h at 1024 MB × 3.6.
    const e = priced({
      requests: 1_750_000,
      averageDurationMs: 1000,
      memorySizeMb: 1024,
      architecture: 'arm64',
      month: NOW,
      freeTier: false,
      provisionedConcurrency: { concurrency: 5, hours: 500, requests: 1_750_000 },
    });
    expect(lineOf(e, 'provisioned-concurrency').quantity).toBe('9000000');
    expect(lineOf(e, 'provisioned-concurrency').amount).toBe('30.0006');
    expect(formatUsd(lineOf(e, 'provisioned-concurrency').amount)).toBe('$30.00');
    expect(lineOf(e, 'provisioned-duration').amount).toBe('13.61115');
    expect(formatUsd(lineOf(e, 'provisioned-duration').amount)).toBe('$13.61');
  });
});

describe('The 100 ms era: $0.00001667 per GB-s, each invocation rounded up to 100 ms (spec pricing §3.2, C2)', () => {
  it('old Example 1: 512 MB, 3M × 1 s → $18.34 + $0.40 = $18.74', () => {
    const e = priced({
      requests: 3_000_000,
      averageDurationMs: 1000,
      memorySizeMb: 512,
      month: '2019-06',
    });
    expect(e.rateCardEffectiveFrom).toBe('2014-11-13');
    expectLines(e, [
      ['requests', undefined, '2000000', '0.4', '$0.40'],
      ['duration', 1, '1100000', '18.337', '$18.34'],
    ]);
    expect(formatUsd(e.total)).toBe('$18.74');
  });

  it('old Example 1 at the 10-decimal price gives $18.33, which is why the era keeps 0.00001667 (C2)', () => {
    const e = priced({
      requests: 3_000_000,
      averageDurationMs: 1000,
      memorySizeMb: 512,
      month: NOW,
    });
    expect(formatUsd(lineOf(e, 'duration').amount)).toBe('$18.33');
  });

  it('old Example 2: 128 MB, 30M × 200 ms → $5.83 + $5.80 = $11.63', () => {
    const e = priced({
      requests: 30_000_000,
      averageDurationMs: 200,
      memorySizeMb: 128,
      month: '2019-06',
    });
    expectLines(e, [
      ['requests', undefined, '29000000', '5.8', '$5.80'],
      // 750,000 − 400,000 = 350,000 × 0.00001667 = 5.8345, half-up to cents: 5.83.
      ['duration', 1, '350000', '5.8345', '$5.83'],
    ]);
    expect(formatUsd(e.total)).toBe('$11.63');
  });
});

describe('The 1 ms billing change of December 2020 ([B-1MS], spec pricing §3.2)', () => {
  it('27.40 ms was billed 100 ms in November 2020; 27.55 ms is billed 28 ms from December 2020', () => {
    const before = priced({
      requests: 1,
      averageDurationMs: 27.4,
      memorySizeMb: 1024,
      month: '2020-11',
      freeTier: false,
    });
    const after = priced({
      requests: 1,
      averageDurationMs: 27.55,
      memorySizeMb: 1024,
      month: '2020-12',
      freeTier: false,
    });
    expect(lineOf(before, 'duration').quantity).toBe('0.1');
    expect(lineOf(before, 'duration').unitPrice).toBe('0.00001667');
    expect(lineOf(after, 'duration').quantity).toBe('0.028');
    expect(lineOf(after, 'duration').unitPrice).toBe('0.0000166667');
  });

  it("the blog's 60M × 28 ms at 1 GB: $12 requests + $28 compute from December 2020", () => {
    const e = priced({
      requests: 60_000_000,
      averageDurationMs: 28,
      memorySizeMb: 1024,
      month: '2020-12',
      freeTier: false,
    });
    expectLines(e, [
      ['requests', undefined, '60000000', '12', '$12.00'],
      ['duration', 1, '1680000', '28.000056', '$28.00'],
    ]);
  });

  it('the same traffic in November 2020 is billed 100 ms each: $100.02 at $0.00001667 (the blog prints $100 at the 10-decimal price)', () => {
    const e = priced({
      requests: 60_000_000,
      averageDurationMs: 28,
      memorySizeMb: 1024,
      month: '2020-11',
      freeTier: false,
    });
    expect(lineOf(e, 'duration').quantity).toBe('6000000');
    expect(lineOf(e, 'duration').amount).toBe('100.02');
  });
});

describe('Graduated tiers: the infracost goldens (spec pricing §1.2, [IC])', () => {
  const golden = (
    requests: number,
    averageDurationMs: number,
    memorySizeMb: number,
    architecture: 'x86_64' | 'arm64',
  ): Estimate =>
    priced({
      requests,
      averageDurationMs,
      memorySizeMb,
      architecture,
      month: NOW,
      freeTier: false,
    });

  it('15B × 2048 ms at 2048 MB x86 = 61.44B GB-s: 6B + 9B + 46.44B', () => {
    const e = golden(15_000_000_000, 2048, 2048, 'x86_64');
    expectLines(e, [
      ['requests', undefined, '15000000000', '3000', '$3,000.00'],
      ['duration', 1, '6000000000', '100000.2', '$100,000.20'],
      ['duration', 2, '9000000000', '135000', '$135,000.00'],
      ['duration', 3, '46440000000', '619203.096', '$619,203.10'],
    ]);
    expect(e.total).toBe('857203.296');
  });

  it('18.25B × 2048 ms at 2048 MB arm64 = 74.752B GB-s: 7.5B + 11.25B + 56.002B', () => {
    expectLines(golden(18_250_000_000, 2048, 2048, 'arm64'), [
      ['requests', undefined, '18250000000', '3650', '$3,650.00'],
      ['duration', 1, '7500000000', '100000.5', '$100,000.50'],
      ['duration', 2, '11250000000', '135001.125', '$135,001.13'],
      ['duration', 3, '56002000000', '597356.5334', '$597,356.53'],
    ]);
  });

  it('the two-tier goldens: 9.216B x86 and 11.52B arm64', () => {
    expectLines(golden(9_000_000_000, 1024, 1024, 'x86_64'), [
      ['requests', undefined, '9000000000', '1800', '$1,800.00'],
      ['duration', 1, '6000000000', '100000.2', '$100,000.20'],
      ['duration', 2, '3216000000', '48240', '$48,240.00'],
    ]);
    expectLines(golden(11_250_000_000, 1024, 1024, 'arm64'), [
      ['requests', undefined, '11250000000', '2250', '$2,250.00'],
      ['duration', 1, '7500000000', '100000.5', '$100,000.50'],
      ['duration', 2, '4020000000', '48240.402', '$48,240.40'],
    ]);
  });

  it('the tier-1 goldens: 3.072B x86 $51,200.10, 3.84B arm64 $51,200.26, 4,375 and 17,500 GB-s', () => {
    expect(formatUsd(golden(6_000_000_000, 1024, 512, 'x86_64').lines[1]!.amount)).toBe(
      '$51,200.10',
    );
    expect(formatUsd(golden(7_500_000_000, 1024, 512, 'arm64').lines[1]!.amount)).toBe(
      '$51,200.26',
    );
    const small = golden(100_000, 350, 128, 'x86_64');
    expect(lineOf(small, 'duration').quantity).toBe('4375');
    expect(formatUsd(lineOf(small, 'duration').amount)).toBe('$0.07');
    expect(formatUsd(lineOf(small, 'requests').amount)).toBe('$0.02');
    expect(formatUsd(lineOf(golden(100_000, 350, 128, 'arm64'), 'duration').amount)).toBe('$0.06');
    expect(formatUsd(lineOf(golden(100_000, 350, 512, 'x86_64'), 'duration').amount)).toBe('$0.29');
    expect(formatUsd(lineOf(golden(100_000, 350, 512, 'arm64'), 'duration').amount)).toBe('$0.23');
  });

  it('exactly 6B GB-s is all tier 1; one GB-s more is priced at tier 2', () => {
    // 1 GB × 1 s per request: the request count is the GB-s.
    const at = golden(6_000_000_000, 1000, 1024, 'x86_64');
    expectLines(at, [
      ['requests', undefined, '6000000000', '1200', '$1,200.00'],
      ['duration', 1, '6000000000', '100000.2', '$100,000.20'],
    ]);
    const above = golden(6_000_000_001, 1000, 1024, 'x86_64');
    expect(lineOf(above, 'duration', 1).quantity).toBe('6000000000');
    expect(lineOf(above, 'duration', 2).quantity).toBe('1');
    expect(lineOf(above, 'duration', 2).amount).toBe('0.000015');
    expect(above.total).toBe('101200.2000152');
  });

  it('before the August 2022 billing cycle there are no tiers: 61.44B GB-s all at 0.0000166667', () => {
    const e = priced({
      requests: 15_000_000_000,
      averageDurationMs: 2048,
      memorySizeMb: 2048,
      month: '2022-07',
      freeTier: false,
    });
    expectLines(e, [
      ['requests', undefined, '15000000000', '3000', '$3,000.00'],
      ['duration', 1, '61440000000', '1024002.048', '$1,024,002.05'],
    ]);
  });
});

describe('Price lines the calculator does not itemise, checked against the card (spec pricing §8)', () => {
  it('Lambda@Edge: 10M × 10 ms at 128 MB = $0.63 + $6.00; SnapStart cache $4.03 and restore $10.4', async () => {
    const { rateCardAt } = await import('../../src/pricing/rates.js');
    const { exact, toDecimalString } = await import('../../src/kernel/money.js');
    const card = rateCardAt('us-east-1', Date.UTC(2026, 0, 1))!;
    const edge = card.edge!;
    // 100,000 s × 128/1024 GB.
    const edgeCompute = exact(100_000)
      .times(exact(128))
      .dividedBy(1024)
      .times(exact(edge.durationPricePerGbSecond));
    expect(toDecimalString(edgeCompute)).toBe('0.625125');
    expect(formatUsd(toDecimalString(edgeCompute))).toBe('$0.63');
    expect(formatUsd(toDecimalString(exact(10_000_000).times(exact(edge.requestPrice))))).toBe(
      '$6.00',
    );
    const snap = card.snapStart!;
    const cache = exact(2_678_400).times(exact(snap.cachePricePerGbSecond));
    expect(formatUsd(toDecimalString(cache))).toBe('$4.03');
    const restore = exact(74_400).times(exact(snap.restorePricePerGb));
    expect(toDecimalString(restore)).toBe('10.40110512');
    expect(formatUsd(toDecimalString(restore))).toBe('$10.40');
    const stream = card.responseStreaming!;
    // 1M requests × (7 MB − 6 MB) = 1,000,000 MB = 976.5625 GB × $0.008.
    expect(toDecimalString(exact(1_000_000).dividedBy(1024).times(exact(stream.pricePerGb)))).toBe(
      '7.8125',
    );
  });
});
