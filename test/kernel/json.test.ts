import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonSyntaxErrorAt } from '../../src/kernel/json.js';

/** The host parser as the oracle: does `text` parse as one JSON value? */
const parses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('jsonSyntaxErrorAt: the Invoke payload check (spec invocation §1.4)', () => {
  it('accepts exactly what JSON.parse accepts, on JSON text and on mangled JSON text', () => {
    const mangled = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.constantFrom('', '{', '}', '[', ']', ',', ':', '"', 'x', '\\', '-', '.', 'e'),
      )
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
      });
    fc.assert(
      fc.property(fc.oneof(fc.json(), mangled, fc.string()), (text) => {
        expect(jsonSyntaxErrorAt(text) === undefined).toBe(parses(text));
      }),
    );
  });

  it.each([
    ['{"a":1}', undefined],
    ['  [1, 2.5e-3, "x\\u00e9", true, null, {}]  ', undefined],
    ['{bad', 1],
    ['{"a":1', 6],
    ['[1,]', 3],
    ['"unterminated', 0],
    ['01', 1],
    ['{"a" 1}', 5],
    ['1 2', 2],
    ['[-0.5E+10, 0e0, 12]', undefined],
    ['1.', 1],
    ['2.e3', 1],
    ['1e+', 1],
    ['-', 0],
    ['-x', 0],
  ])('%j → error at %j', (text, at) => {
    expect(jsonSyntaxErrorAt(text)).toBe(at);
  });

  it('tells objects from arrays at every depth, past the first 30 levels too', () => {
    // `{"a":[{"a":[ … ]}]}`, alternating, 40 levels of each.
    const depth = 40;
    const valid = '{"a":['.repeat(depth) + ']}'.repeat(depth);
    expect(jsonSyntaxErrorAt(valid)).toBeUndefined();
    expect(parses(valid)).toBe(true);
    // The innermost array closed as an object: wrong at once, at its position.
    const wrongCloser = '{"a":['.repeat(depth) + '}';
    expect(jsonSyntaxErrorAt(wrongCloser)).toBe(wrongCloser.length - 1);
    // A comma inside the 35th object expects a key, inside the 35th array a value.
    const inObject = '{"a":['.repeat(34) + '{"a":1,2}';
    expect(jsonSyntaxErrorAt(inObject)).toBe(inObject.length - 2);
    const inArray = '{"a":['.repeat(35) + '1,2]}' + ']}'.repeat(34);
    expect(jsonSyntaxErrorAt(inArray)).toBeUndefined();
    // An object with two members as the 29th, 30th, 31st and 32nd container: where the levels
    // kept in bits end and the deeper ones begin.
    for (const arrays of [28, 29, 30, 31]) {
      const text = '['.repeat(arrays) + '{"a":1,"b":2}' + ']'.repeat(arrays);
      expect(jsonSyntaxErrorAt(text)).toBeUndefined();
    }
  });

  it('does not exhaust the stack on deep nesting', () => {
    const depth = 200_000;
    expect(jsonSyntaxErrorAt('['.repeat(depth) + ']'.repeat(depth))).toBeUndefined();
    expect(jsonSyntaxErrorAt('['.repeat(depth))).toBe(depth);
  });
});
