/**
 * Reads of the environments slice. AWS shows no environment through its API; these are the
 * model's views for tests, metrics and teaching.
 *
 * @module
 */
import { entryOf, wideValuesOf } from '../kernel/dictionary.js';
import type { LambdaState } from '../lambda.js';

/** How many environments one version has, by kind and activity. */
export interface EnvironmentCounts {
  readonly onDemandIdle: number;
  readonly onDemandBusy: number;
  readonly provisionedIdle: number;
  readonly provisionedBusy: number;
}

/** The environments of each version of a function that has any. */
export function environmentCounts(
  state: LambdaState,
  functionName: string,
): Readonly<Record<string, EnvironmentCounts>> {
  const counts: Record<string, EnvironmentCounts> = {};
  for (const [version, pool] of Object.entries(
    entryOf(state.environments.byFunction, functionName) ?? {},
  )) {
    let onDemandBusy = 0;
    let provisionedBusy = 0;
    for (const environment of wideValuesOf(pool.environments)) {
      if (!environment.busy) continue;
      if (environment.initializationType === 'on-demand') onDemandBusy += 1;
      else provisionedBusy += 1;
    }
    counts[version] = {
      onDemandIdle: pool.idleOnDemand.length,
      onDemandBusy,
      provisionedIdle: pool.idleProvisioned.length,
      provisionedBusy,
    };
  }
  return counts;
}
