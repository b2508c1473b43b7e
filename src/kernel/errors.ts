/**
 * AWS Lambda's exceptions as plain data: `_tag` is the exception name, `statusCode` the HTTP
 * status botocore declares for it, `type` the `Type` member AWS puts in client-error bodies, and
 * `message` AWS's own text where it is known (spec control-plane §5).
 *
 * @module
 */

/** `TooManyRequestsException.Reason`, botocore enum `ThrottleReason` (spec control-plane §5.1). */
export type ThrottleReason =
  | 'ConcurrentInvocationLimitExceeded'
  | 'FunctionInvocationRateLimitExceeded'
  | 'ReservedFunctionConcurrentInvocationLimitExceeded'
  | 'ReservedFunctionInvocationRateLimitExceeded'
  | 'CallerRateLimitExceeded'
  | 'ConcurrentSnapshotCreateLimitExceeded';

/** The members every modelled AWS error has. */
export interface AwsErrorOf<Tag extends string, Status extends number> {
  /** The AWS exception name, e.g. `ResourceNotFoundException`. */
  readonly _tag: Tag;
  /** The HTTP status AWS answers with. */
  readonly statusCode: Status;
  /** AWS marks client errors `"Type": "User"`. */
  readonly type: 'User';
  /** AWS's message text. */
  readonly message: string;
}

/** 400: a request member has a value the service rejects (spec control-plane §5.1). */
export type InvalidParameterValueException = AwsErrorOf<'InvalidParameterValueException', 400>;
/** 400: a request member breaks the model's pattern, length, range or enum (spec §5.1, §9.8). */
export type ValidationException = AwsErrorOf<'ValidationException', 400>;
/** 404: the function, version or alias does not exist. */
export type ResourceNotFoundException = AwsErrorOf<'ResourceNotFoundException', 404>;
/** 409: a duplicate, an update in progress, a Pending function, a referenced version. */
export type ResourceConflictException = AwsErrorOf<'ResourceConflictException', 409>;
/** 412: the `RevisionId` precondition failed. */
export type PreconditionFailedException = AwsErrorOf<'PreconditionFailedException', 412>;
/** 400: the account's code storage quota (75 GB by default) is used up. */
export type CodeStorageExceededException = AwsErrorOf<'CodeStorageExceededException', 400>;
/** 400: the function has as many aliases as the quota allows. */
export type AliasLimitExceededException = AwsErrorOf<'AliasLimitExceededException', 400>;
/** 413: a zipped package over 50 MB (not declared in botocore, observed on AWS). */
export type RequestEntityTooLargeException = AwsErrorOf<'RequestEntityTooLargeException', 413>;
/** 403: an ARN that names another account (not declared in botocore, observed on AWS). */
export type AccessDeniedException = AwsErrorOf<'AccessDeniedException', 403>;

/** 404: the version or alias has no provisioned-concurrency config (spec invocation §3.4). */
export type ProvisionedConcurrencyConfigNotFoundException = AwsErrorOf<
  'ProvisionedConcurrencyConfigNotFoundException',
  404
>;
/** 400: the Invoke payload is not JSON (spec invocation §1.4). */
export type InvalidRequestContentException = AwsErrorOf<'InvalidRequestContentException', 400>;

/** 429: throttled, with the reason AWS gives. */
export interface TooManyRequestsException extends AwsErrorOf<'TooManyRequestsException', 429> {
  readonly reason: ThrottleReason;
  /** The `Retry-After` header, in seconds, when AWS sends one. */
  readonly retryAfterSeconds?: string;
}

/** Every AWS error the model can return. */
export type AwsError =
  | InvalidParameterValueException
  | ValidationException
  | ResourceNotFoundException
  | ResourceConflictException
  | PreconditionFailedException
  | CodeStorageExceededException
  | AliasLimitExceededException
  | RequestEntityTooLargeException
  | AccessDeniedException
  | ProvisionedConcurrencyConfigNotFoundException
  | InvalidRequestContentException
  | TooManyRequestsException;

