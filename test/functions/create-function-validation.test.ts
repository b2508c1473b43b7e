import { describe, expect, it } from 'vitest';
import type { AwsError } from '../../src/kernel/errors.js';
import type { Either } from '../../src/kernel/fp.js';
import type { LambdaEvent } from '../../src/lambda.js';
import {
  ACCOUNT,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  typesOf,
} from '../support/scenario.js';

type CreateInput = ReturnType<typeof createFunctionInput>;

const create = (overrides: Partial<CreateInput>, name = 'f') =>
  given().when('CreateFunction', createFunctionInput(name, overrides));

/** A model-level failure: one ValidationException (400) naming the member (spec §2.1 "Error codes"). */
function expectValidation(result: Either<AwsError, unknown>, field: string): string {
  const error = expectError(result, 'ValidationException');
  expect(error.statusCode).toBe(400);
  expect(error.message).toMatch(/^1 validation error detected: Value /);
  expect(error.message).toContain(`at '${field}' failed to satisfy constraint:`);
  return error.message;
}

const accepted = (result: Either<AwsError, ReadonlyArray<LambdaEvent>>): void => {
  expect(typesOf(expectRight(result))).toEqual(['FunctionCreated']);
};

const layerArn = (name: string, version = 1, region = 'us-east-1'): string =>
  `arn:aws:lambda:${region}:${ACCOUNT}:layer:${name}:${String(version)}`;

/** The runtimes AWS accepted on 2026-01-12, in the order its message lists them (spec §2.11). */
const ACCEPTED_RUNTIMES_TEXT =
  '[nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2]';

const ENV_LIMIT_PREFIX =
  'Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ';
const RESERVED_PREFIX =
  'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ';

