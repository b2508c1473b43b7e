import { describe, expect, it } from 'vitest';
import { latestConfiguration } from '../../src/functions/queries.js';
import { unzippedSize } from '../../src/functions/package.js';
import {
  ACCOUNT,
  createFunctionInput,
  EMPTY_ZIP,
  expectError,
  expectRight,
  given,
  ROLE,
} from '../support/scenario.js';
import { base64Of, expectedSha256, storedZip, zipOfSize } from './zips.js';

const INVALID_ZIP =
  'Could not unzip uploaded file. Please check your file, then try to upload again.';

const createWith = (code: Parameters<typeof createFunctionInput>[1]) =>
  given().when('CreateFunction', createFunctionInput('f', code));

describe('deployment package', () => {
  describe('CodeSha256 and CodeSize (spec §2.2)', () => {
    it('is the base64 SHA-256 of the exact bytes, for archives of several shapes', () => {
      const zips = [
        EMPTY_ZIP,
        storedZip({ 'index.js': 'exports.handler = async () => 1;' }),
        storedZip({ 'a.py': 'def handler(e, c): pass\n', 'lib/b.py': 'X = 1\n' }),
        zipOfSize(4096),
      ];
      for (const zip of zips) {
        const s = given().run(
          'CreateFunction',
          createFunctionInput('f', { Code: { ZipFile: zip } }),
        );
        const config = latestConfiguration(s.state, 'f');
        expect(config?.CodeSha256).toBe(expectedSha256(zip));
        expect(config?.CodeSize).toBe(zip.length);
      }
    });

    it('is the same whether ZipFile comes as bytes or as base64 text (spec §2.1 ZipFile blob)', () => {
      const zip = storedZip({ 'index.js': 'exports.handler = async () => 2;' });
      const fromBytes = given().run(
        'CreateFunction',
        createFunctionInput('f', { Code: { ZipFile: zip } }),
      );
      const fromText = given().run(
        'CreateFunction',
        createFunctionInput('f', { Code: { ZipFile: base64Of(zip) } }),
      );
      expect(latestConfiguration(fromText.state, 'f')?.CodeSha256).toBe(expectedSha256(zip));
      expect(latestConfiguration(fromText.state, 'f')?.CodeSize).toBe(zip.length);
      expect(latestConfiguration(fromText.state, 'f')?.CodeSha256).toBe(
        latestConfiguration(fromBytes.state, 'f')?.CodeSha256,
      );
    });

    it('differs for different bytes', () => {
      const a = storedZip({ 'index.js': 'a' });
      const b = storedZip({ 'index.js': 'b' });
      expect(expectedSha256(a)).not.toBe(expectedSha256(b));
      const sa = given().run('CreateFunction', createFunctionInput('f', { Code: { ZipFile: a } }));
      const sb = given().run('CreateFunction', createFunctionInput('f', { Code: { ZipFile: b } }));
      expect(latestConfiguration(sa.state, 'f')?.CodeSha256).not.toBe(
        latestConfiguration(sb.state, 'f')?.CodeSha256,
      );
    });
  });

  describe('zipped size limit (spec §2.1, §7.2)', () => {
    it('refuses a zip over 52,428,800 bytes with 413 RequestEntityTooLargeException, before reading the archive', () => {
      // The bytes are all zeros, not a zip at all: the size answer comes first.
      const error = expectError(
        createWith({ Code: { ZipFile: new Uint8Array(52_428_801) } }),
        'RequestEntityTooLargeException',
        'Zipped size must be smaller than 52428800 bytes',
      );
      expect(error.statusCode).toBe(413);
    });
  });

  describe('unzipped size limit (spec §2.1, §7.2)', () => {
    it('accepts an archive declaring exactly 262,144,000 unzipped bytes', () => {
      const zip = storedZip({ 'big.bin': 'x' }, { declaredUnzippedBytes: 262_144_000 });
      expect(unzippedSize(zip)).toBe(262_144_000);
      expectRight(createWith({ Code: { ZipFile: zip } }));
    });

    it('refuses 262,144,001 unzipped bytes with the 400 InvalidParameterValueException text', () => {
      const zip = storedZip({ 'big.bin': 'x' }, { declaredUnzippedBytes: 262_144_001 });
      const error = expectError(
        createWith({ Code: { ZipFile: zip } }),
        'InvalidParameterValueException',
        'Unzipped size must be smaller than 262144000 bytes',
      );
      expect(error.statusCode).toBe(400);
    });

    it('adds up the unzipped size of every entry', () => {
      const zip = storedZip({ 'a.txt': 'abc', 'b.txt': 'de', 'c.txt': '' });
      expect(unzippedSize(zip)).toBe(5);
    });
  });

  describe('invalid archives (spec §2.1 "Invalid zip")', () => {
    it('refuses bytes that are not a zip with the "Could not unzip" message', () => {
      for (const bytes of [
        new Uint8Array(0),
        new Uint8Array([1, 2, 3]),
        new TextEncoder().encode('hello world, not a zip'),
      ]) {
        expectError(
          createWith({ Code: { ZipFile: bytes } }),
          'InvalidParameterValueException',
          INVALID_ZIP,
        );
      }
    });

    it('refuses base64 text that does not decode', () => {
      for (const text of ['not base64!', 'abc', '====']) {
        expectError(
          createWith({ Code: { ZipFile: text } }),
          'InvalidParameterValueException',
          INVALID_ZIP,
        );
      }
    });

    it('refuses an archive whose central directory is cut short or damaged', () => {
      const zip = storedZip({ 'index.js': 'x' });
      // Damage the central directory signature (it sits right after the local entry).
      const damaged = zip.slice();
      const central = zip.length - 22 - (46 + 'index.js'.length);
      damaged[central] = 0;
      expect(unzippedSize(damaged)).toBeUndefined();
      expectError(
        createWith({ Code: { ZipFile: damaged } }),
        'InvalidParameterValueException',
        INVALID_ZIP,
      );
      // An end record that points past itself.
      const pointsPast = EMPTY_ZIP.slice();
      pointsPast[12] = 10; // central directory size 10, starting at 0, but the record is at 0
      expect(unzippedSize(pointsPast)).toBeUndefined();
    });

    it('finds the end record behind an archive comment', () => {
      expect(unzippedSize(storedZip({ 'a.txt': 'abcd' }, { comment: 'built by a test' }))).toBe(4);
    });
  });

  describe('code sources (spec §2.1 Code: exactly one source)', () => {
    it('accepts an S3 object (bucket and key, optionally a version)', () => {
      expectRight(createWith({ Code: { S3Bucket: 'my-bucket', S3Key: 'code/f.zip' } }));
      expectRight(
        createWith({ Code: { S3Bucket: 'my-bucket', S3Key: 'code/f.zip', S3ObjectVersion: '3' } }),
      );
    });

    it('distinguishes S3 object versions in CodeSha256', () => {
      const one = given().run(
        'CreateFunction',
        createFunctionInput('f', {
          Code: { S3Bucket: 'my-bucket', S3Key: 'k', S3ObjectVersion: '1' },
        }),
      );
      const two = given().run(
        'CreateFunction',
        createFunctionInput('f', {
          Code: { S3Bucket: 'my-bucket', S3Key: 'k', S3ObjectVersion: '2' },
        }),
      );
      expect(latestConfiguration(one.state, 'f')?.CodeSha256).not.toBe(
        latestConfiguration(two.state, 'f')?.CodeSha256,
      );
    });

    it('refuses no source, a bucket without a key, or a zip together with S3', () => {
      for (const code of [
        {},
        { S3Bucket: 'my-bucket' },
        { S3Key: 'k' },
        { ZipFile: EMPTY_ZIP, S3Bucket: 'my-bucket', S3Key: 'k' },
      ]) {
        expectError(createWith({ Code: code }), 'InvalidParameterValueException');
      }
    });

    it('refuses an ImageUri for a Zip function', () => {
      expectError(
        createWith({ Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` } }),
        'InvalidParameterValueException',
      );
    });

    it('checks S3Bucket (3–63 characters, no trailing dot) and S3Key (1–1024) as model members', () => {
      expectRight(createWith({ Code: { S3Bucket: 'abc', S3Key: 'k' } }));
      expectRight(createWith({ Code: { S3Bucket: 'b'.repeat(63), S3Key: 'k'.repeat(1024) } }));
      for (const code of [
        { S3Bucket: 'ab', S3Key: 'k' },
        { S3Bucket: 'b'.repeat(64), S3Key: 'k' },
        { S3Bucket: 'bucket.', S3Key: 'k' },
        { S3Bucket: 'my-bucket', S3Key: '' },
        { S3Bucket: 'my-bucket', S3Key: 'k'.repeat(1025) },
      ]) {
        const error = expectError(createWith({ Code: code }), 'ValidationException');
        expect(error.message).toMatch(/at 'code\.s3(Bucket|Key)'/);
      }
    });
  });

  it('an image function takes its CodeSha256 from the @sha256 digest of its ImageUri (model, spec §2.5 ResolvedImageUri)', () => {
    const digest = '0123456789abcdef'.repeat(4);
    const s = given().run('CreateFunction', {
      FunctionName: 'img',
      Role: ROLE,
      PackageType: 'Image',
      Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app@sha256:${digest}` },
    });
    expect(latestConfiguration(s.state, 'img')?.CodeSha256).toBe(digest);
  });
});
