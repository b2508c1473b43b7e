/**
 * The functions slice: every function's `$LATEST` (configuration, code, lifecycle), its tags, and
 * the state transitions that are waiting for the clock.
 *
 * @module
 */
import { present } from '../kernel/assert.js';
import {
  entryOf,
  putEntry,
  removeEntry,
  emptyShardedDictionary,
  type ShardedDictionary,
  dictionaryOf,
  type Dictionary,
} from '../kernel/dictionary.js';
import { plain, type Draft, type EventHandlers } from '../kernel/evolve.js';
import type { VersionsEvent } from '../versions/events.js';
import type { FunctionsEvent } from './events.js';
import {
  emptyTransitions,
  schedule,
  unschedule,
  type PendingTransition,
  type TransitionTicket,
  type Transitions,
} from './transitions.js';

/** `Architectures[0]`. */
export type Architecture = 'x86_64' | 'arm64';
/** `PackageType`. */
export type PackageType = 'Zip' | 'Image';
/** `TracingConfig.Mode`. */
export type TracingMode = 'Active' | 'PassThrough';
/** `SnapStart.ApplyOn`. */
export type SnapStartApplyOn = 'PublishedVersions' | 'None';
/** `State` (classic values, spec control-plane §2.8). */
export type FunctionStateName = 'Pending' | 'Active' | 'Inactive' | 'Failed';
/** `LastUpdateStatus`. */
export type LastUpdateStatus = 'Successful' | 'Failed' | 'InProgress';

/** The deployment package as Lambda keeps it. */
export interface FunctionCode {
  readonly packageType: PackageType;
  /** base64 SHA-256 of the zip; for an image, the hex digest of the image. */
  readonly codeSha256: string;
  /** Bytes of the zip; 0 for an image (images are stored in ECR, not in Lambda's code storage). */
  readonly codeSizeBytes: number;
  readonly imageUri?: string;
}

/** Logging configuration with AWS's defaults filled in. */
export interface LoggingConfig {
  readonly logFormat: 'Text' | 'JSON';
  readonly logGroup: string;
  readonly applicationLogLevel?: string;
  readonly systemLogLevel?: string;
}

/**
 * The version-scoped configuration a user sets: everything a published version freezes
 * (spec control-plane §3.1). Tags and reserved concurrency are function-level and live elsewhere.
 */
export interface FunctionConfig {
  readonly role: string;
  readonly runtime?: string;
  readonly handler?: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memorySizeMb: number;
  readonly ephemeralStorageMb: number;
  readonly architecture: Architecture;
  readonly environmentVariables?: Readonly<Record<string, string>>;
  readonly deadLetterTargetArn?: string;
  readonly kmsKeyArn?: string;
  readonly tracingMode: TracingMode;
  readonly layers: ReadonlyArray<string>;
  readonly vpc?: {
    readonly subnetIds: ReadonlyArray<string>;
    readonly securityGroupIds: ReadonlyArray<string>;
    readonly ipv6AllowedForDualStack: boolean;
  };
  readonly snapStartApplyOn: SnapStartApplyOn;
  readonly logging: LoggingConfig;
  readonly imageConfig?: {
    readonly entryPoint?: ReadonlyArray<string>;
    readonly command?: ReadonlyArray<string>;
    readonly workingDirectory?: string;
  };
  readonly fileSystemConfigs?: ReadonlyArray<{
    readonly arn: string;
    readonly localMountPath: string;
  }>;
}

/** `State`/`LastUpdateStatus` and their reasons, as Get* report them. */
export interface Lifecycle {
  readonly state: FunctionStateName;
  readonly stateReason?: string;
  readonly stateReasonCode?: string;
  /** Absent until the function first becomes Active (absent in the CreateFunction response). */
  readonly lastUpdateStatus?: LastUpdateStatus;
  readonly lastUpdateStatusReason?: string;
  readonly lastUpdateStatusReasonCode?: string;
}

/** One version of a function — `$LATEST` or a published number — as stored. */
export interface FunctionVersionRecord {
  readonly config: FunctionConfig;
  readonly code: FunctionCode;
  readonly revisionId: string;
  readonly lastModifiedMs: number;
  readonly lifecycle: Lifecycle;
}

/** One function: its mutable `$LATEST` and its function-level tags. */
export interface FunctionRecord {
  readonly name: string;
  readonly latest: FunctionVersionRecord;
  readonly tags: Dictionary<string>;
  /** The transition this function waits for, while it is Pending or updating. */
  readonly scheduled?: TransitionTicket;
}

/** The functions slice of the model state. */
export interface FunctionsState {
  readonly byName: ShardedDictionary<FunctionRecord>;
  /** Waiting transitions: only functions mid-transition. */
  readonly transitions: Transitions;
  /**
   * The bytes of code the account stores, kept as a running total so that the quota check of
   * spec control-plane §7.1 costs the same with one function or thousands.
   */
  readonly storedCodeBytes: number;
}

