/**
 * Rate cards as data: what AWS charges per request, per GB-second and per GB, by region and by
 * the date the prices and billing rules took effect. Every price is the published constant as a
 * decimal string, exactly as AWS prints it (10 decimals in the Price List; 8 on the pre-2020
 * page), never derived from another price (spec pricing §1.3).
 *
 * A card is a complete price list for one region from `effectiveFrom` until the next card of
 * that region. The dates (spec pricing §3.2, §3.3, §4; model choices in `docs/pricing.md`):
 *
 * | Effective (UTC) | Change |
 * | --- | --- |
 * | 2014-11-13 | Lambda launches: 100 ms rounding, $0.00001667 per GB-s ([OLDPAGE], [B-1MS]) |
 * | 2020-12-01 | the December 2020 billing cycle: 1 ms rounding, $0.0000166667 ([B-1MS], [WN-1MS]) |
 * | 2021-04-01 | Lambda@Edge metered per 1 ms instead of 50 ms ([WN-EDGE]) |
 * | 2021-09-29 | arm64 (Graviton2) functions can run (model: the launch day) |
 * | 2022-08-01 | graduated duration tiers, from the August 2022 billing cycle ([B-TIER]; model) |
 * | 2025-08-01 | INIT billed for on-demand ZIP functions on managed runtimes ([B-INIT]) |
 *
 * Regions other than us-east-1 have the lines of spec §9 from 2020-12-01 only, and one duration
 * tier: their tier 2 and 3 prices are not published in the spec, so their tier-1 price applies to
 * every GB-second (which overstates a bill above 6 billion GB-s a month).
 *
 * @module
 */
import type { Architecture } from '../functions/state.js';
import { left, right, type Either } from '../kernel/fp.js';
import type { DecimalString } from '../kernel/money.js';
import { epochMsOfUtcDate, isoTimestamp } from '../kernel/time.js';
import { pricingError, shown, type PricingError } from './errors.js';

/** The two instruction set architectures Lambda prices (spec pricing §1.2). */
export const ARCHITECTURES: ReadonlyArray<Architecture> = ['x86_64', 'arm64'];

/** One step of the graduated on-demand duration price (spec pricing §1.2). */
export interface DurationTier {
  /**
   * The cumulative monthly GB-seconds (per account, region and architecture) this tier ends at;
   * absent for the last tier, which has no end.
   */
  readonly upToGbSeconds?: DecimalString;
  /** USD per GB-second inside this tier. */
  readonly pricePerGbSecond: DecimalString;
}

/** Provisioned-concurrency prices of one architecture (spec pricing §7). */
export interface ProvisionedConcurrencyRates {
  /** USD per GB-second of configured concurrency × memory × time enabled. */
  readonly pricePerGbSecond: DecimalString;
  /** USD per GB-second of duration of invocations served by provisioned environments. */
  readonly durationPricePerGbSecond: DecimalString;
}

/** The compute prices of one architecture (spec pricing §1.2, §7). */
export interface ArchitectureRates {
  /** On-demand duration, graduated; a single unbounded tier where no tiers apply. */
  readonly durationTiers: ReadonlyArray<DurationTier>;
  /** Absent where the spec has no published rate (arm64 outside us-east-1, spec §9). */
  readonly provisionedConcurrency?: ProvisionedConcurrencyRates;
}

/** Lambda@Edge prices (spec pricing §3.3, §8). */
export interface EdgeRates {
  /** USD per request ($0.60 per million). */
  readonly requestPrice: DecimalString;
  /** USD per GB-second ($0.00000625125 per 128 MB-second). */
  readonly durationPricePerGbSecond: DecimalString;
  /** Duration rounding: 50 ms until 2021-03-31, 1 ms from 2021-04-01. */
  readonly durationGranularityMs: 1 | 50;
}

/** SnapStart prices (spec pricing §3.5, §8); they do not apply to Java managed runtimes. */
export interface SnapStartRates {
  /** USD per GB-second of snapshot cache while the version is active. */
  readonly cachePricePerGbSecond: DecimalString;
  /** The cache is charged for at least this long: 3 hours. */
  readonly minimumCacheSeconds: number;
  /** USD per GB of memory restored from a snapshot. */
  readonly restorePricePerGb: DecimalString;
}

