import { describe, expect, it } from 'vitest';
import { operations } from '../../src/operations/operations.js';
import {
  listVersionsByFunction,
  type ListVersionsByFunctionResponse,
} from '../../src/versions/queries.js';
import {
  arnOf,
  expectError,
  expectRight,
  given,
  type Scenario,
  functionWithVersions,
} from '../support/scenario.js';

/** Follows `NextMarker` to the end and returns every page. */
function allPages(scenario: Scenario, maxItems?: number): ListVersionsByFunctionResponse[] {
  const pages: ListVersionsByFunctionResponse[] = [];
  let marker: string | undefined;
  do {
    const page = expectRight(
      listVersionsByFunction(scenario.state, {
        FunctionName: 'f',
        ...(marker === undefined ? {} : { Marker: marker }),
        ...(maxItems === undefined ? {} : { MaxItems: maxItems }),
      }),
    );
    pages.push(page);
    marker = page.NextMarker;
  } while (marker !== undefined && pages.length < 100);
  return pages;
}

/** More than a page of 50 with `$LATEST`. */
const fiftyFiveVersions = (): Scenario => functionWithVersions(55);

const numbers = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i));

describe('ListVersionsByFunction (spec control-plane §2.6)', () => {
  it('lists $LATEST first with the `:$LATEST` ARN, then the published versions ascending with `:N` ARNs', () => {
    const { Versions, NextMarker } = expectRight(
      listVersionsByFunction(functionWithVersions(2).state, { FunctionName: 'f' }),
    );
    expect(NextMarker).toBeUndefined();
    expect(Versions.map((v) => [v.Version, v.FunctionArn])).toEqual([
      ['$LATEST', arnOf('f', '$LATEST')],
      ['1', arnOf('f', '1')],
      ['2', arnOf('f', '2')],
    ]);
  });

  it('lists only $LATEST for a function with no published version', () => {
    const { Versions } = expectRight(
      listVersionsByFunction(given().withFunction('f').state, { FunctionName: 'f' }),
    );
    expect(Versions.map((v) => v.Version)).toEqual(['$LATEST']);
  });

  it('leaves out State*, LastUpdateStatus* and RuntimeVersionConfig, as list operations do (spec §2.2)', () => {
    const { Versions } = expectRight(
      listVersionsByFunction(functionWithVersions(1).state, { FunctionName: 'f' }),
    );
    for (const entry of Versions) {
      for (const key of [
        'State',
        'StateReason',
        'StateReasonCode',
        'LastUpdateStatus',
        'RuntimeVersionConfig',
      ]) {
        expect(entry).not.toHaveProperty(key);
      }
      expect(entry).toHaveProperty('RevisionId');
      expect(entry).toHaveProperty('CodeSha256');
    }
  });

  it('orders versions numerically, so 10 and 11 come after 9', () => {
    const versions = allPages(functionWithVersions(11)).flatMap((page) =>
      page.Versions.map((v) => v.Version),
    );
    expect(versions).toEqual(['$LATEST', ...numbers(1, 11)]);
  });

  it('leaves out a deleted version and keeps the rest (spec §3.1)', () => {
    const scenario = functionWithVersions(3).run('DeleteFunction', {
      FunctionName: 'f',
      Qualifier: '2',
    });
    const { Versions } = expectRight(listVersionsByFunction(scenario.state, { FunctionName: 'f' }));
    expect(Versions.map((v) => v.Version)).toEqual(['$LATEST', '1', '3']);
  });

  it('accepts the function as a full or partial ARN', () => {
    const scenario = functionWithVersions(1);
    for (const name of [arnOf('f'), '123456789012:function:f']) {
      expect(
        expectRight(listVersionsByFunction(scenario.state, { FunctionName: name })).Versions,
      ).toHaveLength(2);
    }
  });

  it('answers 200 through the facade and records nothing', () => {
    const scenario = functionWithVersions(1);
    const { result, events, state } = operations.ListVersionsByFunction(scenario.state, {
      FunctionName: 'f',
    });
    expect(expectRight(result).statusCode).toBe(200);
    expect(events).toEqual([]);
    expect(state).toBe(scenario.state);
  });

  describe('paging', () => {
    it('returns at most 50 entries a page, with a NextMarker that leads to the rest', () => {
      const pages = allPages(fiftyFiveVersions());
      expect(pages.map((page) => page.Versions.length)).toEqual([50, 6]);
      expect(pages[0]?.NextMarker).toBeTypeOf('string');
      expect(pages[1]?.NextMarker).toBeUndefined();
      expect(pages.flatMap((page) => page.Versions.map((v) => v.Version))).toEqual([
        '$LATEST',
        ...numbers(1, 55),
      ]);
    });

    it('caps a page at 50 even when MaxItems asks for more', () => {
      const pages = allPages(fiftyFiveVersions(), 10_000);
      expect(pages.map((page) => page.Versions.length)).toEqual([50, 6]);
    });

    it('returns MaxItems entries a page, without gaps or repeats across pages', () => {
      const pages = allPages(functionWithVersions(6), 3);
      expect(pages.map((page) => page.Versions.map((v) => v.Version))).toEqual([
        ['$LATEST', '1', '2'],
        ['3', '4', '5'],
        ['6'],
      ]);
    });

    it('gives no NextMarker when the last page is exactly full', () => {
      const pages = allPages(functionWithVersions(3), 2);
      expect(pages.map((page) => page.Versions.length)).toEqual([2, 2]);
      expect(pages[1]?.NextMarker).toBeUndefined();
    });

    it('refuses MaxItems outside 1–10,000 with a ValidationException ([BC])', () => {
      const state = functionWithVersions(1).state;
      expectError(
        listVersionsByFunction(state, { FunctionName: 'f', MaxItems: 0 }),
        'ValidationException',
        "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
      );
      expectError(
        listVersionsByFunction(state, { FunctionName: 'f', MaxItems: 10_001 }),
        'ValidationException',
        "1 validation error detected: Value '10001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 10000",
      );
    });
  });

  it('answers 404 with the unqualified ARN for a missing function, not an empty list (spec §2.6, §8 moto 8)', () => {
    const error = expectError(
      listVersionsByFunction(given().state, { FunctionName: 'nope' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('nope')}`,
    );
    expect(error.statusCode).toBe(404);
  });

  it('answers 404 once the function is deleted', () => {
    const scenario = functionWithVersions(1).run('DeleteFunction', { FunctionName: 'f' });
    expectError(
      listVersionsByFunction(scenario.state, { FunctionName: 'f' }),
      'ResourceNotFoundException',
      `Function not found: ${arnOf('f')}`,
    );
  });
});
