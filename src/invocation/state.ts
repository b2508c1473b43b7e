/**
 * The invocation slice: the synchronous invocations running now, by request id, and the state of
 * the PRNG that routes weighted aliases (spec invocation §2). Counts that admission needs live in
 * the concurrency slice; environments in the environments slice.
 *
 * @module
 */
import {
  emptyWideDictionary,
  putWideEntry,
  removeWideEntry,
  type WideDictionary,
} from '../kernel/dictionary.js';
import type { EventHandlers } from '../kernel/evolve.js';
import type { InvocationEvent, InvocationStarted } from './events.js';

/** The invocation slice of the model state. */
export interface InvocationState {
  /** Each running invocation as it started, until its completion. */
  readonly running: WideDictionary<InvocationStarted>;
  /** The routing PRNG's state (`kernel/random.ts`). */
  readonly routingState: number;
  /** Accepted `Event` invocations so far (their delivery is the asynchronous module's). */
  readonly asyncAccepted: number;
}

/** Nothing running; the PRNG at its seed. */
export function initialInvocationState(routingState: number): InvocationState {
  return { running: emptyWideDictionary(), routingState, asyncAccepted: 0 };
}

const advanceRouting = (
  draft: { routingState: number },
  e: { readonly routingStateAfter?: number | undefined },
): void => {
  if (e.routingStateAfter !== undefined) draft.routingState = e.routingStateAfter;
};

/** How the invocation slice changes. */
export const invocationHandlers: EventHandlers<InvocationState, InvocationEvent> = {
  InvocationStarted: (draft, e) => {
    advanceRouting(draft, e);
    putWideEntry(draft.running, e.requestId, e);
  },
  InvocationThrottled: (draft, e) => {
    advanceRouting(draft, e);
  },
  InvocationCompleted: (draft, e) => {
    removeWideEntry(draft.running, e.requestId);
  },
  AsyncInvocationAccepted: (draft, e) => {
    advanceRouting(draft, e);
    draft.asyncAccepted += 1;
  },
};
