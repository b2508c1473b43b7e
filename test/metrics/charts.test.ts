import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  asyncQueueChart,
  coldStartsChart,
  concurrencyChart,
  costChart,
  throttlesChart,
  timelineCharts,
  trafficSplitChart,
  type JsonValue,
  type VegaLiteSpec,
} from '../../src/metrics/charts.js';
import type { Timeline, TimelinePoint } from '../../src/metrics/timeline-shape.js';
import { RES, series, T0, type Columns } from '../support/timeline-points.js';

// ---------------------------------------------------------------------------------------------
// A timeline built by hand: four 1 s buckets from T0, functions f (versions 1 and 2, a canary
// moving from 1 to 2, reserved concurrency put, deleted and put again, provisioned concurrency on
// version 2) and g (one version, asynchronous, with retries, a dead-letter message and a
// destination delivery).

const RESERVED = 'ReservedFunctionConcurrentInvocationLimitExceeded';
const ACCOUNT_LIMIT = 'ConcurrentInvocationLimitExceeded';

const asyncColumns: Columns = {
  AsyncEventsReceived: [2, 0, 0, 1],
  AsyncQueueDepth: [2, 1, 0, 1],
  AsyncEventAge: [0, 1500, 3000, 0],
  AsyncRetries: [0, 1, 1, 0],
  AsyncEventsDropped: [0, 0, 1, 0],
  DeadLetterMessages: [0, 0, 1, 0],
  DestinationDeliveries: [0, 0, 0, 1],
};

function sampleTimeline(cost: ReadonlyArray<string | null> = []): Timeline {
  return {
    resolutionMs: RES,
    startMs: T0,
    endMs: T0 + 4 * RES,
    account: series({
      ...asyncColumns,
      Invocations: [6, 4, 4, 1],
      Errors: [0, 1, 0, 0],
      Throttles: [0, 3, 0, 1],
      ThrottlesByReason: [{}, { [RESERVED]: 2, [ACCOUNT_LIMIT]: 1 }, {}, { [RESERVED]: 1 }],
      ConcurrentExecutions: [4, 4, 2, 1],
      ProvisionedConcurrentExecutions: [0, 0, 1, 0],
      ProvisionedConcurrencyUtilization: [null, null, 0.5, 0],
      ProvisionedConcurrencyInvocations: [0, 0, 2, 0],
      ColdStarts: [3, 1, 1, 0],
      ConcurrencyLimit: [1000, 1000, 1000, 1000],
      CostUsd: cost,
    }),
    byFunction: {
      f: series({
        Invocations: [4, 4, 4, 0],
        Errors: [0, 1, 0, 0],
        Throttles: [0, 2, 0, 1],
        ThrottlesByReason: [{}, { [RESERVED]: 2 }, {}, { [RESERVED]: 1 }],
        ConcurrentExecutions: [3, 4, 2, 0],
        ProvisionedConcurrentExecutions: [0, 0, 1, 0],
        ProvisionedConcurrencyUtilization: [null, null, 0.5, 0],
        ProvisionedConcurrencyInvocations: [0, 0, 2, 0],
        ColdStarts: [2, 1, 1, 0],
        ConcurrencyLimit: [null, 5, null, 5],
      }),
      g: series({
        ...asyncColumns,
        Invocations: [2, 0, 0, 1],
        ConcurrentExecutions: [1, 0, 0, 1],
        ColdStarts: [1, 0, 0, 0],
      }),
    },
    byVersion: {
      'f:2': series({
        Invocations: [0, 1, 3, 0],
        ConcurrentExecutions: [0, 2, 1, 0],
        ProvisionedConcurrentExecutions: [0, 0, 1, 0],
        ProvisionedConcurrencyInvocations: [0, 0, 2, 0],
        ConcurrencyLimit: [null, null, 2, 2],
      }),
      'f:1': series({ Invocations: [4, 3, 1, 0], ConcurrentExecutions: [3, 2, 1, 0] }),
      'g:$LATEST': series({ Invocations: [2, 0, 0, 1], ConcurrentExecutions: [1, 0, 0, 1] }),
    },
    byAlias: {
      'f:live': series({ Invocations: [4, 4, 4, 0], ConcurrentExecutions: [3, 4, 2, 0] }),
    },
  };
}

