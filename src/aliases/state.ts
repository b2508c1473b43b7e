/**
 * The aliases slice: each function's aliases, with their primary version, optional routing to one
 * additional version, and their own RevisionId (spec control-plane §4).
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import {
  entryOf,
  putEntry,
  removeEntry,
  emptyShardedDictionary,
  type ShardedDictionary,
  emptyDictionary,
  dictionaryOf,
  type Dictionary,
} from '../kernel/dictionary.js';
import type { EventHandlers } from '../kernel/evolve.js';
import type { FunctionsEvent } from '../functions/events.js';
import type {
  AdditionalVersionWeights,
  AliasCreated,
  AliasUpdated,
  AliasesEvent,
} from './events.js';

/** One alias as stored. */
export interface AliasRecord {
  readonly name: string;
  /** The primary version: a published number or `$LATEST`. */
  readonly functionVersion: string;
  readonly description: string;
  /** At most one entry: additional version → weight in [0, 1]. Absent without routing. */
  readonly additionalVersionWeights?: AdditionalVersionWeights;
  readonly revisionId: string;
}

/** The aliases slice of the model state. */
export interface AliasesState {
  readonly byFunction: ShardedDictionary<Dictionary<AliasRecord>>;
}

/** No alias. */
export function initialAliasesState(): AliasesState {
  return { byFunction: emptyShardedDictionary() };
}

function record(e: AliasCreated | AliasUpdated): AliasRecord {
  return {
    name: e.aliasName,
    functionVersion: e.functionVersion,
    description: e.description,
    ...(e.additionalVersionWeights === undefined
      ? {}
      : { additionalVersionWeights: dictionaryOf(e.additionalVersionWeights) }),
    revisionId: e.revisionId,
  };
}

/** How the aliases slice changes. */
export const aliasesHandlers: EventHandlers<AliasesState, FunctionsEvent | AliasesEvent> = {
  FunctionCreated: (draft, e) => {
    putEntry(draft.byFunction, e.functionName, emptyDictionary());
  },
  FunctionDeleted: (draft, e) => {
    removeEntry(draft.byFunction, e.functionName);
  },
  AliasCreated: (draft, e) => {
    present(entryOf(draft.byFunction, e.functionName), e.functionName)[e.aliasName] = record(e);
  },
  AliasUpdated: (draft, e) => {
    present(entryOf(draft.byFunction, e.functionName), e.functionName)[e.aliasName] = record(e);
  },
  AliasDeleted: (draft, e) => {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete present(entryOf(draft.byFunction, e.functionName), e.functionName)[e.aliasName];
  },
};
