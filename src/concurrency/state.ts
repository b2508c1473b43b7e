/**
 * The concurrency slice: reservations, provisioned-concurrency configs, the on-demand
 * invocations in flight and each function's recent environment starts — everything admission counts
 * (spec invocation §3). Account-wide sums are kept as running totals, so that admitting one
 * invocation costs the same with one function or thousands (DESIGN §4).
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import {
  dueEntries,
  emptyDueQueue,
  countDueAfter,
  dropDueBy,
  enqueueDue,
  headDueMs,
  removeDue,
  type DueQueue,
} from '../kernel/due-queue.js';
import {
  emptyDictionary,
  emptyShardedDictionary,
  entryOf,
  putEntry,
  removeEntry,
  type Dictionary,
  type ShardedDictionary,
} from '../kernel/dictionary.js';
import type { Draft, EventHandlers } from '../kernel/evolve.js';
import type { LambdaSettings } from '../kernel/settings.js';
import type { AliasesEvent } from '../aliases/events.js';
import type { FunctionsEvent } from '../functions/events.js';
import type { InvocationEvent } from '../invocation/events.js';
import type { VersionsEvent } from '../versions/events.js';
import type { ConcurrencyEvent } from './events.js';

/** `Status` of a provisioned-concurrency config. `FAILED` needs an init failure, not modelled. */
export type ProvisionedConcurrencyStatus = 'IN_PROGRESS' | 'READY';

/** One provisioned-concurrency config, on a version or on an alias. */
export interface ProvisionedConcurrencyConfig {
  readonly qualifier: string;
  /** The version it provisions (an alias's current version). */
  readonly version: string;
  readonly requested: number;
  /** Equal to `requested` once `READY`; 0 before (nothing serves until all is allocated). */
  readonly allocated: number;
  readonly status: ProvisionedConcurrencyStatus;
  readonly lastModifiedMs: number;
  /** The allocation's place in the due queue while `IN_PROGRESS`. */
  readonly allocationTicket?: number;
}

/** An allocation waiting for the clock. */
export interface PendingAllocation {
  readonly dueMs: number;
  readonly functionName: string;
  readonly qualifier: string;
}

/**
 * One environment started for the scaling rate: it counts against the function's rate until
 * `dueMs`, one window after it started (spec invocation §3.5).
 */
export interface ScalingEntry {
  readonly dueMs: number;
}

/**
 * What admission counts of one function: its reservation and its invocations in flight, in one
 * record, so that an admission, a start and an end each find them with one lookup.
 */
export interface FunctionCounts {
  /** `ReservedConcurrentExecutions`, or `null` when the function has no reservation. */
  readonly reserved: number | null;
  /** On-demand invocations in flight (provisioned ones are not counted here). */
  readonly onDemand: number;
  /** Provisioned invocations in flight, those of retiring environments included. */
  readonly provisioned: number;
}

/** The concurrency slice of the model state. */
export interface ConcurrencyState {
  /**
   * Each function's reservation and invocations in flight. A function with no reservation and
   * nothing in flight has no entry.
   */
  readonly countsByFunction: ShardedDictionary<FunctionCounts>;
  /** The sum of every reservation. */
  readonly totalReserved: number;
  /** Provisioned-concurrency configs by function, then by qualifier. */
  readonly provisionedByFunction: ShardedDictionary<Dictionary<ProvisionedConcurrencyConfig>>;
  /** Σ requested provisioned concurrency of functions without a reservation (spec §3.2). */
  readonly provisionedWithoutReservation: number;
  /** Allocations waiting for the clock, in due order (one delay setting). */
  readonly allocations: DueQueue<PendingAllocation>;
  /** Σ on-demand in flight of functions without a reservation: the unreserved pool's use. */
  readonly inflightOnDemandWithoutReservation: number;
  /** Every invocation in flight, provisioned included: never above the account limit. */
  readonly inflightTotal: number;
  /**
   * The environments each function started within the last scaling window, oldest first: a
   * sliding window, so no window of `scalingWindowMs` ever holds more than the rate, and capacity
   * comes back continuously as starts age out (spec invocation §3.5, §10 invariant 6).
   */
  readonly scalingByFunction: ShardedDictionary<DueQueue<ScalingEntry>>;
}

/** No reservation, no provisioned concurrency, nothing running. */
export function initialConcurrencyState(): ConcurrencyState {
  return {
    countsByFunction: emptyShardedDictionary(),
    totalReserved: 0,
    provisionedByFunction: emptyShardedDictionary(),
    provisionedWithoutReservation: 0,
    allocations: emptyDueQueue(),
    inflightOnDemandWithoutReservation: 0,
    inflightTotal: 0,
    scalingByFunction: emptyShardedDictionary(),
  };
}

/** A function's reservation and invocations in flight, if it has any. */
export function countsOf(
  state: ConcurrencyState,
  functionName: string,
): FunctionCounts | undefined {
  return entryOf(state.countsByFunction, functionName);
}

/** A function's `ReservedConcurrentExecutions`, or `undefined` when it has no reservation. */
export function reservationOf(state: ConcurrencyState, functionName: string): number | undefined {
  return countsOf(state, functionName)?.reserved ?? undefined;
}

