/**
 * Billing of an event log, as a fold. `billEvents` adds events to a bill and returns a new bill;
 * `invoices` prices the bill per calendar month. A bill holds exact integer counts (requests and
 * MB·ms per line, the month's free-tier use and tier pools), so billing a log in pieces, cut
 * anywhere, gives the same bill as billing it whole, and a month's invoice does not change when
 * later months are billed.
 *
 * The log has no region, so a bill prices one region's log: the region is an option (default
 * us-east-1, the model's default account region). The rules (spec pricing §3–§7, §10) and the
 * choices where AWS is silent are listed in `docs/pricing.md`:
 * - each `InvocationCompleted` is one request; its duration (plus INIT where billed, §4) is rounded
 *   up per invocation by the rules in effect at its completion time; it is billed in the month of
 *   its completion;
 * - the free tier (an option, default on) is taken by usage in the order it happens in the log:
 *   the month's first 1,000,000 requests and first 400,000 GB-s of on-demand duration are free;
 * - on-demand duration is pooled per month and architecture for the graduated tiers, in log order;
 * - invocations served by provisioned environments pay the provisioned-concurrency duration price,
 *   with no tiers and no free GB-s; spill-over invocations pay on-demand prices;
 * - provisioned concurrency is charged from `ProvisionedConcurrencyRequested` until it is removed,
 *   replaced, moved with its alias, or its version, alias or function is deleted, in 5-minute steps
 *   from the interval's start; each step is billed in the month it starts in;
 * - an asynchronous event larger than 256 KB adds its extra requests (§1.1) when it is accepted.
 *
 * @module
 */
import type {
  Architecture,
  FunctionCode,
  FunctionConfig,
  PackageType,
} from '../functions/state.js';
import { invariant, present } from '../kernel/assert.js';
import { emptyDictionary, type Dictionary } from '../kernel/dictionary.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { exact, toDecimalString, type DecimalString } from '../kernel/money.js';
import type { LambdaEvent } from '../lambda.js';
import { pricingError, type PricingError } from './errors.js';
import { priceUsage, totalOf, type LineUsage, type PricedLine } from './lines.js';
import {
  architectureRates,
  cardFor,
  nextCardFromMs,
  PROVISIONED_CONCURRENCY_STEP_MS,
  type RateCard,
} from './rates.js';
import {
  addToTiers,
  asyncRequestUnits,
  billedDurationMs,
  FREE_MB_MS_PER_MONTH,
  FREE_REQUESTS_PER_MONTH,
  gbSecondsOf,
  isInitBilled,
  minBig,
  monthOf,
  monthStartMs,
  nextMonthStartMs,
  provisionedSteps,
  tierEndsMbMs,
} from './rules.js';
import type { Writable } from '../kernel/evolve.js';

/** How to bill a log: its region (spec pricing §9) and whether the free tier applies (§5). */
export interface BillOptions {
  /** The region the log's account runs in (the log itself has none). Default `us-east-1`. */
  readonly region?: string;
  /** Apply the monthly free tier (spec pricing §5). Default `true`. */
  readonly freeTier?: boolean;
}

/**
 * What pricing needs to know about a function version: the INIT rule's inputs (spec pricing §4)
 * and the memory and architecture provisioned concurrency is charged for (§7).
 */
export interface VersionShape {
  readonly runtime?: string;
  readonly packageType: PackageType;
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
}

/**
 * A function as the bill follows it: `$LATEST` and its published versions (for the INIT rule,
 * spec pricing §4). Kept after the function is deleted, because an invocation still running then
 * completes afterwards.
 */
export interface BilledFunction {
  readonly latest: VersionShape;
  readonly versions: Dictionary<VersionShape>;
}

/** Provisioned concurrency enabled on a qualifier since `startMs`, not yet charged (spec §3.4, §7). */
export interface ProvisionedInterval {
  readonly functionName: string;
  readonly qualifier: string;
  readonly version: string;
  readonly concurrency: number;
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
  readonly startMs: number;
}

/** One line group's usage in a month: a function version and architecture (spec pricing §10). */
export interface BilledLine {
  readonly functionName: string;
  readonly version: string;
  readonly architecture: Architecture;
  readonly usage: LineUsage;
}

