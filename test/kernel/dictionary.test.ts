import { describe, expect, it } from 'vitest';
import { dictionaryOf, emptyDictionary } from '../../src/kernel/dictionary.js';
import { operations } from '../../src/operations/operations.js';
import {
  arnOf,
  createFunctionInput,
  expectError,
  expectRight,
  given,
  T0,
} from '../support/scenario.js';

describe('name-keyed records have no prototype (function names may be __proto__ or constructor, spec §1.1)', () => {
  it('an empty dictionary finds no inherited member', () => {
    const d = emptyDictionary<number>();
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.hasOwn(d, 'toString') || 'toString' in d).toBe(false);
    expect(d['constructor']).toBeUndefined();
    expect('hasOwnProperty' in d).toBe(false);
  });

  it('assigning __proto__ stores an entry and does not replace the prototype', () => {
    const d = emptyDictionary<number>();
    d['__proto__'] = 1;
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect(Object.keys(d)).toEqual(['__proto__']);
    expect(d['__proto__']).toBe(1);
  });

  it('dictionaryOf copies user input, an own "__proto__" key included, onto a prototype-free record', () => {
    const input = JSON.parse('{"__proto__": "x", "a": "y"}') as Record<string, string>;
    const d = dictionaryOf(input);
    expect(Object.getPrototypeOf(d)).toBeNull();
    expect({ ...d }).toEqual(input);
    expect(d).not.toBe(input);
  });

  it('functions named __proto__ and constructor are created and read like any other', () => {
    const meta = { now: T0, requestId: 'r' };
    let state = given().state;
    for (const name of ['__proto__', 'constructor']) {
      const created = operations.CreateFunction(state, createFunctionInput(name), meta);
      expect(expectRight(created.result).body.FunctionArn).toBe(arnOf(name));
      state = created.state;
    }
    for (const name of ['__proto__', 'constructor']) {
      expect(
        expectRight(operations.GetFunction(state, { FunctionName: name }).result).body.Configuration
          .FunctionName,
      ).toBe(name);
    }
    expect(
      expectRight(operations.ListFunctions(state, {}).result).body.Functions.map(
        (f) => f.FunctionName,
      ),
    ).toEqual(['__proto__', 'constructor']);
  });

  it('a name that is only an inherited member of plain objects names nothing', () => {
    for (const name of ['toString', 'hasOwnProperty', 'valueOf']) {
      expectError(
        operations.GetFunction(given().state, { FunctionName: name }).result,
        'ResourceNotFoundException',
        `Function not found: ${arnOf(name)}`,
      );
    }
  });
});