const PRICES = [null, '0.0000021', '0.0000042', '0.0000105'] as const;

// ---------------------------------------------------------------------------------------------
// Reading specs

type Json = JsonValue;
type Obj = { readonly [key: string]: Json };

const isObject = (value: Json | undefined): value is Obj =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const field = (value: Json | undefined, key: string): Json | undefined =>
  isObject(value) ? value[key] : undefined;

/** The inline data rows of a spec. */
function rowsOf(spec: VegaLiteSpec): ReadonlyArray<Obj> {
  const values = field(spec['data'], 'values');
  expect(Array.isArray(values)).toBe(true);
  return (values as ReadonlyArray<Json>).filter(isObject);
}

const ofSeries = (rows: ReadonlyArray<Obj>, series: string): ReadonlyArray<Obj> =>
  rows.filter((r) => r['series'] === series);

const valuesOf = (rows: ReadonlyArray<Obj>): ReadonlyArray<Json | undefined> =>
  rows.map((r) => r['value']);

const total = (rows: ReadonlyArray<Obj>): number =>
  rows.reduce((sum, r) => sum + (r['value'] as number), 0);

const pick = (points: ReadonlyArray<TimelinePoint>, key: keyof TimelinePoint): unknown[] =>
  points.map((p) => p[key]);

// Vega-Lite's own JSON schema (draft-07), compiled once.
const schema = JSON.parse(
  readFileSync(
    new URL('../../node_modules/vega-lite/build/vega-lite-schema.json', import.meta.url),
    'utf8',
  ),
) as object;
// The schema's `format: uri` is not checked (no ajv-formats); silence ajv's note about it.
const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
const validate = ajv.compile(schema);

