/**
 * Properties of pricing (spec pricing §1.2, §3, §5, §10). Logs are built by folding real commands
 * through `decide`/`evolve` (test/support/scenario.ts); no event is ever written by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exact, formatUsd, parseDecimalString } from '../../src/kernel/money.js';
import { initialState, type LambdaEvent } from '../../src/lambda.js';
import {
  billEvents,
  emptyBill,
  invoices,
  type Bill,
  type InvoiceLine,
} from '../../src/pricing/bill.js';
import { estimate, type Estimate, type EstimateInput } from '../../src/pricing/estimate.js';
import type { PricedLine } from '../../src/pricing/lines.js';
import { Scenario } from '../support/scenario.js';

const PLAIN = /^-?\d+(\.\d+)?$/;
const PRINTED = /^-?\$\d{1,3}(,\d{3})*\.\d{2}$/;
const FEB_2026 = Date.parse('2026-02-01T00:00:00Z');

function priced(input: EstimateInput): Estimate {
  const result = estimate(input);
  if (result._tag === 'Left') return expect.fail(`${result.left._tag}: ${result.left.message}`);
  return result.right;
}

function billOf(log: ReadonlyArray<LambdaEvent>, freeTier: boolean, from?: Bill): Bill {
  const empty = emptyBill({ freeTier });
  if (empty._tag === 'Left') return expect.fail(empty.left.message);
  const billed = billEvents(from ?? empty.right, log);
  if (billed._tag === 'Left') return expect.fail(`${billed.left._tag}: ${billed.left.message}`);
  return billed.right;
}

const lessOrEqual = (a: string, b: string): boolean => exact(a as never).lte(exact(b as never));

/** A duration in ms with at most two decimals, as REPORT lines print them. */
const durationMs = (max: number): fc.Arbitrary<number> =>
  fc.integer({ min: 0, max: max * 100 }).map((hundredths) => hundredths / 100);

const MONTHS = [
  '2019-06',
  '2020-11',
  '2020-12',
  '2022-07',
  '2024-03',
  '2025-07',
  '2026-01',
] as const;

const usage = fc.record({
  requests: fc.integer({ min: 0, max: 20_000_000 }),
  averageDurationMs: durationMs(20_000),
  memorySizeMb: fc.integer({ min: 128, max: 10_240 }),
  ephemeralStorageMb: fc.integer({ min: 512, max: 10_240 }),
  freeTier: fc.boolean(),
  month: fc.constantFrom(...MONTHS),
  architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
  region: fc.constantFrom('us-east-1', 'eu-west-1', 'af-south-1'),
});

/** arm64 exists from 2021-09 and regional cards from 2020-12: keep inputs that can be priced. */
const priceable = usage.filter(
  (u) =>
    (u.architecture === 'x86_64' || u.month >= '2021-09') &&
    (u.region === 'us-east-1' || u.month >= '2020-12'),
);

describe('Cost never decreases when usage grows', () => {
  it('holds for requests, duration, memory and storage', () => {
    fc.assert(
      fc.property(
        priceable,
        fc.integer({ min: 0, max: 1_000_000 }),
        durationMs(5_000),
        fc.integer({ min: 0, max: 2_048 }),
        fc.integer({ min: 0, max: 2_048 }),
        (u, moreRequests, moreMs, moreMemory, moreStorage) => {
          const total = priced(u).total;
          const grown = [
            { ...u, requests: u.requests + moreRequests },
            { ...u, averageDurationMs: Math.min(900_000, u.averageDurationMs + moreMs) },
            { ...u, memorySizeMb: Math.min(10_240, u.memorySizeMb + moreMemory) },
            { ...u, ephemeralStorageMb: Math.min(10_240, u.ephemeralStorageMb + moreStorage) },
          ];
          for (const input of grown) expect(lessOrEqual(total, priced(input).total)).toBe(true);
        },
      ),
    );
  });
});

