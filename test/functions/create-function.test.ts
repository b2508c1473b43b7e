import { describe, expect, it } from 'vitest';
import { getFunction, getFunctionConfiguration } from '../../src/functions/queries.js';
import {
  ACCOUNT,
  arnOf,
  createFunctionInput,
  EMPTY_ZIP,
  expectError,
  expectRight,
  given,
  ROLE,
  T0,
  typesOf,
} from '../support/scenario.js';
import { metaOf, operations } from './facade.js';
import { expectedSha256, storedZip } from './zips.js';

describe('CreateFunction', () => {
  it('answers 201 with $LATEST Pending, "The function is being created." / Creating, and no LastUpdateStatus (spec §2.1)', () => {
    const s = given();
    const { result } = operations.CreateFunction(s.state, createFunctionInput('f'), metaOf(s));
    const response = expectRight(result);
    expect(response.statusCode).toBe(201);
    expect(response.body).toMatchObject({
      FunctionName: 'f',
      FunctionArn: arnOf('f'),
      Version: '$LATEST',
      State: 'Pending',
      StateReason: 'The function is being created.',
      StateReasonCode: 'Creating',
    });
    expect(response.body).not.toHaveProperty('LastUpdateStatus');
    expect(response.body).not.toHaveProperty('LastUpdateStatusReason');
    expect(response.body).not.toHaveProperty('LastUpdateStatusReasonCode');
  });

  it('fills in the AWS defaults for every member left out (spec §2.1)', () => {
    const s = given();
    const body = expectRight(
      operations.CreateFunction(s.state, createFunctionInput('orders'), metaOf(s)).result,
    ).body;
    expect(body).toMatchObject({
      Description: '',
      Timeout: 3,
      MemorySize: 128,
      EphemeralStorage: { Size: 512 },
      Architectures: ['x86_64'],
      PackageType: 'Zip',
      TracingConfig: { Mode: 'PassThrough' },
      SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
      LoggingConfig: { LogFormat: 'Text', LogGroup: '/aws/lambda/orders' },
      Role: ROLE,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
    });
    for (const absent of ['Environment', 'VpcConfig', 'DeadLetterConfig', 'KMSKeyArn', 'Layers']) {
      expect(body).not.toHaveProperty(absent);
    }
  });

  it('reports CodeSha256 as the base64 SHA-256 of the zip bytes and CodeSize as their count (spec §2.2)', () => {
    const zip = storedZip({ 'index.js': 'exports.handler = async () => 42;\n' });
    const s = given();
    const body = expectRight(
      operations.CreateFunction(
        s.state,
        createFunctionInput('f', { Code: { ZipFile: zip } }),
        metaOf(s),
      ).result,
    ).body;
    expect(body.CodeSha256).toBe(expectedSha256(zip));
    // base64 of 32 bytes, not 64 hex digits.
    expect(body.CodeSha256).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    expect(body.CodeSize).toBe(zip.length);
  });

  it('formats LastModified as YYYY-MM-DDThh:mm:ss.sss+0000 at the request time (spec §2.2)', () => {
    const s = given();
    const at = T0 + 19 * 3_600_000 + 6 * 60_000 + 32_563;
    const body = expectRight(
      operations.CreateFunction(s.state, createFunctionInput('f'), { now: at, requestId: 'r' })
        .result,
    ).body;
    expect(body.LastModified).toBe('2026-01-01T19:06:32.563+0000');
  });

  it('with Publish=true answers Version "1" but keeps the unqualified FunctionArn (spec §2.1)', () => {
    const s = given();
    const { result, events } = operations.CreateFunction(
      s.state,
      createFunctionInput('f', { Publish: true }),
      metaOf(s),
    );
    const body = expectRight(result).body;
    expect(body.Version).toBe('1');
    expect(body.FunctionArn).toBe(arnOf('f'));
    expect(typesOf(events)).toEqual(['FunctionCreated', 'FunctionVersionPublished']);
    expect(events[1]).toMatchObject({ version: '1' });
  });

  it('without Publish records only the creation (spec §2.1 Publish default false)', () => {
    const events = expectRight(given().when('CreateFunction', createFunctionInput('f')));
    expect(typesOf(events)).toEqual(['FunctionCreated']);
  });

  it('keeps every configuration member it is given', () => {
    const s = given();
    const layer = `arn:aws:lambda:us-east-1:${ACCOUNT}:layer:shared:3`;
    const input = createFunctionInput('f', {
      Description: 'orders API',
      Timeout: 900,
      MemorySize: 10_240,
      EphemeralStorage: { Size: 10_240 },
      Architectures: ['arm64'],
      Environment: { Variables: { STAGE: 'prod' } },
      VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
      DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` },
      KMSKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      TracingConfig: { Mode: 'Active' },
      Layers: [layer],
      SnapStart: { ApplyOn: 'PublishedVersions' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: '/custom/group' },
    });
    const body = expectRight(operations.CreateFunction(s.state, input, metaOf(s)).result).body;
    expect(body).toMatchObject({
      Description: 'orders API',
      Timeout: 900,
      MemorySize: 10_240,
      EphemeralStorage: { Size: 10_240 },
      Architectures: ['arm64'],
      Environment: { Variables: { STAGE: 'prod' } },
      VpcConfig: { SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-1'] },
      DeadLetterConfig: { TargetArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` },
      KMSKeyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/k`,
      TracingConfig: { Mode: 'Active' },
      Layers: [{ Arn: layer }],
      LoggingConfig: { LogFormat: 'JSON', LogGroup: '/custom/group' },
    });
    // SnapStart optimises published versions only; $LATEST stays Off (spec §3.2).
    expect(body.SnapStart).toEqual({ ApplyOn: 'PublishedVersions', OptimizationStatus: 'Off' });
    expect(body.VpcConfig?.VpcId).toMatch(/^vpc-/);
  });

  it('refuses a name that already exists with 409 "Function already exist: <name>" (spec §2.1)', () => {
    const s = given().withFunction('f');
    const error = expectError(
      s.when('CreateFunction', createFunctionInput('f')),
      'ResourceConflictException',
      'Function already exist: f',
    );
    expect(error.statusCode).toBe(409);
  });

  it('refuses a duplicate also while the first function is still Pending (spec §2.1)', () => {
    const s = given().run('CreateFunction', createFunctionInput('f'));
    expectError(
      s.when('CreateFunction', createFunctionInput('f')),
      'ResourceConflictException',
      'Function already exist: f',
    );
  });

  it('accepts the full ARN and the partial ARN forms of the name (spec §1.2)', () => {
    for (const name of [
      arnOf('f'),
      `${ACCOUNT}:function:f`,
      'function:f',
      `us-east-1:${ACCOUNT}:function:f`,
    ]) {
      const events = expectRight(given().when('CreateFunction', createFunctionInput(name)));
      expect(events[0]).toMatchObject({ type: 'FunctionCreated', functionName: 'f' });
    }
  });

  it('refuses an ARN of another region with 404 "Functions from \'<r>\' are not reachable" (spec §1.4)', () => {
    const error = expectError(
      given().when(
        'CreateFunction',
        createFunctionInput(`arn:aws:lambda:us-west-2:${ACCOUNT}:function:f`),
      ),
      'ResourceNotFoundException',
      "Functions from 'us-west-2' are not reachable in this region ('us-east-1')",
    );
    expect(error.statusCode).toBe(404);
  });

  it('refuses an ARN of another account with 403 AccessDeniedException (spec §1.4)', () => {
    const error = expectError(
      given().when(
        'CreateFunction',
        createFunctionInput('arn:aws:lambda:us-east-1:999999999999:function:f'),
      ),
      'AccessDeniedException',
    );
    expect(error.statusCode).toBe(403);
  });

  it('refuses a name carrying a version qualifier, creating nothing (model: create acts on the function, spec §1.2)', () => {
    const result = given().when('CreateFunction', createFunctionInput('f:1'));
    expect(result._tag).toBe('Left');
  });

  it('a rejected create returns the state unchanged and records nothing (DESIGN §3)', () => {
    const s = given().withFunction('f');
    const outcome = operations.CreateFunction(s.state, createFunctionInput('f'), metaOf(s));
    expect(outcome.events).toEqual([]);
    expect(outcome.state).toBe(s.state);
  });

  it('makes the function readable at once, as Pending, with the same configuration (spec §2.5)', () => {
    const s = given().run('CreateFunction', createFunctionInput('f', { Description: 'd' }));
    const config = expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f' }));
    expect(config).toMatchObject({
      State: 'Pending',
      Description: 'd',
      CodeSha256: expectedSha256(EMPTY_ZIP),
    });
  });

  describe('container images', () => {
    const image = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1`;
    const digest = 'a'.repeat(64);

    it('creates an Image function from ImageUri with no Runtime or Handler (spec §2.1)', () => {
      const s = given();
      const body = expectRight(
        operations.CreateFunction(
          s.state,
          { FunctionName: 'img', Role: ROLE, PackageType: 'Image', Code: { ImageUri: image } },
          metaOf(s),
        ).result,
      ).body;
      expect(body.PackageType).toBe('Image');
      expect(body).not.toHaveProperty('Runtime');
      expect(body).not.toHaveProperty('Handler');
    });

    it('GetFunction shows an image with RepositoryType ECR, ImageUri and ResolvedImageUri (spec §2.5)', () => {
      const s = given()
        .run('CreateFunction', {
          FunctionName: 'img',
          Role: ROLE,
          PackageType: 'Image',
          Code: { ImageUri: `${image}@sha256:${digest}` },
          ImageConfig: {
            Command: ['app.handler'],
            EntryPoint: ['/entry'],
            WorkingDirectory: '/app',
          },
        })
        .advance(1_000);
      const got = expectRight(getFunction(s.state, { FunctionName: 'img' }));
      expect(got.Code).toEqual({
        RepositoryType: 'ECR',
        ImageUri: `${image}@sha256:${digest}`,
        ResolvedImageUri: `${image}@sha256:${digest}`,
      });
      expect(got.Configuration.ImageConfigResponse).toEqual({
        ImageConfig: { Command: ['app.handler'], EntryPoint: ['/entry'], WorkingDirectory: '/app' },
      });
    });

    it('refuses Runtime or Handler on an Image function (spec §2.1 "an error if given with Image")', () => {
      for (const extra of [
        { Runtime: 'nodejs22.x' },
        { Handler: 'index.handler' },
        { Layers: [] },
      ]) {
        const error = expectError(
          given().when('CreateFunction', {
            FunctionName: 'img',
            Role: ROLE,
            PackageType: 'Image',
            Code: { ImageUri: image },
            ...extra,
          }),
          'InvalidParameterValueException',
        );
        expect(error.statusCode).toBe(400);
      }
    });

    it('refuses an Image function without ImageUri, or with a zip (spec §2.1 Code)', () => {
      for (const code of [
        {},
        { ZipFile: EMPTY_ZIP, ImageUri: image },
        { S3Bucket: 'bucket', S3Key: 'k', ImageUri: image },
      ]) {
        expectError(
          given().when('CreateFunction', {
            FunctionName: 'img',
            Role: ROLE,
            PackageType: 'Image',
            Code: code,
          }),
          'InvalidParameterValueException',
        );
      }
    });
  });
});
