/**
 * Reading an .xlsx the lean way: only sheet names, shared strings and cell values
 * (formulas as their cached results), straight from the XML. An order of magnitude
 * less work than building exceljs's object model, which the merge does not need.
 *
 * Built for files from strangers: scanning is linear (indexOf, never a backtracking
 * pattern over a whole part), a DOCTYPE is refused (no entity expansion, no external
 * entities), only the five XML entities and character references are decoded, every
 * part's inflated size is capped, and rows/columns are limited where they hold values.
 * Anything it does not understand raises LeanReadUnsupported and the caller falls back
 * to exceljs.
 */
import type { RawSheet, RawValue, RawWorkbook } from "../../workbook/grid";
import { fontEncoding } from "../../core/legacyEncoding";
import { columnNumber } from "../../core/problems";
import { SHEETS } from "../../workbook/layout";
import { listEntries, readEntry, type InflateRaw, type ZipEntry, ZipError } from "./zip";

export class LeanReadUnsupported extends Error {}
export class LimitExceeded extends Error {}
/** A file built to attack its reader (DOCTYPE, odd paths): refused, with the reason. */
export class HostileFile extends Error {}

export interface LeanLimits {
  /** Largest inflated sheet or shared-strings part (bytes). */
  maxPartBytes: number;
  /** Largest inflated workbook or relationships part (bytes). */
  maxSmallPartBytes: number;
  /** Rows and columns beyond which a value may not stand. */
  maxRows: number;
  maxCols: number;
  /** Entries in the zip. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: LeanLimits = {
  maxPartBytes: 50 * 1024 * 1024,
  maxSmallPartBytes: 2 * 1024 * 1024,
  maxRows: 100_000,
  maxCols: 1_000,
  maxEntries: 10_000,
};

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  if (text.indexOf("&") < 0 && text.indexOf("_x") < 0) return text;
  return text
    .replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|lt|gt|amp|quot|apos);/g, (_, e: string) => {
      if (e[0] !== "#") return ENTITY[e];
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    })
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A forward-only scanner over one XML part, with the part's namespace prefix. */
class Scanner {
  pos = 0;
  constructor(readonly xml: string, readonly p: string) {}

