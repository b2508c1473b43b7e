/**
 * The root Lambda decider: one state, one command union, one event union, and `decide`,
 * `evolve`, `evolveAll` and `replay` over them. Domain folders own their slices and handlers;
 * this file only composes them and moves the clock.
 *
 * @module
 */
import { aliasesHandlers, initialAliasesState, type AliasesState } from './aliases/state.js';
import type { AsyncCommand } from './async/commands.js';
import { decideAsync, dispatchDue } from './async/decide.js';
import type { AsyncEvent } from './async/events.js';
import {
  asyncHandlers,
  initialAsyncState,
  nextAttemptDueMs,
  type AsyncState,
} from './async/state.js';
import type { AliasesCommand } from './aliases/commands.js';
import { decideAliases } from './aliases/decide.js';
import type { AliasesEvent } from './aliases/events.js';
import type { ConcurrencyCommand } from './concurrency/commands.js';
import { decideConcurrency, dueAllocationEvents } from './concurrency/decide.js';
import { nextAllocationDueMs } from './concurrency/state.js';
import type { ConcurrencyEvent } from './concurrency/events.js';
import {
  concurrencyHandlers,
  initialConcurrencyState,
  type ConcurrencyState,
} from './concurrency/state.js';
import { dueReclaimEvents } from './environments/decide.js';
import { nextReclaimDueMs } from './environments/state.js';
import type { EnvironmentsEvent } from './environments/events.js';
import {
  environmentsHandlers,
  initialEnvironmentsState,
  type EnvironmentsState,
} from './environments/state.js';
import type { FunctionsCommand } from './functions/commands.js';
import { decideFunctions, dueTransitions } from './functions/decide.js';
import { nextTransitionDueMs } from './functions/transitions.js';
import type { FunctionsEvent } from './functions/events.js';
import {
  functionsHandlers,
  initialFunctionsState,
  type FunctionsState,
} from './functions/state.js';
import type { InvocationCommand } from './invocation/commands.js';
import { decideInvocation } from './invocation/decide.js';
import type { InvocationEvent } from './invocation/events.js';
import {
  initialInvocationState,
  invocationHandlers,
  type InvocationState,
} from './invocation/state.js';
import { invariant, present } from './kernel/assert.js';
import type { Decider } from './kernel/decider.js';
import type { AwsError } from './kernel/errors.js';
import { validationException } from './kernel/errors.js';
import {
  applyEvent,
  applyEvents,
  applyEventsInPlace,
  frozen,
  handlerFor,
  type Draft,
  type EventHandlers,
} from './kernel/evolve.js';
import { isLeft, left, right, type Either } from './kernel/fp.js';
import { revisionIds } from './kernel/ids.js';
import type { Command } from './kernel/message.js';
import { seedState } from './kernel/random.js';
import {
  resolveSettings,
  type LambdaSettings,
  type LambdaSettingsInput,
} from './kernel/settings.js';
import type { VersionsCommand } from './versions/commands.js';
import { decideVersions } from './versions/decide.js';
import type { VersionsEvent } from './versions/events.js';
import { initialVersionsState, versionsHandlers, type VersionsState } from './versions/state.js';

/** The whole model state. Build it with `initialState`, change it only with `evolve`. */
export interface LambdaState {
  readonly settings: LambdaSettings;
  /** The model clock: the time of the latest event, in epoch ms. */
  readonly clockMs: number;
  /** How many events have been applied: the position the next event takes in the log. */
  readonly logPosition: number;
  readonly functions: FunctionsState;
  readonly versions: VersionsState;
  readonly aliases: AliasesState;
  readonly concurrency: ConcurrencyState;
  readonly invocation: InvocationState;
  readonly environments: EnvironmentsState;
  readonly async: AsyncState;
}

/**
 * Time passes: every transition that has come due by `to` (function activation, update
 * completion, provisioned-concurrency allocation, idle environments reclaimed) is emitted. Every other command also brings the clock to its `meta.now` first.
 */
export type AdvanceClock = Command<'AdvanceClock', { readonly to: number }>;

/** Every command the model takes. */
export type LambdaCommand =
  | FunctionsCommand
  | VersionsCommand
  | AliasesCommand
  | ConcurrencyCommand
  | InvocationCommand
  | AsyncCommand
  | AdvanceClock;
/** Every event the model records. */
export type LambdaEvent =
  | FunctionsEvent
  | VersionsEvent
  | AliasesEvent
  | ConcurrencyEvent
  | InvocationEvent
  | EnvironmentsEvent
  | AsyncEvent;
/** Every error `decide` can return. */
export type LambdaError = AwsError;