/** A function's provisioned-concurrency configs by qualifier, if it has any. */
export function provisionedConfigsOf(
  state: ConcurrencyState,
  functionName: string,
): Dictionary<ProvisionedConcurrencyConfig> | undefined {
  return entryOf(state.provisionedByFunction, functionName);
}

// `for…in`, not `Object.values`: admission reads these on every invoke, and `for…in` over a small
// record builds no array.

/** Σ requested provisioned concurrency of some configs (a function's, over versions and aliases). */
export function requestedTotal(
  configs: Dictionary<ProvisionedConcurrencyConfig> | undefined,
): number {
  let total = 0;
  for (const qualifier in configs) total += configs[qualifier]?.requested ?? 0;
  return total;
}

/** The config among `configs` that provisions `version`, directly or through an alias, if any. */
export function configOfVersion(
  configs: Dictionary<ProvisionedConcurrencyConfig> | undefined,
  version: string,
): ProvisionedConcurrencyConfig | undefined {
  for (const qualifier in configs) {
    const config = configs[qualifier];
    if (config?.version === version) return config;
  }
  return undefined;
}

/** Σ requested provisioned concurrency of one function, over its versions and aliases. */
export function provisionedTotal(state: ConcurrencyState, functionName: string): number {
  return requestedTotal(provisionedConfigsOf(state, functionName));
}

/** How many environments the function started within the scaling window ending at `nowMs`. */
export function environmentsStartedWithin(
  state: ConcurrencyState,
  functionName: string,
  nowMs: number,
): number {
  const started = entryOf(state.scalingByFunction, functionName);
  return started === undefined ? 0 : countDueAfter(started, nowMs);
}

/** When the earliest allocation is due; `Infinity` when none waits. */
export function nextAllocationDueMs(state: ConcurrencyState): number {
  return headDueMs(state.allocations);
}

/** The allocations due by `nowMs`. */
export function dueAllocations(state: ConcurrencyState, nowMs: number): PendingAllocation[] {
  return dueEntries(state.allocations, nowMs);
}

type Root = { readonly concurrency: ConcurrencyState; readonly settings: LambdaSettings };

/** A function's counts, created empty if it has none (in a recipe: the draft of them). */
function countsFor(draft: Draft<ConcurrencyState>, functionName: string): Draft<FunctionCounts> {
  const counts = entryOf(draft.countsByFunction, functionName);
  if (counts !== undefined) return counts;
  const created: FunctionCounts = { reserved: null, onDemand: 0, provisioned: 0 };
  putEntry(draft.countsByFunction, functionName, created);
  // Read back: inside an Immer recipe, the draft of what was just put.
  return present(entryOf(draft.countsByFunction, functionName), functionName);
}

/** Drops a function's counts once they hold nothing, as if it never had any. */
function dropIfEmpty(
  draft: Draft<ConcurrencyState>,
  functionName: string,
  counts: FunctionCounts,
): void {
  if (counts.reserved === null && counts.onDemand === 0 && counts.provisioned === 0) {
    removeEntry(draft.countsByFunction, functionName);
  }
}

function release(draft: Draft<ConcurrencyState>, functionName: string): void {
  const counts = entryOf(draft.countsByFunction, functionName);
  if (counts === undefined || counts.reserved === null) return;
  draft.totalReserved -= counts.reserved;
  counts.reserved = null;
  // Back in the unreserved pool: its provisioned concurrency and its running invocations count
  // against the pool again (spec invocation §3.2).
  draft.provisionedWithoutReservation += provisionedTotal(draft, functionName);
  draft.inflightOnDemandWithoutReservation += counts.onDemand;
  dropIfEmpty(draft, functionName, counts);
}

function requestAllocation(
  draft: Draft<Root>,
  functionName: string,
  config: Draft<ProvisionedConcurrencyConfig>,
  atMs: number,
): void {
  if (config.allocationTicket !== undefined) {
    removeDue(draft.concurrency.allocations, config.allocationTicket);
  }
  config.status = 'IN_PROGRESS';
  config.allocated = 0;
  config.lastModifiedMs = atMs;
  config.allocationTicket = enqueueDue(draft.concurrency.allocations, {
    dueMs: atMs + draft.settings.provisionedConcurrencyAllocationDelayMs,
    functionName,
    qualifier: config.qualifier,
  });
}

function removeConfig(
  draft: Draft<ConcurrencyState>,
  functionName: string,
  qualifier: string,
): void {
  const configs = entryOf(draft.provisionedByFunction, functionName);
  const config = configs?.[qualifier];
  if (configs === undefined || config === undefined) return;
  if (config.allocationTicket !== undefined) removeDue(draft.allocations, config.allocationTicket);
  if (reservationOf(draft, functionName) === undefined) {
    draft.provisionedWithoutReservation -= config.requested;
  }
  // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
  delete configs[qualifier];
}

function removeAllConfigs(draft: Draft<ConcurrencyState>, functionName: string): void {
  for (const qualifier of Object.keys(entryOf(draft.provisionedByFunction, functionName) ?? {})) {
    removeConfig(draft, functionName, qualifier);
  }
  removeEntry(draft.provisionedByFunction, functionName);
}

