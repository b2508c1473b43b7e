/**
 * Decides Invoke and CompleteInvocation (spec invocation §1–§4). Invoke checks the request in
 * AWS's order — members, payload size, function and qualifier, payload syntax, function state —
 * then routes a weighted alias and admits the invocation or records the throttle. The outcome
 * arrives later with CompleteInvocation, which the model turns into AWS's response.
 *
 * @module
 */
import { resolveFunctionName } from '../kernel/arn.js';
import { wideEntryOf } from '../kernel/dictionary.js';
import {
  functionInState,
  invalidParameterValue,
  invalidRequestContent,
  requestEntityTooLarge,
  resourceNotFound,
  type AwsError,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { utf8Length } from '../kernel/ids.js';
import { jsonSyntaxErrorAt } from '../kernel/json.js';
import {
  checkString,
  toValidationException,
  violation,
  type Violation,
} from '../kernel/validation.js';
import type { Decision, LambdaEvent } from '../lambda.js';
import { acceptEvent, afterAttempt } from '../async/decide.js';
import { admit } from './admission.js';
import type {
  CompleteInvocation,
  Invoke,
  InvocationCommand,
  InvokeModelInput,
} from './commands.js';
import {
  invocationStarted,
  type InvocationCompleted,
  type InvocationOutcome,
  type InvocationTarget,
  type InvocationThrottled,
} from './events.js';
import { invokeTarget, routeVersion } from './routing.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

/** The synchronous request limit AWS enforces: 6 MB, exactly 6,291,456 bytes (spec §1.4). */
export const SYNC_PAYLOAD_LIMIT_BYTES = 6_291_456;
/** The synchronous response limit AWS enforces: 6 MiB + 100 bytes (spec invocation §1.4). */
export const SYNC_RESPONSE_LIMIT_BYTES = 6_291_556;

const INVOCATION_TYPES = ['Event', 'RequestResponse', 'DryRun'];
const LOG_TYPES = ['None', 'Tail'];

function memberViolations(command: Invoke): Violation[] {
  const input = command.input;
  const violations: Violation[] = [];
  if (input.InvocationType !== undefined && !INVOCATION_TYPES.includes(input.InvocationType)) {
    violations.push(violation.enumValue('invocationType', input.InvocationType, INVOCATION_TYPES));
  }
  if (input.LogType !== undefined && !LOG_TYPES.includes(input.LogType)) {
    violations.push(violation.enumValue('logType', input.LogType, LOG_TYPES));
  }
  if (input.ClientContext !== undefined) {
    violations.push(...checkString('clientContext', input.ClientContext, { max: 3_583 }));
  }
  if (command.model !== undefined) addModelViolations(command.model, violations);
  return violations;
}

/** The caller-supplied draw and init duration are not AWS members; the texts are the model's. */
function addModelViolations(model: InvokeModelInput, violations: Violation[]): void {
  const draw = model.routingDraw;
  if (draw !== undefined && !(draw >= 0 && draw < 1)) {
    violations.push(violation.custom('routingDraw', String(draw), 'Member must be in [0, 1)'));
  }
  const init = model.initDurationMs;
  if (init !== undefined && !(Number.isFinite(init) && init >= 0)) {
    violations.push(
      violation.custom('initDurationMs', String(init), 'Member must be a finite number >= 0'),
    );
  }
  const depth = model.chainDepth;
  if (depth !== undefined && !(Number.isSafeInteger(depth) && depth >= 0)) {
    violations.push(
      violation.custom('chainDepth', String(depth), 'Member must be an integer >= 0'),
    );
  }
}

/**
 * The 413 texts seen on AWS (spec invocation §1.4). The code on the wire is
 * `RequestEntityTooLargeException`, although botocore models `RequestTooLargeException`.
 */
function payloadTooLarge(bytes: number, asynchronous: boolean, asyncLimit: number): AwsError {
  return requestEntityTooLarge(
    asynchronous
      ? `${String(bytes)} byte payload is too large for the Event invocation type (limit ${String(asyncLimit)} bytes)`
      : `Request must be smaller than ${String(SYNC_PAYLOAD_LIMIT_BYTES)} bytes for the InvokeFunction operation`,
  );
}

/**
 * AWS's 400 for a payload that is not JSON (spec invocation §1.4). The prefix is AWS's; the
 * parser's detail imitates Jackson's wording (model text; see docs/fidelity.md).
 */
function payloadNotJson(payload: string, at: number): AwsError {
  const c = payload[at];
  const detail =
    c === undefined
      ? 'Unexpected end-of-input'
      : `Unexpected character ('${c}' (code ${String(c.codePointAt(0) ?? 0)})): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
  return invalidRequestContent(
    `Could not parse request body into json: Could not parse payload into json: ${detail}`,
  );
}

function invoke(command: Invoke, { state, nowMs }: Decision): Result {
  const input = command.input;
  const resolved = resolveFunctionName(
    state.settings.account,
    input.FunctionName,
    'NamespacedFunctionName',
    input.Qualifier,
    memberViolations(command),
  );
  if (isLeft(resolved)) return resolved;
  const invocationType = input.InvocationType ?? 'RequestResponse';
  const payload = input.Payload ?? '';
  const payloadBytes = utf8Length(payload);
  const asynchronous = invocationType === 'Event';
  const asyncLimit = state.settings.asyncPayloadLimitBytes;
  if (payloadBytes > (asynchronous ? asyncLimit : SYNC_PAYLOAD_LIMIT_BYTES)) {
    return left(payloadTooLarge(payloadBytes, asynchronous, asyncLimit));
  }
  const target = invokeTarget(state, resolved.right.name, resolved.right.qualifier);
  if (isLeft(target)) return target;
  // An empty body is an empty event; anything else must be one JSON value.
  const syntaxErrorAt = payload.trim() === '' ? undefined : jsonSyntaxErrorAt(payload);
  if (syntaxErrorAt !== undefined) return left(payloadNotJson(payload, syntaxErrorAt));
  const routed = routeVersion(state, target.right, command.model?.routingDraw);
  // Routing only names versions that exist: an alias's targets cannot be deleted.
  if (routed === undefined) return left(resourceNotFound('Function not found'));
  // A function or version still being created refuses invokes (spec control-plane §2.8).
  if (routed.record.lifecycle.state !== 'Active') {
    return left(functionInState(routed.record.lifecycle.state));
  }
  if (invocationType === 'DryRun') return right([]);
  const requestId = command.meta.requestId;
  // A request id names one invocation until it ends: a running call or a queued event (model
  // text; AWS assigns the ids itself).
  if (
    wideEntryOf(state.invocation.running, requestId) !== undefined ||
    wideEntryOf(state.async.queued, requestId) !== undefined
  ) {
    return left(invalidParameterValue(`Request id ${requestId} is already running`));
  }
  // Every member in one order, absent ones `undefined`: one shape for every event built here (see
  // invocation/events.ts).
  const about: InvocationTarget = {
    functionName: target.right.functionName,
    executedVersion: routed.executedVersion,
    qualifier: target.right.qualifier,
    aliasName: target.right.alias?.name,
    routingStateAfter: routed.routingStateAfter,
  };
  if (asynchronous) {
    // Accepted whatever the free concurrency: the event waits in Lambda's queue (spec §3.7, §5.1).
    return right(
      acceptEvent(
        state,
        about,
        requestId,
        payload,
        payloadBytes,
        command.model?.chainDepth ?? 0,
        nowMs,
      ),
    );
  }
  const placement = admit(
    state,
    about.functionName,
    about.executedVersion,
    nowMs,
    command.model?.initDurationMs ?? state.settings.defaultInitDurationMs,
  );
  if (isLeft(placement)) {
    // A throttle is a fact the metrics need; it changes no concurrency (spec §3.7).
    const throttled: InvocationThrottled = {
      type: 'InvocationThrottled',
      functionName: about.functionName,
      executedVersion: about.executedVersion,
      qualifier: about.qualifier,
      aliasName: about.aliasName,
      routingStateAfter: about.routingStateAfter,
      requestId,
      atMs: nowMs,
      invocationType: 'RequestResponse',
      reason: placement.left,
    };
    return right([throttled]);
  }
  return right([
    invocationStarted(
      about,
      requestId,
      nowMs,
      'RequestResponse',
      placement.right,
      routed.record.config,
      payloadBytes,
    ),
  ]);
}

/** The error document of a timeout, as AWS writes it (spec invocation §1.3). */
export function timeoutDocument(requestId: string, timeoutSeconds: number): string {
  return JSON.stringify({
    errorType: 'Sandbox.Timedout',
    errorMessage: `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`,
  });
}

/** The error document of a response over the limit, as AWS writes it (spec invocation §1.3). */
export function responseTooLargeDocument(): string {
  return JSON.stringify({
    errorMessage: `Response payload size exceeded maximum allowed payload size (${String(SYNC_RESPONSE_LIMIT_BYTES)} bytes).`,
    errorType: 'Function.ResponseSizeTooLarge',
  });
}

function completionViolations(input: CompleteInvocation['input']): Violation[] {
  const violations: Violation[] = [];
  // A runtime serialises what the handler returns, so a response is always JSON (model text).
  if (input.response !== undefined && jsonSyntaxErrorAt(input.response) !== undefined) {
    violations.push(
      violation.custom('response', input.response.slice(0, 64), 'Member must be JSON text'),
    );
  }
  if (!(Number.isFinite(input.durationMs) && input.durationMs >= 0)) {
    violations.push(
      violation.custom(
        'durationMs',
        String(input.durationMs),
        'Member must be a finite number >= 0',
      ),
    );
  }
  return violations;
}

function completeInvocation(command: CompleteInvocation, { state, nowMs }: Decision): Result {
  const input = command.input;
  const invalid = toValidationException(completionViolations(input));
  if (invalid !== undefined) return left(invalid);
  const started = wideEntryOf(state.invocation.running, input.requestId);
  // Not an AWS operation: the caller named an invocation that is not running (model text).
  if (started === undefined) {
    return left(resourceNotFound(`No running invocation has request id ${input.requestId}`));
  }
  const timeoutMs = started.timeoutSeconds * 1_000;
  let outcome: InvocationOutcome;
  let responsePayload: string;
  let errorType: string | undefined;
  let durationMs = input.durationMs;
  if (durationMs > timeoutMs) {
    // The model, not the caller, decides a timeout: the run is cut at the function's Timeout.
    outcome = 'Timeout';
    durationMs = timeoutMs;
    errorType = 'Sandbox.Timedout';
    responsePayload = timeoutDocument(started.requestId, started.timeoutSeconds);
  } else if (input.functionError !== undefined) {
    outcome = 'FunctionError';
    errorType = input.functionError.errorType;
    responsePayload = JSON.stringify({
      errorMessage: input.functionError.errorMessage,
      errorType: input.functionError.errorType,
      requestId: started.requestId,
      stackTrace: input.functionError.stackTrace ?? [],
    });
  } else if (utf8Length(input.response ?? '') > SYNC_RESPONSE_LIMIT_BYTES) {
    outcome = 'ResponseTooLarge';
    errorType = 'Function.ResponseSizeTooLarge';
    responsePayload = responseTooLargeDocument();
  } else {
    outcome = 'Success';
    // A handler that returns nothing answers `null` (spec invocation §1.2).
    responsePayload = input.response ?? 'null';
  }
  // Every member in one order, absent ones `undefined` (see `invoke`).
  const completed: InvocationCompleted = {
    type: 'InvocationCompleted',
    requestId: started.requestId,
    invocationType: started.invocationType,
    functionName: started.functionName,
    executedVersion: started.executedVersion,
    atMs: nowMs,
    startedAtMs: started.atMs,
    environmentId: started.environmentId,
    initializationType: started.initializationType,
    outcome,
    durationMs,
    // Billed in 1 ms steps, at least 1 ms (spec pricing §3).
    billedDurationMs: Math.max(1, Math.ceil(durationMs)),
    responsePayload,
    memorySizeMb: started.memorySizeMb,
    architecture: started.architecture,
    ephemeralStorageMb: started.ephemeralStorageMb,
    timeoutSeconds: started.timeoutSeconds,
    qualifier: started.qualifier,
    aliasName: started.aliasName,
    initDurationMs: started.initDurationMs,
    errorType,
  };
  // An attempt of a queued event goes on to its retry or its end (spec invocation §5.2–§5.4).
  return right(
    started.invocationType === 'Event'
      ? [completed, ...afterAttempt(state, completed)]
      : [completed],
  );
}

/** Decides one invocation command. */
export function decideInvocation(command: InvocationCommand, decision: Decision): Result {
  switch (command.type) {
    case 'Invoke':
      return invoke(command, decision);
    case 'CompleteInvocation':
      return completeInvocation(command, decision);
  }
}