/** What a domain handler is given to decide one command. */
export interface Decision {
  /** The state, with every transition due by `nowMs` already applied. */
  readonly state: LambdaState;
  /** The time the command happens at: its `meta.now`, never earlier than the clock. */
  readonly nowMs: number;
  /** Hands out fresh RevisionIds derived from the log position. */
  readonly nextRevisionId: () => string;
}

/** A state with no function, for the given settings (defaults for whatever is left out). */
export function initialState(settings: LambdaSettingsInput = {}): LambdaState {
  const resolved = resolveSettings(settings);
  return {
    settings: resolved,
    clockMs: 0,
    logPosition: 0,
    functions: initialFunctionsState(),
    versions: initialVersionsState(),
    aliases: initialAliasesState(),
    concurrency: initialConcurrencyState(),
    invocation: initialInvocationState(seedState(resolved.routingSeed)),
    environments: initialEnvironmentsState(),
    async: initialAsyncState(),
  };
}

/** One slice's handler for one event type, given the root draft. */
type RootHandler = (draft: Draft<LambdaState>, event: LambdaEvent) => void;

/** The slices, in the order their handlers run for an event. */
const SLICES: ReadonlyArray<{
  readonly name: string;
  readonly handlers: EventHandlers<never, LambdaEvent>;
  readonly draftOf: (root: Draft<LambdaState>) => unknown;
}> = [
  { name: 'functions', handlers: functionsHandlers, draftOf: (root) => root.functions },
  { name: 'versions', handlers: versionsHandlers, draftOf: (root) => root },
  { name: 'aliases', handlers: aliasesHandlers, draftOf: (root) => root.aliases },
  { name: 'concurrency', handlers: concurrencyHandlers, draftOf: (root) => root },
  { name: 'invocation', handlers: invocationHandlers, draftOf: (root) => root.invocation },
  { name: 'environments', handlers: environmentsHandlers, draftOf: (root) => root },
  { name: 'async', handlers: asyncHandlers, draftOf: (root) => root.async },
];

/** The names of the slices that handle an event type, in the order their handlers run. */
export function slicesHandling(type: LambdaEvent['type']): ReadonlyArray<string> {
  return SLICES.filter(({ handlers }) => handlerFor(handlers, { type }) !== undefined).map(
    ({ name }) => name,
  );
}

/**
 * For each event type, the handlers of the slices that listed it, in slice order: worked out once,
 * so that applying an event runs only the handlers it has instead of asking every slice.
 */
const handlersByEventType: ReadonlyMap<string, ReadonlyArray<RootHandler>> = (() => {
  const table = new Map<string, RootHandler[]>();
  for (const { handlers, draftOf } of SLICES) {
    for (const type of Object.keys(handlers)) {
      const handler = handlerFor(handlers, { type });
      if (handler === undefined) continue;
      const forRoot: RootHandler = (root, event) => {
        handler(draftOf(root) as never, event);
      };
      table.set(type, [...(table.get(type) ?? []), forRoot]);
    }
  }
  return table;
})();

/** An execution event's handlers in the four slices it changes (see `recipe`). */
interface ExecutionEventHandlers<E> {
  readonly concurrency: (draft: Draft<LambdaState>, event: E) => void;
  readonly invocation: (draft: Draft<InvocationState>, event: E) => void;
  readonly environments: (draft: Draft<LambdaState>, event: E) => void;
  readonly async: (draft: Draft<AsyncState>, event: E) => void;
}

/** The handlers of one execution event type, which every one of the four slices has. */
function executionEventHandlers<T extends 'InvocationStarted' | 'InvocationCompleted'>(
  type: T,
): ExecutionEventHandlers<Extract<LambdaEvent, { readonly type: T }>> {
  type Handlers = ExecutionEventHandlers<Extract<LambdaEvent, { readonly type: T }>>;
  // Each slice's handler under `type` takes exactly that event (the mapped type guarantees it).
  return {
    concurrency: present(concurrencyHandlers[type] as Handlers['concurrency'] | undefined, type),
    invocation: present(invocationHandlers[type] as Handlers['invocation'] | undefined, type),
    environments: present(environmentsHandlers[type] as Handlers['environments'] | undefined, type),
    async: present(asyncHandlers[type] as Handlers['async'] | undefined, type),
  };
}

const ON_STARTED = executionEventHandlers('InvocationStarted');
const ON_COMPLETED = executionEventHandlers('InvocationCompleted');

/**
 * Applies an execution event by direct calls, not through the table: the table's calls all go
 * through one piece of code, so V8 can neither inline them nor call them directly, which cost
 * about 15% of the runner's admit-and-complete cycle. Here each call sees two targets at most.
 */
