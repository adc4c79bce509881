/** Node's zlib as the lean reader's inflater, with its output capped. */
import { inflateRawSync } from "node:zlib";
import type { InflateRaw } from "../adapters/xlsx/zip";

export const nodeInflate: InflateRaw = (data, maxBytes) => new Uint8Array(inflateRawSync(data, { maxOutputLength: maxBytes }));
