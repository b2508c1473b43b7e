/**
 * The simulation's draws: the seeded stream, each distribution and each arrival process. Every
 * statistical expectation comes from the distribution's definition, and every tolerance is five
 * standard errors of the estimate (a fixed seed makes each check reproducible; five standard
 * errors keeps a correct implementation far from the edge while catching a wrong formula).
 */
import { describe, expect, it } from 'vitest';
import {
  arrivalCursor,
  drawStream,
  nextArrival,
  nextDraw,
  sample,
  type ArrivalProcess,
  type Distribution,
  type DrawStream,
} from '../../src/simulation/sampling.js';

const N = 20_000;
const TOLERANCE = 5; // standard errors

// ---------------------------------------------------------------------------------------------
// Statistics, from the definitions.

const meanOf = (xs: ReadonlyArray<number>): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The unbiased sample variance. */
function varianceOf(xs: ReadonlyArray<number>): number {
  const m = meanOf(xs);
  return xs.reduce((acc, x) => acc + (x - m) ** 2, 0) / (xs.length - 1);
}

function medianOf(xs: ReadonlyArray<number>): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const upper = sorted[mid] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[mid - 1] ?? Number.NaN) + upper) / 2;
}

/**
 * The standard error of a sample median: 1 / (2 f(m) √n), where f(m) is the density at the
 * true median m.
 */
const medianStandardError = (densityAtMedian: number, n: number): number =>
  1 / (2 * densityAtMedian * Math.sqrt(n));

/** erf by Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7). */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const z = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return sign * (1 - poly * Math.exp(-z * z));
}

/** Φ, the standard normal CDF. */
const normalCdf = (z: number): number => 0.5 * (1 + erf(z / Math.SQRT2));

/** φ, the standard normal density. */
const normalDensity = (z: number): number => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

/** Asserts |actual − expected| ≤ TOLERANCE standard errors. */
function expectWithin(actual: number, expected: number, standardError: number): void {
  expect(standardError).toBeGreaterThan(0);
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOLERANCE * standardError);
}

// ---------------------------------------------------------------------------------------------
// Drivers.

function drawsFrom(seed: number, count: number): number[] {
  const stream = drawStream(seed);
  return Array.from({ length: count }, () => nextDraw(stream));
}

function samplesOf(distribution: Distribution, seed: number, count = N): number[] {
  const stream = drawStream(seed);
  return Array.from({ length: count }, () => sample(distribution, stream));
}

/** Every arrival of `process` in a scenario `durationMs` long, in the order produced. */
function arrivalsOf(process: ArrivalProcess, durationMs: number, seed = 7): number[] {
  const cursor = arrivalCursor(process, durationMs);
  const stream = drawStream(seed);
  const times: number[] = [];
  for (let t = nextArrival(cursor, stream); t !== Number.POSITIVE_INFINITY;) {
    times.push(t);
    // A guard against a process that never ends: no test here expects a million arrivals.
    if (times.length > 1_000_000) return expect.fail('the arrival process did not end');
    t = nextArrival(cursor, stream);
  }
  return times;
}

const gapsOf = (times: ReadonlyArray<number>): number[] =>
  times.slice(1).map((t, i) => t - (times[i] ?? Number.NaN));

const countIn = (times: ReadonlyArray<number>, fromMs: number, untilMs: number): number =>
  times.filter((t) => t >= fromMs && t < untilMs).length;

/** A Poisson count over a window: mean = rate × seconds, standard deviation = √mean. */
function expectPoissonCount(count: number, ratePerSecond: number, spanMs: number): void {
  const mean = (ratePerSecond * spanMs) / 1_000;
  expectWithin(count, mean, Math.sqrt(mean));
}

function expectIncreasing(times: ReadonlyArray<number>): void {
  expect(gapsOf(times).filter((gap) => !(gap >= 0))).toEqual([]);
}

// ---------------------------------------------------------------------------------------------

