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
import { noUsage, priceUsage, totalOf, type LineUsage, type PricedLine } from './lines.js';
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

/** How to bill a log. */
export interface BillOptions {
  /** The region the log's account runs in (the log itself has none). Default `us-east-1`. */
  readonly region?: string;
  /** Apply the monthly free tier (spec pricing §5). Default `true`. */
  readonly freeTier?: boolean;
}

/** What pricing needs to know about a function version: the INIT rule's inputs, its shape. */
export interface VersionShape {
  readonly runtime?: string;
  readonly packageType: PackageType;
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
}

/** A function as the bill follows it: `$LATEST`, its published versions and its aliases. */
export interface BilledFunction {
  readonly latest: VersionShape;
  readonly versions: Dictionary<VersionShape>;
  /** Alias name → the version it points to. */
  readonly aliases: Dictionary<string>;
}

/** Provisioned concurrency enabled on a qualifier since `startMs`, not yet charged. */
export interface ProvisionedInterval {
  readonly functionName: string;
  readonly qualifier: string;
  readonly version: string;
  readonly concurrency: number;
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
  readonly startMs: number;
}

/** One line group's usage in a month: a function version and architecture. */
export interface BilledLine {
  readonly functionName: string;
  readonly version: string;
  readonly architecture: Architecture;
  readonly usage: LineUsage;
}

/** A month's counts: its lines, and the account-level free-tier use and tier pools. */
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
 * A bill: exact counts of everything a log has used so far, per month. Treat it as a value: build
 * it with `emptyBill`, grow it with `billEvents`, read it with `invoices`. It holds bigints, so it
 * is not JSON.
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

/** One invoice line: a priced line of one function version, region and architecture. */
export interface InvoiceLine extends PricedLine {
  readonly functionName: string;
  readonly version: string;
  readonly region: string;
  readonly architecture: Architecture;
}

/** A calendar month's invoice. */
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
 * A bill with nothing on it, or `UnknownRegion` for a region without rate cards.
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

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

interface LineCounts {
  requests: bigint;
  freeRequests: bigint;
  onDemandMbMs: bigint[];
  freeMbMs: bigint;
  storageMbMs: bigint;
  provisionedMbMs: bigint;
  provisionedDurationMbMs: bigint;
}

interface WorkingLine extends Omit<BilledLine, 'usage'> {
  readonly usage: LineCounts;
}

interface WorkingMonth {
  readonly month: string;
  freeRequestsUsed: bigint;
  freeMbMsUsed: bigint;
  readonly poolMbMs: Record<Architecture, bigint>;
  readonly lines: Record<string, WorkingLine>;
}

/** A bill being written, with caches that do not belong to the bill. */
interface Working {
  readonly bill: Mutable<Omit<Bill, 'functions' | 'provisioned' | 'months'>>;
  readonly functions: Record<string, BilledFunction>;
  readonly provisioned: Record<string, ProvisionedInterval>;
  readonly months: Record<string, WorkingMonth>;
  /** Months already copied into this working bill (the others are still the input's). */
  readonly copied: Set<string>;
  /** The card of the latest event time, and the range it is valid for. */
  card?: { readonly card: RateCard; readonly fromMs: number; readonly untilMs: number };
  /** Month key → its price card (the card in effect on the month's last day). */
  readonly monthCards: Map<string, RateCard>;
  /** `month:architecture` → the month card's tier ends in MB·ms. */
  readonly tierEnds: Map<string, ReadonlyArray<bigint>>;
  /** The month of the latest instant looked up, and its range. */
  monthRange?: { readonly key: string; readonly fromMs: number; readonly untilMs: number };
}

const copyDictionary = <V>(source: Dictionary<V>): Record<string, V> =>
  Object.assign(emptyDictionary<V>(), source);

function working(bill: Bill): Working {
  const { functions, provisioned, months, ...rest } = bill;
  return {
    bill: { ...rest },
    functions: copyDictionary(functions),
    provisioned: copyDictionary(provisioned),
    months: copyDictionary(months) as Record<string, WorkingMonth>,
    copied: new Set(),
    monthCards: new Map(),
    tierEnds: new Map(),
  };
}

function copyMonth(month: BilledMonth): WorkingMonth {
  const lines = emptyDictionary<WorkingLine>();
  for (const [key, l] of Object.entries(month.lines)) {
    lines[key] = {
      functionName: l.functionName,
      version: l.version,
      architecture: l.architecture,
      usage: { ...l.usage, onDemandMbMs: [...l.usage.onDemandMbMs] },
    };
  }
  return {
    month: month.month,
    freeRequestsUsed: month.freeRequestsUsed,
    freeMbMsUsed: month.freeMbMsUsed,
    poolMbMs: { ...month.poolMbMs },
    lines,
  };
}

function finished(w: Working): Bill {
  return {
    ...w.bill,
    functions: w.functions,
    provisioned: w.provisioned,
    months: w.months,
  };
}

