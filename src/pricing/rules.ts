/**
 * The billing rules of spec pricing §3–§7 and §10 as small pure functions, shared by the
 * calculator and the billing of a log so that both give the same money for the same usage.
 *
 * Usage is counted in exact integers: requests, and MB × ms ("MB·ms") for every GB-second line.
 * One GB-second is 1,024 MB × 1,000 ms = 1,024,000 MB·ms (GB = MB / 1024, spec §3.1), so a
 * GB-second quantity is an MB·ms count divided by 1,024,000, which always terminates in decimal.
 *
 * @module
 */
import type { PackageType } from '../functions/state.js';
import type { InitializationType } from '../invocation/events.js';
import { exact, type ExactDecimal } from '../kernel/money.js';
import { epochMsOfUtcDate, utcParts } from '../kernel/time.js';
import { PROVISIONED_CONCURRENCY_STEP_MS, type DurationTier, type RateCard } from './rates.js';

/** MB·ms in one GB-second: 1,024 MB (spec §3.1) × 1,000 ms. */
export const MB_MS_PER_GB_SECOND = 1_024_000n;

/** The free tier's 400,000 GB-s as MB·ms (spec pricing §5). */
export const FREE_MB_MS_PER_MONTH = 400_000n * MB_MS_PER_GB_SECOND;

/** The free tier's 1,000,000 requests (spec pricing §5). */
export const FREE_REQUESTS_PER_MONTH = 1_000_000n;

/** GB-seconds of an MB·ms count, exactly (GB = MB / 1024, spec pricing §3.1). */
export const gbSecondsOf = (mbMs: bigint): ExactDecimal =>
  exact(mbMs).dividedBy(exact(MB_MS_PER_GB_SECOND));

/**
 * The billed duration of one invocation in ms (spec pricing §3.2, §10): the handler's duration
 * plus the INIT duration where it is billed, rounded up to the card's granularity (1 ms from the
 * December 2020 billing cycle, 100 ms before). Rounding is per invocation, before any sum.
 *
 * Like the `billedDurationMs` the invocation module records, it is at least one step (1 ms or
 * 100 ms): an execution takes some time, and AWS bills no zero-length duration.
 *
 * @param durationMs - the handler's duration, fractions allowed (a REPORT line's `Duration`).
 * @param billedInitMs - the INIT duration to add, or 0 when INIT is not billed (spec §4).
 * @param granularityMs - the card's `durationGranularityMs`.
 * @example `billedDurationMs(27.55, 0, 1)` → 28; `billedDurationMs(27.4, 0, 100)` → 100 ([B-1MS]);
 * `billedDurationMs(237.17, 48.26, 100)` → 300 (custom runtime, [DG23:runtimes-custom]).
 */
export function billedDurationMs(
  durationMs: number,
  billedInitMs: number,
  granularityMs: number,
): number {
  const ceiledMs = Math.max(1, ceilOfSum(durationMs, billedInitMs));
  const remainder = ceiledMs % granularityMs;
  return remainder === 0 ? ceiledMs : ceiledMs - remainder + granularityMs;
}

/**
 * `ceil(a + b)` of the decimal values of two non-negative numbers. A number's value is its shortest
 * decimal text (27.55 is 27.55), and `Math.ceil` of one double agrees with the ceiling of that
 * decimal. A double sum differs from the decimal sum by far less than 10^-6 for any duration, so
 * its ceiling is right unless the sum is that close to an integer; then the sum is done exactly in
 * decimal, since the double may land on the wrong side of the integer.
 */
function ceilOfSum(a: number, b: number): number {
  if (b === 0) return Math.ceil(a);
  const sum = a + b;
  if (Math.abs(sum - Math.round(sum)) > 1e-6) return Math.ceil(sum);
  return exact(a).plus(exact(b)).ceil().toNumber();
}

/** What the INIT rule needs to know about the environment and the function (spec pricing §4). */
export interface InitContext {
  readonly initializationType: InitializationType;
  /** `Runtime` of the version; absent for a container image. */
  readonly runtime?: string;
  readonly packageType: PackageType;
}

/**
 * Whether an invocation's INIT duration is billed as duration (spec pricing §4):
 * - a custom runtime (`provided`, `provided.al2`, `provided.al2023`, …): always;
 * - a container image: always;
 * - a ZIP function on a managed runtime, on demand: from 2025-08-01 ([B-INIT]);
 * - a provisioned-concurrency environment: never as duration. Its INIT runs when the concurrency
 *   is allocated or recycled, and the provisioned-concurrency charge covers the whole time the
 *   environments exist (model choice, `docs/pricing.md`).
 */
