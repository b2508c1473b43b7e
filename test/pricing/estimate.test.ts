/** The calculator: options, defaults and bad input (spec pricing §1.4, §4, §7, §10). */
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/kernel/money.js';
import { estimate, type Estimate, type EstimateInput } from '../../src/pricing/estimate.js';
import type { PricingErrorTag } from '../../src/pricing/errors.js';

const base: EstimateInput = {
  requests: 1000,
  averageDurationMs: 100,
  memorySizeMb: 1024,
  month: '2026-01',
  freeTier: false,
};

function priced(input: EstimateInput): Estimate {
  const result = estimate(input);
  if (result._tag === 'Left') return expect.fail(`${result.left._tag}: ${result.left.message}`);
  return result.right;
}

function refused(input: unknown, tag: PricingErrorTag, field: string): string {
  const result = estimate(input as EstimateInput);
  if (result._tag === 'Right') return expect.fail(`expected ${tag} on ${field}`);
  expect(result.left._tag).toBe(tag);
  expect(result.left.field).toBe(field);
  expect(result.left.message).toContain(field);
  return result.left.message;
}

const amountOf = (e: Estimate, kind: string): string | undefined =>
  e.lines.find((l) => l.kind === kind)?.amount;

describe('Defaults', () => {
  it('us-east-1, x86_64, 512 MB storage, free tier on, the newest card when no month is given', () => {
    const e = priced({ requests: 10, averageDurationMs: 5, memorySizeMb: 128 });
    expect(e).toMatchObject({
      region: 'us-east-1',
      architecture: 'x86_64',
      freeTier: true,
      currency: 'USD',
      rateCardEffectiveFrom: '2025-08-01',
    });
    expect(e.month).toBeUndefined();
    expect(e.lines.every((l) => l.amount === '0')).toBe(true);
    expect(e.total).toBe('0');
  });

  it('zero requests cost nothing and have no lines', () => {
    expect(priced({ ...base, requests: 0 })).toMatchObject({ lines: [], total: '0' });
  });
});

describe('Regions and architectures (spec pricing §9)', () => {
  it('prices a region with its own rates: af-south-1', () => {
    const e = priced({
      ...base,
      region: 'af-south-1',
      requests: 1_000_000,
      averageDurationMs: 1000,
    });
    expect(amountOf(e, 'requests')).toBe('0.27');
    // 1,000,000 GB-s at 0.0000221, no tiers.
    expect(amountOf(e, 'duration')).toBe('22.1');
  });

  it('regions without published tiers 2 and 3 price every GB-s at tier 1', () => {
    const e = priced({
      ...base,
      region: 'eu-west-1',
      requests: 10_000_000_000,
      averageDurationMs: 1000,
    });
    expect(e.lines.filter((l) => l.kind === 'duration')).toHaveLength(1);
    expect(e.lines.find((l) => l.kind === 'duration')?.description).toBe('Duration');
  });

  it('arm64 is priced from September 2021 on; arm64 PC outside us-east-1 has no rate', () => {
    expect(priced({ ...base, architecture: 'arm64', month: '2021-09' }).rateCardEffectiveFrom).toBe(
      '2021-09-29',
    );
    refused(
      { ...base, architecture: 'arm64', month: '2021-08' },
      'RateUnavailable',
      'architecture',
    );
    refused(
      {
        ...base,
        architecture: 'arm64',
        region: 'eu-west-1',
        provisionedConcurrency: { concurrency: 1, hours: 1 },
      },
      'RateUnavailable',
      'architecture',
    );
    expect(
      priced({
        ...base,
        region: 'eu-west-1',
        provisionedConcurrency: { concurrency: 1, hours: 1 },
      }).lines.find((l) => l.kind === 'provisioned-concurrency')?.unitPrice,
    ).toBe('0.0000046460');
  });
});

