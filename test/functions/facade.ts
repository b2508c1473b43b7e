/**
 * The AWS face of a scenario: runs one operation through `operations` (which gives AWS's status
 * code and response shape) at the scenario's clock.
 */
import type { CommandMeta } from '../../src/kernel/message.js';
import { operations } from '../../src/operations/operations.js';
import type { Scenario } from '../support/scenario.js';

export { operations };

/** The meta of a request made at the scenario's clock. */
export const metaOf = (scenario: Scenario): CommandMeta => ({
  now: scenario.nowMs,
  requestId: `req-${String(scenario.nowMs)}`,
});
