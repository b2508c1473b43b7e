/**
 * Facts about asynchronous delivery (spec invocation §5): event invoke configs, and the life of
 * one queued event — throttled and re-queued, a retry scheduled after a function error, its one
 * terminal outcome, and the records it leaves at a destination or a dead-letter queue. Nothing is
 * sent anywhere: a delivery is a recorded fact.
 *
 * @module
 */
import type { ThrottleReason } from '../kernel/errors.js';

/** The settings of one qualifier's config, as stored (absent members use AWS's defaults). */
export interface EventInvokeConfigSettings {
  readonly maximumRetryAttempts?: number;
  readonly maximumEventAgeInSeconds?: number;
  readonly onSuccess?: string;
  readonly onFailure?: string;
}

/** A qualifier's config was put or updated; the event holds the resulting whole config. */
export interface EventInvokeConfigChanged {
  readonly type: 'EventInvokeConfigChanged';
  readonly functionName: string;
  /** `$LATEST`, a version or an alias: the config applies to invocations of exactly it. */
  readonly qualifier: string;
  readonly config: EventInvokeConfigSettings;
  readonly atMs: number;
}

/** A qualifier's config was deleted. */
export interface EventInvokeConfigDeleted {
  readonly type: 'EventInvokeConfigDeleted';
  readonly functionName: string;
  readonly qualifier: string;
  readonly atMs: number;
}

/** A queued event could not start (429): it goes back to the queue until `retryAtMs` (§5.3). */
export interface AsyncInvocationThrottled {
  readonly type: 'AsyncInvocationThrottled';
  readonly requestId: string;
  readonly functionName: string;
  readonly executedVersion: string;
  readonly reason: ThrottleReason;
  readonly atMs: number;
  readonly retryAtMs: number;
}

/** An attempt ended in a function error; the next one is due at `retryAtMs` (§5.2). */
export interface AsyncRetryScheduled {
  readonly type: 'AsyncRetryScheduled';
  readonly requestId: string;
  readonly functionName: string;
  readonly atMs: number;
  readonly retryAtMs: number;
}

/** The one terminal outcome of an accepted event (spec invocation §5.9, §10 invariant 8). */
export type AsyncCondition =
  | 'Success'
  | 'RetriesExhausted'
  | 'EventAgeExceeded'
  | 'ZeroReservedConcurrency'
  | 'RecursiveInvocationStopped';

/** An accepted event reached its terminal outcome and left the queue. */
export interface AsyncInvocationEnded {
  readonly type: 'AsyncInvocationEnded';
  readonly requestId: string;
  readonly functionName: string;
  readonly executedVersion: string;
  readonly condition: AsyncCondition;
  /** How many times the function ran for this event (spec invocation §5.8). */
  readonly approximateInvokeCount: number;
  readonly atMs: number;
}

/** The services a destination can be (spec invocation §5.7). */
export type DestinationService = 'sqs' | 'sns' | 'lambda' | 'events' | 's3';

/** An invocation record was delivered to an OnSuccess or OnFailure destination (§5.7–§5.8). */
export interface AsyncRecordDelivered {
  readonly type: 'AsyncRecordDelivered';
  readonly requestId: string;
  readonly functionName: string;
  readonly on: 'OnSuccess' | 'OnFailure';
  readonly destination: string;
  readonly service: DestinationService;
  /** What the service receives, as JSON text: the record, or the EventBridge envelope. */
  readonly message: string;
  /** The object key, for an S3 destination. */
  readonly s3Key?: string;
  /** How deep in a chain of Lambda-to-Lambda deliveries the failed or successful event was. */
  readonly chainDepth: number;
  readonly atMs: number;
}

/** The original event was sent to the version's dead-letter queue (spec invocation §5.6). */
export interface DeadLetterMessageSent {
  readonly type: 'DeadLetterMessageSent';
  readonly requestId: string;
  readonly functionName: string;
  readonly targetArn: string;
  /** The original event, as sent. */
  readonly body: string;
  readonly attributes: {
    readonly RequestID: string;
    /** A Number attribute: the HTTP status, "200" for a function error (spec §5.6). */
    readonly ErrorCode: string;
    /** The first 1 KB of the error message. */
    readonly ErrorMessage: string;
  };
  readonly atMs: number;
}

/** The events of the async module. */
export type AsyncEvent =
  | EventInvokeConfigChanged
  | EventInvokeConfigDeleted
  | AsyncInvocationThrottled
  | AsyncRetryScheduled
  | AsyncInvocationEnded
  | AsyncRecordDelivered
  | DeadLetterMessageSent;