describe('CreateFunction validation', () => {
  describe('FunctionName (spec §1.1)', () => {
    it('accepts a bare name of exactly 64 characters', () => {
      accepted(create({}, 'n'.repeat(64)));
    });

    it('refuses a 65-character name with InvalidParameterValueException and the validation text', () => {
      const name = 'n'.repeat(65);
      const error = expectError(
        create({}, name),
        'InvalidParameterValueException',
        `1 validation error detected: Value '${name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      );
      expect(error.statusCode).toBe(400);
    });

    it('refuses a full ARN longer than 140 characters with a ValidationException', () => {
      const arn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:${'n'.repeat(94)}`;
      expect(arn.length).toBe(141);
      const message = expectValidation(create({}, arn), 'functionName');
      expect(message).toContain('Member must have length less than or equal to 140');
    });

    it('refuses invalid characters with a ValidationException quoting the regex', () => {
      for (const name of ['my-function!', '*']) {
        const message = expectValidation(create({}, name), 'functionName');
        expect(message).toContain('Member must satisfy regular expression pattern: ');
        expect(message).toContain('([a-zA-Z0-9-_]+)');
      }
    });

    it('refuses a "." in the name, which only the read operations admit (spec §1.1)', () => {
      expectValidation(create({}, 'my.function'), 'functionName');
    });
  });

  it('refuses a Role that is not an IAM role ARN with the exact ValidationException (spec §2.1)', () => {
    expectError(
      create({ Role: 'r1' }),
      'ValidationException',
      "1 validation error detected: Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
    );
  });

  describe('Timeout (spec §2.1, §7.2)', () => {
    it('accepts 1 s and 900 s', () => {
      accepted(create({ Timeout: 1 }));
      accepted(create({ Timeout: 900 }));
    });

    it('refuses a timeout above 900 s with the ValidationException text', () => {
      expectError(
        create({ Timeout: 3000 }),
        'ValidationException',
        "1 validation error detected: Value '3000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
      );
      const message = expectValidation(create({ Timeout: 901 }), 'timeout');
      expect(message).toContain('less than or equal to 900');
    });

    it('refuses a timeout below 1 s', () => {
      const message = expectValidation(create({ Timeout: 0 }), 'timeout');
      expect(message).toContain('greater than or equal to 1');
    });
  });

  describe('MemorySize (spec §2.1, §7.2)', () => {
    it('accepts 128 MB and 10,240 MB', () => {
      accepted(create({ MemorySize: 128 }));
      accepted(create({ MemorySize: 10_240 }));
    });

    it('refuses 127 MB and 10,241 MB with a ValidationException', () => {
      expect(expectValidation(create({ MemorySize: 127 }), 'memorySize')).toContain('128');
      expect(expectValidation(create({ MemorySize: 10_241 }), 'memorySize')).toContain('10240');
    });

    it('on an account capped at 3,008 MB accepts 3,008 and refuses 3,009 with AWS text (spec §2.1)', () => {
      const capped = given({ memorySizeLimitMb: 3008 });
      accepted(capped.when('CreateFunction', createFunctionInput('f', { MemorySize: 3008 })));
      const result = capped.when('CreateFunction', createFunctionInput('f', { MemorySize: 3009 }));
      if (result._tag === 'Right') return expect.fail('expected a rejection');
      expect(result.left.statusCode).toBe(400);
      expect(result.left.message).toBe(
        "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 3008",
      );
    });
  });

  describe('EphemeralStorage.Size (spec §2.1)', () => {
    it('accepts 512 MB and 10,240 MB', () => {
      accepted(create({ EphemeralStorage: { Size: 512 } }));
      accepted(create({ EphemeralStorage: { Size: 10_240 } }));
    });

    it('refuses 511 MB and 10,241 MB', () => {
      expectValidation(create({ EphemeralStorage: { Size: 511 } }), 'ephemeralStorage.size');
      expectValidation(create({ EphemeralStorage: { Size: 10_241 } }), 'ephemeralStorage.size');
    });
  });

  describe('Description and Handler (spec §2.1)', () => {
    it('accepts a 256-character description and refuses 257', () => {
      accepted(create({ Description: 'd'.repeat(256) }));
      expectValidation(create({ Description: 'd'.repeat(257) }), 'description');
    });

    it('accepts a 128-character handler and refuses 129 or whitespace', () => {
      accepted(create({ Handler: 'h'.repeat(128) }));
      expectValidation(create({ Handler: 'h'.repeat(129) }), 'handler');
      expect(expectValidation(create({ Handler: 'index handler' }), 'handler')).toContain(
        '[^\\s]+',
      );
    });
  });

  describe('Architectures (spec §2.1)', () => {
    it('accepts exactly one of x86_64 or arm64', () => {
      accepted(create({ Architectures: ['x86_64'] }));
      accepted(create({ Architectures: ['arm64'] }));
    });

    it('refuses two architectures, none, and a wrong case', () => {
      expectValidation(create({ Architectures: ['x86_64', 'arm64'] }), 'architectures');
      expectValidation(create({ Architectures: [] }), 'architectures');
      expectValidation(create({ Architectures: ['X86_64'] }), 'architectures');
    });
  });

  it('refuses a PackageType outside Zip and Image (spec §2.1)', () => {
    expectValidation(create({ PackageType: 'zip' }), 'packageType');
  });

  describe('Runtime (spec §2.1, §2.11)', () => {
    it('accepts each runtime of the accepted set', () => {
      for (const runtime of ACCEPTED_RUNTIMES_TEXT.slice(1, -1).split(', ')) {
        accepted(create({ Runtime: runtime }));
      }
    });

    it('refuses a runtime outside the set, including a case error, with the enum message', () => {
      for (const runtime of ['PYTHON3.9', 'cobol']) {
        const error = expectError(
          create({ Runtime: runtime }),
          'InvalidParameterValueException',
          `Value ${runtime} at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: ${ACCEPTED_RUNTIMES_TEXT} or be a valid ARN`,
        );
        expect(error.statusCode).toBe(400);
      }
    });

    it('refuses each recently deprecated runtime with the "no longer supported" message', () => {
      for (const runtime of [
        'java8',
        'go1.x',
        'provided',
        'ruby2.7',
        'nodejs14.x',
        'python3.7',
        'dotnetcore3.1',
        'nodejs12.x',
      ]) {
        expectError(
          create({ Runtime: runtime }),
          'InvalidParameterValueException',
          `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
        );
      }
    });

    it('requires Runtime and Handler for a Zip function', () => {
      const { Runtime: _runtime, ...noRuntime } = createFunctionInput('f');
      const { Handler: _handler, ...noHandler } = createFunctionInput('f');
      for (const input of [noRuntime, noHandler]) {
        const result = given().when('CreateFunction', input);
        if (result._tag === 'Right') return expect.fail('expected a rejection');
        expect(result.left.statusCode).toBe(400);
      }
    });
  });

  describe('Environment (spec §2.1, §7.2)', () => {
    /** A one-variable map whose compact JSON text is exactly `bytes` bytes long. */
    const envOfJsonBytes = (bytes: number): Record<string, string> => ({
      KEY: 'v'.repeat(bytes - '{"KEY":""}'.length),
    });

    it('accepts variables whose compact JSON is exactly 4,096 bytes', () => {
      const variables = envOfJsonBytes(4096);
      expect(JSON.stringify(variables).length).toBe(4096);
      accepted(create({ Environment: { Variables: variables } }));
    });

    it('refuses 4,097 bytes with the 4KB message quoting the measured string, creating nothing', () => {
      const variables = envOfJsonBytes(4097);
      expectError(
        create({ Environment: { Variables: variables } }),
        'InvalidParameterValueException',
        `${ENV_LIMIT_PREFIX}${JSON.stringify(variables)}`,
      );
    });

    it('measures the whole map across several keys', () => {
      const variables: Record<string, string> = {};
      for (let i = 0; i < 10; i += 1) variables[`KEY_${String(i)}`] = 'x'.repeat(400);
      expect(JSON.stringify(variables).length).toBeGreaterThan(4096);
      expectError(
        create({ Environment: { Variables: variables } }),
        'InvalidParameterValueException',
        `${ENV_LIMIT_PREFIX}${JSON.stringify(variables)}`,
      );
    });

    it('measures bytes, not characters', () => {
      // 4,090 characters of JSON, but each "é" is two UTF-8 bytes.
      const variables = { KEY: 'é'.repeat(4080) };
      expect(JSON.stringify(variables).length).toBeLessThanOrEqual(4096);
      expectError(
        create({ Environment: { Variables: variables } }),
        'InvalidParameterValueException',
      );
    });

    it('refuses keys that do not match [a-zA-Z]([a-zA-Z0-9_])+ and accepts those that do', () => {
      for (const key of ['A', '1AB', 'MY-KEY', '_X']) {
        expectValidation(
          create({ Environment: { Variables: { [key]: 'v' } } }),
          'environment.variables',
        );
      }
      accepted(create({ Environment: { Variables: { AB: 'v', a_1: 'v', Zz9: 'v' } } }));
    });

    it('refuses the reserved keys _HANDLER and _X_AMZN_TRACE_ID already by the key pattern (no leading letter)', () => {
      for (const key of ['_HANDLER', '_X_AMZN_TRACE_ID']) {
        expectValidation(
          create({ Environment: { Variables: { [key]: 'x' } } }),
          'environment.variables',
        );
      }
    });

    it('refuses every other reserved key with the reserved-keys message', () => {
      const reserved = [
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
        'AWS_DEFAULT_REGION',
      ];
      for (const key of reserved) {
        expectError(
          create({ Environment: { Variables: { STAGE: 'prod', [key]: 'x' } } }),
          'InvalidParameterValueException',
          `${RESERVED_PREFIX}${key}`,
        );
      }
    });
  });

  describe('Layers (spec §2.1, §7.2)', () => {
    it('accepts five layers and refuses six with "Cannot reference more than 5 layers."', () => {
      const layers = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => layerArn(n));
      accepted(create({ Layers: layers.slice(0, 5) }));
      expectError(
        create({ Layers: layers }),
        'InvalidParameterValueException',
        'Cannot reference more than 5 layers.',
      );
    });

    it('refuses two versions of the same layer', () => {
      const [a, b] = [layerArn('shared', 1), layerArn('shared', 2)];
      expectError(
        create({ Layers: [a, b] }),
        'InvalidParameterValueException',
        `Two different versions of the same layer are not allowed to be referenced in the same function. ${a} and ${b} are versions of the same layer.`,
      );
    });

    it('refuses a layer of another region', () => {
      expectError(
        create({ Layers: [layerArn('shared', 1, 'eu-west-1')] }),
        'InvalidParameterValueException',
        'Layers are not in the same region as the function. Layers are expected to be in region us-east-1.',
      );
    });

    it('refuses a layer ARN without a version, or not a layer ARN', () => {
      const unversioned = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared`;
      for (const arn of [unversioned, 'not-an-arn']) {
        const message = expectValidation(create({ Layers: [arn] }), 'layers');
        expect(message).toContain(
          'Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:',
        );
      }
    });

    it('accepts layer ARNs up to 2,048 characters and refuses longer ones', () => {
      const long = layerArn('l'.repeat(120));
      expect(long.length).toBeGreaterThan(140);
      accepted(create({ Layers: [long] }));
      const tooLong = layerArn('l'.repeat(2048));
      expect(expectValidation(create({ Layers: [tooLong] }), 'layers')).toContain(
        'Member must have length less than or equal to 2048',
      );
    });

    it('accepts an AWS-managed awslayer ARN, which carries no region', () => {
      accepted(create({ Layers: ['arn:aws:lambda:::awslayer:AWSLambda-Python-AWS-SDK'] }));
    });
  });

  describe('VpcConfig (spec §2.1, §7.2)', () => {
    const ids = (prefix: string, n: number): string[] =>
      Array.from({ length: n }, (_, i) => `${prefix}-${String(i)}`);

    it('accepts 16 subnets and refuses 17', () => {
      accepted(create({ VpcConfig: { SubnetIds: ids('subnet', 16), SecurityGroupIds: ['sg-1'] } }));
      expectValidation(
        create({ VpcConfig: { SubnetIds: ids('subnet', 17) } }),
        'vpcConfig.subnetIds',
      );
    });

    it('accepts 5 security groups and refuses 6', () => {
      accepted(create({ VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ids('sg', 5) } }));
      expectValidation(
        create({ VpcConfig: { SecurityGroupIds: ids('sg', 6) } }),
        'vpcConfig.securityGroupIds',
      );
    });

    it('refuses ids that do not match subnet-[0-9a-z]* or sg-[0-9a-zA-Z]*', () => {
      expectValidation(
        create({ VpcConfig: { SubnetIds: ['subnet-1', 'vpc-1'] } }),
        'vpcConfig.subnetIds',
      );
      expectValidation(
        create({ VpcConfig: { SecurityGroupIds: ['group-1'] } }),
        'vpcConfig.securityGroupIds',
      );
    });
  });

  describe('FileSystemConfigs (spec §2.1, §7.2)', () => {
    const efs = (n: number, path = '/mnt/data'): Array<{ Arn: string; LocalMountPath: string }> =>
      Array.from({ length: n }, (_, i) => ({
        Arn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:access-point/fsap-${String(i).padStart(17, '0')}`,
        LocalMountPath: path,
      }));

    it('accepts one file system and refuses two', () => {
      accepted(create({ FileSystemConfigs: efs(1) }));
      expect(
        expectValidation(create({ FileSystemConfigs: efs(2) }), 'fileSystemConfigs'),
      ).toContain('Member must have length less than or equal to 1');
    });

    it('mounts only under /mnt/, with a path of at most 160 characters', () => {
      accepted(create({ FileSystemConfigs: efs(1, `/mnt/${'p'.repeat(155)}`) }));
      for (const path of ['/data', '/mnt/', '/mnt/a b', `/mnt/${'p'.repeat(156)}`]) {
        const message = expectValidation(
          create({ FileSystemConfigs: efs(1, path) }),
          'fileSystemConfigs.1.member.localMountPath',
        );
        expect(message).toMatch(/\/mnt\/\[a-zA-Z0-9-_\.\]\+|less than or equal to 160/);
      }
    });
  });

  describe('ImageConfig (spec §2.1)', () => {
    const image = (config: NonNullable<CreateInput['ImageConfig']>) =>
      given().when('CreateFunction', {
        FunctionName: 'img',
        Role: createFunctionInput('img').Role,
        PackageType: 'Image',
        Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` },
        ImageConfig: config,
      });
    const strings = (n: number): string[] => Array.from({ length: n }, (_, i) => `a${String(i)}`);

    it('accepts 1,500 EntryPoint and Command strings and a 1,000-character WorkingDirectory', () => {
      accepted(
        image({
          EntryPoint: strings(1500),
          Command: strings(1500),
          WorkingDirectory: 'w'.repeat(1000),
        }),
      );
    });

    it('refuses 1,501 strings or a 1,001-character WorkingDirectory', () => {
      expectValidation(image({ EntryPoint: strings(1501) }), 'imageConfig.entryPoint');
      expectValidation(image({ Command: strings(1501) }), 'imageConfig.command');
      expectValidation(
        image({ WorkingDirectory: 'w'.repeat(1001) }),
        'imageConfig.workingDirectory',
      );
    });
  });

  describe('Tags (spec §2.1, §2.9)', () => {
    const tags = (n: number): Record<string, string> =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${String(i)}`, 'v']));

    it('accepts 50 tags and refuses 51 with "Number of tags exceeds resource tag limit."', () => {
      accepted(create({ Tags: tags(50) }));
      expectError(
        create({ Tags: tags(51) }),
        'InvalidParameterValueException',
        'Number of tags exceeds resource tag limit.',
      );
    });

    it('accepts keys of 1–128 and values of 0–256 characters, refusing one more', () => {
      accepted(create({ Tags: { ['k'.repeat(128)]: 'v'.repeat(256), empty: '' } }));
      expectValidation(create({ Tags: { ['k'.repeat(129)]: 'v' } }), 'tags.key');
      expectValidation(create({ Tags: { '': 'v' } }), 'tags.key');
      expectValidation(create({ Tags: { k: 'v'.repeat(257) } }), 'tags.value');
    });

    it('accepts Unicode letters, spaces and _.:/=+-@, and refuses other characters', () => {
      accepted(create({ Tags: { 'Équipe name_.:/=+-@': 'Ürün 1' } }));
      expectValidation(create({ Tags: { 'a*b': 'v' } }), 'tags.key');
      expectValidation(create({ Tags: { k: 'a#b' } }), 'tags.value');
    });
  });

  describe('enumerations and ARNs (spec §2.1)', () => {
    it('refuses a TracingConfig.Mode outside Active and PassThrough', () => {
      expectValidation(create({ TracingConfig: { Mode: 'On' } }), 'tracingConfig.mode');
    });

    it('refuses a SnapStart.ApplyOn outside PublishedVersions and None', () => {
      expectValidation(create({ SnapStart: { ApplyOn: 'Always' } }), 'snapStart.applyOn');
    });

    it('refuses a LoggingConfig.LogFormat outside JSON and Text and a LogGroup outside 1–512', () => {
      expectValidation(create({ LoggingConfig: { LogFormat: 'XML' } }), 'loggingConfig.logFormat');
      expectValidation(create({ LoggingConfig: { LogGroup: '' } }), 'loggingConfig.logGroup');
      expectValidation(
        create({ LoggingConfig: { LogGroup: 'g'.repeat(513) } }),
        'loggingConfig.logGroup',
      );
      accepted(create({ LoggingConfig: { LogGroup: 'g'.repeat(512) } }));
    });

    it('refuses unknown application and system log levels', () => {
      expectValidation(
        create({ LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'LOUD' } }),
        'loggingConfig.applicationLogLevel',
      );
      expectValidation(
        create({ LoggingConfig: { LogFormat: 'JSON', SystemLogLevel: 'TRACE' } }),
        'loggingConfig.systemLogLevel',
      );
    });

    it('refuses a DeadLetterConfig.TargetArn or KMSKeyArn that is not an ARN', () => {
      expectValidation(
        create({ DeadLetterConfig: { TargetArn: 'queue' } }),
        'deadLetterConfig.targetArn',
      );
      expectValidation(create({ KMSKeyArn: 'key' }), 'kMSKeyArn');
    });
  });

  describe('validation order', () => {
    it('reports every model-level violation together in one ValidationException (spec §4.2 step 1, §5.1)', () => {
      const error = expectError(create({ Timeout: 0, MemorySize: 1 }), 'ValidationException');
      expect(error.message).toMatch(/^2 validation errors detected: /);
      expect(error.message).toContain("at 'timeout'");
      expect(error.message).toContain("at 'memorySize'");
    });

    it('reports model validation before service checks such as reserved keys or the runtime (spec §4.2 step 1)', () => {
      expectValidation(
        create({ Timeout: 901, Runtime: 'cobol', Environment: { Variables: { AWS_REGION: 'x' } } }),
        'timeout',
      );
    });

    it('reports model validation before the duplicate-name conflict (spec §4.2 step 1: before any lookup)', () => {
      const s = given().withFunction('f');
      const result = s.when('CreateFunction', createFunctionInput('f', { Timeout: 901 }));
      expectValidation(result, 'timeout');
    });

    it('reports an invalid request on an existing name, not the conflict (no function is created, spec §2.1)', () => {
      const s = given().withFunction('f');
      expectError(
        s.when(
          'CreateFunction',
          createFunctionInput('f', {
            Layers: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => layerArn(n)),
          }),
        ),
        'InvalidParameterValueException',
        'Cannot reference more than 5 layers.',
      );
    });
  });
});

describe('Role is required (spec §2.1: "Required fields: FunctionName, Role, Code")', () => {
  it('refuses a CreateFunction without Role with the null-member ValidationException', () => {
    const { Role: _omitted, ...withoutRole } = createFunctionInput('f');
    expectError(
      given().when('CreateFunction', withoutRole as typeof withoutRole & { Role: string }),
      'ValidationException',
      "1 validation error detected: Value null at 'role' failed to satisfy constraint: Member must not be null",
    );
  });
});
