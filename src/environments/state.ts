/**
 * The execution-environments slice: per function and version, the environments that exist, which
 * are idle, and which must run init again (spec invocation §4). One environment runs one request
 * at a time; an idle one of the same version is reused before a new one starts; provisioned ones
 * are created initialised when their config is allocated; a failure resets an environment; an
 * idle on-demand one is reclaimed after the idle lifetime.
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import {
  dueEntries,
  emptyDueQueue,
  enqueueDue,
  headDueMs,
  removeDue,
  type DueQueue,
} from '../kernel/due-queue.js';
import {
  emptyDictionary,
  emptyShardedDictionary,
  emptyWideDictionary,
  entryOf,
  putEntry,
  putWideEntry,
  removeEntry,
  removeWideEntry,
  wideEntryOf,
  wideValuesOf,
  type Dictionary,
  type ShardedDictionary,
  type WideDictionary,
} from '../kernel/dictionary.js';
import type { Draft, EventHandlers } from '../kernel/evolve.js';
import type { LambdaSettings } from '../kernel/settings.js';
import type { AliasesEvent } from '../aliases/events.js';
import type { ConcurrencyEvent } from '../concurrency/events.js';
import type { FunctionsEvent } from '../functions/events.js';
import type { InitializationType, InvocationEvent } from '../invocation/events.js';
import type { VersionsEvent } from '../versions/events.js';
import type { EnvironmentsEvent } from './events.js';

/** One execution environment. */
export interface ExecutionEnvironment {
  readonly id: string;
  /** `provisioned-concurrency` environments were created by an allocation (spec §3.4). */
  readonly initializationType: InitializationType;
  /**
   * The qualifier whose provisioned-concurrency config created it; `null` for an on-demand one
   * (present either way, so that every environment has one shape in V8).
   */
  readonly provisionedBy: string | null;
  readonly busy: boolean;
  /** Reset after a failed invoke: the next invocation on it runs init again (spec §4). */
  readonly needsInit: boolean;
  /** Its code or its config went away while it was busy: it shuts down when its request ends. */
  readonly retiring: boolean;
  /**
   * The reclaim waiting for it while it is idle (on-demand only), else `null`. Always present:
   * deleting a member would turn the record into a slow dictionary object in V8.
   */
  readonly reclaimTicket: number | null;
}

/** The environments of one function version. */
export interface EnvironmentPool {
  /**
   * Every environment of the version by id, in two levels of shards (a version may have thousands)
   * so that starting or ending one copies a small shard however many run (DESIGN §4).
   */
  readonly environments: WideDictionary<ExecutionEnvironment>;
  /** Idle on-demand environments, most recently idle last: reuse takes the warmest. */
  readonly idleOnDemand: ReadonlyArray<string>;
  /** Idle provisioned environments, most recently idle last. */
  readonly idleProvisioned: ReadonlyArray<string>;
}

/** An idle environment's reclaim, waiting for the clock. */
export interface PendingReclaim {
  readonly dueMs: number;
  readonly functionName: string;
  readonly version: string;
  readonly environmentId: string;
}

/** The environments slice of the model state. */
export interface EnvironmentsState {
  /** Pools by function, then by version. */
  readonly byFunction: ShardedDictionary<Dictionary<EnvironmentPool>>;
  /** The number the next environment's id takes; ids are never reused. */
  readonly nextEnvironmentNumber: number;
  /** Reclaims in due order (one idle-lifetime setting). */
  readonly reclaims: DueQueue<PendingReclaim>;
}

/** No environment anywhere. */
export function initialEnvironmentsState(): EnvironmentsState {
  return {
    byFunction: emptyShardedDictionary(),
    nextEnvironmentNumber: 1,
    reclaims: emptyDueQueue(),
  };
}

/** The pool of one version, if it has one. */
export function poolOf(
  state: EnvironmentsState,
  functionName: string,
  version: string,
): EnvironmentPool | undefined {
  return entryOf(state.byFunction, functionName)?.[version];
}

/** When the earliest reclaim is due; `Infinity` when none waits. */
export function nextReclaimDueMs(state: EnvironmentsState): number {
  return headDueMs(state.reclaims);
}

/** The reclaims due by `nowMs`. */
export function dueReclaims(state: EnvironmentsState, nowMs: number): PendingReclaim[] {
  return dueEntries(state.reclaims, nowMs);
}

