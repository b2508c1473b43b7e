/**
 * The one place where the property tests read the model state's internals (functions, versions,
 * aliases, concurrency, invocations and environments by name), always through the kernel's
 * accessors (`entryOf`, `keysOf`), so the properties do not change when the storage layout does.
 */
import type { AliasRecord } from '../../src/aliases/state.js';
import type { EventInvokeConfigRecord } from '../../src/async/state.js';
import type { ProvisionedConcurrencyConfig } from '../../src/concurrency/state.js';
import type { EnvironmentPool } from '../../src/environments/state.js';
import type { InvocationStarted } from '../../src/invocation/events.js';
import type { FunctionRecord, FunctionVersionRecord } from '../../src/functions/state.js';
import {
  entryOf,
  keysOf,
  wideEntriesOf,
  type ShardedDictionary,
  type WideDictionary,
} from '../../src/kernel/dictionary.js';
import type { LambdaState } from '../../src/lambda.js';
import type { FunctionVersions } from '../../src/versions/state.js';

/** The entries of a by-name collection, read through the kernel's own accessors. */
function entriesOf<V>(collection: ShardedDictionary<V>): ReadonlyArray<readonly [string, V]> {
  return keysOf(collection).flatMap((key) => {
    const value = entryOf(collection, key);
    return value === undefined ? [] : [[key, value] as const];
  });
}

/** The value under `key` in a by-name collection. */
const entryIn = <V>(collection: ShardedDictionary<V>, key: string): V | undefined =>
  entryOf(collection, key);

/** The names in each slice (they should agree). */
export const namesBySlice = (
  state: LambdaState,
): { functions: string[]; versions: string[]; aliases: string[] } => ({
  functions: entriesOf(state.functions.byName).map(([k]) => k),
  versions: entriesOf(state.versions.byFunction).map(([k]) => k),
  aliases: entriesOf(state.aliases.byFunction).map(([k]) => k),
});

/**
 * The slices whose sharded layout declares a `size` other than the number of entries it holds
 * (none for the plain layout, which has no `size`).
 */
export function sizeMismatches(state: LambdaState): ReadonlyArray<string> {
  const slices: Record<string, ShardedDictionary<unknown>> = {
    functions: state.functions.byName,
    versions: state.versions.byFunction,
    aliases: state.aliases.byFunction,
    counts: state.concurrency.countsByFunction,
    provisioned: state.concurrency.provisionedByFunction,
    scaling: state.concurrency.scalingByFunction,
    environments: state.environments.byFunction,
  };
  const wide: Record<string, WideDictionary<unknown>> = { running: state.invocation.running };
  // Each function version's environments are sharded in two levels too.
  for (const fn of entriesOf(state.environments.byFunction).map(([k]) => k)) {
    for (const [version, pool] of Object.entries(
      entryIn(state.environments.byFunction, fn) ?? {},
    )) {
      wide[`environments of ${fn}:${version}`] = pool.environments;
    }
  }
  const wideMismatches = Object.entries(wide).flatMap(([name, dictionary]) => {
    const entries = wideEntriesOf(dictionary).length;
    return dictionary.size === entries
      ? []
      : [`${name}: size ${String(dictionary.size)}, ${String(entries)} entries`];
  });
  return wideMismatches.concat(
    Object.entries(slices).flatMap(([slice, collection]) =>
      collection.size === entriesOf(collection).length
        ? []
        : [
            `${slice}: size ${String(collection.size)}, ${String(entriesOf(collection).length)} entries`,
          ],
    ),
  );
}

/** Every function name any slice knows. */
export function functionNames(state: LambdaState): ReadonlyArray<string> {
  const { functions, versions, aliases } = namesBySlice(state);
  return [...new Set([...functions, ...versions, ...aliases])];
}

/** A function's record (`$LATEST` and tags). */
export const functionOf = (state: LambdaState, fn: string): FunctionRecord | undefined =>
  entryIn(state.functions.byName, fn);

/** A function's published versions and numbering. */
export const versionsOf = (state: LambdaState, fn: string): FunctionVersions | undefined =>
  entryIn(state.versions.byFunction, fn);

