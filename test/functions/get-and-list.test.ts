import { describe, expect, it } from 'vitest';
import {
  getFunction,
  getFunctionConfiguration,
  latestConfiguration,
  listFunctions,
  versionConfiguration,
} from '../../src/functions/queries.js';
import {
  ACCOUNT,
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  ROLE,
  type Scenario,
} from '../support/scenario.js';
import type { OperationResult } from '../../src/operations/operations.js';
import { operations } from './facade.js';
import { storedZip } from './zips.js';

/** Fields present by default in Get* (spec §2.2). */
const GET_FIELDS = [
  'Architectures',
  'CodeSha256',
  'CodeSize',
  'Description',
  'EphemeralStorage',
  'FunctionArn',
  'FunctionName',
  'Handler',
  'LastModified',
  'LastUpdateStatus',
  'LoggingConfig',
  'MemorySize',
  'PackageType',
  'RevisionId',
  'Role',
  'Runtime',
  'RuntimeVersionConfig',
  'SnapStart',
  'State',
  'Timeout',
  'TracingConfig',
  'Version',
];

/** f with versions 1 and 2 (different descriptions) and alias `live` → 1. */
const withVersionsAndAlias = (): Scenario =>
  given()
    .withFunction('f')
    .withPublishedVersion('f', 'one')
    .advance(1_000)
    .withPublishedVersion('f', 'two')
    .advance(1_000)
    .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' });

const manyFunctions = (n: number): Scenario => {
  let s = given();
  for (let i = 0; i < n; i += 1)
    s = s.run('CreateFunction', createFunctionInput(`fn-${String(i).padStart(3, '0')}`));
  return s;
};

