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

/** One kind's queue: entries by position, from `head` (oldest still present) up to `next`. */
export interface TransitionQueue {
  readonly head: number;
  readonly next: number;
  readonly entries: Dictionary<PendingTransition>;
}

/** Every waiting transition, by kind. */
export type Transitions = Readonly<Record<TransitionKind, TransitionQueue>>;

const KINDS: ReadonlyArray<TransitionKind> = ['Activation', 'UpdateCompletion'];

/** No transition waiting. */
export function emptyTransitions(): Transitions {
  return {
    Activation: { head: 0, next: 0, entries: emptyDictionary() },
    UpdateCompletion: { head: 0, next: 0, entries: emptyDictionary() },
  };
}

/** Adds a transition at the end of its queue and returns its ticket. */
export function schedule(
  draft: Draft<Transitions>,
  transition: PendingTransition,
): TransitionTicket {
  const queue = draft[transition.kind];
  const position = queue.next;
  queue.entries[String(position)] = transition;
  queue.next = position + 1;
  return { kind: transition.kind, position };
}

/** Removes a transition (it happened, or its function was deleted) and moves the head past gaps. */
export function unschedule(draft: Draft<Transitions>, ticket: TransitionTicket): void {
  const queue = draft[ticket.kind];
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete queue.entries[String(ticket.position)];
  while (queue.head < queue.next && queue.entries[String(queue.head)] === undefined)
    queue.head += 1;
}

function* queued(queue: TransitionQueue): Generator<PendingTransition> {
  for (let position = queue.head; position < queue.next; position += 1) {
    const entry = queue.entries[String(position)];
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
