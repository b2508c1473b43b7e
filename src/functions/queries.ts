/**
 * Reads of the functions domain, in AWS's response shapes: GetFunction,
 * GetFunctionConfiguration, ListFunctions, ListTags, GetAccountSettings (spec control-plane §2.2,
 * §2.5, §2.6, §7). Reads record nothing.
 *
 * @module
 */
import { accountConcurrency, reservedConcurrency } from '../concurrency/queries.js';
import { functionArn, resolveFunctionName } from '../kernel/arn.js';
import { entryOf, keysOf } from '../kernel/dictionary.js';
import { functionNotFound, type AwsError } from '../kernel/errors.js';
import { isLeft, left, right, type Either } from '../kernel/fp.js';
import { sha256Hex } from '../kernel/ids.js';
import { maxItemsViolations, paginate, versionSortKey } from '../kernel/pagination.js';
import { lambdaTimestamp } from '../kernel/time.js';
import { toValidationException, violation } from '../kernel/validation.js';
import type { LambdaState } from '../lambda.js';
import { taggedFunction } from './decide.js';
import { MAX_UNZIPPED_BYTES, MAX_ZIPPED_BYTES } from './package.js';
import type { FunctionVersionRecord } from './state.js';

/** `FunctionConfiguration`, the response shape of most function operations. */
export interface FunctionConfiguration {
  readonly FunctionName: string;
  readonly FunctionArn: string;
  readonly Runtime?: string;
  readonly Role: string;
  readonly Handler?: string;
  readonly CodeSize: number;
  readonly Description: string;
  readonly Timeout: number;
  readonly MemorySize: number;
  readonly LastModified: string;
  readonly CodeSha256: string;
  readonly Version: string;
  readonly VpcConfig?: {
    readonly SubnetIds: ReadonlyArray<string>;
    readonly SecurityGroupIds: ReadonlyArray<string>;
    readonly VpcId: string;
    readonly Ipv6AllowedForDualStack: boolean;
  };
  readonly DeadLetterConfig?: { readonly TargetArn: string };
  readonly Environment?: { readonly Variables: Readonly<Record<string, string>> };
  readonly KMSKeyArn?: string;
  readonly TracingConfig: { readonly Mode: string };
  readonly RevisionId: string;
  readonly Layers?: ReadonlyArray<{ readonly Arn: string; readonly CodeSize: number }>;
  readonly State?: string;
  readonly StateReason?: string;
  readonly StateReasonCode?: string;
  readonly LastUpdateStatus?: string;
  readonly LastUpdateStatusReason?: string;
  readonly LastUpdateStatusReasonCode?: string;
  readonly FileSystemConfigs?: ReadonlyArray<{
    readonly Arn: string;
    readonly LocalMountPath: string;
  }>;
  readonly PackageType: string;
  readonly ImageConfigResponse?: {
    readonly ImageConfig: {
      readonly EntryPoint?: ReadonlyArray<string>;
      readonly Command?: ReadonlyArray<string>;
      readonly WorkingDirectory?: string;
    };
  };
  readonly Architectures: ReadonlyArray<string>;
  readonly EphemeralStorage: { readonly Size: number };
  readonly SnapStart: { readonly ApplyOn: string; readonly OptimizationStatus: string };
  readonly RuntimeVersionConfig?: { readonly RuntimeVersionArn: string };
  readonly LoggingConfig: {
    readonly LogFormat: string;
    readonly LogGroup: string;
    readonly ApplicationLogLevel?: string;
    readonly SystemLogLevel?: string;
  };
}

/** How a configuration is being shown. */
export interface ConfigurationView {
  /** The `Version` field: `$LATEST` or a number. */
  readonly version: string;
  /** The `FunctionArn` field, which depends on how the caller asked (spec control-plane §2.5). */
  readonly arn: string;
  /** List operations leave out `State*`, `LastUpdateStatus*` and `RuntimeVersionConfig` (§2.2). */
  readonly forList: boolean;
}

