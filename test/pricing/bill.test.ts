/**
 * Billing of an event log (spec pricing §3–§7, §10). Every log here is built by real commands
 * through `decide`/`evolve` (test/support/scenario.ts), never by writing events by hand.
 */
import { describe, expect, it } from 'vitest';
import { formatUsd } from '../../src/kernel/money.js';
import { initialState, type LambdaEvent } from '../../src/lambda.js';
import {
  billEvents,
  emptyBill,
  invoices,
  type Bill,
  type BillOptions,
  type Invoice,
  type InvoiceLine,
} from '../../src/pricing/bill.js';
import { estimate, type EstimateInput } from '../../src/pricing/estimate.js';
import type { PricingErrorTag } from '../../src/pricing/errors.js';
import type { LineKind, PricedLine } from '../../src/pricing/lines.js';
import { given, ROLE, Scenario } from '../support/scenario.js';

const FEB_2026 = Date.parse('2026-02-01T00:00:00Z');

/** A scenario (an empty account) whose clock starts at an ISO instant. */
const at = (iso: string): Scenario => new Scenario(initialState(), [], Date.parse(iso));

function billOf(log: ReadonlyArray<LambdaEvent>, options: BillOptions = {}): Bill {
  const empty = emptyBill(options);
  if (empty._tag === 'Left') return expect.fail(empty.left.message);
  const billed = billEvents(empty.right, log);
  if (billed._tag === 'Left') return expect.fail(`${billed.left._tag}: ${billed.left.message}`);
  return billed.right;
}

function refusedLog(
  log: ReadonlyArray<LambdaEvent>,
  tag: PricingErrorTag,
  options: BillOptions = {},
): string {
  const empty = emptyBill(options);
  if (empty._tag === 'Left') return expect.fail(empty.left.message);
  const billed = billEvents(empty.right, log);
  if (billed._tag === 'Right') return expect.fail(`expected ${tag}`);
  expect(billed.left._tag).toBe(tag);
  return billed.left.message;
}

const monthIn = (list: ReadonlyArray<Invoice>, month: string): Invoice => {
  const found = list.find((i) => i.month === month);
  if (found === undefined) return expect.fail(`no invoice for ${month}`);
  return found;
};

const linesOf = (invoice: Invoice, kind: LineKind, functionName?: string): InvoiceLine[] =>
  invoice.lines.filter(
    (l) => l.kind === kind && (functionName === undefined || l.functionName === functionName),
  );

/** An invoice line without what only an invoice has, to compare with an estimate's line. */
const priced = ({
  functionName: _f,
  version: _v,
  region: _r,
  architecture: _a,
  ...rest
}: InvoiceLine): PricedLine => rest;

/** `count` sequential invocations of `name` (each completes before the next starts). */
function invokeTimes(
  s: Scenario,
  name: string,
  count: number,
  durationMs: number,
  initDurationMs?: number,
  qualifier?: string,
): Scenario {
  let next = s;
  for (let i = 0; i < count; i += 1) {
    const id = `${name}-${String(next.log.length)}`;
    next = next
      .invoke(
        id,
        { FunctionName: name, ...(qualifier === undefined ? {} : { Qualifier: qualifier }) },
        initDurationMs === undefined ? undefined : { initDurationMs },
      )
      .advance(Math.ceil(durationMs))
      .complete(id, { durationMs });
  }
  return next;
}

