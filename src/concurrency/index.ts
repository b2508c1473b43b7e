/**
 * Concurrency: reserved concurrency per function and the account's unreserved pool (spec
 * invocation §3.2, §3.3). Provisioned concurrency and admission come with invocation.
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type { ConcurrencyState } from './state.js';
export {
  accountConcurrency,
  getFunctionConcurrency,
  reservedConcurrency,
  type GetFunctionConcurrencyResponse,
} from './queries.js';
export { minimumUnreserved } from './rules.js';
