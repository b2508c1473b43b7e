/// <reference types="node" />
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  maxItemsViolations,
  PAGE_LIMIT,
  paginate,
  versionSortKey,
} from '../../src/kernel/pagination.js';
import { violation } from '../../src/kernel/validation.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
} from '../support/scenario.js';

/** Sorted, distinct keys `k000`, `k001`, … */
const keys = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => `k${String(i).padStart(3, '0')}`);
const id = (key: string): string => key;

/** Every page of a listing, following NextMarker to the end. */
function allPages(items: ReadonlyArray<string>, maxItems?: number): string[][] {
  const pages: string[][] = [];
  let marker: string | undefined;
  for (;;) {
    const page = expectRight(paginate(items, id, marker, maxItems));
    pages.push([...page.items]);
    if (page.nextMarker === undefined) return pages;
    marker = page.nextMarker;
  }
}

describe('List* paging: at most 50 items a page, NextMarker while more remain (spec control-plane §2.6)', () => {
  it('the page limit is 50', () => {
    expect(PAGE_LIMIT).toBe(50);
  });

  it('120 items come as 50, 50 and 20, in order, with no marker after the last page', () => {
    const items = keys(120);
    const pages = allPages(items);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(items);
  });

  it('exactly 50 items fit one page, with no NextMarker', () => {
    expect(expectRight(paginate(keys(50), id, undefined, undefined))).toEqual({ items: keys(50) });
  });

  it('an empty listing is one empty page', () => {
    expect(expectRight(paginate([], id, undefined, undefined))).toEqual({ items: [] });
  });

  it('MaxItems below 50 sets the page size; above 50 the page still holds 50', () => {
    expect(allPages(keys(25), 10).map((p) => p.length)).toEqual([10, 10, 5]);
    expect(allPages(keys(120), 10_000).map((p) => p.length)).toEqual([50, 50, 20]);
  });

  it('any page size walks every item exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 110 }),
        fc.integer({ min: 1, max: 60 }),
        (count, maxItems) => {
          const pages = allPages(keys(count), maxItems);
          expect(pages.flat()).toEqual(keys(count));
          for (const page of pages.slice(0, -1))
            expect(page.length).toBe(Math.min(maxItems, PAGE_LIMIT));
        },
      ),
    );
  });

  it('the marker is standard base64 (readable by Buffer) and stays put when the last item returned is removed', () => {
    const items = keys(10);
    const first = expectRight(paginate(items, id, undefined, 3));
    expect(first.items).toEqual(['k000', 'k001', 'k002']);
    const marker = first.nextMarker ?? expect.fail('expected a marker');
    expect(Buffer.from(marker, 'base64').toString('base64')).toBe(marker);
    const without = items.filter((k) => k !== 'k002');
    expect(expectRight(paginate(without, id, marker, 3)).items).toEqual(['k003', 'k004', 'k005']);
  });

  it('a marker past the last item gives an empty last page', () => {
    const marker = Buffer.from('zzz', 'utf8').toString('base64');
    expect(expectRight(paginate(keys(5), id, marker, undefined))).toEqual({ items: [] });
  });

  it.each(['not base64!', 'abc', ''])(
    'an unreadable marker %j is refused with InvalidParameterValueException',
    (marker) => {
      expect(
        expectError(paginate(keys(5), id, marker, undefined), 'InvalidParameterValueException')
          .statusCode,
      ).toBe(400);
    },
  );
});

describe('MaxItems is 1–10,000 (spec control-plane §2.6, botocore)', () => {
  it('absent or inside the range: no violation', () => {
    expect(maxItemsViolations(undefined)).toEqual([]);
    expect(maxItemsViolations(1)).toEqual([]);
    expect(maxItemsViolations(10_000)).toEqual([]);
  });

  it('0 and 10,001 break the range', () => {
    expect(maxItemsViolations(0)).toEqual([violation.minValue('maxItems', 0, 1)]);
    expect(maxItemsViolations(10_001)).toEqual([violation.maxValue('maxItems', 10_001, 10_000)]);
  });

  it('ListFunctions with MaxItems 0 is a ValidationException', () => {
    expectError(
      operations.ListFunctions(given().state, { MaxItems: 0 }).result,
      'ValidationException',
      "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});

describe('version order in listings (spec control-plane §2.6)', () => {
  it('$LATEST sorts first, then versions by number (2 before 10)', () => {
    const sorted = ['10', '$LATEST', '2', '1', '100'].sort((a, b) =>
      versionSortKey(a) < versionSortKey(b) ? -1 : 1,
    );
    expect(sorted).toEqual(['$LATEST', '1', '2', '10', '100']);
  });

  it('ListVersionsByFunction pages $LATEST (…:$LATEST) and then each version (…:N), one a page with MaxItems 1', () => {
    const state = given()
      .withFunction('f')
      .withPublishedVersion('f')
      .advance(1_000)
      .withPublishedVersion('f').state;
    const arns: string[] = [];
    let Marker: string | undefined;
    for (let guard = 0; guard < 5; guard += 1) {
      const page = expectRight(
        operations.ListVersionsByFunction(state, {
          FunctionName: 'f',
          MaxItems: 1,
          ...(Marker === undefined ? {} : { Marker }),
        }).result,
      ).body;
      arns.push(...page.Versions.map((v) => v.FunctionArn));
      if (page.NextMarker === undefined) break;
      Marker = page.NextMarker;
    }
    expect(arns).toEqual([arnOf('f', '$LATEST'), arnOf('f', '1'), arnOf('f', '2')]);
  });

  it('ListFunctions with 51 functions: a page of 50 with NextMarker, then the last one', () => {
    let scenario = given();
    const names = Array.from({ length: 51 }, (_, i) => `fn-${String(i).padStart(2, '0')}`);
    for (const name of names) scenario = scenario.run('CreateFunction', createFunctionInput(name));
    const first = expectRight(operations.ListFunctions(scenario.state, {}).result).body;
    expect(first.Functions).toHaveLength(50);
    const marker = first.NextMarker ?? expect.fail('expected NextMarker');
    const second = expectRight(
      operations.ListFunctions(scenario.state, { Marker: marker }).result,
    ).body;
    expect(second.Functions.map((f) => f.FunctionName)).toEqual(['fn-50']);
    expect(second.NextMarker).toBeUndefined();
    expect([...first.Functions, ...second.Functions].map((f) => f.FunctionName)).toEqual(names);
  });
});
