/**
 * What an asynchronous event leaves behind when it ends (spec invocation §5.6–§5.8): the
 * invocation record, its EventBridge envelope or S3 key, and the dead-letter message.
 *
 * @module
 */
import { functionArn, type AccountContext } from '../kernel/arn.js';
import { utf8Bytes, utf8Text, uuidFromSeed } from '../kernel/ids.js';
import { isoTimestamp, utcParts } from '../kernel/time.js';
import type { AsyncCondition, DestinationService } from './events.js';
import type { QueuedEvent } from './state.js';

/** The service of a destination ARN, if it is one asynchronous invocation can deliver to. */
export function destinationService(
  arn: string,
  on: 'OnSuccess' | 'OnFailure',
): DestinationService | undefined {
  const service = arn.split(':')[2];
  // An S3 bucket takes failure records only (spec invocation §5.7).
  if (service === 's3') return on === 'OnFailure' ? 's3' : undefined;
  return service === 'sqs' || service === 'sns' || service === 'lambda' || service === 'events'
    ? service
    : undefined;
}

/** The request payload as the record carries it: the event's JSON (an empty body is `{}`). */
const parsedPayload = (text: string): unknown =>
  text.trim() === '' ? {} : (JSON.parse(text) as unknown);

/** The invocation record of spec invocation §5.8, as a JSON value. */
export function invocationRecord(
  account: AccountContext,
  event: QueuedEvent,
  condition: AsyncCondition,
  atMs: number,
): Record<string, unknown> {
  const last = event.lastAttempt;
  const failed = last !== undefined && last.outcome !== 'Success';
  return {
    version: '1.0',
    timestamp: isoTimestamp(atMs),
    requestContext: {
      requestId: event.requestId,
      // The version-qualified ARN, `:$LATEST` for an unqualified invoke (spec §5.8).
      functionArn: functionArn(account, event.functionName, event.executedVersion),
      condition,
      approximateInvokeCount: event.invokeCount,
    },
    requestPayload: parsedPayload(event.payload),
    // No response when the function never ran: ZeroReservedConcurrency, or an event that expired
    // while throttled (model; spec §5.8 shows the first).
    ...(last === undefined
      ? {}
      : {
          responseContext: {
            statusCode: 200,
            executedVersion: last.executedVersion,
            ...(failed ? { functionError: 'Unhandled' } : {}),
          },
          responsePayload: parsedPayload(last.responsePayload),
        }),
  };
}

/** The EventBridge event carrying a record (spec §5.7; `source` is `lambda`, as observed). */
export function eventBridgeEnvelope(
  account: AccountContext,
  event: QueuedEvent,
  busArn: string,
  on: 'OnSuccess' | 'OnFailure',
  record: Record<string, unknown>,
  atMs: number,
): Record<string, unknown> {
  return {
    version: '0',
    id: uuidFromSeed(`${event.requestId}/${on}/events`),
    'detail-type': `Lambda Function Invocation Result - ${on === 'OnSuccess' ? 'Success' : 'Failure'}`,
    source: 'lambda',
    account: account.accountId,
    time: `${isoTimestamp(atMs).slice(0, 19)}Z`,
    region: account.region,
    resources: [busArn, functionArn(account, event.functionName, event.executedVersion)],
    detail: record,
  };
}

const two = (n: number): string => String(n).padStart(2, '0');

/** `aws/lambda/async/<function>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>` (spec invocation §5.7). */
export function s3RecordKey(event: QueuedEvent, atMs: number): string {
  const t = utcParts(atMs);
  const day = `${String(t.year)}/${two(t.month)}/${two(t.day)}`;
  const stamp = `${String(t.year)}-${two(t.month)}-${two(t.day)}T${two(t.hour)}.${two(t.minute)}.${two(t.second)}`;
  // AWS appends a random UUID; the model derives it from the request id so replay agrees.
  return `aws/lambda/async/${event.functionName}/${day}/${stamp}-${uuidFromSeed(`${event.requestId}/s3`)}`;
}

/** The first 1 KB of a text, cut on a character boundary (spec invocation §5.6). */
export function firstKilobyte(text: string): string {
  const bytes = utf8Bytes(text);
  if (bytes.length <= 1_024) return text;
  let end = 1_024;
  // Step back off UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return utf8Text(bytes.slice(0, end));
}
