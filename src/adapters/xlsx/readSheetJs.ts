/**
 * Excel 97-2003 (.xls) and OpenDocument (.ods) workbooks through SheetJS (the community build
 * published as @e965/xlsx; the npm `xlsx` 0.18.5 has advisories). Loaded only when such a file
 * appears (its own chunk in the browser). Values follow the same rules as the .xlsx reader:
 * dates from the number format and the workbook's date system, errors as errors, cells
 * covered by a merged range empty, the same limits.
 */
import * as XLSX from "@e965/xlsx";
import type { RawSheet, RawValue, RawWorkbook } from "../../workbook/grid";
import { cellError, ERROR_BY_CODE, isDateFormat, serialToDate } from "../../workbook/cellValues";
import { SHEETS } from "../../workbook/layout";
import { checkCell, clearMerged, DEFAULT_LIMITS, fillHoles, type ReadLimits } from "./sheetRules";
import type { SheetInfo } from "./odsSheets";

/** SheetJS's compound-file reader (typed `any` by the package). */
const CFB = XLSX.CFB as { read(data: Uint8Array, opts: { type: "array" }): { FullPaths: string[] } };

/** What a compound (OLE) file holds, by its stream names. */
export type CompoundKind = "xls" | "encrypted-ooxml" | "word" | "other";

export function compoundKind(bytes: Uint8Array): CompoundKind {
  const cfb = CFB.read(bytes, { type: "array" });
  const names = new Set(cfb.FullPaths.map((p) => p.replace(/\/$/, "").split("/").pop()!.toLowerCase()));
  if (names.has("encryptedpackage") || names.has("encryptioninfo")) return "encrypted-ooxml";
  if (names.has("workbook") || names.has("book")) return "xls";
  if (names.has("worddocument")) return "word";
  return "other";
}

function value(cell: XLSX.CellObject, date1904: boolean): RawValue {
  switch (cell.t) {
    case "s":
      return typeof cell.v === "string" && cell.v !== "" ? cell.v : null;
    case "b":
      return Boolean(cell.v);
    case "e":
      return cellError(typeof cell.w === "string" && cell.w.startsWith("#") ? cell.w : ERROR_BY_CODE[Number(cell.v)] ?? "#VALUE!");
    case "n": {
      const n = Number(cell.v);
      if (!Number.isFinite(n)) return null;
      return (isDateFormat(null, typeof cell.z === "string" ? cell.z : null) && serialToDate(n, date1904)) || n;
    }
    case "d": {
      const d = cell.v instanceof Date ? cell.v : new Date(String(cell.v));
      return Number.isNaN(d.getTime()) ? null : d;
    }
    default:
      return null;
  }
}

/**
 * Raw values of an .xls or .ods workbook. `sheets`, when given (ODS), are the true names and
 * visibility of the sheets in order, read from the file's own XML.
 */
export function readWithSheetJs(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS, sheets?: readonly SheetInfo[]): RawWorkbook {
  // SheetJS prints to the console while reading some ODS number formats (conditional sections it
  // approximates); that is a library's note, not the user's business, and would garble the CLI's output.
  const quiet = console.error;
  console.error = () => {};
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: "array", cellNF: true, cellDates: false, cellFormula: true, cellHTML: false, UTC: true, dense: false });
  } finally {
    console.error = quiet;
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const out: RawSheet[] = [];
  const known = sheets && sheets.length === wb.SheetNames.length ? sheets : null;
  wb.SheetNames.forEach((key, i) => {
    const name = known ? known[i].name : key;
    if (name === SHEETS.lists) return;
    const ws = wb.Sheets[key];
    const rows: RawValue[][] = [];
    const formulas: Record<string, string> = {};
    let hasFormulas = false;
    for (const key of Object.keys(ws ?? {})) {
      if (key[0] === "!") continue;
      const cell = ws[key] as XLSX.CellObject;
      const { r, c } = XLSX.utils.decode_cell(key);
      if (typeof cell.f === "string") {
        formulas[`${r},${c}`] = cell.f.slice(0, 1000);
        hasFormulas = true;
      }
      const v = value(cell, date1904);
      if (v === null || v === "") continue;
      checkCell(name, key, r + 1, c + 1, v, limits);
      (rows[r] ??= [])[c] = v;
    }
    const merges = (ws?.["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m));
    clearMerged(rows, merges, `trang "${name}"`);
    fillHoles(rows);
    const hidden = known ? known[i].hidden : (wb.Workbook?.Sheets?.[i]?.Hidden ?? 0) > 0;
    const hiddenRows = (ws?.["!rows"] ?? []).flatMap((r, at) => (r?.hidden ? [at] : []));
    out.push({ name, rows, ...(hidden ? { hidden } : {}), ...(hiddenRows.length ? { hiddenRows } : {}), ...(hasFormulas ? { formulas } : {}) });
  });
  return { sheets: out };
}

/**
 * A CSV file (a mapping of units, a list) as one sheet of text cells. UTF-8 with or without BOM;
 * SheetJS finds the separator (comma, semicolon, tab) and quoted fields.
 */
export function readCsv(bytes: Uint8Array, name = "CSV"): RawWorkbook {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new Error("tệp CSV không phải UTF-8 (hãy lưu lại bằng \"CSV UTF-8\")");
  }
  const wb = XLSX.read(text, { type: "string", raw: true, dense: false });
  const ws = wb.Sheets[wb.SheetNames[0]];
  const rows = ws ? XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true }) : [];
  return { sheets: [{ name, rows: rows.map((r) => r.map((v) => (typeof v === "string" ? (v === "" ? null : v) : typeof v === "number" || typeof v === "boolean" ? String(v) : null))) }] };
}
