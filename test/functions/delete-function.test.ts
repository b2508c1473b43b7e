import { describe, expect, it } from 'vitest';
import { getAlias } from '../../src/aliases/queries.js';
import { getFunction, latestConfiguration, listFunctions } from '../../src/functions/queries.js';
import { listVersionsByFunction } from '../../src/versions/queries.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  typesOf,
} from '../support/scenario.js';
import { metaOf, operations } from './facade.js';

const withTwoVersions = () =>
  given()
    .withFunction('f')
    .withPublishedVersion('f')
    .advance(1_000)
    .withPublishedVersion('f')
    .advance(1_000);

describe('DeleteFunction', () => {
  it('answers 204 and removes the function (spec §2.7)', () => {
    const s = given().withFunction('f');
    const { result, state, events } = operations.DeleteFunction(
      s.state,
      { FunctionName: 'f' },
      metaOf(s),
    );
    expect(expectRight(result).statusCode).toBe(204);
    expect(typesOf(events)).toEqual(['FunctionDeleted']);
    expectError(
      getFunction(state, { FunctionName: 'f' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f')}`,
    );
    expect(expectRight(listFunctions(state)).Functions).toEqual([]);
  });

  it('removes all versions and all aliases with the function (spec §2.7)', () => {
    const s = withTwoVersions()
      .run('CreateAlias', { FunctionName: 'f', Name: 'live', FunctionVersion: '1' })
      .run('DeleteFunction', { FunctionName: 'f' })
      .run('CreateFunction', createFunctionInput('f'))
      .advance(1_000);
    const versions = expectRight(listVersionsByFunction(s.state, { FunctionName: 'f' })).Versions;
    expect(versions.map((v) => v.Version)).toEqual(['$LATEST']);
    expectError(
      getAlias(s.state, { FunctionName: 'f', Name: 'live' }),
      'ResourceNotFoundException',
    );
    expectError(
      getFunction(s.state, { FunctionName: 'f', Qualifier: '1' }),
      'ResourceNotFoundException',
    );
  });

  it('accepts the ARN forms of the name (spec §1.2)', () => {
    const s = given().withFunction('f');
    for (const name of [arnOf('f'), '123456789012:function:f']) {
      expect(typesOf(expectRight(s.when('DeleteFunction', { FunctionName: name })))).toEqual([
        'FunctionDeleted',
      ]);
    }
  });

  it('answers 404 "Function not found: <unqualified arn>" for a missing function, with or without a numeric qualifier (spec §2.7)', () => {
    for (const input of [
      { FunctionName: 'ghost' },
      { FunctionName: 'ghost', Qualifier: '1' },
      { FunctionName: 'ghost:1' },
    ]) {
      const error = expectError(
        given().when('DeleteFunction', input),
        'ResourceNotFoundException',
        `Function not found: ${arnOf('ghost')}`,
      );
      expect(error.statusCode).toBe(404);
    }
  });

  it('answers 404, not a validation error, for a 65-character name (spec §1.1)', () => {
    const name = 'n'.repeat(65);
    expectError(
      given().when('DeleteFunction', { FunctionName: name }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf(name)}`,
    );
  });

  it('frees the name: a function of the same name can be created again (spec §2.7)', () => {
    const s = given().withFunction('f').run('DeleteFunction', { FunctionName: 'f' });
    expect(typesOf(expectRight(s.when('CreateFunction', createFunctionInput('f'))))).toEqual([
      'FunctionCreated',
    ]);
  });

  it('deletes a function that is still Pending, which then never becomes Active (spec §2.7, §2.8)', () => {
    const s = given()
      .run('CreateFunction', createFunctionInput('f'))
      .run('DeleteFunction', { FunctionName: 'f' })
      .advance(60_000);
    expect(typesOf(s.log)).toEqual(['FunctionCreated', 'FunctionDeleted']);
  });

  it("a function created again after a Pending delete activates on its own schedule, not the deleted one's", () => {
    const recreated = given()
      .run('CreateFunction', createFunctionInput('f'))
      .run('DeleteFunction', { FunctionName: 'f' })
      .advance(500)
      .run('CreateFunction', createFunctionInput('f'));
    // The first function would have been due now; the new one is due 500 ms later.
    expect(latestConfiguration(recreated.advance(500).state, 'f')?.State).toBe('Pending');
    expect(latestConfiguration(recreated.advance(1_000).state, 'f')?.State).toBe('Active');
  });

  it('deletes a function while an update is in progress, and no completion follows', () => {
    const s = given()
      .withFunction('f')
      .run('UpdateFunctionConfiguration', { FunctionName: 'f', Timeout: 9 })
      .run('DeleteFunction', { FunctionName: 'f' })
      .advance(60_000);
    expect(typesOf(s.log).at(-1)).toBe('FunctionDeleted');
  });

  describe('with a Qualifier (spec §2.7)', () => {
    it('deletes only that version; the others and $LATEST stay', () => {
      const s = withTwoVersions();
      const { result, state } = operations.DeleteFunction(
        s.state,
        { FunctionName: 'f', Qualifier: '1' },
        metaOf(s),
      );
      expect(expectRight(result).statusCode).toBe(204);
      const versions = expectRight(listVersionsByFunction(state, { FunctionName: 'f' })).Versions;
      expect(versions.map((v) => v.Version)).toEqual(['$LATEST', '2']);
    });

    it('takes the version from a qualified name too', () => {
      const events = expectRight(
        withTwoVersions().when('DeleteFunction', { FunctionName: arnOf('f', '2') }),
      );
      expect(events).toEqual([
        expect.objectContaining({ type: 'FunctionVersionDeleted', version: '2' }),
      ]);
    });

    it('is an idempotent no-op, answering 204, for a version that does not exist', () => {
      const s = withTwoVersions();
      const { result, events, state } = operations.DeleteFunction(
        s.state,
        { FunctionName: 'f', Qualifier: '99' },
        metaOf(s),
      );
      expect(expectRight(result).statusCode).toBe(204);
      expect(events).toEqual([]);
      expect(state).toBe(s.state);
    });

    it('refuses a version an alias references with 409 and the alias list', () => {
      const s = withTwoVersions()
        .run('CreateAlias', { FunctionName: 'f', Name: 'prod', FunctionVersion: '1' })
        .run('CreateAlias', { FunctionName: 'f', Name: 'beta', FunctionVersion: '1' });
      const error = expectError(
        s.when('DeleteFunction', { FunctionName: 'f', Qualifier: '1' }),
        'ResourceConflictException',
        'Unable to delete version because the following aliases reference it: [beta, prod]',
      );
      expect(error.statusCode).toBe(409);
    });

    it('refuses $LATEST with 400 before looking the function up', () => {
      const message = '$LATEST version cannot be deleted without deleting the function.';
      for (const s of [given(), given().withFunction('f')]) {
        expectError(
          s.when('DeleteFunction', { FunctionName: 'f', Qualifier: '$LATEST' }),
          'InvalidParameterValueException',
          message,
        );
        expectError(
          s.when('DeleteFunction', { FunctionName: 'f:$LATEST' }),
          'InvalidParameterValueException',
          message,
        );
      }
    });

    it('refuses an alias-like qualifier with "Deletion of aliases is not currently supported."', () => {
      const s = withTwoVersions().run('CreateAlias', {
        FunctionName: 'f',
        Name: 'live',
        FunctionVersion: '1',
      });
      expectError(
        s.when('DeleteFunction', { FunctionName: 'f', Qualifier: 'live' }),
        'InvalidParameterValueException',
        'Deletion of aliases is not currently supported.',
      );
    });

    it('refuses a Qualifier that differs from the one in the name (spec §1.4)', () => {
      expectError(
        withTwoVersions().when('DeleteFunction', { FunctionName: 'f:1', Qualifier: '2' }),
        'InvalidParameterValueException',
        'The derived qualifier from the function name does not match the specified qualifier.',
      );
    });

    it('refuses a 129-character qualifier with the ValidationException length text (spec §1.3)', () => {
      const qualifier = '1'.repeat(129);
      const error = expectError(
        withTwoVersions().when('DeleteFunction', { FunctionName: 'f', Qualifier: qualifier }),
        'ValidationException',
      );
      expect(error.message).toContain(
        `Value '${qualifier}' at 'qualifier' failed to satisfy constraint: Member must have length less than or equal to 128`,
      );
    });
  });
});
