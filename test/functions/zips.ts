/**
 * Zip archives for the functions tests, built byte by byte so each test knows exactly what it
 * uploads, and the expected `CodeSha256` computed with Node's own SHA-256 (spec control-plane
 * §2.2: base64 of the SHA-256 of the package), independently of the model's implementation.
 */
import { createHash } from 'node:crypto';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u16 = (v: number): number[] => [v & 0xff, (v >>> 8) & 0xff];
const u32 = (v: number): number[] => [
  v & 0xff,
  (v >>> 8) & 0xff,
  (v >>> 16) & 0xff,
  (v >>> 24) & 0xff,
];

/**
 * A stored (uncompressed) zip with the given files. `declaredUnzippedBytes` overrides the
 * uncompressed size the central directory declares for the first file, to reach the 250 MB limit
 * without 250 MB of data.
 */
export function storedZip(
  files: Readonly<Record<string, string>>,
  options: { readonly declaredUnzippedBytes?: number; readonly comment?: string } = {},
): Uint8Array {
  const encoder = new TextEncoder();
  const local: number[] = [];
  const central: number[] = [];
  let first = true;
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = [...encoder.encode(name)];
    const data = encoder.encode(text);
    const crc = crc32(data);
    const offset = local.length;
    const declared = first ? (options.declaredUnzippedBytes ?? data.length) : data.length;
    first = false;
    local.push(...u32(0x04034b50), ...u16(10), ...u16(0), ...u16(0), ...u16(0), ...u16(0));
    local.push(
      ...u32(crc),
      ...u32(data.length),
      ...u32(declared),
      ...u16(nameBytes.length),
      ...u16(0),
    );
    local.push(...nameBytes, ...data);
    central.push(
      ...u32(0x02014b50),
      ...u16(20),
      ...u16(10),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
    );
    central.push(...u32(crc), ...u32(data.length), ...u32(declared), ...u16(nameBytes.length));
    central.push(
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(offset),
      ...nameBytes,
    );
  }
  const count = Object.keys(files).length;
  const comment = [...encoder.encode(options.comment ?? '')];
  const end = [
    ...u32(0x06054b50),
    ...u16(0),
    ...u16(0),
    ...u16(count),
    ...u16(count),
    ...u32(central.length),
    ...u32(local.length),
    ...u16(comment.length),
    ...comment,
  ];
  return new Uint8Array([...local, ...central, ...end]);
}

/** An empty zip padded with an archive comment to exactly `bytes` bytes (22 ≤ bytes ≤ 65,557). */
export function zipOfSize(bytes: number): Uint8Array {
  return storedZip({}, { comment: 'x'.repeat(bytes - 22) });
}

/** `CodeSha256` as AWS computes it: base64 of the SHA-256 digest of the package bytes. */
export const expectedSha256 = (bytes: Uint8Array): string =>
  createHash('sha256').update(bytes).digest('base64');

/** The standard base64 text of some bytes, as the JSON wire carries `ZipFile`. */
export const base64Of = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
