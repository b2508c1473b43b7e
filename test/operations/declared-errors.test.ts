import { describe, expect, it } from 'vitest';
import {
  accessDenied,
  codeStorageExceeded,
  invalidParameterValue,
  preconditionFailed,
  resourceNotFound,
  validationException,
} from '../../src/kernel/errors.js';
import { DECLARED_ERRORS, isDeclaredError } from '../../src/operations/declared-errors.js';
import { operations } from '../../src/operations/operations.js';

describe('the errors each operation may return (spec control-plane §5.1, §5.2)', () => {
  it('every operation of the facade has a declared list, and every list names a facade operation', () => {
    expect(Object.keys(DECLARED_ERRORS).sort()).toEqual(Object.keys(operations).sort());
  });

  it.each([
    'CreateFunction',
    'UpdateFunctionCode',
    'UpdateFunctionConfiguration',
    'PublishVersion',
    'DeleteFunction',
    'GetFunction',
    'GetFunctionConfiguration',
    'ListVersionsByFunction',
    'CreateAlias',
    'UpdateAlias',
    'DeleteAlias',
    'GetAlias',
    'ListAliases',
  ] as const)(
    '%s declares InvalidParameterValue, TooManyRequests, ResourceNotFound (§5.2)',
    (operation) => {
      for (const tag of [
        'InvalidParameterValueException',
        'TooManyRequestsException',
        'ResourceNotFoundException',
      ]) {
        expect(DECLARED_ERRORS[operation]).toContain(tag);
      }
    },
  );

  it('operations with a FunctionName may also answer the undeclared ValidationException and AccessDeniedException (§5.1, §9.8)', () => {
    expect(isDeclaredError('GetFunction', validationException('m'))).toBe(true);
    expect(isDeclaredError('CreateFunction', accessDenied(''))).toBe(true);
  });

  it('PreconditionFailed belongs to the RevisionId operations only (§2.10, §5.2)', () => {
    const error = preconditionFailed('m');
    for (const operation of [
      'UpdateFunctionCode',
      'UpdateFunctionConfiguration',
      'PublishVersion',
      'UpdateAlias',
    ] as const) {
      expect(isDeclaredError(operation, error)).toBe(true);
    }
    for (const operation of [
      'CreateFunction',
      'DeleteFunction',
      'CreateAlias',
      'DeleteAlias',
      'GetFunction',
    ] as const) {
      expect(isDeclaredError(operation, error)).toBe(false);
    }
  });

  it('CodeStorageExceeded belongs to CreateFunction, UpdateFunctionCode and PublishVersion (§3.1)', () => {
    expect(isDeclaredError('CreateFunction', codeStorageExceeded())).toBe(true);
    expect(isDeclaredError('PublishVersion', codeStorageExceeded())).toBe(true);
    expect(isDeclaredError('UpdateFunctionConfiguration', codeStorageExceeded())).toBe(false);
  });

  it('ListFunctions has no ResourceNotFound (§5.2) and GetAccountSettings only throttling', () => {
    expect(isDeclaredError('ListFunctions', resourceNotFound('m'))).toBe(false);
    expect(isDeclaredError('ListFunctions', invalidParameterValue('m'))).toBe(true);
    expect(DECLARED_ERRORS.GetAccountSettings).toEqual(['TooManyRequestsException']);
  });
});
