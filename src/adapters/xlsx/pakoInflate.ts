/**
 * Raw inflate in pure JavaScript (pako), streamed in chunks and stopped as soon as the
 * output passes the cap: the browser's inflater for the lean reader, so a zip bomb
 * opened in the task pane is refused like on the command line.
 */
import { Inflate } from "pako";
import type { InflateRaw } from "./zip";

export const pakoInflate: InflateRaw = (data, maxBytes) => {
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
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