describe('The log and the calculator agree (spec pricing §10)', () => {
  it('N identical invocations of one function in a month cost what the estimate of N requests costs', () => {
    // The first invocation is a cold start: INIT (the 200 ms default) is billed in 2026 (§4).
    const s = invokeTimes(given().withFunction('f', { MemorySize: 1024 }), 'f', 3, 27.55);
    const invoice = monthIn(invoices(billOf(s.log, { freeTier: false })), '2026-01');
    const input: EstimateInput = {
      requests: 3,
      averageDurationMs: 27.55,
      memorySizeMb: 1024,
      month: '2026-01',
      freeTier: false,
      coldStarts: { count: 1, initDurationMs: 200 },
    };
    const expected = estimate(input);
    if (expected._tag === 'Left') return expect.fail(expected.left.message);
    expect(invoice.lines.map(priced)).toEqual(expected.right.lines);
    expect(invoice.total).toBe(expected.right.total);
    // 28 + 28 + ceil(27.55 + 200) = 284 ms at 1 GB.
    expect(linesOf(invoice, 'duration')[0]?.quantity).toBe('0.284');
    expect(invoice.lines[0]).toMatchObject({
      functionName: 'f',
      version: '$LATEST',
      region: 'us-east-1',
      architecture: 'x86_64',
    });
  });
});

