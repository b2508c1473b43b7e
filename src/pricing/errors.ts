/**
 * What can be wrong with a pricing request. Pricing errors are not AWS errors (no AWS operation
 * prices anything), so they have their own tags; like every error in the library they are plain
 * data returned in a `Left`, never thrown.
 *
 * @module
 */

/**
 * Why a price could not be computed.
 *
 * - `InvalidInput`: a number is negative, not an integer where a count is asked, outside its range
 *   (memory 128–10,240 MB, ephemeral storage 512–10,240 MB, spec pricing §1.4), or malformed.
 * - `UnknownRegion`: no rate card for the region (spec pricing §9 lists the known ones).
 * - `UnknownArchitecture`: not `x86_64` or `arm64`.
 * - `BeforeLambdaLaunch`: a date before AWS Lambda existed (2014-11-13, spec pricing §3.2).
 * - `RateUnavailable`: the spec has no published rate for this line in this region and period
 *   (arm64 before 2021-09-29, arm64 provisioned concurrency outside us-east-1, any rate of a
 *   non-us-east-1 region before 2020-12-01; spec pricing §9, §12).
 * - `UnknownFunction`: a log event needs the configuration of a function or version the bill never
 *   saw created; bill the log from its start.
 */
export type PricingErrorTag =
  | 'InvalidInput'
  | 'UnknownRegion'
  | 'UnknownArchitecture'
  | 'BeforeLambdaLaunch'
  | 'RateUnavailable'
  | 'UnknownFunction';

/**
 * A pricing error: its tag, the input field (or log event member) it is about, and a message that
 * names that field.
 *
 * @example `{ _tag: 'InvalidInput', field: 'memorySizeMb', message: 'memorySizeMb must be an integer from 128 to 10240 (spec pricing §1.4); got 64' }`
 */
export interface PricingError {
  readonly _tag: PricingErrorTag;
  readonly field: string;
  readonly message: string;
}

/** Builds a pricing error (the messages cite the spec pricing § of the rule they enforce). */
export const pricingError = (
  tag: PricingErrorTag,
  field: string,
  message: string,
): PricingError => ({ _tag: tag, field, message });

/**
 * `String(value)` for an error message, with strings quoted so that an empty one shows (the
 * messages name the field, spec pricing §1.4 ranges and §9 regions).
 */
export const shown = (value: unknown): string =>
  typeof value === 'string' ? JSON.stringify(value) : String(value);