  /** Next element `name` from the current position: its attributes, inner text (null when empty/self-closing) and end. */
  next(name: string, limit = this.xml.length): { attrs: string; inner: string | null } | null {
    const open = `<${this.p}${name}`;
    for (;;) {
      const start = this.xml.indexOf(open, this.pos);
      if (start < 0 || start >= limit) return null;
      const after = this.xml.charCodeAt(start + open.length);
      // Whole name only: "<c" must not match "<cols".
      if (after !== 32 && after !== 62 && after !== 47 && after !== 9 && after !== 10 && after !== 13) {
        this.pos = start + open.length;
        continue;
      }
      const tagEnd = this.xml.indexOf(">", start);
      if (tagEnd < 0 || tagEnd >= limit) throw new ZipError(`XML hỏng: thẻ <${name}> không đóng`);
      const attrs = this.xml.slice(start + open.length, tagEnd);
      if (this.xml.charCodeAt(tagEnd - 1) === 47) {
        this.pos = tagEnd + 1;
        return { attrs, inner: null };
      }
      const close = this.xml.indexOf(`</${this.p}${name}>`, tagEnd);
      if (close < 0 || close >= limit) throw new ZipError(`XML hỏng: thiếu </${name}>`);
      this.pos = close + name.length + this.p.length + 3;
      return { attrs, inner: this.xml.slice(tagEnd + 1, close) };
    }
  }
}

/** Every `name` element of a part (or of an element's inner text), in order. */
function* elements(xml: string, p: string, name: string): Generator<{ attrs: string; inner: string | null }> {
  const s = new Scanner(xml, p);
  for (let e = s.next(name); e; e = s.next(name)) yield e;
}

function prefixOf(xml: string, root: string): string {
  const m = xml.slice(0, 4096).match(new RegExp(`<(\\w+:)?${root}[\\s>]`));
  return m?.[1] ?? "";
}

/** Text of the <t> runs of a string item; phonetic runs (<rPh>) left out. */
function runsText(inner: string, p: string): string {
  let body = inner;
  const rph = `<${p}rPh`;
  const rphEnd = `</${p}rPh>`;
  if (body.includes(rph)) {
    let kept = "";
    let pos = 0;
    for (;;) {
      const i = body.indexOf(rph, pos);
      if (i < 0) {
        kept += body.slice(pos);
        break;
      }
      kept += body.slice(pos, i);
      const j = body.indexOf(rphEnd, i);
      if (j < 0) break;
      pos = j + rphEnd.length;
    }
    body = kept;
  }
  let out = "";
  for (const t of elements(body, p, "t")) out += t.inner ?? "";
  return decode(out);
}

function attr(attrs: string, name: string): string | null {
  const spaced = " " + attrs.replace(/[\t\r\n]/g, " ");
  const key = ` ${name}="`;
  const i = spaced.indexOf(key);
  if (i < 0) return null;
  const start = i + key.length;
  const end = spaced.indexOf('"', start);
  return end < 0 ? null : decode(spaced.slice(start, end));
}

function rowNumber(ref: string): number {
  const m = ref.match(/\d+$/);
  return m ? Number(m[0]) : 0;
}

/** Cell formats (xf index) set in a legacy Vietnamese font, with the font's name. */
function legacyFormats(xml: string | null): Map<number, string> {
  const out = new Map<number, string>();
  if (!xml) return out;
  const p = prefixOf(xml, "styleSheet");
  const fontsPart = new Scanner(xml, p).next("fonts");
  const names = [...elements(fontsPart?.inner ?? "", p, "font")].map((f) => {
    const name = f.inner ? new Scanner(f.inner, p).next("name") : null;
    return name ? attr(name.attrs, "val") ?? "" : "";
  });
  const xfsPart = new Scanner(xml, p).next("cellXfs");
  [...elements(xfsPart?.inner ?? "", p, "xf")].forEach((xf, i) => {
    const font = names[Number(attr(xf.attrs, "fontId") ?? -1)];
    if (fontEncoding(font)) out.set(i, font);
  });
  return out;
}

function parseSheet(xml: string, strings: string[], limits: LeanLimits, sheetName: string, legacy: Map<number, string>): RawSheet {
  const p = prefixOf(xml, "worksheet");
  const rows: RawValue[][] = [];
  const legacyFonts: Record<string, string> = {};
  const sheet = new Scanner(xml, p);
  const data = sheet.next("sheetData");
  if (!data || data.inner === null) return { name: sheetName, rows };
  let rowNo = 0;
  for (const row of elements(data.inner, p, "row")) {
    const r = attr(row.attrs, "r");
    rowNo = r ? Number(r) : rowNo + 1;
    if (!row.inner) continue;
    const cells: RawValue[] = [];
    let colNo = 0;
    for (const c of elements(row.inner, p, "c")) {
      const ref = attr(c.attrs, "r");
      colNo = ref ? columnNumber(ref) : colNo + 1;
      if (!c.inner) continue;
      const type = attr(c.attrs, "t") ?? "n";
      const vs = new Scanner(c.inner, p);
      const v = vs.next("v")?.inner ?? undefined;
      let value: RawValue = null;
      if (type === "inlineStr") {
        const is = new Scanner(c.inner, p).next("is");
        value = is?.inner ? runsText(is.inner, p) : "";
      } else if (v === undefined) value = null;
      else if (type === "s") value = strings[Number(v)] ?? null;
      else if (type === "str" || type === "e") value = decode(v);
      else if (type === "b") value = v === "1";
      else if (type === "n") {
        const n = Number(v);
        if (!Number.isFinite(n)) throw new LeanReadUnsupported(`số "${v}"`);
        value = n;
      } else throw new LeanReadUnsupported(`kiểu ô "${type}"`);
      if (value === null || value === "") continue;
      if (legacy.size > 0 && typeof value === "string") {
        const font = legacy.get(Number(attr(c.attrs, "s") ?? -1));
        if (font) legacyFonts[`${rowNo - 1},${colNo - 1}`] = font;
      }
      const at = ref ? rowNumber(ref) || rowNo : rowNo;
      if (at > limits.maxRows) throw new LimitExceeded(`trang "${sheetName}" có dữ liệu ở dòng ${at.toLocaleString("vi-VN")}, quá ${limits.maxRows.toLocaleString("vi-VN")} dòng`);
      if (colNo > limits.maxCols) throw new LimitExceeded(`trang "${sheetName}" có dữ liệu ở cột thứ ${colNo.toLocaleString("vi-VN")}, quá ${limits.maxCols.toLocaleString("vi-VN")} cột`);
      cells[colNo - 1] = value;
    }
    if (cells.length === 0) continue;
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNo - 1] = cells;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return Object.keys(legacyFonts).length > 0 ? { name: sheetName, rows, legacyFonts } : { name: sheetName, rows };
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsOf(xml: string): Array<{ id: string; type: string; target: string }> {
  return [...elements(xml, prefixOf(xml, "Relationships"), "Relationship")].map((r) => ({
    id: attr(r.attrs, "Id") ?? "",
    type: attr(r.attrs, "Type") ?? "",
    target: attr(r.attrs, "Target") ?? "",
  }));
}

/** Names a real workbook never has: absolute paths, "..", drive letters, NUL. */
function oddEntry(name: string): boolean {
  return name.split("/").some((seg) => seg === "..") || /^[a-zA-Z]:/.test(name) || name.includes("\u0000");
}

/** Raw values of a workbook, reading only what the plan reader needs. */
export function leanReadXlsx(bytes: Uint8Array, inflate: InflateRaw, limits: LeanLimits = DEFAULT_LIMITS): RawWorkbook {
  const entries = listEntries(bytes);
  if (entries.size > limits.maxEntries) throw new LimitExceeded(`tệp nén có ${entries.size.toLocaleString("vi-VN")} phần, quá ${limits.maxEntries.toLocaleString("vi-VN")}`);
  const odd = [...entries.keys()].find(oddEntry);
  if (odd !== undefined) throw new HostileFile(`tệp nén chứa đường dẫn bất thường "${odd.slice(0, 80)}"`);
  const decoder = new TextDecoder();
  const text = (name: string, max: number): string | null => {
    const e: ZipEntry | undefined = entries.get(name);
    if (!e) return null;
    const xml = decoder.decode(readEntry(bytes, e, inflate, max));
    if (xml.slice(0, 2048).includes("<!DOCTYPE") || xml.includes("<!ENTITY")) {
      throw new HostileFile(`phần "${name}" có khai báo DOCTYPE/ENTITY — sổ Excel thật không có; có thể là tệp tấn công XML`);
    }
    return xml;
  };
  const small = limits.maxSmallPartBytes;
  const root = relsOf(text("_rels/.rels", small) ?? "").find((r) => r.type.endsWith("/officeDocument"));
  const wbPath = root ? resolveTarget("", root.target) : "xl/workbook.xml";
  const wbXml = text(wbPath, small);
  if (wbXml === null) throw new ZipError("không có phần workbook.xml (không phải sổ tính Excel)");
  if (wbXml.includes("purl.oclc.org/ooxml")) throw new LeanReadUnsupported("Strict Open XML");
  const relsPath = `${wbPath.split("/").slice(0, -1).join("/")}/_rels/${wbPath.split("/").pop()}.rels`;
  const rels = relsOf(text(relsPath, small) ?? "");
  const sstRel = rels.find((r) => r.type.endsWith("/sharedStrings"));
  const sstXml = sstRel ? text(resolveTarget(wbPath, sstRel.target), limits.maxPartBytes) : null;
  const sstPrefix = sstXml ? prefixOf(sstXml, "sst") : "";
  const strings = [...elements(sstXml ?? "", sstPrefix, "si")].map((si) => (si.inner ? runsText(si.inner, sstPrefix) : ""));
  const stylesRel = rels.find((r) => r.type.endsWith("/styles"));
  const legacy = legacyFormats(stylesRel ? text(resolveTarget(wbPath, stylesRel.target), limits.maxSmallPartBytes) : null);
  const sheets = [...elements(wbXml, prefixOf(wbXml, "workbook"), "sheet")].map((sh) => ({
    name: attr(sh.attrs, "name") ?? "",
    rid: attr(sh.attrs, "r:id") ?? sh.attrs.match(/\s\w+:id="([^"]*)"/)?.[1] ?? "",
  }));
  return {
    sheets: sheets
      .filter((s) => s.name !== SHEETS.lists)
      .map((s) => {
        const rel = rels.find((r) => r.id === s.rid);
        const xml = rel ? text(resolveTarget(wbPath, rel.target), limits.maxPartBytes) : null;
        return xml === null ? { name: s.name, rows: [] } : parseSheet(xml, strings, limits, s.name, legacy);
      }),
  };
}
