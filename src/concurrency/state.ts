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

/** The concurrency slice of the model state. */
export interface ConcurrencyState {
  /** `ReservedConcurrentExecutions` of each function that has a reservation. */
  readonly reservedByFunction: ShardedDictionary<number>;
  /** The sum of every reservation. */
  readonly totalReserved: number;
  /** Provisioned-concurrency configs by function, then by qualifier. */
  readonly provisionedByFunction: ShardedDictionary<Dictionary<ProvisionedConcurrencyConfig>>;
  /** Σ requested provisioned concurrency of functions without a reservation (spec §3.2). */
  readonly provisionedWithoutReservation: number;
  /** Allocations waiting for the clock, in due order (one delay setting). */
  readonly allocations: DueQueue<PendingAllocation>;
  /** On-demand invocations in flight per function (provisioned ones are not counted here). */
  readonly inflightOnDemandByFunction: ShardedDictionary<number>;
  /** Σ on-demand in flight of functions without a reservation: the unreserved pool's use. */
  readonly inflightOnDemandWithoutReservation: number;
  /** Every invocation in flight, provisioned included: never above the account limit. */
  readonly inflightTotal: number;
  /** Provisioned invocations in flight per function, those of retiring environments included. */
  readonly inflightProvisionedByFunction: ShardedDictionary<number>;
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
    reservedByFunction: emptyShardedDictionary(),
    totalReserved: 0,
    provisionedByFunction: emptyShardedDictionary(),
    provisionedWithoutReservation: 0,
    allocations: emptyDueQueue(),
    inflightOnDemandByFunction: emptyShardedDictionary(),
    inflightOnDemandWithoutReservation: 0,
    inflightTotal: 0,
    inflightProvisionedByFunction: emptyShardedDictionary(),
    scalingByFunction: emptyShardedDictionary(),
  };
}

/** Σ requested provisioned concurrency of one function, over its versions and aliases. */
export function provisionedTotal(state: ConcurrencyState, functionName: string): number {
  let total = 0;
  // `for…in`, not `Object.values`: admission asks this on every invoke of a reserved function.
  const configs = entryOf(state.provisionedByFunction, functionName);
  for (const qualifier in configs) total += configs[qualifier]?.requested ?? 0;
  return total;
}

/** The config that provisions `version`, directly or through an alias, if any. */
export function provisionedConfigOfVersion(
  state: ConcurrencyState,
  functionName: string,
  version: string,
): ProvisionedConcurrencyConfig | undefined {
  const configs = entryOf(state.provisionedByFunction, functionName);
  for (const qualifier in configs) {
    const config = configs[qualifier];
    if (config?.version === version) return config;
  }
  return undefined;
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

const inflightOf = (draft: Draft<ConcurrencyState>, functionName: string): number =>
  entryOf(draft.inflightOnDemandByFunction, functionName) ?? 0;

function release(draft: Draft<ConcurrencyState>, functionName: string): void {
  const reserved = entryOf(draft.reservedByFunction, functionName);
  if (reserved === undefined) return;
  draft.totalReserved -= reserved;
  removeEntry(draft.reservedByFunction, functionName);
  // Back in the unreserved pool: its provisioned concurrency and its running invocations count
  // against the pool again (spec invocation §3.2).
  draft.provisionedWithoutReservation += provisionedTotal(draft, functionName);
  draft.inflightOnDemandWithoutReservation += inflightOf(draft, functionName);
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
  if (entryOf(draft.reservedByFunction, functionName) === undefined) {
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

function countProvisioned(
  draft: Draft<ConcurrencyState>,
  functionName: string,
  delta: number,
): void {
  const inflight = (entryOf(draft.inflightProvisionedByFunction, functionName) ?? 0) + delta;
  if (inflight === 0) removeEntry(draft.inflightProvisionedByFunction, functionName);
  else putEntry(draft.inflightProvisionedByFunction, functionName, inflight);
}

function countStart(draft: Draft<ConcurrencyState>, functionName: string, delta: number): void {
  const inflight = inflightOf(draft, functionName) + delta;
  if (inflight === 0) removeEntry(draft.inflightOnDemandByFunction, functionName);
  else putEntry(draft.inflightOnDemandByFunction, functionName, inflight);
  if (entryOf(draft.reservedByFunction, functionName) === undefined) {
    draft.inflightOnDemandWithoutReservation += delta;
  }
}

/** How the concurrency slice changes. */
export const concurrencyHandlers: EventHandlers<
  Root,
  FunctionsEvent | VersionsEvent | AliasesEvent | ConcurrencyEvent | InvocationEvent
> = {
  FunctionConcurrencyReserved: (draft, e) => {
    const slice = draft.concurrency;
    release(slice, e.functionName);
    putEntry(slice.reservedByFunction, e.functionName, e.reservedConcurrentExecutions);
    slice.totalReserved += e.reservedConcurrentExecutions;
    // Reserved concurrency is the function's own pool: its provisioned concurrency and its
    // running invocations stop counting against the unreserved pool (spec invocation §3.3, §3.4).
    slice.provisionedWithoutReservation -= provisionedTotal(slice, e.functionName);
    slice.inflightOnDemandWithoutReservation -= inflightOf(slice, e.functionName);
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
    if (entryOf(slice.reservedByFunction, e.functionName) === undefined) {
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
    slice.inflightTotal += 1;
    if (e.initializationType === 'on-demand') countStart(slice, e.functionName, 1);
    else countProvisioned(slice, e.functionName, 1);
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
    const slice = draft.concurrency;
    slice.inflightTotal -= 1;
    if (e.initializationType === 'on-demand') countStart(slice, e.functionName, -1);
    else countProvisioned(slice, e.functionName, -1);
  },
};
