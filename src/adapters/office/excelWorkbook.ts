/**
 * The Office.js adapter: the standard workbook written into, and read from, the open
 * workbook. Every operation batches: whole sheets as 2D arrays, formats as a few
 * rectangles per style, and a number of context.sync() calls that does not depend on
 * the row count (a write syncs again only when its payload nears Excel on the web's
 * 5 MB request limit).
 */
import type { RawSheet, RawValue, RawWorkbook, SheetGrid, WorkbookGrid } from "../../workbook/grid";
import { cellError, isDateFormat, serialToDate } from "../../workbook/cellValues";
import { sheetRef } from "../../workbook/grid";
import { FONT_NAME, FONT_SIZE, PRINT, STYLES } from "../../workbook/layout";
import { isAmountHeader } from "../../workbook/read";
import { columnLetters } from "../../core/problems";
import { rectanglesByKey } from "./rectangles";

/** What the adapter needs of the Excel namespace (Excel.run), injectable for tests. */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/** Bytes of queued work after which a write syncs, under the 5 MB request limit. */
export const SYNC_PAYLOAD_BYTES = 4 * 1024 * 1024;
/** Rows per range assignment of a large sheet. */
export const CHUNK_ROWS = 5000;

export class SheetsExist extends Error {
  constructor(readonly sheets: string[]) {
    super(`Sổ đã có các trang: ${sheets.join(", ")}`);
    this.name = "SheetsExist";
  }
}

/**
 * A value as Excel should store it. Text that Excel would read as a formula
 * (= + - @) or turn into a number or date gets the text prefix ', so an agency name
 * or note is never executed or reinterpreted.
 */
export function cellInput(v: string | number | boolean | null, formula?: string): string | number | boolean {
  if (formula !== undefined) return `=${formula}`;
  if (v === null) return "";
  if (typeof v !== "string") return v;
  return /^[=+\-@\t\r]/.test(v) || /^[\d\s.,/:%()-]+$/.test(v) ? `'${v}` : v;
}

function a1(row: number, col: number, rows: number, cols: number): string {
  const start = `${columnLetters(col + 1)}${row + 1}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnLetters(col + cols)}${row + rows}`;
}

/** Points per character of column width (Times New Roman 12). */
const POINTS_PER_CHAR = 6.5;

/** Which ExcelApi versions the host has (newer features are used only where it has them). */
export type Supports = (version: string) => boolean;

