/**
 * Writing the zip container of an .xlsx (APPNOTE 6.3): each part streamed in as pieces,
 * deflated piece by piece as it comes (only compressed bytes are kept, never a part's whole
 * text, and only until the part ends), handed on to `out` part by part, then the central
 * directory. Parts never need ZIP64 (a file over 4 GB is refused).
 * Deflate and CRC-32 are injected: Node's zlib on the command line, pako in the browser.
 */

/** One raw-deflate stream, fed in pieces: what each piece compresses to, at once. */
export interface Deflater {
  /** Compress a piece; `last` ends the stream. */
  push(data: Uint8Array, last: boolean): Uint8Array[];
}

export interface DeflateCodec {
  deflater(): Deflater;
  /** CRC-32 of `data`, continuing from `prev` (the CRC of what came before). */
  crc32(data: Uint8Array, prev?: number): number;
}

/** A part being written: its pieces in order, then end(). */
export interface PartWriter {
  write(data: Uint8Array): void;
  end(): void;
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
  private readonly entries: Written[] = [];
  private offset = 0;
  private readonly stamp: { time: number; date: number };
  private readonly encoder = new TextEncoder();

  /** `out` gets the file's bytes in order, a part's as soon as it ends (a file on disk, or `collect`). */
  constructor(private readonly codec: DeflateCodec, private readonly out: (bytes: Uint8Array) => void, modified = new Date()) {
    this.stamp = dosTime(modified);
  }

  /** Start a part; its pieces are deflated as they are written, and only the result is kept. */
  begin(name: string): PartWriter {
    const deflater = this.codec.deflater();
    const body: Uint8Array[] = [];
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const keep = (out: Uint8Array[]) => {
      for (const b of out) {
        body.push(b);
        compressed += b.length;
      }
    };
    return {
      write: (data) => {
        if (data.length === 0) return;
        crc = this.codec.crc32(data, crc);
        size += data.length;
        if (size >= LIMIT) throw new RangeError(`phần "${name}" quá lớn để ghi`);
        keep(deflater.push(data, false));
      },
      end: () => {
        keep(deflater.push(new Uint8Array(0), true));
        this.entry(name, crc >>> 0, size, body, compressed);
      },
    };
  }

  /** Add one part whole. */
  add(name: string, data: Uint8Array): void {
    const part = this.begin(name);
    part.write(data);
    part.end();
  }

  private entry(name: string, crc: number, size: number, body: Uint8Array[], compressedSize: number): void {
    const entry: Written = { name: this.encoder.encode(name), crc, method: 8, compressedSize, size, offset: this.offset };
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
    for (const b of body) this.push(b);
    this.entries.push(entry);
  }

  private push(b: Uint8Array): void {
    this.offset += b.length;
    if (this.offset >= LIMIT) throw new RangeError("tệp .xlsx vượt 4 GB");
    this.out(b);
  }

  /** The central directory: the file is complete. */
  finish(): void {
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
  }
}

/** A sink for ZipWriter that keeps the pieces, and the whole file made of them. */
export function collect(): { out: (bytes: Uint8Array) => void; bytes: () => Uint8Array } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  return {
    out: (b) => {
      chunks.push(b);
      size += b.length;
    },
    bytes: () => concat(chunks, size),
  };
}

/** Pieces of `size` bytes in all, as one array. */
export function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const whole = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    whole.set(c, at);
    at += c.length;
  }
  return whole;
}
