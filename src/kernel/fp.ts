/**
 * The one place where fp-ts is imported. fp-ts ships no `exports` map, so its modules are named
 * by their `lib/*.js` paths, which Node's ESM loader resolves without guessing.
 *
 * @module
 */
export type { Either, Left, Right } from 'fp-ts/lib/Either.js';
export { isLeft, isRight, left, right } from 'fp-ts/lib/Either.js';
