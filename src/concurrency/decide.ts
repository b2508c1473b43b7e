/**
 * Decides the reserved-concurrency commands (spec invocation §3.2, §3.3): request validation,
 * then the function (unqualified only), then the account's minimum unreserved concurrency.
 *
 * @module
 */
import { entryOf } from '../kernel/dictionary.js';
import {
  invalidParameterValue,
  type AwsError,
  type InvalidParameterValueException,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { checkRange, violation, type Violation } from '../kernel/validation.js';
import type { Decision, LambdaEvent } from '../lambda.js';
import type {
  ConcurrencyCommand,
  DeleteFunctionConcurrency,
  PutFunctionConcurrency,
} from './commands.js';
import type { FunctionConcurrencyReleased, FunctionConcurrencyReserved } from './events.js';
import { concurrencyFunction, minimumUnreserved } from './rules.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

function reservedValueViolations(value: number | undefined): Violation[] {
  const field = 'reservedConcurrentExecutions';
  if (value === undefined) return [violation.notNull(field)];
  // The member is an Integer; a fraction never reaches AWS's service code (model text).
  if (!Number.isSafeInteger(value)) {
    return [violation.custom(field, String(value), 'Member must be an integer')];
  }
  return checkRange(field, value, { min: 0 });
}

/**
 * The 400 for a reservation the account cannot afford. AWS uses this one text also when the value
 * exceeds the account limit itself (spec invocation §3.3).
 */
function unreservedBelowMinimum(minimum: number): InvalidParameterValueException {
  return invalidParameterValue(
    `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${String(minimum)}].`,
  );
}

function putFunctionConcurrency(
  command: PutFunctionConcurrency,
  { state, nowMs }: Decision,
): Result {
  const value = (command.input as { readonly ReservedConcurrentExecutions?: number })
    .ReservedConcurrentExecutions;
  const target = concurrencyFunction(
    state,
    command.input.FunctionName,
    reservedValueViolations(value),
  );
  if (isLeft(target)) return target;
  const name = target.right;
  const reserved = command.input.ReservedConcurrentExecutions;
  // Setting 0 always succeeds; otherwise the account must keep its minimum unreserved
  // concurrency, counting every other function's reservation but not this function's own, which
  // the new value replaces (spec invocation §3.2, §3.3).
  const minimum = minimumUnreserved(state);
  const reservedByOthers =
    state.concurrency.totalReserved - (entryOf(state.concurrency.reservedByFunction, name) ?? 0);
  if (
    reserved > 0 &&
    reservedByOthers + reserved > state.settings.concurrentExecutionsLimit - minimum
  ) {
    return left(unreservedBelowMinimum(minimum));
  }
  const event: FunctionConcurrencyReserved = {
    type: 'FunctionConcurrencyReserved',
    functionName: name,
    atMs: nowMs,
    reservedConcurrentExecutions: reserved,
  };
  return right([event]);
}

function deleteFunctionConcurrency(
  command: DeleteFunctionConcurrency,
  { state, nowMs }: Decision,
): Result {
  const target = concurrencyFunction(state, command.input.FunctionName);
  if (isLeft(target)) return target;
  // Nothing reserved, nothing to record; AWS answers 204 either way.
  if (entryOf(state.concurrency.reservedByFunction, target.right) === undefined) return right([]);
  const event: FunctionConcurrencyReleased = {
    type: 'FunctionConcurrencyReleased',
    functionName: target.right,
    atMs: nowMs,
  };
  return right([event]);
}

/** Decides one concurrency command. */
export function decideConcurrency(command: ConcurrencyCommand, decision: Decision): Result {
  switch (command.type) {
    case 'PutFunctionConcurrency':
      return putFunctionConcurrency(command, decision);
    case 'DeleteFunctionConcurrency':
      return deleteFunctionConcurrency(command, decision);
  }
}
