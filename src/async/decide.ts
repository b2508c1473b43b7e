/**
 * Decides asynchronous delivery (spec invocation §5): the EventInvokeConfig commands; what
 * happens to a new `Event` invocation; each due attempt of a queued event (start it, or re-queue
 * it after a throttle, or end it when its age is spent); what follows an attempt (success, a
 * retry, or the end); and the records a terminal outcome leaves.
 *
 * @module
 */
import { entryOf, wideEntryOf } from '../kernel/dictionary.js';
import { utf8Length } from '../kernel/ids.js';
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { invalidParameterValue, resourceNotFound, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { checkRange, checkString, type Violation } from '../kernel/validation.js';
import { reservedConcurrency } from '../concurrency/queries.js';
import { versionRecord } from '../functions/queries.js';
import { admit } from '../invocation/admission.js';
import {
  invocationStarted,
  type AsyncInvocationAccepted,
  type InvocationCompleted,
  type InvocationTarget,
} from '../invocation/events.js';
import type { Decision, LambdaEvent, LambdaState } from '../lambda.js';
import type {
  AsyncCommand,
  DeleteFunctionEventInvokeConfig,
  DestinationConfigInput,
  FunctionEventInvokeConfigRequest,
  PutFunctionEventInvokeConfig,
  UpdateFunctionEventInvokeConfig,
} from './commands.js';
import type {
  AsyncCondition,
  AsyncInvocationEnded,
  AsyncRecordDelivered,
  DeadLetterMessageSent,
  EventInvokeConfigSettings,
} from './events.js';
import {
  destinationService,
  eventBridgeEnvelope,
  firstKilobyte,
  invocationRecord,
  s3RecordKey,
} from './records.js';
import {
  dueAttempts,
  queuedEventOf,
  type EventInvokeConfigRecord,
  type QueuedEvent,
} from './state.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

/** AWS's defaults when a config leaves a number out (spec invocation §5.4, §5.5). */
export const DEFAULT_MAXIMUM_RETRY_ATTEMPTS = 2;
export const DEFAULT_MAXIMUM_EVENT_AGE_SECONDS = 21_600;

/**
 * botocore's `DestinationArn` pattern, as quoted in validation messages (spec §5.5 gives it
 * abridged; the region part follows the function-name pattern).
 */
export const DESTINATION_ARN_PATTERN =
  '^$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,62}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)';
const DESTINATION_ARN_REGEX =
  /^$|^kafka:\/\/([^.]([a-zA-Z0-9\-_.]{0,62}))$|^arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1})?:(\d{12})?:(.*)$/;

// ---------------------------------------------------------------------------------------------
// EventInvokeConfig commands (spec invocation §5.5)
// ---------------------------------------------------------------------------------------------

/** The qualifier a config is stored under: the one given, `$LATEST` when none. */
const configQualifier = (qualifier: string | undefined): string => qualifier ?? '$LATEST';

/** 404 for a missing config, with the qualified ARN (spec invocation §5.5). */
export function noEventInvokeConfig(state: LambdaState, name: string, qualifier: string): AwsError {
  return resourceNotFound(
    `The function ${functionArn(state.settings.account, name, qualifier)} doesn't have an EventInvokeConfig`,
  );
}

function settingsViolations(input: FunctionEventInvokeConfigRequest): Violation[] {
  const violations: Violation[] = [];
  if (input.MaximumRetryAttempts !== undefined) {
    violations.push(
      ...checkRange('maximumRetryAttempts', input.MaximumRetryAttempts, { min: 0, max: 2 }),
    );
  }
  if (input.MaximumEventAgeInSeconds !== undefined) {
    violations.push(
      ...checkRange('maximumEventAgeInSeconds', input.MaximumEventAgeInSeconds, {
        min: 60,
        max: 21_600,
      }),
    );
  }
  for (const on of ['OnSuccess', 'OnFailure'] as const) {
    const destination = input.DestinationConfig?.[on]?.Destination;
    if (destination === undefined) continue;
    const field = `destinationConfig.${on === 'OnSuccess' ? 'onSuccess' : 'onFailure'}.destination`;
    violations.push(
      ...checkString(field, destination, {
        pattern: DESTINATION_ARN_PATTERN,
        regex: DESTINATION_ARN_REGEX,
        max: 350,
      }),
    );
  }
  return violations;
}