describe('INIT in the log, by date and configuration (spec pricing §4)', () => {
  const coldOnce = (s: Scenario, name: string): Scenario => invokeTimes(s, name, 1, 38.66, 203.69);
  const billedMs = (s: Scenario, name: string): string | undefined => {
    const invoice = invoices(billOf(s.log, { freeTier: false }))[0];
    return invoice === undefined ? undefined : linesOf(invoice, 'duration', name)[0]?.quantity;
  };

  it('a managed runtime on ZIP: not billed in July 2025 (38.66 + 203.69 → 39 ms), billed in August 2025', () => {
    const july = coldOnce(
      at('2025-07-15T00:00:00Z').withFunction('m', { Runtime: 'python3.12', MemorySize: 1024 }),
      'm',
    );
    expect(billedMs(july, 'm')).toBe('0.039');
    const august = coldOnce(
      at('2025-08-15T00:00:00Z').withFunction('m', { Runtime: 'python3.12', MemorySize: 1024 }),
      'm',
    );
    expect(billedMs(august, 'm')).toBe('0.243');
  });

  it('a custom runtime: billed in 2019 in 100 ms steps (48.26 + 237.17 → 300 ms)', () => {
    const s = invokeTimes(
      at('2019-06-01T00:00:00Z').withFunction('p', {
        Runtime: 'provided.al2',
        Handler: 'bootstrap',
        MemorySize: 1024,
      }),
      'p',
      1,
      237.17,
      48.26,
    );
    expect(billedMs(s, 'p')).toBe('0.3');
    expect(linesOf(invoices(billOf(s.log))[0]!, 'duration')[0]?.unitPrice).toBe('0.00001667');
  });

  it('a container image: billed before August 2025', () => {
    const s = coldOnce(
      at('2025-07-15T00:00:00Z')
        .run('CreateFunction', {
          FunctionName: 'i',
          Role: ROLE,
          PackageType: 'Image',
          Code: { ImageUri: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:latest' },
          MemorySize: 1024,
        })
        .advance(1_000),
      'i',
    );
    expect(billedMs(s, 'i')).toBe('0.243');
  });

  it('a published version keeps the runtime it was published with', () => {
    const s = at('2025-07-15T00:00:00Z')
      .withFunction('v', { Runtime: 'provided.al2023', Handler: 'bootstrap', MemorySize: 1024 })
      .withPublishedVersion('v')
      .run('UpdateFunctionConfiguration', {
        FunctionName: 'v',
        Runtime: 'python3.12',
        Handler: 'app.handler',
      })
      .advance(1_000);
    const cold = invokeTimes(invokeTimes(s, 'v', 1, 38.66, 203.69, '1'), 'v', 1, 38.66, 203.69);
    const invoice = invoices(billOf(cold.log, { freeTier: false }))[0]!;
    const byVersion = Object.fromEntries(
      linesOf(invoice, 'duration').map((l) => [l.version, l.quantity]),
    );
    // Version 1 is a custom runtime (INIT billed); $LATEST is now Python (not billed before 2025-08).
    expect(byVersion).toEqual({ '1': '0.243', $LATEST: '0.039' });
  });
});

describe('Provisioned concurrency in the log (spec pricing §3.4, §7)', () => {
  /** f v1 at 1536 MB with PC 1 requested at the scenario's clock and allocated a minute later. */
  const provisioned = (s: Scenario): Scenario =>
    s
      .withFunction('f', { MemorySize: 1536, Timeout: 60 })
      .withPublishedVersion('f')
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      });
  const requestedAt = (s: Scenario): number =>
    s.log.find((e) => e.type === 'ProvisionedConcurrencyRequested')!.atMs;

  it('charges 8 h enabled, PC-duration for the served invocation, on-demand prices for spill-over', () => {
    let s = provisioned(given()).advance(60_000);
    const start = requestedAt(s);
    s = s
      .invoke('p', { FunctionName: 'f', Qualifier: '1' })
      .invoke('s', { FunctionName: 'f', Qualifier: '1' })
      .advance(100)
      .complete('p', { durationMs: 100 })
      .complete('s', { durationMs: 100 });
    s = s.advance(start + 8 * 3_600_000 - s.nowMs).run('DeleteProvisionedConcurrencyConfig', {
      FunctionName: 'f',
      Qualifier: '1',
    });
    const invoice = invoices(billOf(s.log))[0]!;
    // 1 × 1.5 GB × 28,800 s = 43,200 GB-s × 0.0000041667; no free tier for PC.
    expect(linesOf(invoice, 'provisioned-concurrency')).toMatchObject([
      { version: '1', quantity: '43200', freeQuantity: '0', amount: '0.18000144' },
    ]);
    // p: 100 ms × 1.5 GB, served by PC, INIT not billed as duration.
    expect(linesOf(invoice, 'provisioned-duration')).toMatchObject([
      { version: '1', quantity: '0.15', unitPrice: '0.0000097222', amount: '0.00000145833' },
    ]);
    // s spilled over: on-demand, cold (INIT 200 ms billed in 2026) → 300 ms × 1.5 GB, free tier.
    expect(linesOf(invoice, 'duration')).toMatchObject([
      { version: '1', quantity: '0', freeQuantity: '0.45' },
    ]);
    expect(linesOf(invoice, 'requests')).toMatchObject([{ quantity: '0', freeQuantity: '2' }]);
  });

  it('rounds each interval up to 5 minutes: one millisecond more is one more step', () => {
    const s = provisioned(given())
      .advance(8 * 3_600_000 + 1)
      .run('DeleteProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
      });
    // 8 h 5 min = 29,100 s × 1.5 GB.
    expect(linesOf(invoices(billOf(s.log))[0]!, 'provisioned-concurrency')[0]?.quantity).toBe(
      '43650',
    );
  });

  it('splits an interval at the month boundary, step by step', () => {
    // Requested at 2026-01-31T23:40:02Z, removed 30 min later: steps start 23:40, 23:45, 23:50,
    // 23:55 (January) and 00:00, 00:05 (February).
    let s = provisioned(at('2026-01-31T23:40:00Z'));
    const start = requestedAt(s);
    expect(start).toBe(Date.parse('2026-01-31T23:40:02Z'));
    s = s.advance(start + 30 * 60_000 - s.nowMs).run('DeleteProvisionedConcurrencyConfig', {
      FunctionName: 'f',
      Qualifier: '1',
    });
    const list = invoices(billOf(s.log));
    // 4 steps × 300 s × 1.5 GB = 1,800 GB-s; 2 steps = 900 GB-s.
    expect(linesOf(monthIn(list, '2026-01'), 'provisioned-concurrency')[0]?.quantity).toBe('1800');
    expect(linesOf(monthIn(list, '2026-02'), 'provisioned-concurrency')[0]?.quantity).toBe('900');
  });

  it('charges an interval still open up to `asOfMs` (default: the latest event)', () => {
    const s = provisioned(given()).advance(60_000);
    const bill = billOf(s.log);
    // Open for exactly 60 s at the latest event: one step.
    expect(linesOf(invoices(bill)[0]!, 'provisioned-concurrency')[0]?.quantity).toBe('450');
    const start = requestedAt(s);
    expect(
      linesOf(invoices(bill, start + 3_600_000)[0]!, 'provisioned-concurrency')[0]?.quantity,
    ).toBe('5400');
    // `invoices` does not change the bill: still one step at its own clock.
    expect(linesOf(invoices(bill)[0]!, 'provisioned-concurrency')[0]?.quantity).toBe('450');
  });

  it("moving a provisioned alias ends the old version's interval and starts the new one's", () => {
    let s = given()
      .withFunction('f', { MemorySize: 128 })
      .withPublishedVersion('f')
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 256 })
      .advance(1_000)
      .run('PublishVersion', { FunctionName: 'f' })
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 2,
      });
    s = s
      .advance(11 * 60_000)
      .run('UpdateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '2' });
    s = s
      .advance(11 * 60_000)
      .run('DeleteProvisionedConcurrencyConfig', { FunctionName: 'f', Qualifier: 'live' });
    const pc = linesOf(invoices(billOf(s.log))[0]!, 'provisioned-concurrency');
    // 11 min → 3 steps each: 2 × 0.125 GB × 900 s on version 1, 2 × 0.25 GB × 900 s on version 2.
    expect(pc.map((l) => [l.version, l.quantity])).toEqual([
      ['1', '225'],
      ['2', '450'],
    ]);
  });

  it('deleting the alias, the version or the function ends its interval', () => {
    const alias = given()
      .withFunction('f', { MemorySize: 1024 })
      .withPublishedVersion('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: 'live',
        ProvisionedConcurrentExecutions: 1,
      })
      .advance(600_000)
      .run('DeleteAlias', { FunctionName: 'f', Name: 'live' })
      .advance(3_600_000);
    expect(linesOf(invoices(billOf(alias.log))[0]!, 'provisioned-concurrency')[0]?.quantity).toBe(
      '600',
    );
    const fn = provisioned(given())
      .advance(600_000)
      .run('DeleteFunction', { FunctionName: 'f' })
      .advance(3_600_000);
    expect(linesOf(invoices(billOf(fn.log))[0]!, 'provisioned-concurrency')[0]?.quantity).toBe(
      '900',
    );
    const version = provisioned(given())
      .advance(600_000)
      .run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' })
      .advance(3_600_000);
    expect(linesOf(invoices(billOf(version.log))[0]!, 'provisioned-concurrency')[0]?.quantity).toBe(
      '900',
    );
  });

  it('a new config for the same qualifier replaces the interval', () => {
    const s = provisioned(given())
      .advance(600_000)
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 3,
      })
      .advance(600_000)
      .run('DeleteProvisionedConcurrencyConfig', { FunctionName: 'f', Qualifier: '1' });
    // 10 min × 1 × 1.5 GB + 10 min × 3 × 1.5 GB = 900 + 2,700 GB-s.
    expect(linesOf(invoices(billOf(s.log))[0]!, 'provisioned-concurrency')[0]?.quantity).toBe(
      '3600',
    );
  });
});

