/**
 * A JSON syntax check that never throws and reports where the text stops being JSON, for the
 * Invoke payload check (spec invocation §1.4). It is iterative, so a deeply nested payload cannot
 * exhaust the call stack.
 *
 * @module
 */

const isWhitespace = (c: string): boolean => c === ' ' || c === '\n' || c === '\r' || c === '\t';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Where the digits starting at `i` end (`i` itself when there are none). */
function digitsEnd(text: string, i: number): number {
  let j = i;
  while (isDigit(text.charCodeAt(j))) j += 1;
  return j;
}

/**
 * Where an RFC 8259 number starting at `i` ends, -1 when none starts there: no leading zeros, and
 * a fraction or exponent only with digits (without them the number ends before the `.` or `e`,
 * which is then what breaks the text).
 */
function numberEnd(text: string, i: number): number {
  let j = text.charCodeAt(i) === 45 /* - */ ? i + 1 : i;
  const first = text.charCodeAt(j);
  if (first === 48 /* 0 */) j += 1;
  else if (isDigit(first)) j = digitsEnd(text, j + 1);
  else return -1;
  if (text.charCodeAt(j) === 46 /* . */ && isDigit(text.charCodeAt(j + 1))) {
    j = digitsEnd(text, j + 1);
  }
  const e = text.charCodeAt(j);
  if (e === 101 /* e */ || e === 69 /* E */) {
    const sign = text.charCodeAt(j + 1);
    const digits = sign === 43 /* + */ || sign === 45 /* - */ ? j + 2 : j + 1;
    if (isDigit(text.charCodeAt(digits))) j = digitsEnd(text, digits);
  }
  return j;
}

/** Where a string starting at `i` (on its opening quote) ends, -1 when it is not one. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const d = text.charCodeAt(j);
    if (d === 34 /* " */) return j + 1;
    if (d < 32) return -1;
    if (d === 92 /* \\ */) {
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

/** Where a value ends if one starts at `i` that is not an object or array; -1 when none does. */
function scalarEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34 /* " */) return stringEnd(text, i);
  for (const literal of ['true', 'false', 'null']) {
    if (text.startsWith(literal, i)) return i + literal.length;
  }
  return numberEnd(text, i);
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
