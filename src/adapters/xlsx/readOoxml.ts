/**
 * Reading an Office Open XML workbook (.xlsx, .xlsm, .xltx, .xltm; transitional or strict)
 * as Excel shows it: sheet names and visibility, the date system, shared and inline strings
 * (rich runs joined, phonetic runs left out, `_xHHHH_` escapes decoded), number formats
 * (a date-formatted number is a date), booleans, error values, formulas as their cached
 * results (no cached result = no value, never 0), and cells covered by a merged range empty.
 *
 * Only the parts the plan reader needs are read, each through the conformant XML parser
 * (./xml) from the checked zip (./zip), under the limits below.
 */
import type { RawSheet, RawValue, RawWorkbook } from "../../workbook/grid";
import { cellError, isDateFormat, serialToDate } from "../../workbook/cellValues";
import { fontEncoding } from "../../core/legacyEncoding";
import { OUTPUT_SHEETS, SHEETS, STORE_SHEETS } from "../../workbook/layout";
import { entryOf, readEntry, type ZipArchive, type ZipCodec, ZipError } from "./zip";
import { HostileFile, MalformedPart, parseXml } from "./xml";
import { checkCell, clearMerged, DEFAULT_LIMITS, fillHoles, parseRef, tooLong, type ReadLimits } from "./sheetRules";


/** Formula text kept per cell (enough to tell which formula it is, never a whole huge one). */
const MAX_FORMULA_KEPT = 1000;