describe('The free tier in the log (spec pricing §5)', () => {
  it("is taken by usage in log order: a's 270,000 GB-s are free, b gets the 130,000 left", () => {
    let s = given()
      .withFunction('a', { MemorySize: 10_240, Timeout: 900 })
      .withFunction('b', { MemorySize: 10_240, Timeout: 900 });
    // 10 GB × 900 s = 9,000 GB-s per invocation; no INIT (0 ms) to keep the figures round.
    s = invokeTimes(s, 'a', 30, 900_000, 0);
    s = invokeTimes(s, 'b', 20, 900_000, 0);
    const invoice = invoices(billOf(s.log))[0]!;
    expect(linesOf(invoice, 'duration', 'a')).toMatchObject([
      { quantity: '0', freeQuantity: '270000', amount: '0' },
    ]);
    expect(linesOf(invoice, 'duration', 'b')).toMatchObject([
      { quantity: '50000', freeQuantity: '130000', amount: '0.833335' },
    ]);
    expect(invoice.freeTierUsed).toEqual({ requests: '50', gbSeconds: '400000' });
    expect(formatUsd(invoice.total)).toBe('$0.83');
    // Without the free tier everything is billed.
    const all = invoices(billOf(s.log, { freeTier: false }))[0]!;
    expect(all.freeTierUsed).toEqual({ requests: '0', gbSeconds: '0' });
    expect(all.total).toBe('7.500025');
  });
});