/**
 * A month's counts: its lines, and the account-level free-tier use (spec pricing §5) and tier
 * pools (§1.2).
 */
export interface BilledMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly freeRequestsUsed: bigint;
  readonly freeMbMsUsed: bigint;
  /** On-demand MB·ms so far this month, per architecture: the graduated tiers' counter (§1.2). */
  readonly poolMbMs: Readonly<Record<Architecture, bigint>>;
  readonly lines: Dictionary<BilledLine>;
}

/**
 * A bill: exact counts of everything a log has used so far, per calendar month (spec pricing
 * §10). Treat it as a value: build it with `emptyBill`, grow it with `billEvents`, read it with
 * `invoices`. It holds bigints, so it is not JSON.
 */
export interface Bill {
  readonly region: string;
  readonly freeTier: boolean;
  /** The time of the latest event billed; absent before any. */
  readonly clockMs?: number;
  readonly functions: Dictionary<BilledFunction>;
  /** Open provisioned-concurrency intervals, keyed `function:qualifier`. */
  readonly provisioned: Dictionary<ProvisionedInterval>;
  readonly months: Dictionary<BilledMonth>;
}

/** One invoice line: a priced line of one function version, region and architecture (§10). */
export interface InvoiceLine extends PricedLine {
  readonly functionName: string;
  readonly version: string;
  readonly region: string;
  readonly architecture: Architecture;
}

/** A calendar month's invoice (UTC months: tiers and the free tier are monthly, spec §1.2, §5). */
export interface Invoice {
  /** `YYYY-MM` (UTC). */
  readonly month: string;
  readonly region: string;
  readonly currency: 'USD';
  /** The `effectiveFrom` of the rate card that priced the month. */
  readonly rateCardEffectiveFrom: string;
  readonly lines: ReadonlyArray<InvoiceLine>;
  /** Σ line amounts, exact (round only to display it: `formatUsd`). */
  readonly total: DecimalString;
  /** How much of the free tier the month used (spec pricing §5). */
  readonly freeTierUsed: { readonly requests: DecimalString; readonly gbSeconds: DecimalString };
}

/**
 * A bill with nothing on it, or `UnknownRegion` for a region without rate cards (spec pricing §9).
 *
 * @example `emptyBill({ region: 'eu-west-1', freeTier: false })`
 */
export function emptyBill(options: BillOptions = {}): Either<PricingError, Bill> {
  const region = options.region ?? 'us-east-1';
  const known = cardFor(region, Number.MAX_SAFE_INTEGER, 'region');
  if (isLeft(known)) return known;
  const freeTier: unknown = options.freeTier ?? true;
  if (typeof freeTier !== 'boolean') {
    return left(pricingError('InvalidInput', 'freeTier', 'freeTier must be true or false'));
  }
  return right({
    region,
    freeTier,
    functions: emptyDictionary(),
    provisioned: emptyDictionary(),
    months: emptyDictionary(),
  });
}

// ---- The mutable working copy a fold step writes into. -----------------------------------------

/**
 * An exact integer counter that adds plain numbers fast: `small` takes every addition while it
 * stays below 2^52 (each addition is far smaller: MB·ms of one invocation is under 2^34), and is
 * moved into `big` before it could lose precision. Its value is always `big + small`, exactly.
 */
interface Counter {
  big: bigint;
  small: number;
}

const SMALL_LIMIT = 2 ** 52;

const counter = (value: bigint): Counter => ({ big: value, small: 0 });

function add(c: Counter, n: number): void {
  c.small += n;
  if (c.small >= SMALL_LIMIT) {
    c.big += BigInt(c.small);
    c.small = 0;
  }
}

const valueOf = (c: Counter): bigint => c.big + BigInt(c.small);

interface LineCounts {
  readonly requests: Counter;
  readonly freeRequests: Counter;
  readonly onDemandMbMs: Counter[];
  readonly freeMbMs: Counter;
  readonly storageMbMs: Counter;
  readonly provisionedMbMs: Counter;
  readonly provisionedDurationMbMs: Counter;
}

