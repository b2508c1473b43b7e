/**
 * Measuring tools for benchmarks: wall time of one call, medians, and the heap a result retains
 * (with `--expose-gc`, which `npm run bench` passes; without it the heap figure is omitted as 0).
 */
import { performance } from 'node:perf_hooks';

/** Milliseconds one call takes. */
export function timeMs(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** The median of some samples. */
export function median(samples: ReadonlyArray<number>): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** Runs a full collection when the GC is exposed (`--expose-gc`); otherwise does nothing. */
export function collectGarbage(): void {
  gc?.();
}

/** Bytes of heap the value built by `build` keeps alive (0 when the GC is not exposed). */
export function measureHeapBytes(build: () => unknown): number {
  if (gc === undefined) return 0;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc();
  const after = process.memoryUsage().heapUsed;
  // Keep `kept` alive until after the second measurement.
  return kept === undefined ? 0 : Math.max(0, after - before);
}

/** A ratio rounded to three decimals, as the JSON lines print them. */
export const round3 = (x: number): number => Math.round(x * 1_000) / 1_000;

/**
 * The JSON line of a scaling case: the cost of one event (ns) with the most of something against
 * the fewest, whose ratio must stay within 2 (DESIGN §4).
 */
export function scalingLine(
  bench: string,
  what: string,
  nsPerEventFew: number,
  nsPerEventMany: number,
): Record<string, unknown> {
  return {
    bench,
    case: what,
    nsPerEventFew: Math.round(nsPerEventFew),
    nsPerEventMany: Math.round(nsPerEventMany),
    ratio: round3(nsPerEventMany / nsPerEventFew),
    target: '<= 2',
  };
}

/**
 * One scaling line per path: the cost of an event at the largest size against the smallest, from
 * each path's nanoseconds per event by size (none when only one size was measured).
 */
export function scalingLines(
  bench: string,
  costsByPath: ReadonlyArray<readonly [string, ReadonlyMap<number, number>]>,
  caseOf: (path: string, most: number, fewest: number) => string,
): Array<Record<string, unknown>> {
  const lines: Array<Record<string, unknown>> = [];
  for (const [path, costs] of costsByPath) {
    const sizes = [...costs.keys()];
    const fewest = Math.min(...sizes);
    const most = Math.max(...sizes);
    const few = costs.get(fewest);
    const many = costs.get(most);
    if (few === undefined || many === undefined || fewest === most) continue;
    lines.push(scalingLine(bench, caseOf(path, most, fewest), few, many));
  }
  return lines;
}
