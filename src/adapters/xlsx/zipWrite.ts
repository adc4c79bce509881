/**
 * Writing the zip container of an .xlsx (APPNOTE 6.3): each part deflated as it is added
 * (only its compressed bytes are kept), then the central directory. Parts are small enough
 * never to need ZIP64 (a part over 4 GB is refused). Deflate and CRC-32 are injected:
 * Node's zlib on the command line, pako in the browser.
 */

export interface DeflateCodec {
  /** Raw deflate (no zlib header). */
  deflateRaw(data: Uint8Array): Uint8Array;
  crc32(data: Uint8Array): number;
}

interface Written {
  name: Uint8Array;
  crc: number;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const LIMIT = 0xffff_ffff;

/** DOS date and time of a moment (local calendar, as zip tools show it). */
function dosTime(d: Date): { time: number; date: number } {
  const year = Math.max(1980, d.getFullYear());
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp: { time: number; date: number };
  private readonly encoder = new TextEncoder();

  constructor(private readonly codec: DeflateCodec, modified = new Date()) {
    this.stamp = dosTime(modified);
  }

  /** Add one part; its bytes are deflated now and only the result is kept. */
  add(name: string, data: Uint8Array): void {
    if (data.length >= LIMIT) throw new RangeError(`phần "${name}" quá lớn để ghi (${data.length} byte)`);
    const deflated = this.codec.deflateRaw(data);
    const stored = deflated.length >= data.length;
    const body = stored ? data : deflated;
    const entry: Written = {
      name: this.encoder.encode(name),
      crc: this.codec.crc32(data) >>> 0,
      method: stored ? 0 : 8,
      compressedSize: body.length,
      size: data.length,
      offset: this.offset,
    };
    const header = new Uint8Array(30 + entry.name.length);
    const v = new DataView(header.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint16(6, 0x0800, true); // names in UTF-8
    v.setUint16(8, entry.method, true);
    v.setUint16(10, this.stamp.time, true);
    v.setUint16(12, this.stamp.date, true);
    v.setUint32(14, entry.crc, true);
    v.setUint32(18, entry.compressedSize, true);
    v.setUint32(22, entry.size, true);
    v.setUint16(26, entry.name.length, true);
    v.setUint16(28, 0, true);
    header.set(entry.name, 30);
    this.push(header);
    this.push(body);
    this.entries.push(entry);
  }

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.offset += b.length;
    if (this.offset >= LIMIT) throw new RangeError("tệp .xlsx vượt 4 GB");
  }

  /** The whole file. */
  finish(): Uint8Array {
    const start = this.offset;
    for (const e of this.entries) {
      const h = new Uint8Array(46 + e.name.length);
      const v = new DataView(h.buffer);
      v.setUint32(0, 0x02014b50, true);
      v.setUint16(4, 20, true);
      v.setUint16(6, 20, true);
      v.setUint16(8, 0x0800, true);
      v.setUint16(10, e.method, true);
      v.setUint16(12, this.stamp.time, true);
      v.setUint16(14, this.stamp.date, true);
      v.setUint32(16, e.crc, true);
      v.setUint32(20, e.compressedSize, true);
      v.setUint32(24, e.size, true);
      v.setUint16(28, e.name.length, true);
      v.setUint32(42, e.offset, true);
      h.set(e.name, 46);
      this.push(h);
    }
    const end = new Uint8Array(22);
    const v = new DataView(end.buffer);
    v.setUint32(0, 0x06054b50, true);
    v.setUint16(8, this.entries.length, true);
    v.setUint16(10, this.entries.length, true);
    v.setUint32(12, this.offset - start, true);
    v.setUint32(16, start, true);
    this.push(end);
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    this.chunks.length = 0;
    return out;
  }
}
