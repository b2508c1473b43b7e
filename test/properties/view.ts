/**
 * The one place where the property tests read the model state's internals (functions, versions,
 * aliases by name). The by-name collections are either plain prototype-free records or, since the
 * sharding of DESIGN §4, `{ shards, size }` records of records; this view reads both, so the
 * properties do not change when the storage layout does.
 */
import type { AliasRecord } from '../../src/aliases/state.js';
import type { FunctionRecord, FunctionVersionRecord } from '../../src/functions/state.js';
import type { LambdaState } from '../../src/lambda.js';
import type { FunctionVersions } from '../../src/versions/state.js';

type Keyed = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Keyed => typeof value === 'object' && value !== null;

/** Whether a collection has the sharded `{ shards, size }` layout. */
const isSharded = (collection: Keyed): collection is { shards: Keyed; size: number } =>
  isRecord(collection['shards']) && typeof collection['size'] === 'number';

/** The entries of a by-name collection, whatever its layout; values are typed by the caller. */
function entriesOf(collection: unknown): ReadonlyArray<readonly [string, unknown]> {
  if (!isRecord(collection)) return [];
  const records = isSharded(collection)
    ? Object.values(collection.shards).filter(isRecord)
    : [collection];
  return records.flatMap((record) =>
    Object.entries(record).filter((entry) => entry[1] !== undefined),
  );
}

/** The value under `key` in a by-name collection, whatever its layout. */
function entryIn(collection: unknown, key: string): unknown {
  return entriesOf(collection).find(([k]) => k === key)?.[1];
}

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
  const slices = {
    functions: state.functions.byName,
    versions: state.versions.byFunction,
    aliases: state.aliases.byFunction,
  };
  return Object.entries(slices).flatMap(([slice, collection]: [string, unknown]) =>
    isRecord(collection) &&
    isSharded(collection) &&
    collection.size !== entriesOf(collection).length
      ? [
          `${slice}: size ${String(collection.size)}, ${String(entriesOf(collection).length)} entries`,
        ]
      : [],
  );
}

/** Every function name any slice knows. */
export function functionNames(state: LambdaState): ReadonlyArray<string> {
  const { functions, versions, aliases } = namesBySlice(state);
  return [...new Set([...functions, ...versions, ...aliases])];
}

/** A function's record (`$LATEST` and tags). */
export const functionOf = (state: LambdaState, fn: string): FunctionRecord | undefined =>
  entryIn(state.functions.byName, fn) as FunctionRecord | undefined;

/** A function's published versions and numbering. */
export const versionsOf = (state: LambdaState, fn: string): FunctionVersions | undefined =>
  entryIn(state.versions.byFunction, fn) as FunctionVersions | undefined;

/** A function's aliases, by name. */
export const aliasesOf = (
  state: LambdaState,
  fn: string,
): ReadonlyArray<readonly [string, AliasRecord]> =>
  entriesOf(entryIn(state.aliases.byFunction, fn)) as ReadonlyArray<readonly [string, AliasRecord]>;

/** A function's published versions, by number (none when the function does not exist). */
export const publishedOf = (
  state: LambdaState,
  fn: string,
): Readonly<Record<string, FunctionVersionRecord>> =>
  Object.fromEntries(entriesOf(versionsOf(state, fn)?.published)) as Readonly<
    Record<string, FunctionVersionRecord>
  >;
