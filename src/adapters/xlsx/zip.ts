/**
 * A minimal zip reader for .xlsx: the central directory, then one entry at a time.
 * Inflating is injected (Node's zlib, or the browser's), with a cap on the inflated
 * size so that a small file cannot expand into gigabytes.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipError extends Error {}

/** Inflate raw deflate data, producing at most `maxBytes` (throw beyond). */
export type InflateRaw = (data: Uint8Array, maxBytes: number) => Uint8Array;

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

export function listEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  // End of central directory: last 22..65557 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (u32(bytes, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("không tìm thấy mục lục của tệp nén (tệp bị cắt hoặc hỏng)");
  const count = u16(bytes, eocd + 10);
  let p = u32(bytes, eocd + 16);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) throw new ZipError("mục lục tệp nén bị hỏng");
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, "/").replace(/^\//, "");
    entries.set(name, {
      name,
      method: u16(bytes, p + 10),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export function readEntry(bytes: Uint8Array, e: ZipEntry, inflate: InflateRaw, maxBytes: number): Uint8Array {
  if (e.size > maxBytes) throw new ZipError(`phần "${e.name}" giải nén ra ${Math.round(e.size / 1048576)} MB, vượt giới hạn ${Math.round(maxBytes / 1048576)} MB`);
  if (u32(bytes, e.offset) !== 0x04034b50) throw new ZipError(`phần "${e.name}" của tệp nén bị hỏng`);
  const start = e.offset + 30 + u16(bytes, e.offset + 26) + u16(bytes, e.offset + 28);
  const data = bytes.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw new ZipError(`phần "${e.name}" bị cắt ngắn (tệp không đầy đủ)`);
  if (e.method === 0) return data;
  if (e.method !== 8) throw new ZipError(`phần "${e.name}" dùng kiểu nén ${e.method} không hỗ trợ`);
  try {
    return inflate(data, maxBytes);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    if (/output length|buffer|maxOutputLength/i.test(msg)) {
      throw new ZipError(`phần "${e.name}" giải nén vượt giới hạn ${Math.round(maxBytes / 1048576)} MB (tệp có thể là "bom nén")`);
    }
    throw new ZipError(`phần "${e.name}" không giải nén được (${msg})`);
  }
}
