/**
 * What the benches share: an execution role, the smallest valid zip, the clock's start, and a
 * step that decides a command, applies its events and keeps them — a bench builds its workload
 * through the real decider, never by writing events by hand.
 */
import {
  decide,
  evolveAll,
  type LambdaCommand,
  type LambdaEvent,
  type LambdaState,
} from '../src/index.js';

export const ROLE = 'arn:aws:iam::123456789012:role/bench';
/** The smallest valid zip archive: an empty end-of-central-directory record. */
export const EMPTY_ZIP = new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]);
/** 2026-01-01T00:00:00Z. */
export const T0 = 1_767_225_600_000;

/** Decides `command`, which must be accepted, appends its events to `log`, and applies them. */
export function step(
  state: LambdaState,
  command: LambdaCommand,
  log: LambdaEvent[] = [],
): LambdaState {
  const decided = decide(command, state);
  if (decided._tag === 'Left') throw new Error(`${command.type}: ${decided.left.message}`);
  log.push(...decided.right);
  return evolveAll(state, decided.right);
}
