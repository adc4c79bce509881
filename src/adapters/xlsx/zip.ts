/**
 * Reading the zip container of .xlsx/.ods files (APPNOTE 6.3): the central directory
 * (ZIP64 too), then one part at a time. Part names are matched case-insensitively, as
 * ECMA-376 Part 2 says. Every part read is checked against its CRC-32 and declared size,
 * and inflating stops at a cap so a small file cannot expand into gigabytes. Inflate and
 * CRC-32 are injected (Node's zlib, or pako in the browser).
 */

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipError extends Error {}

/** Raw deflate and CRC-32, from Node's zlib or from pako. */
export interface ZipCodec {
  /** Inflate raw deflate data, producing at most `maxBytes` (throw beyond). */
  inflateRaw(data: Uint8Array, maxBytes: number): Uint8Array;
  crc32(data: Uint8Array): number;
}

export interface ZipArchive {
  /** Entries by lower-cased name. */
  entries: Map<string, ZipEntry>;
  bytes: Uint8Array;
}

const u16 = (b: Uint8Array, i: number) => b[i] | (b[i + 1] << 8);
const u32 = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
const u64 = (b: Uint8Array, i: number) => u32(b, i) + u32(b, i + 4) * 0x1_0000_0000;

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_EOCD64_LOCATOR = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const MB = 1048576;

function need(bytes: Uint8Array, end: number, what: string): void {
  if (end > bytes.length) throw new ZipError(`${what} nằm ngoài tệp (tệp bị cắt hoặc hỏng)`);
}

/** Where the central directory is and how many entries it has, from the end records (ZIP64 when flagged). */
function endOfDirectory(bytes: Uint8Array): { count: number; offset: number } {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65557); i--) {
    if (u32(bytes, i) === SIG_EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("không tìm thấy mục lục của tệp nén (tệp bị cắt hoặc hỏng)");
  let count = u16(bytes, eocd + 10);
  let offset = u32(bytes, eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || u32(bytes, eocd + 12) === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || u32(bytes, loc) !== SIG_EOCD64_LOCATOR) throw new ZipError("mục lục ZIP64 không có bản ghi định vị");
    const rec = u64(bytes, loc + 8);
    need(bytes, rec + 56, "mục lục ZIP64");
    if (u32(bytes, rec) !== SIG_EOCD64) throw new ZipError("mục lục ZIP64 bị hỏng");
    count = u64(bytes, rec + 32);
    offset = u64(bytes, rec + 48);
  }
  return { count, offset };
}

/** The ZIP64 extended information extra field (0x0001) fills in the fields the central record marks 0xFFFFFFFF. */
function zip64Fields(bytes: Uint8Array, start: number, end: number, e: ZipEntry): void {
  for (let p = start; p + 4 <= end; ) {
    const id = u16(bytes, p);
    const len = u16(bytes, p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      const take = () => {
        if (q + 8 > p + 4 + len) throw new ZipError(`phần "${e.name}": trường ZIP64 thiếu dữ liệu`);
        const v = u64(bytes, q);
        q += 8;
        return v;
      };
      if (e.size === 0xffffffff) e.size = take();
      if (e.compressedSize === 0xffffffff) e.compressedSize = take();
      if (e.offset === 0xffffffff) e.offset = take();
      return;
    }
    p += 4 + len;
  }
  throw new ZipError(`phần "${e.name}" cần trường ZIP64 nhưng không có`);
}

export function openZip(bytes: Uint8Array, maxEntries = Infinity): ZipArchive {
  const { count, offset } = endOfDirectory(bytes);
  if (count > maxEntries) throw new ZipLimit(`tệp nén có ${count.toLocaleString("vi-VN")} phần, quá ${maxEntries.toLocaleString("vi-VN")}`);
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  let p = offset;
  for (let n = 0; n < count; n++) {
    need(bytes, p + 46, "mục lục tệp nén");
    if (u32(bytes, p) !== SIG_CENTRAL) throw new ZipError("mục lục tệp nén bị hỏng");
    const nameLen = u16(bytes, p + 28);
    const extraLen = u16(bytes, p + 30);
    const commentLen = u16(bytes, p + 32);
    need(bytes, p + 46 + nameLen + extraLen + commentLen, "mục lục tệp nén");
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)).replace(/\\/g, "/").replace(/^\//, "");
    const e: ZipEntry = {
      name,
      flags: u16(bytes, p + 8),
      method: u16(bytes, p + 10),
      crc: u32(bytes, p + 16),
      compressedSize: u32(bytes, p + 20),
      size: u32(bytes, p + 24),
      offset: u32(bytes, p + 42),
    };
    if (e.size === 0xffffffff || e.compressedSize === 0xffffffff || e.offset === 0xffffffff) {
      zip64Fields(bytes, p + 46 + nameLen, p + 46 + nameLen + extraLen, e);
    }
    const key = name.toLowerCase();
    if (entries.has(key)) throw new ZipError(`tệp nén có hai phần cùng tên "${name}"`);
    entries.set(key, e);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { entries, bytes };
}

/** An entry by its part name, in any case. */
export function entryOf(zip: ZipArchive, name: string): ZipEntry | undefined {
  return zip.entries.get(name.toLowerCase());
}

/** A limit of the reader was passed (the message names it). */
export class ZipLimit extends Error {}

/** One part's bytes: inflated under `maxBytes`, its size and CRC-32 checked. */
export function readEntry(zip: ZipArchive, e: ZipEntry, codec: ZipCodec, maxBytes: number): Uint8Array {
  const { bytes } = zip;
  if (e.size > maxBytes) {
    throw new ZipLimit(`phần "${e.name}" giải nén ra ${Math.round(e.size / MB)} MB, vượt giới hạn ${Math.round(maxBytes / MB)} MB`);
  }
  if (e.flags & 1) throw new ZipError(`phần "${e.name}" được mã hoá (tệp nén có mật khẩu)`);
  need(bytes, e.offset + 30, `phần "${e.name}"`);
  if (u32(bytes, e.offset) !== SIG_LOCAL) throw new ZipError(`phần "${e.name}" của tệp nén bị hỏng`);
  const start = e.offset + 30 + u16(bytes, e.offset + 26) + u16(bytes, e.offset + 28);
  if (start + e.compressedSize > bytes.length) throw new ZipError(`phần "${e.name}" bị cắt ngắn (tệp không đầy đủ)`);
  const data = bytes.subarray(start, start + e.compressedSize);
  let out: Uint8Array;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      out = codec.inflateRaw(data, maxBytes);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      if (/output length|buffer|maxOutputLength/i.test(msg)) {
        throw new ZipLimit(`phần "${e.name}" giải nén vượt giới hạn ${Math.round(maxBytes / MB)} MB (tệp có thể là "bom nén")`);
      }
      throw new ZipError(`phần "${e.name}" không giải nén được (${msg})`);
    }
  } else throw new ZipError(`phần "${e.name}" dùng kiểu nén ${e.method} không hỗ trợ`);
  if (out.length !== e.size) {
    throw new ZipError(`phần "${e.name}" giải nén ra ${out.length} byte, khác ${e.size} byte ghi trong mục lục (tệp bị hỏng)`);
  }
  if (codec.crc32(out) >>> 0 !== e.crc) throw new ZipError(`phần "${e.name}" bị hỏng (mã kiểm tra CRC-32 không khớp)`);
  return out;
}
