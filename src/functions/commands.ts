/**
 * The function operations as commands: each is the AWS operation name with the AWS request shape
 * (botocore `lambda/2015-03-31`) as its input. Enumerated members are typed `string`, because the
 * model validates them as AWS does rather than trusting the caller's types.
 *
 * @module
 */
import type { Command } from '../kernel/message.js';

/** `Code` of CreateFunction: exactly one of a zip, an S3 object or a container image. */
export interface FunctionCodeInput {
  /** The zip bytes, or their base64 text as the JSON wire carries them. */
  readonly ZipFile?: Uint8Array | string;
  readonly S3Bucket?: string;
  readonly S3Key?: string;
  readonly S3ObjectVersion?: string;
  readonly ImageUri?: string;
  readonly SourceKMSKeyArn?: string;
}

/** `VpcConfig`. */
export interface VpcConfigInput {
  readonly SubnetIds?: ReadonlyArray<string>;
  readonly SecurityGroupIds?: ReadonlyArray<string>;
  readonly Ipv6AllowedForDualStack?: boolean;
}

/** `LoggingConfig`. */
export interface LoggingConfigInput {
  readonly LogFormat?: string;
  readonly ApplicationLogLevel?: string;
  readonly SystemLogLevel?: string;
  readonly LogGroup?: string;
}

/** `ImageConfig` (container images). */
export interface ImageConfigInput {
  readonly EntryPoint?: ReadonlyArray<string>;
  readonly Command?: ReadonlyArray<string>;
  readonly WorkingDirectory?: string;
}

/** One `FileSystemConfigs` entry (EFS). */
export interface FileSystemConfigInput {
  readonly Arn: string;
  readonly LocalMountPath: string;
}

/** The configuration members CreateFunction and UpdateFunctionConfiguration share. */
export interface FunctionConfigurationInput {
  readonly Role?: string;
  readonly Runtime?: string;
  readonly Handler?: string;
  readonly Description?: string;
  readonly Timeout?: number;
  readonly MemorySize?: number;
  readonly VpcConfig?: VpcConfigInput;
  readonly Environment?: { readonly Variables?: Readonly<Record<string, string>> };
  readonly DeadLetterConfig?: { readonly TargetArn?: string };
  readonly KMSKeyArn?: string;
  readonly TracingConfig?: { readonly Mode?: string };
  readonly Layers?: ReadonlyArray<string>;
  readonly EphemeralStorage?: { readonly Size: number };
  readonly SnapStart?: { readonly ApplyOn?: string };
  readonly LoggingConfig?: LoggingConfigInput;
  readonly ImageConfig?: ImageConfigInput;
  readonly FileSystemConfigs?: ReadonlyArray<FileSystemConfigInput>;
}

/** CreateFunction request (`POST /2015-03-31/functions`). */
export interface CreateFunctionRequest extends FunctionConfigurationInput {
  readonly FunctionName: string;
  readonly Role: string;
  readonly Code: FunctionCodeInput;
  readonly PackageType?: string;
  readonly Architectures?: ReadonlyArray<string>;
  readonly Publish?: boolean;
  readonly Tags?: Readonly<Record<string, string>>;
}

/** UpdateFunctionCode request (`PUT /2015-03-31/functions/{FunctionName}/code`). */
export interface UpdateFunctionCodeRequest extends FunctionCodeInput {
  readonly FunctionName: string;
  readonly Architectures?: ReadonlyArray<string>;
  readonly Publish?: boolean;
  readonly DryRun?: boolean;
  readonly RevisionId?: string;
}

/** UpdateFunctionConfiguration request (`PUT …/{FunctionName}/configuration`). */
export interface UpdateFunctionConfigurationRequest extends FunctionConfigurationInput {
  readonly FunctionName: string;
  readonly RevisionId?: string;
}

/** DeleteFunction request (`DELETE …/{FunctionName}?Qualifier=`). */
export interface DeleteFunctionRequest {
  readonly FunctionName: string;
  readonly Qualifier?: string;
}

/** TagResource request (`POST /2017-03-31/tags/{ARN}`). */
export interface TagResourceRequest {
  readonly Resource: string;
  readonly Tags: Readonly<Record<string, string>>;
}

/** UntagResource request (`DELETE /2017-03-31/tags/{ARN}?tagKeys=`). */
export interface UntagResourceRequest {
  readonly Resource: string;
  readonly TagKeys: ReadonlyArray<string>;
}

/** CreateFunction as a command. */
export type CreateFunction = Command<'CreateFunction', CreateFunctionRequest>;
/** UpdateFunctionCode as a command. */
export type UpdateFunctionCode = Command<'UpdateFunctionCode', UpdateFunctionCodeRequest>;
/** UpdateFunctionConfiguration as a command. */
export type UpdateFunctionConfiguration = Command<
  'UpdateFunctionConfiguration',
  UpdateFunctionConfigurationRequest
>;
/** DeleteFunction as a command (the function, or one version with `Qualifier`). */
export type DeleteFunction = Command<'DeleteFunction', DeleteFunctionRequest>;
/** TagResource as a command (function level only). */
export type TagResource = Command<'TagResource', TagResourceRequest>;
/** UntagResource as a command (function level only). */
export type UntagResource = Command<'UntagResource', UntagResourceRequest>;

/** Every command of the functions domain. */
export type FunctionsCommand =
  | CreateFunction
  | UpdateFunctionCode
  | UpdateFunctionConfiguration
  | DeleteFunction
  | TagResource
  | UntagResource;
