/**
 * The only `throw` in the library: impossible states, which are bugs in lambda-twin itself.
 * Bad input is never thrown; it comes back as an AWS error in a `Left`.
 *
 * @module
 */

/**
 * Fails loudly when a state the model guarantees cannot happen does happen.
 *
 * @param condition - what must hold.
 * @param message - what broke, for the bug report.
 */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) {
    throw new Error(`lambda-twin invariant violated: ${message}`);
  }
}

/**
 * Marks the end of an exhaustive switch over a union; the compiler proves it unreachable.
 *
 * @param value - the value that no case matched.
 */
export function unreachable(value: never): never {
  throw new Error(`lambda-twin reached an impossible case: ${JSON.stringify(value)}`);
}

/**
 * Returns a value the model guarantees is there (an event always names an existing function);
 * its absence is a bug, not bad input.
 */
export function present<T>(value: T | undefined, what: string): T {
  invariant(value !== undefined, `${what} is missing`);
  return value;
}
