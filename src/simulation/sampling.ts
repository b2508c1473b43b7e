/**
 * The simulation's draws: a seeded Mulberry32 stream (the model's own generator, `kernel/random`),
 * the distributions a behaviour is described with, and the arrival processes that make traffic.
 * Everything here is a pure function of the seed and the order of the draws, so one scenario and
 * one seed give one history.
 *
 * @module
 */
import { drawFrom, seedState } from '../kernel/random.js';

/** A stream of uniform draws in [0, 1), advanced in place by the one simulation that owns it. */
export interface DrawStream {
  state: number;
}

/** A stream starting from `seed`. */
export const drawStream = (seed: number): DrawStream => ({ state: seedState(seed) });

/** The next uniform draw in [0, 1). */
export function nextDraw(stream: DrawStream): number {
  const draw = drawFrom(stream.state);
  stream.state = draw.nextState;
  return draw.value;
}

/**
 * A distribution of a non-negative quantity (a duration in ms, a size in bytes). Draws below zero
 * (a normal's left tail) count as zero.
 */
export type Distribution =
  | { readonly kind: 'constant'; readonly value: number }
  | { readonly kind: 'uniform'; readonly min: number; readonly max: number }
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'normal'; readonly mean: number; readonly standardDeviation: number }
  /** `median` = e^μ, `sigma` = σ of the underlying normal: a long right tail, like real latencies. */
  | { readonly kind: 'lognormal'; readonly median: number; readonly sigma: number };

/** A standard normal draw (Box–Muller; two uniforms). */
function standardNormal(stream: DrawStream): number {
  const u = 1 - nextDraw(stream); // (0, 1]: the logarithm stays finite
  const v = nextDraw(stream);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One draw from `distribution`. */
export function sample(distribution: Distribution, stream: DrawStream): number {
  switch (distribution.kind) {
    case 'constant':
      return Math.max(0, distribution.value);
    case 'uniform':
      return distribution.min + nextDraw(stream) * (distribution.max - distribution.min);
    case 'exponential':
      return -distribution.mean * Math.log(1 - nextDraw(stream));
    case 'normal':
      return Math.max(
        0,
        distribution.mean + distribution.standardDeviation * standardNormal(stream),
      );
    case 'lognormal':
      return distribution.median * Math.exp(distribution.sigma * standardNormal(stream));
  }
}

/**
 * When requests arrive, in ms from the scenario's start. A rate is in requests per second; a
 * window `[fromMs, untilMs)` bounds it (default: the whole scenario).
 */
export type ArrivalProcess =
  /** Independent arrivals at an average rate: exponential gaps of mean 1 / rate. */
  | {
      readonly kind: 'poisson';
      readonly ratePerSecond: number;
      readonly fromMs?: number;
      readonly untilMs?: number;
    }
  /** Evenly spaced arrivals: the first at `fromMs`, then one every 1 / rate. */
  | {
      readonly kind: 'constant';
      readonly ratePerSecond: number;
      readonly fromMs?: number;
      readonly untilMs?: number;
    }
  /** `count` arrivals spread evenly over `spreadMs` from `atMs` (all in one ms when 0). */
  | {
      readonly kind: 'burst';
      readonly atMs: number;
      readonly count: number;
      readonly spreadMs?: number;
    }
  /**
   * A rate that changes over time: each step's rate holds from its `fromMs` to the next step's
   * (the last to the end). Poisson arrivals unless `poisson` is `false`.
   */
  | {
      readonly kind: 'schedule';
      readonly steps: ReadonlyArray<{ readonly fromMs: number; readonly ratePerSecond: number }>;
      readonly poisson?: boolean;
    };

/** A stretch of time with one rate. */
interface Segment {
  readonly fromMs: number;
  readonly untilMs: number;
  readonly ratePerSecond: number;
  readonly poisson: boolean;
}

/** Where an arrival process has got to. */
export interface ArrivalCursor {
  readonly segments: ReadonlyArray<Segment>;
  /** The burst's arrival times, for a burst. */
  readonly times: ReadonlyArray<number>;
  index: number;
  /** The latest arrival (or the current segment's start, before its first arrival). */
  lastMs: number;
  /** Arrivals so far in the current segment. */
  count: number;
}

/** A cursor at the start of `arrivals`, for a scenario `durationMs` long. */
export function arrivalCursor(arrivals: ArrivalProcess, durationMs: number): ArrivalCursor {
  const cursor = (segments: Segment[], times: number[] = []): ArrivalCursor => ({
    segments,
    times,
    index: 0,
    lastMs: segments[0]?.fromMs ?? 0,
    count: 0,
  });
  switch (arrivals.kind) {
    case 'poisson':
    case 'constant':
      return cursor([
        {
          fromMs: arrivals.fromMs ?? 0,
          untilMs: Math.min(arrivals.untilMs ?? durationMs, durationMs),
          ratePerSecond: arrivals.ratePerSecond,
          poisson: arrivals.kind === 'poisson',
        },
      ]);
    case 'burst': {
      const spread = arrivals.spreadMs ?? 0;
      const times = Array.from(
        { length: arrivals.count },
        (_, i) => arrivals.atMs + (spread * i) / arrivals.count,
      ).filter((t) => t < durationMs);
      return cursor([], times);
    }
    case 'schedule':
      return cursor(
        arrivals.steps.map((step, i) => ({
          fromMs: step.fromMs,
          untilMs: Math.min(arrivals.steps[i + 1]?.fromMs ?? durationMs, durationMs),
          ratePerSecond: step.ratePerSecond,
          poisson: arrivals.poisson ?? true,
        })),
      );
  }
}

/**
 * The next arrival (ms from the start, fractional), or `Infinity` when the process has no more.
 * Poisson gaps restart at each segment's start, which is exact for a Poisson process: it has no
 * memory.
 */
export function nextArrival(cursor: ArrivalCursor, stream: DrawStream): number {
  if (cursor.segments.length === 0) {
    const time = cursor.times[cursor.index];
    cursor.index += 1;
    return time ?? Number.POSITIVE_INFINITY;
  }
  for (let segment = cursor.segments[cursor.index]; segment !== undefined;) {
    if (segment.ratePerSecond > 0) {
      // Evenly spaced arrivals are computed from the segment's start, not by adding gaps, so that
      // rounding never lets an extra one in just before the end.
      const candidate = segment.poisson
        ? cursor.lastMs - (1_000 / segment.ratePerSecond) * Math.log(1 - nextDraw(stream))
        : segment.fromMs + (cursor.count * 1_000) / segment.ratePerSecond;
      if (candidate < segment.untilMs) {
        cursor.lastMs = candidate;
        cursor.count += 1;
        return candidate;
      }
    }
    cursor.index += 1;
    segment = cursor.segments[cursor.index];
    if (segment !== undefined) {
      cursor.lastMs = segment.fromMs;
      cursor.count = 0;
    }
  }
  return Number.POSITIVE_INFINITY;
}
