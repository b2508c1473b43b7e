/**
 * Charts of a metrics timeline as Vega-Lite v5 specifications. A spec is plain JSON: JupyterLab's
 * Vega-Lite renderer, the online Vega editor or any Vega-Lite embedder draws it as it is, and the
 * library stays free of a rendering dependency (nothing here imports Vega-Lite or draws anything).
 *
 * Every spec carries its data inline as flat rows `{ time, series, value, ... }`: `time` is epoch
 * milliseconds (a bucket's start unless said otherwise), drawn on a UTC time scale because the
 * model's clock is UTC. Field names have no dots, which Vega-Lite would read as nested paths.
 *
 * @module
 */
import type { ThrottleReason } from '../kernel/errors.js';
import type { Timeline, TimelinePoint } from './timeline-shape.js';
import { isVersionNumber } from '../kernel/ids.js';

/** A JSON value, read-only: what a Vega-Lite specification is made of. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | ReadonlyArray<JsonValue>
  | { readonly [key: string]: JsonValue };

/**
 * A Vega-Lite v5 specification as a read-only JSON object. It is typed as JSON rather than with
 * Vega-Lite's own types so that `src/` does not depend on Vega-Lite; the tests check every spec
 * against Vega-Lite's JSON schema.
 */
export type VegaLiteSpec = { readonly [key: string]: JsonValue };

/** Which dimension a chart shows: the account (the default) or one function. */
export interface ChartOptions {
  /** A function name (a key of `timeline.byFunction`); the account when absent. */
  readonly functionName?: string;
}