/** An invocation starts (`delta` 1) or ends (-1): the function's counts and the account's. */
function countInflight(
  draft: Draft<ConcurrencyState>,
  functionName: string,
  provisioned: boolean,
  delta: number,
): void {
  draft.inflightTotal += delta;
  const counts = countsFor(draft, functionName);
  if (provisioned) counts.provisioned += delta;
  else {
    counts.onDemand += delta;
    if (counts.reserved === null) draft.inflightOnDemandWithoutReservation += delta;
  }
  if (delta < 0) dropIfEmpty(draft, functionName, counts);
}

/** How the concurrency slice changes. */
export const concurrencyHandlers: EventHandlers<
  Root,
  FunctionsEvent | VersionsEvent | AliasesEvent | ConcurrencyEvent | InvocationEvent
> = {
  FunctionConcurrencyReserved: (draft, e) => {
    const slice = draft.concurrency;
    release(slice, e.functionName);
    const counts = countsFor(slice, e.functionName);
    counts.reserved = e.reservedConcurrentExecutions;
    slice.totalReserved += e.reservedConcurrentExecutions;
    // Reserved concurrency is the function's own pool: its provisioned concurrency and its
    // running invocations stop counting against the unreserved pool (spec invocation §3.3, §3.4).
    slice.provisionedWithoutReservation -= provisionedTotal(slice, e.functionName);
    slice.inflightOnDemandWithoutReservation -= counts.onDemand;
  },
  FunctionConcurrencyReleased: (draft, e) => {
    release(draft.concurrency, e.functionName);
  },
  // A deleted function's reservation and provisioned concurrency go back to the account.
  FunctionDeleted: (draft, e) => {
    release(draft.concurrency, e.functionName);
    removeAllConfigs(draft.concurrency, e.functionName);
    removeEntry(draft.concurrency.scalingByFunction, e.functionName);
  },
  FunctionVersionDeleted: (draft, e) => {
    removeConfig(draft.concurrency, e.functionName, e.version);
  },
  AliasDeleted: (draft, e) => {
    removeConfig(draft.concurrency, e.functionName, e.aliasName);
  },
  // Moving a provisioned alias deallocates the old version and allocates the new one
  // (spec invocation §3.4).
  AliasUpdated: (draft, e) => {
    const config = entryOf(draft.concurrency.provisionedByFunction, e.functionName)?.[e.aliasName];
    if (config === undefined || config.version === e.functionVersion) return;
    config.version = e.functionVersion;
    requestAllocation(draft, e.functionName, config, e.atMs);
  },
  ProvisionedConcurrencyRequested: (draft, e) => {
    const slice = draft.concurrency;
    removeConfig(slice, e.functionName, e.qualifier);
    let configs = entryOf(slice.provisionedByFunction, e.functionName);
    if (configs === undefined) {
      putEntry(slice.provisionedByFunction, e.functionName, emptyDictionary());
      configs = present(entryOf(slice.provisionedByFunction, e.functionName), e.functionName);
    }
    configs[e.qualifier] = {
      qualifier: e.qualifier,
      version: e.version,
      requested: e.requestedProvisionedConcurrentExecutions,
      allocated: 0,
      status: 'IN_PROGRESS',
      lastModifiedMs: e.atMs,
    };
    if (reservationOf(slice, e.functionName) === undefined) {
      slice.provisionedWithoutReservation += e.requestedProvisionedConcurrentExecutions;
    }
    requestAllocation(draft, e.functionName, present(configs[e.qualifier], e.qualifier), e.atMs);
  },
  ProvisionedConcurrencyAllocated: (draft, e) => {
    const config = present(
      entryOf(draft.concurrency.provisionedByFunction, e.functionName)?.[e.qualifier],
      e.qualifier,
    );
    if (config.allocationTicket !== undefined) {
      removeDue(draft.concurrency.allocations, config.allocationTicket);
      delete config.allocationTicket;
    }
    config.status = 'READY';
    config.allocated = e.allocatedProvisionedConcurrentExecutions;
  },
  ProvisionedConcurrencyRemoved: (draft, e) => {
    removeConfig(draft.concurrency, e.functionName, e.qualifier);
  },
  InvocationStarted: (draft, e) => {
    const slice = draft.concurrency;
    countInflight(slice, e.functionName, e.initializationType !== 'on-demand', 1);
    if (!e.newEnvironment) return;
    // A new environment counts against the function's scaling rate for one window (§3.5).
    let started = entryOf(slice.scalingByFunction, e.functionName);
    if (started === undefined) {
      putEntry(slice.scalingByFunction, e.functionName, emptyDueQueue());
      started = present(entryOf(slice.scalingByFunction, e.functionName), e.functionName);
    }
    dropDueBy(started, e.atMs);
    enqueueDue(started, { dueMs: e.atMs + draft.settings.scalingWindowMs });
  },
  InvocationCompleted: (draft, e) => {
    countInflight(draft.concurrency, e.functionName, e.initializationType !== 'on-demand', -1);
  },
};