/** The function and qualifier a config operation names, before any lookup. */
function configName(
  state: LambdaState,
  rawName: string,
  rawQualifier: string | undefined,
  violations: ReadonlyArray<Violation> = [],
): Either<AwsError, { readonly name: string; readonly qualifier: string }> {
  const resolved = resolveFunctionName(
    state.settings.account,
    rawName,
    'FunctionName',
    rawQualifier,
    violations,
  );
  if (isLeft(resolved)) return resolved;
  return right({ name: resolved.right.name, qualifier: configQualifier(resolved.right.qualifier) });
}

/** 404 `The function doesn't exist.` for a missing function, version or alias (spec §5.5). */
function missingTarget(
  state: LambdaState,
  target: { readonly name: string; readonly qualifier: string },
): AwsError | undefined {
  const { name, qualifier } = target;
  const exists =
    entryOf(state.functions.byName, name) !== undefined &&
    (qualifier === '$LATEST' ||
      entryOf(state.aliases.byFunction, name)?.[qualifier] !== undefined ||
      entryOf(state.versions.byFunction, name)?.published[qualifier] !== undefined);
  return exists ? undefined : resourceNotFound("The function doesn't exist.");
}

/** The function and qualifier a config operation names, which must exist. */
function configTarget(
  state: LambdaState,
  rawName: string,
  rawQualifier: string | undefined,
): Either<AwsError, { readonly name: string; readonly qualifier: string }> {
  const target = configName(state, rawName, rawQualifier);
  if (isLeft(target)) return target;
  const missing = missingTarget(state, target.right);
  return missing === undefined ? target : left(missing);
}

/** Java's rendering of the destination config, as AWS quotes it in its 400 (spec §5.5). */
function javaDestinationConfig(config: DestinationConfigInput | undefined): string {
  const part = (on: 'OnSuccess' | 'OnFailure'): string => {
    const destination = config?.[on]?.Destination;
    return destination === undefined ? 'null' : `${on}(destination=${destination})`;
  };
  return `DestinationConfig(onSuccess=${part('OnSuccess')}, onFailure=${part('OnFailure')})`;
}

/** The destination checks of spec invocation §5.5, in the order AWS reports them. */
function destinationError(
  state: LambdaState,
  functionName: string,
  destinations: DestinationConfigInput | undefined,
): AwsError | undefined {
  for (const on of ['OnSuccess', 'OnFailure'] as const) {
    const arn = destinations?.[on]?.Destination;
    if (arn === undefined || arn === '') continue;
    const service = destinationService(arn, on);
    if (service === undefined) {
      return invalidParameterValue(
        `The provided destination config ${javaDestinationConfig(destinations)} is invalid.`,
      );
    }
    if (service !== 'lambda') continue;
    const resolved = resolveFunctionName(state.settings.account, arn, 'FunctionName');
    const target = isLeft(resolved) ? undefined : resolved.right.name;
    if (target === functionName) {
      return invalidParameterValue("You can't specify the function as a destination for itself.");
    }
    if (target === undefined || entryOf(state.functions.byName, target) === undefined) {
      return invalidParameterValue(`The destination ARN ${arn} is invalid.`);
    }
  }
  return undefined;
}

function settingsOf(
  input: FunctionEventInvokeConfigRequest,
  base: EventInvokeConfigSettings,
): EventInvokeConfigSettings {
  const merged: {
    maximumRetryAttempts?: number;
    maximumEventAgeInSeconds?: number;
    onSuccess?: string;
    onFailure?: string;
  } = {};
  if (base.maximumRetryAttempts !== undefined)
    merged.maximumRetryAttempts = base.maximumRetryAttempts;
  if (base.maximumEventAgeInSeconds !== undefined) {
    merged.maximumEventAgeInSeconds = base.maximumEventAgeInSeconds;
  }
  if (base.onSuccess !== undefined) merged.onSuccess = base.onSuccess;
  if (base.onFailure !== undefined) merged.onFailure = base.onFailure;
  if (input.MaximumRetryAttempts !== undefined) {
    merged.maximumRetryAttempts = input.MaximumRetryAttempts;
  }
  if (input.MaximumEventAgeInSeconds !== undefined) {
    merged.maximumEventAgeInSeconds = input.MaximumEventAgeInSeconds;
  }
  if (input.DestinationConfig !== undefined) {
    // A DestinationConfig replaces both destinations; an empty ARN clears one.
    delete merged.onSuccess;
    delete merged.onFailure;
    const success = input.DestinationConfig.OnSuccess?.Destination;
    const failure = input.DestinationConfig.OnFailure?.Destination;
    if (success !== undefined && success !== '') merged.onSuccess = success;
    if (failure !== undefined && failure !== '') merged.onFailure = failure;
  }
  return merged;
}

