/**
 * Facts about published versions (spec control-plane §3).
 *
 * @module
 */

/**
 * A new numbered version was published: a frozen copy of `$LATEST` as it was at `atMs`, with
 * `description` (the PublishVersion argument, or `$LATEST`'s description).
 */
export interface FunctionVersionPublished {
  readonly type: 'FunctionVersionPublished';
  readonly functionName: string;
  /** The new version number as AWS writes it: a decimal string, "1" for the first. */
  readonly version: string;
  readonly atMs: number;
  readonly description: string;
  /** The new version's own RevisionId. */
  readonly revisionId: string;
  /** `$LATEST`'s new RevisionId: publishing changes it (spec control-plane §2.10). */
  readonly latestRevisionId: string;
}

/** A version published while its function was Pending or updating became Active. */
export interface FunctionVersionActivated {
  readonly type: 'FunctionVersionActivated';
  readonly functionName: string;
  readonly version: string;
  readonly atMs: number;
}

/** One numbered version was deleted (DeleteFunction with `Qualifier`, spec control-plane §2.7). */
export interface FunctionVersionDeleted {
  readonly type: 'FunctionVersionDeleted';
  readonly functionName: string;
  readonly version: string;
  readonly atMs: number;
}

/** Every event of the versions domain. */
export type VersionsEvent =
  FunctionVersionPublished | FunctionVersionActivated | FunctionVersionDeleted;
