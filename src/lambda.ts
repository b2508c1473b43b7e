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
import { invariant } from './kernel/assert.js';
import type { Decider } from './kernel/decider.js';
import type { AwsError } from './kernel/errors.js';
import { validationException } from './kernel/errors.js';
import { applyEvent, applyEvents, handlerFor, type Draft } from './kernel/evolve.js';
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

function recipe(draft: Draft<LambdaState>, event: LambdaEvent): void {
  draft.logPosition += 1;
  if (event.atMs > draft.clockMs) draft.clockMs = event.atMs;
  handlerFor(functionsHandlers, event)?.(draft.functions, event);
  handlerFor(versionsHandlers, event)?.(draft, event);
  handlerFor(aliasesHandlers, event)?.(draft.aliases, event);
  handlerFor(concurrencyHandlers, event)?.(draft, event);
  handlerFor(invocationHandlers, event)?.(draft.invocation, event);
  handlerFor(environmentsHandlers, event)?.(draft, event);
  handlerFor(asyncHandlers, event)?.(draft.async, event);
}

/** Applies one event. Never validates: an event is a fact. */
export function evolve(state: LambdaState, event: LambdaEvent): LambdaState {
  return applyEvent(state, event, recipe);
}

/** Applies a batch of events in one pass (one Immer `produce`): what replay and simulators use. */
export function evolveAll(state: LambdaState, events: Iterable<LambdaEvent>): LambdaState {
  return applyEvents(state, events, recipe);
}

/** Rebuilds the state a log describes. */
export function replay(
  events: Iterable<LambdaEvent>,
  settings: LambdaSettingsInput = {},
): LambdaState {
  return evolveAll(initialState(settings), events);
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

/** When the earliest clock-driven entry of any kind is due; `Infinity` when none waits. */
function nextDueMs(state: LambdaState): number {
  return Math.min(
    nextTransitionDueMs(state.functions.transitions),
    nextAllocationDueMs(state.concurrency),
    nextReclaimDueMs(state.environments),
    nextAttemptDueMs(state.async),
  );
}

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
): { readonly state: LambdaState; readonly events: LambdaEvent[] } {
  let current = state;
  const events: LambdaEvent[] = [];
  for (let atMs = nextDueMs(current); atMs <= nowMs; atMs = nextDueMs(current)) {
    const batch = [
      ...dueTransitions(current, atMs, nextRevisionId),
      ...dueAllocationEvents(current, atMs),
      ...dueReclaimEvents(current, atMs),
    ];
    if (batch.length > 0) current = evolveAll(current, batch);
    const dispatched = dispatchDue(current, atMs, evolveAll);
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

/**
 * Decides a command: brings the clock to the command's time (emitting the transitions that came
 * due), then validates the command against that state. A rejected command records nothing — not
 * even the transitions, which come due again with the next command.
 */
export function decide(
  command: LambdaCommand,
  state: LambdaState,
): Either<LambdaError, ReadonlyArray<LambdaEvent>> {
  const requested = command.type === 'AdvanceClock' ? command.input.to : command.meta.now;
  if (!Number.isSafeInteger(requested)) {
    return left(
      validationException(
        `1 validation error detected: Value '${String(requested)}' at '${command.type === 'AdvanceClock' ? 'to' : 'now'}' failed to satisfy constraint: Member must be an integer number of epoch milliseconds`,
      ),
    );
  }
  const nowMs = Math.max(state.clockMs, requested);
  const nextRevisionId = revisionIds(state.settings.account.accountId, state.logPosition);
  const due = advance(state, nowMs, nextRevisionId);
  if (command.type === 'AdvanceClock') return right(due.events);
  const decided = decideCommand(command, { state: due.state, nowMs, nextRevisionId });
  if (isLeft(decided)) return decided;
  // A newly accepted event waits for no one: its first attempt is due now.
  if (!decided.right.some((e) => e.type === 'AsyncInvocationAccepted')) {
    return due.events.length === 0 ? decided : right([...due.events, ...decided.right]);
  }
  const after = advance(evolveAll(due.state, decided.right), nowMs, nextRevisionId);
  return right([...due.events, ...decided.right, ...after.events]);
}

/** The root decider as one value, for code written against the Decider shape. */
export const Lambda: Decider<LambdaCommand, LambdaEvent, LambdaState, LambdaError> & {
  readonly initialState: typeof initialState;
  readonly evolveAll: typeof evolveAll;
  readonly replay: typeof replay;
} = { initialState, decide, evolve, evolveAll, replay };
