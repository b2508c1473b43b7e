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
