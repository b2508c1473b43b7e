/**
 * Which exceptions each operation can return, as data: the errors botocore declares for it
 * (spec control-plane §5.2; botocore for the concurrency operations), restricted to the ones this model raises, plus the three AWS sends
 * without declaring them — `ValidationException` (pattern, length and enum failures),
 * `AccessDeniedException` (an ARN of another account) and, for requests that carry a zip,
 * `RequestEntityTooLargeException` (spec §5.1).
 *
 * @module
 */
import type { AwsError, AwsErrorTag } from '../kernel/errors.js';

/** Undeclared in botocore, observed on AWS for any operation that takes a `FunctionName`. */
const UNDECLARED = ['ValidationException', 'AccessDeniedException'] as const;

/**
 * The exceptions each modelled operation may return. `TooManyRequestsException` is declared by
 * every operation (API request-rate throttling); the control plane does not model request rates,
 * so only Invoke raises it in this model.
 */
export const DECLARED_ERRORS = {
  CreateFunction: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'CodeStorageExceededException',
    'RequestEntityTooLargeException',
    ...UNDECLARED,
  ],
  UpdateFunctionCode: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'CodeStorageExceededException',
    'PreconditionFailedException',
    'RequestEntityTooLargeException',
    ...UNDECLARED,
  ],
  UpdateFunctionConfiguration: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'PreconditionFailedException',
    ...UNDECLARED,
  ],
  PublishVersion: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'CodeStorageExceededException',
    'PreconditionFailedException',
    ...UNDECLARED,
  ],
  DeleteFunction: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  CreateAlias: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'AliasLimitExceededException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  UpdateAlias: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'PreconditionFailedException',
    ...UNDECLARED,
  ],
  DeleteAlias: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  TagResource: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  UntagResource: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetFunction: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetFunctionConfiguration: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListVersionsByFunction: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetAlias: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListAliases: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListTags: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListFunctions: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ValidationException',
  ],
  GetAccountSettings: ['TooManyRequestsException'],
  PutFunctionConcurrency: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetFunctionConcurrency: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  DeleteFunctionConcurrency: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  PutProvisionedConcurrencyConfig: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetProvisionedConcurrencyConfig: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'ProvisionedConcurrencyConfigNotFoundException',
    ...UNDECLARED,
  ],
  DeleteProvisionedConcurrencyConfig: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListProvisionedConcurrencyConfigs: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  // botocore also declares the ENI, KMS, EFS, SnapStart, S3 and Durable failures, which need
  // resources the model does not have; `RequestEntityTooLargeException` is the code AWS sends for
  // botocore's `RequestTooLargeException` (spec invocation §1.4).
  Invoke: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'InvalidRequestContentException',
    'RequestEntityTooLargeException',
    ...UNDECLARED,
  ],
  PutFunctionEventInvokeConfig: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  UpdateFunctionEventInvokeConfig: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  DeleteFunctionEventInvokeConfig: [
    'InvalidParameterValueException',
    'ResourceConflictException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  GetFunctionEventInvokeConfig: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  ListFunctionEventInvokeConfigs: [
    'InvalidParameterValueException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    ...UNDECLARED,
  ],
  // Not an AWS operation: the model's own completion command.
  CompleteInvocation: ['ResourceNotFoundException', 'ValidationException'],
} as const satisfies Readonly<Record<string, ReadonlyArray<AwsErrorTag>>>;

/** An operation with a declared error list. */
export type DeclaredOperation = keyof typeof DECLARED_ERRORS;

/** The error union of one operation, e.g. `OperationError<'CreateAlias'>`. */
export type OperationError<Op extends DeclaredOperation> = Extract<
  AwsError,
  { readonly _tag: (typeof DECLARED_ERRORS)[Op][number] }
>;

/** Whether an error is one `operation` may return (spec control-plane §5.2). */
export const isDeclaredError = (operation: DeclaredOperation, error: AwsError): boolean =>
  (DECLARED_ERRORS[operation] as ReadonlyArray<AwsErrorTag>).includes(error._tag);

/** The errors CreateFunction may return. */
export type CreateFunctionError = OperationError<'CreateFunction'>;
/** The errors UpdateFunctionCode may return. */
export type UpdateFunctionCodeError = OperationError<'UpdateFunctionCode'>;
/** The errors UpdateFunctionConfiguration may return. */
export type UpdateFunctionConfigurationError = OperationError<'UpdateFunctionConfiguration'>;
/** The errors PublishVersion may return. */
export type PublishVersionError = OperationError<'PublishVersion'>;
/** The errors DeleteFunction may return. */
export type DeleteFunctionError = OperationError<'DeleteFunction'>;
/** The errors CreateAlias may return. */
export type CreateAliasError = OperationError<'CreateAlias'>;
/** The errors UpdateAlias may return. */
export type UpdateAliasError = OperationError<'UpdateAlias'>;
/** The errors DeleteAlias may return. */
export type DeleteAliasError = OperationError<'DeleteAlias'>;