function changeConfig(
  command: PutFunctionEventInvokeConfig | UpdateFunctionEventInvokeConfig,
  { state, nowMs }: Decision,
): Result {
  const input = command.input;
  const target = configName(state, input.FunctionName, input.Qualifier, settingsViolations(input));
  if (isLeft(target)) return target;
  // A request with no setting is refused before the function is looked up, as on AWS (LocalStack's
  // AWS-validated snapshot: a missing function gets this 400, not the 404).
  if (
    input.MaximumRetryAttempts === undefined &&
    input.MaximumEventAgeInSeconds === undefined &&
    input.DestinationConfig === undefined
  ) {
    return left(
      invalidParameterValue(
        'You must specify at least one of error handling or destination setting.',
      ),
    );
  }
  const missing = missingTarget(state, target.right);
  if (missing !== undefined) return left(missing);
  const { name, qualifier } = target.right;
  const existing = entryOf(state.async.configs, name)?.[qualifier];
  if (command.type === 'UpdateFunctionEventInvokeConfig' && existing === undefined) {
    return left(noEventInvokeConfig(state, name, qualifier));
  }
  const refused = destinationError(state, name, input.DestinationConfig);
  if (refused !== undefined) return left(refused);
  // Put replaces the whole config; Update merges into it (spec invocation §5.5).
  const base: EventInvokeConfigSettings =
    command.type === 'PutFunctionEventInvokeConfig' || existing === undefined ? {} : existing;
  return right([
    {
      type: 'EventInvokeConfigChanged',
      functionName: name,
      qualifier,
      config: settingsOf(input, base),
      atMs: nowMs,
    },
  ]);
}

function deleteConfig(
  command: DeleteFunctionEventInvokeConfig,
  { state, nowMs }: Decision,
): Result {
  const target = configTarget(state, command.input.FunctionName, command.input.Qualifier);
  if (isLeft(target)) return target;
  const { name, qualifier } = target.right;
  if (entryOf(state.async.configs, name)?.[qualifier] === undefined) {
    return left(noEventInvokeConfig(state, name, qualifier));
  }
  return right([{ type: 'EventInvokeConfigDeleted', functionName: name, qualifier, atMs: nowMs }]);
}

/** Decides one async command. */
export function decideAsync(command: AsyncCommand, decision: Decision): Result {
  switch (command.type) {
    case 'PutFunctionEventInvokeConfig':
    case 'UpdateFunctionEventInvokeConfig':
      return changeConfig(command, decision);
    case 'DeleteFunctionEventInvokeConfig':
      return deleteConfig(command, decision);
  }
}

// ---------------------------------------------------------------------------------------------
// The life of one event (spec invocation §5.1–§5.4, §5.6–§5.11)
// ---------------------------------------------------------------------------------------------

/**
 * The config that applies to an event: the one of the qualifier it was invoked with (alias,
 * version, or `$LATEST` when unqualified), with no inheritance (spec §5.5, model).
 */
function configFor(state: LambdaState, event: QueuedEvent): EventInvokeConfigRecord | undefined {
  return entryOf(state.async.configs, event.functionName)?.[configQualifier(event.qualifier)];
}

function limitsFor(
  state: LambdaState,
  event: QueuedEvent,
): { readonly maxRetries: number; readonly deadlineMs: number } {
  const config = configFor(state, event);
  return {
    maxRetries: config?.maximumRetryAttempts ?? DEFAULT_MAXIMUM_RETRY_ATTEMPTS,
    deadlineMs:
      event.enqueuedAtMs +
      (config?.maximumEventAgeInSeconds ?? DEFAULT_MAXIMUM_EVENT_AGE_SECONDS) * 1_000,
  };
}

/** The dead-letter queue of the version that ran: snapshotted at publish (spec §5.6, model). */
function deadLetterTarget(state: LambdaState, event: QueuedEvent): string | undefined {
  return versionRecord(state, event.functionName, event.executedVersion)?.config
    .deadLetterTargetArn;
}

/** The DLQ's `ErrorCode` and `ErrorMessage` (spec §5.6; AWS documents only the error case). */
function deadLetterError(event: QueuedEvent, condition: AsyncCondition): [string, string] {
  const last = event.lastAttempt;
  if (last !== undefined && last.outcome !== 'Success') {
    const document = JSON.parse(last.responsePayload) as { readonly errorMessage?: unknown };
    const message = typeof document.errorMessage === 'string' ? document.errorMessage : '';
    return ['200', firstKilobyte(message)];
  }
  // The event never ran, or ran last without error: the model reports the throttle (429) or the
  // condition itself.
  return condition === 'EventAgeExceeded' ? ['429', 'Rate Exceeded.'] : ['429', condition];
}

