/**
 * Timeline points written by hand for the chart and summary tests: a timeline is projection
 * output, plain data, so the tests of what reads it can state one column by column.
 */
import type { TimelinePoint } from '../../src/metrics/timeline-shape.js';

/** The first bucket's start: 2024-01-01T12:00:00Z. */
export const T0 = 1_704_110_400_000;
/** 1 s buckets. */
export const RES = 1000;

export type Columns = { readonly [K in keyof TimelinePoint]?: ReadonlyArray<TimelinePoint[K]> };

/** Points from columns of values; a missing column is zero (`null` or `{}` where that applies). */
export function series(columns: Columns, buckets = 4): TimelinePoint[] {
  const at = <K extends keyof TimelinePoint>(
    key: K,
    i: number,
    zero: TimelinePoint[K],
  ): TimelinePoint[K] => columns[key]?.[i] ?? zero;
  return Array.from({ length: buckets }, (_, i) => ({
    startMs: T0 + i * RES,
    Invocations: at('Invocations', i, 0),
    Errors: at('Errors', i, 0),
    Throttles: at('Throttles', i, 0),
    ThrottlesByReason: at('ThrottlesByReason', i, {}),
    ConcurrentExecutions: at('ConcurrentExecutions', i, 0),
    ProvisionedConcurrentExecutions: at('ProvisionedConcurrentExecutions', i, 0),
    ProvisionedConcurrencyUtilization: columns.ProvisionedConcurrencyUtilization?.[i] ?? null,
    ProvisionedConcurrencyInvocations: at('ProvisionedConcurrencyInvocations', i, 0),
    ProvisionedConcurrencySpilloverInvocations: at(
      'ProvisionedConcurrencySpilloverInvocations',
      i,
      0,
    ),
    AsyncEventsReceived: at('AsyncEventsReceived', i, 0),
    AsyncEventAge: at('AsyncEventAge', i, 0),
    AsyncEventsDropped: at('AsyncEventsDropped', i, 0),
    DurationSumMs: at('DurationSumMs', i, 0),
    DurationMaximumMs: at('DurationMaximumMs', i, 0),
    ColdStarts: at('ColdStarts', i, 0),
    AsyncQueueDepth: at('AsyncQueueDepth', i, 0),
    AsyncRetries: at('AsyncRetries', i, 0),
    AsyncThrottles: at('AsyncThrottles', i, 0),
    DeadLetterMessages: at('DeadLetterMessages', i, 0),
    DestinationDeliveries: at('DestinationDeliveries', i, 0),
    ConcurrencyLimit: columns.ConcurrencyLimit?.[i] ?? null,
    CostUsd: columns.CostUsd?.[i] ?? null,
  }));
}
