import { describe, expect, it } from 'vitest';
import { timelineSummary } from '../../src/metrics/summary.js';
import type { Timeline, TimelinePoint } from '../../src/metrics/timeline-shape.js';
import { RES, series, T0, type Columns } from '../support/timeline-points.js';

// ---------------------------------------------------------------------------------------------
// A timeline built by hand: four 1 s buckets from T0, function f (throttled by its reserved
// concurrency, provisioned concurrency half used in one bucket) and function g (asynchronous).

const RESERVED = 'ReservedFunctionConcurrentInvocationLimitExceeded';
const ACCOUNT_LIMIT = 'ConcurrentInvocationLimitExceeded';

const asyncColumns: Columns = {
  AsyncEventsReceived: [2, 0, 0, 1],
  AsyncEventsDropped: [0, 0, 1, 0],
  AsyncRetries: [0, 1, 1, 0],
  DeadLetterMessages: [0, 0, 1, 0],
  DestinationDeliveries: [0, 0, 0, 1],
};

function sampleTimeline(cost: ReadonlyArray<string | null> = []): Timeline {
  const account: TimelinePoint[] = series({
    ...asyncColumns,
    Invocations: [6, 4, 4, 1],
    Errors: [0, 1, 0, 0],
    Throttles: [0, 3, 0, 1],
    ThrottlesByReason: [{}, { [RESERVED]: 2, [ACCOUNT_LIMIT]: 1 }, {}, { [RESERVED]: 1 }],
    ConcurrentExecutions: [4, 5, 2, 5],
    ProvisionedConcurrencyUtilization: [null, null, 0.5, 0],
    ColdStarts: [3, 1, 1, 0],
    ConcurrencyLimit: [1000, 1000, 1000, 1000],
    CostUsd: cost,
  });
  return {
    resolutionMs: RES,
    startMs: T0,
    endMs: T0 + 4 * RES,
    account,
    byFunction: {
      g: series({
        ...asyncColumns,
        Invocations: [2, 0, 0, 1],
        ConcurrentExecutions: [1, 0, 0, 1],
        ColdStarts: [1, 0, 0, 0],
      }),
      f: series({
        Invocations: [4, 4, 4, 0],
        Errors: [0, 1, 0, 0],
        Throttles: [0, 2, 0, 1],
        ThrottlesByReason: [{}, { [RESERVED]: 2 }, {}, { [RESERVED]: 1 }],
        ConcurrentExecutions: [3, 4, 2, 0],
        ProvisionedConcurrencyUtilization: [null, null, 0.5, 0],
        ColdStarts: [2, 1, 1, 0],
      }),
    },
    byVersion: {},
    byAlias: {},
  };
}