/** HTTP response streaming prices (spec pricing §5, §8). */
export interface ResponseStreamingRates {
  /** USD per GB (1,024 MB) written to the stream beyond the free bytes. */
  readonly pricePerGb: DecimalString;
  /** Bytes per request that are always free: the first 6 MB. */
  readonly freeBytesPerRequest: number;
  /** The monthly free tier of streamed GB (100 GiB). */
  readonly freeGbPerMonth: number;
}

/**
 * A region's complete price list and billing rules from `effectiveFrom` until its next card.
 * Amounts are USD decimal strings as published (spec pricing §1.3: never derived).
 */
export interface RateCard {
  readonly region: string;
  /** The first UTC day the card applies to, `YYYY-MM-DD`. */
  readonly effectiveFrom: string;
  /** `effectiveFrom` as epoch milliseconds (midnight UTC). */
  readonly effectiveFromMs: number;
  readonly currency: 'USD';
  /** Each invocation's duration is rounded up to this many ms: 100 before Dec 2020, then 1 (§3.2). */
  readonly durationGranularityMs: 1 | 100;
  /**
   * Whether INIT of on-demand ZIP functions on managed runtimes is billed: from 2025-08-01
   * (spec pricing §4). Custom runtimes and container images are billed INIT on every card.
   */
  readonly managedRuntimeZipInitBilled: boolean;
  /** USD per request ($0.20 per million, spec pricing §1.1). */
  readonly requestPrice: DecimalString;
  /** Compute prices per architecture; an architecture that cannot run yet is absent. */
  readonly architectures: Readonly<Partial<Record<Architecture, ArchitectureRates>>>;
  /** USD per GB-second of ephemeral storage configured above 512 MB (spec pricing §6). */
  readonly ephemeralStoragePricePerGbSecond: DecimalString;
  /** Present where the spec has the line (us-east-1). */
  readonly edge?: EdgeRates;
  readonly snapStart?: SnapStartRates;
  readonly responseStreaming?: ResponseStreamingRates;
}

/** The date AWS Lambda launched: nothing can be priced before 2014-11-13 (spec pricing §3.2). */
export const LAMBDA_LAUNCH_DATE = '2014-11-13';

const ms = (isoDate: string): number => {
  const [year = 0, month = 0, day = 0] = isoDate.split('-').map(Number);
  return epochMsOfUtcDate(year, month, day);
};

/** `LAMBDA_LAUNCH_DATE` as epoch milliseconds (spec pricing §3.2). */
export const LAMBDA_LAUNCH_MS = ms(LAMBDA_LAUNCH_DATE);

/**
 * The free tier: 1,000,000 requests and 400,000 GB-seconds each calendar month, per account (or
 * organization), shared by every region and both architectures, never for provisioned
 * concurrency (spec pricing §5).
 */
export const FREE_TIER = {
  requestsPerMonth: 1_000_000,
  gbSecondsPerMonth: 400_000,
} as const;

/** Provisioned concurrency is charged in steps of five minutes (spec pricing §3.4). */
export const PROVISIONED_CONCURRENCY_STEP_MS = 300_000;

// ---- The published constants (spec pricing §1.1, §1.2, §6, §7, §8). -----------------------------

const d = (text: string): DecimalString => text as DecimalString;

const REQUEST = d('0.0000002000');
const X86_TIER_1 = d('0.0000166667');
const ARM_TIER_1 = d('0.0000133334');
const STORAGE = d('0.0000000309');
const PC_X86: ProvisionedConcurrencyRates = {
  pricePerGbSecond: d('0.0000041667'),
  durationPricePerGbSecond: d('0.0000097222'),
};
const PC_ARM: ProvisionedConcurrencyRates = {
  pricePerGbSecond: d('0.0000033334'),
  durationPricePerGbSecond: d('0.0000077778'),
};
const single = (price: DecimalString): ReadonlyArray<DurationTier> => [{ pricePerGbSecond: price }];
/** x86_64: first 6 billion GB-s, next 9 billion, over 15 billion (spec pricing §1.2). */
const X86_TIERS: ReadonlyArray<DurationTier> = [
  { upToGbSeconds: d('6000000000'), pricePerGbSecond: X86_TIER_1 },
  { upToGbSeconds: d('15000000000'), pricePerGbSecond: d('0.0000150000') },
  { pricePerGbSecond: d('0.0000133334') },
];
/** arm64: first 7.5 billion GB-s, next 11.25 billion, over 18.75 billion (spec pricing §1.2). */
const ARM_TIERS: ReadonlyArray<DurationTier> = [
  { upToGbSeconds: d('7500000000'), pricePerGbSecond: ARM_TIER_1 },
  { upToGbSeconds: d('18750000000'), pricePerGbSecond: d('0.0000120001') },
  { pricePerGbSecond: d('0.0000106667') },
];
const EDGE_REQUEST = d('0.0000006000');
const EDGE_DURATION = d('0.0000500100');
const SNAPSTART: SnapStartRates = {
  cachePricePerGbSecond: d('0.0000015046'),
  minimumCacheSeconds: 10_800,
  restorePricePerGb: d('0.0001397998'),
};
const STREAMING: ResponseStreamingRates = {
  pricePerGb: d('0.0080000000'),
  freeBytesPerRequest: 6 * 1024 * 1024,
  freeGbPerMonth: 100,
};