type Root = { readonly environments: EnvironmentsState; readonly settings: LambdaSettings };

function poolFor(
  draft: Draft<EnvironmentsState>,
  functionName: string,
  version: string,
): Draft<EnvironmentPool> {
  let pools = entryOf(draft.byFunction, functionName);
  if (pools === undefined) {
    putEntry(draft.byFunction, functionName, emptyDictionary());
    pools = present(entryOf(draft.byFunction, functionName), functionName);
  }
  let pool = pools[version];
  if (pool === undefined) {
    const created: EnvironmentPool = {
      environments: emptyWideDictionary(),
      idleOnDemand: [],
      idleProvisioned: [],
    };
    pools[version] = created as Draft<EnvironmentPool>;
    pool = present(pools[version], version);
  }
  return pool;
}

/**
 * Takes an id out of an idle list in place, keeping the order (warmest last). Searched from the
 * end, because a start takes the warmest, so in the runner a start costs the same however many
 * environments are idle.
 */
function removeIdle(ids: string[], id: string): void {
  const at = ids.lastIndexOf(id);
  // `pop` for the warmest: `splice` would build an array of what it removed.
  if (at === ids.length - 1) ids.pop();
  else if (at >= 0) ids.splice(at, 1);
}

/** Shuts an environment down now if idle, or when its request ends if busy. */
function retire(draft: Draft<EnvironmentsState>, pool: Draft<EnvironmentPool>, id: string): void {
  const environment = present(wideEntryOf(pool.environments, id), id);
  if (environment.busy) {
    environment.retiring = true;
    return;
  }
  if (environment.reclaimTicket !== null) removeDue(draft.reclaims, environment.reclaimTicket);
  removeIdle(pool.idleOnDemand, id);
  removeIdle(pool.idleProvisioned, id);
  removeWideEntry(pool.environments, id);
}

function retireWhere(
  draft: Draft<EnvironmentsState>,
  functionName: string,
  matches: (environment: ExecutionEnvironment, version: string) => boolean,
): void {
  for (const [version, pool] of Object.entries(entryOf(draft.byFunction, functionName) ?? {})) {
    for (const environment of wideValuesOf(pool.environments)) {
      if (matches(environment, version)) retire(draft, pool, environment.id);
    }
  }
}

function dropPools(
  draft: Draft<EnvironmentsState>,
  pools: Readonly<Record<string, Draft<EnvironmentPool>>>,
): void {
  for (const pool of Object.values(pools)) {
    for (const environment of wideValuesOf(pool.environments)) {
      if (environment.reclaimTicket !== null) {
        removeDue(draft.reclaims, environment.reclaimTicket);
      }
    }
  }
}

/** A provisioned config changed or went: the environments it created retire (spec §3.4). */
const retireProvisionedBy = (
  draft: Draft<EnvironmentsState>,
  functionName: string,
  qualifier: string,
): void => {
  retireWhere(draft, functionName, (environment) => environment.provisionedBy === qualifier);
};

/** How the environments slice changes. */
export const environmentsHandlers: EventHandlers<
  Root,
  | FunctionsEvent
  | VersionsEvent
  | AliasesEvent
  | ConcurrencyEvent
  | InvocationEvent
  | EnvironmentsEvent
