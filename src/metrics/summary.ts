/**
 * A plain-text summary of a metrics timeline for a terminal: the totals and peaks of the account
 * and of each function in aligned columns, with a sparkline of concurrency. No colours and no
 * terminal codes, so it reads the same in a log file, a CI output or a notebook cell.
 *
 * @module
 */
import { isoTimestamp } from '../kernel/time.js';
import { compareThrottleReasons } from './charts.js';
import { formatUsd, parseDecimalString } from '../kernel/money.js';
import type { Timeline, TimelinePoint } from './timeline-shape.js';

/** What {@link timelineSummary} covers and how wide its sparklines are. */
export interface TimelineSummaryOptions {
  /** Function names to summarise after the account; every function of the timeline when absent. */
  readonly functionNames?: ReadonlyArray<string>;
  /**
   * The most characters a sparkline takes (default 60). Longer timelines are folded: each
   * character shows the peak of several consecutive buckets.
   */
  readonly sparklineWidth?: number;
}

const BARS = '▁▂▃▄▅▆▇█';
const DEFAULT_SPARKLINE_WIDTH = 60;

/** How many buckets one sparkline character shows so that the line fits in `width`. */
const bucketsPerChar = (buckets: number, width: number): number =>
  Math.max(1, Math.ceil(buckets / Math.max(1, Math.floor(width))));

/**
 * A sparkline of the values, one character per group of buckets (the group's peak, as
 * concurrency is a peak gauge). Zero is the lowest bar and any non-zero value is at least the
 * second, so a single execution is never hidden; the series' peak is the full bar.
 */
function sparkline(values: ReadonlyArray<number>, width: number): string {
  const perChar = bucketsPerChar(values.length, width);
  const peaks: number[] = [];
  for (let i = 0; i < values.length; i += perChar) {
    peaks.push(Math.max(...values.slice(i, i + perChar)));
  }
  const top = Math.max(0, ...peaks);
  return peaks
    .map((v) => {
      if (v <= 0 || top <= 0) return BARS.charAt(0);
      return BARS.charAt(Math.max(1, Math.round((v / top) * (BARS.length - 1))));
    })
    .join('');
}

/** One line of a block: a label, a right-aligned value, and an optional note after it. */
interface Line {
  readonly label: string;
  readonly value: string;
  readonly note?: string;
}

const sum = (points: ReadonlyArray<TimelinePoint>, pick: (p: TimelinePoint) => number): number =>
  points.reduce((total, p) => total + pick(p), 0);

/** The lines of one dimension value (the account or a function). */
function blockLines(
  points: ReadonlyArray<TimelinePoint>,
  finalCostUsd: string | undefined,
): ReadonlyArray<Line> {
  const lines: Line[] = [
    { label: 'Invocations', value: String(sum(points, (p) => p.Invocations)) },
    { label: 'Errors', value: String(sum(points, (p) => p.Errors)) },
    { label: 'Throttles', value: String(sum(points, (p) => p.Throttles)) },
  ];
  const byReason = new Map<string, number>();
  for (const p of points) {
    for (const [reason, count] of Object.entries(p.ThrottlesByReason)) {
      byReason.set(reason, (byReason.get(reason) ?? 0) + count);
    }
  }
  for (const [reason, count] of [...byReason].sort((a, b) => compareThrottleReasons(a[0], b[0]))) {
    if (count > 0) lines.push({ label: `  ${reason}`, value: String(count) });
  }
  lines.push({ label: 'Cold starts', value: String(sum(points, (p) => p.ColdStarts)) });

  // The first bucket that reached the peak: when the limit was first hit, not when it last was.
  let peak: TimelinePoint | undefined;
  for (const p of points) {
    if (peak === undefined || p.ConcurrentExecutions > peak.ConcurrentExecutions) peak = p;
  }
  lines.push(
    peak === undefined || peak.ConcurrentExecutions === 0
      ? { label: 'Peak concurrency', value: '0' }
      : {
          label: 'Peak concurrency',
          value: String(peak.ConcurrentExecutions),
          note: `at ${isoTimestamp(peak.startMs)}`,
        },
  );
  const utilisations = points.flatMap((p) =>
    p.ProvisionedConcurrencyUtilization === null ? [] : [p.ProvisionedConcurrencyUtilization],
  );
  lines.push({
    label: 'PC utilisation peak',
    // '-' when no provisioned concurrency was ever allocated: 0% would claim there was some.
    value:
      utilisations.length === 0
        ? '-'
        : `${(utilisations.reduce((a, b) => Math.max(a, b)) * 100).toFixed(1)}%`,
  });
  lines.push(
    { label: 'Async events received', value: String(sum(points, (p) => p.AsyncEventsReceived)) },
    { label: 'Async events dropped', value: String(sum(points, (p) => p.AsyncEventsDropped)) },
    { label: 'Async retries', value: String(sum(points, (p) => p.AsyncRetries)) },
    { label: 'Dead-letter messages', value: String(sum(points, (p) => p.DeadLetterMessages)) },
    {
      label: 'Destination deliveries',
      value: String(sum(points, (p) => p.DestinationDeliveries)),
    },
  );
  // The decimal string as the model computed it: exact, never in exponent notation.
  if (finalCostUsd !== undefined) {
    // Rounded to cents for reading, with the exact amount beside it (spec pricing §3.6).
    const exactCost = parseDecimalString(finalCostUsd);
    lines.push({
      label: 'Cost (USD)',
      value: exactCost === undefined ? finalCostUsd : `${formatUsd(exactCost)} (${finalCostUsd})`,
    });
  }
  return lines;
}