/** Schema errors (empty when valid) and Vega-Lite compiler warnings and errors. */
function problemsOf(spec: VegaLiteSpec): { schema: string; compiler: string[] } {
  const valid = validate(spec);
  const compiler: string[] = [];
  const logger = {
    level: (): number => 0,
    error: (...args: readonly unknown[]) => {
      compiler.push(`error: ${args.map(String).join(' ')}`);
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      compiler.push(`warn: ${args.map(String).join(' ')}`);
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  // The JSON type is wider than Vega-Lite's TopLevelSpec; the schema check above is the real gate.
  compile(spec as unknown as Parameters<typeof compile>[0], { logger: logger as never });
  return { schema: valid ? '' : ajv.errorsText(validate.errors), compiler };
}

/** Every chart the module makes of the sample, named, including ones for an unknown function. */
function everyChart(): ReadonlyArray<readonly [string, VegaLiteSpec]> {
  const timeline = sampleTimeline(PRICES);
  return [
    ...Object.entries(timelineCharts(timeline)),
    ['concurrency (unknown function)', concurrencyChart(timeline, { functionName: 'nope' })],
    ['traffic split (g, one version)', trafficSplitChart(timeline, 'g')],
    ['throttles (g, none)', throttlesChart(timeline, { functionName: 'g' })],
    ['async (f, none)', asyncQueueChart(timeline, { functionName: 'f' })],
    ['cost (unpriced)', costChart(sampleTimeline())],
    ['cold starts (unknown function)', coldStartsChart(timeline, { functionName: 'nope' })],
  ];
}

// ---------------------------------------------------------------------------------------------

describe('Charts: a timeline as Vega-Lite v5 specifications', () => {
  it('every chart validates against the Vega-Lite v5 JSON schema and compiles without warnings', () => {
    // Given every chart of a priced timeline, and charts with no data at all
    const charts = everyChart();
    expect(charts.length).toBeGreaterThan(10);
    for (const [name, spec] of charts) {
      // When each is checked against the schema and compiled
      const problems = problemsOf(spec);
      // Then the schema accepts it and the compiler has nothing to say
      expect(problems.schema, `${name}: ${problems.schema}`).toBe('');
      expect(problems.compiler, name).toEqual([]);
    }
  });

  it('rejects what Vega-Lite rejects, and reports compiler warnings (the checks are not vacuous)', () => {
    // Given a chart with an unknown mark type
    const spec = { ...concurrencyChart(sampleTimeline()), mark: { type: 'sparkle' } };
    // When validated, then it fails
    expect(validate(spec)).toBe(false);
    // And a chart the compiler warns about (a stacked bar that also has y2) is reported
    const warned = {
      ...concurrencyChart(sampleTimeline()),
      mark: 'bar',
      encoding: {
        x: { field: 'time', type: 'temporal' },
        y: { field: 'value', type: 'quantitative', stack: 'zero' },
        y2: { field: 'value' },
      },
    };
    expect(problemsOf(warned).compiler).not.toEqual([]);
  });

  it('every spec is self-contained plain JSON with a schema, a title, a size and inline data', () => {
    for (const [name, spec] of everyChart()) {
      // A JSON round trip changes nothing: no undefined, no functions, no class instances.
      expect(JSON.parse(JSON.stringify(spec)), name).toEqual(spec);
      expect(spec['$schema'], name).toBe('https://vega.github.io/schema/vega-lite/v5.json');
      expect(typeof spec['title'], name).toBe('string');
      // A vconcat has no top-level size in Vega-Lite: each row carries its own.
      const vconcat = spec['vconcat'];
      const views: ReadonlyArray<Json> = Array.isArray(vconcat) ? vconcat : [spec];
      for (const view of views) {
        expect(typeof field(view, 'width'), name).toBe('number');
        expect(typeof field(view, 'height'), name).toBe('number');
      }
      // Rows are flat, with a numeric epoch-ms time, a series name, a numeric value, no dots.
      for (const row of rowsOf(spec)) {
        expect(typeof row['time'], name).toBe('number');
        expect(typeof row['series'], name).toBe('string');
        expect(Number.isFinite(row['value']), name).toBe(true);
        expect(
          Object.keys(row).filter((k) => k.includes('.')),
          name,
        ).toEqual([]);
        expect(Object.values(row).filter(isObject), name).toEqual([]);
      }
    }
  });

  it('time is temporal on a UTC scale', () => {
    // Given the account's concurrency chart
    const spec = concurrencyChart(sampleTimeline());
    // Then x is the time field, temporal, on a UTC scale
    expect(field(spec['encoding'], 'x')).toEqual({
      field: 'time',
      type: 'temporal',
      title: 'Time (UTC)',
      scale: { type: 'utc' },
    });
  });
});

describe('concurrencyChart', () => {
  it('plots the account: executions, provisioned executions and the limit, equal to the timeline', () => {
    // Given a timeline; when the account's concurrency is charted
    const timeline = sampleTimeline();
    const rows = rowsOf(concurrencyChart(timeline));
    const metric = (m: string) => rows.filter((r) => r['metric'] === m);
    // Then each metric's values are the account's numbers, bucket by bucket
    expect(valuesOf(metric('ConcurrentExecutions'))).toEqual([4, 4, 2, 1]);
    expect(valuesOf(metric('ProvisionedConcurrentExecutions'))).toEqual([0, 0, 1, 0]);
    expect(valuesOf(metric('ConcurrencyLimit'))).toEqual([1000, 1000, 1000, 1000]);
    expect(metric('ConcurrentExecutions').map((r) => r['time'])).toEqual(
      pick(timeline.account, 'startMs'),
    );
    expect(new Set(rows.map((r) => r['series']))).toEqual(new Set(['account']));
  });

  it('draws the limit dashed and executions solid', () => {
    const encoding = concurrencyChart(sampleTimeline())['encoding'];
    expect(field(encoding, 'strokeDash')).toMatchObject({
      field: 'metric',
      scale: {
        domain: ['ConcurrentExecutions', 'ProvisionedConcurrentExecutions', 'ConcurrencyLimit'],
        range: [
          [1, 0],
          [2, 2],
          [6, 4],
        ],
      },
    });
  });

  it('for a function: the function and its versions, null limits left out, a gap splits the line', () => {
    // Given f, whose reserved concurrency was put, deleted and put again
    const timeline = sampleTimeline();
    // When f's concurrency is charted
    const rows = rowsOf(concurrencyChart(timeline, { functionName: 'f' }));
    const of = (series: string, metric: string) =>
      rows.filter((r) => r['series'] === series && r['metric'] === metric);
    // Then f and its versions (in version order) have their executions
    expect([...new Set(rows.map((r) => r['series']))]).toEqual(['f', 'f:1', 'f:2']);
    expect(valuesOf(of('f', 'ConcurrentExecutions'))).toEqual([3, 4, 2, 0]);
    expect(valuesOf(of('f:1', 'ConcurrentExecutions'))).toEqual([3, 2, 1, 0]);
    expect(valuesOf(of('f:2', 'ConcurrentExecutions'))).toEqual([0, 2, 1, 0]);
    // And only the buckets with a limit are plotted, each run of them its own segment
    expect(of('f', 'ConcurrencyLimit').map((r) => [r['time'], r['value'], r['segment']])).toEqual([
      [T0 + RES, 5, 0],
      [T0 + 3 * RES, 5, 1],
    ]);
    expect(valuesOf(of('f:2', 'ConcurrencyLimit'))).toEqual([2, 2]);
    expect(of('f:1', 'ConcurrencyLimit')).toEqual([]);
    expect(rows.filter((r) => r['value'] === null)).toEqual([]);
    // And a version that never ran on provisioned environments has no provisioned line
    expect(of('f:1', 'ProvisionedConcurrentExecutions')).toEqual([]);
    expect(valuesOf(of('f:2', 'ProvisionedConcurrentExecutions'))).toEqual([0, 0, 1, 0]);
  });

  it('shows an alias only when it holds provisioned concurrency', () => {
    // Given f:live without a limit, then with provisioned concurrency of 3
    const plain = sampleTimeline();
    const provisioned: Timeline = {
      ...plain,
      byAlias: { 'f:live': series({ ConcurrentExecutions: [1, 1, 1, 1], ConcurrencyLimit: [3] }) },
    };
    const seriesOf = (t: Timeline) =>
      new Set(rowsOf(concurrencyChart(t, { functionName: 'f' })).map((r) => r['series']));
    // Then only the second chart has an f:live series, with its one non-null limit
    expect(seriesOf(plain).has('f:live')).toBe(false);
    expect(seriesOf(provisioned).has('f:live')).toBe(true);
    const live = rowsOf(concurrencyChart(provisioned, { functionName: 'f' })).filter(
      (r) => r['series'] === 'f:live' && r['metric'] === 'ConcurrencyLimit',
    );
    expect(valuesOf(live)).toEqual([3]);
  });
});

describe('trafficSplitChart', () => {
  it('plots every invocation of each version, and shares that sum to one in each bucket', () => {
    // Given f's canary from version 1 to version 2
    const timeline = sampleTimeline();
    // When its traffic split is charted
    const spec = trafficSplitChart(timeline, 'f');
    const rows = rowsOf(spec);
    // Then the plotted invocations of each version add up to the timeline's
    for (const key of ['f:1', 'f:2']) {
      const expected = (timeline.byVersion[key] ?? []).reduce((s, p) => s + p.Invocations, 0);
      expect(total(ofSeries(rows, key)), key).toBe(expected);
    }
    expect(new Set(rows.map((r) => r['series']))).toEqual(new Set(['f:1', 'f:2']));
    // And in each bucket the invocations add up to the bucket's total and the shares to 1
    const times = [...new Set(rows.map((r) => r['time'] as number))];
    for (const time of times) {
      const bucket = rows.filter((r) => r['time'] === time);
      const fn = timeline.byFunction['f']!.find((p) => p.startMs === time)!;
      expect(total(bucket)).toBe(fn.Invocations);
      const shares = bucket.reduce((s, r) => s + (r['share'] as number), 0);
      expect(shares).toBeCloseTo(1, 12);
    }
    // And the exact shares of the second bucket are 3/4 and 1/4
    expect(rows.filter((r) => r['time'] === T0 + RES).map((r) => r['share'])).toEqual([0.75, 0.25]);
    // And the last bucket, without invocations, is not plotted
    expect(times).toEqual([T0, T0 + RES, T0 + 2 * RES]);
  });

  it('stacks the areas normalised, a colour per version in version order', () => {
    const encoding = trafficSplitChart(sampleTimeline(), 'f')['encoding'];
    expect(field(encoding, 'y')).toMatchObject({ field: 'value', stack: 'normalize' });
    expect(field(encoding, 'color')).toMatchObject({ field: 'series', sort: ['f:1', 'f:2'] });
  });

  it('ignores versions of other functions whose names share a prefix', () => {
    // Given a function ff next to f
    const base = sampleTimeline();
    const timeline: Timeline = {
      ...base,
      byVersion: { ...base.byVersion, 'ff:1': series({ Invocations: [9, 9, 9, 9] }) },
    };
    // Then f's split has no ff rows
    const rows = rowsOf(trafficSplitChart(timeline, 'f'));
    expect(
      rows.filter((r) => typeof r['series'] !== 'string' || r['series'].startsWith('ff')),
    ).toEqual([]);
  });
});

describe('throttlesChart', () => {
  it('stacks the throttles of each bucket by reason, with the timeline totals', () => {
    // Given an account throttled by its reserved concurrency and the account limit
    const timeline = sampleTimeline();
    // When its throttles are charted
    const chart = throttlesChart(timeline);
    const rows = rowsOf(chart);
    // Then each reason's plotted total is the timeline's, and only non-zero bars are plotted
    expect(total(ofSeries(rows, RESERVED))).toBe(3);
    expect(total(ofSeries(rows, ACCOUNT_LIMIT))).toBe(1);
    expect(total(rows)).toBe(timeline.account.reduce((s, p) => s + p.Throttles, 0));
    expect(rows.map((r) => [r['time'], r['series'], r['value']])).toEqual([
      [T0 + RES, ACCOUNT_LIMIT, 1],
      [T0 + RES, RESERVED, 2],
      [T0 + 3 * RES, RESERVED, 1],
    ]);
    // And each bar spans its bucket, stacked
    for (const r of rows) expect(r['end']).toBe((r['time'] as number) + RES);
    expect(chart['mark']).toEqual({ type: 'bar' });
    expect(field(chart['encoding'], 'y')).toMatchObject({ field: 'value', stack: 'zero' });
    expect(field(chart['encoding'], 'x2')).toEqual({ field: 'end' });
    expect(field(chart['encoding'], 'color')).toMatchObject({ field: 'series' });
  });

  it('charts one function when named', () => {
    const rows = rowsOf(throttlesChart(sampleTimeline(), { functionName: 'f' }));
    expect(new Set(rows.map((r) => r['series']))).toEqual(new Set([RESERVED]));
    expect(total(rows)).toBe(3);
  });
});

describe('asyncQueueChart', () => {
  it('plots depth, received, age in seconds and the outcomes, in three rows on one time axis', () => {
    // Given g's asynchronous invocations
    const timeline = sampleTimeline();
    // When charted
    const chart = asyncQueueChart(timeline, { functionName: 'g' });
    const rows = rowsOf(chart);
    // Then depth and received are the timeline's, and the age is in seconds
    expect(valuesOf(ofSeries(rows, 'AsyncQueueDepth'))).toEqual([2, 1, 0, 1]);
    expect(valuesOf(ofSeries(rows, 'AsyncEventsReceived'))).toEqual([2, 0, 0, 1]);
    expect(valuesOf(ofSeries(rows, 'AsyncEventAge'))).toEqual([0, 1.5, 3, 0]);
    // And the outcomes that happened are plotted with their totals; those that did not are absent
    expect(total(ofSeries(rows, 'AsyncRetries'))).toBe(2);
    expect(total(ofSeries(rows, 'DeadLetterMessages'))).toBe(1);
    expect(total(ofSeries(rows, 'DestinationDeliveries'))).toBe(1);
    expect(total(ofSeries(rows, 'AsyncEventsDropped'))).toBe(1);
    expect(ofSeries(rows, 'AsyncThrottles')).toEqual([]);
    // And there are three rows sharing the x scale
    expect(chart['vconcat']).toHaveLength(3);
    expect(field(chart['resolve'], 'scale')).toMatchObject({ x: 'shared' });
  });

  it('has two rows when no retry or delivery happened', () => {
    const base = sampleTimeline();
    const timeline: Timeline = {
      ...base,
      byFunction: {
        ...base.byFunction,
        q: series({ AsyncEventsReceived: [1, 0, 0, 0], AsyncQueueDepth: [1, 1, 0, 0] }),
      },
    };
    expect(asyncQueueChart(timeline, { functionName: 'q' })['vconcat']).toHaveLength(2);
  });
});

describe('costChart', () => {
  it('plots the cumulative cost as numbers at each bucket end, without the null buckets', () => {
    // Given a priced timeline whose first bucket has no cost
    const timeline = sampleTimeline(PRICES);
    // When its cost is charted
    const rows = rowsOf(costChart(timeline));
    // Then the three priced buckets are plotted at their ends, exact strings alongside
    expect(rows.map((r) => [r['time'], r['value'], r['usd']])).toEqual([
      [T0 + 2 * RES, 0.0000021, '0.0000021'],
      [T0 + 3 * RES, 0.0000042, '0.0000042'],
      [T0 + 4 * RES, 0.0000105, '0.0000105'],
    ]);
  });

  it('has no rows when the timeline was not priced', () => {
    expect(rowsOf(costChart(sampleTimeline()))).toEqual([]);
  });
});

describe('coldStartsChart', () => {
  it('plots cold starts, invocations and provisioned invocations with the timeline numbers', () => {
    // Given f, when its cold starts are charted
    const timeline = sampleTimeline();
    const rows = rowsOf(coldStartsChart(timeline, { functionName: 'f' }));
    // Then each metric is f's series
    const f = timeline.byFunction['f']!;
    expect(valuesOf(ofSeries(rows, 'ColdStarts'))).toEqual(pick(f, 'ColdStarts'));
    expect(valuesOf(ofSeries(rows, 'Invocations'))).toEqual(pick(f, 'Invocations'));
    expect(valuesOf(ofSeries(rows, 'ProvisionedConcurrencyInvocations'))).toEqual([0, 0, 2, 0]);
    // And spillover, which never happened, is not plotted
    expect(ofSeries(rows, 'ProvisionedConcurrencySpilloverInvocations')).toEqual([]);
  });

  it('adds spillover when it happened', () => {
    const base = sampleTimeline();
    const timeline: Timeline = {
      ...base,
      byFunction: {
        ...base.byFunction,
        s: series({ Invocations: [3], ProvisionedConcurrencySpilloverInvocations: [1] }),
      },
    };
    const rows = rowsOf(coldStartsChart(timeline, { functionName: 's' }));
    expect(valuesOf(ofSeries(rows, 'ProvisionedConcurrencySpilloverInvocations'))).toEqual([
      1, 0, 0, 0,
    ]);
  });
});

describe('timelineCharts', () => {
  it('names every chart that has data: the account, then each function', () => {
    // Given a priced timeline; when every chart is made
    const charts = timelineCharts(sampleTimeline(PRICES));
    // Then: g has one version (no split), no throttles; f has no async work
    expect(Object.keys(charts)).toEqual([
      'concurrency',
      'throttles',
      'async-queue',
      'cold-starts',
      'cost',
      'concurrency-f',
      'traffic-split-f',
      'throttles-f',
      'cold-starts-f',
      'concurrency-g',
      'async-queue-g',
      'cold-starts-g',
    ]);
    expect(charts['traffic-split-f']).toEqual(trafficSplitChart(sampleTimeline(PRICES), 'f'));
  });

  it('leaves out the cost of an unpriced timeline', () => {
    expect(Object.keys(timelineCharts(sampleTimeline()))).not.toContain('cost');
  });

  it('charts only the functions named, and skips names the timeline does not have', () => {
    const keys = Object.keys(timelineCharts(sampleTimeline(), { functionNames: ['g', 'nope'] }));
    expect(keys.filter((k) => k.endsWith('-f'))).toEqual([]);
    expect(keys).toContain('concurrency-g');
    expect(keys.filter((k) => k.endsWith('-nope'))).toEqual([]);
  });

  it('returns nothing for a timeline in which nothing happened', () => {
    const idle: Timeline = {
      resolutionMs: RES,
      startMs: T0,
      endMs: T0 + 4 * RES,
      account: series({ ConcurrencyLimit: [1000, 1000, 1000, 1000] }),
      byFunction: { f: series({}) },
      byVersion: {},
      byAlias: {},
    };
    expect(timelineCharts(idle)).toEqual({});
  });
});