const optional = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/** Renders a stored version as AWS's `FunctionConfiguration`. */
export function functionConfiguration(
  state: LambdaState,
  functionName: string,
  record: FunctionVersionRecord,
  view: ConfigurationView,
): FunctionConfiguration {
  const { config, code, lifecycle } = record;
  const region = state.settings.account.region;
  const published = view.version !== '$LATEST';
  return {
    FunctionName: functionName,
    FunctionArn: view.arn,
    ...optional('Runtime', config.runtime),
    Role: config.role,
    ...optional('Handler', config.handler),
    CodeSize: code.codeSizeBytes,
    Description: config.description,
    Timeout: config.timeoutSeconds,
    MemorySize: config.memorySizeMb,
    LastModified: lambdaTimestamp(record.lastModifiedMs),
    CodeSha256: code.codeSha256,
    Version: view.version,
    ...optional(
      'VpcConfig',
      config.vpc === undefined
        ? undefined
        : {
            SubnetIds: config.vpc.subnetIds,
            SecurityGroupIds: config.vpc.securityGroupIds,
            // The model has no VPCs; the id is derived from the subnets so it is stable.
            VpcId: `vpc-${sha256Hex([...config.vpc.subnetIds].sort().join(',')).slice(0, 17)}`,
            Ipv6AllowedForDualStack: config.vpc.ipv6AllowedForDualStack,
          },
    ),
    ...optional(
      'DeadLetterConfig',
      config.deadLetterTargetArn === undefined
        ? undefined
        : { TargetArn: config.deadLetterTargetArn },
    ),
    ...optional(
      'Environment',
      config.environmentVariables === undefined
        ? undefined
        : { Variables: config.environmentVariables },
    ),
    ...optional('KMSKeyArn', config.kmsKeyArn),
    TracingConfig: { Mode: config.tracingMode },
    RevisionId: record.revisionId,
    // Layer contents are not modelled, so their CodeSize is 0.
    ...optional(
      'Layers',
      config.layers.length === 0
        ? undefined
        : config.layers.map((arn) => ({ Arn: arn, CodeSize: 0 })),
    ),
    ...(view.forList
      ? {}
      : {
          State: lifecycle.state,
          ...optional('StateReason', lifecycle.stateReason),
          ...optional('StateReasonCode', lifecycle.stateReasonCode),
          ...optional('LastUpdateStatus', lifecycle.lastUpdateStatus),
          ...optional('LastUpdateStatusReason', lifecycle.lastUpdateStatusReason),
          ...optional('LastUpdateStatusReasonCode', lifecycle.lastUpdateStatusReasonCode),
        }),
    ...optional(
      'FileSystemConfigs',
      config.fileSystemConfigs?.map((c) => ({ Arn: c.arn, LocalMountPath: c.localMountPath })),
    ),
    PackageType: code.packageType,
    ...optional(
      'ImageConfigResponse',
      config.imageConfig === undefined
        ? undefined
        : {
            ImageConfig: {
              ...optional('EntryPoint', config.imageConfig.entryPoint),
              ...optional('Command', config.imageConfig.command),
              ...optional('WorkingDirectory', config.imageConfig.workingDirectory),
            },
          },
    ),
    Architectures: [config.architecture],
    EphemeralStorage: { Size: config.ephemeralStorageMb },
    SnapStart: {
      ApplyOn: config.snapStartApplyOn,
      // SnapStart optimises published versions only (spec control-plane §3.2).
      OptimizationStatus:
        published && config.snapStartApplyOn === 'PublishedVersions' ? 'On' : 'Off',
    },
    ...optional(
      'RuntimeVersionConfig',
      view.forList || config.runtime === undefined
        ? undefined
        : {
            RuntimeVersionArn: `arn:${state.settings.account.partition}:lambda:${region}::runtime:${sha256Hex(config.runtime)}`,
          },
    ),
    LoggingConfig: {
      LogFormat: config.logging.logFormat,
      LogGroup: config.logging.logGroup,
      ...optional('ApplicationLogLevel', config.logging.applicationLogLevel),
      ...optional('SystemLogLevel', config.logging.systemLogLevel),
    },
  };
}

/** The `$LATEST` configuration as UpdateFunctionCode/Configuration and CreateFunction answer. */
export function latestConfiguration(
  state: LambdaState,
  functionName: string,
): FunctionConfiguration | undefined {
  const record = entryOf(state.functions.byName, functionName);
  if (record === undefined) return undefined;
  return functionConfiguration(state, functionName, record.latest, {
    version: '$LATEST',
    arn: functionArn(state.settings.account, functionName),
    forList: false,
  });
}

/** A published version's configuration, with its qualified ARN. */
export function versionConfiguration(
  state: LambdaState,
  functionName: string,
  version: string,
): FunctionConfiguration | undefined {
  const record = entryOf(state.versions.byFunction, functionName)?.published[version];
  if (record === undefined) return undefined;
  return functionConfiguration(state, functionName, record, {
    version,
    arn: functionArn(state.settings.account, functionName, version),
    forList: false,
  });
}

