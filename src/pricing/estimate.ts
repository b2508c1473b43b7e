/**
 * The calculator: "what would this cost a month?" for one function, from monthly requests, an
 * average duration and the function's configuration, itemised as AWS itemises its examples
 * (spec pricing §10). It shares its rules and its line pricing with the billing of a log, so the
 * same usage gives the same money through both.
 *
 * @module
 */
import type { Architecture, PackageType } from '../functions/state.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { exact, type DecimalString } from '../kernel/money.js';
import { pricingError, shown, type PricingError } from './errors.js';
import { priceUsage, totalOf, type LineUsage, type PricedLine } from './lines.js';
import { present } from '../kernel/assert.js';
import {
  architectureRates,
  cardFor,
  isKnownRegion,
  LAMBDA_LAUNCH_DATE,
  LAMBDA_LAUNCH_MS,
  PROVISIONED_CONCURRENCY_STEP_MS,
  RATE_CARDS,
  type RateCard,
} from './rates.js';
import {
  addToTiers,
  ASYNC_MAX_EVENT_BYTES,
  asyncRequestUnits,
  billedDurationMs,
  FREE_MB_MS_PER_MONTH,
  FREE_REQUESTS_PER_MONTH,
  isInitBilled,
  minBig,
  monthStartMs,
  nextMonthStartMs,
  tierEndsMbMs,
} from './rules.js';

/** Provisioned concurrency in an estimate (spec pricing §7). */
export interface ProvisionedConcurrencyEstimate {
  /** Configured concurrency: an integer ≥ 1. */
  readonly concurrency: number;
  /** Hours enabled in the month (fractions allowed); charged rounded up to 5 minutes (§3.4). */
  readonly hours: number;
  /**
   * How many of the month's `requests` provisioned environments serve (an integer, at most
   * `requests`); they pay the provisioned-concurrency duration price. Default 0.
   */
  readonly requests?: number;
  /** Their average duration in ms; default the estimate's `averageDurationMs`. */
  readonly averageDurationMs?: number;
}

/** Cold starts of on-demand environments in an estimate (spec pricing §4). */
export interface ColdStartsEstimate {
  /** How many on-demand invocations ran INIT: an integer, at most the on-demand requests. */
  readonly count: number;
  /** The INIT duration of each, in ms. */
  readonly initDurationMs: number;
}

/** What the calculator is asked (spec pricing §10). */
export interface EstimateInput {
  /** Requests in the month: an integer ≥ 0. */
  readonly requests: number;
  /**
   * Average handler duration in ms (fractions allowed), at most 900,000. Every invocation is taken
   * to run exactly this long, so each is billed this duration rounded up (spec pricing §3.2).
   */
  readonly averageDurationMs: number;
  /** Configured memory: an integer from 128 to 10,240 MB (spec pricing §1.4). */
  readonly memorySizeMb: number;
  /** Default `x86_64`. */
  readonly architecture?: Architecture;
  /** Configured ephemeral storage: an integer from 512 to 10,240 MB; default 512 (§1.4, §6). */
  readonly ephemeralStorageMb?: number;
  /** Default `us-east-1`. */
  readonly region?: string;
  /**
   * The calendar month, `YYYY-MM`, whose rate card and rules apply (the card in effect at the end
   * of the month). Absent: the region's newest card.
   */
  readonly month?: string;
  /** Subtract the monthly free tier (spec pricing §5). Default `true`. */
  readonly freeTier?: boolean;
  readonly provisionedConcurrency?: ProvisionedConcurrencyEstimate;
  readonly coldStarts?: ColdStartsEstimate;
  /** The runtime, for the INIT rule (spec pricing §4). Default `nodejs22.x`. */
  readonly runtime?: string;
  /** The package type, for the INIT rule. Default `Zip`. */
  readonly packageType?: PackageType;
  /**
   * When every request is an asynchronous event of this many bytes (at most 1 MB), the requests
   * it counts as (spec pricing §1.1). Absent: one request each.
   */
  readonly asyncEventBytes?: number;
}