describe('INIT (spec pricing §4)', () => {
  const cold = {
    ...base,
    requests: 10,
    averageDurationMs: 38.66,
    coldStarts: { count: 1, initDurationMs: 203.69 },
  };
  const durationOf = (e: Estimate): string | undefined =>
    e.lines.find((l) => l.kind === 'duration')?.quantity;

  it('a managed runtime on ZIP: INIT unbilled before 2025-08-01 (go1.x 38.66 + 203.69 → 39 ms), billed after', () => {
    // 10 × 39 ms × 1 GB.
    expect(durationOf(priced({ ...cold, month: '2025-07' }))).toBe('0.39');
    // 9 × 39 ms + 1 × ceil(242.35) = 243 ms.
    expect(durationOf(priced({ ...cold, month: '2025-08' }))).toBe('0.594');
  });

  it('a custom runtime and a container image: INIT billed before 2025-08-01 too', () => {
    expect(durationOf(priced({ ...cold, month: '2025-07', runtime: 'provided.al2023' }))).toBe(
      '0.594',
    );
    expect(durationOf(priced({ ...cold, month: '2025-07', packageType: 'Image' }))).toBe('0.594');
  });

  it('the 100 ms era Node.js example: 128.83 ms + INIT 166.62 → billed 200 ms', () => {
    const e = priced({
      ...base,
      requests: 1,
      averageDurationMs: 128.83,
      memorySizeMb: 1024,
      month: '2019-06',
      coldStarts: { count: 1, initDurationMs: 166.62 },
    });
    expect(durationOf(e)).toBe('0.2');
  });
});

describe('Provisioned concurrency (spec pricing §3.4, §7)', () => {
  it('rounds the hours enabled up to five minutes', () => {
    const pc = (hours: number): string | undefined =>
      priced({
        ...base,
        requests: 0,
        provisionedConcurrency: { concurrency: 1, hours },
      }).lines.find((l) => l.kind === 'provisioned-concurrency')?.quantity;
    expect(pc(1)).toBe('3600');
    expect(pc(1 / 3)).toBe('1200');
    expect(pc(0.0001)).toBe('300');
    expect(pc(0)).toBeUndefined();
  });

  it('never takes the free tier for PC lines', () => {
    const e = priced({
      ...base,
      freeTier: true,
      provisionedConcurrency: { concurrency: 1, hours: 1, requests: 1000 },
    });
    for (const l of e.lines.filter((x) => x.kind.startsWith('provisioned')))
      expect(l.freeQuantity).toBe('0');
  });
});

describe('Large asynchronous events (spec pricing §1.1)', () => {
  it('counts 13 requests for each 1 MB event', () => {
    const e = priced({ ...base, requests: 1000, asyncEventBytes: 1_048_576 });
    expect(e.lines.find((l) => l.kind === 'requests')?.quantity).toBe('13000');
  });
});

