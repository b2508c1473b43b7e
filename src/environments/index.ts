/**
 * Execution environments: one request at a time each, warm reuse, cold starts with init,
 * provisioned environments pre-initialised, reset after a failure, idle reclaim (spec invocation
 * §4).
 *
 * @module
 */
export type * from './events.js';
export type {
  EnvironmentPool,
  EnvironmentsState,
  ExecutionEnvironment,
  PendingReclaim,
} from './state.js';
export { environmentCounts, type EnvironmentCounts } from './queries.js';
