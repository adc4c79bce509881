/** Node's zlib as the zip codec: inflate with its output capped, native CRC-32. */
import { crc32, inflateRawSync } from "node:zlib";
import type { ZipCodec } from "../adapters/xlsx/zip";

export const nodeZip: ZipCodec = {
  inflateRaw: (data, maxBytes) => new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes })),
  crc32: (data) => crc32(data),
};
