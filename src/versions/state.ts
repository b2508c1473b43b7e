/**
 * The versions slice: each function's published versions, the number the next one gets, and
 * whether a code or configuration update was accepted since the last publish (spec control-plane
 * §3.1–§3.2).
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
  type Dictionary,
} from '../kernel/dictionary.js';
import { plain, type Draft, type EventHandlers } from '../kernel/evolve.js';
import type { FunctionsEvent } from '../functions/events.js';
import {
  ACTIVE,
  CREATING,
  type FunctionVersionRecord,
  type FunctionsState,
} from '../functions/state.js';
import type { VersionsEvent } from './events.js';

/** One function's published versions. */
export interface FunctionVersions {
  /** Published versions by number; number-like keys keep ascending order in a JS record. */
  readonly published: Dictionary<FunctionVersionRecord>;
  /** The number the next publish gets; it only grows, so numbers are never reused. */
  readonly nextNumber: number;
  /** The most recently published version, while it still exists. */
  readonly lastPublished?: string;
  /**
   * True when an UpdateFunctionCode or UpdateFunctionConfiguration (or the CreateFunction itself)
   * was accepted since the last publish: AWS compares no values (spec control-plane §3.2).
   */
  readonly changedSincePublish: boolean;
}

/** The versions slice of the model state. */
export interface VersionsState {
  readonly byFunction: ShardedDictionary<FunctionVersions>;
}

/** No function, no version. */
export function initialVersionsState(): VersionsState {
  return { byFunction: emptyShardedDictionary() };
}

const changed = (draft: Draft<VersionsState>, functionName: string): void => {
  present(entryOf(draft.byFunction, functionName), functionName).changedSincePublish = true;
};

/**
 * How the versions slice changes. Publishing reads `$LATEST` from the functions slice, so these
 * handlers take both drafts.
 */
export const versionsHandlers: EventHandlers<
  { readonly versions: VersionsState; readonly functions: FunctionsState },
  FunctionsEvent | VersionsEvent
> = {
  FunctionCreated: (draft, e) => {
    putEntry(draft.versions.byFunction, e.functionName, {
      published: emptyDictionary<Draft<FunctionVersionRecord>>(),
      nextNumber: 1,
      changedSincePublish: true,
    });
  },
  FunctionCodeUpdated: (draft, e) => {
    changed(draft.versions, e.functionName);
  },
  FunctionConfigurationUpdated: (draft, e) => {
    changed(draft.versions, e.functionName);
  },
  FunctionDeleted: (draft, e) => {
    // Its published versions' code leaves the account's storage with it (spec §7.1).
    for (const record of Object.values(
      entryOf(draft.versions.byFunction, e.functionName)?.published ?? {},
    )) {
      draft.functions.storedCodeBytes -= record.code.codeSizeBytes;
    }
    removeEntry(draft.versions.byFunction, e.functionName);
  },
  FunctionVersionPublished: (draft, e) => {
    const versions = present(entryOf(draft.versions.byFunction, e.functionName), e.functionName);
    const latest = present(entryOf(draft.functions.byName, e.functionName), e.functionName).latest;
    // A version published while $LATEST is still Pending or updating is Pending too
    // (spec control-plane §2.8: UpdateFunctionCode with Publish answers State Pending).
    const settled =
      latest.lifecycle.state === 'Active' && latest.lifecycle.lastUpdateStatus === 'Successful';
    versions.published[e.version] = {
      // A frozen copy of $LATEST as it is now, including its environment variables (§3.1).
      config: { ...plain(latest.config), description: e.description },
      code: plain(latest.code),
      revisionId: e.revisionId,
      lastModifiedMs: e.atMs,
      lifecycle: settled ? ACTIVE : CREATING,
    };
    draft.functions.storedCodeBytes += latest.code.codeSizeBytes;
    versions.nextNumber = Number(e.version) + 1;
    versions.lastPublished = e.version;
    versions.changedSincePublish = false;
  },
  FunctionVersionActivated: (draft, e) => {
    const versions = present(entryOf(draft.versions.byFunction, e.functionName), e.functionName);
    present(versions.published[e.version], e.version).lifecycle = ACTIVE;
  },
  FunctionVersionDeleted: (draft, e) => {
    const versions = present(entryOf(draft.versions.byFunction, e.functionName), e.functionName);
    draft.functions.storedCodeBytes -= versions.published[e.version]?.code.codeSizeBytes ?? 0;
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete versions.published[e.version];
    if (versions.lastPublished === e.version) delete versions.lastPublished;
  },
};