describe('The tier schedule is continuous (spec pricing §1.2)', () => {
  // 1 GB × 1 s per request: one more request is one more GB-s (and one more request's price).
  const ends = { x86_64: [6_000_000_000, 15_000_000_000], arm64: [7_500_000_000, 18_750_000_000] };
  const tierOne = { x86_64: '0.0000166667', arm64: '0.0000133334' };
  const lowest = { x86_64: '0.0000133334', arm64: '0.0000106667' };

  it('one more GB-s costs between the lowest tier price and the tier-1 price, at and around the ends', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('x86_64' as const, 'arm64' as const),
        fc.oneof(
          fc.tuple(fc.constantFrom(0, 1), fc.integer({ min: -3, max: 3 })),
          fc.tuple(fc.constant(2), fc.integer({ min: 0, max: 30_000_000_000 })),
        ),
        (architecture, [which, offset]) => {
          const requests = which === 2 ? offset : ends[architecture][which]! + offset;
          const at = (n: number): string =>
            priced({
              requests: n,
              averageDurationMs: 1000,
              memorySizeMb: 1024,
              architecture,
              month: '2026-01',
              freeTier: false,
            }).total;
          const marginal = exact(at(requests + 1) as never)
            .minus(exact(at(requests) as never))
            .minus(exact('0.0000002' as never));
          expect(marginal.lte(exact(tierOne[architecture] as never))).toBe(true);
          expect(marginal.gte(exact(lowest[architecture] as never))).toBe(true);
        },
      ),
    );
  });
});

/** One step of a random workload on functions `a` (with version 1) and `b`. */
type Step =
  | {
      readonly kind: 'invoke';
      readonly fn: 'a' | 'b' | 'a:1';
      readonly durationMs: number;
      readonly cold: boolean;
    }
  | { readonly kind: 'advance'; readonly ms: number }
  | { readonly kind: 'next-month'; readonly ms: number }
  | { readonly kind: 'put'; readonly concurrency: number }
  | { readonly kind: 'delete' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('invoke' as const),
      fn: fc.constantFrom('a' as const, 'b' as const, 'a:1' as const),
      durationMs: durationMs(3_000),
      cold: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      ms: fc.integer({ min: 1, max: 40 * 60_000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('put' as const),
      concurrency: fc.integer({ min: 1, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const) }) },
);

/**
 * Runs the steps from 2026-01-31T23:40Z (`next-month` moves the clock into February): `a` (512 MB, with version 1) and `b` (arm64, 2048 MB,
 * 1024 MB of storage). Steps AWS would refuse (deleting a config that does not exist) are skipped
 * by the model itself; every command here is valid.
 */
function workload(steps: ReadonlyArray<Step>): Scenario {
  let s = new Scenario(initialState(), [], Date.parse('2026-01-31T23:40:00Z'))
    .withFunction('a', { MemorySize: 512, Timeout: 10 })
    .withPublishedVersion('a')
    .withFunction('b', {
      MemorySize: 2048,
      Architectures: ['arm64'],
      EphemeralStorage: { Size: 1024 },
      Timeout: 10,
    });
  steps.forEach((st, index) => {
    switch (st.kind) {
      case 'invoke': {
        const [name, qualifier] = st.fn.split(':') as [string, string | undefined];
        const id = `i${String(index)}`;
        s = s
          .invoke(
            id,
            { FunctionName: name, ...(qualifier === undefined ? {} : { Qualifier: qualifier }) },
            st.cold ? {} : { initDurationMs: 0 },
          )
          .advance(Math.ceil(st.durationMs))
          .complete(id, { durationMs: st.durationMs });
        break;
      }
      case 'advance':
        s = s.advance(st.ms);
        break;
      case 'next-month':
        s = s.advance(Math.max(1, FEB_2026 + st.ms - s.nowMs));
        break;
      case 'put':
        s = s.run('PutProvisionedConcurrencyConfig', {
          FunctionName: 'a',
          Qualifier: '1',
          ProvisionedConcurrentExecutions: st.concurrency,
        });
        break;
      case 'delete':
        s = s.run('DeleteProvisionedConcurrencyConfig', { FunctionName: 'a', Qualifier: '1' });
        break;
    }
  });
  return s;
}

const allLines = (bill: Bill): InvoiceLine[] => invoices(bill).flatMap((i) => [...i.lines]);

function expectSane(line: PricedLine): void {
  for (const value of [line.quantity, line.freeQuantity, line.unitPrice, line.amount]) {
    expect(value).toMatch(PLAIN);
    expect(value.startsWith('-')).toBe(false);
  }
  expect(formatUsd(line.amount)).toMatch(PRINTED);
}

