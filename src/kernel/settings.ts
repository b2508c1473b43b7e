/**
 * The account the model plays and the parameters AWS does not publish. Both are given once, at
 * `initialState`, and never change while the log grows; see `docs/fidelity.md` for why each default
 * is what it is.
 *
 * @module
 */
import type { AccountContext } from './arn.js';

/** Every tunable of the model, each with the default `defaultSettings` gives it. */
export interface LambdaSettings {
  /** Partition, region and account id used in every ARN. Default `aws`, `us-east-1`, `123456789012`. */
  readonly account: AccountContext;
  /**
   * How long a new function stays `Pending` before it is `Active` (model; AWS publishes no figure,
   * spec control-plane §2.8). Default 1,000 ms.
   */
  readonly functionActivationDelayMs: number;
  /**
   * How long an accepted code or configuration update stays `InProgress` before it is
   * `Successful` (model; spec control-plane §2.8). Default 1,000 ms.
   */
  readonly functionUpdateDelayMs: number;
  /** Account code-storage quota in bytes: 75 GB, `TotalCodeSize` 80,530,636,800 (spec §7.1). */
  readonly codeStorageLimitBytes: number;
  /**
   * The account's memory cap in MB: 10,240 for established accounts; new accounts may be capped at
   * 3,008 (spec control-plane §2.1, §7.2).
   */
  readonly memorySizeLimitMb: number;
  /**
   * Aliases allowed per function. AWS has the quota (`AliasLimitExceededException`) but no source
   * gives its number (spec control-plane §4.1), so the default is unlimited.
   */
  readonly aliasLimitPerFunction: number;
  /**
   * The account's concurrency quota, `ConcurrentExecutions`: 1,000 per Region by default, raised
   * on request; new accounts may have as little as 10 (spec invocation §3.2).
   */
  readonly concurrentExecutionsLimit: number;
  /**
   * The largest `Event` payload Invoke accepts: 1 MB (1,048,576 bytes) since October 2025; it was
   * 256 KB (262,144) before and 128 KB in 2017 (spec invocation §1.4).
   */
  readonly asyncPayloadLimitBytes: number;
  /**
   * How long a provisioned-concurrency request stays `IN_PROGRESS` before it is `READY`: AWS says
   * allocation starts after "a minute or two" and serves nothing until the whole request is
   * allocated (model; spec invocation §3.4). Default 60,000 ms.
   */
  readonly provisionedConcurrencyAllocationDelayMs: number;
  /**
   * New execution environments one function may start per `scalingWindowMs`: 1,000 per 10 s since
   * November 2023, refilled continuously, unused rate never accrues (spec invocation §3.5).
   */
  readonly scalingRateEnvironments: number;
  /** The window of the scaling rate. Default 10,000 ms (spec invocation §3.5). */
  readonly scalingWindowMs: number;
  /**
   * How long an idle on-demand environment is kept warm before it is reclaimed. AWS publishes no
   * figure ("for some time"); the default is 600,000 ms (model; spec invocation §4).
   */
  readonly idleEnvironmentLifetimeMs: number;
  /**
   * The init duration of a cold start when the Invoke command supplies none (model; AWS reports
   * "under 100 ms to over 1 s", spec invocation §4). Default 200 ms.
   */
  readonly defaultInitDurationMs: number;
  /**
   * The seed of the PRNG that picks the version of a weighted alias (model; AWS uses "a simple
   * probabilistic model", spec invocation §2). Its state lives in the model state, so replay is
   * exact. Default 1.
   */
  readonly routingSeed: number;
  /**
   * The waits before the retries of an asynchronous event after a function error: one minute,
   * then two (spec invocation §5.2). Default [60,000, 120,000] ms.
   */
  readonly asyncRetryDelaysMs: ReadonlyArray<number>;
  /**
   * The backoff after a throttled asynchronous attempt: 1 s, doubling, at most 5 minutes (AWS
   * documents the bounds; the doubling is the model's, spec invocation §5.3).
   */
  readonly asyncThrottleBackoffBaseMs: number;
  readonly asyncThrottleBackoffMaxMs: number;
  /**
   * Recursive loop detection, as `PutFunctionRecursionConfig` sets it: `Terminate` stops the
   * invocation after `recursiveLoopLimit` in one chain; `Allow` never does (spec §5.11).
   */
  readonly recursiveLoop: 'Terminate' | 'Allow';
  /** Invocations one chain may make before the next is stopped: about 16 (spec §5.11). */
  readonly recursiveLoopLimit: number;
  /** Runtimes CreateFunction and UpdateFunctionConfiguration accept, in the order AWS lists them. */
  readonly acceptedRuntimes: ReadonlyArray<string>;
  /** Recently deprecated runtimes, which get AWS's "no longer supported" message. */
  readonly deprecatedRuntimes: ReadonlyArray<string>;
}

/**
 * The runtimes AWS accepted for create and update, as echoed in its own error message on
 * 2026-01-12 (spec control-plane §2.11).
 */
export const ACCEPTED_RUNTIMES: ReadonlyArray<string> = [
  'nodejs20.x',
  'python3.14',
  'provided.al2023',
  'python3.12',
  'python3.13',
  'nodejs24.x',
  'nodejs22.x',
  'java25',
  'python3.10',
  'python3.11',
  'java21',
  'ruby3.3',
  'ruby3.4',
  'ruby3.2',
  'python3.8',
  'python3.9',
  'java17',
  'nodejs16.x',
  'dotnet10',
  'dotnet8',
  'java11',
  'dotnet6',
  'nodejs18.x',
  'provided.al2',
  'java8.al2',
];

/** Runtimes refused with the "no longer supported" message (spec control-plane §2.11). */
export const DEPRECATED_RUNTIMES: ReadonlyArray<string> = [
  'java8',
  'go1.x',
  'provided',
  'ruby2.7',
  'nodejs14.x',
  'python3.7',
  'dotnetcore3.1',
  'nodejs12.x',
];

/** The defaults: a classic, established account in us-east-1. */
export const defaultSettings: LambdaSettings = {
  account: { partition: 'aws', region: 'us-east-1', accountId: '123456789012' },
  functionActivationDelayMs: 1_000,
  functionUpdateDelayMs: 1_000,
  codeStorageLimitBytes: 80_530_636_800,
  memorySizeLimitMb: 10_240,
  aliasLimitPerFunction: Number.MAX_SAFE_INTEGER,
  concurrentExecutionsLimit: 1_000,
  asyncPayloadLimitBytes: 1_048_576,
  provisionedConcurrencyAllocationDelayMs: 60_000,
  scalingRateEnvironments: 1_000,
  scalingWindowMs: 10_000,
  idleEnvironmentLifetimeMs: 600_000,
  defaultInitDurationMs: 200,
  routingSeed: 1,
  asyncRetryDelaysMs: [60_000, 120_000],
  asyncThrottleBackoffBaseMs: 1_000,
  asyncThrottleBackoffMaxMs: 300_000,
  recursiveLoop: 'Terminate',
  recursiveLoopLimit: 16,
  acceptedRuntimes: ACCEPTED_RUNTIMES,
  deprecatedRuntimes: DEPRECATED_RUNTIMES,
};

/** Settings overrides: any field, and any part of `account`. */
export type LambdaSettingsInput = Partial<Omit<LambdaSettings, 'account'>> & {
  readonly account?: Partial<AccountContext>;
};

/** Completes partial settings with the defaults. */
export function resolveSettings(input: LambdaSettingsInput = {}): LambdaSettings {
  const { account, ...rest } = input;
  return { ...defaultSettings, ...rest, account: { ...defaultSettings.account, ...account } };
}
