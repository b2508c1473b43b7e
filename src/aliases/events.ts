/**
 * Facts about aliases (spec control-plane §4).
 *
 * @module
 */

/** The routing of a weighted alias: the additional version and the share of traffic it gets. */
export type AdditionalVersionWeights = Readonly<Record<string, number>>;

/** An alias was created. */
export interface AliasCreated {
  readonly type: 'AliasCreated';
  readonly functionName: string;
  readonly aliasName: string;
  readonly atMs: number;
  readonly functionVersion: string;
  readonly description: string;
  /** Absent when the alias has no routing (or an empty map was given). */
  readonly additionalVersionWeights?: AdditionalVersionWeights;
  readonly revisionId: string;
}

/** An alias was updated: the event carries the alias's whole new configuration. */
export interface AliasUpdated {
  readonly type: 'AliasUpdated';
  readonly functionName: string;
  readonly aliasName: string;
  readonly atMs: number;
  readonly functionVersion: string;
  readonly description: string;
  readonly additionalVersionWeights?: AdditionalVersionWeights;
  readonly revisionId: string;
}

/** An alias was deleted. */
export interface AliasDeleted {
  readonly type: 'AliasDeleted';
  readonly functionName: string;
  readonly aliasName: string;
  readonly atMs: number;
}

/** Every event of the aliases domain. */
export type AliasesEvent = AliasCreated | AliasUpdated | AliasDeleted;
