/**
 * Decisions of the versions domain: PublishVersion and DeleteFunction with a `Qualifier`
 * (spec control-plane §2.7, §3).
 *
 * @module
 */
import { aliasesReferencing } from '../aliases/queries.js';
import { entryOf } from '../kernel/dictionary.js';
import { functionArn } from '../kernel/arn.js';
import {
  codeStorageExceeded,
  functionNotFound,
  invalidParameterValue,
  resourceConflict,
  type AwsError,
} from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { checkString } from '../kernel/validation.js';
import type { Decision, LambdaEvent, LambdaState } from '../lambda.js';
import { changeBlocked, functionToChange } from '../functions/decide.js';
import { codeStorageUsedBytes } from '../functions/queries.js';
import type { PublishVersion } from './commands.js';
import type { FunctionVersionPublished } from './events.js';
import { isVersionNumber } from '../kernel/ids.js';

type Result = Either<AwsError, ReadonlyArray<LambdaEvent>>;

/** Decides one versions-domain command. */
export function decideVersions(command: PublishVersion, decision: Decision): Result {
  return publishVersion(command, decision);
}

/** The event of publishing `version` of a function now. */
export function publishedVersionEvent(
  functionName: string,
  version: string,
  description: string,
  atMs: number,
  nextRevisionId: () => string,
): FunctionVersionPublished {
  return {
    type: 'FunctionVersionPublished',
    functionName,
    version,
    atMs,
    description,
    revisionId: nextRevisionId(),
    latestRevisionId: nextRevisionId(),
  };
}

function publishVersion(
  command: PublishVersion,
  { state, nowMs, nextRevisionId }: Decision,
): Result {
  const input = command.input;
  const found = functionToChange(
    state,
    input.FunctionName,
    input.Description === undefined
      ? []
      : checkString('description', input.Description, { max: 256 }),
  );
  if (isLeft(found)) return found;
  const record = found.right;
  const blocked = changeBlocked(state, record, input.RevisionId);
  if (blocked !== undefined) return left(blocked);
  const latestSha = record.latest.code.codeSha256;
  // A CodeSha256 mismatch is a 400, not a 412 (spec control-plane §3.2, §9.3).
  if (input.CodeSha256 !== undefined && input.CodeSha256 !== latestSha) {
    return left(
      invalidParameterValue(
        `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latestSha}). Please try again with the CodeSHA256 in $LATEST.`,
      ),
    );
  }
  const versions = entryOf(state.versions.byFunction, record.name);
  // No accepted update since the last publish: AWS returns that version unchanged, comparing no
  // values (spec control-plane §3.2). If that version was deleted, a new one is published (model;
  // AWS's answer there is unverified).
  if (
    versions !== undefined &&
    !versions.changedSincePublish &&
    versions.lastPublished !== undefined
  ) {
    return right([]);
  }
  if (
    codeStorageUsedBytes(state) + record.latest.code.codeSizeBytes >
    state.settings.codeStorageLimitBytes
  ) {
    return left(codeStorageExceeded());
  }
  const number = String(versions?.nextNumber ?? 1);
  return right([
    publishedVersionEvent(
      record.name,
      number,
      input.Description ?? record.latest.config.description,
      nowMs,
      nextRevisionId,
    ),
  ]);
}

/**
 * DeleteFunction with a qualifier (spec control-plane §2.7): `$LATEST` and alias-like qualifiers
 * are refused before the function is looked up; a missing version is an idempotent no-op; a
 * version an alias references (as primary or as routing target) cannot be deleted.
 */
export function decideDeleteVersion(
  state: LambdaState,
  functionName: string,
  qualifier: string,
  nowMs: number,
): Result {
  if (qualifier === '$LATEST') {
    return left(
      invalidParameterValue('$LATEST version cannot be deleted without deleting the function.'),
    );
  }
  if (!isVersionNumber(qualifier)) {
    return left(invalidParameterValue('Deletion of aliases is not currently supported.'));
  }
  const versions = entryOf(state.versions.byFunction, functionName);
  if (versions === undefined)
    return left(functionNotFound(functionArn(state.settings.account, functionName)));
  if (versions.published[qualifier] === undefined) return right([]);
  const referencing = aliasesReferencing(state, functionName, qualifier);
  if (referencing.length > 0) {
    return left(
      resourceConflict(
        `Unable to delete version because the following aliases reference it: [${referencing.join(', ')}]`,
      ),
    );
  }
  return right([{ type: 'FunctionVersionDeleted', functionName, version: qualifier, atMs: nowMs }]);
}