interface WorkingLine extends Omit<BilledLine, 'usage'> {
  readonly usage: LineCounts;
}

/**
 * A month's tier pool of one architecture: its exact total, the tier it is in, and how much more
 * fits in that tier (capped at 2^52; `Infinity` in the last tier), so that an invocation that stays
 * inside the tier costs two additions. Crossing an end is recomputed exactly with bigints.
 */
interface Pool {
  readonly total: Counter;
  tier: number;
  room: number;
  readonly ends: ReadonlyArray<bigint>;
}

interface WorkingMonth {
  readonly month: string;
  /** At most 1,000,000 and 409,600,000,000,000: exact as numbers. */
  freeRequestsUsed: number;
  freeMbMsUsed: number;
  readonly totals: Record<Architecture, bigint>;
  readonly pools: Partial<Record<Architecture, Pool>>;
  readonly lines: Record<string, WorkingLine>;
}

/** A bill being written, with caches that do not belong to the bill. */
interface Working {
  readonly bill: Writable<Omit<Bill, 'functions' | 'provisioned' | 'months'>>;
  readonly functions: Record<string, BilledFunction>;
  readonly provisioned: Record<string, ProvisionedInterval>;
  /** The input's months; those written to are in `written` instead. */
  readonly months: Dictionary<BilledMonth>;
  readonly written: Map<string, WorkingMonth>;
  /** The card of the latest event time (as a ready `Right`), and the range it is valid for. */
  card?: {
    readonly card: Either<PricingError, RateCard>;
    readonly fromMs: number;
    readonly untilMs: number;
  };
  /** The month of the latest instant looked up, and its range. */
  monthRange?: { readonly month: WorkingMonth; readonly fromMs: number; readonly untilMs: number };
  /** The line written last, to skip the lookup when the next event is about the same one. */
  lastLine?: {
    readonly month: WorkingMonth;
    readonly functionName: string;
    readonly version: string;
    readonly architecture: Architecture;
    readonly counts: LineCounts;
  };
  /** Month key → its price card (the card in effect on the month's last day). */
  readonly monthCards: Map<string, RateCard>;
}

const copyDictionary = <V>(source: Dictionary<V>): Record<string, V> =>
  Object.assign(emptyDictionary<V>(), source);

function working(bill: Bill): Working {
  const { functions, provisioned, months, ...rest } = bill;
  return {
    bill: { ...rest },
    functions: copyDictionary(functions),
    provisioned: copyDictionary(provisioned),
    months,
    written: new Map(),
    monthCards: new Map(),
  };
}

function workingMonth(month: BilledMonth): WorkingMonth {
  const lines = emptyDictionary<WorkingLine>();
  for (const [key, l] of Object.entries(month.lines)) {
    const u = l.usage;
    lines[key] = {
      functionName: l.functionName,
      version: l.version,
      architecture: l.architecture,
      usage: {
        requests: counter(u.requests),
        freeRequests: counter(u.freeRequests),
        onDemandMbMs: u.onDemandMbMs.map(counter),
        freeMbMs: counter(u.freeMbMs),
        storageMbMs: counter(u.storageMbMs),
        provisionedMbMs: counter(u.provisionedMbMs),
        provisionedDurationMbMs: counter(u.provisionedDurationMbMs),
      },
    };
  }
  return {
    month: month.month,
    freeRequestsUsed: Number(month.freeRequestsUsed),
    freeMbMsUsed: Number(month.freeMbMsUsed),
    totals: { ...month.poolMbMs },
    pools: {},
    lines,
  };
}

function billedMonth(month: WorkingMonth): BilledMonth {
  const lines = emptyDictionary<BilledLine>();
  for (const [key, l] of Object.entries(month.lines)) {
    const u = l.usage;
    lines[key] = {
      functionName: l.functionName,
      version: l.version,
      architecture: l.architecture,
      usage: {
        requests: valueOf(u.requests),
        freeRequests: valueOf(u.freeRequests),
        onDemandMbMs: u.onDemandMbMs.map(valueOf),
        freeMbMs: valueOf(u.freeMbMs),
        storageMbMs: valueOf(u.storageMbMs),
        provisionedMbMs: valueOf(u.provisionedMbMs),
        provisionedDurationMbMs: valueOf(u.provisionedDurationMbMs),
      },
    };
  }
  const poolOf = (architecture: Architecture): bigint => {
    const pool = month.pools[architecture];
    return pool === undefined ? month.totals[architecture] : valueOf(pool.total);
  };
  return {
    month: month.month,
    freeRequestsUsed: BigInt(month.freeRequestsUsed),
    freeMbMsUsed: BigInt(month.freeMbMsUsed),
    poolMbMs: { x86_64: poolOf('x86_64'), arm64: poolOf('arm64') },
    lines,
  };
}

