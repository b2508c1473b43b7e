/**
 * Identifiers that AWS computes or assigns: `CodeSha256` (base64 of the SHA-256 of the package),
 * and `RevisionId`s, which the model derives from the log position instead of drawing them at
 * random, so replaying a log gives the same ids (spec control-plane §2.2, §2.10).
 *
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_INDEX: ReadonlyMap<string, number> = new Map(
  Array.from(BASE64_ALPHABET, (char) => char).map((char, index) => [char, index]),
);

/** Standard base64 (with `=` padding) of some bytes. */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1] ?? 0;
    const c = bytes[i + 2] ?? 0;
    const triple = (a << 16) | (b << 8) | c;
    out +=
      BASE64_ALPHABET.charAt((triple >> 18) & 63) + BASE64_ALPHABET.charAt((triple >> 12) & 63);
    out += i + 1 < bytes.length ? BASE64_ALPHABET.charAt((triple >> 6) & 63) : '=';
    out += i + 2 < bytes.length ? BASE64_ALPHABET.charAt(triple & 63) : '=';
  }
  return out;
}

/** Decodes standard base64; `undefined` when the text is not base64. */
export function fromBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let triple = 0;
    for (let j = 0; j < 4; j += 1) {
      const char = text.charAt(i + j);
      const value = char === '=' && i + j >= text.length - padding ? 0 : BASE64_INDEX.get(char);
      if (value === undefined) return undefined;
      triple = (triple << 6) | value;
    }
    if (o < out.length) out[o++] = (triple >> 16) & 255;
    if (o < out.length) out[o++] = (triple >> 8) & 255;
    if (o < out.length) out[o++] = triple & 255;
  }
  return out;
}

// UTF-8 is written out here rather than taken from the TextEncoder/TextDecoder globals: `src/`
// uses no host globals, so it runs unchanged wherever an ES2022 engine does.

/** The UTF-8 bytes of a string; a lone surrogate becomes U+FFFD, as the WHATWG encoder does. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const char of text) {
    let point = char.codePointAt(0) ?? 0xfffd;
    if (point >= 0xd800 && point <= 0xdfff) point = 0xfffd;
    if (point < 0x80) out.push(point);
    else if (point < 0x800) out.push(0xc0 | (point >> 6), 0x80 | (point & 63));
    else if (point < 0x10000)
      out.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 63), 0x80 | (point & 63));
    else {
      out.push(
        0xf0 | (point >> 18),
        0x80 | ((point >> 12) & 63),
        0x80 | ((point >> 6) & 63),
        0x80 | (point & 63),
      );
    }
  }
  return Uint8Array.from(out);
}

/**
 * How many bytes `utf8Bytes(text)` would give, without building them: payload limits are checked
 * on every Invoke, and a 6 MB payload should cost a count, not an array.
 */
export function utf8Length(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      // A surrogate pair is one code point of 4 bytes; a lone surrogate becomes U+FFFD (3 bytes).
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        i += 1;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

const SMALLEST_POINT_FOR_LENGTH = [0, 0x80, 0x800, 0x10000] as const;

/** The text of UTF-8 bytes; each byte that starts no valid sequence becomes U+FFFD. */
export function utf8Text(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    const following =
      lead < 0x80
        ? 0
        : lead >= 0xc2 && lead < 0xe0
          ? 1
          : lead >= 0xe0 && lead < 0xf0
            ? 2
            : lead >= 0xf0 && lead < 0xf5
              ? 3
              : -1;
    let point = following <= 0 ? lead : lead & (0x3f >> following);
    let valid = following >= 0 && i + following < bytes.length;
    for (let k = 1; valid && k <= following; k += 1) {
      const next = bytes[i + k] ?? 0;
      valid = (next & 0xc0) === 0x80;
      point = (point << 6) | (next & 63);
    }
    const smallest = SMALLEST_POINT_FOR_LENGTH[following as 0 | 1 | 2 | 3];
    if (!valid || point < smallest || point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) {
      out += '\uFFFD';
      i += 1;
    } else {
      out += String.fromCodePoint(point);
      i += following + 1;
    }
  }
  return out;
}

/** `CodeSha256`: the base64 of the SHA-256 digest of the deployment package. */
export function codeSha256(bytes: Uint8Array): string {
  return toBase64(sha256(bytes));
}

/** Lower-case hex of the SHA-256 of a string, as container-image digests are written. */
export function sha256Hex(text: string): string {
  let out = '';
  for (const byte of sha256(utf8Bytes(text))) out += byte.toString(16).padStart(2, '0');
  return out;
}

/**
 * A UUID-shaped id (version 4 layout, like AWS's RevisionIds) derived from a seed string by
 * SHA-256. The same seed always gives the same id.
 */
export function uuidFromSeed(seed: string): string {
  const digest = sha256(utf8Bytes(seed));
  const hex: string[] = [];
  for (let i = 0; i < 16; i += 1) {
    let byte = digest[i] ?? 0;
    if (i === 6) byte = (byte & 0x0f) | 0x40;
    if (i === 8) byte = (byte & 0x3f) | 0x80;
    hex.push(byte.toString(16).padStart(2, '0'));
  }
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Hands out the RevisionIds one `decide` needs. Each id is derived from the account, the log
 * position the decision is appended at, and its order within the decision, so ids are unique across
 * the log and identical on replay.
 */
export function revisionIds(accountId: string, logPosition: number): () => string {
  let issued = 0;
  return () => {
    issued += 1;
    return uuidFromSeed(`${accountId}/revision/${String(logPosition)}/${String(issued)}`);
  };
}

/**
 * Whether a qualifier is a published version's number: digits only. An alias name may not be all
 * digits (spec control-plane §1.3), so anything else is an alias or `$LATEST`.
 */
export const isVersionNumber = (qualifier: string): boolean => /^[0-9]+$/.test(qualifier);
