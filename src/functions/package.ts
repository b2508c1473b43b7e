/**
 * The deployment package: how a `Code` input becomes the `CodeSha256` and `CodeSize` Lambda
 * reports, and the package limits AWS enforces (spec control-plane §2.1, §2.2, §7.2).
 *
 * @module
 */
import {
  invalidParameterValue,
  requestEntityTooLarge,
  type InvalidParameterValueException,
  type RequestEntityTooLargeException,
} from '../kernel/errors.js';
import { left, right, type Either } from '../kernel/fp.js';
import { codeSha256, fromBase64, sha256Hex, utf8Bytes } from '../kernel/ids.js';
import type { FunctionCodeInput } from './commands.js';
import type { FunctionCode, PackageType } from './state.js';

/** 50 MB: the largest zip accepted by direct upload (`CodeSizeZipped`, spec control-plane §7.2). */
export const MAX_ZIPPED_BYTES = 52_428_800;
/** 250 MB: the largest unzipped package (`CodeSizeUnzipped`, spec control-plane §7.2). */
export const MAX_UNZIPPED_BYTES = 262_144_000;

/** AWS's answer to bytes that are not a zip archive. */
export const INVALID_ZIP_MESSAGE =
  'Could not unzip uploaded file. Please check your file, then try to upload again.';

/** What can be wrong with a package. */
export type PackageError = InvalidParameterValueException | RequestEntityTooLargeException;

const readUint16 = (bytes: Uint8Array, at: number): number =>
  (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const readUint32 = (bytes: Uint8Array, at: number): number =>
  readUint16(bytes, at) + readUint16(bytes, at + 2) * 65_536;

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/**
 * Reads a zip archive's central directory and returns the total uncompressed size of its entries,
 * or `undefined` when the bytes are not a readable zip. Nothing is decompressed: the sizes are
 * the ones the archive declares, which is what the 250 MB limit is checked against.
 */
export function unzippedSize(bytes: Uint8Array): number | undefined {
  // The end-of-central-directory record is the last 22 bytes, plus a comment of up to 64 KiB.
  const lowest = Math.max(0, bytes.length - 22 - 65_535);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (readUint32(bytes, at) !== END_OF_CENTRAL_DIRECTORY) continue;
    const entries = readUint16(bytes, at + 10);
    const directorySize = readUint32(bytes, at + 12);
    const directoryStart = readUint32(bytes, at + 16);
    if (directoryStart + directorySize > at) return undefined;
    let total = 0;
    let cursor = directoryStart;
    for (let entry = 0; entry < entries; entry += 1) {
      if (cursor + 46 > at || readUint32(bytes, cursor) !== CENTRAL_DIRECTORY_ENTRY)
        return undefined;
      total += readUint32(bytes, cursor + 24);
      cursor +=
        46 +
        readUint16(bytes, cursor + 28) +
        readUint16(bytes, cursor + 30) +
        readUint16(bytes, cursor + 32);
    }
    return total;
  }
  return undefined;
}

/** The bytes of a `ZipFile` member, given as bytes or as base64 text. */
function zipBytes(zipFile: Uint8Array | string): Uint8Array | undefined {
  return typeof zipFile === 'string' ? fromBase64(zipFile) : zipFile;
}

/**
 * Turns a code input into the stored package, checking AWS's zip limits in AWS's order: the
 * zipped size (413), the archive itself, then the unzipped size.
 *
 * S3 objects and container images are not fetched by the model: their `CodeSha256` is derived
 * from the location (documented in `docs/fidelity.md`), and their `CodeSize` is 0.
 */
export function packageFromInput(
  code: FunctionCodeInput,
  packageType: PackageType,
): Either<PackageError, FunctionCode> {
  if (code.ZipFile !== undefined) {
    const bytes = zipBytes(code.ZipFile);
    if (bytes !== undefined && bytes.length > MAX_ZIPPED_BYTES) {
      return left(
        requestEntityTooLarge(`Zipped size must be smaller than ${String(MAX_ZIPPED_BYTES)} bytes`),
      );
    }
    const size = bytes === undefined ? undefined : unzippedSize(bytes);
    if (bytes === undefined || size === undefined)
      return left(invalidParameterValue(INVALID_ZIP_MESSAGE));
    if (size > MAX_UNZIPPED_BYTES) {
      return left(
        invalidParameterValue(
          `Unzipped size must be smaller than ${String(MAX_UNZIPPED_BYTES)} bytes`,
        ),
      );
    }
    return right({ packageType, codeSha256: codeSha256(bytes), codeSizeBytes: bytes.length });
  }
  if (code.ImageUri !== undefined) {
    // An image's CodeSha256 is its digest: taken from a `@sha256:` URI, otherwise derived.
    const digest = /@sha256:([0-9a-f]{64})$/.exec(code.ImageUri)?.[1] ?? sha256Hex(code.ImageUri);
    return right({ packageType, codeSha256: digest, codeSizeBytes: 0, imageUri: code.ImageUri });
  }
  const location = `s3://${code.S3Bucket ?? ''}/${code.S3Key ?? ''}${code.S3ObjectVersion === undefined ? '' : `?versionId=${code.S3ObjectVersion}`}`;
  return right({ packageType, codeSha256: codeSha256(utf8Bytes(location)), codeSizeBytes: 0 });
}
