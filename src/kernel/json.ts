/**
 * A JSON syntax check that never throws and reports where the text stops being JSON, for the
 * Invoke payload check (spec invocation §1.4). It is iterative, so a deeply nested payload cannot
 * exhaust the call stack.
 *
 * @module
 */

const isWhitespace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

/** Where a value ends if one starts at `i` that is not an object or array; -1 when none does. */
function scalarEnd(text: string, i: number): number {
  const c = text[i];
  if (c === '"') {
    for (let j = i + 1; j < text.length; j += 1) {
      const d = text[j] ?? '';
      if (d === '"') return j + 1;
      if (d < ' ') return -1;
      if (d === '\\') {
        const escaped = text[j + 1] ?? '';
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) return -1;
          j += 5;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') j += 1;
        else return -1;
      }
    }
    return -1;
  }
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  // RFC 8259 number syntax (no leading zeros, no bare fraction or exponent), read in place by a
  // sticky expression, however long the number is. A literal is a fresh object on each call, so
  // its `lastIndex` is never shared.
  const number = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
  number.lastIndex = i;
  const match = number.exec(text);
  return match === null ? -1 : i + match[0].length;
}

/**
 * The index of the first character that makes `text` not one JSON value, or `undefined` when it
 * is valid JSON. An index equal to `text.length` means the text ended too early.
 */
export function jsonSyntaxErrorAt(text: string): number | undefined {
  // What the parser expects next, with a stack of open containers ('{' or '[').
  const open: string[] = [];
  let expect: 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end' =
    'value';
  let i = 0;
  while (i <= text.length) {
    while (i < text.length && isWhitespace(text[i] ?? '')) i += 1;
    const c = text[i];
    if (c === undefined) return expect === 'end' ? undefined : i;
    switch (expect) {
      case 'end':
        return i;
      case 'colon':
        if (c !== ':') return i;
        expect = 'value';
        i += 1;
        continue;
      case 'commaOrClose': {
        const container = open[open.length - 1];
        if (c === ',') expect = container === '{' ? 'key' : 'value';
        else if ((c === '}' && container === '{') || (c === ']' && container === '[')) {
          open.pop();
          expect = open.length === 0 ? 'end' : 'commaOrClose';
        } else return i;
        i += 1;
        continue;
      }
      case 'key':
      case 'keyOrClose': {
        if (c === '}' && expect === 'keyOrClose') {
          open.pop();
          expect = open.length === 0 ? 'end' : 'commaOrClose';
          i += 1;
          continue;
        }
        if (c !== '"') return i;
        const end = scalarEnd(text, i);
        if (end < 0) return i;
        expect = 'colon';
        i = end;
        continue;
      }
      case 'value':
      case 'valueOrClose': {
        if (c === ']' && expect === 'valueOrClose') {
          open.pop();
          expect = open.length === 0 ? 'end' : 'commaOrClose';
          i += 1;
          continue;
        }
        if (c === '{' || c === '[') {
          open.push(c);
          expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
          i += 1;
          continue;
        }
        const end = scalarEnd(text, i);
        if (end < 0) return i;
        expect = open.length === 0 ? 'end' : 'commaOrClose';
        i = end;
        continue;
      }
    }
  }
  return undefined;
}
