/**
 * The browser's zip codec: raw inflate in pure JavaScript (pako), streamed in chunks and
 * stopped as soon as the output passes the cap, so a zip bomb opened in the task pane is
 * refused like on the command line; CRC-32 from pako's zlib port.
 */
import { Deflate, Inflate } from "pako";
// pako's own CRC-32, from the zlib port it inflates with (declared in src/types).
import crc32 from "pako/lib/zlib/crc32";
import type { ZipCodec } from "./zip";
import { concat, type DeflateCodec } from "./zipWrite";

/** CRC-32 of `data`, continuing from `prev` (reading checks a part whole; writing continues piece by piece). */
const crc = (data: Uint8Array, prev = 0) => crc32(prev, data, data.length, 0) >>> 0;

export const pakoZip: ZipCodec = {
  inflateRaw(data, maxBytes) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const inflater = new Inflate({ raw: true, chunkSize: 64 * 1024 });
    inflater.onData = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > maxBytes) throw new RangeError(`maxOutputLength ${maxBytes} exceeded`);
      chunks.push(chunk);
    };
    inflater.push(data, true);
    if (inflater.err) throw new Error(inflater.msg || "inflate error");
    return concat(chunks, total);
  },
  crc32: (data) => crc(data),
};

/** The browser's deflate for writing .xlsx files, one stream per part fed piece by piece (the fastest level). */
export const pakoDeflate: DeflateCodec = {
  deflater() {
    const deflate = new Deflate({ raw: true, level: 1 });
    let out: Uint8Array[] = [];
    deflate.onData = (chunk) => out.push(chunk as Uint8Array);
    return {
      push(data, last) {
        deflate.push(data, last ? true : 2 /* Z_SYNC_FLUSH */);
        if (deflate.err) throw new Error(deflate.msg || "deflate error");
        const done = out;
        out = [];
        return done;
      },
    };
  },
  crc32: crc,
};