function finished(w: Working): Bill {
  const months = copyDictionary(w.months);
  for (const [key, month] of w.written) months[key] = billedMonth(month);
  return { ...w.bill, functions: w.functions, provisioned: w.provisioned, months };
}

/** The card in effect at `atMs` (cached while events stay in its range). */
function cardAt(w: Working, atMs: number, field: string): Either<PricingError, RateCard> {
  const cached = w.card;
  if (cached !== undefined && atMs >= cached.fromMs && atMs < cached.untilMs) return cached.card;
  const found = cardFor(w.bill.region, atMs, field);
  if (isLeft(found)) return found;
  w.card = {
    card: found,
    fromMs: found.right.effectiveFromMs,
    untilMs: nextCardFromMs(found.right),
  };
  return found;
}

/** The month price card: the card in effect on the month's last day (as the calculator uses). */
function monthCard(w: Working, month: string): RateCard {
  let card = w.monthCards.get(month);
  if (card === undefined) {
    const found = cardFor(w.bill.region, nextMonthStartMs(monthStartMs(month)) - 1, 'month');
    // Usage is only recorded after its own time was checked, and the month ends later.
    invariant(found._tag === 'Right', `a rate card for ${month}`);
    card = found.right;
    w.monthCards.set(month, card);
  }
  return card;
}

/** The working month of an instant, copied or created on first write (cached by range). */
function monthAt(w: Working, atMs: number): WorkingMonth {
  const range = w.monthRange;
  if (range !== undefined && atMs >= range.fromMs && atMs < range.untilMs) return range.month;
  const key = monthOf(atMs);
  let month = w.written.get(key);
  if (month === undefined) {
    const existing = w.months[key];
    month =
      existing === undefined
        ? {
            month: key,
            freeRequestsUsed: 0,
            freeMbMsUsed: 0,
            totals: { x86_64: 0n, arm64: 0n },
            pools: {},
            lines: emptyDictionary(),
          }
        : workingMonth(existing);
    w.written.set(key, month);
  }
  w.monthRange = { month, fromMs: monthStartMs(key), untilMs: nextMonthStartMs(atMs) };
  return month;
}

function lineOf(
  w: Working,
  month: WorkingMonth,
  functionName: string,
  version: string,
  architecture: Architecture,
): LineCounts {
  const last = w.lastLine;
  if (
    last !== undefined &&
    last.month === month &&
    last.functionName === functionName &&
    last.version === version &&
    last.architecture === architecture
  ) {
    return last.counts;
  }
  const key = `${functionName}:${version}:${architecture}`;
  let line = month.lines[key];
  if (line === undefined) {
    line = {
      functionName,
      version,
      architecture,
      usage: {
        requests: counter(0n),
        freeRequests: counter(0n),
        onDemandMbMs: [],
        freeMbMs: counter(0n),
        storageMbMs: counter(0n),
        provisionedMbMs: counter(0n),
        provisionedDurationMbMs: counter(0n),
      },
    };
    month.lines[key] = line;
  }
  w.lastLine = { month, functionName, version, architecture, counts: line.usage };
  return line.usage;
}

/** Counts `count` requests, the free tier taking what it still has this month. */
function addRequests(w: Working, month: WorkingMonth, line: LineCounts, count: number): void {
  add(line.requests, count);
  if (!w.bill.freeTier) return;
  const free = Math.min(count, FREE_REQUESTS - month.freeRequestsUsed);
  if (free > 0) {
    add(line.freeRequests, free);
    month.freeRequestsUsed += free;
  }
}