describe('Bad input is a typed Left naming the field', () => {
  it('refuses negative or fractional requests', () => {
    expect(refused({ ...base, requests: -1 }, 'InvalidInput', 'requests')).toBe(
      'requests must be a non-negative integer; got -1',
    );
    refused({ ...base, requests: 1.5 }, 'InvalidInput', 'requests');
    refused({ ...base, requests: Number.NaN }, 'InvalidInput', 'requests');
    refused({ ...base, requests: '10' }, 'InvalidInput', 'requests');
  });

  it('refuses memory outside 128–10,240 MB and storage outside 512–10,240 MB', () => {
    expect(refused({ ...base, memorySizeMb: 127 }, 'InvalidInput', 'memorySizeMb')).toBe(
      'memorySizeMb must be an integer from 128 to 10240 (spec pricing §1.4); got 127',
    );
    refused({ ...base, memorySizeMb: 10_241 }, 'InvalidInput', 'memorySizeMb');
    refused({ ...base, memorySizeMb: 1024.5 }, 'InvalidInput', 'memorySizeMb');
    refused({ ...base, ephemeralStorageMb: 511 }, 'InvalidInput', 'ephemeralStorageMb');
    refused({ ...base, ephemeralStorageMb: 10_241 }, 'InvalidInput', 'ephemeralStorageMb');
  });

  it('refuses negative, infinite or over-timeout durations', () => {
    refused({ ...base, averageDurationMs: -0.5 }, 'InvalidInput', 'averageDurationMs');
    refused(
      { ...base, averageDurationMs: Number.POSITIVE_INFINITY },
      'InvalidInput',
      'averageDurationMs',
    );
    refused({ ...base, averageDurationMs: 900_001 }, 'InvalidInput', 'averageDurationMs');
  });

  it('refuses an unknown region or architecture', () => {
    expect(refused({ ...base, region: 'us-moon-1' }, 'UnknownRegion', 'region')).toContain(
      'us-moon-1',
    );
    expect(
      refused({ ...base, architecture: 'riscv64' }, 'UnknownArchitecture', 'architecture'),
    ).toContain('riscv64');
  });

  it('refuses a month before Lambda existed or badly written', () => {
    expect(refused({ ...base, month: '2014-10' }, 'BeforeLambdaLaunch', 'month')).toBe(
      'month 2014-10 is before AWS Lambda launched on 2014-11-13 (spec pricing §3.2)',
    );
    expect(priced({ ...base, month: '2014-11' }).rateCardEffectiveFrom).toBe('2014-11-13');
    refused({ ...base, month: '2026-13' }, 'InvalidInput', 'month');
    refused({ ...base, month: '2026-1' }, 'InvalidInput', 'month');
    refused({ ...base, month: 202601 }, 'InvalidInput', 'month');
    refused({ ...base, region: 'eu-west-1', month: '2019-01' }, 'RateUnavailable', 'month');
  });

  it('refuses bad provisioned-concurrency, cold-start, async and flag inputs', () => {
    refused(
      { ...base, provisionedConcurrency: { concurrency: 0, hours: 1 } },
      'InvalidInput',
      'provisionedConcurrency.concurrency',
    );
    refused(
      { ...base, provisionedConcurrency: { concurrency: 1, hours: -1 } },
      'InvalidInput',
      'provisionedConcurrency.hours',
    );
    refused(
      { ...base, provisionedConcurrency: { concurrency: 1, hours: 745 } },
      'InvalidInput',
      'provisionedConcurrency.hours',
    );
    refused(
      { ...base, provisionedConcurrency: { concurrency: 1, hours: 1, requests: 1001 } },
      'InvalidInput',
      'provisionedConcurrency.requests',
    );
    refused(
      { ...base, provisionedConcurrency: { concurrency: 1, hours: 1, averageDurationMs: -1 } },
      'InvalidInput',
      'provisionedConcurrency.averageDurationMs',
    );
    refused(
      { ...base, coldStarts: { count: 1001, initDurationMs: 1 } },
      'InvalidInput',
      'coldStarts.count',
    );
    refused(
      { ...base, coldStarts: { count: 1, initDurationMs: -1 } },
      'InvalidInput',
      'coldStarts.initDurationMs',
    );
    refused({ ...base, asyncEventBytes: 1_048_577 }, 'InvalidInput', 'asyncEventBytes');
    refused({ ...base, freeTier: 'yes' }, 'InvalidInput', 'freeTier');
    refused({ ...base, packageType: 'Jar' }, 'InvalidInput', 'packageType');
    refused({ ...base, runtime: 22 }, 'InvalidInput', 'runtime');
  });
});

describe('Exactness', () => {
  it('keeps every digit: 1 request of 1 ms at 128 MB', () => {
    const e = priced({ ...base, requests: 1, averageDurationMs: 1, memorySizeMb: 128 });
    // 128/1024 GB × 0.001 s = 0.000125 GB-s × 0.0000166667.
    expect(e.lines.find((l) => l.kind === 'duration')).toMatchObject({
      quantity: '0.000125',
      amount: '0.0000000020833375',
    });
    expect(e.total).toBe('0.0000002020833375');
    expect(formatUsd(e.total)).toBe('$0.00');
  });
});