describe('nextDraw', () => {
  it('given one seed, when two streams draw, then they give the same sequence', () => {
    expect(drawsFrom(42, 1_000)).toEqual(drawsFrom(42, 1_000));
  });

  it('given a seed, when drawing 100,000 times, then every draw is in [0, 1)', () => {
    const draws = drawsFrom(123_456, 100_000);
    expect(draws.filter((d) => !(d >= 0 && d < 1))).toEqual([]);
  });

  it('given two different seeds, when drawing, then the sequences differ', () => {
    const a = drawsFrom(1, 10);
    const b = drawsFrom(2, 10);
    expect(a).not.toEqual(b);
    // Not merely shifted: no draw of one appears among the first draws of the other.
    expect(a.filter((x) => b.includes(x))).toEqual([]);
  });

  it('given a stream, when drawing, then it advances (successive draws differ)', () => {
    const draws = drawsFrom(9, 1_000);
    expect(new Set(draws).size).toBe(draws.length);
  });

  it('given seeds equal mod 2³², when drawing, then they give the same sequence', () => {
    expect(drawsFrom(2 ** 32 + 5, 20)).toEqual(drawsFrom(5, 20));
  });

  it('given 20,000 draws, then their mean and variance are those of U(0, 1): 1/2 and 1/12', () => {
    const draws = drawsFrom(77, N);
    expectWithin(meanOf(draws), 0.5, Math.sqrt(1 / 12 / N));
    // Var(s²) ≈ (μ₄ − σ⁴) / n, with μ₄ = 1/80 and σ⁴ = 1/144 for U(0, 1).
    expectWithin(varianceOf(draws), 1 / 12, Math.sqrt((1 / 80 - 1 / 144) / N));
  });
});