/** Where a pool whose exact total is `total` stands: its tier, and the room left in it. */
function position(pool: Pool, total: bigint): void {
  let tier = 0;
  while (tier < pool.ends.length && total >= (pool.ends[tier] ?? 0n)) tier += 1;
  const end = pool.ends[tier];
  pool.tier = tier;
  pool.room =
    end === undefined ? Number.POSITIVE_INFINITY : Number(minBig(end - total, BigInt(SMALL_LIMIT)));
}

/**
 * Adds on-demand MB·ms to the month's pool of the architecture and to the line, tier by tier
 * (spec pricing §1.2: graduated, pooled per month, region and architecture).
 */
function addOnDemand(
  w: Working,
  month: WorkingMonth,
  architecture: Architecture,
  line: LineCounts,
  mbMs: number,
): void {
  let pool = month.pools[architecture];
  if (pool === undefined) {
    const rates = present(monthCard(w, month.month).architectures[architecture], architecture);
    pool = {
      total: counter(month.totals[architecture]),
      tier: 0,
      room: 0,
      ends: tierEndsMbMs(rates.durationTiers),
    };
    position(pool, month.totals[architecture]);
    month.pools[architecture] = pool;
  }
  while (line.onDemandMbMs.length <= pool.ends.length) line.onDemandMbMs.push(counter(0n));
  if (mbMs <= pool.room) {
    // Inside the current tier: the common case, two additions.
    add(present(line.onDemandMbMs[pool.tier], 'tier counter'), mbMs);
    pool.room -= mbMs;
    add(pool.total, mbMs);
    return;
  }
  // Crossing a tier end (or the room's cap): split exactly.
  const before = valueOf(pool.total);
  const parts: bigint[] = [];
  addToTiers(before, BigInt(mbMs), pool.ends, parts);
  parts.forEach((part, tier) => {
    if (part > 0n) add(present(line.onDemandMbMs[tier], 'tier counter'), Number(part));
  });
  add(pool.total, mbMs);
  position(pool, before + BigInt(mbMs));
}

/** The free tier as plain numbers (both are exact in a double). */
const FREE_REQUESTS = Number(FREE_REQUESTS_PER_MONTH);
const FREE_MB_MS = Number(FREE_MB_MS_PER_MONTH);

// ---- Functions and versions: what the INIT rule and provisioned concurrency need. --------------

function shapeOf(config: FunctionConfig, code: FunctionCode): VersionShape {
  return {
    ...(config.runtime === undefined ? {} : { runtime: config.runtime }),
    packageType: code.packageType,
    memorySizeMb: config.memorySizeMb,
    architecture: config.architecture,
  };
}

function versionShape(
  w: Working,
  functionName: string,
  version: string,
): Either<PricingError, VersionShape> {
  const fn = w.functions[functionName];
  const shape = version === '$LATEST' ? fn?.latest : fn?.versions[version];
  return shape === undefined
    ? left(
        pricingError(
          'UnknownFunction',
          'functionName',
          `functionName ${functionName} version ${version} was never created in the billed log; bill the log from its start`,
        ),
      )
    : right(shape);
}

function updateFunction(
  w: Working,
  functionName: string,
  change: (fn: BilledFunction) => BilledFunction,
): void {
  const fn = w.functions[functionName];
  if (fn !== undefined) w.functions[functionName] = change(fn);
}

// ---- Provisioned concurrency intervals (spec pricing §3.4, §7). ---------------------------------

const intervalKey = (functionName: string, qualifier: string): string =>
  `${functionName}:${qualifier}`;

/**
 * Charges an interval enabled from its start until `endMs`: the time rounded up to 5-minute steps,
 * each step billed in the month it starts in.
 */
