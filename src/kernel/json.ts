/**
 * A JSON syntax check that never throws and reports where the text stops being JSON, for the
 * Invoke payload check (spec invocation §1.4). It is iterative, so a deeply nested payload cannot
 * exhaust the call stack.
 *
 * @module
 */

/** Space, line feed, carriage return, tab: JSON's only whitespace. */
const isWhitespace = (code: number): boolean =>
  code === 32 || code === 10 || code === 13 || code === 9;

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

/** Whether `word` (lowercase ASCII) is spelled at `i`: character codes, no substring or call. */
function spelledAt(text: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k += 1) {
    if (text.charCodeAt(i + k) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Where a value ends if one starts at `i` that is not an object or array; -1 when none does. */
function scalarEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 34 /* " */) return stringEnd(text, i);
  if (c === 116 /* t */) return spelledAt(text, i, 'true') ? i + 4 : -1;
  if (c === 102 /* f */) return spelledAt(text, i, 'false') ? i + 5 : -1;
  if (c === 110 /* n */) return spelledAt(text, i, 'null') ? i + 4 : -1;
  return numberEnd(text, i);
}

// What the checker expects next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // after `[`
const KEY = 2; // after `,` in an object
const KEY_OR_CLOSE = 3; // after `{`
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const END = 6;

const OPEN_OBJECT = 123; // {
const CLOSE_OBJECT = 125; // }
const OPEN_ARRAY = 91; // [
const CLOSE_ARRAY = 93; // ]

/** Bits a number holds exactly in bitwise operations: the innermost containers are kept there. */
const SHALLOW = 30;

/** Whether the innermost open container is an object: a bit of `shallow`, or deeper, an entry. */
const innermostIsObject = (
  depth: number,
  shallow: number,
  deeper: ReadonlyArray<boolean> | undefined,
): boolean => (depth > SHALLOW ? deeper?.at(-1) === true : (shallow & 1) === 1);

/**
 * The index of the first character that makes `text` not one JSON value, or `undefined` when it
 * is valid JSON. An index equal to `text.length` means the text ended too early. It reads
 * character codes and keeps its state in local numbers: it runs on every Invoke and every
 * completion. The open containers, innermost last, are bits of `shallow` (1 for an object) for
 * the first `SHALLOW` levels, so a payload of ordinary depth allocates nothing for them; deeper
 * levels go to an array.
 */
export function jsonSyntaxErrorAt(text: string): number | undefined {
  let depth = 0;
  let shallow = 0;
  let deeper: boolean[] | undefined;
  let expect = VALUE;
  const length = text.length;
  let i = 0;
  for (;;) {
    let c = text.charCodeAt(i);
    while (isWhitespace(c)) c = text.charCodeAt((i += 1));
    if (i >= length) return expect === END ? undefined : i;
    if (expect === END) return i;
    // The innermost container closes: `}` of an object after `{` or a member, `]` of an array
    // after `[` or an element.
    const closes =
      (c === CLOSE_OBJECT || c === CLOSE_ARRAY) &&
      (expect === COMMA_OR_CLOSE ||
        expect === (c === CLOSE_OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE)) &&
      innermostIsObject(depth, shallow, deeper) === (c === CLOSE_OBJECT);
    if (closes) {
      depth -= 1;
      if (depth < SHALLOW) shallow >>>= 1;
      else deeper?.pop();
      expect = depth === 0 ? END : COMMA_OR_CLOSE;
      i += 1;
    } else if (expect === COLON) {
      if (c !== 58 /* : */) return i;
      expect = VALUE;
      i += 1;
    } else if (expect === COMMA_OR_CLOSE) {
      if (c !== 44 /* , */) return i;
      expect = innermostIsObject(depth, shallow, deeper) ? KEY : VALUE;
      i += 1;
    } else if (expect === KEY || expect === KEY_OR_CLOSE) {
      if (c !== 34 /* " */) return i;
      const end = stringEnd(text, i);
      if (end < 0) return i;
      expect = COLON;
      i = end;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const isObject = c === OPEN_OBJECT;
      if (depth < SHALLOW) shallow = (shallow << 1) | (isObject ? 1 : 0);
      else (deeper ??= []).push(isObject);
      depth += 1;
      expect = isObject ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      i += 1;
    } else {
      const end = scalarEnd(text, i);
      if (end < 0) return i;
      // After a value: the end, or what the container takes next.
      expect = depth === 0 ? END : COMMA_OR_CLOSE;
      i = end;
    }
  }
}
