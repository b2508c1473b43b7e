/**
 * Invocation: Invoke with qualifier routing, payload limits, admission and throttling, and the
 * completion that turns an outcome into AWS's response (spec invocation §1–§4).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type { InvocationState } from './state.js';
export { invocationResponse, runningInvocation, type InvocationResponse } from './queries.js';
export {
  SYNC_PAYLOAD_LIMIT_BYTES,
  SYNC_RESPONSE_LIMIT_BYTES,
  responseTooLargeDocument,
  timeoutDocument,
} from './decide.js';
export { SCALING_RATE_THROTTLE, type Placement } from './admission.js';
export { INVOKERS, type InvocationPath, type Invoker } from './invokers.js';