// ---- us-east-1, every era. -----------------------------------------------------------------------

const launch: RateCard = {
  region: 'us-east-1',
  effectiveFrom: LAMBDA_LAUNCH_DATE,
  effectiveFromMs: LAMBDA_LAUNCH_MS,
  currency: 'USD',
  // "rounded up to the nearest 100ms", $0.00001667 per GB-s as the page printed it ([OLDPAGE]).
  durationGranularityMs: 100,
  managedRuntimeZipInitBilled: false,
  requestPrice: REQUEST,
  architectures: {
    x86_64: { durationTiers: single(d('0.00001667')), provisionedConcurrency: PC_X86 },
  },
  ephemeralStoragePricePerGbSecond: STORAGE,
  edge: {
    requestPrice: EDGE_REQUEST,
    durationPricePerGbSecond: EDGE_DURATION,
    durationGranularityMs: 50,
  },
};

/** From the December 2020 billing cycle: 1 ms rounding, the 10-decimal price (spec §3.2, C2). */
const oneMs: RateCard = {
  ...launch,
  effectiveFrom: '2020-12-01',
  effectiveFromMs: ms('2020-12-01'),
  durationGranularityMs: 1,
  architectures: { x86_64: { durationTiers: single(X86_TIER_1), provisionedConcurrency: PC_X86 } },
  snapStart: SNAPSTART,
  responseStreaming: STREAMING,
};

/** Lambda@Edge per 1 ms from 2021-04-01 (spec §3.3). */
const edgeOneMs: RateCard = {
  ...oneMs,
  effectiveFrom: '2021-04-01',
  effectiveFromMs: ms('2021-04-01'),
  edge: {
    requestPrice: EDGE_REQUEST,
    durationPricePerGbSecond: EDGE_DURATION,
    durationGranularityMs: 1,
  },
};

/**
 * The first day arm64 (Graviton2) functions can run and be priced: the launch day, 2021-09-29
 * (model; [B-TIER] dates the launch to September 2021, spec pricing §0).
 */
export const ARM64_FROM = '2021-09-29';

/** arm64 from the Graviton2 launch (model). */
const arm: RateCard = {
  ...edgeOneMs,
  effectiveFrom: ARM64_FROM,
  effectiveFromMs: ms(ARM64_FROM),
  architectures: {
    x86_64: { durationTiers: single(X86_TIER_1), provisionedConcurrency: PC_X86 },
    arm64: { durationTiers: single(ARM_TIER_1), provisionedConcurrency: PC_ARM },
  },
};

/** Graduated tiers from the August 2022 billing cycle (spec §1.2, [B-TIER]; model date). */
const tiered: RateCard = {
  ...arm,
  effectiveFrom: '2022-08-01',
  effectiveFromMs: ms('2022-08-01'),
  architectures: {
    x86_64: { durationTiers: X86_TIERS, provisionedConcurrency: PC_X86 },
    arm64: { durationTiers: ARM_TIERS, provisionedConcurrency: PC_ARM },
  },
};

/** INIT billed for on-demand ZIP managed runtimes from 2025-08-01 (spec §4, [B-INIT]). */
const initBilled: RateCard = {
  ...tiered,
  effectiveFrom: '2025-08-01',
  effectiveFromMs: ms('2025-08-01'),
  managedRuntimeZipInitBilled: true,
};

