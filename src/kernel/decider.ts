/**
 * The Decider shape (Jérémie Chassaing): a pure `decide` that turns a command into events or an
 * error, and a pure `evolve` that folds one event into the state.
 *
 * @module
 */
import type { Either } from './fp.js';

/**
 * A decider over commands `C`, events `E`, state `S` and errors `Err`.
 *
 * `decide` validates and never mutates; `evolve` applies facts and never validates.
 */
export interface Decider<C, E, S, Err> {
  readonly decide: (command: C, state: S) => Either<Err, ReadonlyArray<E>>;
  readonly evolve: (state: S, event: E) => S;
}
