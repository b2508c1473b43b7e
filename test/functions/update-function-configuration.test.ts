import { describe, expect, it } from 'vitest';
import { getFunctionConfiguration, latestConfiguration } from '../../src/functions/queries.js';
import {
  ACCOUNT,
  arnOf,
  expectError,
  expectRight,
  given,
  ROLE,
  typesOf,
  REVISION_MISMATCH,
} from '../support/scenario.js';
import { metaOf, operations } from './facade.js';
const layerArn = (name: string, version = 1): string =>
  `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:${name}:${String(version)}`;

describe('UpdateFunctionConfiguration', () => {
  it('answers 200 with the new $LATEST configuration, InProgress, and a new RevisionId (spec §2.4)', () => {
    const s = given().withFunction('f');
    const before = latestConfiguration(s.state, 'f');
    const response = expectRight(
      operations.UpdateFunctionConfiguration(
        s.state,
        { FunctionName: 'f', Timeout: 30, MemorySize: 512 },
        metaOf(s),
      ).result,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({
      FunctionArn: arnOf('f'),
      Version: '$LATEST',
      Timeout: 30,
      MemorySize: 512,
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
    expect(response.body.RevisionId).not.toBe(before?.RevisionId);
  });

  it('treats a redundant call with identical values as an update: InProgress and a new RevisionId (spec §2.4)', () => {
    const s = given().withFunction('f', { Description: 'same' });
    const before = latestConfiguration(s.state, 'f')?.RevisionId;
    const after = s.run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'same' });
    expect(latestConfiguration(after.state, 'f')).toMatchObject({
      Description: 'same',
      LastUpdateStatus: 'InProgress',
    });
    expect(latestConfiguration(after.state, 'f')?.RevisionId).not.toBe(before);
    expect(typesOf(after.log.slice(s.log.length))).toEqual(['FunctionConfigurationUpdated']);
  });

  it('changes only the members it is given (spec §2.4)', () => {
    const s = given()
      .withFunction('f', {
        Description: 'keep',
        Timeout: 10,
        Environment: { Variables: { A1: 'x' } },
      })
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 256 });
    expect(latestConfiguration(s.state, 'f')).toMatchObject({
      Description: 'keep',
      Timeout: 10,
      MemorySize: 256,
      Environment: { Variables: { A1: 'x' } },
      Runtime: 'nodejs22.x',
    });
  });

  it('updates every updatable member (spec §2.4)', () => {
    const s = given()
      .withFunction('f')
      .run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        Role: `arn:aws:iam::${ACCOUNT}:role/other`,
        Handler: 'main.handle',
        Runtime: 'python3.13',
        Description: 'new',
        Timeout: 900,
        MemorySize: 10_240,
        EphemeralStorage: { Size: 2048 },
        VpcConfig: {
          SubnetIds: ['subnet-a'],
          SecurityGroupIds: ['sg-a'],
          Ipv6AllowedForDualStack: true,
        },
        Environment: { Variables: { STAGE: 'prod' } },
        DeadLetterConfig: { TargetArn: `arn:aws:sns:us-east-1:${ACCOUNT}:topic` },
        KMSKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
        TracingConfig: { Mode: 'Active' },
        Layers: [layerArn('a')],
        SnapStart: { ApplyOn: 'PublishedVersions' },
        FileSystemConfigs: [
          {
            Arn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:access-point/fsap-1`,
            LocalMountPath: '/mnt/data',
          },
        ],
      });
    expect(latestConfiguration(s.state, 'f')).toMatchObject({
      Role: `arn:aws:iam::${ACCOUNT}:role/other`,
      Handler: 'main.handle',
      Runtime: 'python3.13',
      Description: 'new',
      Timeout: 900,
      MemorySize: 10_240,
      EphemeralStorage: { Size: 2048 },
      VpcConfig: {
        SubnetIds: ['subnet-a'],
        SecurityGroupIds: ['sg-a'],
        Ipv6AllowedForDualStack: true,
      },
      Environment: { Variables: { STAGE: 'prod' } },
      DeadLetterConfig: { TargetArn: `arn:aws:sns:us-east-1:${ACCOUNT}:topic` },
      KMSKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      TracingConfig: { Mode: 'Active' },
      Layers: [{ Arn: layerArn('a') }],
      SnapStart: { ApplyOn: 'PublishedVersions', OptimizationStatus: 'Off' },
      FileSystemConfigs: [
        {
          Arn: `arn:aws:elasticfilesystem:us-east-1:${ACCOUNT}:access-point/fsap-1`,
          LocalMountPath: '/mnt/data',
        },
      ],
    });
  });

  describe('removing settings', () => {
    const configured = () =>
      given().withFunction('f', {
        Environment: { Variables: { A1: 'x' } },
        VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: ['sg-a'] },
        DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` },
        KMSKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
        Layers: [layerArn('a')],
      });

    it('an empty variable map, empty VPC lists, an empty DLQ target and KMS key, and no layers clear them', () => {
      const s = configured().run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        Environment: { Variables: {} },
        VpcConfig: { SubnetIds: [], SecurityGroupIds: [] },
        DeadLetterConfig: { TargetArn: '' },
        KMSKeyArn: '',
        Layers: [],
      });
      const config = latestConfiguration(s.state, 'f');
      for (const absent of [
        'Environment',
        'VpcConfig',
        'DeadLetterConfig',
        'KMSKeyArn',
        'Layers',
      ]) {
        expect(config).not.toHaveProperty(absent);
      }
    });

    it('an Environment without Variables and a VpcConfig without lists also clear them', () => {
      const s = configured().run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        Environment: {},
        VpcConfig: {},
        DeadLetterConfig: {},
      });
      const config = latestConfiguration(s.state, 'f');
      for (const absent of ['Environment', 'VpcConfig', 'DeadLetterConfig'])
        expect(config).not.toHaveProperty(absent);
    });
  });

  describe('LoggingConfig', () => {
    it('JSON logs get application and system levels, INFO by default; Text drops them again', () => {
      const json = given()
        .withFunction('f')
        .run('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          LoggingConfig: { LogFormat: 'JSON' },
        });
      expect(latestConfiguration(json.state, 'f')?.LoggingConfig).toEqual({
        LogFormat: 'JSON',
        LogGroup: '/aws/lambda/f',
        ApplicationLogLevel: 'INFO',
        SystemLogLevel: 'INFO',
      });
      const text = json.advance(1_000).run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        LoggingConfig: { LogFormat: 'Text' },
      });
      expect(latestConfiguration(text.state, 'f')?.LoggingConfig).toEqual({
        LogFormat: 'Text',
        LogGroup: '/aws/lambda/f',
      });
    });

    it('keeps the format and the levels already set when only some members change', () => {
      const s = given()
        .withFunction('f', {
          LoggingConfig: {
            LogFormat: 'JSON',
            ApplicationLogLevel: 'DEBUG',
            SystemLogLevel: 'WARN',
          },
        })
        .run('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          LoggingConfig: { LogGroup: '/custom' },
        });
      expect(latestConfiguration(s.state, 'f')?.LoggingConfig).toEqual({
        LogFormat: 'JSON',
        LogGroup: '/custom',
        ApplicationLogLevel: 'DEBUG',
        SystemLogLevel: 'WARN',
      });
    });
  });

  describe('validation is the same as CreateFunction (spec §2.4)', () => {
    const s = given().withFunction('f');

    it('refuses a timeout above 900 s with the ValidationException text', () => {
      expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 3000 }),
        'ValidationException',
        "1 validation error detected: Value '3000' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to 900",
      );
    });

    it('refuses memory outside 128–10,240 MB and accepts the bounds', () => {
      expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 127 }),
        'ValidationException',
      );
      expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 10_241 }),
        'ValidationException',
      );
      expectRight(s.when('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 128 }));
      expectRight(s.when('UpdateFunctionConfiguration', { FunctionName: 'f', MemorySize: 10_240 }));
    });

    it('refuses memory over the account cap with the AWS text', () => {
      const capped = given({ memorySizeLimitMb: 3008 }).withFunction('f');
      const result = capped.when('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        MemorySize: 4096,
      });
      if (result._tag === 'Right') return expect.fail('expected a rejection');
      expect(result.left.message).toBe(
        "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 3008",
      );
    });

    it('refuses environment variables over 4 KB and reserved keys', () => {
      const variables = { KEY: 'v'.repeat(4087) };
      expectError(
        s.when('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          Environment: { Variables: variables },
        }),
        'InvalidParameterValueException',
        `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(variables)}`,
      );
      expectError(
        s.when('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          Environment: { Variables: { AWS_SESSION_TOKEN: 't' } },
        }),
        'InvalidParameterValueException',
        'Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: AWS_SESSION_TOKEN',
      );
    });

    it('refuses six layers and an unknown runtime', () => {
      expectError(
        s.when('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          Layers: ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => layerArn(n)),
        }),
        'InvalidParameterValueException',
        'Cannot reference more than 5 layers.',
      );
      const error = expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Runtime: 'nodejs99.x' }),
        'InvalidParameterValueException',
      );
      expect(error.message).toMatch(
        /^Value nodejs99\.x at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[/,
      );
    });

    it('refuses a bad Role together with the name check in one ValidationException', () => {
      const error = expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'bad name', Role: 'r1' }),
        'ValidationException',
      );
      expect(error.message).toMatch(/^2 validation errors detected: /);
    });
  });

  it('accepts the full ARN, the bare name and the partial ARN alike (spec §1.4)', () => {
    const s = given().withFunction('f');
    for (const name of [arnOf('f'), 'f', `${ACCOUNT}:function:f`]) {
      const events = expectRight(
        s.when('UpdateFunctionConfiguration', { FunctionName: name, Description: 'x' }),
      );
      expect(events[0]).toMatchObject({ type: 'FunctionConfigurationUpdated', functionName: 'f' });
    }
  });

  it('answers 404 "Function not found: <unqualified arn>" for a missing function (spec §1.4)', () => {
    expectError(
      given().when('UpdateFunctionConfiguration', { FunctionName: 'ghost', Timeout: 5 }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost')}`,
    );
  });

  it('refuses a RevisionId that is not the current one with 412 (spec §2.10)', () => {
    const s = given().withFunction('f');
    expectError(
      s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5, RevisionId: 'stale' }),
      'PreconditionFailedException',
      REVISION_MISMATCH,
    );
    const current = latestConfiguration(s.state, 'f')?.RevisionId ?? '';
    expectRight(
      s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5, RevisionId: current }),
    );
  });

  describe('Image functions', () => {
    const image = () =>
      given()
        .run('CreateFunction', {
          FunctionName: 'img',
          Role: ROLE,
          PackageType: 'Image',
          Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` },
        })
        .advance(1_000);

    it('refuses Runtime, Handler or layers (spec §2.1 "an error if given with Image")', () => {
      for (const extra of [
        { Runtime: 'nodejs22.x' },
        { Handler: 'index.handler' },
        { Layers: [layerArn('a')] },
      ]) {
        expectError(
          image().when('UpdateFunctionConfiguration', { FunctionName: 'img', ...extra }),
          'InvalidParameterValueException',
        );
      }
    });

    it('accepts an ImageConfig and an empty layer list, showing only the ImageConfig members given', () => {
      const s = image().run('UpdateFunctionConfiguration', {
        FunctionName: 'img',
        Layers: [],
        ImageConfig: { Command: ['handler'] },
      });
      expect(latestConfiguration(s.state, 'img')?.ImageConfigResponse).toEqual({
        ImageConfig: { Command: ['handler'] },
      });
      const t = s.advance(1_000).run('UpdateFunctionConfiguration', {
        FunctionName: 'img',
        ImageConfig: { EntryPoint: ['/run'] },
      });
      expect(latestConfiguration(t.state, 'img')?.ImageConfigResponse).toEqual({
        ImageConfig: { EntryPoint: ['/run'] },
      });
    });
  });

  it('an environment change makes the next PublishVersion create a version that keeps the variables (spec §3.1, §3.2)', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .advance(1_000)
      .run('UpdateFunctionConfiguration', {
        FunctionName: 'f',
        Environment: { Variables: { STAGE: 'v2' } },
      })
      .advance(1_000)
      .run('PublishVersion', { FunctionName: 'f' });
    const v2 = expectRight(
      getFunctionConfiguration(s.state, { FunctionName: 'f', Qualifier: '2' }),
    );
    expect(v2.Environment).toEqual({ Variables: { STAGE: 'v2' } });
    expect(
      expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f', Qualifier: '1' })),
    ).not.toHaveProperty('Environment');
  });
});
