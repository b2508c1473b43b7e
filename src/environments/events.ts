/**
 * Facts about execution environments that no invocation carries: an idle on-demand environment
 * reclaimed after the idle lifetime (spec invocation §4). Environments are created, reused and
 * reset by the invocation events themselves.
 *
 * @module
 */

/** An idle on-demand environment was shut down: the next invocation of its version starts cold. */
export interface ExecutionEnvironmentReclaimed {
  readonly type: 'ExecutionEnvironmentReclaimed';
  readonly functionName: string;
  readonly version: string;
  readonly environmentId: string;
  readonly atMs: number;
}

/** The events of the environments module. */
export type EnvironmentsEvent = ExecutionEnvironmentReclaimed;
