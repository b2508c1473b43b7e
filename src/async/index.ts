/**
 * Asynchronous delivery: event invoke configs, Lambda's internal queue, retries, the maximum
 * event age, dead-letter queues, destinations, and the follow-up commands `react` returns (spec
 * invocation §5).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type { AsyncState, EventInvokeConfigRecord, QueuedEvent } from './state.js';
export {
  asyncQueue,
  eventInvokeConfigResponse,
  getFunctionEventInvokeConfig,
  listFunctionEventInvokeConfigs,
  type AsyncQueueView,
  type FunctionEventInvokeConfig,
  type ListFunctionEventInvokeConfigsRequest,
  type ListFunctionEventInvokeConfigsResponse,
} from './queries.js';
export {
  DEFAULT_MAXIMUM_EVENT_AGE_SECONDS,
  DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
  DESTINATION_ARN_PATTERN,
} from './decide.js';
export { react } from './react.js';
