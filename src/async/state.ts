/**
 * The async slice: each qualifier's event invoke config, and Lambda's internal queue — every
 * accepted event until its terminal outcome, with the attempt it waits for (spec invocation §5).
 *
 * Waiting attempts are kept in one due queue per delay (0 for a new event, each retry delay, each
 * throttle backoff step): an attempt is due at its event's time plus its delay, so each queue is
 * in due order, and the next due attempt is the earliest head among a dozen queues.
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import {
  dueEntries,
  emptyDueQueue,
  enqueueDue,
  headDueMs,
  removeDue,
  type DueQueue,
} from '../kernel/due-queue.js';
import {
  emptyDictionary,
  emptyShardedDictionary,
  entryOf,
  putEntry,
  removeEntry,
  emptyWideDictionary,
  putWideEntry,
  removeWideEntry,
  wideEntriesOf,
  wideEntryOf,
  type WideDictionary,
  type Dictionary,
  type ShardedDictionary,
} from '../kernel/dictionary.js';
import type { Draft, EventHandlers } from '../kernel/evolve.js';
import type { AliasesEvent } from '../aliases/events.js';
import type { FunctionsEvent } from '../functions/events.js';
import type { AsyncInvocationAccepted, InvocationEvent } from '../invocation/events.js';
import type { VersionsEvent } from '../versions/events.js';
import type { AsyncEvent, EventInvokeConfigSettings } from './events.js';

/** One qualifier's event invoke config. */
export interface EventInvokeConfigRecord extends EventInvokeConfigSettings {
  readonly lastModifiedMs: number;
}

/** The last attempt's outcome, for the record and the dead-letter message. */
export interface LastAttempt {
  readonly outcome: 'Success' | 'FunctionError' | 'Timeout' | 'ResponseTooLarge';
  readonly responsePayload: string;
  readonly executedVersion: string;
}

/** Where an event's next attempt waits. */
export interface AttemptTicket {
  readonly delayMs: number;
  readonly position: number;
}

/** An accepted event, from its acceptance to its terminal outcome. */
export interface QueuedEvent {
  readonly requestId: string;
  readonly functionName: string;
  readonly qualifier: string | undefined;
  readonly aliasName: string | undefined;
  /** Chosen when the event was accepted (spec invocation §2, model). */
  readonly executedVersion: string;
  readonly payload: string;
  readonly enqueuedAtMs: number;
  /** Acceptance order: ties between attempts due at the same time go oldest first. */
  readonly sequence: number;
  /** Attempts that ran (`approximateInvokeCount`). */
  readonly invokeCount: number;
  /** Throttles since the last run: the exponent of the backoff (spec §5.3). */
  readonly throttles: number;
  readonly chainDepth: number;
  readonly running: boolean;
  /**
   * The attempt it waits for, `null` while none is scheduled. Always present: deleting a member
   * would turn the record into a slow dictionary object in V8.
   */
  readonly ticket: AttemptTicket | null;
  /** How the latest attempt that ran ended; `undefined` before the first. */
  readonly lastAttempt: LastAttempt | undefined;
}

/** An attempt waiting for the clock. */
export interface PendingAttempt {
  readonly dueMs: number;
  readonly requestId: string;
  readonly sequence: number;
}

/** The attempts that wait the same delay: in due order, since they join in time order. */
export interface AttemptQueue {
  readonly delayMs: number;
  readonly queue: DueQueue<PendingAttempt>;
}

/** The async slice of the model state. */
export interface AsyncState {
  /** Event invoke configs by function, then by qualifier (`$LATEST`, version or alias). */
  readonly configs: ShardedDictionary<Dictionary<EventInvokeConfigRecord>>;
  /** Every accepted event without a terminal outcome yet, by request id. */
  readonly queued: WideDictionary<QueuedEvent>;
  /**
   * Waiting attempts, one due queue per delay in ms, in the order the delays were first used. The
   * delays are few — 0 for a new event, each retry delay, the throttle backoffs 1, 2, 4 … s up to
   * the cap — so a list read in full is cheaper than a keyed record, and an emptied queue stays.
   */
  readonly attempts: ReadonlyArray<AttemptQueue>;
  readonly nextSequence: number;
}

/** No config, nothing queued. */
export function initialAsyncState(): AsyncState {
  return {
    configs: emptyShardedDictionary(),
    queued: emptyWideDictionary(),
    attempts: [],
    nextSequence: 0,
  };
}

/** When the earliest waiting attempt is due; `Infinity` when none waits. */
export function nextAttemptDueMs(state: AsyncState): number {
  let next = Number.POSITIVE_INFINITY;
  for (const waiting of state.attempts) next = Math.min(next, headDueMs(waiting.queue));
  return next;
}

/** The attempts due by `nowMs`, by due time then acceptance order. */
export function dueAttempts(state: AsyncState, nowMs: number): PendingAttempt[] {
  return state.attempts
    .flatMap((waiting) => dueEntries(waiting.queue, nowMs))
    .sort((a, b) => a.dueMs - b.dueMs || a.sequence - b.sequence);
}

