/**
 * Aliases and weighted routing (spec control-plane §4).
 *
 * @module
 */
export type * from './commands.js';
export type * from './events.js';
export type { AliasesState, AliasRecord } from './state.js';
export { ALIAS_NAME_PATTERN } from './rules.js';
export {
  aliasConfiguration,
  aliasesReferencing,
  getAlias,
  listAliases,
  type AliasConfiguration,
  type GetAliasRequest,
  type ListAliasesRequest,
  type ListAliasesResponse,
} from './queries.js';