describe('GetFunction / GetFunctionConfiguration (spec §2.5)', () => {
  it('shows every default field of an Active function (spec §2.2)', () => {
    const config = expectRight(
      getFunctionConfiguration(given().withFunction('f').state, { FunctionName: 'f' }),
    );
    for (const field of GET_FIELDS) expect(config).toHaveProperty(field);
    expect(config).not.toHaveProperty('Environment');
  });

  it('shows Environment when variables are set (spec §2.2)', () => {
    const s = given().withFunction('f', { Environment: { Variables: { A1: 'x' } } });
    expect(
      expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f' })).Environment,
    ).toEqual({ Variables: { A1: 'x' } });
  });

  it('GetFunction returns Configuration and Code (S3) and no Tags when there are none', () => {
    const got = expectRight(getFunction(given().withFunction('f').state, { FunctionName: 'f' }));
    expect(Object.keys(got).sort()).toEqual(['Code', 'Configuration']);
    expect(got.Code.RepositoryType).toBe('S3');
    expect(got.Code.Location).toMatch(/^https:\/\//);
  });

  it('GetFunction returns the tags when the function has some', () => {
    const got = expectRight(
      getFunction(given().withFunction('f', { Tags: { team: 'a' } }).state, { FunctionName: 'f' }),
    );
    expect(got.Tags).toEqual({ team: 'a' });
  });

  it('GetFunctionConfiguration returns the configuration only', () => {
    const s = given().withFunction('f');
    const config = expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f' }));
    expect(config).not.toHaveProperty('Code');
    expect(config).toEqual(expectRight(getFunction(s.state, { FunctionName: 'f' })).Configuration);
  });

  describe('FunctionArn and Version by qualifier', () => {
    const s = withVersionsAndAlias();

    it('no qualifier: the unqualified ARN and $LATEST', () => {
      expect(expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f' }))).toMatchObject({
        FunctionArn: arnOf('f'),
        Version: '$LATEST',
      });
    });

    it('Qualifier=$LATEST: the ARN with :$LATEST', () => {
      for (const input of [
        { FunctionName: 'f', Qualifier: '$LATEST' },
        { FunctionName: 'f:$LATEST' },
      ]) {
        expect(expectRight(getFunctionConfiguration(s.state, input))).toMatchObject({
          FunctionArn: arnOf('f', '$LATEST'),
          Version: '$LATEST',
        });
      }
    });

    it("Qualifier=N: the ARN …:N, Version N and that version's own RevisionId", () => {
      const latest = expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f' }));
      for (const input of [
        { FunctionName: 'f', Qualifier: '2' },
        { FunctionName: 'f:2' },
        { FunctionName: arnOf('f', '2') },
      ]) {
        const v2 = expectRight(getFunctionConfiguration(s.state, input));
        expect(v2).toMatchObject({
          FunctionArn: arnOf('f', '2'),
          Version: '2',
          Description: 'two',
        });
        expect(v2.RevisionId).not.toBe(latest.RevisionId);
      }
    });

    it("an alias: the alias ARN, the primary version's Version and RevisionId", () => {
      const v1 = expectRight(
        getFunctionConfiguration(s.state, { FunctionName: 'f', Qualifier: '1' }),
      );
      for (const input of [
        { FunctionName: 'f', Qualifier: 'live' },
        { FunctionName: arnOf('f', 'live') },
      ]) {
        const viaAlias = expectRight(getFunctionConfiguration(s.state, input));
        expect(viaAlias).toMatchObject({
          FunctionArn: arnOf('f', 'live'),
          Version: '1',
          Description: 'one',
        });
        expect(viaAlias.RevisionId).toBe(v1.RevisionId);
      }
    });

    it('SnapStart OptimizationStatus is On for a published version with ApplyOn=PublishedVersions, Off for $LATEST (spec §3.2)', () => {
      const t = given()
        .withFunction('g', { Runtime: 'java21', SnapStart: { ApplyOn: 'PublishedVersions' } })
        .run('PublishVersion', { FunctionName: 'g' });
      expect(
        expectRight(getFunctionConfiguration(t.state, { FunctionName: 'g', Qualifier: '1' }))
          .SnapStart,
      ).toEqual({
        ApplyOn: 'PublishedVersions',
        OptimizationStatus: 'On',
      });
      expect(
        expectRight(getFunctionConfiguration(t.state, { FunctionName: 'g' })).SnapStart
          .OptimizationStatus,
      ).toBe('Off');
      expect(
        expectRight(getFunctionConfiguration(s.state, { FunctionName: 'f', Qualifier: '1' }))
          .SnapStart.OptimizationStatus,
      ).toBe('Off');
    });

    it('the response helpers answer nothing for a function or version that does not exist', () => {
      expect(latestConfiguration(s.state, 'ghost')).toBeUndefined();
      expect(versionConfiguration(s.state, 'f', '99')).toBeUndefined();
      expect(versionConfiguration(s.state, 'ghost', '1')).toBeUndefined();
    });

    it('an alias to $LATEST shows $LATEST under the alias ARN', () => {
      const t = s.run('CreateAlias', {
        FunctionName: 'f',
        Name: 'edge',
        FunctionVersion: '$LATEST',
      });
      expect(
        expectRight(getFunctionConfiguration(t.state, { FunctionName: 'f', Qualifier: 'edge' })),
      ).toMatchObject({
        FunctionArn: arnOf('f', 'edge'),
        Version: '$LATEST',
      });
    });
  });

  describe('errors (spec §1.1, §1.4)', () => {
    const s = withVersionsAndAlias();

    it('a missing function: 404 with the unqualified ARN', () => {
      const error = expectError(
        getFunction(s.state, { FunctionName: 'ghost' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('ghost')}`,
      );
      expect(error.statusCode).toBe(404);
      expectError(
        getFunctionConfiguration(s.state, { FunctionName: 'ghost', Qualifier: '1' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('ghost')}`,
      );
    });

    it('a missing version or alias: 404 with the qualified ARN', () => {
      expectError(
        getFunction(s.state, { FunctionName: 'f', Qualifier: '1221' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', '1221')}`,
      );
      expectError(
        getFunction(s.state, { FunctionName: 'f', Qualifier: 'nope' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', 'nope')}`,
      );
    });

    it('qualifiers are case-sensitive: $latest is a 404', () => {
      expectError(
        getFunction(s.state, { FunctionName: 'f', Qualifier: '$latest' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('f', '$latest')}`,
      );
    });

    it('a qualifier in the name that differs from Qualifier is a 400', () => {
      expectError(
        getFunction(s.state, { FunctionName: arnOf('f', '$LATEST'), Qualifier: '1' }),
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    });

    it('a 65-character name is a 404, not a validation error', () => {
      const name = 'n'.repeat(65);
      expectError(
        getFunction(s.state, { FunctionName: name }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf(name)}`,
      );
    });

    it('admits "." in the name of a read (NamespacedFunctionName): a 404, not a validation error', () => {
      expectError(
        getFunction(s.state, { FunctionName: 'my.function' }),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('my.function')}`,
      );
    });

    it('an ARN of another region is a 404 "Functions from … are not reachable"', () => {
      expectError(
        getFunction(s.state, { FunctionName: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f` }),
        'ResourceNotFoundException',
        "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
      );
    });

    it('a 129-character qualifier is a ValidationException', () => {
      expectError(
        getFunction(s.state, { FunctionName: 'f', Qualifier: 'q'.repeat(129) }),
        'ValidationException',
      );
    });
  });

  describe('container images', () => {
    const repo = `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/app`;
    const digest1 = '1'.repeat(64);
    const digest2 = '2'.repeat(64);
    const s = given()
      .run('CreateFunction', {
        FunctionName: 'img',
        Role: ROLE,
        PackageType: 'Image',
        Code: { ImageUri: `${repo}@sha256:${digest1}` },
      })
      .advance(1_000)
      .run('PublishVersion', { FunctionName: 'img' })
      .run('UpdateFunctionCode', { FunctionName: 'img', ImageUri: `${repo}:v2` })
      .advance(1_000);

    it('shows RepositoryType ECR, ImageUri and ResolvedImageUri for $LATEST', () => {
      const got = expectRight(getFunction(s.state, { FunctionName: 'img' }));
      expect(got.Code.RepositoryType).toBe('ECR');
      expect(got.Code.ImageUri).toBe(`${repo}:v2`);
      expect(got.Code.ResolvedImageUri).toBe(`${repo}:v2@sha256:${got.Configuration.CodeSha256}`);
      expect(got.Code).not.toHaveProperty('Location');
      expect(got.Configuration.CodeSha256).not.toBe(digest2);
    });

    it("shows a published version's own image, not $LATEST's (a version is a copy of the code, spec §3.1)", () => {
      const got = expectRight(getFunction(s.state, { FunctionName: 'img', Qualifier: '1' }));
      expect(got.Configuration.CodeSha256).toBe(digest1);
      expect(got.Code).toEqual({
        RepositoryType: 'ECR',
        ImageUri: `${repo}@sha256:${digest1}`,
        ResolvedImageUri: `${repo}@sha256:${digest1}`,
      });
    });
  });

  it('the facade answers reads with 200 and records nothing (DESIGN §1)', () => {
    const s = given().withFunction('f');
    const outcomes: ReadonlyArray<OperationResult<unknown>> = [
      operations.GetFunction(s.state, { FunctionName: 'f' }),
      operations.GetFunctionConfiguration(s.state, { FunctionName: 'f' }),
      operations.ListFunctions(s.state, {}),
    ];
    for (const outcome of outcomes) {
      expect(expectRight(outcome.result).statusCode).toBe(200);
      expect(outcome.events).toEqual([]);
      expect(outcome.state).toBe(s.state);
    }
    expectError(
      operations.GetFunction(s.state, { FunctionName: 'ghost' }).result,
      'ResourceNotFoundException',
    );
  });
});

describe('ListFunctions (spec §2.6)', () => {
  it('lists nothing in an empty account', () => {
    expect(expectRight(listFunctions(given().state))).toEqual({ Functions: [] });
  });

  it('gives one $LATEST entry per function, with the unqualified ARN, even with versions', () => {
    const s = withVersionsAndAlias().withFunction('g');
    const listed = expectRight(listFunctions(s.state)).Functions;
    expect(listed.map((f) => [f.FunctionArn, f.Version])).toEqual([
      [arnOf('f'), '$LATEST'],
      [arnOf('g'), '$LATEST'],
    ]);
  });

  it('leaves out State*, LastUpdateStatus* and RuntimeVersionConfig (spec §2.2)', () => {
    const s = given()
      .withFunction('f')
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 });
    const [entry] = expectRight(listFunctions(s.state)).Functions;
    for (const absent of [
      'State',
      'StateReason',
      'StateReasonCode',
      'LastUpdateStatus',
      'LastUpdateStatusReason',
      'LastUpdateStatusReasonCode',
      'RuntimeVersionConfig',
    ]) {
      expect(entry).not.toHaveProperty(absent);
    }
    expect(entry).toMatchObject({ FunctionName: 'f', Timeout: 5 });
  });

  it('with FunctionVersion=ALL lists $LATEST as …:$LATEST and every published version as …:N', () => {
    const s = withVersionsAndAlias().withFunction('g');
    const listed = expectRight(listFunctions(s.state, { FunctionVersion: 'ALL' })).Functions;
    expect(listed.map((f) => [f.FunctionArn, f.Version])).toEqual([
      [arnOf('f', '$LATEST'), '$LATEST'],
      [arnOf('f', '1'), '1'],
      [arnOf('f', '2'), '2'],
      [arnOf('g', '$LATEST'), '$LATEST'],
    ]);
  });

  it('refuses another FunctionVersion with the exact ValidationException', () => {
    expectError(
      listFunctions(given().state, { FunctionVersion: 'invalid' }),
      'ValidationException',
      "1 validation error detected: Value 'invalid' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]",
    );
  });

  describe('paging: at most 50 a page, NextMarker while more remain', () => {
    const s = manyFunctions(51);

    it('gives 50 and a marker, then the last one and no marker', () => {
      const first = expectRight(listFunctions(s.state));
      expect(first.Functions).toHaveLength(50);
      expect(first.NextMarker).toBeDefined();
      const second = expectRight(listFunctions(s.state, { Marker: first.NextMarker ?? '' }));
      expect(second.Functions.map((f) => f.FunctionName)).toEqual(['fn-050']);
      expect(second).not.toHaveProperty('NextMarker');
      const names = [...first.Functions, ...second.Functions].map((f) => f.FunctionName);
      expect(new Set(names).size).toBe(51);
    });

    it('never gives more than 50, whatever MaxItems asks', () => {
      expect(expectRight(listFunctions(s.state, { MaxItems: 10_000 })).Functions).toHaveLength(50);
    });

    it('gives MaxItems when it is smaller', () => {
      const page = expectRight(listFunctions(s.state, { MaxItems: 10 }));
      expect(page.Functions).toHaveLength(10);
      const next = expectRight(
        listFunctions(s.state, { MaxItems: 10, Marker: page.NextMarker ?? '' }),
      );
      expect(next.Functions[0]?.FunctionName).toBe('fn-010');
    });

    it('gives exactly 50 and no marker when 50 is all there is', () => {
      expect(expectRight(listFunctions(manyFunctions(50).state))).not.toHaveProperty('NextMarker');
    });

    it('refuses MaxItems outside 1–10,000 with a ValidationException', () => {
      expectError(listFunctions(s.state, { MaxItems: 0 }), 'ValidationException');
      expectError(listFunctions(s.state, { MaxItems: 10_001 }), 'ValidationException');
    });

    it('refuses a marker it did not hand out', () => {
      expectError(
        listFunctions(s.state, { Marker: 'not a marker!' }),
        'InvalidParameterValueException',
      );
    });
  });

  it('pages across published versions with FunctionVersion=ALL', () => {
    let s = given();
    for (let i = 0; i < 30; i += 1) {
      s = s.run(
        'CreateFunction',
        createFunctionInput(`fn-${String(i).padStart(2, '0')}`, { Publish: true }),
      );
    }
    const first = expectRight(listFunctions(s.state, { FunctionVersion: 'ALL' }));
    expect(first.Functions).toHaveLength(50);
    const second = expectRight(
      listFunctions(s.state, { FunctionVersion: 'ALL', Marker: first.NextMarker ?? '' }),
    );
    expect(second.Functions).toHaveLength(10);
    expect(second.Functions.at(-1)?.FunctionArn).toBe(arnOf('fn-29', '1'));
  });

  it('shows each version with its own code in the ALL listing (spec §3.1)', () => {
    const v2 = storedZip({ 'index.js': 'v2' });
    const s = given()
      .withFunction('f')
      .run('PublishVersion', { FunctionName: 'f' })
      .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: v2 });
    const [latest, one] = expectRight(listFunctions(s.state, { FunctionVersion: 'ALL' })).Functions;
    expect(latest?.CodeSha256).not.toBe(one?.CodeSha256);
  });
});