/** An empty account. */
export function initialFunctionsState(): FunctionsState {
  return { byName: emptyShardedDictionary(), transitions: emptyTransitions(), storedCodeBytes: 0 };
}

/** The lifecycle of a function being created (spec control-plane §2.1, §2.8). */
export const CREATING: Lifecycle = {
  state: 'Pending',
  stateReason: 'The function is being created.',
  stateReasonCode: 'Creating',
};

/** The lifecycle of an Active function whose last update succeeded. */
export const ACTIVE: Lifecycle = { state: 'Active', lastUpdateStatus: 'Successful' };

/** The lifecycle while an update is in progress (spec control-plane §2.3). */
export const UPDATING: Lifecycle = {
  state: 'Active',
  lastUpdateStatus: 'InProgress',
  lastUpdateStatusReason: 'The function is being created.',
  lastUpdateStatusReasonCode: 'Creating',
};

function scheduleFor(
  draft: Draft<FunctionsState>,
  fn: Draft<FunctionRecord>,
  transition: PendingTransition,
): void {
  if (fn.scheduled !== undefined) unschedule(draft.transitions, fn.scheduled);
  fn.scheduled = schedule(draft.transitions, transition);
}

function settle(draft: Draft<FunctionsState>, fn: Draft<FunctionRecord>): void {
  if (fn.scheduled === undefined) return;
  unschedule(draft.transitions, fn.scheduled);
  delete fn.scheduled;
}

/** How the functions slice changes with each event. */
export const functionsHandlers: EventHandlers<FunctionsState, FunctionsEvent | VersionsEvent> = {
  FunctionCreated: (draft, e) => {
    draft.storedCodeBytes += e.code.codeSizeBytes;
    putEntry(draft.byName, e.functionName, {
      name: e.functionName,
      latest: {
        config: e.config,
        code: e.code,
        revisionId: e.revisionId,
        lastModifiedMs: e.atMs,
        lifecycle: CREATING,
      },
      tags: dictionaryOf(e.tags),
    } as Draft<FunctionRecord>);
    scheduleFor(draft, present(entryOf(draft.byName, e.functionName), e.functionName), {
      dueMs: e.activatesAtMs,
      functionName: e.functionName,
      kind: 'Activation',
    });
  },
  FunctionActivated: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    fn.latest.lifecycle = ACTIVE;
    fn.latest.revisionId = e.revisionId;
    settle(draft, fn);
  },
  FunctionCodeUpdated: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    draft.storedCodeBytes += e.code.codeSizeBytes - fn.latest.code.codeSizeBytes;
    fn.latest.code = e.code;
    // Replaced, never mutated in place: the old config may be shared with a published version or
    // be the very object an earlier event of the same batch carried.
    fn.latest.config = { ...plain(fn.latest.config), architecture: e.architecture };
    fn.latest.revisionId = e.revisionId;
    fn.latest.lastModifiedMs = e.atMs;
    fn.latest.lifecycle = UPDATING;
    scheduleFor(draft, fn, {
      dueMs: e.completesAtMs,
      functionName: e.functionName,
      kind: 'UpdateCompletion',
    });
  },
  FunctionConfigurationUpdated: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    fn.latest.config = e.config as Draft<FunctionConfig>;
    fn.latest.revisionId = e.revisionId;
    fn.latest.lastModifiedMs = e.atMs;
    fn.latest.lifecycle = UPDATING;
    scheduleFor(draft, fn, {
      dueMs: e.completesAtMs,
      functionName: e.functionName,
      kind: 'UpdateCompletion',
    });
  },
  FunctionUpdateCompleted: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    fn.latest.lifecycle = ACTIVE;
    fn.latest.revisionId = e.revisionId;
    settle(draft, fn);
  },
  FunctionDeleted: (draft, e) => {
    const fn = entryOf(draft.byName, e.functionName);
    if (fn !== undefined) {
      settle(draft, fn);
      draft.storedCodeBytes -= fn.latest.code.codeSizeBytes;
    }
    // The record is removed with `delete` so that the prototype-free dictionary stays one.
    removeEntry(draft.byName, e.functionName);
  },
  FunctionTagged: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    for (const [key, value] of Object.entries(e.tags)) fn.tags[key] = value;
  },
  FunctionUntagged: (draft, e) => {
    const fn = present(entryOf(draft.byName, e.functionName), e.functionName);
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete
    for (const key of e.tagKeys) delete fn.tags[key];
  },
  FunctionVersionPublished: (draft, e) => {
    // Publishing a new version changes $LATEST's RevisionId (spec control-plane §2.10).
    present(entryOf(draft.byName, e.functionName), e.functionName).latest.revisionId =
      e.latestRevisionId;
  },
};