// ---- The other regions of spec §9 (tier-1 rates from the AWS calculator's metered-unit map). -----

interface RegionalRates {
  readonly request: string;
  readonly x86: string;
  readonly arm: string;
  readonly pc: string;
  readonly pcDuration: string;
  readonly storage: string;
}

/** Spec pricing §9, column by column; [RM], spot-checked against [PT] and [ART]. */
const REGIONAL: Readonly<Record<string, RegionalRates>> = {
  'us-east-2': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000041667',
    pcDuration: '0.0000097222',
    storage: '0.0000000309',
  },
  'us-west-2': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000041667',
    pcDuration: '0.0000097222',
    storage: '0.0000000309',
  },
  'eu-west-1': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000046460',
    pcDuration: '0.0000108407',
    storage: '0.0000000340',
  },
  'ap-south-1': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000044985',
    pcDuration: '0.0000104966',
    storage: '0.0000000352',
  },
  'eu-central-1': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000050147',
    pcDuration: '0.0000117011',
    storage: '0.0000000367',
  },
  'eu-west-2': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000048304',
    pcDuration: '0.0000112709',
    storage: '0.0000000358',
  },
  'af-south-1': {
    request: '0.0000002700',
    x86: '0.0000221000',
    arm: '0.0000176800',
    pc: '0.0000055300',
    pcDuration: '0.0000129000',
    storage: '0.0000000404',
  },
  'ap-east-1': {
    request: '0.0000002800',
    x86: '0.0000229200',
    arm: '0.0000183000',
    pc: '0.0000057153',
    pcDuration: '0.0000133358',
    storage: '0.0000000407',
  },
  'eu-south-1': {
    request: '0.0000002300',
    x86: '0.0000195172',
    arm: '0.0000156138',
    pc: '0.0000048783',
    pcDuration: '0.0000113827',
    storage: '0.0000000357',
  },
  'me-south-1': {
    request: '0.0000002500',
    x86: '0.0000206667',
    arm: '0.0000165334',
    pc: '0.0000051108',
    pcDuration: '0.0000119251',
    storage: '0.0000000374',
  },
  'eu-central-2': {
    request: '0.0000002200',
    x86: '0.0000183334',
    arm: '0.0000146667',
    pc: '0.0000055162',
    pcDuration: '0.0000128712',
    storage: '0.0000000441',
  },
  'ap-southeast-5': {
    request: '0.0000001800',
    x86: '0.0000150000',
    arm: '0.0000120000',
    pc: '0.0000046791',
    pcDuration: '0.0000109181',
    storage: '0.0000000333',
  },
  'sa-east-1': {
    request: '0.0000002000',
    x86: '0.0000166667',
    arm: '0.0000133334',
    pc: '0.0000066372',
    pcDuration: '0.0000154867',
    storage: '0.0000000586',
  },
};

/**
 * A region's cards: x86_64 from 2020-12-01 (1 ms rounding), arm64 from 2021-09-29 without
 * provisioned-concurrency rates (not published, spec §9), INIT billing from 2025-08-01. One tier.
 */
function regionalCards(region: string, rates: RegionalRates): ReadonlyArray<RateCard> {
  const x86: ArchitectureRates = {
    durationTiers: single(d(rates.x86)),
    provisionedConcurrency: {
      pricePerGbSecond: d(rates.pc),
      durationPricePerGbSecond: d(rates.pcDuration),
    },
  };
  const first: RateCard = {
    region,
    effectiveFrom: '2020-12-01',
    effectiveFromMs: ms('2020-12-01'),
    currency: 'USD',
    durationGranularityMs: 1,
    managedRuntimeZipInitBilled: false,
    requestPrice: d(rates.request),
    architectures: { x86_64: x86 },
    ephemeralStoragePricePerGbSecond: d(rates.storage),
  };
  const withArm: RateCard = {
    ...first,
    effectiveFrom: ARM64_FROM,
    effectiveFromMs: ms(ARM64_FROM),
    architectures: { x86_64: x86, arm64: { durationTiers: single(d(rates.arm)) } },
  };
  return [
    first,
    withArm,
    {
      ...withArm,
      effectiveFrom: '2025-08-01',
      effectiveFromMs: ms('2025-08-01'),
      managedRuntimeZipInitBilled: true,
    },
  ];
}