/**
 * The terminal outcome of an event and what it leaves: the end itself, the record at the OnSuccess
 * or OnFailure destination, and — on failure — the dead-letter message, independently of the
 * destination (spec §5.7, model).
 */
export function endEvent(
  state: LambdaState,
  event: QueuedEvent,
  condition: AsyncCondition,
  atMs: number,
): LambdaEvent[] {
  const account = state.settings.account;
  const ended: AsyncInvocationEnded = {
    type: 'AsyncInvocationEnded',
    requestId: event.requestId,
    functionName: event.functionName,
    executedVersion: event.executedVersion,
    condition,
    approximateInvokeCount: event.invokeCount,
    atMs,
  };
  const out: LambdaEvent[] = [ended];
  // A deleted function takes its configs, destinations and dead-letter queue with it.
  if (entryOf(state.functions.byName, event.functionName) === undefined) return out;
  const on = condition === 'Success' ? 'OnSuccess' : 'OnFailure';
  const config = configFor(state, event);
  const destination = on === 'OnSuccess' ? config?.onSuccess : config?.onFailure;
  const service = destination === undefined ? undefined : destinationService(destination, on);
  if (destination !== undefined && service !== undefined) {
    const record = invocationRecord(account, event, condition, atMs);
    const delivered: AsyncRecordDelivered = {
      type: 'AsyncRecordDelivered',
      requestId: event.requestId,
      functionName: event.functionName,
      on,
      destination,
      service,
      message: JSON.stringify(
        service === 'events'
          ? eventBridgeEnvelope(account, event, destination, on, record, atMs)
          : record,
      ),
      ...(service === 's3' ? { s3Key: s3RecordKey(event, atMs) } : {}),
      chainDepth: event.chainDepth,
      atMs,
    };
    out.push(delivered);
  }
  const deadLetter = deadLetterTarget(state, event);
  if (condition !== 'Success' && deadLetter !== undefined) {
    const [code, message] = deadLetterError(event, condition);
    const sent: DeadLetterMessageSent = {
      type: 'DeadLetterMessageSent',
      requestId: event.requestId,
      functionName: event.functionName,
      targetArn: deadLetter,
      body: event.payload,
      attributes: { RequestID: event.requestId, ErrorCode: code, ErrorMessage: message },
      atMs,
    };
    out.push(sent);
  }
  return out;
}

/** The queued form of an event just accepted, to end it at once. */
function justAccepted(state: LambdaState, accepted: AsyncInvocationAccepted): QueuedEvent {
  return queuedEventOf(accepted, state.async.nextSequence);
}

/**
 * A new `Event` invocation: always accepted (202). With reserved concurrency 0 it ends at once as
 * `ZeroReservedConcurrency`, without retries (spec §5.10); the 17th invocation of a recursive
 * chain is stopped (spec §5.11, unless the setting allows loops). Otherwise it waits in the queue.
 */
export function acceptEvent(
  state: LambdaState,
  target: InvocationTarget,
  requestId: string,
  payload: string,
  payloadBytes: number,
  chainDepth: number,
  nowMs: number,
): LambdaEvent[] {
  // Every member in one order (see invocation/events.ts).
  const accepted: AsyncInvocationAccepted = {
    type: 'AsyncInvocationAccepted',
    functionName: target.functionName,
    executedVersion: target.executedVersion,
    qualifier: target.qualifier,
    aliasName: target.aliasName,
    routingStateAfter: target.routingStateAfter,
    requestId,
    atMs: nowMs,
    payload,
    payloadBytes,
    chainDepth,
  };
  if (reservedConcurrency(state, target.functionName) === 0) {
    return [
      accepted,
      ...endEvent(state, justAccepted(state, accepted), 'ZeroReservedConcurrency', nowMs),
    ];
  }
  if (
    state.settings.recursiveLoop === 'Terminate' &&
    chainDepth >= state.settings.recursiveLoopLimit
  ) {
    return [
      accepted,
      ...endEvent(state, justAccepted(state, accepted), 'RecursiveInvocationStopped', nowMs),
    ];
  }
  return [accepted];
}

