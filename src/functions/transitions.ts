/**
 * The lifecycle transitions waiting for the clock: a Pending function becoming Active, an update
 * in progress completing (spec control-plane §2.8). One first-in-first-out queue per kind.
 *
 * Each queue is in due order by construction: a transition is due at the time of the event that
 * started it plus that kind's delay setting, and event times never decrease. So reading what is
 * due touches only the due entries, and adding or removing one touches one entry — the cost of an
 * event does not grow with the number of functions (DESIGN §4).
 *
 * @module
 */
import { emptyDictionary, type Dictionary } from '../kernel/dictionary.js';
import type { Draft } from '../kernel/evolve.js';

/** What happens when a transition comes due. */
export type TransitionKind = 'Activation' | 'UpdateCompletion';

/** A lifecycle transition that happens when the clock reaches `dueMs`. */
export interface PendingTransition {
  readonly dueMs: number;
  readonly functionName: string;
  readonly kind: TransitionKind;
}

/** Where a function's pending transition sits, so that it can be removed in one step. */
export interface TransitionTicket {
  readonly kind: TransitionKind;
  readonly position: number;
}

/**
 * One kind's queue: entries by position, from `head` (oldest still present) up to `next`, held
 * in chunks of `CHUNK_SIZE` positions so that an Immer write copies one small chunk, not every
 * waiting transition.
 */
export interface TransitionQueue {
  readonly head: number;
  readonly next: number;
  readonly chunks: Dictionary<Dictionary<PendingTransition>>;
}

const CHUNK_SIZE = 64;
const chunkOf = (position: number): string => String(Math.floor(position / CHUNK_SIZE));

function entryAt(queue: TransitionQueue, position: number): PendingTransition | undefined {
  return queue.chunks[chunkOf(position)]?.[String(position)];
}

/** Every waiting transition, by kind. */
export type Transitions = Readonly<Record<TransitionKind, TransitionQueue>>;

const KINDS: ReadonlyArray<TransitionKind> = ['Activation', 'UpdateCompletion'];

/** No transition waiting. */
export function emptyTransitions(): Transitions {
  return {
    Activation: { head: 0, next: 0, chunks: emptyDictionary() },
    UpdateCompletion: { head: 0, next: 0, chunks: emptyDictionary() },
  };
}

/** Adds a transition at the end of its queue and returns its ticket. */
export function schedule(
  draft: Draft<Transitions>,
  transition: PendingTransition,
): TransitionTicket {
  const queue = draft[transition.kind];
  const position = queue.next;
  const chunkKey = chunkOf(position);
  const chunk = queue.chunks[chunkKey] ?? emptyDictionary();
  chunk[String(position)] = transition;
  queue.chunks[chunkKey] = chunk;
  queue.next = position + 1;
  return { kind: transition.kind, position };
}

/** Removes a transition (it happened, or its function was deleted) and moves the head past gaps. */
export function unschedule(draft: Draft<Transitions>, ticket: TransitionTicket): void {
  const queue = draft[ticket.kind];
  const chunkKey = chunkOf(ticket.position);
  const chunk = queue.chunks[chunkKey];
  if (chunk === undefined) return;
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete chunk[String(ticket.position)];
  // An emptied chunk goes, so the queue holds only chunks with waiting transitions.
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  if (Object.keys(chunk).length === 0) delete queue.chunks[chunkKey];
  while (queue.head < queue.next && entryAt(queue, queue.head) === undefined) queue.head += 1;
}

function* queued(queue: TransitionQueue): Generator<PendingTransition> {
  for (let position = queue.head; position < queue.next; position += 1) {
    const entry = entryAt(queue, position);
    if (entry !== undefined) yield entry;
  }
}

/** The transitions due by `nowMs`, in due order (activations first on a tie). */
export function dueBy(transitions: Transitions, nowMs: number): PendingTransition[] {
  const due: PendingTransition[] = [];
  for (const kind of KINDS) {
    for (const entry of queued(transitions[kind])) {
      if (entry.dueMs > nowMs) break;
      due.push(entry);
    }
  }
  // A stable sort keeps each queue's order and puts activations before completions on a tie.
  return due.sort((a, b) => a.dueMs - b.dueMs);
}

/** Every waiting transition, in due order. */
export function pendingTransitions(transitions: Transitions): PendingTransition[] {
  return dueBy(transitions, Number.POSITIVE_INFINITY);
}