describe('Graduated tiers in the log (spec pricing §1.2)', () => {
  it('crosses the first x86 tier end in one month exactly as the calculator does, billed in two pieces', () => {
    // One real 15-minute completion at 10,240 MB (9,000 GB-s), replayed at later instants of the
    // same month: 680,000 of them are 6.12 billion GB-s, past the first end (6B). Only the time
    // changes; the model would log the same completions with enough concurrency.
    const s = invokeTimes(
      given().withFunction('f', { MemorySize: 10_240, Timeout: 900 }),
      'f',
      1,
      900_000,
      0,
    );
    const completion = s.log.find((e) => e.type === 'InvocationCompleted')!;
    const count = 680_000;
    function* replays(from: number, to: number): Generator<LambdaEvent> {
      for (let i = from; i < to; i += 1) yield { ...completion, atMs: completion.atMs + i };
    }
    const setup = s.log.filter((e) => e.type !== 'InvocationCompleted');
    const half = billOf([...setup, ...replays(0, 400_000)], { freeTier: false });
    const billed = billEvents(half, replays(400_000, count));
    if (billed._tag === 'Left') return expect.fail(billed.left.message);
    const invoice = invoices(billed.right)[0]!;
    const expected = estimate({
      requests: count,
      averageDurationMs: 900_000,
      memorySizeMb: 10_240,
      month: '2026-01',
      freeTier: false,
    });
    if (expected._tag === 'Left') return expect.fail(expected.left.message);
    expect(invoice.lines.map(priced)).toEqual(expected.right.lines);
    expect(linesOf(invoice, 'duration').map((l) => l.quantity)).toEqual([
      '6000000000',
      '120000000',
    ]);
    // 680,000 × $0.0000002 + 6B × 0.0000166667 + 0.12B × 0.000015.
    expect(invoice.total).toBe('101800.336');
  });
});

describe('Large asynchronous events (spec pricing §1.1)', () => {
  it('add one request per further 64 KB when accepted, and the execution is one more', () => {
    const payload = JSON.stringify('x'.repeat(300 * 1024));
    const s = given()
      .withFunction('f', { MemorySize: 1024 })
      .invoke('e', { FunctionName: 'f', InvocationType: 'Event', Payload: payload });
    const accepted = billOf(s.log, { freeTier: false });
    expect(linesOf(invoices(accepted)[0]!, 'requests')[0]?.quantity).toBe('1');
    const ran = s.advance(10).complete('e', { durationMs: 5 });
    expect(
      linesOf(invoices(billOf(ran.log, { freeTier: false }))[0]!, 'requests')[0]?.quantity,
    ).toBe('2');
  });
});

