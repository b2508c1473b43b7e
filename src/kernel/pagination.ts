/**
 * AWS's `Marker`/`MaxItems` paging for the List* operations: at most 50 items a page (spec
 * control-plane §2.6), `NextMarker` when more remain. The marker is opaque to callers; the model
 * makes it the base64 of the last key returned, so a page boundary stays put when items are added
 * or removed elsewhere.
 *
 * @module
 */
import { invalidParameterValue, type InvalidParameterValueException } from './errors.js';
import { left, right, type Either } from './fp.js';
import { fromBase64, toBase64, utf8Bytes, utf8Text } from './ids.js';
import { checkRange, type Violation } from './validation.js';

/** The most items one List* page holds. */
export const PAGE_LIMIT = 50;

/** One page and the marker of the next, if any. */
export interface Page<T> {
  readonly items: ReadonlyArray<T>;
  readonly nextMarker?: string;
}

/** `MaxItems` must be 1–10,000 (botocore). */
export function maxItemsViolations(maxItems: number | undefined): Violation[] {
  return maxItems === undefined ? [] : checkRange('maxItems', maxItems, { min: 1, max: 10_000 });
}

/**
 * Cuts one page out of items sorted by a strictly increasing `key`.
 *
 * @param marker - a `NextMarker` from an earlier page; an unreadable one is refused (model text).
 */
export function paginate<T>(
  items: ReadonlyArray<T>,
  key: (item: T) => string,
  marker: string | undefined,
  maxItems: number | undefined,
): Either<InvalidParameterValueException, Page<T>> {
  let start = 0;
  if (marker !== undefined) {
    const bytes = fromBase64(marker);
    if (bytes === undefined || marker === '')
      return left(invalidParameterValue(`Invalid marker: ${marker}`));
    const after = utf8Text(bytes);
    start = items.findIndex((item) => key(item) > after);
    if (start < 0) start = items.length;
  }
  const size = Math.min(maxItems ?? PAGE_LIMIT, PAGE_LIMIT);
  const page = items.slice(start, start + size);
  const last = page[page.length - 1];
  if (start + size >= items.length || last === undefined) return right({ items: page });
  return right({ items: page, nextMarker: toBase64(utf8Bytes(key(last))) });
}

/** A version number as a sort key: `$LATEST` first, then numbers ascending. */
export function versionSortKey(version: string): string {
  return version === '$LATEST' ? '0'.padStart(12, '0') : version.padStart(12, '0');
}