/** ST_Xstring escapes: `_x000D_` is a carriage return, `_x005F_` an underscore. */
function unescapeXstring(s: string): string {
  return s.indexOf("_x") < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const vi = (n: number) => n.toLocaleString("vi-VN");

export function resolveTarget(base: string, target: string): string {
  let t = target;
  try {
    t = decodeURIComponent(target);
  } catch {
    /* a target with a stray % is used as written */
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(t)) return ""; // external (http:, file:): never read
  if (t.startsWith("/")) return t.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of t.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

export interface Rel {
  id: string;
  type: string;
  target: string;
}

/** Text of string items (<si>, <is>): <t> runs joined, phonetic runs (<rPh>) left out. */
class RunText {
  private inT = false;
  private rph = 0;
  private buf = "";
  reset(): void {
    this.buf = "";
    this.inT = false;
    this.rph = 0;
  }
  open(name: string): void {
    if (name === "t") this.inT = this.rph === 0;
    else if (name === "rPh") this.rph++;
  }
  close(name: string): void {
    if (name === "t") this.inT = false;
    else if (name === "rPh") this.rph--;
  }
  text(t: string): void {
    if (this.inT) this.buf += t;
  }
  get value(): string {
    return unescapeXstring(this.buf);
  }
}

interface Styles {
  /** Cell formats (xf index) that show dates. */
  dates: boolean[];
  /** Cell formats set in a legacy Vietnamese font, with the font's name. */
  legacyFonts: Map<number, string>;
}

/** The relationships of a part (external ones left out). */
export function parseRels(bytes: Uint8Array, path: string): Rel[] {
  const out: Rel[] = [];
  parseXml(bytes, path, {
    open(name, a) {
      if (name === "Relationship" && a.TargetMode !== "External") out.push({ id: a.Id ?? "", type: a.Type ?? "", target: a.Target ?? "" });
    },
  });
  return out;
}

/** The workbook part: its sheets in order (name, relationship id, hidden) and its date system. */
export function parseWorkbookPart(bytes: Uint8Array, path: string): { sheets: Array<{ name: string; rid: string; hidden: boolean }>; date1904: boolean } {
  const sheets: Array<{ name: string; rid: string; hidden: boolean }> = [];
  let date1904 = false;
  parseXml(bytes, path, {
    open(name, a) {
      if (name === "sheet") sheets.push({ name: a.name ?? "", rid: a.id ?? "", hidden: a.state === "hidden" || a.state === "veryHidden" });
      else if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true";
    },
  });
  return { sheets, date1904 };
}

/** Where a part's relationships are: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPathOf(part: string): string {
  return `${part.split("/").slice(0, -1).join("/")}/_rels/${part.split("/").pop() ?? ""}.rels`.replace(/^\//, "");
}

/** The workbook part's path, from the package's root relationships (bytes of "_rels/.rels", if any). */
export function workbookPathOf(rootRels: Uint8Array | null): string {
  const root = rootRels ? parseRels(rootRels, "_rels/.rels").find((r) => r.type.endsWith("/officeDocument")) : undefined;
  return root ? resolveTarget("", root.target) : "xl/workbook.xml";
}

/**
 * Largest part of a consolidated workbook opened for its plan or store (see OoxmlReader.read): the
 * reader's worker thread, under its memory limit, is what bounds it then.
 */
export const CONSOLIDATED_PART_BYTES = 400 * 1024 * 1024;

export class OoxmlReader {
  private readonly text: (path: string, max: number) => Uint8Array | null;

  constructor(zip: ZipArchive, codec: ZipCodec, private readonly limits: ReadLimits = DEFAULT_LIMITS) {
    this.text = (path, max) => {
      const e = path ? entryOf(zip, path) : undefined;
      return e ? readEntry(zip, e, codec, max) : null;
    };
  }

  /** A part the workbook refers to: missing means the file is damaged, never an empty sheet. */
  private part(path: string, max: number, what: string): Uint8Array {
    const bytes = this.text(path, max);
    if (bytes === null) throw new ZipError(`thiếu phần "${path || "?"}" (${what}) mà sổ tính có nhắc đến`);
    return bytes;
  }

  private rels(path: string): Rel[] {
    const bytes = this.text(path, this.limits.maxSmallPartBytes);
    return bytes ? parseRels(bytes, path) : [];
  }

  /** The workbook part: where it is, its sheets and date system. */
  private workbook(): { wbPath: string } & ReturnType<typeof parseWorkbookPart> {
    const wbPath = workbookPathOf(this.text("_rels/.rels", this.limits.maxSmallPartBytes));
    const wbBytes = this.text(wbPath, this.limits.maxSmallPartBytes);
    if (wbBytes === null) throw new ZipError(`không có phần "${wbPath}" (không phải sổ tính Excel)`);
    return { wbPath, ...parseWorkbookPart(wbBytes, wbPath) };
  }

  /** The names of the workbook's sheets, in order, from its workbook part alone: no sheet is read. */
  sheetNames(): string[] {
    return this.workbook().sheets.map((s) => s.name);
  }

  /**
   * Every sheet's values but our "Danh mục"; `planOnly`: in a consolidated workbook (one with the
   * hidden store), not its output-only reports either (layout's OUTPUT_SHEETS), which no plan and
   * no store is read from, and its store's sheets and its shared texts up to CONSOLIDATED_PART_BYTES:
   * once Excel or LibreOffice has saved it (the officer's corrections to Phụ lục 1), every text of its
   * store is in the table of shared texts (a national roll-up's: 158 MB). Its other sheets keep the
   * reader's limit. For files the user names as a plan or an earlier consolidation only, never for
   * submissions (any file may have a sheet of that name).
   */
  read(planOnly = false): RawWorkbook {
    const { wbPath, sheets: all, date1904 } = this.workbook();
    const consolidated = planOnly && all.some((s) => s.name === SHEETS.store);
    const sheets = consolidated ? all.filter((s) => !OUTPUT_SHEETS.includes(s.name)) : all;
    const storeMax = consolidated ? Math.max(this.limits.maxPartBytes, CONSOLIDATED_PART_BYTES) : this.limits.maxPartBytes;
    const relsPath = relsPathOf(wbPath);
    if (sheets.length > 0) this.part(relsPath, this.limits.maxSmallPartBytes, "quan hệ giữa các phần");
    const rels = this.rels(relsPath);
    const sstRel = rels.find((r) => r.type.endsWith("/sharedStrings"));
    const strings = sstRel ? this.sharedStrings(resolveTarget(wbPath, sstRel.target), storeMax) : [];
    const stylesRel = rels.find((r) => r.type.endsWith("/styles"));
    const styles = this.styles(stylesRel ? resolveTarget(wbPath, stylesRel.target) : "");
    return {
      sheets: sheets
        .filter((s) => s.name !== SHEETS.lists)
        .map((s) => {
          const rel = rels.find((r) => r.id === s.rid);
          const path = rel ? resolveTarget(wbPath, rel.target) : "";
          const bytes = this.part(path, consolidated && STORE_SHEETS.includes(s.name) ? storeMax : this.limits.maxPartBytes, `trang "${s.name}"`);
          const sheet = this.sheet(bytes, path, s.name, strings, styles, date1904);
          return s.hidden ? { ...sheet, hidden: true } : sheet;
        }),
    };
  }

  private sharedStrings(path: string, max: number): string[] {
    const bytes = this.part(path, max, "bảng chuỗi dùng chung");
    const out: string[] = [];
    const run = new RunText();
    const limits = this.limits;
    parseXml(bytes, path, {
      open(name) {
        if (name === "si") run.reset();
        else run.open(name);
      },
      text: (t) => run.text(t),
      close(name) {
        if (name === "si") {
          const s = run.value;
          if (s.length > limits.maxCellChars) throw tooLong(`chuỗi thứ ${vi(out.length + 1)} của "${path}"`, s.length, limits);
          out.push(s);
        } else run.close(name);
      },
    });
    return out;
  }

  private styles(path: string): Styles {
    const styles: Styles = { dates: [], legacyFonts: new Map() };
    if (!path) return styles;
    const bytes = this.part(path, this.limits.maxSmallPartBytes, "định dạng ô");
    const codes = new Map<number, string>();
    const fonts: string[] = [];
    let parent = "";
    let inFont = false;
    let xf = 0;
    parseXml(bytes, path, {
      open(name, a) {
        switch (name) {
          case "numFmt":
            codes.set(Number(a.numFmtId), a.formatCode ?? "");
            break;
          case "fonts":
          case "cellXfs":
          case "cellStyleXfs":
          case "dxfs":
            parent = name;
            break;
          case "font":
            if (parent === "fonts") {
              inFont = true;
              fonts.push("");
            }
            break;
          case "name":
            if (inFont) fonts[fonts.length - 1] = a.val ?? "";
            break;
          case "xf":
            if (parent === "cellXfs") {
              const id = Number(a.numFmtId ?? 0);
              styles.dates[xf] = isDateFormat(id, codes.get(id));
              const font = fonts[Number(a.fontId ?? -1)];
              if (fontEncoding(font)) styles.legacyFonts.set(xf, font);
              xf++;
            }
            break;
        }
      },
      close(name) {
        if (name === "font") inFont = false;
        else if (name === parent) parent = "";
      },
    });
    return styles;
  }

  private sheet(bytes: Uint8Array, path: string, sheetName: string, strings: readonly string[], styles: Styles, date1904: boolean): RawSheet {
    const limits = this.limits;
    const rows: RawValue[][] = [];
    const legacyFonts: Record<string, string> = {};
    const formulas: Record<string, string> = {};
    let hasFormulas = false;
    let f: string | null = null;
    const merges: string[] = [];
    const hiddenRows: number[] = [];
    let inData = false;
    let rowNo = 0;
    let cells: RawValue[] = [];
    // The cell being read.
    let colNo = 0;
    let ref = "";
    let type = "n";
    let style = 0;
    let v: string | null = null;
    let target: "v" | "is" | "f" | null = null;
    let hasInline = false;
    const run = new RunText();
    const malformed = (detail: string) => new MalformedPart(path, `ô ${ref || `dòng ${rowNo}`}: ${detail}`);

    const endCell = () => {
      if (f !== null) {
        formulas[`${rowNo - 1},${colNo - 1}`] = f.length > MAX_FORMULA_KEPT ? f.slice(0, MAX_FORMULA_KEPT) : f;
        hasFormulas = true;
      }
      let value: RawValue = null;
      if (type === "inlineStr" || (hasInline && type !== "s")) value = hasInline ? run.value : v !== null ? unescapeXstring(v) : null;
      else if (v === null || v.trim() === "") value = null;
      else if (type === "s") {
        const i = Number(v);
        if (!Number.isInteger(i) || i < 0 || i >= strings.length) throw malformed(`chỉ số chuỗi dùng chung "${v.slice(0, 20)}" không có`);
        value = strings[i];
      } else if (type === "str") value = unescapeXstring(v);
      else if (type === "b") {
        const t = v.trim();
        if (t !== "0" && t !== "1" && t !== "true" && t !== "false") throw malformed(`giá trị logic "${v.slice(0, 20)}"`);
        value = t === "1" || t === "true";
      } else if (type === "e") value = cellError(v.trim());
      else if (type === "d") {
        const t = v.trim();
        const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(t) || !t.includes("T") ? t : `${t}Z`);
        if (!Number.isFinite(ms)) throw malformed(`ngày "${v.slice(0, 30)}"`);
        value = new Date(ms);
      } else if (type === "n") {
        const n = Number(v);
        if (!Number.isFinite(n) || v.trim() === "") throw malformed(`số "${v.slice(0, 30)}"`);
        value = (styles.dates[style] && serialToDate(n, date1904)) || n;
      } else throw malformed(`kiểu ô "${type.slice(0, 20)}" không có trong chuẩn`);
      if (value === null || value === "") return;
      checkCell(sheetName, ref, rowNo, colNo, value, limits);
      if (styles.legacyFonts.size > 0 && typeof value === "string") {
        const font = styles.legacyFonts.get(style);
        if (font) legacyFonts[`${rowNo - 1},${colNo - 1}`] = font;
      }
      cells[colNo - 1] = value;
      rows[rowNo - 1] = cells;
    };

    parseXml(bytes, path, {
      open(name, a) {
        if (!inData) {
          if (name === "sheetData") inData = true;
          else if (name === "mergeCell" && a.ref) merges.push(a.ref);
          return;
        }
        switch (name) {
          case "row": {
            const r = a.r === undefined ? rowNo + 1 : Number(a.r);
            if (!Number.isInteger(r) || r < 1 || r > 1_048_576) throw new MalformedPart(path, `số dòng "${String(a.r).slice(0, 20)}"`);
            rowNo = r;
            colNo = 0;
            if (a.hidden === "1" || a.hidden === "true") hiddenRows.push(r - 1);
            cells = rows[rowNo - 1] ?? [];
            break;
          }
          case "c": {
            ref = a.r ?? "";
            if (ref) {
              const rc = parseRef(ref);
              if (!rc) throw new MalformedPart(path, `địa chỉ ô "${ref.slice(0, 20)}"`);
              if (rc[0] !== rowNo) {
                rowNo = rc[0];
                cells = rows[rowNo - 1] ?? [];
              }
              colNo = rc[1];
            } else colNo++;
            type = a.t ?? "n";
            style = Number(a.s ?? 0);
            v = null;
            f = null;
            hasInline = false;
            target = null;
            break;
          }
          case "v":
            v = "";
            target = "v";
            break;
          case "f":
            f = "";
            target = "f";
            break;
          case "is":
            hasInline = true;
            target = "is";
            run.reset();
            break;
          default:
            if (target === "is") run.open(name);
        }
      },
      text(t) {
        if (target === "v") v += t;
        else if (target === "f") f += t;
        else if (target === "is") run.text(t);
      },
      close(name) {
        if (!inData) return;
        switch (name) {
          case "sheetData":
            inData = false;
            break;
          case "c":
            endCell();
            target = null;
            break;
          case "v":
          case "f":
          case "is":
            target = null;
            break;
          default:
            if (target === "is") run.close(name);
        }
      },
    });

    clearMerged(rows, merges, path);
    fillHoles(rows);
    const sheet: RawSheet = { name: sheetName, rows };
    if (Object.keys(legacyFonts).length > 0) sheet.legacyFonts = legacyFonts;
    if (hiddenRows.length > 0) sheet.hiddenRows = hiddenRows;
    if (hasFormulas) sheet.formulas = formulas;
    return sheet;
  }
}

export { HostileFile, MalformedPart };