describe('Month boundaries and incremental billing', () => {
  it('bills each invocation in the month it completes; the fold continues across the boundary', () => {
    let s = at('2026-01-31T23:59:00Z').withFunction('f', { MemorySize: 1024, Timeout: 900 });
    s = invokeTimes(s, 'f', 2, 10_000, 0);
    s = s.advance(FEB_2026 - s.nowMs);
    s = invokeTimes(s, 'f', 3, 10_000, 0);
    const cut = s.log.findIndex((e) => e.atMs >= FEB_2026);
    const whole = billOf(s.log, { freeTier: false });
    const first = billOf(s.log.slice(0, cut), { freeTier: false });
    const continued = billEvents(first, s.log.slice(cut));
    expect(continued).toEqual({ _tag: 'Right', right: whole });
    expect(invoices(first, FEB_2026)).toEqual(invoices(whole).filter((i) => i.month === '2026-01'));
    const months = invoices(whole).map((i) => [i.month, linesOf(i, 'requests')[0]?.quantity]);
    expect(months).toEqual([
      ['2026-01', '2'],
      ['2026-02', '3'],
    ]);
  });

  it('does not change the bill it is given', () => {
    const s = invokeTimes(given().withFunction('f'), 'f', 2, 10);
    const first = billOf(s.log.slice(0, 6));
    const before = invoices(first);
    billEvents(first, s.log.slice(6));
    expect(invoices(first)).toEqual(before);
  });
});

describe('What cannot be priced is a typed Left', () => {
  it('an unknown region or a bad free-tier flag for the bill', () => {
    expect(emptyBill({ region: 'us-moon-1' })).toMatchObject({
      left: { _tag: 'UnknownRegion', field: 'region' },
    });
    expect(emptyBill({ freeTier: 'no' as unknown as boolean })).toMatchObject({
      left: { _tag: 'InvalidInput', field: 'freeTier' },
    });
  });

  it('an invocation before Lambda launched', () => {
    const s = invokeTimes(at('2014-01-01T00:00:00Z').withFunction('f'), 'f', 1, 10);
    const message = refusedLog(s.log, 'BeforeLambdaLaunch');
    expect(message).toContain('InvocationCompleted');
    expect(message).toContain('2014-11-13');
  });

  it('arm64 before 2021-09-29, arm64 provisioned concurrency outside us-east-1, any rate of eu-west-1 before 2020-12', () => {
    const arm = invokeTimes(
      at('2021-06-01T00:00:00Z').withFunction('f', { Architectures: ['arm64'] }),
      'f',
      1,
      10,
    );
    refusedLog(arm.log, 'RateUnavailable');
    const pc = given()
      .withFunction('f', { Architectures: ['arm64'] })
      .withPublishedVersion('f')
      .run('PutProvisionedConcurrencyConfig', {
        FunctionName: 'f',
        Qualifier: '1',
        ProvisionedConcurrentExecutions: 1,
      });
    expect(refusedLog(pc.log, 'RateUnavailable', { region: 'eu-west-1' })).toContain(
      'provisioned-concurrency',
    );
    expect(billOf(pc.log).region).toBe('us-east-1');
    const old = invokeTimes(at('2019-06-01T00:00:00Z').withFunction('f'), 'f', 1, 10);
    refusedLog(old.log, 'RateUnavailable', { region: 'eu-west-1' });
  });

  it('a cold start of a function the bill never saw created, when its runtime decides (before 2025-08)', () => {
    const s = invokeTimes(at('2025-07-01T00:00:00Z').withFunction('f'), 'f', 1, 10);
    const fragment = s.log.filter((e) => e.type.startsWith('Invocation'));
    expect(refusedLog(fragment, 'UnknownFunction')).toContain('bill the log from its start');
    // From 2025-08-01 every on-demand INIT is billed: the runtime is not needed.
    const later = invokeTimes(given().withFunction('f'), 'f', 1, 10);
    expect(billOf(later.log.filter((e) => e.type.startsWith('Invocation'))).months).toBeDefined();
  });
});

describe('Regions (spec pricing §9)', () => {
  it("prices the same log with the bill region's rates", () => {
    const s = invokeTimes(given().withFunction('f', { MemorySize: 1024 }), 'f', 1, 999, 0);
    const invoice = invoices(billOf(s.log, { region: 'af-south-1', freeTier: false }))[0]!;
    expect(invoice.region).toBe('af-south-1');
    expect(invoice.lines.map((l) => [l.kind, l.unitPrice, l.amount])).toEqual([
      ['requests', '0.0000002700', '0.00000027'],
      ['duration', '0.0000221000', '0.0000220779'],
    ]);
  });
});
