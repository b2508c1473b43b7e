/// <reference types="node" />
import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeSha256,
  fromBase64,
  revisionIds,
  sha256Hex,
  toBase64,
  utf8Bytes,
  utf8Length,
  utf8Text,
  uuidFromSeed,
} from '../../src/kernel/ids.js';
import { decide, replay } from '../../src/lambda.js';
import { command, given } from '../support/scenario.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Any text of up to 40 code points, astral characters and lone surrogates included. */
const anyText = fc
  .array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 40 })
  .map((codePoints) => String.fromCodePoint(...codePoints));

const nodeSha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

describe('CodeSha256: base64 of the SHA-256 of the package (spec control-plane §2.2)', () => {
  // FIPS 180-2 test vectors (hex digests).
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    [
      'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    ],
  ])('the FIPS 180-2 vector %j', (text, hex) => {
    expect(sha256Hex(text)).toBe(hex);
    expect(codeSha256(Buffer.from(text, 'utf8'))).toBe(Buffer.from(hex, 'hex').toString('base64'));
  });

  it('agrees with node:crypto on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        expect(codeSha256(bytes)).toBe(nodeSha256(bytes).toString('base64'));
      }),
    );
  });

  it('sha256Hex agrees with node:crypto on the UTF-8 of any text, astral characters included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
      }),
    );
  });
});

describe('base64 (RFC 4648 §4, standard alphabet with padding)', () => {
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('the RFC 4648 vector %j ↔ %j', (text, encoded) => {
    expect(toBase64(Buffer.from(text, 'utf8'))).toBe(encoded);
    expect(Buffer.from(fromBase64(encoded) ?? expect.fail('not decoded')).toString('utf8')).toBe(
      text,
    );
  });

  it('encodes as Buffer does and round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const encoded = toBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(fromBase64(encoded)).toEqual(bytes);
      }),
    );
  });

  it('uses "+" and "/" for 62 and 63', () => {
    expect(toBase64(new Uint8Array([0xfb, 0xff]))).toBe('+/8=');
    expect(fromBase64('+/8=')).toEqual(new Uint8Array([0xfb, 0xff]));
  });

  it('decodes unpadded-length-aligned text as Buffer does', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.slice(0, chars.length - (chars.length % 4)).join('');
        expect(fromBase64(text)).toEqual(new Uint8Array(Buffer.from(text, 'base64')));
      }),
    );
  });

  it.each(['Zg=', 'Zg=a', 'Z===', '====', 'Zm9v!A==', 'Zm 9', 'é==='])(
    'refuses %j, which is not base64',
    (text) => {
      expect(fromBase64(text)).toBeUndefined();
    },
  );
});

describe('UTF-8 encoding', () => {
  it('astral characters take four bytes, as Buffer encodes them', () => {
    expect([...utf8Bytes('😀')]).toEqual([0xf0, 0x9f, 0x98, 0x80]);
    expect(utf8Bytes('a𝄞é')).toEqual(new Uint8Array(Buffer.from('a𝄞é', 'utf8')));
  });

  it('agrees with Buffer on any string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(utf8Bytes(text)).toEqual(new Uint8Array(Buffer.from(text, 'utf8')));
      }),
    );
  });

  it('decodes what it encodes, and any valid UTF-8 as the WHATWG decoder does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(utf8Text(utf8Bytes(text))).toBe(text);
      }),
    );
  });

  it('turns bytes that start no valid sequence into U+FFFD instead of failing', () => {
    expect(utf8Text(new Uint8Array([0x61, 0xff, 0x62]))).toBe('a\uFFFDb');
    expect(utf8Text(new Uint8Array([0xc0, 0x80]))).toBe('\uFFFD\uFFFD'); // overlong NUL
    expect(utf8Text(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('\uFFFD\uFFFD\uFFFD'); // a surrogate
    expect(utf8Text(new Uint8Array([0xe2, 0x82]))).toBe('\uFFFD\uFFFD'); // cut short
  });
});

describe('RevisionIds: UUID-shaped, derived from the log position (spec control-plane §2.10, DESIGN §1)', () => {
  it('uuidFromSeed is a version-4-layout UUID and the same seed gives the same id', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const id = uuidFromSeed(seed);
        expect(id).toMatch(UUID_V4);
        expect(uuidFromSeed(seed)).toBe(id);
      }),
    );
  });

  it('different seeds give different ids', () => {
    const ids = new Set(Array.from({ length: 500 }, (_, i) => uuidFromSeed(`seed-${String(i)}`)));
    expect(ids.size).toBe(500);
  });

  it('revisionIds hands out distinct ids within a decision and repeats them for the same position', () => {
    const first = revisionIds('123456789012', 7);
    const again = revisionIds('123456789012', 7);
    const a = [first(), first(), first()];
    expect(new Set(a).size).toBe(3);
    expect([again(), again(), again()]).toEqual(a);
    for (const id of a) expect(id).toMatch(UUID_V4);
  });

  it('another log position or another account gives other ids', () => {
    const at7 = revisionIds('123456789012', 7)();
    expect(revisionIds('123456789012', 8)()).not.toBe(at7);
    expect(revisionIds('210987654321', 7)()).not.toBe(at7);
  });

  it('every RevisionId in a log is distinct, and deciding again on the same state gives the same ids', () => {
    const world = given().withFunction('f').withPublishedVersion('f').withFunction('g');
    const ids = world.log.flatMap((e) => ('revisionId' in e ? [e.revisionId] : []));
    expect(ids.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    const update = command(
      'UpdateFunctionConfiguration',
      { FunctionName: 'f', Description: 'x' },
      world.nowMs,
    );
    expect(decide(update, world.state)).toEqual(decide(update, world.state));
    expect(decide(update, replay(world.log))).toEqual(decide(update, world.state));
  });
});

describe('utf8Length: the byte count of a payload without building it', () => {
  it('equals the length of utf8Bytes for any text, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8Length(text)).toBe(utf8Bytes(text).length);
      }),
    );
    expect(utf8Length('\ud800x')).toBe(utf8Bytes('\ud800x').length);
    expect(utf8Length('é😀')).toBe(2 + 4);
  });
});