/**
 * Every rate card, per region, oldest first. us-east-1 is complete (spec pricing §1–§8); the
 * other regions carry the lines of spec §9.
 */
export const RATE_CARDS: Readonly<Record<string, ReadonlyArray<RateCard>>> = {
  'us-east-1': [launch, oneMs, edgeOneMs, arm, tiered, initBilled],
  ...Object.fromEntries(
    Object.entries(REGIONAL).map(([region, rates]) => [region, regionalCards(region, rates)]),
  ),
};

/** The regions that have rate cards, in the order of spec pricing §9. */
export const REGIONS: ReadonlyArray<string> = Object.keys(RATE_CARDS);

/** Whether a region has rate cards (spec pricing §9). */
export const isKnownRegion = (region: string): boolean => Object.hasOwn(RATE_CARDS, region);

/**
 * The card of a known region in effect at an instant, or `undefined` before the region's first
 * card (before Lambda launched, spec pricing §3.2, or before the spec has rates for it, §9).
 */
export function rateCardAt(region: string, atMs: number): RateCard | undefined {
  const cards = Object.hasOwn(RATE_CARDS, region) ? RATE_CARDS[region] : undefined;
  let found: RateCard | undefined;
  for (const card of cards ?? []) {
    if (card.effectiveFromMs <= atMs) found = card;
  }
  return found;
}

/** The instant the card after `card` takes over (spec pricing §3.2 eras), or `Infinity`. */
export function nextCardFromMs(card: RateCard): number {
  const cards = RATE_CARDS[card.region] ?? [];
  const next = cards[cards.indexOf(card) + 1];
  return next === undefined ? Number.POSITIVE_INFINITY : next.effectiveFromMs;
}

/**
 * The card of `region` in effect at `atMs`, or why there is none: an unknown region, a date before
 * Lambda launched (spec pricing §3.2), or a date before the spec has rates for the region (§9).
 *
 * @param field - the input field or event member the date came from, for the message.
 */
export function cardFor(
  region: string,
  atMs: number,
  field: string,
): Either<PricingError, RateCard> {
  if (!isKnownRegion(region)) {
    return left(
      pricingError(
        'UnknownRegion',
        'region',
        `region ${shown(region)} has no rate card; known regions: ${REGIONS.join(', ')} (spec pricing §9)`,
      ),
    );
  }
  if (atMs < LAMBDA_LAUNCH_MS) {
    return left(
      pricingError(
        'BeforeLambdaLaunch',
        field,
        `${field} ${isoTimestamp(atMs)} is before AWS Lambda launched on ${LAMBDA_LAUNCH_DATE} (spec pricing §3.2)`,
      ),
    );
  }
  const card = rateCardAt(region, atMs);
  if (card === undefined) {
    const first = RATE_CARDS[region]?.[0]?.effectiveFrom ?? '';
    return left(
      pricingError(
        'RateUnavailable',
        field,
        `${field} ${isoTimestamp(atMs)}: the spec has no ${region} rates before ${first} (spec pricing §9)`,
      ),
    );
  }
  return right(card);
}

/**
 * The rates of an architecture on a card, or `RateUnavailable`: arm64 before 2021-09-29, or
 * arm64 provisioned concurrency outside us-east-1 (spec pricing §9: not published).
 *
 * @param provisioned - whether provisioned-concurrency rates are needed too.
 */
export function architectureRates(
  card: RateCard,
  architecture: string,
  provisioned: boolean,
): Either<PricingError, ArchitectureRates> {
  if (architecture !== 'x86_64' && architecture !== 'arm64') {
    return left(
      pricingError(
        'UnknownArchitecture',
        'architecture',
        `architecture ${shown(architecture)} is not x86_64 or arm64 (spec pricing §1.2)`,
      ),
    );
  }
  const rates = card.architectures[architecture];
  if (rates === undefined) {
    return left(
      pricingError(
        'RateUnavailable',
        'architecture',
        `architecture arm64 has no ${card.region} rates before ${ARM64_FROM} (Graviton2 launch; spec pricing §9)`,
      ),
    );
  }
  if (provisioned && rates.provisionedConcurrency === undefined) {
    return left(
      pricingError(
        'RateUnavailable',
        'architecture',
        `architecture ${architecture}: the spec has no provisioned-concurrency rate in ${card.region} (spec pricing §9)`,
      ),
    );
  }
  return right(rates);
}