/** One version of a function as stored: `$LATEST` or a published number, if it exists. */
export function versionRecord(
  state: LambdaState,
  functionName: string,
  version: string,
): FunctionVersionRecord | undefined {
  if (version === '$LATEST') return entryOf(state.functions.byName, functionName)?.latest;
  return entryOf(state.versions.byFunction, functionName)?.published[version];
}

/** GetFunction/GetFunctionConfiguration request. */
export interface GetFunctionRequest {
  readonly FunctionName: string;
  readonly Qualifier?: string;
}

/**
 * Resolves a read of one configuration (spec control-plane §2.5): no qualifier gives `$LATEST`
 * with the unqualified ARN; `$LATEST` the `:$LATEST` ARN; a number that version; an alias the
 * alias ARN with the alias's primary version's configuration (routing is not applied).
 */
export function getFunctionConfiguration(
  state: LambdaState,
  input: GetFunctionRequest,
): Either<AwsError, FunctionConfiguration> {
  const account = state.settings.account;
  const resolved = resolveFunctionName(
    account,
    input.FunctionName,
    'NamespacedFunctionName',
    input.Qualifier,
  );
  if (isLeft(resolved)) return resolved;
  const { name, qualifier } = resolved.right;
  const fn = entryOf(state.functions.byName, name);
  if (fn === undefined) return left(functionNotFound(functionArn(account, name)));
  if (qualifier === undefined || qualifier === '$LATEST') {
    return right(
      functionConfiguration(state, name, fn.latest, {
        version: '$LATEST',
        arn: functionArn(account, name, qualifier),
        forList: false,
      }),
    );
  }
  const alias = entryOf(state.aliases.byFunction, name)?.[qualifier];
  const version = alias?.functionVersion ?? qualifier;
  const record = versionRecord(state, name, version);
  // Qualifiers are case-sensitive: `$latest` names nothing (spec control-plane §1.4).
  if (record === undefined) return left(functionNotFound(functionArn(account, name, qualifier)));
  return right(
    functionConfiguration(state, name, record, {
      version,
      arn: functionArn(account, name, qualifier),
      forList: false,
    }),
  );
}

/** GetFunction response. */
export interface GetFunctionResponse {
  readonly Configuration: FunctionConfiguration;
  readonly Code: {
    readonly RepositoryType: 'S3' | 'ECR';
    readonly Location?: string;
    readonly ImageUri?: string;
    readonly ResolvedImageUri?: string;
  };
  readonly Tags?: Readonly<Record<string, string>>;
  /** Present only when the function has reserved concurrency (spec invocation §3.3). */
  readonly Concurrency?: { readonly ReservedConcurrentExecutions: number };
}

/** GetFunction: the configuration, where the code is, and the function's tags if it has any. */
export function getFunction(
  state: LambdaState,
  input: GetFunctionRequest,
): Either<AwsError, GetFunctionResponse> {
  const configuration = getFunctionConfiguration(state, input);
  if (isLeft(configuration)) return configuration;
  const config = configuration.right;
  const fn = entryOf(state.functions.byName, config.FunctionName);
  const tags = fn?.tags ?? {};
  // A published version keeps the image it was published with (spec control-plane §3.1), so the
  // image shown is the one of the version the configuration describes, not `$LATEST`'s.
  const record =
    config.Version === '$LATEST'
      ? fn?.latest
      : entryOf(state.versions.byFunction, config.FunctionName)?.published[config.Version];
  const imageUri = config.PackageType === 'Image' ? record?.code.imageUri : undefined;
  const region = state.settings.account.region;
  const reserved = reservedConcurrency(state, config.FunctionName);
  return right({
    Configuration: config,
    Code:
      imageUri === undefined
        ? {
            RepositoryType: 'S3',
            // AWS answers a presigned URL valid for 10 minutes; the model's is a stable stand-in.
            Location: `https://awslambda-${region}-tasks.s3.${region}.amazonaws.com/snapshots/${state.settings.account.accountId}/${config.FunctionName}-${config.RevisionId}`,
          }
        : {
            RepositoryType: 'ECR',
            ImageUri: imageUri,
            ResolvedImageUri: `${imageUri.split('@')[0] ?? imageUri}@sha256:${config.CodeSha256}`,
          },
    ...(Object.keys(tags).length === 0 ? {} : { Tags: { ...tags } }),
    ...(reserved === undefined ? {} : { Concurrency: { ReservedConcurrentExecutions: reserved } }),
  });
}

