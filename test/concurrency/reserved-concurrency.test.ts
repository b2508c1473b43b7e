import { describe, expect, it } from 'vitest';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  T0,
  typesOf,
  type Scenario,
} from '../support/scenario.js';

const meta = { now: T0 + 10_000, requestId: 'req-concurrency' };
const BELOW_MINIMUM = (minimum: number): string =>
  `Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [${String(minimum)}].`;
const QUALIFIED_REFUSED =
  'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.';

const accountLimit = (s: Scenario) => {
  const answer = expectRight(operations.GetAccountSettings(s.state, {}).result);
  return answer.body.AccountLimit;
};

describe('PutFunctionConcurrency (spec invocation §3.3)', () => {
  it('reserves for the function and takes it from the unreserved pool: 1,000 − 100 = 900 (§3.2)', () => {
    const s = given().withFunction('f').run('PutFunctionConcurrency', {
      FunctionName: 'f',
      ReservedConcurrentExecutions: 100,
    });
    expect(accountLimit(s)).toMatchObject({
      ConcurrentExecutions: 1_000,
      UnreservedConcurrentExecutions: 900,
    });
    const answer = operations.PutFunctionConcurrency(
      s.state,
      { FunctionName: 'f', ReservedConcurrentExecutions: 50 },
      meta,
    );
    expect(expectRight(answer.result)).toEqual({
      statusCode: 200,
      body: { ReservedConcurrentExecutions: 50 },
    });
    const replaced = s.run('PutFunctionConcurrency', {
      FunctionName: 'f',
      ReservedConcurrentExecutions: 50,
    });
    expect(accountLimit(replaced).UnreservedConcurrentExecutions).toBe(950);
  });

  it('allows at most limit − 100 across all functions; the next unit is refused (§3.2)', () => {
    const s = given()
      .withFunction('a')
      .withFunction('b')
      .run('PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 600 });
    expectRight(
      s.when('PutFunctionConcurrency', { FunctionName: 'b', ReservedConcurrentExecutions: 300 }),
    );
    expectError(
      s.when('PutFunctionConcurrency', { FunctionName: 'b', ReservedConcurrentExecutions: 301 }),
      'InvalidParameterValueException',
      BELOW_MINIMUM(100),
    );
  });

  it('does not count the function’s own reservation when replacing it (§3.3)', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 900 });
    expectRight(
      s.when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 900 }),
    );
  });

  it('uses the same message when the value exceeds the account limit itself (§3.3)', () => {
    expectError(
      given()
        .withFunction('f')
        .when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 5_000 }),
      'InvalidParameterValueException',
      BELOW_MINIMUM(100),
    );
  });

  it('always accepts 0, which throttles every invocation, even when the pool is used up (§3.3)', () => {
    const s = given()
      .withFunction('a')
      .withFunction('b')
      .run('PutFunctionConcurrency', { FunctionName: 'a', ReservedConcurrentExecutions: 900 });
    const events = expectRight(
      s.when('PutFunctionConcurrency', { FunctionName: 'b', ReservedConcurrentExecutions: 0 }),
    );
    expect(events).toEqual([
      {
        type: 'FunctionConcurrencyReserved',
        functionName: 'b',
        atMs: T0 + 2_000,
        reservedConcurrentExecutions: 0,
      },
    ]);
  });

  it('quotes min(100, limit) as the minimum for a small account: [10] with a limit of 10 (model, §3.2)', () => {
    const s = given({ concurrentExecutionsLimit: 10 }).withFunction('f');
    expect(accountLimit(s)).toMatchObject({
      ConcurrentExecutions: 10,
      UnreservedConcurrentExecutions: 10,
    });
    expectError(
      s.when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 1 }),
      'InvalidParameterValueException',
      BELOW_MINIMUM(10),
    );
  });

  it('refuses versions, aliases and $LATEST: it applies to the function as a whole (§3.3)', () => {
    const s = given().withFunction('f').withPublishedVersion('f');
    for (const name of ['f:1', 'f:$LATEST', arnOf('f', '1'), 'f:live']) {
      expectError(
        s.when('PutFunctionConcurrency', { FunctionName: name, ReservedConcurrentExecutions: 1 }),
        'InvalidParameterValueException',
        QUALIFIED_REFUSED,
      );
    }
  });

  it('answers 404 with the unqualified ARN for a missing function', () => {
    expectError(
      given().when('PutFunctionConcurrency', {
        FunctionName: 'ghost',
        ReservedConcurrentExecutions: 1,
      }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost')}`,
    );
  });

  it('validates the value before looking for the function: negative, missing, fractional', () => {
    expectError(
      given().when('PutFunctionConcurrency', {
        FunctionName: 'ghost',
        ReservedConcurrentExecutions: -1,
      }),
      'ValidationException',
      "1 validation error detected: Value '-1' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    const missing = { FunctionName: 'f' } as {
      FunctionName: string;
      ReservedConcurrentExecutions: number;
    };
    expectError(
      given().withFunction('f').when('PutFunctionConcurrency', missing),
      'ValidationException',
      "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null",
    );
    expectError(
      given()
        .withFunction('f')
        .when('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 1.5 }),
      'ValidationException',
    );
  });
});