/** Which functions {@link timelineCharts} charts besides the account. */
export interface TimelineChartsOptions {
  /** Function names to chart; every function of the timeline when absent. */
  readonly functionNames?: ReadonlyArray<string>;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
// AWS's names are long (`ReservedFunctionConcurrentInvocationLimitExceeded`): show them whole in
// legends rather than cut at Vega's default 160 px.
const CONFIG: JsonValue = { legend: { labelLimit: 0 } };
const WIDTH = 640;
const HEIGHT = 260;
const ROW_HEIGHT = 130;

/** One plotted value. Type aliases (not interfaces) so that rows are assignable to JSON. */
type Row = { readonly time: number; readonly series: string; readonly value: number };
type LineRow = Row & { readonly metric: string; readonly segment: number };
type ShareRow = Row & { readonly share: number };
type BarRow = Row & { readonly end: number };
type CostRow = Row & { readonly usd: string };

// The time axis. A UTC scale because bucket starts are UTC instants and the summary prints UTC too.
const timeX: JsonValue = {
  field: 'time',
  type: 'temporal',
  title: 'Time (UTC)',
  scale: { type: 'utc' },
};

/**
 * Adds `at`, the row's time as ISO 8601 UTC text, for tooltips. It is computed in the spec rather
 * than stored in every row, and formatted with `utcFormat` because a tooltip has no scale to make
 * it UTC and Vega-Lite's UTC time units stop at seconds.
 */
const withIsoTime: JsonValue = {
  calculate: "utcFormat(datum.time, '%Y-%m-%dT%H:%M:%S.%LZ')",
  as: 'at',
};

const timeTooltip = (title: string): JsonValue => ({ field: 'at', type: 'nominal', title });

const valueTooltip = (title: string, format?: string): JsonValue => ({
  field: 'value',
  type: 'quantitative',
  title,
  ...(format === undefined ? {} : { format }),
});

const seriesTooltip = (title: string): JsonValue => ({ field: 'series', type: 'nominal', title });

/** A self-contained single-view spec. */
const unitSpec = (
  title: string,
  values: ReadonlyArray<JsonValue>,
  view: { readonly mark: JsonValue; readonly encoding: JsonValue },
): VegaLiteSpec => ({
  $schema: SCHEMA,
  title,
  width: WIDTH,
  height: HEIGHT,
  data: { values },
  transform: [withIsoTime],
  mark: view.mark,
  encoding: view.encoding,
  config: CONFIG,
});

const scopeOf = (functionName: string | undefined): string =>
  functionName === undefined ? 'account' : functionName;

const pointsOf = (
  timeline: Timeline,
  functionName: string | undefined,
): ReadonlyArray<TimelinePoint> =>
  functionName === undefined ? timeline.account : (timeline.byFunction[functionName] ?? []);

/**
 * Orders `fn:qualifier` keys the way a person reads them: `$LATEST` first, then numbered versions
 * by number, then names (aliases) by code point. No locale is involved, so the order is the same on
 * every machine.
 */
const compareQualified = (a: string, b: string): number => {
  const rank = (key: string): [number, number, string] => {
    const qualifier = key.slice(key.lastIndexOf(':') + 1);
    if (qualifier === '$LATEST') return [0, 0, ''];
    if (isVersionNumber(qualifier)) return [1, Number(qualifier), ''];
    return [2, 0, qualifier];
  };
  const [ka, na, sa] = rank(a);
  const [kb, nb, sb] = rank(b);
  if (ka !== kb) return ka - kb;
  if (na !== nb) return na - nb;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
};

/** The keys of a `fn:qualifier` record that belong to one function, in reading order. */
const qualifiedKeysOf = (
  record: Readonly<Record<string, ReadonlyArray<TimelinePoint>>>,
  functionName: string,
): ReadonlyArray<string> =>
  Object.keys(record)
    .filter((key) => key.startsWith(`${functionName}:`))
    .sort(compareQualified);

// ---------------------------------------------------------------------------------------------
// Concurrency

const CONCURRENCY_METRICS = [
  'ConcurrentExecutions',
  'ProvisionedConcurrentExecutions',
  'ConcurrencyLimit',
] as const;
type ConcurrencyMetric = (typeof CONCURRENCY_METRICS)[number];

/** Solid for executions, dotted for provisioned executions, dashed for the limit. */
const dashOf = (metric: ConcurrencyMetric): JsonValue => {
  switch (metric) {
    case 'ConcurrentExecutions':
      return [1, 0];
    case 'ProvisionedConcurrentExecutions':
      return [2, 2];
    case 'ConcurrencyLimit':
      return [6, 4];
  }
};

/** The rows of one series: executions always, provisioned executions when any, the limit when set. */
function concurrencySeriesRows(
  series: string,
  points: ReadonlyArray<TimelinePoint>,
): ReadonlyArray<LineRow> {
  const rows: LineRow[] = points.map((p) => ({
    time: p.startMs,
    series,
    metric: 'ConcurrentExecutions',
    value: p.ConcurrentExecutions,
    segment: 0,
  }));
  if (points.some((p) => p.ProvisionedConcurrentExecutions > 0)) {
    for (const p of points) {
      rows.push({
        time: p.startMs,
        series,
        metric: 'ProvisionedConcurrentExecutions',
        value: p.ProvisionedConcurrentExecutions,
        segment: 0,
      });
    }
  }
  // A bucket without a limit is left out, and each run of buckets with one is its own segment, so
  // the dashed line breaks where no limit applies instead of bridging the gap.
  let segment = -1;
  let previous: number | null = null;
  for (const p of points) {
    if (p.ConcurrencyLimit !== null) {
      if (previous === null) segment += 1;
      rows.push({
        time: p.startMs,
        series,
        metric: 'ConcurrencyLimit',
        value: p.ConcurrencyLimit,
        segment,
      });
    }
    previous = p.ConcurrencyLimit;
  }
  return rows;
}

function concurrencyRows(timeline: Timeline, functionName?: string): ReadonlyArray<LineRow> {
  if (functionName === undefined) return concurrencySeriesRows('account', timeline.account);
  const fn = timeline.byFunction[functionName];
  if (fn === undefined) return [];
  // Aliases are shown only when provisioned concurrency is configured on them (their limit is
  // set); otherwise their executions repeat those of the versions they route to.
  const aliases = qualifiedKeysOf(timeline.byAlias, functionName).filter((key) =>
    (timeline.byAlias[key] ?? []).some((p) => p.ConcurrencyLimit !== null),
  );
  return [
    ...concurrencySeriesRows(functionName, fn),
    ...qualifiedKeysOf(timeline.byVersion, functionName).flatMap((key) =>
      concurrencySeriesRows(key, timeline.byVersion[key] ?? []),
    ),
    ...aliases.flatMap((key) => concurrencySeriesRows(key, timeline.byAlias[key] ?? [])),
  ];
}

/**
 * Concurrent executions over time as lines — the account's, or a function's with its executed
 * versions (and aliases that hold provisioned concurrency) — with the concurrency limit that
 * applies dashed and provisioned executions dotted, so throttling can be read against the limit.
 *
 * The limit is the account's concurrency for the account, the reserved concurrency for a function,
 * the provisioned concurrency allocated for a version or alias; buckets where none applies are not
 * plotted.
 *
 * @example `concurrencyChart(timeline, { functionName: 'checkout' })`
 */
export function concurrencyChart(timeline: Timeline, options: ChartOptions = {}): VegaLiteSpec {
  const rows = concurrencyRows(timeline, options.functionName);
  const metrics = CONCURRENCY_METRICS.filter((m) => rows.some((r) => r.metric === m));
  return unitSpec(`Concurrent executions: ${scopeOf(options.functionName)}`, rows, {
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: timeX,
      y: { field: 'value', type: 'quantitative', title: 'Concurrent executions' },
      color: { field: 'series', type: 'nominal', title: 'Series' },
      strokeDash: {
        field: 'metric',
        type: 'nominal',
        title: 'Metric',
        scale: { domain: metrics, range: metrics.map(dashOf) },
      },
      detail: { field: 'segment', type: 'nominal' },
      tooltip: [
        timeTooltip('Bucket start (UTC)'),
        seriesTooltip('Series'),
        { field: 'metric', type: 'nominal', title: 'Metric' },
        valueTooltip('Value'),
      ],
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Traffic split

/** Invocations per executed version per bucket, only for buckets where the function ran. */
function trafficSplitRows(timeline: Timeline, functionName: string): ReadonlyArray<ShareRow> {
  const versions = qualifiedKeysOf(timeline.byVersion, functionName);
  const totals = new Map<number, number>();
  for (const key of versions) {
    for (const p of timeline.byVersion[key] ?? []) {
      totals.set(p.startMs, (totals.get(p.startMs) ?? 0) + p.Invocations);
    }
  }
  // A bucket without invocations has no split: normalising it would divide by zero.
  return versions.flatMap((key) =>
    (timeline.byVersion[key] ?? []).flatMap((p) => {
      const total = totals.get(p.startMs) ?? 0;
      return total === 0
        ? []
        : [{ time: p.startMs, series: key, value: p.Invocations, share: p.Invocations / total }];
    }),
  );
}

/**
 * The share of a function's invocations that each executed version served, over time, as a
 * normalised stacked area: the traffic split of a weighted alias (a canary or linear deployment)
 * as it actually happened, not as configured.
 *
 * Buckets in which the function did not run are left out (a split of nothing is undefined).
 *
 * @example `trafficSplitChart(timeline, 'checkout')`
 */
export function trafficSplitChart(timeline: Timeline, functionName: string): VegaLiteSpec {
  return unitSpec(
    `Traffic split by executed version: ${functionName}`,
    trafficSplitRows(timeline, functionName),
    {
      mark: { type: 'area' },
      encoding: {
        x: timeX,
        y: {
          field: 'value',
          type: 'quantitative',
          stack: 'normalize',
          title: 'Share of invocations',
          axis: { format: '%' },
        },
        color: {
          field: 'series',
          type: 'nominal',
          title: 'Version',
          sort: qualifiedKeysOf(timeline.byVersion, functionName),
        },
        tooltip: [
          timeTooltip('Bucket start (UTC)'),
          seriesTooltip('Version'),
          valueTooltip('Invocations'),
          { field: 'share', type: 'quantitative', title: 'Share', format: '.1%' },
        ],
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Throttles

// AWS's reasons in a fixed order, so the stacks and colours are the same in every chart.
const REASON_ORDER: Readonly<Record<ThrottleReason, number>> = {
  ConcurrentInvocationLimitExceeded: 0,
  ReservedFunctionConcurrentInvocationLimitExceeded: 1,
  FunctionInvocationRateLimitExceeded: 2,
  ReservedFunctionInvocationRateLimitExceeded: 3,
  CallerRateLimitExceeded: 4,
  ConcurrentSnapshotCreateLimitExceeded: 5,
};

/**
 * Orders throttle reasons the same way everywhere (charts and the text summary): the account
 * limit first, then reserved concurrency, then the rate limits; an unknown reason last.
 */
export const compareThrottleReasons = (a: string, b: string): number => {
  const rank = (reason: string): number =>
    (REASON_ORDER as Readonly<Record<string, number | undefined>>)[reason] ?? 99;
  return rank(a) - rank(b);
};

function throttleRows(
  timeline: Timeline,
  points: ReadonlyArray<TimelinePoint>,
): ReadonlyArray<BarRow> {
  return points.flatMap((p) =>
    Object.entries(p.ThrottlesByReason)
      .filter((entry) => entry[1] > 0)
      .sort((a, b) => compareThrottleReasons(a[0], b[0]))
      .map(([reason, count]) => ({
        time: p.startMs,
        end: p.startMs + timeline.resolutionMs,
        series: reason,
        value: count,
      })),
  );
}

/** Bars that span a bucket (`time` to `end`), stacked by `series`. */
const stackedBarEncoding = (yTitle: string, colorTitle: string): JsonValue => ({
  x: timeX,
  x2: { field: 'end' },
  y: { field: 'value', type: 'quantitative', stack: 'zero', title: yTitle },
  color: { field: 'series', type: 'nominal', title: colorTitle },
  tooltip: [timeTooltip('Bucket start (UTC)'), seriesTooltip(colorTitle), valueTooltip(yTitle)],
});

/**
 * Throttled requests per bucket as stacked bars, one colour per AWS `Reason` (account limit,
 * reserved concurrency, rate limits), so the cause of each 429 is visible at a glance.
 *
 * @example `throttlesChart(timeline, { functionName: 'checkout' })`
 */
export function throttlesChart(timeline: Timeline, options: ChartOptions = {}): VegaLiteSpec {
  return unitSpec(
    `Throttles by reason: ${scopeOf(options.functionName)}`,
    throttleRows(timeline, pointsOf(timeline, options.functionName)),
    {
      mark: { type: 'bar' },
      encoding: stackedBarEncoding('Throttles', 'Reason'),
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Asynchronous invocation

const ASYNC_LINES = ['AsyncEventsReceived', 'AsyncQueueDepth'] as const;
const ASYNC_OUTCOMES = [
  'AsyncRetries',
  'AsyncThrottles',
  'AsyncEventsDropped',
  'DeadLetterMessages',
  'DestinationDeliveries',
] as const;

/**
 * Every async row; `AsyncEventAge` is converted to seconds. Outcome metrics that never happen
 * are left out so the bar legend lists only what occurred.
 */
function asyncRows(
  timeline: Timeline,
  points: ReadonlyArray<TimelinePoint>,
): ReadonlyArray<BarRow> {
  const row = (p: TimelinePoint, series: string, value: number): BarRow => ({
    time: p.startMs,
    end: p.startMs + timeline.resolutionMs,
    series,
    value,
  });
  const outcomes = ASYNC_OUTCOMES.filter((m) => points.some((p) => p[m] > 0));
  return [
    ...ASYNC_LINES.flatMap((m) => points.map((p) => row(p, m, p[m]))),
    ...points.map((p) => row(p, 'AsyncEventAge', p.AsyncEventAge / 1000)),
    ...outcomes.flatMap((m) => points.filter((p) => p[m] > 0).map((p) => row(p, m, p[m]))),
  ];
}

const onlySeries = (series: ReadonlyArray<string>): JsonValue => [
  { filter: { field: 'series', oneOf: series } },
  withIsoTime,
];

/**
 * The asynchronous invocation queue in up to three rows on one time axis: events received and the
 * queue depth; the age of the oldest event when an attempt started, in seconds; and, when any
 * happened, retries, throttled attempts, dropped events, dead-letter messages and destination
 * deliveries as stacked bars. A growing age is the first sign that async work is backing up.
 *
 * Rows are a `vconcat` (Vega-Lite has no top-level size for it), so each row has its own
 * `width` and `height`.
 *
 * @example `asyncQueueChart(timeline, { functionName: 'worker' })`
 */
export function asyncQueueChart(timeline: Timeline, options: ChartOptions = {}): VegaLiteSpec {
  const rows = asyncRows(timeline, pointsOf(timeline, options.functionName));
  const outcomes = ASYNC_OUTCOMES.filter((m) => rows.some((r) => r.series === m));
  const queue: JsonValue = {
    title: 'Queue',
    width: WIDTH,
    height: ROW_HEIGHT,
    transform: onlySeries(ASYNC_LINES),
    mark: { type: 'line' },
    encoding: {
      x: timeX,
      y: { field: 'value', type: 'quantitative', title: 'Events' },
      color: { field: 'series', type: 'nominal', title: 'Metric' },
      tooltip: [timeTooltip('Bucket start (UTC)'), seriesTooltip('Metric'), valueTooltip('Events')],
    },
  };
  const age: JsonValue = {
    title: 'Oldest event age at an attempt',
    width: WIDTH,
    height: ROW_HEIGHT,
    transform: onlySeries(['AsyncEventAge']),
    mark: { type: 'line' },
    encoding: {
      x: timeX,
      y: { field: 'value', type: 'quantitative', title: 'AsyncEventAge (s)' },
      tooltip: [timeTooltip('Bucket start (UTC)'), valueTooltip('Age (s)')],
    },
  };
  const outcomeBars: JsonValue = {
    title: 'Retries and where events went',
    width: WIDTH,
    height: ROW_HEIGHT,
    transform: onlySeries(outcomes),
    mark: { type: 'bar' },
    encoding: stackedBarEncoding('Events', 'Outcome'),
  };
  return {
    $schema: SCHEMA,
    title: `Asynchronous invocations: ${scopeOf(options.functionName)}`,
    data: { values: rows },
    vconcat: outcomes.length === 0 ? [queue, age] : [queue, age, outcomeBars],
    resolve: { scale: { x: 'shared', color: 'independent' }, legend: { color: 'independent' } },
    config: CONFIG,
  };
}

// ---------------------------------------------------------------------------------------------
// Cost

function costRows(timeline: Timeline): ReadonlyArray<CostRow> {
  return timeline.account.flatMap((p: TimelinePoint) =>
    p.CostUsd === null
      ? []
      : [
          {
            // The cost covers everything up to the bucket's end, so it is plotted there.
            time: p.startMs + timeline.resolutionMs,
            series: 'CostUsd',
            // A number only for plotting; the exact decimal string rides along for the tooltip.
            value: Number(p.CostUsd),
            usd: p.CostUsd,
          },
        ],
  );
}

/**
 * The cumulative bill of the log (the account's `CostUsd`) as a line, plotted at each bucket's
 * end, so the cost of a load pattern or a configuration change can be seen as it accrues.
 *
 * Buckets without a cost (an unpriced timeline) are not plotted. The amount is converted to a
 * number for the axis only; the tooltip shows the exact decimal string.
 *
 * @example `costChart(timeline)`
 */
export function costChart(timeline: Timeline): VegaLiteSpec {
  return unitSpec('Cumulative cost (USD): account', costRows(timeline), {
    mark: { type: 'line', point: true },
    encoding: {
      x: timeX,
      y: {
        field: 'value',
        type: 'quantitative',
        title: 'Cost so far (USD)',
        axis: { format: '$,.8~f' },
      },
      tooltip: [timeTooltip('Up to (UTC)'), { field: 'usd', type: 'nominal', title: 'Cost (USD)' }],
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Cold starts

const INVOCATION_METRICS = [
  'Invocations',
  'ColdStarts',
  'ProvisionedConcurrencyInvocations',
  'ProvisionedConcurrencySpilloverInvocations',
] as const;

function coldStartRows(points: ReadonlyArray<TimelinePoint>): ReadonlyArray<Row> {
  // Spillover is shown only when it happened: it is the exception the other three explain.
  const metrics = INVOCATION_METRICS.filter(
    (m) =>
      m !== 'ProvisionedConcurrencySpilloverInvocations' ||
      points.some((p) => p.ProvisionedConcurrencySpilloverInvocations > 0),
  );
  return metrics.flatMap((m) => points.map((p) => ({ time: p.startMs, series: m, value: p[m] })));
}

/**
 * Cold starts against invocations and invocations served by provisioned environments, per bucket,
 * as lines: how much of the traffic paid an init, and how much provisioned concurrency absorbed.
 *
 * @example `coldStartsChart(timeline, { functionName: 'checkout' })`
 */
export function coldStartsChart(timeline: Timeline, options: ChartOptions = {}): VegaLiteSpec {
  return unitSpec(
    `Cold starts and invocations: ${scopeOf(options.functionName)}`,
    coldStartRows(pointsOf(timeline, options.functionName)),
    {
      mark: { type: 'line' },
      encoding: {
        x: timeX,
        y: { field: 'value', type: 'quantitative', title: 'Per bucket' },
        color: { field: 'series', type: 'nominal', title: 'Metric', sort: INVOCATION_METRICS },
        tooltip: [
          timeTooltip('Bucket start (UTC)'),
          seriesTooltip('Metric'),
          valueTooltip('Count'),
        ],
      },
    },
  );
}

// ---------------------------------------------------------------------------------------------
// Every chart

/**
 * Every chart that has something to show, by file stem (`concurrency`, `throttles-<fn>`,
 * `traffic-split-<fn>`, ...): the account's charts, then each function's. A notebook can display
 * them in turn, and a script can write each to `<stem>.vl.json`.
 *
 * A chart is left out when it would be empty or flat: concurrency and cold starts when nothing ran,
 * throttles when nothing was throttled, the async chart when nothing was queued, the cost when the
 * timeline was not priced, and a traffic split when fewer than two versions of the function ran.
 *
 * @example `timelineCharts(timeline, { functionNames: ['checkout'] })`
 */
export function timelineCharts(
  timeline: Timeline,
  options: TimelineChartsOptions = {},
): Readonly<Record<string, VegaLiteSpec>> {
  const charts: Record<string, VegaLiteSpec> = {};
  const chartScope = (functionName: string | undefined, suffix: string): void => {
    const scope: ChartOptions = functionName === undefined ? {} : { functionName };
    const points = pointsOf(timeline, functionName);
    const ran = points.some((p) => p.Invocations > 0 || p.ConcurrentExecutions > 0);
    if (ran) charts[`concurrency${suffix}`] = concurrencyChart(timeline, scope);
    if (functionName !== undefined) {
      const versionsThatRan = qualifiedKeysOf(timeline.byVersion, functionName).filter((key) =>
        (timeline.byVersion[key] ?? []).some((p) => p.Invocations > 0),
      );
      if (versionsThatRan.length > 1) {
        charts[`traffic-split${suffix}`] = trafficSplitChart(timeline, functionName);
      }
    }
    if (throttleRows(timeline, points).length > 0) {
      charts[`throttles${suffix}`] = throttlesChart(timeline, scope);
    }
    if (asyncRows(timeline, points).some((r) => r.value > 0)) {
      charts[`async-queue${suffix}`] = asyncQueueChart(timeline, scope);
    }
    if (ran) charts[`cold-starts${suffix}`] = coldStartsChart(timeline, scope);
  };
  chartScope(undefined, '');
  if (costRows(timeline).length > 0) charts['cost'] = costChart(timeline);
  const names = options.functionNames ?? Object.keys(timeline.byFunction).sort();
  for (const name of names) {
    if (timeline.byFunction[name] !== undefined) chartScope(name, `-${name}`);
  }
  return charts;
}
