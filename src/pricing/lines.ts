/**
 * From exact usage to priced lines. The calculator and the billing of a log both describe a
 * month's usage of one function shape as a `LineUsage` of integer counts, and both turn it into
 * money here, with the same code, so the same usage always gives the same amounts.
 *
 * @module
 */
import type { Architecture } from '../functions/state.js';
import { invariant, present } from '../kernel/assert.js';
import {
  exact,
  sumOf,
  toDecimalString,
  type DecimalString,
  type ExactDecimal,
} from '../kernel/money.js';
import type { DurationTier, ProvisionedConcurrencyRates, RateCard } from './rates.js';
import { gbSecondsOf } from './rules.js';

/**
 * One month's usage of one line group (a function version and architecture in a region, or the
 * calculator's one function), in exact integers (spec pricing §10). Free-tier parts are included in the totals and
 * counted again in the `free*` members.
 */
export interface LineUsage {
  /** Requests, including the extra requests of large asynchronous events (spec pricing §1.1). */
  readonly requests: bigint;
  /** The part of `requests` the free tier covers. */
  readonly freeRequests: bigint;
  /** On-demand duration in MB·ms, per graduated tier (index 0 = tier 1; spec pricing §1.2). */
  readonly onDemandMbMs: ReadonlyArray<bigint>;
  /** The part of tier 1 the free tier covers (it is always in tier 1; `docs/pricing.md`). */
  readonly freeMbMs: bigint;
  /** Ephemeral storage above 512 MB, in MB·ms (spec pricing §6). */
  readonly storageMbMs: bigint;
  /** Provisioned concurrency × memory × charged time, in MB·ms (spec pricing §7). */
  readonly provisionedMbMs: bigint;
  /** Duration of invocations served by provisioned environments, in MB·ms (spec pricing §7). */
  readonly provisionedDurationMbMs: bigint;
}

/** What a priced line charges for: requests (§1.1), duration (§1.2), storage (§6), PC (§7). */
export type LineKind =
  | 'requests'
  | 'duration'
  | 'ephemeral-storage'
  | 'provisioned-concurrency'
  | 'provisioned-duration';

/**
 * One priced line: a quantity at a unit price. `amount` = `quantity` × `unitPrice`, exactly;
 * nothing is rounded (spec pricing §3.6). `freeQuantity` is the usage the free tier covered,
 * which is not in `quantity`.
 */
export interface PricedLine {
  readonly kind: LineKind;
  /** For `duration`: the graduated tier, 1–3 (spec pricing §1.2). */
  readonly tier?: number;
  readonly description: string;
  /** Billable quantity, after the free tier. */
  readonly quantity: DecimalString;
  /** Usage the free tier covered (spec pricing §5); `'0'` when none. */
  readonly freeQuantity: DecimalString;
  readonly unit: 'requests' | 'GB-s';
  /** The published price per unit, exactly as on the rate card. */
  readonly unitPrice: DecimalString;
  readonly amount: DecimalString;
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function tierDescription(tiers: ReadonlyArray<DurationTier>, index: number): string {
  if (tiers.length === 1) return 'Duration';
  const tier = tiers[index];
  const previous = tiers[index - 1]?.upToGbSeconds;
  if (index === 0) return `Duration, first ${groupThousands(tier?.upToGbSeconds ?? '0')} GB-s`;
  if (tier?.upToGbSeconds === undefined) {
    return `Duration, over ${groupThousands(previous ?? '0')} GB-s`;
  }
  const width = BigInt(tier.upToGbSeconds) - BigInt(previous ?? '0');
  return `Duration, next ${groupThousands(String(width))} GB-s`;
}

function line(
  kind: LineKind,
  description: string,
  unit: 'requests' | 'GB-s',
  quantity: ExactDecimal,
  free: ExactDecimal,
  unitPrice: DecimalString,
  tier?: number,
): PricedLine {
  return {
    kind,
    ...(tier === undefined ? {} : { tier }),
    description,
    quantity: toDecimalString(quantity),
    freeQuantity: toDecimalString(free),
    unit,
    unitPrice,
    amount: toDecimalString(quantity.times(exact(unitPrice))),
  };
}

/**
 * Prices one line group's usage with a card: requests (spec §1.1), on-demand duration per tier
 * (§1.2), ephemeral storage (§6), provisioned concurrency and its duration (§7). A line appears
 * when it has usage, even if the free tier covers all of it.
 *
 * The caller has checked that the card has every rate the usage needs (the architecture, its
 * provisioned-concurrency rates) and returned a `RateUnavailable` error otherwise; a rate missing
 * here is a bug in lambda-twin, hence the invariants.
 */
export function priceUsage(
  usage: LineUsage,
  card: RateCard,
  architecture: Architecture,
): ReadonlyArray<PricedLine> {
  const rates = card.architectures[architecture];
  const lines: PricedLine[] = [];
  if (usage.requests > 0n) {
    lines.push(
      line(
        'requests',
        'Requests',
        'requests',
        exact(usage.requests - usage.freeRequests),
        exact(usage.freeRequests),
        card.requestPrice,
      ),
    );
  }
  usage.onDemandMbMs.forEach((mbMs, index) => {
    if (mbMs === 0n) return;
    const tiers = present(rates, `${architecture} rates of ${card.region}`).durationTiers;
    const tier = tiers[index];
    invariant(tier !== undefined, `tier ${String(index + 1)} of ${card.region} ${architecture}`);
    const free = index === 0 ? usage.freeMbMs : 0n;
    lines.push(
      line(
        'duration',
        tierDescription(tiers, index),
        'GB-s',
        gbSecondsOf(mbMs - free),
        gbSecondsOf(free),
        tier.pricePerGbSecond,
        index + 1,
      ),
    );
  });
  if (usage.storageMbMs > 0n) {
    lines.push(
      line(
        'ephemeral-storage',
        'Ephemeral storage above 512 MB',
        'GB-s',
        gbSecondsOf(usage.storageMbMs),
        exact(0),
        card.ephemeralStoragePricePerGbSecond,
      ),
    );
  }
  const provisioned = (): ProvisionedConcurrencyRates =>
    present(
      rates?.provisionedConcurrency,
      `${architecture} provisioned-concurrency rates of ${card.region}`,
    );
  if (usage.provisionedMbMs > 0n) {
    lines.push(
      line(
        'provisioned-concurrency',
        'Provisioned concurrency',
        'GB-s',
        gbSecondsOf(usage.provisionedMbMs),
        exact(0),
        provisioned().pricePerGbSecond,
      ),
    );
  }
  if (usage.provisionedDurationMbMs > 0n) {
    lines.push(
      line(
        'provisioned-duration',
        'Duration with provisioned concurrency',
        'GB-s',
        gbSecondsOf(usage.provisionedDurationMbMs),
        exact(0),
        provisioned().durationPricePerGbSecond,
      ),
    );
  }
  return lines;
}

/** The exact sum of lines' amounts, as a `DecimalString` (unrounded, spec pricing §3.6). */
export const totalOf = (lines: ReadonlyArray<PricedLine>): DecimalString =>
  toDecimalString(sumOf(lines.map((l) => exact(l.amount))));