/**
 * A plain-text summary of a timeline for a terminal: for the account and each function, the
 * totals of invocations, errors, throttles (by reason), cold starts and async outcomes, the peak
 * concurrency and when it was first reached (ISO 8601, UTC), the peak provisioned-concurrency
 * utilisation, the final cost when the timeline was priced, and a sparkline of concurrency per
 * bucket — what a person wants to see first after a simulation run, without a notebook.
 *
 * Values are right-aligned in one column across the whole summary; lines end with `\n`.
 *
 * @example `const text = timelineSummary(timeline, { functionNames: ['checkout'] });`
 */
export function timelineSummary(timeline: Timeline, options: TimelineSummaryOptions = {}): string {
  const width = options.sparklineWidth ?? DEFAULT_SPARKLINE_WIDTH;
  const finalCost = timeline.account.reduce<string | undefined>(
    (last, p) => p.CostUsd ?? last,
    undefined,
  );
  const names = (options.functionNames ?? Object.keys(timeline.byFunction).sort()).filter(
    (name) => timeline.byFunction[name] !== undefined,
  );
  const blocks: ReadonlyArray<{
    readonly title: string;
    readonly points: ReadonlyArray<TimelinePoint>;
    readonly lines: ReadonlyArray<Line>;
  }> = [
    { title: 'account', points: timeline.account, lines: blockLines(timeline.account, finalCost) },
    ...names.map((name) => {
      const points = timeline.byFunction[name] ?? [];
      return { title: `function ${name}`, points, lines: blockLines(points, undefined) };
    }),
  ];
  const all = blocks.flatMap((b) => b.lines);
  const labelWidth = Math.max('Concurrency'.length, ...all.map((l) => l.label.length));
  const valueWidth = Math.max(...all.map((l) => l.value.length));
  const buckets = timeline.account.length;
  const out: string[] = [
    `Timeline ${isoTimestamp(timeline.startMs)} to ${isoTimestamp(timeline.endMs)}: ${buckets} bucket${buckets === 1 ? '' : 's'} of ${timeline.resolutionMs} ms`,
  ];
  for (const block of blocks) {
    out.push('', block.title);
    for (const line of block.lines) {
      const text = `  ${line.label.padEnd(labelWidth)}  ${line.value.padStart(valueWidth)}`;
      out.push(line.note === undefined ? text : `${text}  ${line.note}`);
    }
    const concurrency = block.points.map((p) => p.ConcurrentExecutions);
    const perChar = bucketsPerChar(concurrency.length, width);
    const line = `  ${'Concurrency'.padEnd(labelWidth)}  ${sparkline(concurrency, width)}`;
    // Say when a character stands for several buckets, or the line would read as finer than it is.
    out.push(perChar === 1 ? line : `${line}  (1 char = ${perChar} buckets, peak of each)`);
  }
  return `${out.join('\n')}\n`;
}
