/**
 * Functions and `$LATEST`: create, update, delete, tag, and read (spec control-plane §2).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type {
  Architecture,
  FunctionCode,
  FunctionConfig,
  FunctionRecord,
  FunctionsState,
  FunctionStateName,
  FunctionVersionRecord,
  LastUpdateStatus,
  Lifecycle,
  LoggingConfig,
  PackageType,
  SnapStartApplyOn,
  TracingMode,
} from './state.js';
export {
  pendingTransitions,
  type PendingTransition,
  type TransitionKind,
  type TransitionTicket,
  type Transitions,
} from './transitions.js';
export { LIMITS, RESERVED_ENVIRONMENT_KEYS } from './configuration.js';
export { MAX_UNZIPPED_BYTES, MAX_ZIPPED_BYTES, unzippedSize } from './package.js';
export {
  codeStorageUsedBytes,
  functionConfiguration,
  getAccountSettings,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  listTags,
  type AccountSettings,
  type FunctionConfiguration,
  type GetFunctionRequest,
  type GetFunctionResponse,
  type ListFunctionsRequest,
  type ListFunctionsResponse,
} from './queries.js';