/** A function's aliases, by name. */
export const aliasesOf = (
  state: LambdaState,
  fn: string,
): ReadonlyArray<readonly [string, AliasRecord]> =>
  Object.entries(entryIn(state.aliases.byFunction, fn) ?? {});

/** A function's published versions, by number (none when the function does not exist). */
export const publishedOf = (
  state: LambdaState,
  fn: string,
): Readonly<Record<string, FunctionVersionRecord>> => versionsOf(state, fn)?.published ?? {};

// ---------------------------------------------------------------------------------------------
// Concurrency, invocations and environments
// ---------------------------------------------------------------------------------------------

/** A function's reservation, if it has one. */
export const reservationOf = (state: LambdaState, fn: string): number | undefined =>
  entryIn(state.concurrency.countsByFunction, fn)?.reserved ?? undefined;

/** Every reservation, by function. */
export const reservations = (state: LambdaState): ReadonlyArray<readonly [string, number]> =>
  entriesOf(state.concurrency.countsByFunction).flatMap(([fn, counts]) =>
    counts.reserved === null ? [] : [[fn, counts.reserved] as const],
  );

/** The functions whose counts record holds nothing: there should be none. */
export const emptyCounts = (state: LambdaState): ReadonlyArray<string> =>
  entriesOf(state.concurrency.countsByFunction)
    .filter(([, c]) => c.reserved === null && c.onDemand === 0 && c.provisioned === 0)
    .map(([fn]) => fn);

/** A function's provisioned-concurrency configs, by qualifier. */
export const provisionedConfigsOf = (
  state: LambdaState,
  fn: string,
): ReadonlyArray<readonly [string, ProvisionedConcurrencyConfig]> =>
  Object.entries(entryIn(state.concurrency.provisionedByFunction, fn) ?? {});

/** Σ requested provisioned concurrency of a function (its ΣP). */
export const provisionedSumOf = (state: LambdaState, fn: string): number =>
  provisionedConfigsOf(state, fn).reduce((sum, [, config]) => sum + config.requested, 0);

/** The on-demand invocations in flight the concurrency slice counts for a function. */
export const inflightOnDemandOf = (state: LambdaState, fn: string): number =>
  entryIn(state.concurrency.countsByFunction, fn)?.onDemand ?? 0;

/** The provisioned invocations in flight the concurrency slice counts for a function. */
export const inflightProvisionedOf = (state: LambdaState, fn: string): number =>
  entryIn(state.concurrency.countsByFunction, fn)?.provisioned ?? 0;

/** The functions with provisioned concurrency configs. */
export const provisionedFunctions = (state: LambdaState): ReadonlyArray<string> =>
  entriesOf(state.concurrency.provisionedByFunction).map(([k]) => k);

/** The functions the concurrency slice counts invocations in flight for, of either kind. */
export const inflightFunctions = (state: LambdaState): ReadonlyArray<string> =>
  entriesOf(state.concurrency.countsByFunction)
    .filter(([, c]) => c.onDemand !== 0 || c.provisioned !== 0)
    .map(([k]) => k);

/** Every running invocation, as it started. */
export const runningInvocations = (state: LambdaState): ReadonlyArray<InvocationStarted> =>
  wideEntriesOf(state.invocation.running).map(([, started]) => started);

/** The request ids of the running invocations, sorted (a stable order to pick from). */
export const runningRequestIds = (state: LambdaState): ReadonlyArray<string> =>
  wideEntriesOf(state.invocation.running)
    .map(([key]) => key)
    .sort();

/** A function's environment pools, by version. */
export const poolsOf = (
  state: LambdaState,
  fn: string,
): ReadonlyArray<readonly [string, EnvironmentPool]> =>
  Object.entries(entryIn(state.environments.byFunction, fn) ?? {});

/** The functions with environment pools. */
export const environmentFunctions = (state: LambdaState): ReadonlyArray<string> =>
  entriesOf(state.environments.byFunction).map(([k]) => k);

