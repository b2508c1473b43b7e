import { describe, expect, it } from 'vitest';
import {
  getFunctionConfiguration,
  latestConfiguration,
  versionConfiguration,
} from '../../src/functions/queries.js';
import { replay } from '../../src/lambda.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  Scenario,
  typesOf,
  UUID,
} from '../support/scenario.js';
import { storedZip } from './zips.js';

const PENDING_CONFLICT =
  'The operation cannot be performed at this time. The function is currently in the following state: Pending';
const UPDATE_CONFLICT = `The operation cannot be performed at this time. An update is in progress for resource: ${arnOf('f')}`;
const V2 = storedZip({ 'index.js': 'v2' });
const revisionOf = (
  s: { readonly state: Parameters<typeof latestConfiguration>[0] },
  version?: string,
): string | undefined =>
  version === undefined
    ? latestConfiguration(s.state, 'f')?.RevisionId
    : versionConfiguration(s.state, 'f', version)?.RevisionId;

describe('function lifecycle (spec §2.8)', () => {
  describe('Pending → Active', () => {
    const delay = 5_000;
    const created = () =>
      given({ functionActivationDelayMs: delay }).run('CreateFunction', createFunctionInput('f'));

    it('stays Pending until the activation delay has passed', () => {
      const s = created().advance(delay - 1);
      expect(latestConfiguration(s.state, 'f')).toMatchObject({
        State: 'Pending',
        StateReasonCode: 'Creating',
      });
      expect(typesOf(s.log)).toEqual(['FunctionCreated']);
    });

    it('becomes Active with LastUpdateStatus Successful and no state reason once it is due', () => {
      const s = created().advance(delay);
      const config = latestConfiguration(s.state, 'f');
      expect(config).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
      expect(config).not.toHaveProperty('StateReason');
      expect(config).not.toHaveProperty('StateReasonCode');
      expect(typesOf(s.log)).toEqual(['FunctionCreated', 'FunctionActivated']);
    });

    it('activates when any later command arrives, before that command is decided (DESIGN §1: time moves by commands)', () => {
      const s = created();
      // No AdvanceClock: a command made after the due time first brings the activation.
      const later = new Scenario(s.state, s.log, s.nowMs + delay);
      const events = expectRight(
        later.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 }),
      );
      expect(typesOf(events)).toEqual(['FunctionActivated', 'FunctionConfigurationUpdated']);
    });

    it('refuses UpdateFunctionCode, UpdateFunctionConfiguration and PublishVersion while Pending with 409', () => {
      const s = created();
      for (const result of [
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 }),
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 }),
        s.when('PublishVersion', { FunctionName: 'f' }),
      ]) {
        const error = expectError(result, 'ResourceConflictException', PENDING_CONFLICT);
        expect(error.statusCode).toBe(409);
      }
    });

    it('checks the state before the RevisionId precondition', () => {
      expectError(
        created().when('UpdateFunctionConfiguration', {
          FunctionName: 'f',
          Timeout: 5,
          RevisionId: 'stale',
        }),
        'ResourceConflictException',
        PENDING_CONFLICT,
      );
    });
  });

  describe('InProgress → Successful', () => {
    const delay = 2_500;
    const updating = () =>
      given({ functionUpdateDelayMs: delay })
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 });

    it('stays InProgress until the update delay has passed, then is Successful', () => {
      expect(latestConfiguration(updating().advance(delay - 1).state, 'f')?.LastUpdateStatus).toBe(
        'InProgress',
      );
      const done = updating().advance(delay);
      const config = latestConfiguration(done.state, 'f');
      expect(config).toMatchObject({ State: 'Active', LastUpdateStatus: 'Successful' });
      expect(config).not.toHaveProperty('LastUpdateStatusReason');
      expect(config).not.toHaveProperty('LastUpdateStatusReasonCode');
      expect(typesOf(done.log).at(-1)).toBe('FunctionUpdateCompleted');
    });

    it('refuses code, configuration and publish while the update is in progress with 409 naming the unqualified ARN', () => {
      const s = updating();
      for (const result of [
        s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 }),
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 }),
        s.when('PublishVersion', { FunctionName: 'f' }),
      ]) {
        expectError(result, 'ResourceConflictException', UPDATE_CONFLICT);
      }
    });

    it('a configuration update also blocks a second one until it completes', () => {
      const s = given()
        .withFunction('f')
        .run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 });
      expectError(
        s.when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 6 }),
        'ResourceConflictException',
        UPDATE_CONFLICT,
      );
      expectRight(
        s.advance(1_000).when('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 6 }),
      );
    });

    it('keeps settling functions independently', () => {
      const s = given()
        .withFunction('a')
        .withFunction('f')
        .run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 })
        .advance(500)
        .run('UpdateFunctionConfiguration', { FunctionName: 'a', Timeout: 5 })
        .advance(500);
      expect(latestConfiguration(s.state, 'f')?.LastUpdateStatus).toBe('Successful');
      expect(latestConfiguration(s.state, 'a')?.LastUpdateStatus).toBe('InProgress');
    });
  });

  describe('published versions', () => {
    it('a version published from an Active function is Active / Successful (spec §2.8)', () => {
      const s = given().withFunction('f').run('PublishVersion', { FunctionName: 'f' });
      expect(versionConfiguration(s.state, 'f', '1')).toMatchObject({
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
    });

    it('a version published by UpdateFunctionCode(Publish) is Pending, and Active once the update completes', () => {
      const s = given()
        .withFunction('f')
        .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, Publish: true });
      expect(versionConfiguration(s.state, 'f', '1')?.State).toBe('Pending');
      const done = s.advance(1_000);
      expect(versionConfiguration(done.state, 'f', '1')).toMatchObject({
        State: 'Active',
        LastUpdateStatus: 'Successful',
      });
      expect(typesOf(done.log).slice(-2)).toEqual([
        'FunctionUpdateCompleted',
        'FunctionVersionActivated',
      ]);
    });

    it('a version published with CreateFunction(Publish) is Pending until the function is Active', () => {
      const s = given().run('CreateFunction', createFunctionInput('f', { Publish: true }));
      expect(versionConfiguration(s.state, 'f', '1')?.State).toBe('Pending');
      expect(versionConfiguration(s.advance(1_000).state, 'f', '1')?.State).toBe('Active');
    });
  });
});