/** The calculator's answer: itemised lines and their exact total (spec pricing §10, §3.6). */
export interface Estimate {
  readonly region: string;
  /** The month asked for, when one was. */
  readonly month?: string;
  readonly architecture: Architecture;
  /** The `effectiveFrom` of the rate card used. */
  readonly rateCardEffectiveFrom: string;
  readonly freeTier: boolean;
  readonly currency: 'USD';
  readonly lines: ReadonlyArray<PricedLine>;
  /** Σ line amounts, exact (round only to display it: `formatUsd`). */
  readonly total: DecimalString;
}

const invalid = (field: string, rule: string, value: unknown): Either<PricingError, never> =>
  left(pricingError('InvalidInput', field, `${field} ${rule}; got ${shown(value)}`));

/** An integer in [min, max], or an `InvalidInput` error naming the field. */
function integerIn(
  field: string,
  value: unknown,
  min: number,
  max: number,
  rule: string,
): Either<PricingError, number> {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max
    ? right(value)
    : invalid(field, rule, value);
}

/** A finite number in [0, max], or an `InvalidInput` error naming the field. */
function numberIn(
  field: string,
  value: unknown,
  max: number,
  rule: string,
): Either<PricingError, number> {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= max
    ? right(value)
    : invalid(field, rule, value);
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** Lambda's longest timeout, 15 minutes: no invocation is billed longer. */
const MAX_DURATION_MS = 900_000;
/** The most hours a calendar month has (31 days). */
const MAX_HOURS_PER_MONTH = 744;
const DURATION_RULE = 'must be a number of ms from 0 to 900000 (the 15-minute timeout)';

/** The card for the month asked (or the region's newest card). */
function cardOfMonth(region: string, month: unknown): Either<PricingError, RateCard> {
  if (!isKnownRegion(region)) return cardFor(region, LAMBDA_LAUNCH_MS, 'region');
  if (month === undefined) {
    const newest = RATE_CARDS[region]?.at(-1);
    return newest === undefined ? cardFor(region, LAMBDA_LAUNCH_MS, 'month') : right(newest);
  }
  if (typeof month !== 'string' || !MONTH.test(month)) {
    return invalid('month', 'must be a calendar month written YYYY-MM', month);
  }
  // The card in effect on the month's last day: prices change on the first of a month, and a
  // month in which something became available (Lambda in 2014-11, arm64 in 2021-09) is priced
  // with it. A month that ends before Lambda existed is refused.
  const endMs = nextMonthStartMs(monthStartMs(month));
  if (endMs <= LAMBDA_LAUNCH_MS) {
    return left(
      pricingError(
        'BeforeLambdaLaunch',
        'month',
        `month ${month} is before AWS Lambda launched on ${LAMBDA_LAUNCH_DATE} (spec pricing §3.2)`,
      ),
    );
  }
  return cardFor(region, endMs - 1, 'month');
}

/**
 * Estimates a month's bill for one function (spec pricing §10): requests, on-demand duration in
 * graduated tiers, ephemeral storage, provisioned concurrency and its duration, with the free
 * tier applied when asked. Every amount is exact; the lines are those `invoices` gives for the
 * same usage in a log.
 *
 * @example
 * ```ts
 * // The mobile backend of the pricing page: $2.33 compute + $0.40 requests = $2.73.
 * estimate({ requests: 3_000_000, averageDurationMs: 120, memorySizeMb: 1536, month: '2026-01' })
 * // → Right({ lines: [{ kind: 'requests', quantity: '2000000', amount: '0.4', … },
 * //                   { kind: 'duration', quantity: '140000', amount: '2.333338', … }],
 * //          total: '2.733338', … })
 * ```
 */
export function estimate(input: EstimateInput): Either<PricingError, Estimate> {
  const region = input.region ?? 'us-east-1';
  const card = cardOfMonth(region, input.month);
  if (isLeft(card)) return card;
  const architecture = input.architecture ?? 'x86_64';
  const rates = architectureRates(
    card.right,
    architecture,
    input.provisionedConcurrency !== undefined,
  );
  if (isLeft(rates)) return rates;
  const checked = validate(input);
  if (isLeft(checked)) return checked;
  const lines = priceUsage(usageOf(checked.right, card.right), card.right, architecture);
  return right({
    region,
    ...(input.month === undefined ? {} : { month: input.month }),
    architecture,
    rateCardEffectiveFrom: card.right.effectiveFrom,
    freeTier: checked.right.freeTier,
    currency: 'USD',
    lines,
    total: totalOf(lines),
  });
}

/** An input, checked, with its defaults filled in. */
interface Checked {
  readonly architecture: Architecture;
  readonly freeTier: boolean;
  readonly requests: number;
  readonly durationMs: number;
  readonly memoryMb: number;
  readonly storageMb: number;
  readonly provisionedRequests: number;
  readonly provisionedDurationMs: number;
  readonly concurrency: number;
  readonly hours: number;
  readonly coldStarts: number;
  readonly initDurationMs: number;
  readonly runtime: string;
  readonly packageType: PackageType;
  readonly asyncUnits: number;
}

/** Checks the input field by field; the first bad field is the error. */
function validate(input: EstimateInput): Either<PricingError, Checked> {
  const memoryMb = integerIn('memorySizeMb', input.memorySizeMb, 128, 10_240, MEMORY_RULE);
  if (isLeft(memoryMb)) return memoryMb;
  const storageMb = integerIn(
    'ephemeralStorageMb',
    input.ephemeralStorageMb ?? 512,
    512,
    10_240,
    'must be an integer from 512 to 10240 (spec pricing §1.4)',
  );
  if (isLeft(storageMb)) return storageMb;
  const requests = integerIn(
    'requests',
    input.requests,
    0,
    Number.MAX_SAFE_INTEGER,
    'must be a non-negative integer',
  );
  if (isLeft(requests)) return requests;
  const durationMs = numberIn(
    'averageDurationMs',
    input.averageDurationMs,
    MAX_DURATION_MS,
    DURATION_RULE,
  );
  if (isLeft(durationMs)) return durationMs;
  const freeTier: unknown = input.freeTier ?? true;
  if (typeof freeTier !== 'boolean') return invalid('freeTier', 'must be true or false', freeTier);
  const provisioned = provisionedOf(input.provisionedConcurrency, requests.right, durationMs.right);
  if (isLeft(provisioned)) return provisioned;
  const cold = coldStartsOf(
    input.coldStarts,
    requests.right - provisioned.right.provisionedRequests,
  );
  if (isLeft(cold)) return cold;
  const packageType: unknown = input.packageType ?? 'Zip';
  if (packageType !== 'Zip' && packageType !== 'Image') {
    return invalid('packageType', 'must be Zip or Image', packageType);
  }
  const runtime: unknown = input.runtime ?? 'nodejs22.x';
  if (typeof runtime !== 'string') {
    return invalid('runtime', 'must be a runtime identifier such as nodejs22.x', runtime);
  }
  let asyncUnits = 1;
  if (input.asyncEventBytes !== undefined) {
    const bytes = integerIn(
      'asyncEventBytes',
      input.asyncEventBytes,
      0,
      ASYNC_MAX_EVENT_BYTES,
      'must be an integer from 0 to 1048576 (1 MB, spec pricing §1.1)',
    );
    if (isLeft(bytes)) return bytes;
    asyncUnits = asyncRequestUnits(bytes.right);
  }
  return right({
    architecture: input.architecture ?? 'x86_64',
    freeTier,
    requests: requests.right,
    durationMs: durationMs.right,
    memoryMb: memoryMb.right,
    storageMb: storageMb.right,
    ...provisioned.right,
    ...cold.right,
    runtime,
    packageType,
    asyncUnits,
  });
}

const MEMORY_RULE = 'must be an integer from 128 to 10240 (spec pricing §1.4)';

interface ProvisionedChecked {
  readonly provisionedRequests: number;
  readonly provisionedDurationMs: number;
  readonly concurrency: number;
  readonly hours: number;
}

function provisionedOf(
  pc: ProvisionedConcurrencyEstimate | undefined,
  requests: number,
  durationMs: number,
): Either<PricingError, ProvisionedChecked> {
  if (pc === undefined) {
    return right({
      provisionedRequests: 0,
      provisionedDurationMs: durationMs,
      concurrency: 0,
      hours: 0,
    });
  }
  const concurrency = integerIn(
    'provisionedConcurrency.concurrency',
    pc.concurrency,
    1,
    Number.MAX_SAFE_INTEGER,
    'must be a positive integer',
  );
  if (isLeft(concurrency)) return concurrency;
  const hours = numberIn(
    'provisionedConcurrency.hours',
    pc.hours,
    MAX_HOURS_PER_MONTH,
    'must be a number of hours from 0 to 744 (31 days)',
  );
  if (isLeft(hours)) return hours;
  const served = integerIn(
    'provisionedConcurrency.requests',
    pc.requests ?? 0,
    0,
    requests,
    `must be an integer from 0 to requests (${String(requests)})`,
  );
  if (isLeft(served)) return served;
  const servedMs = numberIn(
    'provisionedConcurrency.averageDurationMs',
    pc.averageDurationMs ?? durationMs,
    MAX_DURATION_MS,
    DURATION_RULE,
  );
  if (isLeft(servedMs)) return servedMs;
  return right({
    provisionedRequests: served.right,
    provisionedDurationMs: servedMs.right,
    concurrency: concurrency.right,
    hours: hours.right,
  });
}

function coldStartsOf(
  cold: ColdStartsEstimate | undefined,
  onDemand: number,
): Either<PricingError, { readonly coldStarts: number; readonly initDurationMs: number }> {
  if (cold === undefined) return right({ coldStarts: 0, initDurationMs: 0 });
  const count = integerIn(
    'coldStarts.count',
    cold.count,
    0,
    onDemand,
    `must be an integer from 0 to the on-demand requests (${String(onDemand)})`,
  );
  if (isLeft(count)) return count;
  const init = numberIn(
    'coldStarts.initDurationMs',
    cold.initDurationMs,
    MAX_DURATION_MS,
    DURATION_RULE,
  );
  if (isLeft(init)) return init;
  return right({ coldStarts: count.right, initDurationMs: init.right });
}

/**
 * The month's usage the input describes, counted exactly as the billing of a log counts it
 * (spec pricing §10): each invocation's duration rounded by the card's rules, the free tier taken
 * from the first usage of the month, which always lies in tier 1.
 */
function usageOf(c: Checked, card: RateCard): LineUsage {
  const granularity = card.durationGranularityMs;
  const initBilled = isInitBilled(card, {
    initializationType: 'on-demand',
    packageType: c.packageType,
    runtime: c.runtime,
  });
  const warmMs = BigInt(billedDurationMs(c.durationMs, 0, granularity));
  const coldMs = BigInt(
    billedDurationMs(c.durationMs, initBilled ? c.initDurationMs : 0, granularity),
  );
  const servedMs = BigInt(billedDurationMs(c.provisionedDurationMs, 0, granularity));
  const onDemand = BigInt(c.requests - c.provisionedRequests);
  const cold = BigInt(c.coldStarts);
  const onDemandMs = (onDemand - cold) * warmMs + cold * coldMs;
  const memory = BigInt(c.memoryMb);
  const onDemandMbMs = onDemandMs * memory;
  const tiers: bigint[] = [];
  const rates = present(card.architectures[c.architecture], c.architecture);
  addToTiers(0n, onDemandMbMs, tierEndsMbMs(rates.durationTiers), tiers);
  const provisionedMs = BigInt(c.provisionedRequests) * servedMs;
  const requests = BigInt(c.requests) * BigInt(c.asyncUnits);
  // Five-minute steps of the hours enabled (spec pricing §3.4), in decimal: ceil(hours × 12).
  const steps = BigInt(exact(c.hours).times(12).ceil().toFixed());
  return {
    requests,
    freeRequests: c.freeTier ? minBig(requests, FREE_REQUESTS_PER_MONTH) : 0n,
    onDemandMbMs: tiers,
    freeMbMs: c.freeTier ? minBig(onDemandMbMs, FREE_MB_MS_PER_MONTH) : 0n,
    storageMbMs: BigInt(c.storageMb - 512) * (onDemandMs + provisionedMs),
    provisionedMbMs:
      BigInt(c.concurrency) * memory * steps * BigInt(PROVISIONED_CONCURRENCY_STEP_MS),
    provisionedDurationMbMs: provisionedMs * memory,
  };
}
