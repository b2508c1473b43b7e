/**
 * Records keyed by names that users choose. Function names may be `__proto__` or `constructor`
 * (both match `[a-zA-Z0-9-_]+`), so keyed records have no prototype: a lookup can never find an
 * inherited member, and an assignment can never replace the prototype. Immer keeps the null
 * prototype when it copies such a record.
 *
 * @module
 */

/** A name-keyed record without a prototype. */
export type Dictionary<V> = Readonly<Record<string, V>>;

/** A new, empty, prototype-free record. */
export function emptyDictionary<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}

/** A prototype-free copy of a plain record (for records that arrive from user input). */
export function dictionaryOf<V>(entries: Readonly<Record<string, V>>): Record<string, V> {
  return Object.assign(emptyDictionary<V>(), entries);
}

/**
 * A name-keyed record split into a fixed number of shards by a hash of the name. An Immer write
 * copies only the array of shards (a pointer copy) and one small shard, so the cost of changing
 * one function does not grow with the number of functions (DESIGN §4).
 *
 * A shard holds its entries in two arrays, searched by comparing: the keys with their hashes, and
 * the values. Property access would be no faster: keys arrive as new strings on every command
 * (request ids, names parsed from ARNs), and an object lookup first has to find each one in V8's
 * table of property names, which costs more than comparing a few numbers and one string. It also
 * needs no escaping: `__proto__`, `constructor` or `toString` are keys like any other, and nothing
 * is inherited. Read it with `entryOf`, `keysOf` and `valuesOf`; write it, inside a recipe, with
 * `putEntry` and `removeEntry`.
 */
export interface ShardedDictionary<V> {
  readonly shards: ReadonlyArray<Shard<V> | undefined>;
  /** How many entries there are. */
  readonly size: number;
}

/**
 * One shard. Entry `i`'s key is `keys[2i + 1]`, preceded by its hash (30 bits, so that V8 keeps it
 * as a small integer), and its value is `values[i]`. The hash is compared first, so a lookup
 * compares strings only for the entry it finds: at 1,000 functions a shard holds ~16 names, often
 * of one length, whose comparison would cost more than the rest of the lookup.
 */
export interface Shard<V> {
  readonly keys: ReadonlyArray<number | string>;
  readonly values: ReadonlyArray<V>;
}

/** How many shards a `ShardedDictionary` has: ~16 names per shard at 1,000 functions. */
export const SHARD_COUNT = 64;

/** The low bits of a hash that choose a shard (or, shifted, a bucket): `SHARD_COUNT` - 1. */
const SHARD_MASK = SHARD_COUNT - 1;

/**
 * FNV-1a over the key's UTF-16 code units, cut to its low 30 bits: a small integer in V8 wherever
 * it goes. A full 32-bit hash is not one above 2^30, so passing or storing it would box a number,
 * and taking it modulo the shard count would be a floating-point remainder.
 */
function fnv1a(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash & 0x3fffffff;
}

/** The shard a key lives in: the low bits of its FNV-1a hash. */
export function shardOf(key: string): number {
  return fnv1a(key) & SHARD_MASK;
}

/**
 * `count` empty slots, as a packed array: one filled by `fill` on `new Array(count)` stays
 * "holey" in V8, and every read of a holey array checks for a hole. Shared with the due queues.
 */
export function emptySlots<T>(count: number): Array<T | undefined> {
  const slots: Array<T | undefined> = [];
  for (let i = 0; i < count; i += 1) slots.push(undefined);
  return slots;
}

/** A new, empty sharded record. */
export function emptyShardedDictionary<V>(): ShardedDictionary<V> {
  return { shards: emptySlots<Shard<V>>(SHARD_COUNT), size: 0 };
}

interface Shards<V> {
  readonly shards: ReadonlyArray<Shard<V> | undefined>;
}

interface WritableShards<V> {
  shards: Array<{ keys: Array<number | string>; values: V[] } | undefined>;
  size: number;
}

// The three operations on a sharded record, given the key's hash (whose low bits choose the
// shard); the `WideDictionary` uses them too, with the hash it already computed.

/** The index of the entry of `key` (whose hash is `hash`) in the shard, or -1. */
function indexIn(keys: ReadonlyArray<number | string>, hash: number, key: string): number {
  for (let i = 0; i < keys.length; i += 2) {
    if (keys[i] === hash && keys[i + 1] === key) return i >> 1;
  }
  return -1;
}

function entryInShard<V>(dictionary: Shards<V>, hash: number, key: string): V | undefined {
  const shard = dictionary.shards[hash & SHARD_MASK];
  if (shard === undefined) return undefined;
  const at = indexIn(shard.keys, hash, key);
  return at < 0 ? undefined : shard.values[at];
}

/** Sets the entry; whether it is new. */
function putInShard<V>(draft: WritableShards<V>, hash: number, key: string, value: V): boolean {
  const index = hash & SHARD_MASK;
  const shard = draft.shards[index];
  if (shard === undefined) {
    draft.shards[index] = { keys: [hash, key], values: [value] };
    draft.size += 1;
    return true;
  }
  const at = indexIn(shard.keys, hash, key);
  if (at >= 0) {
    shard.values[at] = value;
    return false;
  }
  shard.keys.push(hash, key);
  shard.values.push(value);
  draft.size += 1;
  return true;
}