describe('RevisionId (spec §2.10)', () => {
  it('is a UUID (spec §2.2)', () => {
    expect(revisionOf(given().run('CreateFunction', createFunctionInput('f')))).toMatch(UUID);
  });

  it('changes on create, on activation, on each update request and again when the update completes', () => {
    const created = given().run('CreateFunction', createFunctionInput('f'));
    const active = created.advance(1_000);
    const requested = active.run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 5 });
    const completed = requested.advance(1_000);
    const codeRequested = completed.run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 });
    const codeCompleted = codeRequested.advance(1_000);
    const revisions = [created, active, requested, completed, codeRequested, codeCompleted].map(
      (s) => revisionOf(s),
    );
    expect(new Set(revisions).size).toBe(revisions.length);
  });

  it("changes $LATEST's RevisionId on each PublishVersion that creates a version, not on one that returns the last", () => {
    const s = given().withFunction('f');
    const published = s.run('PublishVersion', { FunctionName: 'f' });
    expect(revisionOf(published)).not.toBe(revisionOf(s));
    const again = published.run('PublishVersion', { FunctionName: 'f' });
    expect(revisionOf(again)).toBe(revisionOf(published));
  });

  it('gives a version its own RevisionId, unchanged when it becomes Active', () => {
    const s = given()
      .withFunction('f')
      .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, Publish: true });
    const pending = revisionOf(s, '1');
    expect(pending).toMatch(UUID);
    expect(pending).not.toBe(revisionOf(s));
    expect(revisionOf(s.advance(1_000), '1')).toBe(pending);
  });

  it('is not changed, for $LATEST or the version, by CreateAlias', () => {
    const s = given().withFunction('f').run('PublishVersion', { FunctionName: 'f' });
    const withAlias = s.run('CreateAlias', {
      FunctionName: 'f',
      Name: 'live',
      FunctionVersion: '1',
    });
    expect(revisionOf(withAlias)).toBe(revisionOf(s));
    expect(revisionOf(withAlias, '1')).toBe(revisionOf(s, '1'));
  });

  it('reads the same through GetFunctionConfiguration as the precondition checks (spec §2.10)', () => {
    const s = given().withFunction('f');
    const current = expectRight(
      getFunctionConfiguration(s.state, { FunctionName: 'f' }),
    ).RevisionId;
    expectRight(
      s.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, RevisionId: current }),
    );
    const after = s.run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2 }).advance(1_000);
    expectError(
      after.when('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, RevisionId: current }),
      'PreconditionFailedException',
    );
  });
});

it('replaying the log rebuilds the same state (DESIGN §1: the event log is the source of truth)', () => {
  const s = given()
    .withFunction('f', { Tags: { team: 'a' } })
    .withPublishedVersion('f')
    .advance(1_000)
    .run('UpdateFunctionCode', { FunctionName: 'f', ZipFile: V2, Publish: true })
    .run('TagResource', { Resource: arnOf('f'), Tags: { env: 'prod' } })
    .advance(1_000)
    .run('DeleteFunction', { FunctionName: 'f', Qualifier: '1' });
  const rebuilt = replay(s.log);
  expect(rebuilt.functions).toEqual(s.state.functions);
  expect(rebuilt.versions).toEqual(s.state.versions);
  expect(JSON.parse(JSON.stringify(s.log))).toEqual(s.log);
});
