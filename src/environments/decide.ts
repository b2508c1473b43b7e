/**
 * The environments module takes no command: its only decision is which idle environments the
 * clock has reclaimed (spec invocation §4).
 *
 * @module
 */
import type { LambdaEvent, LambdaState } from '../lambda.js';
import type { ExecutionEnvironmentReclaimed } from './events.js';
import { dueReclaims } from './state.js';

/** The reclaims that have come due by `nowMs`, as events. */
export function dueReclaimEvents(state: LambdaState, nowMs: number): LambdaEvent[] {
  return dueReclaims(state.environments, nowMs).map((due) => {
    const event: ExecutionEnvironmentReclaimed = {
      type: 'ExecutionEnvironmentReclaimed',
      functionName: due.functionName,
      version: due.version,
      environmentId: due.environmentId,
      atMs: due.dueMs,
    };
    return event;
  });
}
