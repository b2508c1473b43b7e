import { describe, expect, it } from 'vitest';
import {
  accessDenied,
  aliasLimitExceeded,
  codeStorageExceeded,
  functionInState,
  functionNotFound,
  invalidParameterValue,
  preconditionFailed,
  requestEntityTooLarge,
  resourceConflict,
  resourceNotFound,
  revisionIdMismatch,
  tooManyRequests,
  updateInProgress,
  validationException,
} from '../../src/kernel/errors.js';
import { arnOf } from '../support/scenario.js';

describe('error shapes: exception name, HTTP status and Type "User" (spec control-plane §5.1)', () => {
  it.each([
    ['InvalidParameterValueException', 400, invalidParameterValue('m')],
    ['ValidationException', 400, validationException('m')],
    ['ResourceNotFoundException', 404, resourceNotFound('m')],
    ['ResourceConflictException', 409, resourceConflict('m')],
    ['PreconditionFailedException', 412, preconditionFailed('m')],
    ['AliasLimitExceededException', 400, aliasLimitExceeded('m')],
    ['RequestEntityTooLargeException', 413, requestEntityTooLarge('m')],
    ['AccessDeniedException', 403, accessDenied('m')],
  ])('%s answers HTTP %i', (tag, status, error) => {
    expect(error).toEqual({ _tag: tag, statusCode: status, type: 'User', message: 'm' });
  });

  it('CodeStorageExceededException is 400 with "Code storage limit exceeded." (§5.3)', () => {
    expect(codeStorageExceeded()).toEqual({
      _tag: 'CodeStorageExceededException',
      statusCode: 400,
      type: 'User',
      message: 'Code storage limit exceeded.',
    });
  });

  it('TooManyRequestsException is 429 and carries its Reason (§5.1, §6)', () => {
    expect(tooManyRequests('ReservedFunctionConcurrentInvocationLimitExceeded')).toEqual({
      _tag: 'TooManyRequestsException',
      statusCode: 429,
      type: 'User',
      message: 'Rate Exceeded.',
      reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  });
});

describe('shared messages, quoted exactly (spec control-plane §5.3)', () => {
  it('Function not found: <arn>', () => {
    expect(functionNotFound(arnOf('f', '3'))).toEqual(
      resourceNotFound(`Function not found: ${arnOf('f', '3')}`),
    );
  });

  it('the RevisionId precondition message (412)', () => {
    expect(revisionIdMismatch()).toEqual(
      preconditionFailed(
        'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
      ),
    );
  });

  it('an update in progress names the unqualified function ARN (409)', () => {
    expect(updateInProgress(arnOf('f'))).toEqual(
      resourceConflict(
        `The operation cannot be performed at this time. An update is in progress for resource: ${arnOf('f')}`,
      ),
    );
  });

  it('a function that is not Active names its state (409)', () => {
    expect(functionInState('Pending')).toEqual(
      resourceConflict(
        'The operation cannot be performed at this time. The function is currently in the following state: Pending',
      ),
    );
  });
});