function chargeInterval(w: Working, interval: ProvisionedInterval, endMs: number): void {
  const steps = provisionedSteps(endMs - interval.startMs);
  const perStep =
    BigInt(interval.concurrency) *
    BigInt(interval.memorySizeMb) *
    BigInt(PROVISIONED_CONCURRENCY_STEP_MS);
  let step = 0;
  while (step < steps) {
    const stepStartMs = interval.startMs + step * PROVISIONED_CONCURRENCY_STEP_MS;
    const monthEndMs = nextMonthStartMs(stepStartMs);
    const upTo = Math.min(
      steps,
      Math.ceil((monthEndMs - interval.startMs) / PROVISIONED_CONCURRENCY_STEP_MS),
    );
    const month = monthAt(w, stepStartMs);
    lineOf(
      w,
      month,
      interval.functionName,
      interval.version,
      interval.architecture,
    ).provisionedMbMs.big += perStep * BigInt(upTo - step);
    step = upTo;
  }
}

function closeInterval(w: Working, key: string, endMs: number): void {
  const open = w.provisioned[key];
  if (open === undefined) return;
  chargeInterval(w, open, endMs);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- a prototype-free dictionary
  delete w.provisioned[key];
}

/** Opens an interval, after checking that the region prices provisioned concurrency for it. */
function openInterval(w: Working, interval: ProvisionedInterval): PricingError | undefined {
  const card = cardAt(w, interval.startMs, 'atMs');
  if (isLeft(card)) return card.left;
  const rates = architectureRates(card.right, interval.architecture, true);
  if (isLeft(rates)) return rates.left;
  w.provisioned[intervalKey(interval.functionName, interval.qualifier)] = interval;
  return undefined;
}

// ---- The event handlers. -----------------------------------------------------------------------

type Handler<E> = (w: Working, event: E) => PricingError | undefined;