describe('Billing a log', () => {
  it("cut anywhere and continued equals billing it whole; each month's invoice is unchanged", () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 6 }),
        fc.integer({ min: 0, max: 10 * 60_000 }),
        fc.array(step, { maxLength: 6 }),
        fc.nat(),
        fc.boolean(),
        (januarySteps, intoFebruary, februarySteps, cutSeed, freeTier) => {
          const s = workload([
            ...januarySteps,
            { kind: 'next-month', ms: intoFebruary },
            ...februarySteps,
            // An event in February, so the whole log's clock is past the boundary.
            { kind: 'invoke', fn: 'b', durationMs: 1, cold: false },
          ]);
          const whole = billOf(s.log, freeTier);
          // Cut anywhere.
          const cut = cutSeed % (s.log.length + 1);
          expect(billOf(s.log.slice(cut), freeTier, billOf(s.log.slice(0, cut), freeTier))).toEqual(
            whole,
          );
          // Cut at the month boundary: January's invoice is final at the boundary.
          const boundary = s.log.findIndex((e) => e.atMs >= FEB_2026);
          expect(boundary).toBeGreaterThan(0);
          const january = billOf(s.log.slice(0, boundary), freeTier);
          expect(billOf(s.log.slice(boundary), freeTier, january)).toEqual(whole);
          expect(invoices(january, FEB_2026)).toEqual(
            invoices(whole).filter((i) => i.month === '2026-01'),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the free tier never makes a line negative, and never covers more than was used', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), (steps) => {
        const lines = allLines(billOf(workload(steps).log, true));
        for (const line of lines) {
          expectSane(line);
          if (line.kind.startsWith('provisioned')) expect(line.freeQuantity).toBe('0');
        }
        for (const invoice of invoices(billOf(workload(steps).log, true))) {
          expect(lessOrEqual(invoice.freeTierUsed.requests, '1000000')).toBe(true);
          expect(lessOrEqual(invoice.freeTierUsed.gbSeconds, '400000')).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('The calculator and the log agree (spec pricing §10)', () => {
  it('on random small usage of one function in one month', () => {
    fc.assert(
      fc.property(
        fc.record({
          count: fc.integer({ min: 1, max: 5 }),
          durationMs: durationMs(2_000),
          memorySizeMb: fc.integer({ min: 128, max: 10_240 }),
          storageMb: fc.integer({ min: 512, max: 10_240 }),
          architecture: fc.constantFrom('x86_64' as const, 'arm64' as const),
          freeTier: fc.boolean(),
          month: fc.constantFrom('2020-11', '2025-07', '2026-01'),
        }),
        (u) => {
          const architecture = u.month === '2020-11' ? 'x86_64' : u.architecture;
          let s = new Scenario(
            initialState(),
            [],
            Date.parse(`${u.month}-10T00:00:00Z`),
          ).withFunction('f', {
            MemorySize: u.memorySizeMb,
            Architectures: [architecture],
            EphemeralStorage: { Size: u.storageMb },
            Timeout: 10,
          });
          for (let i = 0; i < u.count; i += 1) {
            s = s
              .invoke(`r${String(i)}`, { FunctionName: 'f' })
              .advance(5_000)
              .complete(`r${String(i)}`, { durationMs: u.durationMs });
          }
          const cold = s.log.filter(
            (e) => e.type === 'InvocationCompleted' && e.initDurationMs !== undefined,
          );
          expect(cold).toHaveLength(1);
          const invoice = invoices(billOf(s.log, u.freeTier))[0]!;
          const expected = priced({
            requests: u.count,
            averageDurationMs: u.durationMs,
            memorySizeMb: u.memorySizeMb,
            ephemeralStorageMb: u.storageMb,
            architecture,
            month: u.month,
            freeTier: u.freeTier,
            coldStarts: { count: 1, initDurationMs: 200 },
          });
          const asPriced = invoice.lines.map(
            ({ functionName: _f, version: _v, region: _r, architecture: _a, ...rest }) => rest,
          );
          expect(asPriced).toEqual(expected.lines);
          expect(invoice.total).toBe(expected.total);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('No amount is ever rendered in exponent notation', () => {
  it('in estimates', () => {
    fc.assert(
      fc.property(priceable, (u) => {
        const e = priced(u);
        for (const line of e.lines) expectSane(line);
        expect(e.total).toMatch(PLAIN);
        expect(formatUsd(e.total)).toMatch(PRINTED);
      }),
    );
  });

  it('in formatted text, for tiny and huge amounts alike', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,40}$/),
        fc.stringMatching(/^[0-9]{0,40}$/),
        (negative, whole, fraction) => {
          const amount = parseDecimalString(
            `${negative ? '-' : ''}${whole}${fraction === '' ? '' : `.${fraction}`}`,
          );
          expect(amount).toBeDefined();
          expect(amount).toMatch(PLAIN);
          expect(formatUsd(amount!)).toMatch(PRINTED);
        },
      ),
    );
  });
});
