/**
 * Decides the reserved- and provisioned-concurrency commands (spec invocation §3.2–§3.4):
 * request validation, then the function and qualifier, then conflicts, then the limits.
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import { entryOf } from '../kernel/dictionary.js';
import {
  invalidParameterValue,
  resourceConflict,
  type AwsError,
  type InvalidParameterValueException,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { checkRange, violation, type Violation } from '../kernel/validation.js';
import type { Architecture } from '../functions/state.js';
import type { Decision, LambdaEvent, LambdaState } from '../lambda.js';
import type {
  ConcurrencyCommand,
  DeleteFunctionConcurrency,
  DeleteProvisionedConcurrencyConfig,
  PutFunctionConcurrency,
  PutProvisionedConcurrencyConfig,
} from './commands.js';
import type {
  FunctionConcurrencyReleased,
  FunctionConcurrencyReserved,
  ProvisionedConcurrencyAllocated,
  ProvisionedConcurrencyRemoved,
  ProvisionedConcurrencyRequested,
} from './events.js';
import {
  concurrencyFunction,
  minimumUnreserved,
  provisionedTarget,
  type ProvisionedTarget,
} from './rules.js';
import {
  configOfVersion,
  dueAllocations,
  provisionedConfigsOf,
  provisionedTotal,
  requestedTotal,
  reservationOf,
} from './state.js';

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
  // Provisioned concurrency is carved out of the reservation, so the reservation cannot be
  // smaller than the function's total (AWS's text, leading and double spaces verbatim, §3.3).
  const provisioned = provisionedTotal(state.concurrency, name);
  if (reserved < provisioned) {
    return left(
      invalidParameterValue(
        ` ReservedConcurrentExecutions  ${String(reserved)} should not be lower than function's total provisioned concurrency [${String(provisioned)}].`,
      ),
    );
  }
  // Setting 0 always succeeds; otherwise the account must keep its minimum unreserved
  // concurrency, counting every other function's reservation but not this function's own, which
  // the new value replaces (spec invocation §3.2, §3.3). This function's provisioned concurrency
  // moves into the reservation, so it stops counting against the pool.
  const minimum = minimumUnreserved(state);
  const ownReservation = reservationOf(state.concurrency, name);
  const reservedByOthers = state.concurrency.totalReserved - (ownReservation ?? 0);
  const provisionedOfOthers =
    state.concurrency.provisionedWithoutReservation -
    (ownReservation === undefined ? provisioned : 0);
  if (
    reserved > 0 &&
    reservedByOthers + provisionedOfOthers + reserved >
      state.settings.concurrentExecutionsLimit - minimum
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
  if (reservationOf(state.concurrency, target.right) === undefined) return right([]);
  const event: FunctionConcurrencyReleased = {
    type: 'FunctionConcurrencyReleased',
    functionName: target.right,
    atMs: nowMs,
  };
  return right([event]);
}

/** AWS's text for Put on `$LATEST` (spec invocation §3.4). */
export const PROVISIONED_LATEST_PUT =
  'Provisioned Concurrency Configs cannot be applied to unpublished function versions.';
/** AWS's text for Get and Delete on `$LATEST` (spec invocation §3.4). */
export const PROVISIONED_LATEST_READ =
  'The function resource provided must be an alias or a published version.';

function provisionedValueViolations(value: number | undefined): Violation[] {
  const field = 'provisionedConcurrentExecutions';
  if (value === undefined) return [violation.notNull(field)];
  if (!Number.isSafeInteger(value)) {
    return [violation.custom(field, String(value), 'Member must be an integer')];
  }
  return checkRange(field, value, { min: 1 });
}

/**
 * One config per version: on the version itself or on one alias pointing to it. AWS's 409 texts
 * (spec invocation §3.4).
 */
function provisionedConflict(state: LambdaState, target: ProvisionedTarget): AwsError | undefined {
  const existing = configOfVersion(
    provisionedConfigsOf(state.concurrency, target.functionName),
    target.version,
  );
  if (existing === undefined || existing.qualifier === target.qualifier) return undefined;
  if (target.alias !== undefined) {
    return resourceConflict(
      "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
    );
  }
  return resourceConflict('Version is pointed by a Provisioned Concurrency alias');
}

/**
 * The limits of spec invocation §3.4: within the function's reservation if it has one; otherwise
 * out of the unreserved pool, which must keep its minimum. A config being replaced does not count
 * against its own replacement.
 */
function provisionedLimitError(
  state: LambdaState,
  target: ProvisionedTarget,
  requested: number,
): AwsError | undefined {
  const name = target.functionName;
  const configs = provisionedConfigsOf(state.concurrency, name);
  const own = configs?.[target.qualifier]?.requested ?? 0;
  const reserved = reservationOf(state.concurrency, name);
  if (reserved !== undefined) {
    return requestedTotal(configs) - own + requested > reserved
      ? invalidParameterValue(
          'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
        )
      : undefined;
  }
  const limit = state.settings.concurrentExecutionsLimit;
  const unreserved =
    limit -
    state.concurrency.totalReserved -
    (state.concurrency.provisionedWithoutReservation - own);
  // AWS quotes the account limit in this message, not the unreserved remainder (spec §3.4).
  if (requested > unreserved) {
    return invalidParameterValue(
      `Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${String(limit)}].`,
    );
  }
  const minimum = minimumUnreserved(state);
  if (unreserved - requested < minimum) {
    return invalidParameterValue(
      `Specified ConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${String(minimum)}].`,
    );
  }
  return undefined;
}