/** One busy environment, where it is. */
export interface BusyEnvironment {
  readonly functionName: string;
  readonly version: string;
  readonly id: string;
  readonly initializationType: 'on-demand' | 'provisioned-concurrency';
  readonly provisionedBy?: string;
  readonly retiring: boolean;
}

/** Every busy environment of every function. */
export function busyEnvironments(state: LambdaState): ReadonlyArray<BusyEnvironment> {
  return environmentFunctions(state).flatMap((functionName) =>
    poolsOf(state, functionName).flatMap(([version, pool]) =>
      wideEntriesOf(pool.environments)
        .map(([, environment]) => environment)
        .filter((environment) => environment.busy)
        .map((environment) => ({
          functionName,
          version,
          id: environment.id,
          initializationType: environment.initializationType,
          ...(environment.provisionedBy === null
            ? {}
            : { provisionedBy: environment.provisionedBy }),
          retiring: environment.retiring,
        })),
    ),
  );
}

/** The running totals of the concurrency slice, recounted from the entries they summarise. */
export interface ConcurrencyRecount {
  readonly totalReserved: number;
  readonly provisionedWithoutReservation: number;
  readonly inflightOnDemandWithoutReservation: number;
  readonly inflightTotal: number;
  /** On-demand running invocations by function, from the running invocations themselves. */
  readonly inflightOnDemandByFunction: Readonly<Record<string, number>>;
  /** Provisioned running invocations by function, likewise. */
  readonly inflightProvisionedByFunction: Readonly<Record<string, number>>;
}

/** Recounts every running total of the concurrency slice from the slices (spec §10.13). */
export function recountConcurrency(state: LambdaState): ConcurrencyRecount {
  const reserved = reservations(state);
  const hasReservation = (fn: string): boolean => reservationOf(state, fn) !== undefined;
  const running = runningInvocations(state);
  const inflightOnDemandByFunction: Record<string, number> = {};
  const inflightProvisionedByFunction: Record<string, number> = {};
  for (const started of running) {
    const byFunction =
      started.initializationType === 'on-demand'
        ? inflightOnDemandByFunction
        : inflightProvisionedByFunction;
    byFunction[started.functionName] = (byFunction[started.functionName] ?? 0) + 1;
  }
  return {
    totalReserved: reserved.reduce((sum, [, r]) => sum + r, 0),
    provisionedWithoutReservation: provisionedFunctions(state)
      .filter((fn) => !hasReservation(fn))
      .reduce((sum, fn) => sum + provisionedSumOf(state, fn), 0),
    inflightOnDemandWithoutReservation: inflightFunctions(state)
      .filter((fn) => !hasReservation(fn))
      .reduce((sum, fn) => sum + inflightOnDemandOf(state, fn), 0),
    inflightTotal: running.length,
    inflightOnDemandByFunction,
    inflightProvisionedByFunction,
  };
}

// ---------------------------------------------------------------------------------------------
// Asynchronous delivery
// ---------------------------------------------------------------------------------------------

/** The running `Event` attempts' request ids, sorted (a stable order to pick from). */
export const runningEventRequestIds = (state: LambdaState): ReadonlyArray<string> =>
  runningInvocations(state)
    .filter((started) => started.invocationType === 'Event')
    .map((started) => started.requestId)
    .sort();

/** The request ids of the accepted events without a terminal outcome yet, sorted. */
export const queuedRequestIds = (state: LambdaState): ReadonlyArray<string> =>
  wideEntriesOf(state.async.queued)
    .map(([key]) => key)
    .sort();

/** The EventInvokeConfig stored for exactly this qualifier (`$LATEST`, a version or an alias). */
export const eventInvokeConfigOf = (
  state: LambdaState,
  fn: string,
  qualifier: string,
): EventInvokeConfigRecord | undefined => entryIn(state.async.configs, fn)?.[qualifier];

/** A function version's environment pool, if it has one. */
export const poolOf = (
  state: LambdaState,
  fn: string,
  version: string,
): EnvironmentPool | undefined => entryIn(state.environments.byFunction, fn)?.[version];
