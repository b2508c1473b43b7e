/**
 * Decisions of the functions domain: CreateFunction, UpdateFunctionCode,
 * UpdateFunctionConfiguration, DeleteFunction, TagResource, UntagResource, and the lifecycle
 * transitions that the clock brings (spec control-plane §2).
 *
 * @module
 */
import { functionArn, resolveFunctionName, type FunctionReference } from '../kernel/arn.js';
import { entryOf } from '../kernel/dictionary.js';
import {
  codeStorageExceeded,
  functionInState,
  functionNotFound,
  invalidParameterValue,
  resourceConflict,
  resourceNotFound,
  revisionIdMismatch,
  updateInProgress,
  type AwsError,
  type InvalidParameterValueException,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import {
  checkString,
  toValidationException,
  violation,
  type Violation,
} from '../kernel/validation.js';
import type { Decision, LambdaEvent, LambdaState } from '../lambda.js';
import { publishedVersionEvent } from '../versions/decide.js';
import type { FunctionVersionActivated } from '../versions/events.js';
import { decideDeleteVersion } from '../versions/decide.js';
import type {
  CreateFunction,
  DeleteFunction,
  FunctionCodeInput,
  FunctionsCommand,
  TagResource,
  UntagResource,
  UpdateFunctionCode,
  UpdateFunctionConfiguration,
} from './commands.js';
import {
  applyConfiguration,
  architecturesViolations,
  codeLocationViolations,
  configurationError,
  configurationViolations,
  defaultConfiguration,
  LIMITS,
  packageTypeViolations,
  tagViolations,
} from './configuration.js';
import type { FunctionActivated, FunctionUpdateCompleted, FunctionsEvent } from './events.js';
import { packageFromInput } from './package.js';
import { dueBy } from './transitions.js';
import { codeStorageUsedBytes } from './queries.js';
import type { Architecture, FunctionRecord, PackageType } from './state.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

/** Decides one functions-domain command. */
export function decideFunctions(command: FunctionsCommand, decision: Decision): Result {
  switch (command.type) {
    case 'CreateFunction':
      return createFunction(command, decision);
    case 'UpdateFunctionCode':
      return updateFunctionCode(command, decision);
    case 'UpdateFunctionConfiguration':
      return updateFunctionConfiguration(command, decision);
    case 'DeleteFunction':
      return deleteFunction(command, decision);
    case 'TagResource':
      return tagResource(command, decision);
    case 'UntagResource':
      return untagResource(command, decision);
  }
}

/**
 * The lifecycle transitions due by `nowMs`, in due order: a Pending function becomes Active, an
 * update in progress completes; versions published meanwhile become Active with their function.
 */
export function dueTransitions(
  state: LambdaState,
  nowMs: number,
  nextRevisionId: () => string,
): LambdaEvent[] {
  const out: LambdaEvent[] = [];
  for (const transition of dueBy(state.functions.transitions, nowMs)) {
    const name = transition.functionName;
    const settled: FunctionActivated | FunctionUpdateCompleted = {
      type: transition.kind === 'Activation' ? 'FunctionActivated' : 'FunctionUpdateCompleted',
      functionName: name,
      atMs: transition.dueMs,
      revisionId: nextRevisionId(),
    };
    out.push(settled);
    const published = entryOf(state.versions.byFunction, name)?.published ?? {};
    for (const [version, record] of Object.entries(published)) {
      if (record.lifecycle.state !== 'Pending') continue;
      const activated: FunctionVersionActivated = {
        type: 'FunctionVersionActivated',
        functionName: name,
        version,
        atMs: transition.dueMs,
      };
      out.push(activated);
    }
  }
  return out;
}

/** The `Code` member must name exactly one source (model messages; see docs/fidelity.md). */
function codeSourceError(
  code: FunctionCodeInput,
  packageType: PackageType,
): InvalidParameterValueException | undefined {
  const hasZip = code.ZipFile !== undefined;
  const hasS3 = code.S3Bucket !== undefined || code.S3Key !== undefined;
  const hasImage = code.ImageUri !== undefined;
  if (packageType === 'Image') {
    if (hasZip || hasS3)
      return invalidParameterValue(
        'Please provide ImageUri when creating a function with packageType Image.',
      );
    if (!hasImage)
      return invalidParameterValue(
        'Please provide ImageUri when creating a function with packageType Image.',
      );
    return undefined;
  }
  if (hasImage)
    return invalidParameterValue(
      "Please don't provide ImageUri when creating a function with packageType Zip.",
    );
  if (hasZip && hasS3) {
    return invalidParameterValue(
      'Please do not provide other FunctionCode properties when providing a ZipFile.',
    );
  }
  if (!hasZip && (code.S3Bucket === undefined || code.S3Key === undefined)) {
    return invalidParameterValue('Please provide a source for function code.');
  }
  return undefined;
}

function createFunction(
  command: CreateFunction,
  { state, nowMs, nextRevisionId }: Decision,
): Result {
  const input = command.input;
  const { settings } = state;
  const packageType = (input.PackageType ?? 'Zip') as PackageType;
  // Model validation first: every violated member in one ValidationException, in the request
  // shape's member order (spec control-plane §1.3, §2.1).
  const violations: Violation[] = [
    ...configurationViolations(input, settings),
    ...codeLocationViolations(input.Code),
    ...packageTypeViolations(input.PackageType),
    ...architecturesViolations(input.Architectures),
    ...(input.Tags === undefined ? [] : tagViolations(input.Tags)),
  ];
  // Role is required by the request shape (botocore `CreateFunctionRequest`, spec §2.1).
  // The type requires it, but requests built from JSON or plain JavaScript can still omit it.
  if ((input as { readonly Role?: string }).Role === undefined)
    violations.push(violation.notNull('role'));
  // Zip functions need a runtime and a handler; AWS reports their absence as null members.
  if (packageType === 'Zip' && input.Runtime === undefined)
    violations.push(violation.notNull('runtime'));
  if (packageType === 'Zip' && input.Handler === undefined)
    violations.push(violation.notNull('handler'));
  const resolved = resolveFunctionName(
    settings.account,
    input.FunctionName,
    'FunctionName',
    undefined,
    violations,
  );
  if (isLeft(resolved)) return resolved;
  const { name, qualifier } = resolved.right;
  // A bare name is limited to 64 characters; AWS answers InvalidParameterValueException here,
  // with validation-style text (spec control-plane §1.1).
  if (name.length > 64) {
    return left(
      invalidParameterValue(
        `1 validation error detected: ${violation.maxLength('functionName', input.FunctionName, 64)}`,
      ),
    );
  }
  if (qualifier !== undefined) return left(unqualifiedNameRequired(input.FunctionName));
  const sourceError = codeSourceError(input.Code, packageType);
  if (sourceError !== undefined) return left(sourceError);
  if (
    packageType === 'Image' &&
    (input.Runtime !== undefined || input.Handler !== undefined || input.Layers !== undefined)
  ) {
    return left(
      invalidParameterValue(
        "Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.",
      ),
    );
  }
  const configError = configurationError(input, settings);
  if (configError !== undefined) return left(configError);
  if (input.Tags !== undefined && Object.keys(input.Tags).length > LIMITS.tagsMax) {
    return left(invalidParameterValue('Number of tags exceeds resource tag limit.'));
  }
  const code = packageFromInput(input.Code, packageType);
  if (isLeft(code)) return code;
  if (entryOf(state.functions.byName, name) !== undefined) {
    return left(resourceConflict(`Function already exist: ${name}`));
  }
  const publish = input.Publish === true;
  const added = code.right.codeSizeBytes * (publish ? 2 : 1);
  if (codeStorageUsedBytes(state) + added > settings.codeStorageLimitBytes)
    return left(codeStorageExceeded());
  const config = applyConfiguration(
    {
      ...defaultConfiguration(name, input.Role),
      architecture: (input.Architectures?.[0] ?? 'x86_64') as Architecture,
    },
    input,
  );
  const created: FunctionsEvent = {
    type: 'FunctionCreated',
    functionName: name,
    atMs: nowMs,
    config,
    code: code.right,
    tags: { ...input.Tags },
    revisionId: nextRevisionId(),
    activatesAtMs: nowMs + settings.functionActivationDelayMs,
  };
  // With Publish, version 1 is published in the same request (spec control-plane §2.1).
  return right(
    publish
      ? [created, publishedVersionEvent(name, '1', config.description, nowMs, nextRevisionId)]
      : [created],
  );
}

/**
 * Update and publish operations act on the function itself: a name qualified with `$LATEST` is
 * the same thing, any other qualifier is refused (model text; AWS's is not recorded).
 */
function unqualifiedNameRequired(functionName: string): InvalidParameterValueException {
  return invalidParameterValue(
    `Unsupported function name: ${functionName}. This operation accepts only an unqualified function name or ARN, or one qualified with $LATEST.`,
  );
}

/**
 * Resolves the name of a function-level operation (update, publish, aliases): model validation of
 * all the request's members together, then the name, whose only accepted qualifier is `$LATEST`.
 */
export function functionLevelName(
  state: LambdaState,
  functionName: string,
  violations: ReadonlyArray<Violation> = [],
): Either<AwsError, string> {
  const resolved = resolveFunctionName(
    state.settings.account,
    functionName,
    'FunctionName',
    undefined,
    violations,
  );
  if (isLeft(resolved)) return resolved;
  const { name, qualifier } = resolved.right;
  if (qualifier !== undefined && qualifier !== '$LATEST')
    return left(unqualifiedNameRequired(functionName));
  return right(name);
}

/**
 * Resolves the function an update or publish acts on; it must exist (404 with the unqualified
 * ARN, spec control-plane §1.4).
 */
export function functionToChange(
  state: LambdaState,
  functionName: string,
  violations: ReadonlyArray<Violation> = [],
): Either<AwsError, FunctionRecord> {
  const name = functionLevelName(state, functionName, violations);
  if (isLeft(name)) return name;
  const record = entryOf(state.functions.byName, name.right);
  if (record === undefined)
    return left(functionNotFound(functionArn(state.settings.account, name.right)));
  return right(record);
}

/**
 * Code, configuration and publish changes wait for the function to be Active and for any update
 * in progress to finish (409, spec control-plane §2.3, §2.4, §2.8); then the RevisionId precondition
 * is checked (412, §2.10).
 */
export function changeBlocked(
  state: LambdaState,
  record: FunctionRecord,
  revisionId: string | undefined,
): AwsError | undefined {
  const { lifecycle } = record.latest;
  if (lifecycle.state !== 'Active') return functionInState(lifecycle.state);
  if (lifecycle.lastUpdateStatus === 'InProgress') {
    return updateInProgress(functionArn(state.settings.account, record.name));
  }
  if (revisionId !== undefined && revisionId !== record.latest.revisionId)
    return revisionIdMismatch();
  return undefined;
}

function updateFunctionCode(
  command: UpdateFunctionCode,
  { state, nowMs, nextRevisionId }: Decision,
): Result {
  const input = command.input;
  const found = functionToChange(state, input.FunctionName, [
    ...codeLocationViolations(input),
    ...architecturesViolations(input.Architectures),
  ]);
  if (isLeft(found)) return found;
  const record = found.right;
  const packageType = record.latest.code.packageType;
  // The package type is fixed at creation (spec control-plane §2.3): an Image function takes an
  // ImageUri and nothing else, so a zip or an S3 object is refused even beside an ImageUri.
  const hasZipSource =
    input.ZipFile !== undefined || input.S3Bucket !== undefined || input.S3Key !== undefined;
  if (packageType === 'Image' && (input.ImageUri === undefined || hasZipSource)) {
    return left(
      invalidParameterValue(
        'Please provide ImageUri when updating a function with packageType Image.',
      ),
    );
  }
  if (packageType === 'Zip' && input.ImageUri !== undefined) {
    return left(
      invalidParameterValue(
        "Please don't provide ImageUri when updating a function with packageType Zip.",
      ),
    );
  }
  if (packageType === 'Zip') {
    const sourceError = codeSourceError(input, 'Zip');
    if (sourceError !== undefined) return left(sourceError);
  }
  const code = packageFromInput(input, packageType);
  if (isLeft(code)) return code;
  const blocked = changeBlocked(state, record, input.RevisionId);
  if (blocked !== undefined) return left(blocked);
  const publish = input.Publish === true;
  const added = code.right.codeSizeBytes * (publish ? 2 : 1) - record.latest.code.codeSizeBytes;
  if (codeStorageUsedBytes(state) + added > state.settings.codeStorageLimitBytes)
    return left(codeStorageExceeded());
  // DryRun validates the request and changes nothing.
  if (input.DryRun === true) return right([]);
  const updated: FunctionsEvent = {
    type: 'FunctionCodeUpdated',
    functionName: record.name,
    atMs: nowMs,
    code: code.right,
    architecture: (input.Architectures?.[0] ?? record.latest.config.architecture) as Architecture,
    revisionId: nextRevisionId(),
    completesAtMs: nowMs + state.settings.functionUpdateDelayMs,
  };
  if (!publish) return right([updated]);
  // Publish=true always publishes a new version, even for identical code (spec control-plane §2.3).
  const number = String(entryOf(state.versions.byFunction, record.name)?.nextNumber ?? 1);
  return right([
    updated,
    publishedVersionEvent(
      record.name,
      number,
      record.latest.config.description,
      nowMs,
      nextRevisionId,
    ),
  ]);
}

function updateFunctionConfiguration(
  command: UpdateFunctionConfiguration,
  { state, nowMs, nextRevisionId }: Decision,
): Result {
  const input = command.input;
  const found = functionToChange(
    state,
    input.FunctionName,
    configurationViolations(input, state.settings),
  );
  if (isLeft(found)) return found;
  const record = found.right;
  if (
    record.latest.code.packageType === 'Image' &&
    (input.Runtime !== undefined || input.Handler !== undefined || (input.Layers?.length ?? 0) > 0)
  ) {
    return left(
      invalidParameterValue(
        "Please don't provide Handler or Runtime or Layer when the intended function PackageType is Image.",
      ),
    );
  }
  const configError = configurationError(input, state.settings);
  if (configError !== undefined) return left(configError);
  const blocked = changeBlocked(state, record, input.RevisionId);
  if (blocked !== undefined) return left(blocked);
  // Every accepted call is a change, even with identical values (spec control-plane §2.4).
  return right([
    {
      type: 'FunctionConfigurationUpdated',
      functionName: record.name,
      atMs: nowMs,
      config: applyConfiguration(record.latest.config, input),
      revisionId: nextRevisionId(),
      completesAtMs: nowMs + state.settings.functionUpdateDelayMs,
    },
  ]);
}

function deleteFunction(command: DeleteFunction, { state, nowMs }: Decision): Result {
  const input = command.input;
  const resolved = resolveFunctionName(
    state.settings.account,
    input.FunctionName,
    'FunctionName',
    input.Qualifier,
  );
  if (isLeft(resolved)) return resolved;
  const reference: FunctionReference = resolved.right;
  if (reference.qualifier !== undefined)
    return decideDeleteVersion(state, reference.name, reference.qualifier, nowMs);
  if (entryOf(state.functions.byName, reference.name) === undefined) {
    return left(functionNotFound(functionArn(state.settings.account, reference.name)));
  }
  // Deleting the function deletes all its versions and aliases (spec control-plane §2.7).
  return right([{ type: 'FunctionDeleted', functionName: reference.name, atMs: nowMs }]);
}

/** The `Resource` pattern of the tagging operations, as AWS quotes it (recorded 2023). */
const TAGGABLE_RESOURCE_PATTERN =
  'arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|layer:[a-zA-Z0-9-_]+)';
const TAGGABLE_RESOURCE_REGEX =
  /^arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso(b?)))?-[a-z]+-\d{1}:\d{12}:(function:[a-zA-Z0-9_-]+(:(\$LATEST|[a-zA-Z0-9_-]+))?|layer:[a-zA-Z0-9_-]+)$/;