function applyExecutionEvent<E>(
  draft: Draft<LambdaState>,
  event: E,
  handlers: ExecutionEventHandlers<E>,
): void {
  handlers.concurrency(draft, event);
  handlers.invocation(draft.invocation, event);
  handlers.environments(draft, event);
  handlers.async(draft.async, event);
}

function recipe(draft: Draft<LambdaState>, event: LambdaEvent): void {
  draft.logPosition += 1;
  if (event.atMs > draft.clockMs) draft.clockMs = event.atMs;
  // The two events of every execution (the slices they change are pinned by a test of
  // `slicesHandling`).
  if (event.type === 'InvocationStarted') {
    applyExecutionEvent(draft, event, ON_STARTED);
    return;
  }
  if (event.type === 'InvocationCompleted') {
    applyExecutionEvent(draft, event, ON_COMPLETED);
    return;
  }
  const handlers = handlersByEventType.get(event.type);
  if (handlers !== undefined) for (const handler of handlers) handler(draft, event);
}

/** Applies one event. Never validates: an event is a fact. */
export function evolve(state: LambdaState, event: LambdaEvent): LambdaState {
  return applyEvent(state, event, recipe);
}

/** Applies a batch of events in one pass (one Immer `produce`): what replay and simulators use. */
export function evolveAll(state: LambdaState, events: Iterable<LambdaEvent>): LambdaState {
  return applyEvents(state, events, recipe);
}

/**
 * Applies a batch of events to a private, mutable state (one made with `thawed`) by running the
 * same recipes without Immer: the runner's fast path. Never hand it a state anyone else holds.
 */
export function evolveInPlace(state: LambdaState, events: Iterable<LambdaEvent>): LambdaState {
  return applyEventsInPlace(state, events, recipe);
}

/** Rebuilds the state a log describes. */
export function replay(
  events: Iterable<LambdaEvent>,
  settings: LambdaSettingsInput = {},
): LambdaState {
  // A fresh state that nobody else holds: the recipes run on it in place, without a draft or a
  // copy per event, and the result is frozen like any state Immer hands out.
  return frozen(evolveInPlace(initialState(settings), events));
}

function decideCommand(
  command: Exclude<LambdaCommand, AdvanceClock>,
  decision: Decision,
): Either<LambdaError, ReadonlyArray<LambdaEvent>> {
  switch (command.type) {
    case 'CreateFunction':
    case 'UpdateFunctionCode':
    case 'UpdateFunctionConfiguration':
    case 'DeleteFunction':
    case 'TagResource':
    case 'UntagResource':
      return decideFunctions(command, decision);
    case 'PublishVersion':
      return decideVersions(command, decision);
    case 'CreateAlias':
    case 'UpdateAlias':
    case 'DeleteAlias':
      return decideAliases(command, decision);
    case 'PutFunctionConcurrency':
    case 'DeleteFunctionConcurrency':
    case 'PutProvisionedConcurrencyConfig':
    case 'DeleteProvisionedConcurrencyConfig':
      return decideConcurrency(command, decision);
    case 'Invoke':
    case 'CompleteInvocation':
      return decideInvocation(command, decision);
    case 'PutFunctionEventInvokeConfig':
    case 'UpdateFunctionEventInvokeConfig':
    case 'DeleteFunctionEventInvokeConfig':
      return decideAsync(command, decision);
  }
}

/**
 * When the model next has something to do on its own — a lifecycle transition, a provisioned
 * allocation, an idle environment reclaimed, an asynchronous attempt — or `Infinity` when nothing
 * waits. A driver that owns the clock advances to it before anything later happens.
 */
export function nextDueMs(state: LambdaState): number {
  return Math.min(
    nextTransitionDueMs(state.functions.transitions),
    nextAllocationDueMs(state.concurrency),
    nextReclaimDueMs(state.environments),
    nextAttemptDueMs(state.async),
  );
}

/** What `advance` returns when nothing is due: shared, so most commands allocate nothing for it. */
const NOTHING_DUE: ReadonlyArray<LambdaEvent> = Object.freeze([]);

/**
 * Everything the clock brings by `nowMs`, one due time after another, each applied before the
 * next is looked at: at each time the lifecycle transitions, allocations and reclaims first, then
 * the asynchronous attempts, oldest first (an attempt sees the environments and concurrency the
 * earlier ones left).
 */
