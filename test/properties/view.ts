/**
 * The one place where the property tests read the model state's internals (functions, versions,
 * aliases by name), always through the kernel's accessors (`entryOf`, `keysOf`), so the properties
 * do not change when the storage layout does.
 */
import type { AliasRecord } from '../../src/aliases/state.js';
import type { FunctionRecord, FunctionVersionRecord } from '../../src/functions/state.js';
import { entryOf, keysOf, type ShardedDictionary } from '../../src/kernel/dictionary.js';
import type { LambdaState } from '../../src/lambda.js';
import type { FunctionVersions } from '../../src/versions/state.js';

/** The entries of a by-name collection, read through the kernel's own accessors. */
function entriesOf<V>(collection: ShardedDictionary<V>): ReadonlyArray<readonly [string, V]> {
  return keysOf(collection).flatMap((key) => {
    const value = entryOf(collection, key);
    return value === undefined ? [] : [[key, value] as const];
  });
}

/** The value under `key` in a by-name collection. */
const entryIn = <V>(collection: ShardedDictionary<V>, key: string): V | undefined =>
  entryOf(collection, key);

/** The names in each slice (they should agree). */
export const namesBySlice = (
  state: LambdaState,
): { functions: string[]; versions: string[]; aliases: string[] } => ({
  functions: entriesOf(state.functions.byName).map(([k]) => k),
  versions: entriesOf(state.versions.byFunction).map(([k]) => k),
  aliases: entriesOf(state.aliases.byFunction).map(([k]) => k),
});

/**
 * The slices whose sharded layout declares a `size` other than the number of entries it holds
 * (none for the plain layout, which has no `size`).
 */
export function sizeMismatches(state: LambdaState): ReadonlyArray<string> {
  const slices: Record<string, ShardedDictionary<unknown>> = {
    functions: state.functions.byName,
    versions: state.versions.byFunction,
    aliases: state.aliases.byFunction,
  };
  return Object.entries(slices).flatMap(([slice, collection]) =>
    collection.size === entriesOf(collection).length
      ? []
      : [
          `${slice}: size ${String(collection.size)}, ${String(entriesOf(collection).length)} entries`,
        ],
  );
}

/** Every function name any slice knows. */
export function functionNames(state: LambdaState): ReadonlyArray<string> {
  const { functions, versions, aliases } = namesBySlice(state);
  return [...new Set([...functions, ...versions, ...aliases])];
}

/** A function's record (`$LATEST` and tags). */
export const functionOf = (state: LambdaState, fn: string): FunctionRecord | undefined =>
  entryIn(state.functions.byName, fn);

/** A function's published versions and numbering. */
export const versionsOf = (state: LambdaState, fn: string): FunctionVersions | undefined =>
  entryIn(state.versions.byFunction, fn);

/** A function's aliases, by name. */
export const aliasesOf = (
  state: LambdaState,
  fn: string,
): ReadonlyArray<readonly [string, AliasRecord]> =>
  Object.entries(entryIn(state.aliases.byFunction, fn) ?? {});

/** A function's published versions, by number (none when the function does not exist). */
export const publishedOf = (
  state: LambdaState,
  fn: string,
): Readonly<Record<string, FunctionVersionRecord>> => versionsOf(state, fn)?.published ?? {};
