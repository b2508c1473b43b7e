/**
 * The rules of a function's configuration members, shared by CreateFunction and
 * UpdateFunctionConfiguration (spec control-plane §2.1, §2.4): model-level constraints, which AWS
 * reports together in one `ValidationException`, and the service-level checks, each its own
 * `InvalidParameterValueException`.
 *
 * @module
 */
import { invalidParameterValue, type InvalidParameterValueException } from '../kernel/errors.js';
import { utf8Bytes } from '../kernel/ids.js';
import type { LambdaSettings } from '../kernel/settings.js';
import {
  checkRange,
  checkString,
  javaList,
  violation,
  type Violation,
} from '../kernel/validation.js';
import type { FunctionCodeInput, FunctionConfigurationInput } from './commands.js';
import type { FunctionConfig } from './state.js';

/** Role ARN pattern (spec control-plane §2.1). */
const ROLE_PATTERN = 'arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+';
const ROLE_REGEX = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
/** DLQ target and KMS key ARN pattern (spec control-plane §2.1). */
const RESOURCE_ARN_PATTERN = '(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()';
const RESOURCE_ARN_REGEX = /^((arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|())$/s;
/**
 * Layer version ARN pattern as AWS quotes it today: botocore's `LayerVersionArn` (spec control-plane
 * §2.1), whose partition is `aws…` and whose region has the shape of a region name.
 */
const LAYER_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9-_]+)';
const LAYER_REGEX =
  /^((arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}:\d{12}:layer:[a-zA-Z0-9_-]+:[0-9]+)|(arn:[a-zA-Z0-9-]+:lambda:::awslayer:[a-zA-Z0-9_-]+))$/;
/** Environment variable keys: a letter, then at least one more letter, digit or underscore. */
const ENV_KEY_PATTERN = '[a-zA-Z]([a-zA-Z0-9_])+';
const ENV_KEY_REGEX = /^[a-zA-Z][a-zA-Z0-9_]+$/;
const SUBNET_REGEX = /^subnet-[0-9a-z]*$/;
const SECURITY_GROUP_REGEX = /^sg-[0-9a-zA-Z]*$/;
const S3_BUCKET_PATTERN = '[0-9A-Za-z\\.\\-_]*(?<!\\.)';
const S3_BUCKET_REGEX = /^[0-9A-Za-z.\-_]*(?<!\.)$/;
/** EFS mount path inside the execution environment (spec control-plane §2.1). */
const LOCAL_MOUNT_PATH_PATTERN = '/mnt/[a-zA-Z0-9-_.]+';
const LOCAL_MOUNT_PATH_REGEX = /^\/mnt\/[a-zA-Z0-9_.-]+$/;

/** The limits of spec control-plane §2.1 and §7.2. */
export const LIMITS = {
  descriptionMaxLength: 256,
  handlerMaxLength: 128,
  timeoutMinSeconds: 1,
  timeoutMaxSeconds: 900,
  memoryMinMb: 128,
  memoryMaxMb: 10_240,
  ephemeralStorageMinMb: 512,
  ephemeralStorageMaxMb: 10_240,
  environmentMaxBytes: 4096,
  layersMax: 5,
  /** Each layer version ARN is 1–2,048 characters (botocore `LayerVersionArn`, spec §2.1). */
  layerArnMaxLength: 2048,
  subnetsMax: 16,
  securityGroupsMax: 5,
  tagsMax: 50,
  /** At most one EFS file system per function (spec §2.1, §7.2). */
  fileSystemConfigsMax: 1,
  localMountPathMaxLength: 160,
  /** `ImageConfig.EntryPoint` and `ImageConfig.Command` hold at most 1,500 strings (spec §2.1). */
  imageConfigListMax: 1500,
  workingDirectoryMaxLength: 1000,
} as const;

