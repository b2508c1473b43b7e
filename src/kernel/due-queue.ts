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
import { emptySlots } from './dictionary.js';
import type { Draft } from './evolve.js';

/** Anything that comes due at a model time. */
export interface DueEntry {
  readonly dueMs: number;
}

/** `CHUNK_SIZE` consecutive positions: `entries[i]` is position `number × CHUNK_SIZE + i`. */
export interface DueChunk<T extends DueEntry> {
  readonly number: number;
  /** How many of `entries` are still waiting: the chunk goes when none is. */
  readonly live: number;
  /** By offset in the chunk; `null` where an entry was removed. */
  readonly entries: ReadonlyArray<T | null>;
}

/**
 * Entries by position, from `head` (oldest still present) up to `next`, held in chunks of
 * `CHUNK_SIZE` positions; a chunk sits in slot `number % CHUNK_SLOTS`, each slot a short list. An
 * Immer write copies one chunk and one slot's list, not every waiting entry — with 100,000 waiting
 * as with 10 — and positions are plain numbers, so no key is built or hashed.
 */
export interface DueQueue<T extends DueEntry> {
  readonly head: number;
  readonly next: number;
  /**
   * When the head entry is due, `null` when the queue is empty: kept with the queue so that asking
   * when the model next has something to do (asked before every command) costs no lookup.
   */
  readonly headDueMs: number | null;
  readonly chunks: ReadonlyArray<ReadonlyArray<DueChunk<T>> | undefined>;
}

const CHUNK_SIZE = 64;
const CHUNK_SLOTS = 64;

function chunkNumbered<T extends DueEntry>(
  queue: DueQueue<T>,
  number: number,
): DueChunk<T> | undefined {
  const slot = queue.chunks[number % CHUNK_SLOTS];
  if (slot === undefined) return undefined;
  for (const chunk of slot) if (chunk.number === number) return chunk;
  return undefined;
}

function entryAt<T extends DueEntry>(queue: DueQueue<T>, position: number): T | undefined {
  const chunk = chunkNumbered(queue, Math.floor(position / CHUNK_SIZE));
  return chunk?.entries[position % CHUNK_SIZE] ?? undefined;
}

/** A queue with nothing waiting. */
export function emptyDueQueue<T extends DueEntry>(): DueQueue<T> {
  return {
    head: 0,
    next: 0,
    headDueMs: null,
    chunks: emptySlots<ReadonlyArray<DueChunk<T>>>(CHUNK_SLOTS),
  };
}

/** Adds an entry at the end of the queue and returns its position, to remove it later. */
export function enqueueDue<T extends DueEntry>(draft: Draft<DueQueue<T>>, entry: T): number {
  const position = draft.next;
  const number = Math.floor(position / CHUNK_SIZE);
  const queue = draft as DueQueue<T>;
  // Read back through the draft after any write: inside a recipe, the draft of the new chunk.
  let chunk = chunkNumbered(queue, number) as Draft<DueChunk<T>> | undefined;
  if (chunk === undefined) {
    const slotIndex = number % CHUNK_SLOTS;
    // A chunk whose earlier entries all went already was dropped: its places stay empty.
    const fresh = {
      number,
      live: 0,
      entries: new Array<T | null>(position % CHUNK_SIZE).fill(null),
    };
    const slot = draft.chunks[slotIndex];
    if (slot === undefined) draft.chunks[slotIndex] = [fresh as Draft<DueChunk<T>>];
    else slot.push(fresh as Draft<DueChunk<T>>);
    chunk = chunkNumbered(queue, number) as Draft<DueChunk<T>>;
  }
  chunk.entries.push(entry as Draft<T>);
  chunk.live += 1;
  draft.next = position + 1;
  // Entries join in due order, so only the first one in an empty queue becomes the head.
  if (draft.headDueMs === null) draft.headDueMs = entry.dueMs;
  return position;
}

/** Removes the entry at `position` (it happened, or it no longer will) and skips the head past gaps. */
export function removeDue<T extends DueEntry>(draft: Draft<DueQueue<T>>, position: number): void {
  const number = Math.floor(position / CHUNK_SIZE);
  const queue = draft as DueQueue<T>;
  const chunk = chunkNumbered(queue, number) as Draft<DueChunk<T>> | undefined;
  const offset = position % CHUNK_SIZE;
  if (chunk === undefined || (chunk.entries[offset] ?? null) === null) return;
  chunk.entries[offset] = null;
  chunk.live -= 1;
  // An emptied chunk goes, so the queue holds only chunks with waiting entries.
  if (chunk.live === 0) {
    const slot = draft.chunks[number % CHUNK_SLOTS] as Array<Draft<DueChunk<T>>>;
    const at = slot.findIndex((c) => c.number === number);
    slot[at] = slot[slot.length - 1] as Draft<DueChunk<T>>;
    slot.pop();
  }
  if (position !== draft.head) return;
  let head = entryAt(queue, draft.head);
  while (draft.head < draft.next && head === undefined) {
    // A whole chunk gone is skipped at once.
    const at = Math.floor(draft.head / CHUNK_SIZE);
    draft.head =
      chunkNumbered(queue, at) === undefined
        ? Math.min(draft.next, (at + 1) * CHUNK_SIZE)
        : draft.head + 1;
    head = entryAt(queue, draft.head);
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