> = {
  // New code or configuration: `$LATEST`'s on-demand environments no longer match it (§4).
  FunctionCodeUpdated: (draft, e) => {
    retireWhere(
      draft.environments,
      e.functionName,
      (environment, version) =>
        version === '$LATEST' && environment.initializationType === 'on-demand',
    );
  },
  FunctionConfigurationUpdated: (draft, e) => {
    retireWhere(
      draft.environments,
      e.functionName,
      (environment, version) =>
        version === '$LATEST' && environment.initializationType === 'on-demand',
    );
  },
  FunctionDeleted: (draft, e) => {
    dropPools(draft.environments, entryOf(draft.environments.byFunction, e.functionName) ?? {});
    removeEntry(draft.environments.byFunction, e.functionName);
  },
  FunctionVersionDeleted: (draft, e) => {
    const pools = entryOf(draft.environments.byFunction, e.functionName);
    const pool = pools?.[e.version];
    if (pools === undefined || pool === undefined) return;
    dropPools(draft.environments, { [e.version]: pool });
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    delete pools[e.version];
  },
  AliasUpdated: (draft, e) => {
    retireWhere(
      draft.environments,
      e.functionName,
      (environment, version) =>
        environment.provisionedBy === e.aliasName && version !== e.functionVersion,
    );
  },
  AliasDeleted: (draft, e) => {
    retireProvisionedBy(draft.environments, e.functionName, e.aliasName);
  },
  ProvisionedConcurrencyRequested: (draft, e) => {
    retireProvisionedBy(draft.environments, e.functionName, e.qualifier);
  },
  ProvisionedConcurrencyRemoved: (draft, e) => {
    retireProvisionedBy(draft.environments, e.functionName, e.qualifier);
  },
  // Allocation creates every environment initialised at once: none serves before all are ready.
  ProvisionedConcurrencyAllocated: (draft, e) => {
    const slice = draft.environments;
    retireProvisionedBy(slice, e.functionName, e.qualifier);
    const pool = poolFor(slice, e.functionName, e.version);
    const created: string[] = [];
    for (let i = 0; i < e.allocatedProvisionedConcurrentExecutions; i += 1) {
      const id = String(slice.nextEnvironmentNumber + i);
      const environment: ExecutionEnvironment = {
        id,
        initializationType: 'provisioned-concurrency',
        provisionedBy: e.qualifier,
        busy: false,
        needsInit: false,
        retiring: false,
        reclaimTicket: null,
      };
      putWideEntry(pool.environments, id, environment as Draft<ExecutionEnvironment>);
      created.push(id);
    }
    slice.nextEnvironmentNumber += e.allocatedProvisionedConcurrentExecutions;
    pool.idleProvisioned.push(...created);
  },
  InvocationStarted: (draft, e) => {
    const slice = draft.environments;
    const pool = poolFor(slice, e.functionName, e.executedVersion);
    if (e.newEnvironment) {
      slice.nextEnvironmentNumber += 1;
      const environment: ExecutionEnvironment = {
        id: e.environmentId,
        initializationType: 'on-demand',
        provisionedBy: null,
        busy: true,
        needsInit: false,
        retiring: false,
        reclaimTicket: null,
      };
      putWideEntry(pool.environments, e.environmentId, environment as Draft<ExecutionEnvironment>);
      return;
    }
    const environment = present(wideEntryOf(pool.environments, e.environmentId), e.environmentId);
    if (environment.reclaimTicket !== null) {
      removeDue(slice.reclaims, environment.reclaimTicket);
      environment.reclaimTicket = null;
    }
    environment.busy = true;
    environment.needsInit = false;
    if (environment.initializationType === 'on-demand') {
      removeIdle(pool.idleOnDemand, e.environmentId);
    } else {
      removeIdle(pool.idleProvisioned, e.environmentId);
    }
  },
  InvocationCompleted: (draft, e) => {
    const slice = draft.environments;
    const pool = entryOf(slice.byFunction, e.functionName)?.[e.executedVersion];
    const environment =
      pool === undefined ? undefined : wideEntryOf(pool.environments, e.environmentId);
    // The function or version was deleted while the request ran: its environments are gone.
    if (pool === undefined || environment === undefined) return;
    if (environment.retiring) {
      removeWideEntry(pool.environments, e.environmentId);
      return;
    }
    environment.busy = false;
    // A crash or a timeout resets the environment: the next invoke on it runs init (spec §4).
    environment.needsInit = e.outcome === 'FunctionError' || e.outcome === 'Timeout';
    if (environment.initializationType === 'provisioned-concurrency') {
      pool.idleProvisioned.push(e.environmentId);
      return;
    }
    pool.idleOnDemand.push(e.environmentId);
    environment.reclaimTicket = enqueueDue(slice.reclaims, {
      dueMs: e.atMs + draft.settings.idleEnvironmentLifetimeMs,
      functionName: e.functionName,
      version: e.executedVersion,
      environmentId: e.environmentId,
    });
  },
  ExecutionEnvironmentReclaimed: (draft, e) => {
    const slice = draft.environments;
    const pool = present(entryOf(slice.byFunction, e.functionName)?.[e.version], e.version);
    const environment = present(wideEntryOf(pool.environments, e.environmentId), e.environmentId);
    if (environment.reclaimTicket !== null) {
      removeDue(slice.reclaims, environment.reclaimTicket);
    }
    removeIdle(pool.idleOnDemand, e.environmentId);
    removeWideEntry(pool.environments, e.environmentId);
  },
};
