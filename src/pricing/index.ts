/**
 * Pricing: a projection of the log, not a decider (DESIGN §2). Rate cards as data, the billing
 * rules of spec pricing §3–§7 and §10, a calculator (`estimate`) and the billing of an event log
 * (`emptyBill`, `billEvents`, `invoices`), which give the same money for the same usage. Amounts
 * are exact decimal strings; `formatUsd` rounds them to cents for display. See `docs/pricing.md`.
 *
 * @module
 */
export {
  ARCHITECTURES,
  ARM64_FROM,
  FREE_TIER,
  LAMBDA_LAUNCH_DATE,
  LAMBDA_LAUNCH_MS,
  PROVISIONED_CONCURRENCY_STEP_MS,
  RATE_CARDS,
  REGIONS,
  architectureRates,
  cardFor,
  isKnownRegion,
  rateCardAt,
  type ArchitectureRates,
  type DurationTier,
  type EdgeRates,
  type ProvisionedConcurrencyRates,
  type RateCard,
  type ResponseStreamingRates,
  type SnapStartRates,
} from './rates.js';
export {
  ASYNC_EXTRA_CHUNK_BYTES,
  ASYNC_FIRST_CHUNK_BYTES,
  ASYNC_MAX_EVENT_BYTES,
  MB_MS_PER_GB_SECOND,
  asyncRequestUnits,
  billedDurationMs,
  isInitBilled,
  monthOf,
  provisionedSteps,
  type InitContext,
} from './rules.js';
export { priceUsage, type LineKind, type LineUsage, type PricedLine } from './lines.js';
export {
  estimate,
  type ColdStartsEstimate,
  type Estimate,
  type EstimateInput,
  type ProvisionedConcurrencyEstimate,
} from './estimate.js';
export {
  billEvents,
  emptyBill,
  invoices,
  type Bill,
  type BillOptions,
  type BilledFunction,
  type BilledLine,
  type BilledMonth,
  type Invoice,
  type InvoiceLine,
  type ProvisionedInterval,
  type VersionShape,
} from './bill.js';
export type { PricingError, PricingErrorTag } from './errors.js';
export {
  formatUsd,
  parseDecimalString,
  roundToCents,
  type DecimalString,
} from '../kernel/money.js';
