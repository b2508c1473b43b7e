/**
 * Admission of one synchronous invocation, in the order of spec invocation §3.6: a free
 * provisioned environment of the version first; else the function's reserved pool, or the
 * account's unreserved pool; then a warm idle environment, or a new one if the scaling rate allows
 * it.
 *
 * @module
 */
import {
  configOfVersion,
  countsOf,
  environmentsStartedWithin,
  provisionedConfigsOf,
  requestedTotal,
} from '../concurrency/state.js';
import { poolOf, type EnvironmentPool } from '../environments/state.js';
import { wideEntryOf } from '../kernel/dictionary.js';
import type { ThrottleReason } from '../kernel/errors.js';
import { left, right, type Either } from '../kernel/fp.js';
import type { LambdaState } from '../lambda.js';
import type { InitializationType } from './events.js';

/** Where an admitted invocation runs, as `InvocationStarted` records it. */
export interface Placement {
  readonly environmentId: string;
  readonly initializationType: InitializationType;
  readonly newEnvironment: boolean;
  /** Set when init runs. */
  readonly initDurationMs: number | undefined;
  readonly spillover: boolean;
}

/**
 * The throttle `Reason` for a cold start beyond the scaling rate. AWS documents the 429 but not
 * its reason (spec invocation §3.5, §8.2); the model uses the function-level rate reason.
 */
export const SCALING_RATE_THROTTLE: ThrottleReason = 'FunctionInvocationRateLimitExceeded';

/** A placement on an idle environment: init runs only if a failure reset it (spec §4). */
function reuse(
  pool: EnvironmentPool | undefined,
  environmentId: string,
  initializationType: InitializationType,
  initDurationMs: number,
  spillover: boolean,
): Placement {
  const environment =
    pool === undefined ? undefined : wideEntryOf(pool.environments, environmentId);
  return {
    environmentId,
    initializationType,
    newEnvironment: false,
    initDurationMs: environment?.needsInit === true ? initDurationMs : undefined,
    spillover,
  };
}

/**
 * The last id of a list (the warmest idle environment), or `undefined`. Never reads index -1: V8
 * takes that as a property name, a slow lookup on every invoke that finds the list empty.
 */
const lastOf = (ids: ReadonlyArray<string> | undefined): string | undefined =>
  ids === undefined || ids.length === 0 ? undefined : ids[ids.length - 1];

/** Admits an invocation of `version` or says why it is throttled. */
export function admit(
  state: LambdaState,
  functionName: string,
  version: string,
  nowMs: number,
  initDurationMs: number,
): Either<ThrottleReason, Placement> {
  const { concurrency, settings } = state;
  const pool = poolOf(state.environments, functionName, version);
  // Two lookups: the function's counts, and its provisioned-concurrency configs.
  const configs = provisionedConfigsOf(concurrency, functionName);
  const config = configOfVersion(configs, version);
  const counts = countsOf(concurrency, functionName);
  const reserved = counts?.reserved ?? undefined;
  const onDemand = counts?.onDemand ?? 0;
  const provisioned = counts?.provisioned ?? 0;
  // Whatever the pool, nothing runs beyond the account's limit or the function's reservation.
  // Provisioned environments retiring after their config changed may still be busy beyond the
  // new config, so they are counted as they are, not as the config says (spec §10 invariant 1).
  const atAccountLimit = concurrency.inflightTotal >= settings.concurrentExecutionsLimit;
  const atReservation = reserved !== undefined && onDemand + provisioned >= reserved;
  // 1. A free provisioned environment: no other pool is touched (spec §3.6 step 1).
  const provisionedId = lastOf(pool?.idleProvisioned);
  if (
    config?.status === 'READY' &&
    provisionedId !== undefined &&
    !atAccountLimit &&
    !atReservation
  ) {
    // A reset provisioned environment runs init again (spec §3.4, §4).
    return right(reuse(pool, provisionedId, 'provisioned-concurrency', initDurationMs, false));
  }
  // 2–3. On demand: the function's reservation less its provisioned concurrency (or less the
  // provisioned invocations running, when more run than are configured), or the account's
  // unreserved pool less every reservation and the provisioned concurrency of the others.
  if (reserved !== undefined) {
    const provisionedShare = Math.max(requestedTotal(configs), provisioned);
    if (onDemand >= reserved - provisionedShare) {
      return left('ReservedFunctionConcurrentInvocationLimitExceeded');
    }
    if (atAccountLimit) return left('ConcurrentInvocationLimitExceeded');
  } else {
    const unreservedPool =
      settings.concurrentExecutionsLimit -
      concurrency.totalReserved -
      concurrency.provisionedWithoutReservation;
    if (concurrency.inflightOnDemandWithoutReservation >= unreservedPool || atAccountLimit) {
      return left('ConcurrentInvocationLimitExceeded');
    }
  }
  // Provisioned concurrency is configured and ready but all of it is busy (spec §3.4).
  const spillover = config?.status === 'READY';
  // 4. The warmest idle environment of this version, else a new one if the scaling rate allows:
  // at most `scalingRateEnvironments` new environments in any window of `scalingWindowMs`.
  const warmId = lastOf(pool?.idleOnDemand);
  if (warmId !== undefined) {
    return right(reuse(pool, warmId, 'on-demand', initDurationMs, spillover));
  }
  if (
    environmentsStartedWithin(concurrency, functionName, nowMs) >= settings.scalingRateEnvironments
  ) {
    return left(SCALING_RATE_THROTTLE);
  }
  return right({
    environmentId: String(state.environments.nextEnvironmentNumber),
    initializationType: 'on-demand',
    newEnvironment: true,
    initDurationMs,
    spillover,
  });
}