/** Keys Lambda reserves for itself ([DG23:configuration-envvars], plus AWS_DEFAULT_REGION seen rejected). */
export const RESERVED_ENVIRONMENT_KEYS: ReadonlySet<string> = new Set([
  '_HANDLER',
  '_X_AMZN_TRACE_ID',
  'AWS_DEFAULT_REGION',
  'AWS_REGION',
  'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
  'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT',
  'LAMBDA_RUNTIME_DIR',
]);

const ARCHITECTURES = ['x86_64', 'arm64'] as const;
const PACKAGE_TYPES = ['Zip', 'Image'] as const;
const TRACING_MODES = ['Active', 'PassThrough'] as const;
const SNAP_START_APPLY_ON = ['PublishedVersions', 'None'] as const;
const LOG_FORMATS = ['JSON', 'Text'] as const;
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;

const isOneOf = <T extends string>(values: ReadonlyArray<T>, value: string): value is T =>
  (values as ReadonlyArray<string>).includes(value);

/** Prints a map as the Java service echoes it: `{K=V, K2=V2}`. */
const javaMap = (map: Readonly<Record<string, string>>): string =>
  `{${Object.entries(map)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ')}}`;

/** Model-level violations of the configuration members, in the request shape's member order. */
export function configurationViolations(
  input: FunctionConfigurationInput,
  settings: LambdaSettings,
): Violation[] {
  const out: Violation[] = [];
  if (input.Role !== undefined) {
    out.push(...checkString('role', input.Role, { pattern: ROLE_PATTERN, regex: ROLE_REGEX }));
  }
  if (input.Handler !== undefined) {
    out.push(
      ...checkString('handler', input.Handler, {
        pattern: '[^\\s]+',
        regex: /^[^\s]+$/,
        max: LIMITS.handlerMaxLength,
      }),
    );
  }
  if (input.Description !== undefined) {
    out.push(
      ...checkString('description', input.Description, { max: LIMITS.descriptionMaxLength }),
    );
  }
  if (input.Timeout !== undefined) {
    out.push(
      ...checkRange('timeout', input.Timeout, {
        min: LIMITS.timeoutMinSeconds,
        max: LIMITS.timeoutMaxSeconds,
      }),
    );
  }
  if (input.MemorySize !== undefined) {
    out.push(
      ...checkRange('memorySize', input.MemorySize, {
        min: LIMITS.memoryMinMb,
        // The model caps at 10,240; an account capped lower answers with its own message below.
        max: Math.max(LIMITS.memoryMaxMb, settings.memorySizeLimitMb),
      }),
    );
  }
  const vpc = input.VpcConfig;
  if (vpc?.SubnetIds !== undefined) {
    if (vpc.SubnetIds.length > LIMITS.subnetsMax) {
      out.push(
        violation.maxLength('vpcConfig.subnetIds', javaList(vpc.SubnetIds), LIMITS.subnetsMax),
      );
    }
    for (const id of vpc.SubnetIds) {
      if (!SUBNET_REGEX.test(id)) {
        out.push(
          violation.custom(
            'vpcConfig.subnetIds',
            javaList(vpc.SubnetIds),
            'Member must satisfy constraint: [Member must satisfy regular expression pattern: subnet-[0-9a-z]*]',
          ),
        );
        break;
      }
    }
  }
  if (vpc?.SecurityGroupIds !== undefined) {
    if (vpc.SecurityGroupIds.length > LIMITS.securityGroupsMax) {
      out.push(
        violation.maxLength(
          'vpcConfig.securityGroupIds',
          javaList(vpc.SecurityGroupIds),
          LIMITS.securityGroupsMax,
        ),
      );
    }
    for (const id of vpc.SecurityGroupIds) {
      if (!SECURITY_GROUP_REGEX.test(id)) {
        out.push(
          violation.custom(
            'vpcConfig.securityGroupIds',
            javaList(vpc.SecurityGroupIds),
            'Member must satisfy constraint: [Member must satisfy regular expression pattern: sg-[0-9a-zA-Z]*]',
          ),
        );
        break;
      }
    }
  }
  if (input.DeadLetterConfig?.TargetArn !== undefined) {
    out.push(
      ...checkString('deadLetterConfig.targetArn', input.DeadLetterConfig.TargetArn, {
        pattern: RESOURCE_ARN_PATTERN,
        regex: RESOURCE_ARN_REGEX,
      }),
    );
  }
  const variables = input.Environment?.Variables;
  if (variables !== undefined && Object.keys(variables).some((key) => !ENV_KEY_REGEX.test(key))) {
    out.push(
      violation.custom(
        'environment.variables',
        javaMap(variables),
        `Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${ENV_KEY_PATTERN}]`,
      ),
    );
  }
  if (input.KMSKeyArn !== undefined) {
    out.push(
      ...checkString('kMSKeyArn', input.KMSKeyArn, {
        pattern: RESOURCE_ARN_PATTERN,
        regex: RESOURCE_ARN_REGEX,
      }),
    );
  }
  const mode = input.TracingConfig?.Mode;
  if (mode !== undefined && !isOneOf(TRACING_MODES, mode)) {
    out.push(violation.enumValue('tracingConfig.mode', mode, TRACING_MODES));
  }
  const layers = input.Layers;
  if (
    layers?.some((arn) => !LAYER_REGEX.test(arn) || arn.length > LIMITS.layerArnMaxLength) === true
  ) {
    out.push(
      violation.custom(
        'layers',
        javaList(layers),
        `Member must satisfy constraint: [Member must have length less than or equal to ${String(LIMITS.layerArnMaxLength)}, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ${LAYER_PATTERN}, Member must not be null]`,
      ),
    );
  }
  const fileSystems = input.FileSystemConfigs;
  if (fileSystems !== undefined) {
    // At most one file system, mounted under /mnt/ (spec control-plane §2.1, §7.2).
    if (fileSystems.length > LIMITS.fileSystemConfigsMax) {
      out.push(
        violation.maxLength(
          'fileSystemConfigs',
          javaList(
            fileSystems.map(
              (c) => `FileSystemConfig(arn=${c.Arn}, localMountPath=${c.LocalMountPath})`,
            ),
          ),
          LIMITS.fileSystemConfigsMax,
        ),
      );
    }
    fileSystems.forEach((c, i) => {
      out.push(
        ...checkString(
          `fileSystemConfigs.${String(i + 1)}.member.localMountPath`,
          c.LocalMountPath,
          {
            pattern: LOCAL_MOUNT_PATH_PATTERN,
            regex: LOCAL_MOUNT_PATH_REGEX,
            max: LIMITS.localMountPathMaxLength,
          },
        ),
      );
    });
  }
  const image = input.ImageConfig;
  // ImageConfig lists hold at most 1,500 strings; the working directory is at most 1,000
  // characters (spec control-plane §2.1).
  if (image?.EntryPoint !== undefined && image.EntryPoint.length > LIMITS.imageConfigListMax) {
    out.push(
      violation.maxLength(
        'imageConfig.entryPoint',
        javaList(image.EntryPoint),
        LIMITS.imageConfigListMax,
      ),
    );
  }
  if (image?.Command !== undefined && image.Command.length > LIMITS.imageConfigListMax) {
    out.push(
      violation.maxLength(
        'imageConfig.command',
        javaList(image.Command),
        LIMITS.imageConfigListMax,
      ),
    );
  }
  if (image?.WorkingDirectory !== undefined) {
    out.push(
      ...checkString('imageConfig.workingDirectory', image.WorkingDirectory, {
        max: LIMITS.workingDirectoryMaxLength,
      }),
    );
  }
  const size = input.EphemeralStorage?.Size;
  if (size !== undefined) {
    out.push(
      ...checkRange('ephemeralStorage.size', size, {
        min: LIMITS.ephemeralStorageMinMb,
        max: LIMITS.ephemeralStorageMaxMb,
      }),
    );
  }
  const applyOn = input.SnapStart?.ApplyOn;
  if (applyOn !== undefined && !isOneOf(SNAP_START_APPLY_ON, applyOn)) {
    out.push(violation.enumValue('snapStart.applyOn', applyOn, SNAP_START_APPLY_ON));
  }
  const logging = input.LoggingConfig;
  if (logging?.LogFormat !== undefined && !isOneOf(LOG_FORMATS, logging.LogFormat)) {
    out.push(violation.enumValue('loggingConfig.logFormat', logging.LogFormat, LOG_FORMATS));
  }
  if (
    logging?.ApplicationLogLevel !== undefined &&
    !isOneOf(LOG_LEVELS, logging.ApplicationLogLevel)
  ) {
    out.push(
      violation.enumValue(
        'loggingConfig.applicationLogLevel',
        logging.ApplicationLogLevel,
        LOG_LEVELS,
      ),
    );
  }
  if (
    logging?.SystemLogLevel !== undefined &&
    !isOneOf(['DEBUG', 'INFO', 'WARN'], logging.SystemLogLevel)
  ) {
    out.push(
      violation.enumValue('loggingConfig.systemLogLevel', logging.SystemLogLevel, [
        'DEBUG',
        'INFO',
        'WARN',
      ]),
    );
  }
  if (logging?.LogGroup !== undefined) {
    out.push(...checkString('loggingConfig.logGroup', logging.LogGroup, { min: 1, max: 512 }));
  }
  return out;
}