describe('GetFunctionConcurrency, DeleteFunctionConcurrency and GetFunction (spec invocation §3.3)', () => {
  it('answers {} when nothing is reserved, and the reservation otherwise', () => {
    const s = given().withFunction('f');
    expect(
      expectRight(operations.GetFunctionConcurrency(s.state, { FunctionName: 'f' }).result).body,
    ).toEqual({});
    const reserved = s.run('PutFunctionConcurrency', {
      FunctionName: 'f',
      ReservedConcurrentExecutions: 7,
    });
    expect(
      expectRight(
        operations.GetFunctionConcurrency(reserved.state, { FunctionName: arnOf('f') }).result,
      ).body,
    ).toEqual({ ReservedConcurrentExecutions: 7 });
  });

  it('GetFunction shows Concurrency only when a reservation is set', () => {
    const s = given().withFunction('f');
    expect(
      expectRight(operations.GetFunction(s.state, { FunctionName: 'f' }).result).body,
    ).not.toHaveProperty('Concurrency');
    const reserved = s.run('PutFunctionConcurrency', {
      FunctionName: 'f',
      ReservedConcurrentExecutions: 7,
    });
    expect(
      expectRight(operations.GetFunction(reserved.state, { FunctionName: 'f' }).result).body
        .Concurrency,
    ).toEqual({
      ReservedConcurrentExecutions: 7,
    });
  });

  it('DeleteFunctionConcurrency returns the units to the pool (204), and records nothing when none was set', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 300 });
    const deleted = operations.DeleteFunctionConcurrency(s.state, { FunctionName: 'f' }, meta);
    expect(expectRight(deleted.result).statusCode).toBe(204);
    expect(typesOf(deleted.events)).toEqual(['FunctionConcurrencyReleased']);
    expect(
      expectRight(operations.GetAccountSettings(deleted.state, {}).result).body.AccountLimit
        .UnreservedConcurrentExecutions,
    ).toBe(1_000);
    const again = operations.DeleteFunctionConcurrency(deleted.state, { FunctionName: 'f' }, meta);
    expect(expectRight(again.result).statusCode).toBe(204);
    expect(again.events).toEqual([]);
    expectError(
      given().withFunction('f').when('DeleteFunctionConcurrency', { FunctionName: 'f:1' }),
      'InvalidParameterValueException',
      QUALIFIED_REFUSED,
    );
  });

  it('deleting the function frees its reservation', () => {
    const s = given()
      .withFunction('f')
      .run('PutFunctionConcurrency', { FunctionName: 'f', ReservedConcurrentExecutions: 900 })
      .run('DeleteFunction', { FunctionName: 'f' });
    expect(accountLimit(s).UnreservedConcurrentExecutions).toBe(1_000);
    expectRight(
      s
        .withFunction('g')
        .when('PutFunctionConcurrency', { FunctionName: 'g', ReservedConcurrentExecutions: 900 }),
    );
  });
});