/** The card in effect at `atMs` (cached while events stay in its range). */
function cardAt(w: Working, atMs: number, field: string): Either<PricingError, RateCard> {
  const cached = w.card;
  if (cached !== undefined && atMs >= cached.fromMs && atMs < cached.untilMs) {
    return right(cached.card);
  }
  const found = cardFor(w.bill.region, atMs, field);
  if (isLeft(found)) return found;
  w.card = {
    card: found.right,
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

/** The `YYYY-MM` of an instant (cached while instants stay in one month). */
function monthKeyAt(w: Working, atMs: number): string {
  const range = w.monthRange;
  if (range !== undefined && atMs >= range.fromMs && atMs < range.untilMs) return range.key;
  const key = monthOf(atMs);
  w.monthRange = { key, fromMs: monthStartMs(key), untilMs: nextMonthStartMs(atMs) };
  return key;
}

/** The graduated tiers' ends of a month and architecture, in MB·ms. */
function tierEndsOf(w: Working, month: string, architecture: Architecture): ReadonlyArray<bigint> {
  const key = `${month}:${architecture}`;
  let ends = w.tierEnds.get(key);
  if (ends === undefined) {
    const rates = present(monthCard(w, month).architectures[architecture], architecture);
    ends = tierEndsMbMs(rates.durationTiers);
    w.tierEnds.set(key, ends);
  }
  return ends;
}

/** The working month of an instant, copied or created on first write. */
function monthAt(w: Working, atMs: number): WorkingMonth {
  const key = monthKeyAt(w, atMs);
  const existing = w.months[key];
  if (existing !== undefined && w.copied.has(key)) return existing;
  const month: WorkingMonth =
    existing === undefined
      ? {
          month: key,
          freeRequestsUsed: 0n,
          freeMbMsUsed: 0n,
          poolMbMs: { x86_64: 0n, arm64: 0n },
          lines: emptyDictionary(),
        }
      : copyMonth(existing);
  w.months[key] = month;
  w.copied.add(key);
  return month;
}

function lineOf(
  month: WorkingMonth,
  functionName: string,
  version: string,
  architecture: Architecture,
): LineCounts {
  const key = `${functionName}:${version}:${architecture}`;
  let line = month.lines[key];
  if (line === undefined) {
    const usage = noUsage();
    line = {
      functionName,
      version,
      architecture,
      usage: { ...usage, onDemandMbMs: [] },
    };
    month.lines[key] = line;
  }
  return line.usage;
}

/** Counts `count` requests, the free tier taking what it still has this month. */
function addRequests(w: Working, month: WorkingMonth, line: LineCounts, count: bigint): void {
  line.requests += count;
  if (!w.bill.freeTier) return;
  const free = minBig(count, FREE_REQUESTS_PER_MONTH - month.freeRequestsUsed);
  if (free > 0n) {
    line.freeRequests += free;
    month.freeRequestsUsed += free;
  }
}

// ---- Functions, versions and aliases: what the INIT rule and provisioned concurrency need. ------

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
    lineOf(month, interval.functionName, interval.version, interval.architecture).provisionedMbMs +=
      perStep * BigInt(upTo - step);
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
      aliases: emptyDictionary(),
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
    updateFunction(w, e.functionName, (fn) => ({
      ...fn,
      versions: Object.assign(copyDictionary(fn.versions), { [e.version]: fn.latest }),
    }));
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
  AliasCreated: (w, e) => {
    updateFunction(w, e.functionName, (fn) => ({
      ...fn,
      aliases: Object.assign(copyDictionary(fn.aliases), { [e.aliasName]: e.functionVersion }),
    }));
    return undefined;
  },
  AliasUpdated: (w, e) => {
    updateFunction(w, e.functionName, (fn) => ({
      ...fn,
      aliases: Object.assign(copyDictionary(fn.aliases), { [e.aliasName]: e.functionVersion }),
    }));
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
    const rates = architectureRates(card.right, e.architecture, served);
    if (isLeft(rates)) return rates.left;
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
    const line = lineOf(month, e.functionName, e.executedVersion, e.architecture);
    addRequests(w, month, line, 1n);
    const mbMs = BigInt(e.memorySizeMb * billedMs);
    if (served) {
      line.provisionedDurationMbMs += mbMs;
    } else {
      if (w.bill.freeTier && month.freeMbMsUsed < FREE_MB_MS_PER_MONTH) {
        // The month's first free GB-s: they lie in tier 1 of their pool (docs/pricing.md).
        const free = minBig(mbMs, FREE_MB_MS_PER_MONTH - month.freeMbMsUsed);
        line.freeMbMs += free;
        month.freeMbMsUsed += free;
      }
      const ends = tierEndsOf(w, month.month, e.architecture);
      addToTiers(month.poolMbMs[e.architecture], mbMs, ends, line.onDemandMbMs);
      month.poolMbMs[e.architecture] += mbMs;
    }
    if (e.ephemeralStorageMb > 512) {
      line.storageMbMs += BigInt((e.ephemeralStorageMb - 512) * billedMs);
    }
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
      lineOf(month, e.functionName, e.executedVersion, shape.right.architecture),
      BigInt(extra),
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
 * pieces gives the same bill as billing it whole. A `Left` names the first event that cannot be
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
  for (const event of events) {
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
 * function, version, region and architecture and the month's exact total.
 *
 * Provisioned concurrency still enabled is charged as if disabled at `asOfMs`, by default the
 * time of the latest event billed; pass the end of a month to see that month as it will be billed
 * (a month's invoice is then the same whatever is billed later).
 *
 * @example
 * ```ts
 * for (const invoice of invoices(bill)) console.log(invoice.month, formatUsd(invoice.total));
 * ```
 */
export function invoices(bill: Bill, asOfMs?: number): ReadonlyArray<Invoice> {
  const w = working(bill);
  const endMs = asOfMs ?? bill.clockMs ?? Number.NEGATIVE_INFINITY;
  for (const key of Object.keys(w.provisioned)) closeInterval(w, key, endMs);
  return Object.keys(w.months)
    .sort()
    .map((key) => invoiceOf(bill.region, present(w.months[key], key), monthCard(w, key)));
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
