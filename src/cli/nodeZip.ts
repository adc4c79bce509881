/** Node's zlib as the zip codec: inflate with its output capped, deflate for writing (piece by piece), native CRC-32. */
import { constants, crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { ZipCodec } from "../adapters/xlsx/zip";
import type { DeflateCodec } from "../adapters/xlsx/zipWrite";

export const nodeZip: ZipCodec & DeflateCodec = {
  // A plain Uint8Array over zlib's own Buffer, not a copy: copying a part doubled the time its
  // inflating took (12 MB: 57 ms, not 16).
  inflateRaw: (data, maxBytes) => {
    const out = inflateRawSync(data, { maxOutputLength: maxBytes });
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  },
  // Each piece compressed on its own and ended by a sync flush (byte-aligned, not final), so the
  // pieces follow one another as one deflate stream; the fastest level: the deadline matters more
  // than the size.
  deflater: () => ({
    push: (data, last) => [new Uint8Array(deflateRawSync(data, { level: constants.Z_BEST_SPEED, finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH }))],
  }),
  crc32: (data: Uint8Array, prev?: number) => crc32(data, prev),
};
