/**
 * A first-in-first-out queue of things that happen when the model clock reaches their `dueMs`:
 * lifecycle transitions, provisioned-concurrency allocations, idle environments being reclaimed.
 *
 * A queue is in due order by construction when every entry is due at the time of the event that
 * added it plus one fixed delay, because event times never decrease. Reading what is due then
 * touches only the due entries, and adding or removing one touches one small chunk — the cost of
 * an event does not grow with the number of waiting entries (DESIGN §4).
 *
 * @module
 */
import {
  emptyDictionary,
  emptyShardedDictionary,
  entryOf,
  putEntry,
  removeEntry,
  type Dictionary,
  type ShardedDictionary,
} from './dictionary.js';
import type { Draft } from './evolve.js';

/** Anything that comes due at a model time. */
export interface DueEntry {
  readonly dueMs: number;
}

/**
 * Entries by position, from `head` (oldest still present) up to `next`, held in chunks of
 * `CHUNK_SIZE` positions, the chunks themselves sharded, so that an Immer write copies one small
 * chunk and one small shard of chunks, not every waiting entry — with 100,000 waiting as with 10.
 */
export interface DueQueue<T extends DueEntry> {
  readonly head: number;
  readonly next: number;
  /**
   * When the head entry is due, `null` when the queue is empty: kept with the queue so that asking
   * when the model next has something to do (asked before every command) costs no lookup.
   */
  readonly headDueMs: number | null;
  readonly chunks: ShardedDictionary<Dictionary<T>>;
}

const CHUNK_SIZE = 64;
const chunkOf = (position: number): string => String(Math.floor(position / CHUNK_SIZE));

function entryAt<T extends DueEntry>(queue: DueQueue<T>, position: number): T | undefined {
  return entryOf(queue.chunks, chunkOf(position))?.[String(position)];
}

/** A queue with nothing waiting. */
export function emptyDueQueue<T extends DueEntry>(): DueQueue<T> {
  return { head: 0, next: 0, headDueMs: null, chunks: emptyShardedDictionary() };
}

/** Adds an entry at the end of the queue and returns its position, to remove it later. */
export function enqueueDue<T extends DueEntry>(draft: Draft<DueQueue<T>>, entry: T): number {
  const position = draft.next;
  const chunkKey = chunkOf(position);
  let chunk = entryOf(draft.chunks, chunkKey);
  if (chunk === undefined) {
    putEntry(draft.chunks, chunkKey, emptyDictionary());
    chunk = entryOf(draft.chunks, chunkKey);
  }
  if (chunk !== undefined) (chunk as Record<string, T>)[String(position)] = entry;
  draft.next = position + 1;
  // Entries join in due order, so only the first one in an empty queue becomes the head.
  if (draft.headDueMs === null) draft.headDueMs = entry.dueMs;
  return position;
}

/** Removes the entry at `position` (it happened, or it no longer will) and skips the head past gaps. */
export function removeDue<T extends DueEntry>(draft: Draft<DueQueue<T>>, position: number): void {
  const chunkKey = chunkOf(position);
  const chunk = entryOf(draft.chunks, chunkKey);
  if (chunk === undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete chunk[String(position)];
  // An emptied chunk goes, so the queue holds only chunks with waiting entries.
  if (Object.keys(chunk).length === 0) removeEntry(draft.chunks, chunkKey);
  if (position !== draft.head) return;
  let head = entryAt(draft as DueQueue<T>, draft.head);
  while (draft.head < draft.next && head === undefined) {
    draft.head += 1;
    head = entryAt(draft as DueQueue<T>, draft.head);
  }
  draft.headDueMs = head?.dueMs ?? null;
}

/** When the oldest waiting entry is due; `Infinity` when none waits. */
export function headDueMs<T extends DueEntry>(queue: DueQueue<T>): number {
  return queue.headDueMs ?? Number.POSITIVE_INFINITY;
}

/** The entries due by `nowMs`, oldest first. */
export function dueEntries<T extends DueEntry>(queue: DueQueue<T>, nowMs: number): T[] {
  const due: T[] = [];
  for (let position = queue.head; position < queue.next; position += 1) {
    const entry = entryAt(queue, position);
    if (entry === undefined) continue;
    if (entry.dueMs > nowMs) break;
    due.push(entry);
  }
  return due;
}

/**
 * How many entries are due after `nowMs` (still waiting at that time), for a queue whose entries
 * leave only from the head (`dropDueBy`), so that it has no gaps: the due ones are a prefix, and
 * counting them costs what is due, not what waits.
 */
export function countDueAfter<T extends DueEntry>(queue: DueQueue<T>, nowMs: number): number {
  let position = queue.head;
  while (position < queue.next) {
    const entry = entryAt(queue, position);
    if (entry !== undefined && entry.dueMs > nowMs) break;
    position += 1;
  }
  return queue.next - position;
}

/** Removes the entries due by `nowMs` from the head of the queue. */
export function dropDueBy<T extends DueEntry>(draft: Draft<DueQueue<T>>, nowMs: number): void {
  while (draft.headDueMs !== null && draft.headDueMs <= nowMs) removeDue(draft, draft.head);
}
