/**
 * `react(event, state)`: the follow-up commands an event calls for (DESIGN §1, "effects are
 * data"). A record delivered to a Lambda destination is an asynchronous Invoke of that function,
 * one step deeper in the chain (spec invocation §5.7, §5.11); the library returns it, and the
 * caller decides it like any command.
 *
 * @module
 */
import { uuidFromSeed } from '../kernel/ids.js';
import type { Invoke } from '../invocation/commands.js';
import type { LambdaEvent, LambdaState } from '../lambda.js';

/** The commands that follow from `event`; none for most events. */
export function react(event: LambdaEvent, state: LambdaState): ReadonlyArray<Invoke> {
  if (event.type !== 'AsyncRecordDelivered' || event.service !== 'lambda') return [];
  const invoke: Invoke = {
    type: 'Invoke',
    // AWS does not document the invocation type of a Lambda destination; it is asynchronous in
    // the model (spec §8.2), with the record as the payload.
    input: { FunctionName: event.destination, InvocationType: 'Event', Payload: event.message },
    meta: {
      now: event.atMs,
      requestId: uuidFromSeed(
        `${state.settings.account.accountId}/${event.requestId}/${event.on}/destination`,
      ),
    },
    model: { chainDepth: event.chainDepth + 1 },
  };
  return [invoke];
}