/** What each event does to a bill; events that cost nothing and change nothing are absent. */
const handlers: {
  readonly [K in LambdaEvent['type']]?: Handler<Extract<LambdaEvent, { readonly type: K }>>;
} = {
  FunctionCreated: (w, e) => {
    w.functions[e.functionName] = {
      latest: shapeOf(e.config, e.code),
      versions: emptyDictionary(),
    };
    return undefined;
  },
  FunctionConfigurationUpdated: (w, e) => {
    updateFunction(w, e.functionName, (fn) => {
      const { runtime: _previous, ...latest } = fn.latest;
      return {
        ...fn,
        latest: {
          ...latest,
          ...(e.config.runtime === undefined ? {} : { runtime: e.config.runtime }),
          memorySizeMb: e.config.memorySizeMb,
          architecture: e.config.architecture,
        },
      };
    });
    return undefined;
  },
  FunctionCodeUpdated: (w, e) => {
    updateFunction(w, e.functionName, (fn) => ({
      ...fn,
      latest: { ...fn.latest, packageType: e.code.packageType, architecture: e.architecture },
    }));
    return undefined;
  },
  FunctionVersionPublished: (w, e) => {
    // A published version is a frozen copy of `$LATEST` as it is now.
    updateFunction(w, e.functionName, (fn) => {
      const versions = copyDictionary(fn.versions);
      versions[e.version] = fn.latest;
      return { ...fn, versions };
    });
    return undefined;
  },
  FunctionVersionDeleted: (w, e) => {
    closeInterval(w, intervalKey(e.functionName, e.version), e.atMs);
    return undefined;
  },
  FunctionDeleted: (w, e) => {
    for (const [key, interval] of Object.entries(w.provisioned)) {
      if (interval.functionName === e.functionName) closeInterval(w, key, e.atMs);
    }
    return undefined;
  },
  AliasUpdated: (w, e) => {
    // Moving a provisioned alias ends the old version's interval and starts the new one's.
    const key = intervalKey(e.functionName, e.aliasName);
    const open = w.provisioned[key];
    if (open === undefined || open.version === e.functionVersion) return undefined;
    const shape = versionShape(w, e.functionName, e.functionVersion);
    if (isLeft(shape)) return shape.left;
    closeInterval(w, key, e.atMs);
    return openInterval(w, {
      ...open,
      version: e.functionVersion,
      memorySizeMb: shape.right.memorySizeMb,
      architecture: shape.right.architecture,
      startMs: e.atMs,
    });
  },
  AliasDeleted: (w, e) => {
    closeInterval(w, intervalKey(e.functionName, e.aliasName), e.atMs);
    return undefined;
  },
  ProvisionedConcurrencyRequested: (w, e) => {
    closeInterval(w, intervalKey(e.functionName, e.qualifier), e.atMs);
    return openInterval(w, {
      functionName: e.functionName,
      qualifier: e.qualifier,
      version: e.version,
      concurrency: e.requestedProvisionedConcurrentExecutions,
      memorySizeMb: e.memorySizeMb,
      architecture: e.architecture,
      startMs: e.atMs,
    });
  },
  ProvisionedConcurrencyAllocated: (w, e) => {
    const key = intervalKey(e.functionName, e.qualifier);
    const open = w.provisioned[key];
    const same =
      open !== undefined &&
      open.version === e.version &&
      open.concurrency === e.allocatedProvisionedConcurrentExecutions &&
      open.memorySizeMb === e.memorySizeMb &&
      open.architecture === e.architecture;
    if (same) return undefined;
    // A different shape than the interval's (a log that starts here, or a moved alias whose new
    // version the bill priced differently): the allocation starts a new interval.
    closeInterval(w, key, e.atMs);
    return openInterval(w, {
      functionName: e.functionName,
      qualifier: e.qualifier,
      version: e.version,
      concurrency: e.allocatedProvisionedConcurrentExecutions,
      memorySizeMb: e.memorySizeMb,
      architecture: e.architecture,
      startMs: e.atMs,
    });
  },
  ProvisionedConcurrencyRemoved: (w, e) => {
    closeInterval(w, intervalKey(e.functionName, e.qualifier), e.atMs);
    return undefined;
  },
  InvocationCompleted: (w, e) => {
    const card = cardAt(w, e.atMs, 'atMs');
    if (isLeft(card)) return card.left;
    const served = e.initializationType === 'provisioned-concurrency';
    const rates = card.right.architectures[e.architecture];
    if (rates === undefined || (served && rates.provisionedConcurrency === undefined)) {
      const refused = architectureRates(card.right, e.architecture, served);
      invariant(isLeft(refused), 'a missing rate is refused');
      return refused.left;
    }
    let billedInitMs = 0;
    if (e.initDurationMs !== undefined && e.initDurationMs > 0 && !served) {
      // From 2025-08-01 every on-demand INIT is billed; before, it depends on the version (§4).
      let billed = card.right.managedRuntimeZipInitBilled;
      if (!billed) {
        const shape = versionShape(w, e.functionName, e.executedVersion);
        if (isLeft(shape)) return shape.left;
        billed = isInitBilled(card.right, {
          initializationType: e.initializationType,
          ...shape.right,
        });
      }
      if (billed) billedInitMs = e.initDurationMs;
    }
    const billedMs = billedDurationMs(e.durationMs, billedInitMs, card.right.durationGranularityMs);
    const month = monthAt(w, e.atMs);
    const line = lineOf(w, month, e.functionName, e.executedVersion, e.architecture);
    addRequests(w, month, line, 1);
    const mbMs = e.memorySizeMb * billedMs;
    if (served) {
      add(line.provisionedDurationMbMs, mbMs);
    } else {
      if (w.bill.freeTier && month.freeMbMsUsed < FREE_MB_MS) {
        // The month's first free GB-s: they lie in tier 1 of their pool (docs/pricing.md).
        const free = Math.min(mbMs, FREE_MB_MS - month.freeMbMsUsed);
        add(line.freeMbMs, free);
        month.freeMbMsUsed += free;
      }
      addOnDemand(w, month, e.architecture, line, mbMs);
    }
    if (e.ephemeralStorageMb > 512) add(line.storageMbMs, (e.ephemeralStorageMb - 512) * billedMs);
    return undefined;
  },
  AsyncInvocationAccepted: (w, e) => {
    const extra = asyncRequestUnits(e.payloadBytes) - 1;
    if (extra === 0) return undefined;
    const card = cardAt(w, e.atMs, 'atMs');
    if (isLeft(card)) return card.left;
    const shape = versionShape(w, e.functionName, e.executedVersion);
    if (isLeft(shape)) return shape.left;
    const month = monthAt(w, e.atMs);
    addRequests(
      w,
      month,
      lineOf(w, month, e.functionName, e.executedVersion, shape.right.architecture),
      extra,
    );
    return undefined;
  },
};