/** The exception names, for checking that a `Left` is one an operation can return. */
export type AwsErrorTag = AwsError['_tag'];

function make<Tag extends string, Status extends number>(
  tag: Tag,
  statusCode: Status,
  message: string,
): AwsErrorOf<Tag, Status> {
  return { _tag: tag, statusCode, type: 'User', message };
}

/** Builds an `InvalidParameterValueException` (400). */
export const invalidParameterValue = (message: string): InvalidParameterValueException =>
  make('InvalidParameterValueException', 400, message);

/** Builds a `ValidationException` (400). */
export const validationException = (message: string): ValidationException =>
  make('ValidationException', 400, message);

/** Builds a `ResourceNotFoundException` (404). */
export const resourceNotFound = (message: string): ResourceNotFoundException =>
  make('ResourceNotFoundException', 404, message);

/** Builds a `ResourceConflictException` (409). */
export const resourceConflict = (message: string): ResourceConflictException =>
  make('ResourceConflictException', 409, message);

/** Builds a `PreconditionFailedException` (412). */
export const preconditionFailed = (message: string): PreconditionFailedException =>
  make('PreconditionFailedException', 412, message);

/** Builds a `CodeStorageExceededException` (400) with AWS's text `Code storage limit exceeded.` */
export const codeStorageExceeded = (): CodeStorageExceededException =>
  make('CodeStorageExceededException', 400, 'Code storage limit exceeded.');

/** Builds an `AliasLimitExceededException` (400). */
export const aliasLimitExceeded = (message: string): AliasLimitExceededException =>
  make('AliasLimitExceededException', 400, message);

/** Builds a `RequestEntityTooLargeException` (413). */
export const requestEntityTooLarge = (message: string): RequestEntityTooLargeException =>
  make('RequestEntityTooLargeException', 413, message);

/** Builds an `AccessDeniedException` (403). */
export const accessDenied = (message: string): AccessDeniedException =>
  make('AccessDeniedException', 403, message);

/**
 * Builds the 404 for a version or alias without a provisioned-concurrency config, with AWS's text
 * (spec invocation §3.4).
 */
export const provisionedConcurrencyConfigNotFound =
  (): ProvisionedConcurrencyConfigNotFoundException =>
    make(
      'ProvisionedConcurrencyConfigNotFoundException',
      404,
      'No Provisioned Concurrency Config found for this function',
    );

/** Builds an `InvalidRequestContentException` (400). */
export const invalidRequestContent = (message: string): InvalidRequestContentException =>
  make('InvalidRequestContentException', 400, message);

/** Builds a `TooManyRequestsException` (429) with AWS's `Rate Exceeded.` text and a reason. */
export const tooManyRequests = (reason: ThrottleReason): TooManyRequestsException => ({
  ...make('TooManyRequestsException', 429, 'Rate Exceeded.'),
  reason,
});

// Messages that several domains share (spec control-plane §5.3).

/** 404 `Function not found: <arn>` (spec control-plane §1.4). */
export const functionNotFound = (arn: string): ResourceNotFoundException =>
  resourceNotFound(`Function not found: ${arn}`);

/** 412 for a `RevisionId` that is not the current one (spec control-plane §2.10). */
export const revisionIdMismatch = (): PreconditionFailedException =>
  preconditionFailed(
    'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id',
  );

/** 409 while an update of the function is `InProgress` (spec control-plane §2.3). */
export const updateInProgress = (unqualifiedArn: string): ResourceConflictException =>
  resourceConflict(
    `The operation cannot be performed at this time. An update is in progress for resource: ${unqualifiedArn}`,
  );

/** 409 while the function is not yet `Active` (spec control-plane §2.4). */
export const functionInState = (state: string): ResourceConflictException =>
  resourceConflict(
    `The operation cannot be performed at this time. The function is currently in the following state: ${state}`,
  );
