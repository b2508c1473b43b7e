/**
 * Published, immutable, numbered versions (spec control-plane §3).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type { FunctionVersions, VersionsState } from './state.js';
export {
  listVersionsByFunction,
  type ListVersionsByFunctionRequest,
  type ListVersionsByFunctionResponse,
} from './queries.js';