function apply(w: Working, event: LambdaEvent): PricingError | undefined {
  if (w.bill.clockMs === undefined || event.atMs > w.bill.clockMs) w.bill.clockMs = event.atMs;
  // The mapped type guarantees that the handler under `event.type` takes exactly this event.
  const handler = (handlers as Readonly<Record<string, Handler<LambdaEvent> | undefined>>)[
    event.type
  ];
  return handler?.(w, event);
}

/**
 * Adds events to a bill and returns the new bill; the given bill is not changed. Billing a log in
 * pieces gives the same bill as billing it whole. The rules are spec pricing §3–§7 and §10, as
 * listed at the top of this module. A `Left` names the first event that cannot be
 * priced: a time before Lambda launched, an architecture or line without a published rate in the
 * region at that time, or a function the bill never saw created.
 *
 * @example
 * ```ts
 * const bill = emptyBill();                       // us-east-1, free tier on
 * const next = isRight(bill) ? billEvents(bill.right, log) : bill;
 * ```
 */
export function billEvents(bill: Bill, events: Iterable<LambdaEvent>): Either<PricingError, Bill> {
  const w = working(bill);
  // An indexed loop over an array: `billEvents` runs once per timeline bucket, too seldom for V8 to
  // optimise it, and unoptimised `for…of` allocates a result object for every event.
  const list = Array.isArray(events) ? (events as ReadonlyArray<LambdaEvent>) : [...events];
  for (let i = 0; i < list.length; i += 1) {
    const event = list[i] as LambdaEvent;
    const error = apply(w, event);
    if (error !== undefined) {
      return left({
        ...error,
        message: `${event.type} at ${String(event.atMs)}: ${error.message}`,
      });
    }
  }
  return right(finished(w));
}

const versionOrder = (a: string, b: string): number => {
  if (a === b) return 0;
  if (a === '$LATEST') return -1;
  if (b === '$LATEST') return 1;
  return Number(a) - Number(b);
};

const lineOrder = (a: BilledLine, b: BilledLine): number =>
  a.functionName < b.functionName
    ? -1
    : a.functionName > b.functionName
      ? 1
      : versionOrder(a.version, b.version) || (a.architecture < b.architecture ? -1 : 1);

/**
 * Prices a bill: one invoice per calendar month (UTC) that has usage, oldest first, with lines per
 * function, version, region and architecture and the month's exact total (spec pricing §10; round
 * only for display, §3.6).
 *
 * Provisioned concurrency still enabled is charged as if disabled at `asOfMs`, by default the
 * time of the latest event billed; pass the end of a month to see that month as it will be billed
 * (a month's invoice is then the same whatever is billed later).
 *
 * @example
 * ```ts
 * const totals = invoices(bill).map((invoice) => `${invoice.month}: ${formatUsd(invoice.total)}`);
 * ```
 */
export function invoices(bill: Bill, asOfMs?: number): ReadonlyArray<Invoice> {
  const w = working(bill);
  const endMs = asOfMs ?? bill.clockMs ?? Number.NEGATIVE_INFINITY;
  for (const key of Object.keys(w.provisioned)) closeInterval(w, key, endMs);
  const months = finished(w).months;
  return Object.keys(months)
    .sort()
    .map((key) => invoiceOf(bill.region, present(months[key], key), monthCard(w, key)));
}

function invoiceOf(region: string, month: BilledMonth, card: RateCard): Invoice {
  const lines: InvoiceLine[] = [];
  for (const billed of Object.values(month.lines).sort(lineOrder)) {
    for (const priced of priceUsage(billed.usage, card, billed.architecture)) {
      lines.push({
        ...priced,
        functionName: billed.functionName,
        version: billed.version,
        region,
        architecture: billed.architecture,
      });
    }
  }
  return {
    month: month.month,
    region,
    currency: 'USD',
    rateCardEffectiveFrom: card.effectiveFrom,
    lines,
    total: totalOf(lines),
    freeTierUsed: {
      requests: toDecimalString(exact(month.freeRequestsUsed)),
      gbSeconds: toDecimalString(gbSecondsOf(month.freeMbMsUsed)),
    },
  };
}