/**
 * Resolves the `Resource` of a tagging operation to a function: the ARN pattern, then a qualifier
 * is refused before existence is checked (spec control-plane §2.9), then the function must exist.
 */
export function taggedFunction(
  state: LambdaState,
  resource: string,
  violations: ReadonlyArray<Violation>,
): Either<AwsError, FunctionRecord> {
  const invalid = toValidationException([
    ...checkString('resource', resource, {
      pattern: TAGGABLE_RESOURCE_PATTERN,
      regex: TAGGABLE_RESOURCE_REGEX,
      min: 1,
      max: 256,
    }),
    ...violations,
  ]);
  if (invalid !== undefined) return left(invalid);
  // Layers are not modelled, so a layer ARN names nothing that exists.
  if (resource.split(':')[5] === 'layer')
    return left(resourceNotFound('The resource you requested does not exist.'));
  const resolved = resolveFunctionName(state.settings.account, resource, 'FunctionName');
  if (isLeft(resolved)) return resolved;
  if (resolved.right.qualifier !== undefined) {
    return left(
      invalidParameterValue(
        'Tags on function aliases and versions are not supported. Please specify a function ARN.',
      ),
    );
  }
  const record = entryOf(state.functions.byName, resolved.right.name);
  if (record === undefined)
    return left(functionNotFound(functionArn(state.settings.account, resolved.right.name)));
  return right(record);
}