describe('sample', () => {
  describe('constant', () => {
    it('given a constant, when sampled, then it returns the value every time', () => {
      expect(new Set(samplesOf({ kind: 'constant', value: 250 }, 1, 100))).toEqual(new Set([250]));
    });

    it('given a negative constant, when sampled, then it counts as zero', () => {
      expect(sample({ kind: 'constant', value: -3 }, drawStream(1))).toBe(0);
    });
  });

  describe('uniform', () => {
    const min = 10;
    const max = 50;
    const draws = samplesOf({ kind: 'uniform', min, max }, 101);
    const width = max - min;

    it('given U(10, 50), when sampled 20,000 times, then every draw is in [min, max]', () => {
      expect(draws.filter((x) => x < min || x > max)).toEqual([]);
    });

    it('given U(10, 50), then the draws reach both ends of the range', () => {
      // P(no draw in the lowest 0.1% of the range) = 0.999ⁿ ≈ e⁻²⁰ for n = 20,000.
      expect(Math.min(...draws)).toBeLessThan(min + width / 1_000);
      expect(Math.max(...draws)).toBeGreaterThan(max - width / 1_000);
    });

    it('given U(10, 50), then the sample mean is (min + max) / 2', () => {
      expectWithin(meanOf(draws), (min + max) / 2, width / Math.sqrt(12) / Math.sqrt(N));
    });

    it('given U(10, 50), then the sample variance is (max − min)² / 12', () => {
      // μ₄ = w⁴/80 and σ⁴ = w⁴/144 for a uniform of width w.
      const se = Math.sqrt((width ** 4 / 80 - width ** 4 / 144) / N);
      expectWithin(varianceOf(draws), width ** 2 / 12, se);
    });

    it('given U(10, 50), then the sample median is (min + max) / 2', () => {
      expectWithin(medianOf(draws), (min + max) / 2, medianStandardError(1 / width, N));
    });

    it('given min = max, then every draw is that value', () => {
      expect(new Set(samplesOf({ kind: 'uniform', min: 7, max: 7 }, 3, 100))).toEqual(new Set([7]));
    });
  });

  describe('exponential', () => {
    const mean = 200;
    const draws = samplesOf({ kind: 'exponential', mean }, 202);

    it('given Exp(mean 200), when sampled, then no draw is negative', () => {
      expect(draws.filter((x) => !(x >= 0) || !Number.isFinite(x))).toEqual([]);
    });

    it('given Exp(mean 200), then the sample mean is 200 (standard deviation = mean)', () => {
      expectWithin(meanOf(draws), mean, mean / Math.sqrt(N));
    });

    it('given Exp(mean 200), then the sample median is mean × ln 2', () => {
      // The density at the median is (1/mean) · e^(−ln 2) = 1 / (2 · mean).
      expectWithin(medianOf(draws), mean * Math.LN2, medianStandardError(1 / (2 * mean), N));
    });

    it('given Exp(mean 200), then P(X > mean) = 1/e', () => {
      const p = Math.exp(-1);
      const share = draws.filter((x) => x > mean).length / N;
      expectWithin(share, p, Math.sqrt((p * (1 - p)) / N));
    });
  });

  describe('normal', () => {
    const mean = 100;
    const sd = 15;
    // With mean / sd ≈ 6.7 the clamp at zero is never reached (P ≈ 1e-11), so this is N(100, 15²).
    const draws = samplesOf({ kind: 'normal', mean, standardDeviation: sd }, 303);

    it('given N(100, 15²), then the sample mean is 100', () => {
      expectWithin(meanOf(draws), mean, sd / Math.sqrt(N));
    });

    it('given N(100, 15²), then the sample standard deviation is 15', () => {
      // SE of the sample standard deviation of a normal ≈ σ / √(2n).
      expectWithin(Math.sqrt(varianceOf(draws)), sd, sd / Math.sqrt(2 * N));
    });

    it('given N(100, 15²), then the sample median is the mean', () => {
      expectWithin(medianOf(draws), mean, medianStandardError(normalDensity(0) / sd, N));
    });

    it('given N(100, 15²), then about 68.27% of draws lie within one standard deviation', () => {
      const p = normalCdf(1) - normalCdf(-1);
      const share = draws.filter((x) => Math.abs(x - mean) < sd).length / N;
      expectWithin(share, p, Math.sqrt((p * (1 - p)) / N));
    });

    it('given a standard deviation of 0, then every draw is the mean', () => {
      expect(
        new Set(samplesOf({ kind: 'normal', mean: 40, standardDeviation: 0 }, 5, 100)),
      ).toEqual(new Set([40]));
    });

    describe('given N(1, 5²), whose left tail is mostly below zero', () => {
      const mu = 1;
      const sigma = 5;
      const clamped = samplesOf({ kind: 'normal', mean: mu, standardDeviation: sigma }, 404);

      it('then no draw is negative', () => {
        expect(clamped.filter((x) => x < 0 || Object.is(x, -0))).toEqual([]);
      });

      it('then the share of zeros is Φ(−μ/σ): the left tail is clamped to zero', () => {
        const p = normalCdf(-mu / sigma);
        const share = clamped.filter((x) => x === 0).length / N;
        expect(share).toBeGreaterThan(0);
        expectWithin(share, p, Math.sqrt((p * (1 - p)) / N));
      });

      it('then the sample mean is that of max(0, X): μΦ(μ/σ) + σφ(μ/σ)', () => {
        // Clamping (not reflecting or redrawing) gives E[max(0, X)]; the standard error uses
        // E[max(0, X)²] = (μ² + σ²)Φ(μ/σ) + μσφ(μ/σ).
        const z = mu / sigma;
        const first = mu * normalCdf(z) + sigma * normalDensity(z);
        const second = (mu ** 2 + sigma ** 2) * normalCdf(z) + mu * sigma * normalDensity(z);
        expectWithin(meanOf(clamped), first, Math.sqrt((second - first ** 2) / N));
      });
    });
  });

  describe('lognormal', () => {
    const median = 100;
    const sigma = 0.5;
    const draws = samplesOf({ kind: 'lognormal', median, sigma }, 505);

    it('given LogN(median 100, σ 0.5), then every draw is positive', () => {
      expect(draws.filter((x) => !(x > 0) || !Number.isFinite(x))).toEqual([]);
    });

    it('given LogN(median 100, σ 0.5), then the sample median is 100', () => {
      // The density at the median m is 1 / (m σ √(2π)).
      const density = 1 / (median * sigma * Math.sqrt(2 * Math.PI));
      expectWithin(medianOf(draws), median, medianStandardError(density, N));
    });

    it('given LogN(median 100, σ 0.5), then the sample mean is median · e^(σ²/2)', () => {
      const expected = median * Math.exp(sigma ** 2 / 2);
      const variance = (Math.exp(sigma ** 2) - 1) * median ** 2 * Math.exp(sigma ** 2);
      expectWithin(meanOf(draws), expected, Math.sqrt(variance / N));
    });

    it('given LogN(median 100, σ 0.5), then ln of the draws has mean ln(median) and sd σ', () => {
      const logs = draws.map(Math.log);
      expectWithin(meanOf(logs), Math.log(median), sigma / Math.sqrt(N));
      expectWithin(Math.sqrt(varianceOf(logs)), sigma, sigma / Math.sqrt(2 * N));
    });

    it('given σ = 0, then every draw is the median', () => {
      expect(new Set(samplesOf({ kind: 'lognormal', median: 30, sigma: 0 }, 6, 100))).toEqual(
        new Set([30]),
      );
    });
  });

  it('given one seed, when any distribution is sampled twice, then the draws repeat', () => {
    const distributions: Distribution[] = [
      { kind: 'uniform', min: 0, max: 1 },
      { kind: 'exponential', mean: 3 },
      { kind: 'normal', mean: 5, standardDeviation: 2 },
      { kind: 'lognormal', median: 5, sigma: 1 },
    ];
    for (const d of distributions) expect(samplesOf(d, 11, 200)).toEqual(samplesOf(d, 11, 200));
  });
});

