import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drawFrom, seedState } from '../../src/kernel/random.js';

const drawsFrom = (seed: number, count: number): number[] => {
  const values: number[] = [];
  let state = seedState(seed);
  for (let i = 0; i < count; i += 1) {
    const draw = drawFrom(state);
    values.push(draw.value);
    state = draw.nextState;
  }
  return values;
};

describe('the routing PRNG (DESIGN §1: randomness lives in the state)', () => {
  it('is a function of its state: the same seed gives the same draws, in [0, 1)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        const first = drawsFrom(seed, 20);
        expect(drawsFrom(seed, 20)).toEqual(first);
        for (const value of first) expect(value >= 0 && value < 1).toBe(true);
      }),
    );
  });

  it('different seeds give different sequences', () => {
    expect(drawsFrom(1, 10)).not.toEqual(drawsFrom(2, 10));
  });

  it('is close to uniform: each tenth of [0, 1) gets 10% ± 1% of 100,000 draws', () => {
    const buckets = new Array<number>(10).fill(0);
    for (const value of drawsFrom(20_261_123, 100_000)) {
      const bucket = Math.floor(value * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(1_000);
  });

  it('keeps its state a 32-bit unsigned integer, so it survives a JSON round trip', () => {
    const { nextState } = drawFrom(seedState(-1));
    expect(Number.isInteger(nextState) && nextState >= 0 && nextState < 2 ** 32).toBe(true);
    expect(JSON.parse(JSON.stringify(nextState))).toBe(nextState);
  });
});
