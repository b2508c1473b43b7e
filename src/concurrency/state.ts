/**
 * The concurrency slice: each function's reserved concurrency, and their sum, which is what the
 * account's unreserved pool loses (spec invocation §3.2, §3.3).
 *
 * @module
 */
import {
  emptyShardedDictionary,
  entryOf,
  putEntry,
  removeEntry,
  type ShardedDictionary,
} from '../kernel/dictionary.js';
import type { Draft, EventHandlers } from '../kernel/evolve.js';
import type { FunctionsEvent } from '../functions/events.js';
import type { ConcurrencyEvent } from './events.js';

/** The concurrency slice of the model state. */
export interface ConcurrencyState {
  /** `ReservedConcurrentExecutions` of each function that has a reservation. */
  readonly reservedByFunction: ShardedDictionary<number>;
  /** The sum of every reservation, kept so that the quota check costs the same for any account. */
  readonly totalReserved: number;
}

/** No reservation anywhere. */
export function initialConcurrencyState(): ConcurrencyState {
  return { reservedByFunction: emptyShardedDictionary(), totalReserved: 0 };
}

function release(draft: Draft<ConcurrencyState>, functionName: string): void {
  draft.totalReserved -= entryOf(draft.reservedByFunction, functionName) ?? 0;
  removeEntry(draft.reservedByFunction, functionName);
}

/** How the concurrency slice changes. */
export const concurrencyHandlers: EventHandlers<
  ConcurrencyState,
  FunctionsEvent | ConcurrencyEvent
> = {
  FunctionConcurrencyReserved: (draft, e) => {
    release(draft, e.functionName);
    putEntry(draft.reservedByFunction, e.functionName, e.reservedConcurrentExecutions);
    draft.totalReserved += e.reservedConcurrentExecutions;
  },
  FunctionConcurrencyReleased: (draft, e) => {
    release(draft, e.functionName);
  },
  // A deleted function's reservation goes back to the unreserved pool with it.
  FunctionDeleted: (draft, e) => {
    release(draft, e.functionName);
  },
};