function tagResource(command: TagResource, { state, nowMs }: Decision): Result {
  const { Resource, Tags } = command.input;
  const found = taggedFunction(state, Resource, tagViolations(Tags));
  if (isLeft(found)) return found;
  if (Object.keys(Tags).length === 0) {
    return left(invalidParameterValue('An error occurred and the request cannot be processed.'));
  }
  const keys = new Set([...Object.keys(found.right.tags), ...Object.keys(Tags)]);
  if (keys.size > LIMITS.tagsMax)
    return left(invalidParameterValue('Number of tags exceeds resource tag limit.'));
  return right([
    { type: 'FunctionTagged', functionName: found.right.name, atMs: nowMs, tags: { ...Tags } },
  ]);
}

function untagResource(command: UntagResource, { state, nowMs }: Decision): Result {
  const { Resource, TagKeys } = command.input;
  const keyViolations: Violation[] = TagKeys.length === 0 ? [violation.notNull('tagKeys')] : [];
  const found = taggedFunction(state, Resource, keyViolations);
  if (isLeft(found)) return found;
  // Untagging keys that are not there succeeds and changes nothing (recorded AWS behaviour).
  const present = TagKeys.filter((key) => Object.hasOwn(found.right.tags, key));
  if (present.length === 0) return right([]);
  return right([
    { type: 'FunctionUntagged', functionName: found.right.name, atMs: nowMs, tagKeys: present },
  ]);
}