describe('arrivals', () => {
  describe('poisson', () => {
    const rate = 50;
    const durationMs = 600_000;
    const times = arrivalsOf({ kind: 'poisson', ratePerSecond: rate }, durationMs);

    it('given 50/s over 10 minutes, then the count is within 5σ of rate × duration (σ = √mean)', () => {
      expectPoissonCount(times.length, rate, durationMs);
    });

    it('given 50/s, then arrivals increase and lie in [0, durationMs)', () => {
      expectIncreasing(times);
      expect(times.filter((t) => t < 0 || t >= durationMs)).toEqual([]);
    });

    it('given 50/s, then the mean gap is 1 / rate (exponential gaps: sd = mean)', () => {
      const gapMs = 1_000 / rate;
      const gaps = gapsOf(times);
      expectWithin(meanOf(gaps), gapMs, gapMs / Math.sqrt(gaps.length));
    });

    it('given 50/s, then a share 1/e of the gaps are longer than 1 / rate', () => {
      const gaps = gapsOf(times);
      const p = Math.exp(-1);
      const share = gaps.filter((g) => g > 1_000 / rate).length / gaps.length;
      expectWithin(share, p, Math.sqrt((p * (1 - p)) / gaps.length));
    });

    it('given a window [fromMs, untilMs), then every arrival is inside it and the count fits its length', () => {
      const fromMs = 100_000;
      const untilMs = 400_000;
      const windowed = arrivalsOf(
        { kind: 'poisson', ratePerSecond: 20, fromMs, untilMs },
        durationMs,
      );
      expect(windowed.filter((t) => t < fromMs || t >= untilMs)).toEqual([]);
      expectPoissonCount(windowed.length, 20, untilMs - fromMs);
    });

    it('given untilMs past the scenario, then arrivals stop at durationMs', () => {
      const cut = arrivalsOf({ kind: 'poisson', ratePerSecond: 20, untilMs: 900_000 }, 300_000);
      expect(cut.filter((t) => t >= 300_000)).toEqual([]);
      expectPoissonCount(cut.length, 20, 300_000);
    });

    it('given one seed, then the arrival times repeat; given another, they differ', () => {
      const process: ArrivalProcess = { kind: 'poisson', ratePerSecond: 5 };
      expect(arrivalsOf(process, 60_000, 3)).toEqual(arrivalsOf(process, 60_000, 3));
      expect(arrivalsOf(process, 60_000, 3)).not.toEqual(arrivalsOf(process, 60_000, 4));
    });

    it('given a rate of 0, then there are no arrivals', () => {
      expect(arrivalsOf({ kind: 'poisson', ratePerSecond: 0 }, 60_000)).toEqual([]);
    });
  });

  describe('constant', () => {
    // 4/s: a gap of 250 ms, exact in binary, so the times can be compared exactly.
    const rate = 4;
    const gapMs = 1_000 / rate;
    const fromMs = 1_000;
    const untilMs = 11_000;
    const times = arrivalsOf({ kind: 'constant', ratePerSecond: rate, fromMs, untilMs }, 60_000);

    it('given 4/s from 1,000 ms, then the first arrival is exactly at fromMs', () => {
      expect(times[0]).toBe(fromMs);
    });

    it('given 4/s, then every gap is exactly 1000 / rate', () => {
      expect(new Set(gapsOf(times))).toEqual(new Set([gapMs]));
    });

    it('given [1,000, 11,000), then none is at or past untilMs and the count is span × rate', () => {
      // The last would-be arrival falls exactly on untilMs (1,000 + 40 × 250) and is excluded.
      expect(times.filter((t) => t >= untilMs)).toEqual([]);
      expect(times).toHaveLength(((untilMs - fromMs) * rate) / 1_000);
      expect(times.at(-1)).toBe(untilMs - gapMs);
    });

    it('given no window, then arrivals run from 0 to before durationMs', () => {
      const whole = arrivalsOf({ kind: 'constant', ratePerSecond: 10 }, 5_000);
      expect(whole[0]).toBe(0);
      expect(whole).toHaveLength((5_000 * 10) / 1_000);
      expect(whole.filter((t) => t >= 5_000)).toEqual([]);
    });

    it('given a rate below 1/s, then the gaps are longer than a second', () => {
      // 0.5/s → one every 2,000 ms: 0, 2,000, 4,000 before 5,000.
      expect(arrivalsOf({ kind: 'constant', ratePerSecond: 0.5 }, 5_000)).toEqual([
        0, 2_000, 4_000,
      ]);
    });

    it('given a rate of 0, then there are no arrivals', () => {
      expect(arrivalsOf({ kind: 'constant', ratePerSecond: 0 }, 60_000)).toEqual([]);
    });

    it('does not consume draws: its times are the same with any seed', () => {
      const process: ArrivalProcess = { kind: 'constant', ratePerSecond: 4 };
      expect(arrivalsOf(process, 10_000, 1)).toEqual(arrivalsOf(process, 10_000, 2));
    });
  });

  describe('burst', () => {
    it('given count 8 over 1,000 ms at 5,000 ms, then exactly 8 arrivals, spread / count apart', () => {
      const atMs = 5_000;
      const spreadMs = 1_000;
      const count = 8;
      const times = arrivalsOf({ kind: 'burst', atMs, count, spreadMs }, 60_000);
      expect(times).toHaveLength(count);
      expect(times[0]).toBe(atMs);
      expect(new Set(gapsOf(times))).toEqual(new Set([spreadMs / count]));
      expect(times.filter((t) => t < atMs || t >= atMs + spreadMs)).toEqual([]);
    });

    it('given a spread of 0, then every arrival is at atMs', () => {
      const times = arrivalsOf({ kind: 'burst', atMs: 2_500, count: 30, spreadMs: 0 }, 60_000);
      expect(times).toEqual(new Array<number>(30).fill(2_500));
    });

    it('given no spread, then every arrival is at atMs', () => {
      const times = arrivalsOf({ kind: 'burst', atMs: 700, count: 4 }, 60_000);
      expect(times).toEqual([700, 700, 700, 700]);
    });

    it('given a burst running past the end, then none is at or past durationMs', () => {
      const durationMs = 10_000;
      const atMs = 9_500;
      const spreadMs = 1_000;
      const count = 10;
      const times = arrivalsOf({ kind: 'burst', atMs, count, spreadMs }, durationMs);
      // Arrival i is at atMs + i·spread/count; those before durationMs are i < (end − at)·count/spread.
      expect(times).toHaveLength(Math.ceil(((durationMs - atMs) * count) / spreadMs));
      expect(times.filter((t) => t >= durationMs)).toEqual([]);
    });

    it('given a count of 0, then there are no arrivals', () => {
      expect(arrivalsOf({ kind: 'burst', atMs: 0, count: 0, spreadMs: 100 }, 1_000)).toEqual([]);
    });
  });

  describe('schedule', () => {
    const durationMs = 240_000;
    const steps = [
      { fromMs: 0, ratePerSecond: 20 },
      { fromMs: 60_000, ratePerSecond: 0 },
      { fromMs: 120_000, ratePerSecond: 80 },
    ];
    const times = arrivalsOf({ kind: 'schedule', steps }, durationMs, 21);

    it('given steps of 20/s, 0/s and 80/s, then each step’s count is within 5σ of its rate × span', () => {
      expectPoissonCount(countIn(times, 0, 60_000), 20, 60_000);
      expectPoissonCount(countIn(times, 120_000, durationMs), 80, durationMs - 120_000);
    });

    it('given a step with rate 0, then no arrival falls in its span', () => {
      expect(countIn(times, 60_000, 120_000)).toBe(0);
    });

    it('given the last step, then it runs to durationMs and no further', () => {
      expect(times.filter((t) => t >= durationMs)).toEqual([]);
      expect(times.length).toBe(countIn(times, 0, durationMs));
      expectIncreasing(times);
    });

    it('given steps of equal rate, then the count is that of one Poisson process over the whole', () => {
      const flat = arrivalsOf(
        {
          kind: 'schedule',
          steps: [
            { fromMs: 0, ratePerSecond: 30 },
            { fromMs: 100_000, ratePerSecond: 30 },
            { fromMs: 200_000, ratePerSecond: 30 },
          ],
        },
        300_000,
        8,
      );
      expectPoissonCount(flat.length, 30, 300_000);
    });

    it('given poisson: false, then arrivals are evenly spaced within a step, restarting at each step', () => {
      // 4/s (250 ms) for 10 s, then 10/s (100 ms) for 10 s: exact gaps in binary.
      const even = arrivalsOf(
        {
          kind: 'schedule',
          poisson: false,
          steps: [
            { fromMs: 0, ratePerSecond: 4 },
            { fromMs: 10_000, ratePerSecond: 10 },
          ],
        },
        20_000,
      );
      const first = even.filter((t) => t < 10_000);
      const second = even.filter((t) => t >= 10_000);
      expect(first).toEqual(Array.from({ length: 40 }, (_, i) => i * 250));
      expect(second).toEqual(Array.from({ length: 100 }, (_, i) => 10_000 + i * 100));
    });

    it('given a first step after 0, then nothing arrives before it', () => {
      const late = arrivalsOf(
        { kind: 'schedule', poisson: false, steps: [{ fromMs: 5_000, ratePerSecond: 2 }] },
        8_000,
      );
      expect(late).toEqual([5_000, 5_500, 6_000, 6_500, 7_000, 7_500]);
    });
  });

  describe('when exhausted', () => {
    const processes: ReadonlyArray<[string, ArrivalProcess]> = [
      ['poisson', { kind: 'poisson', ratePerSecond: 10 }],
      ['constant', { kind: 'constant', ratePerSecond: 10 }],
      ['burst', { kind: 'burst', atMs: 100, count: 3, spreadMs: 30 }],
      [
        'schedule',
        {
          kind: 'schedule',
          steps: [
            { fromMs: 0, ratePerSecond: 10 },
            { fromMs: 500, ratePerSecond: 0 },
          ],
        },
      ],
    ];

    it.each(processes)(
      'given a %s process, then it returns Infinity and keeps returning it',
      (_, process) => {
        const cursor = arrivalCursor(process, 1_000);
        const stream: DrawStream = drawStream(5);
        let produced = 0;
        while (nextArrival(cursor, stream) !== Number.POSITIVE_INFINITY) {
          produced += 1;
          if (produced > 10_000) return expect.fail('the arrival process did not end');
        }
        expect(produced).toBeGreaterThan(0);
        for (let i = 0; i < 5; i += 1) {
          expect(nextArrival(cursor, stream)).toBe(Number.POSITIVE_INFINITY);
        }
      },
    );
  });
});

describe('evenly spaced arrivals whose gap is not exact in binary', () => {
  it('gives exactly rate × duration arrivals: no extra one slips in before the end', () => {
    for (const [ratePerSecond, durationMs] of [
      [6, 1_000],
      [9, 1_000],
      [17, 60_000],
      [3, 1_000],
    ] as const) {
      const cursor = arrivalCursor({ kind: 'constant', ratePerSecond }, durationMs);
      const stream = drawStream(1);
      let count = 0;
      while (Number.isFinite(nextArrival(cursor, stream))) count += 1;
      expect(count).toBe((ratePerSecond * durationMs) / 1_000);
    }
  });
});