async function queueSheet(ws: Excel.Worksheet, sheet: SheetGrid, onPayload: (bytes: number) => Promise<void>, supports: Supports): Promise<void> {
  // rows is sparse (empty rows are holes): iterate, do not spread.
  let cols = Math.max(sheet.widths.length, 1);
  for (const r of sheet.rows) if (r) cols = Math.max(cols, r.length);
  const rowCount = Math.max(sheet.rows.length, 1);
  for (let start = 0; start < rowCount; start += CHUNK_ROWS) {
    const n = Math.min(CHUNK_ROWS, rowCount - start);
    const formulas: Array<Array<string | number | boolean>> = [];
    const formats: string[][] = [];
    let bytes = 0;
    for (let r = start; r < start + n; r++) {
      const row: Array<string | number | boolean> = [];
      const fmt: string[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = sheet.rows[r]?.[c];
        const input = cell ? cellInput(cell.v, cell.f) : "";
        row.push(input);
        fmt.push(cell?.numFmt ?? (cell?.style ? STYLES[cell.style].numFmt : undefined) ?? "General");
        bytes += String(input).length + 12;
      }
      formulas.push(row);
      formats.push(fmt);
    }
    const range = ws.getRangeByIndexes(start, 0, n, cols);
    range.numberFormat = formats;
    range.formulas = formulas;
    await onPayload(bytes);
  }
  const all = ws.getRangeByIndexes(0, 0, rowCount, cols);
  all.format.font.name = FONT_NAME;
  all.format.font.size = FONT_SIZE;
  all.format.verticalAlignment = "Center";
  const styles = rectanglesByKey(Array.from(sheet.rows, (r) => Array.from(r ?? [], (c) => c?.style)));
  for (const [name, rects] of styles) {
    const spec = STYLES[name];
    for (const rect of rects) {
      const range = ws.getRange(a1(rect.row, rect.col, rect.rows, rect.cols));
      if (spec.bold) range.format.font.bold = true;
      if (spec.italic) range.format.font.italic = true;
      if (spec.color) range.format.font.color = `#${spec.color.slice(2)}`;
      if (spec.size) range.format.font.size = spec.size;
      if (spec.hAlign) range.format.horizontalAlignment = spec.hAlign === "left" ? "Left" : spec.hAlign === "center" ? "Center" : "Right";
      if (spec.wrap) range.format.wrapText = true;
      if (spec.fill) range.format.fill.color = `#${spec.fill.slice(2)}`;
      if (spec.border) {
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
          range.format.borders.getItem(edge).style = "Continuous";
        }
      }
    }
    await onPayload(rects.length * 300);
  }
  sheet.widths.forEach((w, c) => (ws.getRange(`${columnLetters(c + 1)}:${columnLetters(c + 1)}`).format.columnWidth = w * POINTS_PER_CHAR));
  sheet.heights?.forEach((h, r) => {
    if (h) ws.getRange(`${r + 1}:${r + 1}`).format.rowHeight = h;
  });
  for (const m of sheet.merges) ws.getRange(m).merge(false);
  // Dropdowns need ExcelApi 1.8 (Excel 2019 retail, 2021, Microsoft 365); without them the lists still compute.
  for (const v of supports("1.8") ? sheet.validations : []) {
    const range = ws.getRange(v.range);
    range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
    range.dataValidation.prompt = { showPrompt: true, title: v.title, message: v.prompt };
    range.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "Giá trị không hợp lệ", message: v.error };
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    const format = ws.getRange(cf.range).conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${cf.formula}`;
    format.custom.format.fill.color = `#${cf.fill.slice(2)}`;
  }
  if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
  // Page layout needs ExcelApi 1.9; on older Excel the sheets print with Excel's defaults.
  if (supports("1.9")) {
    ws.pageLayout.orientation = sheet.landscape ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "A4";
    if (sheet.printTitleRows) ws.pageLayout.setPrintTitleRows(`$${sheet.printTitleRows[0]}:$${sheet.printTitleRows[1]}`);
    const pt = (mm: number) => Math.round((mm / 25.4) * 72 * 10) / 10;
    const m = PRINT.marginsMm;
    ws.pageLayout.setPrintMargins("Points", { top: pt(m.top), bottom: pt(m.bottom), left: pt(m.left), right: pt(m.right), header: pt(m.header), footer: pt(m.footer) });
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PRINT.footer;
  }
  if (sheet.hidden) ws.visibility = "Hidden";
  if (sheet.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
}

/** Names of the workbook's sheets. */
export async function listSheets(excel: ExcelApi): Promise<string[]> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items");
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
}

/** A sheet name as Excel compares names: without regard to case ("Thông Tin" is "Thông tin"). */
export function sheetKey(name: string): string {
  return name.normalize("NFC").toLocaleUpperCase("vi");
}

