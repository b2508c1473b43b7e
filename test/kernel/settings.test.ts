import { describe, expect, it } from 'vitest';
import {
  ACCEPTED_RUNTIMES,
  defaultSettings,
  DEPRECATED_RUNTIMES,
  resolveSettings,
} from '../../src/kernel/settings.js';
import { initialState } from '../../src/lambda.js';
import { operations } from '../../src/operations/operations.js';
import {
  createFunctionInput,
  expectError,
  expectRight,
  given,
  T0,
  typesOf,
} from '../support/scenario.js';

const meta = { now: T0, requestId: 'req-settings' };

describe('default settings (spec control-plane §2.1, §2.11, §7)', () => {
  it('a classic, established account: 75 GB code storage and a 10,240 MB memory cap (§7.1, §7.2)', () => {
    expect(defaultSettings.codeStorageLimitBytes).toBe(80_530_636_800);
    expect(defaultSettings.memorySizeLimitMb).toBe(10_240);
  });

  it('the accepted runtimes are the list AWS echoed on 2026-01-12, in its order (§2.11)', () => {
    expect(ACCEPTED_RUNTIMES.join(', ')).toBe(
      'nodejs20.x, python3.14, provided.al2023, python3.12, python3.13, nodejs24.x, nodejs22.x, java25, python3.10, python3.11, java21, ruby3.3, ruby3.4, ruby3.2, python3.8, python3.9, java17, nodejs16.x, dotnet10, dotnet8, java11, dotnet6, nodejs18.x, provided.al2, java8.al2',
    );
    expect(defaultSettings.acceptedRuntimes).toBe(ACCEPTED_RUNTIMES);
  });

  it('the recently deprecated runtimes are the eight of §2.11, none of them accepted', () => {
    expect([...DEPRECATED_RUNTIMES].sort()).toEqual(
      [
        'java8',
        'go1.x',
        'provided',
        'ruby2.7',
        'nodejs14.x',
        'python3.7',
        'dotnetcore3.1',
        'nodejs12.x',
      ].sort(),
    );
    for (const runtime of DEPRECATED_RUNTIMES) expect(ACCEPTED_RUNTIMES).not.toContain(runtime);
  });

  it('no alias quota is known (§4.1), so the default does not limit aliases', () => {
    expect(defaultSettings.aliasLimitPerFunction).toBeGreaterThanOrEqual(Number.MAX_SAFE_INTEGER);
  });
});

describe('resolveSettings completes partial settings with the defaults', () => {
  it('no input gives the defaults', () => {
    expect(resolveSettings()).toEqual(defaultSettings);
  });

  it('any part of the account can be given alone; the rest keeps its default', () => {
    const settings = resolveSettings({ account: { region: 'eu-west-1' } });
    expect(settings.account).toEqual({ ...defaultSettings.account, region: 'eu-west-1' });
    expect(settings.functionActivationDelayMs).toBe(defaultSettings.functionActivationDelayMs);
  });

  it('a field given replaces the default and leaves the others alone', () => {
    const settings = resolveSettings({ memorySizeLimitMb: 3008 });
    expect(settings).toEqual({ ...defaultSettings, memorySizeLimitMb: 3008 });
  });

  it('initialState keeps the resolved settings and never mutates the defaults', () => {
    const before = JSON.stringify(defaultSettings);
    expect(
      initialState({ account: { accountId: '111122223333' } }).settings.account.accountId,
    ).toBe('111122223333');
    expect(JSON.stringify(defaultSettings)).toBe(before);
  });
});

describe('the settings drive the model', () => {
  it('the account and partition are those of every ARN (spec control-plane §1.2)', () => {
    const state = initialState({
      account: { partition: 'aws-cn', region: 'cn-north-1', accountId: '111122223333' },
    });
    const { result } = operations.CreateFunction(state, createFunctionInput('f'), meta);
    expect(expectRight(result).body.FunctionArn).toBe(
      'arn:aws-cn:lambda:cn-north-1:111122223333:function:f',
    );
  });

  it("the account's own region is reachable and the default region is then another region", () => {
    const state = operations.CreateFunction(
      initialState({ account: { region: 'eu-west-1' } }),
      createFunctionInput('f'),
      meta,
    ).state;
    expect(
      expectRight(
        operations.GetFunction(state, {
          FunctionName: 'arn:aws:lambda:eu-west-1:123456789012:function:f',
        }).result,
      ).body.Configuration.FunctionName,
    ).toBe('f');
    expectError(
      operations.GetFunction(state, {
        FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:f',
      }).result,
      'ResourceNotFoundException',
      "Functions from 'us-east-1' are not reachable in this region ('eu-west-1')",
    );
  });

  it('functionActivationDelayMs is how long a new function stays Pending (spec control-plane §2.8)', () => {
    const created = given({ functionActivationDelayMs: 5_000 }).run(
      'CreateFunction',
      createFunctionInput('f'),
    );
    expect(typesOf(created.advance(4_999).log)).toEqual(['FunctionCreated']);
    expect(typesOf(created.advance(5_000).log)).toEqual(['FunctionCreated', 'FunctionActivated']);
  });

  it('functionUpdateDelayMs is how long an update stays InProgress (spec control-plane §2.3)', () => {
    const updated = given({ functionUpdateDelayMs: 300 })
      .withFunction('f')
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Description: 'd' });
    expect(typesOf(updated.advance(299).log).at(-1)).toBe('FunctionConfigurationUpdated');
    expect(typesOf(updated.advance(300).log).at(-1)).toBe('FunctionUpdateCompleted');
  });

  it("an account capped at 3,008 MB refuses more with AWS's text (spec control-plane §2.1)", () => {
    const state = initialState({ memorySizeLimitMb: 3008 });
    const capped = operations.CreateFunction(
      state,
      createFunctionInput('f', { MemorySize: 3009 }),
      meta,
    ).result;
    const error = expectError(
      capped,
      'InvalidParameterValueException',
      "'MemorySize' value failed to satisfy constraint: Member must have value less than or equal to 3008",
    );
    expect(error.statusCode).toBe(400);
    expectRight(
      operations.CreateFunction(state, createFunctionInput('f', { MemorySize: 3008 }), meta).result,
    );
  });

  it('aliasLimitPerFunction caps aliases with AliasLimitExceededException (spec control-plane §4.1)', () => {
    const world = given({ aliasLimitPerFunction: 1 })
      .withFunction('f')
      .run('CreateAlias', { FunctionName: 'f', Name: 'a', FunctionVersion: '$LATEST' });
    expect(
      expectError(
        world.when('CreateAlias', { FunctionName: 'f', Name: 'b', FunctionVersion: '$LATEST' }),
        'AliasLimitExceededException',
      ).statusCode,
    ).toBe(400);
  });

  it('a smaller code-storage quota is reached sooner: CodeStorageExceededException (spec control-plane §3.1)', () => {
    const state = initialState({ codeStorageLimitBytes: 21 });
    expectError(
      operations.CreateFunction(state, createFunctionInput('f'), meta).result,
      'CodeStorageExceededException',
      'Code storage limit exceeded.',
    );
    expect(
      expectRight(operations.GetAccountSettings(state, {}).result).body.AccountLimit.TotalCodeSize,
    ).toBe(21);
  });
});