/** The lines of one block of the summary (`account`, `function f`), without the title. */
function blockOf(text: string, title: string): ReadonlyArray<string> {
  const lines = text.split('\n');
  const start = lines.indexOf(title);
  expect(start, `no block ${title}`).toBeGreaterThan(0);
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** What follows a label in a block: the value, then a note if any, whitespace collapsed. */
function valueOf(block: ReadonlyArray<string>, label: string): string | undefined {
  const line = block.find((l) => l.trimStart().startsWith(`${label}  `));
  return line?.trimStart().slice(label.length).trim().replace(/\s+/g, ' ');
}

describe('timelineSummary', () => {
  it('totals the account: invocations, errors, throttles by reason, cold starts, async outcomes', () => {
    // Given a timeline; when it is summarised
    const account = blockOf(timelineSummary(sampleTimeline()), 'account');
    // Then the totals are the sums of the account's points
    expect(valueOf(account, 'Invocations')).toBe('15');
    expect(valueOf(account, 'Errors')).toBe('1');
    expect(valueOf(account, 'Throttles')).toBe('4');
    expect(valueOf(account, ACCOUNT_LIMIT)).toBe('1');
    expect(valueOf(account, RESERVED)).toBe('3');
    expect(valueOf(account, 'Cold starts')).toBe('5');
    expect(valueOf(account, 'Async events received')).toBe('3');
    expect(valueOf(account, 'Async events dropped')).toBe('1');
    expect(valueOf(account, 'Async retries')).toBe('2');
    expect(valueOf(account, 'Dead-letter messages')).toBe('1');
    expect(valueOf(account, 'Destination deliveries')).toBe('1');
  });

  it('gives the peak concurrency and the first bucket that reached it, in ISO 8601 UTC', () => {
    // Given an account whose concurrency peaks at 5 in the second and the fourth bucket
    const text = timelineSummary(sampleTimeline());
    // Then the peak is 5, first reached at T0 + 1 s; f's peak is 4 at the same time
    expect(valueOf(blockOf(text, 'account'), 'Peak concurrency')).toBe(
      '5 at 2024-01-01T12:00:01.000Z',
    );
    expect(valueOf(blockOf(text, 'function f'), 'Peak concurrency')).toBe(
      '4 at 2024-01-01T12:00:01.000Z',
    );
  });

  it('gives no peak time when nothing ran', () => {
    const idle: Timeline = { ...sampleTimeline(), account: [], byFunction: { q: series({}) } };
    const text = timelineSummary(idle);
    expect(valueOf(blockOf(text, 'function q'), 'Peak concurrency')).toBe('0');
    expect(valueOf(blockOf(text, 'account'), 'Peak concurrency')).toBe('0');
  });

  it('gives the provisioned-concurrency utilisation peak, and "-" where none was allocated', () => {
    const text = timelineSummary(sampleTimeline());
    expect(valueOf(blockOf(text, 'function f'), 'PC utilisation peak')).toBe('50.0%');
    expect(valueOf(blockOf(text, 'function g'), 'PC utilisation peak')).toBe('-');
  });

  it('lists only the throttle reasons that occurred, and totals each function separately', () => {
    const text = timelineSummary(sampleTimeline());
    const f = blockOf(text, 'function f');
    const g = blockOf(text, 'function g');
    expect(valueOf(f, 'Invocations')).toBe('12');
    expect(valueOf(f, RESERVED)).toBe('3');
    expect(valueOf(f, ACCOUNT_LIMIT)).toBeUndefined();
    expect(valueOf(g, 'Throttles')).toBe('0');
    expect(valueOf(g, RESERVED)).toBeUndefined();
    expect(valueOf(g, 'Async retries')).toBe('2');
  });

  it('shows the final cost on the account only, in cents and as the exact decimal string', () => {
    // Given a priced timeline whose last bucket has no cost yet
    const text = timelineSummary(sampleTimeline([null, '0.0000021', '0.0000105', null]));
    // Then the last known cost is shown, rounded and exact, and no function has a cost line
    expect(valueOf(blockOf(text, 'account'), 'Cost (USD)')).toBe('$0.00 (0.0000105)');
    expect(valueOf(blockOf(text, 'function f'), 'Cost (USD)')).toBeUndefined();
  });

  it('has no cost line for an unpriced timeline', () => {
    expect(timelineSummary(sampleTimeline())).not.toContain('Cost');
  });

  it('draws a sparkline of concurrency, one character per bucket, peak as the full bar', () => {
    // Given f's concurrency 3, 4, 2, 0 and g's 1, 0, 0, 1
    const text = timelineSummary(sampleTimeline());
    // Then zero is the lowest bar and the peak the highest: 3/4 → ▆, 2/4 → ▅
    expect(valueOf(blockOf(text, 'function f'), 'Concurrency')).toBe('▆█▅▁');
    expect(valueOf(blockOf(text, 'function g'), 'Concurrency')).toBe('█▁▁█');
    expect(valueOf(blockOf(text, 'account'), 'Concurrency')).toBe('▇█▄█');
  });

  it('folds a long timeline into the sparkline width, keeping the peak of each group', () => {
    // Given ten buckets and a width of five
    const points = series({ ConcurrentExecutions: [0, 1, 0, 0, 8, 0, 0, 0, 0, 4] }, 10);
    const timeline: Timeline = { ...sampleTimeline(), account: [], byFunction: { w: points } };
    // When summarised
    const line = valueOf(
      blockOf(timelineSummary(timeline, { sparklineWidth: 5 }), 'function w'),
      'Concurrency',
    );
    // Then each character is the peak of two buckets, and the folding is stated
    expect(line).toBe('▂▁█▁▅ (1 char = 2 buckets, peak of each)');
  });

  it('aligns every value in one column, with no colours or terminal codes', () => {
    const text = timelineSummary(sampleTimeline(['0.0000021']));
    // The value lines (all but the header, titles, blanks and sparklines) end their value at the
    // same column once the peak's note is set aside.
    const valueLines = text
      .split('\n')
      .filter((l) => l.startsWith('  ') && !l.trimStart().startsWith('Concurrency'))
      .map((l) => l.replace(/ {2}at \S+$/, ''));
    expect(valueLines.length).toBeGreaterThan(30);
    expect(new Set(valueLines.map((l) => l.length)).size).toBe(1);
    expect(text).not.toContain(String.fromCharCode(0x1b));
    expect(text.endsWith('\n')).toBe(true);
  });

  it('opens with the period and the buckets, and lists functions in name order', () => {
    const text = timelineSummary(sampleTimeline());
    expect(text.split('\n')[0]).toBe(
      'Timeline 2024-01-01T12:00:00.000Z to 2024-01-01T12:00:04.000Z: 4 buckets of 1000 ms',
    );
    const titles = text.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(titles.slice(1)).toEqual(['account', 'function f', 'function g']);
  });

  it('summarises only the functions named, skipping unknown names', () => {
    const text = timelineSummary(sampleTimeline(), { functionNames: ['g', 'nope'] });
    expect(text).toContain('function g');
    expect(text).not.toContain('function f');
    expect(text).not.toContain('nope');
  });
});