export function isInitBilled(card: RateCard, context: InitContext): boolean {
  if (context.initializationType === 'provisioned-concurrency') return false;
  if (context.packageType === 'Image') return true;
  if (context.runtime?.startsWith('provided') === true) return true;
  return card.managedRuntimeZipInitBilled;
}

/** 256 KB: the size one asynchronous request covers (spec pricing §1.1). */
export const ASYNC_FIRST_CHUNK_BYTES = 256 * 1024;
/** 64 KB: each further chunk adds one request, up to 1 MB (spec pricing §1.1). */
export const ASYNC_EXTRA_CHUNK_BYTES = 64 * 1024;
/** 1 MB: the largest asynchronous event (spec pricing §1.1). */
export const ASYNC_MAX_EVENT_BYTES = 1024 * 1024;

/**
 * How many requests an asynchronous event of `payloadBytes` counts as: 1 for the first 256 KB,
 * plus 1 for each further 64 KB chunk or part of one, up to 1 MB (spec pricing §1.1; partial
 * chunks round up, so a 1 MB event is 13 requests).
 *
 * @example `asyncRequestUnits(262_144)` → 1; `asyncRequestUnits(262_145)` → 2;
 * `asyncRequestUnits(1_048_576)` → 13.
 */
export function asyncRequestUnits(payloadBytes: number): number {
  const beyond = Math.min(payloadBytes, ASYNC_MAX_EVENT_BYTES) - ASYNC_FIRST_CHUNK_BYTES;
  return beyond <= 0 ? 1 : 1 + Math.ceil(beyond / ASYNC_EXTRA_CHUNK_BYTES);
}

/**
 * The five-minute steps provisioned concurrency enabled for `enabledMs` is charged for: the time
 * rounded up to the nearest five minutes (spec pricing §3.4); 0 for no time.
 */
export const provisionedSteps = (enabledMs: number): number =>
  enabledMs <= 0 ? 0 : Math.ceil(enabledMs / PROVISIONED_CONCURRENCY_STEP_MS);

/** The tier ends of a card's duration tiers in MB·ms, one fewer than tiers (spec §1.2). */
export function tierEndsMbMs(tiers: ReadonlyArray<DurationTier>): ReadonlyArray<bigint> {
  const ends: bigint[] = [];
  for (const tier of tiers) {
    if (tier.upToGbSeconds !== undefined) {
      ends.push(BigInt(tier.upToGbSeconds) * MB_MS_PER_GB_SECOND);
    }
  }
  return ends;
}

/**
 * Adds `amount` MB·ms of on-demand duration to a pool that already holds `poolBefore` MB·ms this
 * month, and distributes it over the graduated tiers (spec pricing §1.2: only the part above a
 * tier's end gets the lower price). `into[i]` grows by the part that falls into tier `i`; `into`
 * gets an entry (0 at least) for every tier.
 */
export function addToTiers(
  poolBefore: bigint,
  amount: bigint,
  ends: ReadonlyArray<bigint>,
  into: bigint[],
): void {
  while (into.length <= ends.length) into.push(0n);
  let position = poolBefore;
  let remaining = amount;
  for (let tier = 0; tier < ends.length && remaining > 0n; tier += 1) {
    const end = ends[tier] ?? 0n;
    if (position < end) {
      const taken = end - position < remaining ? end - position : remaining;
      into[tier] = (into[tier] ?? 0n) + taken;
      position += taken;
      remaining -= taken;
    }
  }
  if (remaining > 0n) into[ends.length] = (into[ends.length] ?? 0n) + remaining;
}

/** The smaller of two bigints (for the free-tier allowance, spec pricing §5). */
export const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b);

/** The calendar month (UTC) of an instant, as `YYYY-MM`; bills are monthly (spec pricing §1.2, §5). */
export function monthOf(atMs: number): string {
  const { year, month } = utcParts(atMs);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The first instant of a `YYYY-MM` month (bills are per calendar month, spec §1.2, §5). */
export function monthStartMs(month: string): number {
  return epochMsOfUtcDate(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
}

/** The first instant of the month after the one `atMs` is in (spec pricing §1.2, §5). */
export function nextMonthStartMs(atMs: number): number {
  const { year, month } = utcParts(atMs);
  return month === 12 ? epochMsOfUtcDate(year + 1, 1, 1) : epochMsOfUtcDate(year, month + 1, 1);
}
