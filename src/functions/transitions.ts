/**
 * The lifecycle transitions waiting for the clock: a Pending function becoming Active, an update
 * in progress completing (spec control-plane §2.8). One first-in-first-out queue per kind.
 *
 * Each kind has one delay setting, so each queue is in due order (`kernel/due-queue.ts`).
 *
 * @module
 */
import {
  dueEntries,
  emptyDueQueue,
  enqueueDue,
  headDueMs,
  removeDue,
  type DueQueue,
} from '../kernel/due-queue.js';
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

/** Every waiting transition, by kind: one queue per kind, since each kind has one delay. */
export type Transitions = Readonly<Record<TransitionKind, DueQueue<PendingTransition>>>;

const KINDS: ReadonlyArray<TransitionKind> = ['Activation', 'UpdateCompletion'];

/** No transition waiting. */
export function emptyTransitions(): Transitions {
  return { Activation: emptyDueQueue(), UpdateCompletion: emptyDueQueue() };
}

/** Adds a transition at the end of its queue and returns its ticket. */
export function schedule(
  draft: Draft<Transitions>,
  transition: PendingTransition,
): TransitionTicket {
  return { kind: transition.kind, position: enqueueDue(draft[transition.kind], transition) };
}

/** Removes a transition (it happened, or its function was deleted). */
export function unschedule(draft: Draft<Transitions>, ticket: TransitionTicket): void {
  removeDue(draft[ticket.kind], ticket.position);
}

/** The transitions due by `nowMs`, in due order (activations first on a tie). */
export function dueBy(transitions: Transitions, nowMs: number): PendingTransition[] {
  const due = KINDS.flatMap((kind) => dueEntries(transitions[kind], nowMs));
  // A stable sort keeps each queue's order and puts activations before completions on a tie.
  return due.sort((a, b) => a.dueMs - b.dueMs);
}

/** Every waiting transition, in due order. */
export function pendingTransitions(transitions: Transitions): PendingTransition[] {
  return dueBy(transitions, Number.POSITIVE_INFINITY);
}

/** When the earliest waiting transition is due; `Infinity` when none waits. */
export function nextTransitionDueMs(transitions: Transitions): number {
  // Read before every command: no array is built, no loop run for it.
  return Math.min(headDueMs(transitions.Activation), headDueMs(transitions.UpdateCompletion));
}