/** ListFunctions request. */
export interface ListFunctionsRequest {
  readonly FunctionVersion?: string;
  readonly Marker?: string;
  readonly MaxItems?: number;
  readonly MasterRegion?: string;
}

/** ListFunctions response. */
export interface ListFunctionsResponse {
  readonly Functions: ReadonlyArray<FunctionConfiguration>;
  readonly NextMarker?: string;
}

/**
 * ListFunctions: one `$LATEST` entry per function with the unqualified ARN, or with
 * `FunctionVersion=ALL` every version with qualified ARNs; 50 a page (spec control-plane §2.6).
 * The model orders functions by name.
 */
export function listFunctions(
  state: LambdaState,
  input: ListFunctionsRequest = {},
): Either<AwsError, ListFunctionsResponse> {
  const invalid = toValidationException([
    ...(input.FunctionVersion === undefined || input.FunctionVersion === 'ALL'
      ? []
      : [violation.enumValue('functionVersion', input.FunctionVersion, ['ALL'])]),
    ...maxItemsViolations(input.MaxItems),
  ]);
  if (invalid !== undefined) return left(invalid);
  const account = state.settings.account;
  const all = input.FunctionVersion === 'ALL';
  const entries: Array<{ key: string; render: () => FunctionConfiguration }> = [];
  for (const name of keysOf(state.functions.byName).sort()) {
    const fn = entryOf(state.functions.byName, name);
    if (fn === undefined) continue;
    entries.push({
      key: `${name}\u0000${versionSortKey('$LATEST')}`,
      render: () =>
        functionConfiguration(state, name, fn.latest, {
          version: '$LATEST',
          arn: functionArn(account, name, all ? '$LATEST' : undefined),
          forList: true,
        }),
    });
    if (!all) continue;
    for (const [version, record] of Object.entries(
      entryOf(state.versions.byFunction, name)?.published ?? {},
    )) {
      entries.push({
        key: `${name}\u0000${versionSortKey(version)}`,
        render: () =>
          functionConfiguration(state, name, record, {
            version,
            arn: functionArn(account, name, version),
            forList: true,
          }),
      });
    }
  }
  const page = paginate(entries, (entry) => entry.key, input.Marker, input.MaxItems);
  if (isLeft(page)) return page;
  return right({
    Functions: page.right.items.map((entry) => entry.render()),
    ...optional('NextMarker', page.right.nextMarker),
  });
}

/** ListTags: the function's tags (function ARN only, spec control-plane §2.9). */
export function listTags(
  state: LambdaState,
  input: { readonly Resource: string },
): Either<AwsError, { readonly Tags: Readonly<Record<string, string>> }> {
  const found = taggedFunction(state, input.Resource, []);
  if (isLeft(found)) return found;
  return right({ Tags: { ...found.right.tags } });
}

/**
 * The bytes of code the account stores: every Zip `$LATEST` and every published version counts
 * (spec control-plane §3.1, §7.1); images live in ECR and count nothing here.
 */
export function codeStorageUsedBytes(state: LambdaState): number {
  return state.functions.storedCodeBytes;
}

/** GetAccountSettings response (control-plane members; concurrency comes with invocation). */
export interface AccountSettings {
  readonly AccountLimit: {
    readonly TotalCodeSize: number;
    readonly CodeSizeUnzipped: number;
    readonly CodeSizeZipped: number;
    readonly ConcurrentExecutions: number;
    readonly UnreservedConcurrentExecutions: number;
  };
  readonly AccountUsage: { readonly TotalCodeSize: number; readonly FunctionCount: number };
}

/**
 * GetAccountSettings: the code-storage quota and usage, the number of functions, and the account's
 * concurrency limit and unreserved pool (spec invocation §3.2).
 */
export function getAccountSettings(state: LambdaState): AccountSettings {
  return {
    AccountLimit: {
      TotalCodeSize: state.settings.codeStorageLimitBytes,
      CodeSizeUnzipped: MAX_UNZIPPED_BYTES,
      CodeSizeZipped: MAX_ZIPPED_BYTES,
      ...accountConcurrency(state),
    },
    AccountUsage: {
      TotalCodeSize: codeStorageUsedBytes(state),
      FunctionCount: state.functions.byName.size,
    },
  };
}
