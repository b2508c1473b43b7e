/**
 * Concurrency: the account's limit and unreserved pool, reserved concurrency per function,
 * provisioned concurrency per version or alias, and the per-function scaling rate (spec
 * invocation §3).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type {
  ConcurrencyState,
  PendingAllocation,
  ProvisionedConcurrencyConfig,
  ProvisionedConcurrencyStatus,
  ScalingEntry,
} from './state.js';
export {
  accountConcurrency,
  getFunctionConcurrency,
  getProvisionedConcurrencyConfig,
  listProvisionedConcurrencyConfigs,
  provisionedConfigResponse,
  reservedConcurrency,
  type GetFunctionConcurrencyResponse,
  type ListProvisionedConcurrencyConfigsRequest,
  type ListProvisionedConcurrencyConfigsResponse,
  type ProvisionedConcurrencyConfigListItem,
  type ProvisionedConcurrencyConfigResponse,
} from './queries.js';
export { minimumUnreserved } from './rules.js';
export { environmentsStartedWithin, provisionedTotal } from './state.js';
export { PROVISIONED_LATEST_PUT, PROVISIONED_LATEST_READ } from './decide.js';