/** How many accepted events wait in the queue or run, per function. */
export function queuedEvents(state: AsyncState): QueuedEvent[] {
  return wideEntriesOf(state.queued).map(([, event]) => event);
}

/** An event as it waits in the queue once accepted, `sequence`-th in acceptance order. */
export function queuedEventOf(accepted: AsyncInvocationAccepted, sequence: number): QueuedEvent {
  return {
    requestId: accepted.requestId,
    functionName: accepted.functionName,
    qualifier: accepted.qualifier,
    aliasName: accepted.aliasName,
    executedVersion: accepted.executedVersion,
    payload: accepted.payload,
    enqueuedAtMs: accepted.atMs,
    sequence,
    invokeCount: 0,
    throttles: 0,
    chainDepth: accepted.chainDepth,
    running: false,
    ticket: null,
    lastAttempt: undefined,
  };
}

function schedule(
  draft: Draft<AsyncState>,
  event: Draft<QueuedEvent>,
  dueMs: number,
  atMs: number,
): void {
  unschedule(draft, event);
  const delayMs = dueMs - atMs;
  let waiting = draft.attempts.find((a) => a.delayMs === delayMs);
  if (waiting === undefined) {
    draft.attempts.push({
      delayMs,
      queue: emptyDueQueue<PendingAttempt>() as Draft<DueQueue<PendingAttempt>>,
    });
    waiting = present(draft.attempts.at(-1), String(delayMs));
  }
  const position = enqueueDue(waiting.queue, {
    dueMs,
    requestId: event.requestId,
    sequence: event.sequence,
  });
  event.ticket = { delayMs, position };
}

function unschedule(draft: Draft<AsyncState>, event: Draft<QueuedEvent>): void {
  if (event.ticket === null) return;
  const delayMs = event.ticket.delayMs;
  const waiting = draft.attempts.find((a) => a.delayMs === delayMs);
  if (waiting !== undefined) removeDue(waiting.queue, event.ticket.position);
  event.ticket = null;
}

function removeConfig(draft: Draft<AsyncState>, functionName: string, qualifier: string): void {
  const configs = entryOf(draft.configs, functionName);
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  if (configs !== undefined) delete configs[qualifier];
}

const queuedOf = (draft: Draft<AsyncState>, requestId: string): Draft<QueuedEvent> =>
  present(wideEntryOf(draft.queued, requestId), requestId);

/** How the async slice changes. */
export const asyncHandlers: EventHandlers<
  AsyncState,
  FunctionsEvent | VersionsEvent | AliasesEvent | InvocationEvent | AsyncEvent
> = {
  EventInvokeConfigChanged: (draft, e) => {
    let configs = entryOf(draft.configs, e.functionName);
    if (configs === undefined) {
      putEntry(draft.configs, e.functionName, emptyDictionary());
      configs = present(entryOf(draft.configs, e.functionName), e.functionName);
    }
    configs[e.qualifier] = { ...e.config, lastModifiedMs: e.atMs };
  },
  EventInvokeConfigDeleted: (draft, e) => {
    removeConfig(draft, e.functionName, e.qualifier);
  },
  // A config goes with its function, version or alias.
  FunctionDeleted: (draft, e) => {
    removeEntry(draft.configs, e.functionName);
  },
  FunctionVersionDeleted: (draft, e) => {
    removeConfig(draft, e.functionName, e.version);
  },
  AliasDeleted: (draft, e) => {
    removeConfig(draft, e.functionName, e.aliasName);
  },
  AsyncInvocationAccepted: (draft, e) => {
    putWideEntry(draft.queued, e.requestId, queuedEventOf(e, draft.nextSequence));
    draft.nextSequence += 1;
    schedule(draft, queuedOf(draft, e.requestId), e.atMs, e.atMs);
  },
  InvocationStarted: (draft, e) => {
    if (e.invocationType !== 'Event') return;
    const event = queuedOf(draft, e.requestId);
    unschedule(draft, event);
    event.running = true;
    event.invokeCount += 1;
    event.throttles = 0;
  },
  InvocationCompleted: (draft, e) => {
    if (e.invocationType !== 'Event') return;
    const event = queuedOf(draft, e.requestId);
    event.running = false;
    event.lastAttempt = {
      outcome: e.outcome,
      responsePayload: e.responsePayload,
      executedVersion: e.executedVersion,
    };
  },
  AsyncInvocationThrottled: (draft, e) => {
    const event = queuedOf(draft, e.requestId);
    event.throttles += 1;
    schedule(draft, event, e.retryAtMs, e.atMs);
  },
  AsyncRetryScheduled: (draft, e) => {
    schedule(draft, queuedOf(draft, e.requestId), e.retryAtMs, e.atMs);
  },
  AsyncInvocationEnded: (draft, e) => {
    unschedule(draft, queuedOf(draft, e.requestId));
    removeWideEntry(draft.queued, e.requestId);
  },
};