/** Model-level violations of `Architectures` (exactly one of `x86_64`, `arm64`, case-sensitive). */
export function architecturesViolations(
  architectures: ReadonlyArray<string> | undefined,
): Violation[] {
  if (architectures === undefined) return [];
  const value = javaList(architectures);
  if (architectures.length > 1) return [violation.maxLength('architectures', value, 1)];
  if (architectures.length < 1) return [violation.minLength('architectures', value, 1)];
  if (!architectures.every((a) => isOneOf(ARCHITECTURES, a))) {
    return [
      violation.custom(
        'architectures',
        value,
        `Member must satisfy constraint: [Member must satisfy enum value set: ${javaList(ARCHITECTURES)}, Member must not be null]`,
      ),
    ];
  }
  return [];
}

/** Model-level violations of `PackageType`. */
export function packageTypeViolations(packageType: string | undefined): Violation[] {
  return packageType === undefined || isOneOf(PACKAGE_TYPES, packageType)
    ? []
    : [violation.enumValue('packageType', packageType, PACKAGE_TYPES)];
}

/** Model-level violations of an S3 code location. */
export function codeLocationViolations(code: FunctionCodeInput): Violation[] {
  const out: Violation[] = [];
  if (code.S3Bucket !== undefined) {
    out.push(
      ...checkString('code.s3Bucket', code.S3Bucket, {
        pattern: S3_BUCKET_PATTERN,
        regex: S3_BUCKET_REGEX,
        min: 3,
        max: 63,
      }),
    );
  }
  if (code.S3Key !== undefined)
    out.push(...checkString('code.s3Key', code.S3Key, { min: 1, max: 1024 }));
  return out;
}

