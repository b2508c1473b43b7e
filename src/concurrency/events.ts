/**
 * Facts about reserved and provisioned concurrency (spec invocation §3.3, §3.4).
 *
 * @module
 */
import type { Architecture } from '../functions/state.js';

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

/**
 * A provisioned-concurrency config was put (new or replacing one) for a version or an alias: it is
 * `IN_PROGRESS` and serves nothing until `readyAtMs`, when the whole request is allocated
 * (spec invocation §3.4).
 */
export interface ProvisionedConcurrencyRequested {
  readonly type: 'ProvisionedConcurrencyRequested';
  readonly functionName: string;
  /** The version number or alias the config was put on. */
  readonly qualifier: string;
  /** The version it provisions: the qualifier itself, or the alias's version. */
  readonly version: string;
  readonly requestedProvisionedConcurrentExecutions: number;
  readonly atMs: number;
  readonly readyAtMs: number;
  /** The provisioned version's memory and architecture: what pricing charges for (§7). */
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
}

/** A config's environments are all initialised: it is `READY` and serves invocations. */
export interface ProvisionedConcurrencyAllocated {
  readonly type: 'ProvisionedConcurrencyAllocated';
  readonly functionName: string;
  readonly qualifier: string;
  readonly version: string;
  readonly allocatedProvisionedConcurrentExecutions: number;
  readonly atMs: number;
  /** The allocated version's memory and architecture (an alias may have moved since the put). */
  readonly memorySizeMb: number;
  readonly architecture: Architecture;
}

/** A config was deleted; its environments go. */
export interface ProvisionedConcurrencyRemoved {
  readonly type: 'ProvisionedConcurrencyRemoved';
  readonly functionName: string;
  readonly qualifier: string;
  readonly atMs: number;
}

/** The events of the concurrency module. */
export type ConcurrencyEvent =
  | FunctionConcurrencyReserved
  | FunctionConcurrencyReleased
  | ProvisionedConcurrencyRequested
  | ProvisionedConcurrencyAllocated
  | ProvisionedConcurrencyRemoved;
