/**
 * Facts about invocations: one started (and where and how it runs), one throttled, one finished,
 * one accepted for asynchronous delivery (spec invocation §1–§4). Each carries what metrics and
 * pricing need, so that neither has to look anything up.
 *
 * The model builds every event of one of these types with all its members, in one order, an
 * absent optional member being `undefined`: one shape per type, which V8 reads fastest wherever
 * the events go (the recipes, the metrics, the bill). `JSON.stringify` leaves `undefined` members
 * out, so the stored form is as before; an event read back from JSON may lack them, and readers
 * test `!== undefined`, never `in`.
 *
 * @module
 */
import type { ThrottleReason } from '../kernel/errors.js';
import type { Placement } from './admission.js';
import type { Architecture } from '../functions/state.js';

/** `AWS_LAMBDA_INITIALIZATION_TYPE` of the environment that ran (spec invocation §3.4). */
export type InitializationType = 'on-demand' | 'provisioned-concurrency';

/** How an execution ended. */
export type InvocationOutcome = 'Success' | 'FunctionError' | 'Timeout' | 'ResponseTooLarge';

/** Which function, version and qualifier an invocation is about. */
export interface InvocationTarget {
  readonly functionName: string;
  /** The qualifier as invoked (version, alias or `$LATEST`); absent for an unqualified call. */
  readonly qualifier?: string | undefined;
  /** Set when the qualifier is an alias. */
  readonly aliasName?: string | undefined;
  /** The version that runs: `$LATEST` or a number, never an alias (spec invocation §2). */
  readonly executedVersion: string;
  /**
   * The routing PRNG's state after this invocation drew from it, present only when it drew; so
   * replay sets the state and never draws again.
   */
  readonly routingStateAfter?: number | undefined;
}

/** The configuration a version runs with, copied at start because pricing needs it. */
export interface ExecutionShape {
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
  readonly ephemeralStorageMb: number;
  readonly timeoutSeconds: number;
}

/** An invocation was admitted and started on an environment: a synchronous call, or an attempt
 * of a queued asynchronous event. */
export interface InvocationStarted extends InvocationTarget, ExecutionShape {
  readonly type: 'InvocationStarted';
  readonly requestId: string;
  readonly atMs: number;
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly environmentId: string;
  readonly initializationType: InitializationType;
  /** A new environment: it used one scaling-rate token (spec invocation §3.5). */
  readonly newEnvironment: boolean;
  /** Present when init runs: a new on-demand environment, or one reset after a failure. */
  readonly initDurationMs?: number | undefined;
  /** The version has provisioned concurrency but none was free: it ran on demand (§3.4). */
  readonly spillover: boolean;
  readonly payloadBytes: number;
}

/** An invocation was refused for lack of concurrency or scaling rate (429, spec §3.6–§3.7). */
export interface InvocationThrottled extends InvocationTarget {
  readonly type: 'InvocationThrottled';
  readonly requestId: string;
  readonly atMs: number;
  readonly invocationType: 'RequestResponse';
  readonly reason: ThrottleReason;
}

/** A started invocation ended. */
export interface InvocationCompleted extends ExecutionShape {
  readonly type: 'InvocationCompleted';
  readonly requestId: string;
  readonly invocationType: 'RequestResponse' | 'Event';
  readonly functionName: string;
  readonly qualifier?: string | undefined;
  readonly aliasName?: string | undefined;
  readonly executedVersion: string;
  readonly atMs: number;
  readonly startedAtMs: number;
  readonly environmentId: string;
  readonly initializationType: InitializationType;
  readonly outcome: InvocationOutcome;
  /** The handler's run time, capped at the timeout. */
  readonly durationMs: number;
  /** The duration rounded up to the next 1 ms (spec pricing §3). */
  readonly billedDurationMs: number;
  /** Present when this invocation ran init. */
  readonly initDurationMs?: number | undefined;
  /** The `Payload` of the Invoke response: the handler's JSON, or the error document. */
  readonly responsePayload: string;
  /** `errorType` of the error document when the outcome is not a success. */
  readonly errorType?: string | undefined;
}

/** An `Event` invocation was accepted (202) and waits in Lambda's internal queue (spec §5.1). */
export interface AsyncInvocationAccepted extends InvocationTarget {
  readonly type: 'AsyncInvocationAccepted';
  readonly requestId: string;
  readonly atMs: number;
  readonly payload: string;
  readonly payloadBytes: number;
  /**
   * How many asynchronous Lambda-to-Lambda deliveries led to this event: 0 for a call from
   * outside (spec invocation §5.11).
   */
  readonly chainDepth: number;
}

/** The events of the invocation module. */
export type InvocationEvent =
  InvocationStarted | InvocationThrottled | InvocationCompleted | AsyncInvocationAccepted;

/**
 * The one builder of `InvocationStarted`, for a synchronous call and for an attempt of a queued
 * event alike: every member, in one order (see the module's note).
 */
export function invocationStarted(
  target: InvocationTarget,
  requestId: string,
  atMs: number,
  invocationType: InvocationStarted['invocationType'],
  placement: Placement,
  shape: ExecutionShape,
  payloadBytes: number,
): InvocationStarted {
  return {
    type: 'InvocationStarted',
    functionName: target.functionName,
    executedVersion: target.executedVersion,
    requestId,
    atMs,
    invocationType,
    environmentId: placement.environmentId,
    initializationType: placement.initializationType,
    newEnvironment: placement.newEnvironment,
    spillover: placement.spillover,
    memorySizeMb: shape.memorySizeMb,
    architecture: shape.architecture,
    ephemeralStorageMb: shape.ephemeralStorageMb,
    timeoutSeconds: shape.timeoutSeconds,
    payloadBytes,
    qualifier: target.qualifier,
    aliasName: target.aliasName,
    routingStateAfter: target.routingStateAfter,
    initDurationMs: placement.initDurationMs,
  };
}