/** Model-level violations of a tag map: key 1–128 and value 0–256 characters, Unicode letters etc. */
export function tagViolations(tags: Readonly<Record<string, string>>): Violation[] {
  const pattern = '([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)';
  const regex = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
  const out: Violation[] = [];
  for (const [key, value] of Object.entries(tags)) {
    out.push(...checkString('tags.key', key, { pattern, regex, min: 1, max: 128 }));
    out.push(...checkString('tags.value', value, { pattern, regex, max: 256 }));
  }
  return out;
}

/**
 * Service-level checks of the configuration values, in the model's order: the account's memory
 * cap, the runtime, the reserved environment keys, the 4 KB environment size, then the layers.
 */
export function configurationError(
  input: FunctionConfigurationInput,
  settings: LambdaSettings,
): InvalidParameterValueException | undefined {
  if (input.MemorySize !== undefined && input.MemorySize > settings.memorySizeLimitMb) {
    return invalidParameterValue(
      `'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to ${String(settings.memorySizeLimitMb)}`,
    );
  }
  if (input.Runtime !== undefined) {
    const error = runtimeError(input.Runtime, settings);
    if (error !== undefined) return error;
  }
  const variables = input.Environment?.Variables;
  if (variables !== undefined) {
    const reserved = Object.keys(variables).filter((key) => RESERVED_ENVIRONMENT_KEYS.has(key));
    if (reserved.length > 0) {
      return invalidParameterValue(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
      );
    }
    // AWS measures the compact JSON text of the map, in bytes (spec control-plane §2.1).
    const measured = JSON.stringify(variables);
    if (utf8Bytes(measured).length > LIMITS.environmentMaxBytes) {
      return invalidParameterValue(
        `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
      );
    }
  }
  if (input.Layers !== undefined) return layersError(input.Layers, settings);
  return undefined;
}

function runtimeError(
  runtime: string,
  settings: LambdaSettings,
): InvalidParameterValueException | undefined {
  if (settings.deprecatedRuntimes.includes(runtime)) {
    return invalidParameterValue(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  if (!settings.acceptedRuntimes.includes(runtime)) {
    return invalidParameterValue(
      `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ${javaList(settings.acceptedRuntimes)} or be a valid ARN`,
    );
  }
  return undefined;
}

const layerName = (arn: string): string => arn.slice(0, arn.lastIndexOf(':'));
const layerRegion = (arn: string): string => arn.split(':')[3] ?? '';

function layersError(
  layers: ReadonlyArray<string>,
  settings: LambdaSettings,
): InvalidParameterValueException | undefined {
  if (layers.length > LIMITS.layersMax) {
    return invalidParameterValue(`Cannot reference more than ${String(LIMITS.layersMax)} layers.`);
  }
  for (let i = 0; i < layers.length; i += 1) {
    for (let j = i + 1; j < layers.length; j += 1) {
      const a = layers[i] ?? '';
      const b = layers[j] ?? '';
      if (layerName(a) === layerName(b)) {
        return invalidParameterValue(
          `Two different versions of the same layer are not allowed to be referenced in the same function. ${a} and ${b} are versions of the same layer.`,
        );
      }
    }
  }
  // AWS-managed `awslayer` ARNs carry no region; only regional layer ARNs are compared.
  if (
    layers.some((arn) => layerRegion(arn) !== '' && layerRegion(arn) !== settings.account.region)
  ) {
    return invalidParameterValue(
      `Layers are not in the same region as the function. Layers are expected to be in region ${settings.account.region}.`,
    );
  }
  return undefined;
}

/**
 * The configuration after applying an update's members to `base` (or to the defaults on create).
 * An empty environment map, empty VPC lists, an empty DLQ target or KMS key remove the setting.
 */
export function applyConfiguration(
  base: FunctionConfig,
  input: FunctionConfigurationInput,
): FunctionConfig {
  const next: { -readonly [K in keyof FunctionConfig]: FunctionConfig[K] } = { ...base };
  if (input.Role !== undefined) next.role = input.Role;
  if (input.Runtime !== undefined) next.runtime = input.Runtime;
  if (input.Handler !== undefined) next.handler = input.Handler;
  if (input.Description !== undefined) next.description = input.Description;
  if (input.Timeout !== undefined) next.timeoutSeconds = input.Timeout;
  if (input.MemorySize !== undefined) next.memorySizeMb = input.MemorySize;
  if (input.EphemeralStorage !== undefined) next.ephemeralStorageMb = input.EphemeralStorage.Size;
  if (input.Environment !== undefined) {
    const variables = input.Environment.Variables ?? {};
    if (Object.keys(variables).length === 0) delete next.environmentVariables;
    else next.environmentVariables = { ...variables };
  }
  if (input.DeadLetterConfig !== undefined) {
    const target = input.DeadLetterConfig.TargetArn ?? '';
    if (target === '') delete next.deadLetterTargetArn;
    else next.deadLetterTargetArn = target;
  }
  if (input.KMSKeyArn !== undefined) {
    if (input.KMSKeyArn === '') delete next.kmsKeyArn;
    else next.kmsKeyArn = input.KMSKeyArn;
  }
  if (input.TracingConfig?.Mode !== undefined) {
    next.tracingMode = input.TracingConfig.Mode as FunctionConfig['tracingMode'];
  }
  if (input.Layers !== undefined) next.layers = [...input.Layers];
  if (input.VpcConfig !== undefined) {
    const subnetIds = input.VpcConfig.SubnetIds ?? [];
    const securityGroupIds = input.VpcConfig.SecurityGroupIds ?? [];
    if (subnetIds.length === 0 && securityGroupIds.length === 0) delete next.vpc;
    else {
      next.vpc = {
        subnetIds: [...subnetIds],
        securityGroupIds: [...securityGroupIds],
        ipv6AllowedForDualStack: input.VpcConfig.Ipv6AllowedForDualStack ?? false,
      };
    }
  }
  if (input.SnapStart?.ApplyOn !== undefined) {
    next.snapStartApplyOn = input.SnapStart.ApplyOn as FunctionConfig['snapStartApplyOn'];
  }
  if (input.LoggingConfig !== undefined) next.logging = applyLogging(next.logging, input);
  if (input.ImageConfig !== undefined) {
    next.imageConfig = {
      ...(input.ImageConfig.EntryPoint === undefined
        ? {}
        : { entryPoint: [...input.ImageConfig.EntryPoint] }),
      ...(input.ImageConfig.Command === undefined
        ? {}
        : { command: [...input.ImageConfig.Command] }),
      ...(input.ImageConfig.WorkingDirectory === undefined
        ? {}
        : { workingDirectory: input.ImageConfig.WorkingDirectory }),
    };
  }
  if (input.FileSystemConfigs !== undefined) {
    next.fileSystemConfigs = input.FileSystemConfigs.map((c) => ({
      arn: c.Arn,
      localMountPath: c.LocalMountPath,
    }));
  }
  return next;
}

/**
 * JSON logs carry application and system log levels (default `INFO`); switching back to `Text`
 * drops them (recorded AWS responses).
 */
function applyLogging(
  base: FunctionConfig['logging'],
  input: FunctionConfigurationInput,
): FunctionConfig['logging'] {
  const given = input.LoggingConfig ?? {};
  const logFormat = (given.LogFormat ?? base.logFormat) as FunctionConfig['logging']['logFormat'];
  const logGroup = given.LogGroup ?? base.logGroup;
  if (logFormat === 'Text') return { logFormat, logGroup };
  return {
    logFormat,
    logGroup,
    applicationLogLevel: given.ApplicationLogLevel ?? base.applicationLogLevel ?? 'INFO',
    systemLogLevel: given.SystemLogLevel ?? base.systemLogLevel ?? 'INFO',
  };
}

/** The configuration a new function starts from: AWS's defaults (spec control-plane §2.1). */
export function defaultConfiguration(functionName: string, role: string): FunctionConfig {
  return {
    role,
    description: '',
    timeoutSeconds: 3,
    memorySizeMb: 128,
    ephemeralStorageMb: 512,
    architecture: 'x86_64',
    tracingMode: 'PassThrough',
    layers: [],
    snapStartApplyOn: 'None',
    logging: { logFormat: 'Text', logGroup: `/aws/lambda/${functionName}` },
  };
}
