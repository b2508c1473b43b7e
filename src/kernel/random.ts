/**
 * The model's one source of draws: a 32-bit PRNG (Mulberry32) whose whole state is one integer,
 * kept in the model state and recorded on the events that advance it, so replay reproduces every
 * choice without drawing (DESIGN §1). Not for anything but simulation.
 *
 * @module
 */

/** One draw: a uniform number in [0, 1) and the generator's next state. */
export interface Draw {
  readonly value: number;
  readonly nextState: number;
}

/** Draws from the generator in `state` (any 32-bit unsigned integer; seeds are taken mod 2³²). */
export function drawFrom(state: number): Draw {
  const nextState = (state + 0x6d2b79f5) >>> 0;
  let t = nextState;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return { value: ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296, nextState };
}

/** The generator state a seed starts from. */
export const seedState = (seed: number): number => seed >>> 0;
