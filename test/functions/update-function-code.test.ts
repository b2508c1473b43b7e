import { describe, expect, it } from 'vitest';
import { getFunctionConfiguration, latestConfiguration } from '../../src/functions/queries.js';
import {
  ACCOUNT,
  arnOf,
  EMPTY_ZIP,
  expectError,
  expectRight,
  given,
  ROLE,
  typesOf,
  REVISION_MISMATCH,
} from '../support/scenario.js';
import { metaOf, operations } from './facade.js';
import { expectedSha256, storedZip } from './zips.js';

const V2 = storedZip({ 'index.js': 'exports.handler = async () => "v2";' });
const IMAGE = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app`;
const imageFunction = () =>
  given()
    .run('CreateFunction', {
      FunctionName: 'img',
      Role: ROLE,
      PackageType: 'Image',
      Code: { ImageUri: `${IMAGE}:1` },
    })
    .advance(1_000);

describe('UpdateFunctionCode', () => {
  it('answers 200 with $LATEST: the new CodeSha256 and CodeSize, InProgress / Creating, a new RevisionId (spec §2.3)', () => {
    const s = given().withFunction('f');
    const before = latestConfiguration(s.state, 'f');
    const response = expectRight(
      operations.UpdateFunctionCode(s.state, { FunctionName: 'f', ZipFile: V2 }, metaOf(s)).result,
    );
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({
      FunctionArn: arnOf('f'),
      Version: '$LATEST',
      CodeSha256: expectedSha256(V2),
      CodeSize: V2.length,
      State: 'Active',
      LastUpdateStatus: 'InProgress',
      LastUpdateStatusReason: 'The function is being created.',
      LastUpdateStatusReasonCode: 'Creating',
    });
    expect(response.body.RevisionId).not.toBe(before?.RevisionId);
  });

  it('records one FunctionCodeUpdated event', () => {
    const events = expectRight(
      given().withFunction('f').when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 }),
    );
    expect(typesOf(events)).toEqual(['FunctionCodeUpdated']);
  });

  it('accepts the full ARN, the partial ARN and a name qualified with $LATEST (spec §1.2, §1.4)', () => {
    const s = given().withFunction('f');
    for (const name of [arnOf('f'), `${ACCOUNT}:function:f`, 'f:$LATEST', arnOf('f', '$LATEST')]) {
      const events = expectRight(s.when('UpdateFunctionCode', { FunctionName: name, ZipFile: V2 }));
      expect(events[0]).toMatchObject({ type: 'FunctionCodeUpdated', functionName: 'f' });
    }
  });

  it('refuses a name qualified with a version: only $LATEST can change (spec §2.3)', () => {
    const s = given().withFunction('f').withPublishedVersion('f');
    const result = s.when('UpdateFunctionCode', { FunctionName: 'f:1', ZipFile: V2 });
    expect(result._tag).toBe('Left');
  });

  it('answers 404 "Function not found: <unqualified arn>" for a missing function (spec §1.4)', () => {
    const error = expectError(
      given().when('UpdateFunctionCode', { FunctionName: 'ghost', ZipFile: V2 }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('ghost')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('leaves published versions with their own code (spec §2.3 "a published version\'s code is locked")', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 });
    expect(
      expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f', Qualifier: '1' }))
        .CodeSha256,
    ).toBe(expectedSha256(EMPTY_ZIP));
    expect(latestConfiguration(s.state, 'f')?.CodeSha256).toBe(expectedSha256(V2));
  });

  describe('RevisionId precondition (spec §2.3, §2.10)', () => {
    it('accepts the current RevisionId', () => {
      const s = given().withFunction('f');
      const current = latestConfiguration(s.state, 'f')?.RevisionId ?? '';
      expectRight(
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, RevisionId: current }),
      );
    });

    it('refuses another RevisionId with 412 PreconditionFailedException', () => {
      const error = expectError(
        given()
          .withFunction('f')
          .when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, RevisionId: 'stale' }),
        'PreconditionFailedException',
        REVISION_MISMATCH,
      );
      expect(error.statusCode).toBe(412);
    });
  });

  describe('package type is fixed (spec §2.3)', () => {
    it('refuses a zip or an S3 object for an Image function', () => {
      for (const code of [
        { ZipFile: EMPTY_ZIP },
        { S3Bucket: 'my-bucket', S3Key: 'k' },
        { ZipFile: EMPTY_ZIP, ImageUri: `${IMAGE}:2` },
        { S3Bucket: 'my-bucket', S3Key: 'k', ImageUri: `${IMAGE}:2` },
      ]) {
        expectError(
          imageFunction().when('UpdateFunctionCode', { FunctionName: 'img', ...code }),
          'InvalidParameterValueException',
          'Please provide ImageUri when updating a function with packageType Image.',
        );
      }
    });

    it('refuses an ImageUri for a Zip function', () => {
      expectError(
        given()
          .withFunction('f')
          .when('UpdateFunctionCode', { FunctionName: 'f', ImageUri: `${IMAGE}:2` }),
        'InvalidParameterValueException',
        "Please don't provide ImageUri when updating a function with packageType Zip.",
      );
    });

    it('updates an Image function from a new ImageUri', () => {
      const s = imageFunction().run('UpdateFunctionCode', {
        FunctionName: 'img',
        ImageUri: `${IMAGE}:2`,
      });
      expect(latestConfiguration(s.state, 'img')?.PackageType).toBe('Image');
    });

    it('refuses a Zip update with no source, or with a zip and S3 together', () => {
      const s = given().withFunction('f');
      for (const code of [
        {},
        { ZipFile: EMPTY_ZIP, S3Bucket: 'my-bucket', S3Key: 'k' },
        { S3Bucket: 'my-bucket' },
      ]) {
        expectError(
          s.when('UpdateFunctionCode', { FunctionName: 'f', ...code }),
          'InvalidParameterValueException',
        );
      }
    });

    it('checks the package limits as CreateFunction does (spec §2.1)', () => {
      const s = given().withFunction('f');
      expectError(
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: new Uint8Array([1, 2, 3]) }),
        'InvalidParameterValueException',
        'Could not unzip uploaded file. Please check your file, then try to upload again.',
      );
      expectError(
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: new Uint8Array(52_428_801) }),
        'RequestEntityTooLargeException',
        'Zipped size must be smaller than 52428800 bytes',
      );
      expectError(
        s.when('UpdateFunctionCode', { FunctionName: 'f', S3Bucket: 'ab', S3Key: 'k' }),
        'ValidationException',
      );
    });
  });

  describe('Architectures (spec §2.3, §2.4: changed through UpdateFunctionCode)', () => {
    it('changes the architecture of $LATEST', () => {
      const s = given()
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, Architectures: ['arm64'] });
      expect(latestConfiguration(s.state, 'f')?.Architectures).toEqual(['arm64']);
    });

    it('keeps the architecture when none is given', () => {
      const s = given()
        .withFunction('f', { Architectures: ['arm64'] })
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 });
      expect(latestConfiguration(s.state, 'f')?.Architectures).toEqual(['arm64']);
    });

    it('refuses anything but exactly one valid architecture', () => {
      const s = given().withFunction('f');
      for (const architectures of [['x86_64', 'arm64'], ['ARM64'], []]) {
        const error = expectError(
          s.when('UpdateFunctionCode', {
            FunctionName: 'f',
            ZipFile: V2,
            Architectures: architectures,
          }),
          'ValidationException',
        );
        expect(error.message).toContain("at 'architectures'");
      }
    });
  });

  describe('Publish=true (spec §2.3)', () => {
    it('answers with the new version: Version "N", the qualified ARN, State Pending', () => {
      const s = given().withFunction('f');
      const { result, events } = operations.UpdateFunctionCode(
        s.state,
        { FunctionName: 'f', ZipFile: V2, Publish: true },
        metaOf(s),
      );
      expect(typesOf(events)).toEqual(['FunctionCodeUpdated', 'FunctionVersionPublished']);
      expect(expectRight(result).body).toMatchObject({
        Version: '1',
        FunctionArn: arnOf('f', '1'),
        State: 'Pending',
        CodeSha256: expectedSha256(V2),
      });
    });

    it('publishes a new version even for byte-identical code', () => {
      const s = given().withFunction('f').withPublishedVersion('f').advance(1_000);
      const events = expectRight(
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: EMPTY_ZIP, Publish: true }),
      );
      expect(events[1]).toMatchObject({ type: 'FunctionVersionPublished', version: '2' });
    });

    it('is followed by a PublishVersion that returns that same version (spec §3.2)', () => {
      const s = given()
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, Publish: true })
        .advance(1_000);
      expect(expectRight(s.when('PublishVersion', { FunctionName: 'f' }))).toEqual([]);
    });
  });

  it('any accepted update, even of identical bytes, makes the next PublishVersion create a version (spec §3.2)', () => {
    const s = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .advance(1_000)
      .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: EMPTY_ZIP })
      .advance(1_000);
    const events = expectRight(s.when('PublishVersion', { FunctionName: 'f' }));
    expect(events[0]).toMatchObject({ type: 'FunctionVersionPublished', version: '2' });
  });

  describe('DryRun ([BC]: validates without changing the function)', () => {
    it('records nothing for a valid request', () => {
      expect(
        expectRight(
          given()
            .withFunction('f')
            .when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, DryRun: true }),
        ),
      ).toEqual([]);
    });

    it('still rejects an invalid one', () => {
      expectError(
        given().withFunction('f').when('UpdateFunctionCode', {
          FunctionName: 'f',
          ZipFile: V2,
          DryRun: true,
          RevisionId: 'stale',
        }),
        'PreconditionFailedException',
      );
    });
  });
});
