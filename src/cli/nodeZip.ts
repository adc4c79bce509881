/** Node's zlib as the zip codec: inflate with its output capped, deflate for writing, native CRC-32. */
import { constants, crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { ZipCodec } from "../adapters/xlsx/zip";
import type { DeflateCodec } from "../adapters/xlsx/zipWrite";

export const nodeZip: ZipCodec & DeflateCodec = {
  inflateRaw: (data, maxBytes) => new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes })),
  // The fastest level: a consolidated workbook is written sooner for a file somewhat larger.
  deflateRaw: (data) => new Uint8Array(deflateRawSync(data, { level: constants.Z_BEST_SPEED })),
  crc32: (data) => crc32(data),
};
