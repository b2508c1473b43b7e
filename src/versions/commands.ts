/**
 * The versions operations as commands (spec control-plane §3).
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** PublishVersion request (`POST /2015-03-31/functions/{FunctionName}/versions`). */
export interface PublishVersionRequest {
  readonly FunctionName: string;
  /** Publish only if `$LATEST` has this CodeSha256 (400 otherwise). */
  readonly CodeSha256?: string;
  /** A description for the version, overriding `$LATEST`'s. */
  readonly Description?: string;
  /** Publish only if `$LATEST` has this RevisionId (412 otherwise). */
  readonly RevisionId?: string;
}

/** PublishVersion as a command. */
export type PublishVersion = Command<'PublishVersion', PublishVersionRequest>;

/** Every command of the versions domain. */
export type VersionsCommand = PublishVersion;