/** Removes the entry, if any; whether there was one. The last entry takes its place. */
function removeFromShard<V>(draft: WritableShards<V>, hash: number, key: string): boolean {
  const shard = draft.shards[hash & SHARD_MASK];
  if (shard === undefined) return false;
  const at = indexIn(shard.keys, hash, key);
  if (at < 0) return false;
  const { keys, values } = shard;
  const last = values.length - 1;
  if (at !== last) {
    keys[2 * at] = keys[2 * last] as number;
    keys[2 * at + 1] = keys[2 * last + 1] as string;
    values[at] = values[last] as V;
  }
  // Pops: setting `length` is a runtime call in V8, a pop is not.
  keys.pop();
  keys.pop();
  values.pop();
  draft.size -= 1;
  return true;
}

/** The entry under `key` (a draft of it, when given a draft). */
export function entryOf<V>(dictionary: Shards<V>, key: string): V | undefined {
  return entryInShard(dictionary, fnv1a(key), key);
}

/** Sets the entry under `key`, in a recipe. */
export function putEntry<V>(draft: WritableShards<V>, key: string, value: V): void {
  putInShard(draft, fnv1a(key), key, value);
}

/** Removes the entry under `key`, if any, in a recipe. */
export function removeEntry<V>(draft: WritableShards<V>, key: string): void {
  removeFromShard(draft, fnv1a(key), key);
}

/** Every key, in no particular order (sort where order matters). */
export function keysOf<V>(dictionary: Shards<V>): string[] {
  const keys: string[] = [];
  for (const shard of dictionary.shards) {
    if (shard === undefined) continue;
    for (let i = 1; i < shard.keys.length; i += 2) keys.push(shard.keys[i] as string);
  }
  return keys;
}

/** Every value, in no particular order. */
export function valuesOf<V>(dictionary: Shards<V>): V[] {
  const values: V[] = [];
  for (const shard of dictionary.shards) if (shard !== undefined) values.push(...shard.values);
  return values;
}

/**
 * A sharded record for keys counted in tens of thousands (running invocations, queued events):
 * 64 buckets chosen by the high bits of the key's hash, each a `ShardedDictionary` whose shard the
 * low bits choose. An Immer write copies two 64-slot arrays and one small shard, so with 10,000
 * entries a write touches about as much as with 10, where one level would copy a shard of about
 * 150 entries. The hash is computed once per operation.
 */
export interface WideDictionary<V> {
  readonly buckets: ReadonlyArray<ShardedDictionary<V> | undefined>;
  /** How many entries there are. */
  readonly size: number;
}

/**
 * The bucket of a hash: its high bits. The low bits pick the shard inside the bucket, and FNV's
 * low bits after any suffix depend only on its low bits before, so deriving the bucket from a
 * suffixed key would put every key of a bucket in one shard; the high bits are mixed by every
 * carry.
 */
const bucketOfHash = (hash: number): number => (hash >>> 24) & SHARD_MASK;

/** A new, empty wide record. */
export function emptyWideDictionary<V>(): WideDictionary<V> {
  return {
    buckets: emptySlots<ShardedDictionary<V>>(SHARD_COUNT),
    size: 0,
  };
}

/** The entry under `key`. */
export function wideEntryOf<V>(dictionary: WideDictionary<V>, key: string): V | undefined {
  // Nothing to hash for when it is empty: Invoke asks the queued events, often none, on each call.
  if (dictionary.size === 0) return undefined;
  const hash = fnv1a(key);
  const bucket = dictionary.buckets[bucketOfHash(hash)];
  return bucket === undefined ? undefined : entryInShard(bucket, hash, key);
}

interface WritableWide<V> {
  buckets: Array<WritableShards<V> | undefined>;
  size: number;
}

/** Sets the entry under `key`, in a recipe. */
export function putWideEntry<V>(draft: WritableWide<V>, key: string, value: V): void {
  const hash = fnv1a(key);
  const index = bucketOfHash(hash);
  if (draft.buckets[index] === undefined) {
    draft.buckets[index] = emptyShardedDictionary() as WritableShards<V>;
  }
  // Read back after the write: inside a recipe, the draft of the new bucket.
  const bucket = draft.buckets[index];
  if (putInShard(bucket, hash, key, value)) draft.size += 1;
}

/** Removes the entry under `key`, if any, in a recipe. */
export function removeWideEntry<V>(draft: WritableWide<V>, key: string): void {
  const hash = fnv1a(key);
  const bucket = draft.buckets[bucketOfHash(hash)];
  if (bucket !== undefined && removeFromShard(bucket, hash, key)) draft.size -= 1;
}

/** Every key and value, in no particular order. */
export function wideEntriesOf<V>(dictionary: WideDictionary<V>): Array<readonly [string, V]> {
  const entries: Array<readonly [string, V]> = [];
  for (const bucket of dictionary.buckets) {
    if (bucket === undefined) continue;
    for (const shard of bucket.shards) {
      if (shard === undefined) continue;
      shard.values.forEach((value, i) => {
        entries.push([shard.keys[2 * i + 1] as string, value]);
      });
    }
  }
  return entries;
}

/** Every value, in no particular order. */
export function wideValuesOf<V>(dictionary: WideDictionary<V>): V[] {
  const values: V[] = [];
  for (const bucket of dictionary.buckets)
    if (bucket !== undefined) values.push(...valuesOf(bucket));
  return values;
}