function advance(
  state: LambdaState,
  nowMs: number,
  nextRevisionId: () => string,
  apply: ApplyEvents,
): { readonly state: LambdaState; readonly events: ReadonlyArray<LambdaEvent> } {
  let atMs = nextDueMs(state);
  // Most commands find nothing due: nothing is built for them.
  if (atMs > nowMs) return { state, events: NOTHING_DUE };
  let current = state;
  const events: LambdaEvent[] = [];
  for (; atMs <= nowMs; atMs = nextDueMs(current)) {
    const batch = [
      ...dueTransitions(current, atMs, nextRevisionId),
      ...dueAllocationEvents(current, atMs),
      ...dueReclaimEvents(current, atMs),
    ];
    if (batch.length > 0) current = apply(current, batch);
    const dispatched = dispatchDue(current, atMs, apply);
    current = dispatched.state;
    events.push(...batch, ...dispatched.events);
    // Every entry due at `atMs` is consumed by its event; one that is not would loop forever.
    invariant(
      batch.length + dispatched.events.length > 0 || nextDueMs(current) > atMs,
      'a due entry produced no event',
    );
  }
  return { state: current, events };
}

/** How a batch of events is applied while deciding: Immer (`evolveAll`) or in place (the runner). */
export type ApplyEvents = (state: LambdaState, events: ReadonlyArray<LambdaEvent>) => LambdaState;

/** The stages of deciding one command, for `decide` and for the in-place runner. */
export interface DecisionSteps {
  /** The transitions that came due by the command's time, and the state reached (with `decided` in it when `applied`). */
  readonly due: { readonly state: LambdaState; readonly events: ReadonlyArray<LambdaEvent> };
  /** The command's own events, followed by what came due at once because of them. */
  readonly decided: Either<LambdaError, ReadonlyArray<LambdaEvent>>;
  /** Whether `decided`'s events were already applied to `due.state` (as `apply` does it). */
  readonly applied: boolean;
}

/** Whether a decision accepted an asynchronous event (a loop: it runs on every command). */
function acceptsAnEvent(events: ReadonlyArray<LambdaEvent>): boolean {
  for (const event of events) if (event.type === 'AsyncInvocationAccepted') return true;
  return false;
}

/**
 * The stages of deciding a command: bring the clock to the command's time (emitting the
 * transitions that came due), validate the command against that state, and — when it accepted an
 * asynchronous event, whose first attempt is due at once — walk the clock again.
 */
export function decideSteps(
  command: LambdaCommand,
  state: LambdaState,
  apply: ApplyEvents,
): DecisionSteps {
  const requested = command.type === 'AdvanceClock' ? command.input.to : command.meta.now;
  if (!Number.isSafeInteger(requested)) {
    const error = validationException(
      `1 validation error detected: Value '${String(requested)}' at '${command.type === 'AdvanceClock' ? 'to' : 'now'}' failed to satisfy constraint: Member must be an integer number of epoch milliseconds`,
    );
    return { due: { state, events: [] }, decided: left(error), applied: false };
  }
  const nowMs = Math.max(state.clockMs, requested);
  // Made on first use: most commands (Invoke, CompleteInvocation) and most clock advances issue
  // no RevisionId, and the generator is a closure with state of its own. Its ids derive from the
  // log position the command starts at, read now: the runner applies the events that come due
  // to this same state in place, so by the first use it has moved on.
  const { accountId } = state.settings.account;
  const logPosition = state.logPosition;
  let issue: (() => string) | undefined;
  const nextRevisionId = (): string => (issue ??= revisionIds(accountId, logPosition))();
  const due = advance(state, nowMs, nextRevisionId, apply);
  if (command.type === 'AdvanceClock') return { due, decided: right([]), applied: true };
  const decided = decideCommand(command, { state: due.state, nowMs, nextRevisionId });
  if (isLeft(decided) || !acceptsAnEvent(decided.right)) return { due, decided, applied: false };
  // A newly accepted event waits for no one: its first attempt is due now.
  const after = advance(apply(due.state, decided.right), nowMs, nextRevisionId, apply);
  return {
    due: { state: after.state, events: due.events },
    decided: right([...decided.right, ...after.events]),
    applied: true,
  };
}

/**
 * Decides a command: brings the clock to the command's time (emitting the transitions that came
 * due), then validates the command against that state. A rejected command records nothing — not
 * even the transitions, which come due again with the next command.
 */
export function decide(
  command: LambdaCommand,
  state: LambdaState,
): Either<LambdaError, ReadonlyArray<LambdaEvent>> {
  const { due, decided } = decideSteps(command, state, evolveAll);
  if (isLeft(decided) || due.events.length === 0) return decided;
  return right([...due.events, ...decided.right]);
}

/** The root decider as one value, for code written against the Decider shape. */
export const Lambda: Decider<LambdaCommand, LambdaEvent, LambdaState, LambdaError> & {
  readonly initialState: typeof initialState;
  readonly evolveAll: typeof evolveAll;
  readonly replay: typeof replay;
} = { initialState, decide, evolve, evolveAll, replay };