/** The backoff after the `throttles`-th throttle in a row: 1, 2, 4 … s, at most 300 s (§5.3). */
function throttleBackoffMs(state: LambdaState, throttles: number): number {
  const { asyncThrottleBackoffBaseMs: base, asyncThrottleBackoffMaxMs: max } = state.settings;
  // At least 1 ms, so that a re-queued attempt is never due again at the same instant.
  return Math.max(1, Math.min(max, base * 2 ** Math.min(throttles, 30)));
}

/** One due attempt: start it, re-queue it after a throttle, or end it (spec §5.2–§5.4). */
function attempt(state: LambdaState, event: QueuedEvent, atMs: number): LambdaEvent[] {
  const { deadlineMs } = limitsFor(state, event);
  if (atMs > deadlineMs) return endEvent(state, event, 'EventAgeExceeded', atMs);
  const version = event.executedVersion;
  const record = versionRecord(state, event.functionName, version);
  // The function or version was deleted while the event waited: it cannot run again (model).
  if (record === undefined) return endEvent(state, event, 'RetriesExhausted', atMs);
  const placement = admit(
    state,
    event.functionName,
    version,
    atMs,
    state.settings.defaultInitDurationMs,
  );
  if (isLeft(placement)) {
    const retryAtMs = atMs + throttleBackoffMs(state, event.throttles);
    // AWS's look-ahead: if the next try would be past the maximum age, end now (spec §5.4).
    if (retryAtMs > deadlineMs) return endEvent(state, event, 'EventAgeExceeded', atMs);
    return [
      {
        type: 'AsyncInvocationThrottled',
        requestId: event.requestId,
        functionName: event.functionName,
        executedVersion: version,
        reason: placement.left,
        atMs,
        retryAtMs,
      },
    ];
  }
  // The queued event's target; its routing was drawn when it was accepted.
  const target: InvocationTarget = {
    functionName: event.functionName,
    executedVersion: version,
    qualifier: event.qualifier,
    aliasName: event.aliasName,
    routingStateAfter: undefined,
  };
  const started = invocationStarted(
    target,
    event.requestId,
    atMs,
    'Event',
    placement.right,
    record.config,
    utf8Length(event.payload),
  );
  return [started];
}

/**
 * Runs every attempt due at `atMs`, oldest first, each against the state the previous ones left
 * (an attempt that starts takes concurrency the next cannot have).
 */
export function dispatchDue(
  state: LambdaState,
  atMs: number,
  apply: (state: LambdaState, events: ReadonlyArray<LambdaEvent>) => LambdaState,
): { readonly state: LambdaState; readonly events: LambdaEvent[] } {
  let current = state;
  const events: LambdaEvent[] = [];
  for (const due of dueAttempts(state.async, atMs)) {
    const event = wideEntryOf(current.async.queued, due.requestId);
    if (event === undefined) continue;
    const decided = attempt(current, event, atMs);
    current = apply(current, decided);
    events.push(...decided);
  }
  return { state: current, events };
}

/**
 * What follows an attempt that ended (spec §5.2, §5.4): success ends the event; a function error
 * (timeouts included) retries after the next delay unless the retries are spent
 * (`RetriesExhausted`, checked first) or the next retry would pass the maximum age
 * (`EventAgeExceeded`, AWS's look-ahead).
 */
export function afterAttempt(state: LambdaState, completed: InvocationCompleted): LambdaEvent[] {
  const queued = wideEntryOf(state.async.queued, completed.requestId);
  if (queued === undefined) return [];
  // The event as it stands once this completion is applied.
  const event: QueuedEvent = {
    ...queued,
    running: false,
    lastAttempt: {
      outcome: completed.outcome,
      responsePayload: completed.responsePayload,
      executedVersion: completed.executedVersion,
    },
  };
  const atMs = completed.atMs;
  if (completed.outcome === 'Success') return endEvent(state, event, 'Success', atMs);
  const { maxRetries, deadlineMs } = limitsFor(state, event);
  if (event.invokeCount >= maxRetries + 1) return endEvent(state, event, 'RetriesExhausted', atMs);
  const delays = state.settings.asyncRetryDelaysMs;
  const delay = delays[Math.min(event.invokeCount - 1, delays.length - 1)] ?? 0;
  if (atMs + delay > deadlineMs) return endEvent(state, event, 'EventAgeExceeded', atMs);
  return [
    {
      type: 'AsyncRetryScheduled',
      requestId: event.requestId,
      functionName: event.functionName,
      atMs,
      retryAtMs: atMs + delay,
    },
  ];
}