function putProvisionedConcurrencyConfig(
  command: PutProvisionedConcurrencyConfig,
  { state, nowMs }: Decision,
): Result {
  const input = command.input as {
    readonly FunctionName: string;
    readonly Qualifier?: string;
    readonly ProvisionedConcurrentExecutions?: number;
  };
  const target = provisionedTarget(
    state,
    input.FunctionName,
    input.Qualifier,
    PROVISIONED_LATEST_PUT,
    provisionedValueViolations(input.ProvisionedConcurrentExecutions),
  );
  if (isLeft(target)) return target;
  // Weighted aliases cannot be provisioned (observed AWS text; spec invocation §3.4).
  if (target.right.alias?.additionalVersionWeights !== undefined) {
    return left(
      invalidParameterValue('Alias with weights can not be used with Provisioned Concurrency'),
    );
  }
  // An alias on `$LATEST` names an unpublished version, which cannot be provisioned (§3.4; the
  // model reuses AWS's text for `$LATEST` itself).
  if (target.right.version === '$LATEST') {
    return left(invalidParameterValue(PROVISIONED_LATEST_PUT));
  }
  const requested = command.input.ProvisionedConcurrentExecutions;
  const refused =
    provisionedConflict(state, target.right) ??
    provisionedLimitError(state, target.right, requested);
  if (refused !== undefined) return left(refused);
  const event: ProvisionedConcurrencyRequested = {
    type: 'ProvisionedConcurrencyRequested',
    functionName: target.right.functionName,
    qualifier: target.right.qualifier,
    version: target.right.version,
    requestedProvisionedConcurrentExecutions: requested,
    atMs: nowMs,
    readyAtMs: nowMs + state.settings.provisionedConcurrencyAllocationDelayMs,
    ...executionShapeOf(state, target.right.functionName, target.right.version),
  };
  return right([event]);
}

function deleteProvisionedConcurrencyConfig(
  command: DeleteProvisionedConcurrencyConfig,
  { state, nowMs }: Decision,
): Result {
  const input = command.input as { readonly FunctionName: string; readonly Qualifier?: string };
  const target = provisionedTarget(
    state,
    input.FunctionName,
    input.Qualifier,
    PROVISIONED_LATEST_READ,
  );
  if (isLeft(target)) return target;
  const { functionName, qualifier } = target.right;
  // No config, nothing to record; the model answers 204 as for DeleteFunctionConcurrency.
  if (entryOf(state.concurrency.provisionedByFunction, functionName)?.[qualifier] === undefined) {
    return right([]);
  }
  const event: ProvisionedConcurrencyRemoved = {
    type: 'ProvisionedConcurrencyRemoved',
    functionName,
    qualifier,
    atMs: nowMs,
  };
  return right([event]);
}

/** The memory and architecture of a published version (what provisioned concurrency costs). */
function executionShapeOf(
  state: LambdaState,
  functionName: string,
  version: string,
): { readonly memorySizeMb: number; readonly architecture: Architecture } {
  const config = present(
    entryOf(state.versions.byFunction, functionName)?.published[version],
    version,
  ).config;
  return { memorySizeMb: config.memorySizeMb, architecture: config.architecture };
}

/** The allocations that have come due by `nowMs`, as events (spec invocation §3.4). */
export function dueAllocationEvents(state: LambdaState, nowMs: number): LambdaEvent[] {
  return dueAllocations(state.concurrency, nowMs).map((due) => {
    const config = present(
      entryOf(state.concurrency.provisionedByFunction, due.functionName)?.[due.qualifier],
      due.qualifier,
    );
    const event: ProvisionedConcurrencyAllocated = {
      type: 'ProvisionedConcurrencyAllocated',
      functionName: due.functionName,
      qualifier: due.qualifier,
      version: config.version,
      allocatedProvisionedConcurrentExecutions: config.requested,
      atMs: due.dueMs,
      ...executionShapeOf(state, due.functionName, config.version),
    };
    return event;
  });
}

/** Decides one concurrency command. */
export function decideConcurrency(command: ConcurrencyCommand, decision: Decision): Result {
  switch (command.type) {
    case 'PutFunctionConcurrency':
      return putFunctionConcurrency(command, decision);
    case 'DeleteFunctionConcurrency':
      return deleteFunctionConcurrency(command, decision);
    case 'PutProvisionedConcurrencyConfig':
      return putProvisionedConcurrencyConfig(command, decision);
    case 'DeleteProvisionedConcurrencyConfig':
      return deleteProvisionedConcurrencyConfig(command, decision);
  }
}
