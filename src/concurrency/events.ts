/**
 * Facts about reserved concurrency (spec invocation §3.3).
 *
 * @module
 */

/** The function's reservation was set (or replaced) to `reservedConcurrentExecutions`. */
export interface FunctionConcurrencyReserved {
  readonly type: 'FunctionConcurrencyReserved';
  readonly functionName: string;
  readonly atMs: number;
  readonly reservedConcurrentExecutions: number;
}

/** The function's reservation was removed; it draws from the unreserved pool again. */
export interface FunctionConcurrencyReleased {
  readonly type: 'FunctionConcurrencyReleased';
  readonly functionName: string;
  readonly atMs: number;
}

/** The events of the concurrency module. */
export type ConcurrencyEvent = FunctionConcurrencyReserved | FunctionConcurrencyReleased;
