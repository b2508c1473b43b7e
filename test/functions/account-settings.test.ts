import { describe, expect, it } from 'vitest';
import { codeStorageUsedBytes, getAccountSettings } from '../../src/functions/queries.js';
import {
  ACCOUNT,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  ROLE,
} from '../support/scenario.js';
import { operations } from './facade.js';
import { zipOfSize } from './zips.js';

const STORAGE_EXCEEDED = 'Code storage limit exceeded.';
const K1 = zipOfSize(1000);
const K2 = zipOfSize(2000);

describe('GetAccountSettings and code storage (spec §3.1, §7.1)', () => {
  it('reports the default limits: 75 GB of code, 250 MB unzipped, 50 MB zipped, 1,000 concurrent executions (invocation §3.2)', () => {
    const response = expectRight(operations.GetAccountSettings(given().state, {}).result);
    expect(response.statusCode).toBe(200);
    expect(response.body).toEqual({
      AccountLimit: {
        TotalCodeSize: 80_530_636_800,
        CodeSizeUnzipped: 262_144_000,
        CodeSizeZipped: 52_428_800,
        ConcurrentExecutions: 1_000,
        UnreservedConcurrentExecutions: 1_000,
      },
      AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
    });
  });

  it('reports the configured code storage quota', () => {
    expect(
      getAccountSettings(given({ codeStorageLimitBytes: 5000 }).state).AccountLimit.TotalCodeSize,
    ).toBe(5000);
  });

  it('counts $LATEST and every published version, and the functions', () => {
    const s = given()
      .withFunction('a', { Code: { ZipFile: K1 } })
      .withPublishedVersion('a')
      .advance(1_000)
      .withPublishedVersion('a')
      .withFunction('b', { Code: { ZipFile: K2 } });
    expect(getAccountSettings(s.state).AccountUsage).toEqual({
      TotalCodeSize: 3 * 1000 + 2000,
      FunctionCount: 2,
    });
  });

  it('counts the replaced code of $LATEST once, and keeps counting the versions that hold the old code', () => {
    const s = given()
      .withFunction('a', { Code: { ZipFile: K1 } })
      .withPublishedVersion('a')
      .advance(1_000)
      .run('UpdateFunctionCode', { FunctionName: 'a', ZipFile: K2 });
    expect(codeStorageUsedBytes(s.state)).toBe(1000 + 2000);
  });

  it('frees a deleted version, and everything of a deleted function', () => {
    const s = given()
      .withFunction('a', { Code: { ZipFile: K1 } })
      .withPublishedVersion('a')
      .advance(1_000)
      .withPublishedVersion('a');
    const oneDeleted = s.run('DeleteFunction', { FunctionName: 'a', Qualifier: '1' });
    expect(codeStorageUsedBytes(oneDeleted.state)).toBe(2000);
    const gone = oneDeleted.run('DeleteFunction', { FunctionName: 'a' });
    expect(getAccountSettings(gone.state).AccountUsage).toEqual({
      TotalCodeSize: 0,
      FunctionCount: 0,
    });
  });

  it('counts nothing for container images, which live in ECR (spec §7.1)', () => {
    const s = given()
      .run('CreateFunction', {
        FunctionName: 'img',
        Role: ROLE,
        PackageType: 'Image',
        Code: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app:1` },
      })
      .advance(1_000)
      .run('PublishVersion', { FunctionName: 'img' });
    expect(getAccountSettings(s.state).AccountUsage).toEqual({
      TotalCodeSize: 0,
      FunctionCount: 1,
    });
  });

  describe('CodeStorageExceededException past the quota (spec §3.1, §5.3)', () => {
    it('CreateFunction fills the quota exactly, and is refused one byte past it', () => {
      const full = given({ codeStorageLimitBytes: 3000 }).withFunction('a', {
        Code: { ZipFile: K2 },
      });
      expectRight(full.when('CreateFunction', createFunctionInput('b', { Code: { ZipFile: K1 } })));
      const error = expectError(
        full.when(
          'CreateFunction',
          createFunctionInput('b', { Code: { ZipFile: zipOfSize(1001) } }),
        ),
        'CodeStorageExceededException',
        STORAGE_EXCEEDED,
      );
      expect(error.statusCode).toBe(400);
    });

    it('CreateFunction with Publish needs room for $LATEST and version 1', () => {
      const s = given({ codeStorageLimitBytes: 1999 });
      expectRight(s.when('CreateFunction', createFunctionInput('a', { Code: { ZipFile: K1 } })));
      expectError(
        s.when(
          'CreateFunction',
          createFunctionInput('a', { Code: { ZipFile: K1 }, Publish: true }),
        ),
        'CodeStorageExceededException',
        STORAGE_EXCEEDED,
      );
      expectRight(
        given({ codeStorageLimitBytes: 2000 }).when(
          'CreateFunction',
          createFunctionInput('a', { Code: { ZipFile: K1 }, Publish: true }),
        ),
      );
    });

    it('UpdateFunctionCode counts the new package in place of the old one', () => {
      const s = given({ codeStorageLimitBytes: 2000 }).withFunction('a', { Code: { ZipFile: K1 } });
      expectRight(s.when('UpdateFunctionCode', { FunctionName: 'a', ZipFile: K2 }));
      expectError(
        s.when('UpdateFunctionCode', { FunctionName: 'a', ZipFile: zipOfSize(2001) }),
        'CodeStorageExceededException',
        STORAGE_EXCEEDED,
      );
    });

    it('UpdateFunctionCode with Publish also needs room for the new version', () => {
      const s = given({ codeStorageLimitBytes: 2999 }).withFunction('a', { Code: { ZipFile: K1 } });
      expectRight(s.when('UpdateFunctionCode', { FunctionName: 'a', ZipFile: K1, Publish: true }));
      expectError(
        s.when('UpdateFunctionCode', { FunctionName: 'a', ZipFile: K2, Publish: true }),
        'CodeStorageExceededException',
        STORAGE_EXCEEDED,
      );
    });

    it('PublishVersion is refused when the new version does not fit', () => {
      const s = given({ codeStorageLimitBytes: 1500 }).withFunction('a', { Code: { ZipFile: K1 } });
      expectError(
        s.when('PublishVersion', { FunctionName: 'a' }),
        'CodeStorageExceededException',
        STORAGE_EXCEEDED,
      );
      expectRight(
        given({ codeStorageLimitBytes: 2000 })
          .withFunction('a', { Code: { ZipFile: K1 } })
          .when('PublishVersion', { FunctionName: 'a' }),
      );
    });

    it('a refused request records nothing', () => {
      const s = given({ codeStorageLimitBytes: 100 });
      const outcome = operations.CreateFunction(
        s.state,
        createFunctionInput('a', { Code: { ZipFile: K1 } }),
        { now: s.nowMs, requestId: 'r' },
      );
      expect(outcome.events).toEqual([]);
      expect(getAccountSettings(outcome.state).AccountUsage).toEqual({
        TotalCodeSize: 0,
        FunctionCount: 0,
      });
    });
  });
});