/** A free name for an old sheet kept aside: "Tên (cũ)", "Tên (cũ 2)" …, within Excel's 31 characters; `taken` holds sheetKeys. */
export function asideName(name: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? " (cũ)" : ` (cũ ${i})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(sheetKey(candidate))) return candidate;
  }
}

/** What to do with sheets that already have the names we write: the user's answer. */
export type ExistingSheets = "refuse" | "keep" | "replace";

/**
 * Write a workbook grid into the open workbook. Sheets of the same names are an error
 * (SheetsExist) unless the user chose: "keep" renames them "… (cũ)" and keeps them;
 * "replace" removes them once the new ones are in place. Never done without asking.
 */
export async function writeGrid(excel: ExcelApi, grid: WorkbookGrid, opts: { existing?: ExistingSheets; supports?: Supports } = {}): Promise<{ syncs: number; renamed: string[]; replaced: string[] }> {
  const supports = opts.supports ?? (() => true);
  const existingMode = opts.existing ?? "refuse";
  return excel.run(async (context) => {
    let syncs = 0;
    const sync = async () => {
      syncs++;
      await context.sync();
    };
    const sheets = context.workbook.worksheets;
    sheets.load("items");
    const names = context.workbook.names;
    names.load("items");
    await sync();
    // Names compared as Excel does (case-insensitively): "Thông Tin" is taken by our "Thông tin".
    const existing = new Map(sheets.items.map((s) => [sheetKey(s.name), s.name]));
    const clash = grid.sheets.flatMap((s) => existing.get(sheetKey(s.name)) ?? []);
    if (clash.length > 0 && existingMode === "refuse") throw new SheetsExist(clash);
    const renamed: string[] = [];
    const taken = new Set(existing.keys());
    for (const name of clash) {
      const aside = asideName(name, taken);
      taken.add(sheetKey(aside));
      sheets.getItem(name).name = aside;
      renamed.push(aside);
    }
    const ours = new Set(grid.names.map((n) => n.name));
    for (const n of names.items) if (ours.has(n.name)) n.delete();
    let pending = 0;
    const onPayload = async (bytes: number) => {
      pending += bytes;
      if (pending >= SYNC_PAYLOAD_BYTES) {
        pending = 0;
        await sync();
      }
    };
    for (const sheet of grid.sheets) await queueSheet(sheets.add(sheet.name), sheet, onPayload, supports);
    for (const n of grid.names) names.add(n.name, `=${sheetRef(n.sheet)}!${n.ref}`);
    sheets.getItem(grid.sheets.find((s) => !s.hidden)?.name ?? grid.sheets[0].name).activate();
    // Old sheets go only after the new ones exist (a workbook may not lose its last sheet).
    if (existingMode === "replace") for (const aside of renamed) sheets.getItem(aside).delete();
    await sync();
    return existingMode === "replace" ? { syncs, renamed: [], replaced: clash } : { syncs, renamed, replaced: [] };
  });
}

/** What Excel returns for a used range. */
export interface OfficeRange {
  values: Array<Array<string | number | boolean | null>>;
  valueTypes: string[][];
  numberFormat: string[][];
}

/** A cell's number format; Excel may give a non-string for a cell without one. */
const formatAt = (r: OfficeRange, i: number, j: number): string => {
  const f: unknown = r.numberFormat[i]?.[j];
  return typeof f === "string" ? f : "";
};

/** A date-formatted cell whose year differs between the 1900 and the 1904 date systems, to ask Excel which one it shows. */
function firstDateCell(r: OfficeRange): [number, number] | null {
  for (let i = 0; i < r.values.length; i++) {
    for (let j = 0; j < r.values[i].length; j++) {
      const v = r.values[i][j];
      if (r.valueTypes[i]?.[j] === "Double" && typeof v === "number" && isDateFormat(null, formatAt(r, i, j))) {
        const a = serialToDate(v, false);
        const b = serialToDate(v, true);
        if (a && b && a.getUTCFullYear() !== b.getUTCFullYear()) return [i, j];
      }
    }
  }
  return null;
}

/** Is the workbook on the 1904 date system: does Excel show a date cell with the 1904 year? */
export function shows1904(serial: number, text: string): boolean {
  const y1904 = String(serial2year(serial, true));
  const y1900 = String(serial2year(serial, false));
  return text.includes(y1904) && !text.includes(y1900);
}

function serial2year(serial: number, date1904: boolean): number {
  return serialToDate(serial, date1904)?.getUTCFullYear() ?? NaN;
}

/** Cell values as the other readers give them: dates by number format and date system, errors as errors, "" as no value. */
export function officeValues(r: OfficeRange, date1904: boolean): RawValue[][] {
  return r.values.map((row, i) =>
    row.map((v, j): RawValue => {
      if (v === "" || v === null || v === undefined) return null;
      const type = r.valueTypes[i]?.[j];
      if (type === "Error") return cellError(String(v));
      if (typeof v === "number") return (isDateFormat(null, formatAt(r, i, j)) && serialToDate(v, date1904)) || v;
      return v;
    }),
  );
}

/**
 * Every sheet's values (formulas as their results), for the plan reader: two syncs, and a third
 * only when the workbook holds a date, to learn its date system from what Excel shows.
 */
export async function readWorkbook(excel: ExcelApi): Promise<RawWorkbook> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name, items/visibility");
    await context.sync();
    const used = sheets.items.map((ws) => {
      const r = ws.getUsedRangeOrNullObject(true);
      r.load("values, valueTypes, numberFormat, rowIndex, columnIndex");
      return { ws, name: ws.name, hidden: ws.visibility !== undefined && ws.visibility !== "Visible", r };
    });
    await context.sync();
    let date1904 = false;
    const dated = used.map((u) => ({ ...u, at: u.r.isNullObject ? null : firstDateCell(u.r as unknown as OfficeRange) })).find((u) => u.at !== null);
    // The formulas of a budget sheet only (a few dozen rows): to tell a number typed over one of the
    // template's formulas. Loaded in the one extra sync, with the date probe when there is one.
    const budgets = used.filter((u) => !u.r.isNullObject && hasAmountHeader(u.r.values));
    for (const u of budgets) u.r.load("formulas");
    const cell = dated?.at ? dated.ws.getCell(dated.r.rowIndex + dated.at[0], dated.r.columnIndex + dated.at[1]) : null;
    cell?.load("text");
    if (cell || budgets.length > 0) await context.sync();
    if (dated?.at && cell) {
      const [i, j] = dated.at;
      const shown: unknown = cell.text[0]?.[0];
      date1904 = shows1904(dated.r.values[i][j] as number, typeof shown === "string" ? shown : "");
    }
    return {
      sheets: used.map(({ name, hidden, r }) => {
        const sheet: RawSheet = { name, rows: [] };
        if (hidden) sheet.hidden = true;
        if (r.isNullObject) return sheet;
        const pad: RawValue[] = new Array<RawValue>(r.columnIndex).fill(null);
        sheet.rows = new Array(r.rowIndex).fill(null).map((): RawValue[] => []);
        for (const values of officeValues(r, date1904)) sheet.rows.push([...pad, ...values]);
        if (budgets.some((b) => b.r === r)) {
          const formulas: Record<string, string> = {};
          (r.formulas as unknown[][]).forEach((row, i) =>
            row.forEach((f, j) => {
              if (typeof f === "string" && f.startsWith("=")) formulas[`${r.rowIndex + i},${r.columnIndex + j}`] = f.slice(1);
            }),
          );
          sheet.formulas = formulas;
        }
        return sheet;
      }),
    };
  });
}

/** Does a sheet's values hold a budget's "Số tiền" header, as the reader finds it (so its formulas are worth loading)? */
function hasAmountHeader(values: unknown[][]): boolean {
  return values.some((row) => row.some((v) => typeof v === "string" && isAmountHeader(v)));
}

/** Bring a problem's cell into view and select it. */
export async function selectCell(excel: ExcelApi, sheet: string, cell: string): Promise<void> {
  await excel.run(async (context) => {
    const ws = context.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell || "A1").select();
    await context.sync();
  });
}

/** Excel's calculation mode (ExcelApi 1.8). */
export async function calculationMode(excel: ExcelApi): Promise<string> {
  return excel.run(async (context) => {
    const app = context.workbook.application;
    app.load("calculationMode");
    await context.sync();
    return String(app.calculationMode);
  });
}

/** Set single cells (rate edits). One sync. */
export async function writeCells(excel: ExcelApi, cells: ReadonlyArray<{ sheet: string; cell: string; value: number | string }>): Promise<void> {
  await excel.run(async (context) => {
    for (const c of cells) context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).values = [[cellInput(c.value)]];
    await context.sync();
  });
}

/**
 * The ExcelApi requirement set the basic flows need (1.7: Excel 2016 retail and volume-licensed
 * Office 2019 reach it); dropdowns (1.8) and page layout (1.9) are used where the host has them.
 */
export const REQUIRED_EXCEL_API = "1.7";

export function excelApiSupported(office: { context?: { requirements?: { isSetSupported(name: string, version: string): boolean } } }): boolean {
  return office.context?.requirements?.isSetSupported("ExcelApi", REQUIRED_EXCEL_API) ?? false;
}
