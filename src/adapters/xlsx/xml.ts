/**
 * Every XML part of a workbook is read by a conformant parser: ./xmlScan, a checking scanner for
 * the common shape of workbook parts (2× faster; its header says why it exists and what it
 * takes), and saxes (the parser exceljs uses) for every other document: CDATA, comments,
 * processing instructions, either quote, character and predefined entity references, namespace
 * prefixes. The bytes are decoded by their BOM or declaration (UTF-8, UTF-16), strictly, so the
 * text never holds a lone surrogate. Malformed XML refuses the file, naming the part; a DOCTYPE
 * is refused outright (no entity is ever declared, expanded or fetched).
 */
import { SaxesParser } from "saxes";
import { DoctypeFound, NotWellFormed, scannable, scanXml } from "./xmlScan";

/** A part that is not well-formed XML (the message names the part). */
export class MalformedPart extends Error {
  constructor(readonly part: string, detail: string) {
    super(`phần "${part}" không phải XML hợp lệ (${detail})`);
    this.name = "MalformedPart";
  }
}

/** A file built to attack its reader (DOCTYPE, odd paths): refused, with the reason. */
export class HostileFile extends Error {}

export interface XmlHandler {
  /** An element opens; names and attribute names without their namespace prefix. */
  open(name: string, attrs: Readonly<Record<string, string>>): void;
  /** Character data, CDATA included. */
  text?(text: string): void;
  close?(name: string): void;
}

const local = (name: string) => {
  const i = name.indexOf(":");
  return i < 0 ? name : name.slice(i + 1);
};

const doctype = (part: string) => new HostileFile(`phần "${part}" có khai báo DOCTYPE/ENTITY — sổ Excel thật không có; có thể là tệp tấn công XML`);

/** One decoder per encoding, made once (each part was making its own). */
const DECODERS = new Map<string, InstanceType<typeof TextDecoder>>();

/** The text of a part, by its byte-order mark or its declared encoding. */
export function decodePart(bytes: Uint8Array, part: string): string {
  let encoding = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) encoding = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) encoding = "utf-16be";
  else if (bytes[0] === 0x3c && bytes[1] === 0x00) encoding = "utf-16le";
  else if (bytes[0] === 0x00 && bytes[1] === 0x3c) encoding = "utf-16be";
  else if (bytes[0] === 0x3c && bytes[1] === 0x3f && bytes[2] === 0x78 && bytes[3] === 0x6d && bytes[4] === 0x6c) {
    // "<?xml": the declaration (up to its ">", within 200 bytes) may name the encoding.
    let head = "";
    for (let i = 0; i < Math.min(bytes.length, 200); i++) {
      head += String.fromCharCode(bytes[i]);
      if (bytes[i] === 0x3e) break;
    }
    const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
    if (declared) encoding = declared.toLowerCase();
  }
  let decoder = DECODERS.get(encoding);
  if (!decoder) {
    try {
      decoder = new TextDecoder(encoding, { fatal: true });
    } catch {
      throw new MalformedPart(part, `bảng mã "${encoding}" không hỗ trợ`);
    }
    DECODERS.set(encoding, decoder);
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new MalformedPart(part, `có byte không hợp lệ trong bảng mã ${encoding.toUpperCase()}`);
  }
}

/** Parse one part, calling `h` for each element and its text. */
export function parseXml(bytes: Uint8Array, part: string, h: XmlHandler): void {
  parseXmlText(decodePart(bytes, part), part, h);
}

/** Parse a part's text: by ./xmlScan when it takes the document, else by saxes. */
export function parseXmlText(text: string, part: string, h: XmlHandler): void {
  const start = scannable(text);
  if (start < 0) {
    saxesParse(text, part, h);
    return;
  }
  try {
    scanXml(text, start, h);
  } catch (e) {
    if (e instanceof NotWellFormed) throw new MalformedPart(part, e.message);
    if (e instanceof DoctypeFound) throw doctype(part);
    throw e;
  }
}

/** Parse a part's text with saxes (every document ./xmlScan does not take). */
export function saxesParse(text: string, part: string, h: XmlHandler): void {
  const parser = new SaxesParser({ position: false });
  parser.on("doctype", () => {
    throw doctype(part);
  });
  // Whether the element has a prefixed attribute or a namespace declaration, noted as saxes reads
  // each attribute: going through each tag's attributes afterwards (saxes keeps them in an object
  // without prototype, which V8 holds as a dictionary) was a tenth of reading a small workbook.
  let prefixed = false;
  parser.on("attribute", ({ name }) => {
    if (name.includes(":") || name === "xmlns") prefixed = true;
  });
  parser.on("opentag", (tag) => {
    const attrs = tag.attributes as Record<string, string>;
    if (!prefixed) {
      h.open(local(tag.name), attrs);
      return;
    }
    prefixed = false;
    // Without a prototype, as saxes's own: an attribute named __proto__ is kept like any other.
    const plain = Object.create(null) as Record<string, string>;
    for (const k in attrs) if (k !== "xmlns" && !k.startsWith("xmlns:")) plain[local(k)] = attrs[k];
    h.open(local(tag.name), plain);
  });
  if (h.text) {
    const onText = h.text.bind(h);
    parser.on("text", onText);
    parser.on("cdata", onText);
  }
  if (h.close) {
    const onClose = h.close.bind(h);
    parser.on("closetag", (tag) => onClose(local(tag.name)));
  }
  try {
    parser.write(text).close();
  } catch (e) {
    // saxes reports a part that is not well-formed with a plain Error; what the handlers throw
    // (limits, hostile content, damaged values) has its own class and passes through.
    if (e instanceof Error && e.constructor === Error) throw new MalformedPart(part, e.message.replace(/^undefined:/, ""));
    throw e;
  }
}
