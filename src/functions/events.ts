/**
 * Facts about functions and `$LATEST`. Events are a stored format: JSON-safe, camelCase, units in
 * field names, time in integer epoch milliseconds. A change to a shape needs an upcaster and an
 * entry under "Event format" in the CHANGELOG.
 *
 * @module
 */
import type { FunctionCode, FunctionConfig } from './state.js';

/** A function was created; `$LATEST` is `Pending` until `activatesAtMs`. */
export interface FunctionCreated {
  readonly type: 'FunctionCreated';
  readonly functionName: string;
  readonly atMs: number;
  readonly config: FunctionConfig;
  readonly code: FunctionCode;
  readonly tags: Readonly<Record<string, string>>;
  readonly revisionId: string;
  /** When the function becomes `Active` (creation time plus the activation delay setting). */
  readonly activatesAtMs: number;
}

/** The function left `Pending` and is `Active` (spec control-plane §2.8). */
export interface FunctionActivated {
  readonly type: 'FunctionActivated';
  readonly functionName: string;
  readonly atMs: number;
  readonly revisionId: string;
}

/** UpdateFunctionCode was accepted; `LastUpdateStatus` is `InProgress` until `completesAtMs`. */
export interface FunctionCodeUpdated {
  readonly type: 'FunctionCodeUpdated';
  readonly functionName: string;
  readonly atMs: number;
  readonly code: FunctionCode;
  readonly architecture: FunctionConfig['architecture'];
  readonly revisionId: string;
  readonly completesAtMs: number;
}

/** UpdateFunctionConfiguration was accepted: `config` is the whole new `$LATEST` configuration. */
export interface FunctionConfigurationUpdated {
  readonly type: 'FunctionConfigurationUpdated';
  readonly functionName: string;
  readonly atMs: number;
  readonly config: FunctionConfig;
  readonly revisionId: string;
  readonly completesAtMs: number;
}

/** An update finished: `LastUpdateStatus` is `Successful` (spec control-plane §2.3). */
export interface FunctionUpdateCompleted {
  readonly type: 'FunctionUpdateCompleted';
  readonly functionName: string;
  readonly atMs: number;
  readonly revisionId: string;
}

/** The function, all its versions and all its aliases were deleted (spec control-plane §2.7). */
export interface FunctionDeleted {
  readonly type: 'FunctionDeleted';
  readonly functionName: string;
  readonly atMs: number;
}

/** Tags were added or overwritten (function level, spec control-plane §2.9). */
export interface FunctionTagged {
  readonly type: 'FunctionTagged';
  readonly functionName: string;
  readonly atMs: number;
  readonly tags: Readonly<Record<string, string>>;
}

/** Tags were removed. */
export interface FunctionUntagged {
  readonly type: 'FunctionUntagged';
  readonly functionName: string;
  readonly atMs: number;
  readonly tagKeys: ReadonlyArray<string>;
}

/** Every event of the functions domain. */
export type FunctionsEvent =
  | FunctionCreated
  | FunctionActivated
  | FunctionCodeUpdated
  | FunctionConfigurationUpdated
  | FunctionUpdateCompleted
  | FunctionDeleted
  | FunctionTagged
  | FunctionUntagged;
