/**
 * The Office.js adapter's common parts: the Excel namespace it runs on, how values and sizes are
 * sent, Excel's error codes in Vietnamese, and the small operations (select a cell, calculation
 * mode, set cells). Writing a workbook is in excelWrite.ts, reading one in excelRead.ts.
 */
import { columnLetters } from "../../core/problems";

/** What the adapter needs of the Excel namespace (Excel.run), injectable for tests. */
export interface ExcelApi {
  run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
}

/**
 * A value as Excel should store it. Text that Excel would read as a formula
 * (= + - @), starts with ' itself, or would turn into a number or date gets the text prefix ', so an agency name
 * or note is never executed or reinterpreted.
 */
export function cellInput(v: string | number | boolean | null, formula?: string): string | number | boolean {
  if (formula !== undefined) return `=${formula}`;
  if (v === null) return "";
  if (typeof v !== "string") return v;
  // A leading ' is Excel's own text prefix: typed as it is, it would vanish, so it gets another.
  return /^[=+\-@\t\r']/.test(v) || /^[\d\s.,/:%()-]+$/.test(v) ? `'${v}` : v;
}

export function a1(row: number, col: number, rows: number, cols: number): string {
  const start = `${columnLetters(col + 1)}${row + 1}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnLetters(col + cols)}${row + rows}`;
}

/** Excel on the web refuses a request or a response over 5 MB. */
export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** Bytes of one queued action beyond its value: the JSON of its ids, type, property and object path. */
export const ACTION_BYTES = 300;

/** What a value costs in a request or a response: its JSON, non-ASCII characters counted as the \uXXXX escapes office.js may use, plus an action's envelope. */
export function payloadBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "";
  let n = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) n += 5;
  return n + ACTION_BYTES;
}

/** Excel's error code of a failed request ("ItemAlreadyExists"…), if it is one. */
export function excelErrorCode(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

/** What the user reads when Excel refuses a request: chosen from Excel's error code, never Excel's raw English. */
export function excelErrorMessage(e: unknown): string {
  const code = excelErrorCode(e);
  switch (code) {
    case "InvalidOperationInCellEditMode":
      return "Excel đang ở chế độ sửa ô: nhấn Enter hoặc Esc để thoát khỏi ô đang gõ rồi thử lại.";
    case "AccessDenied":
      return "Excel không cho sửa: sổ hoặc trang đang được bảo vệ (Review › Protect), hoặc sổ chỉ được mở để xem.";
    case "ItemAlreadyExists":
      return "Sổ đã có một trang hoặc một tên trùng với tên cần tạo (Excel không phân biệt chữ hoa, chữ thường).";
    case "ItemNotFound":
      return "Không thấy trang hoặc vùng cần dùng: có thể vừa bị xoá hoặc đổi tên trong lúc ghi.";
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
      return "Dữ liệu gửi hoặc nhận trong một lần vượt giới hạn 5 MB của Excel trên web.";
    case "ActivityLimitReached":
    case "RequestAborted":
    case "ServiceNotAvailable":
      return "Excel đang bận hoặc mất kết nối; hãy đợi một lát rồi thử lại.";
    case "Conflict":
    case "EditConflict":
      return "Sổ đang được người khác sửa cùng lúc; hãy thử lại sau.";
    case "InsertDeleteConflict":
    case "MergedRangeConflict":
    case "FilteredRangeConflict":
      return "Vùng cần ghi đang bị gộp ô, lọc hoặc bảng khác chiếm chỗ.";
    case "InvalidArgument":
    case "InvalidReference":
      return "Excel không nhận một giá trị hay tham chiếu gửi tới.";
    case "UnsupportedOperation":
    case "NotImplemented":
    case "ApiNotFound":
      return "Phiên bản Excel này không làm được thao tác cần thiết.";
    default:
      return code ? `Excel báo lỗi (mã ${code}).` : `Lỗi khi làm việc với Excel: ${e instanceof Error ? e.message : String(e)}.`;
  }
}

/** A write Excel refused, or one refused before sending: the message is for the user. */
export class ExcelWriteError extends Error {
  constructor(message: string, readonly code?: string) {
    super(message);
    this.name = "ExcelWriteError";
  }
}

/** Which ExcelApi versions the host has (newer features are used only where it has them). */
export type Supports = (version: string) => boolean;

/** Names of the workbook's sheets. */
export async function listSheets(excel: ExcelApi): Promise<string[]> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items");
    await context.sync();
    return sheets.items.map((s) => s.name);
  });
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

/**
 * A cell to set. Through its defined name when the workbook has one (looked up in the sheet's own
 * names first, then the workbook's): Excel keeps a name on its cell when rows are inserted or
 * moved, so the value lands where the cell is now. Else at the address.
 */
export interface CellTarget {
  sheet: string;
  cell: string;
  value: number | string;
  name?: string;
  /** The name covers a table: the cell is in the row whose column `keyColumn` (0-based) holds `key`, at column `column`. */
  row?: { keyColumn: number; key: string; column: number };
}

/** Set single cells (rate edits), through their names where the workbook has them. Three syncs. Returns how many went through a name. */
export async function writeCells(excel: ExcelApi, cells: readonly CellTarget[]): Promise<{ byName: number }> {
  return excel.run(async (context) => {
    const lookups = cells.map((c) =>
      c.name === undefined
        ? null
        : { own: context.workbook.worksheets.getItem(c.sheet).names.getItemOrNullObject(c.name), book: context.workbook.names.getItemOrNullObject(c.name) },
    );
    await context.sync();
    const ranges = lookups.map((l) => {
      const item = l && (!l.own.isNullObject ? l.own : !l.book.isNullObject ? l.book : null);
      if (!item) return null;
      const range = item.getRange();
      range.load("values, rowIndex, columnIndex, rowCount, columnCount");
      return range;
    });
    // A name that no longer points at cells (#REF!) fails here: the address is used then.
    await context.sync().catch(() => ranges.fill(null));
    let byName = 0;
    cells.forEach((c, i) => {
      const range = ranges[i];
      let target: Excel.Range | null = null;
      if (range && c.row) {
        const key = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v).trim() : "");
        const at = (range.values as unknown[][]).findIndex((r) => key(r[c.row!.keyColumn]) === c.row!.key);
        if (at >= 0 && c.row.column < range.columnCount) target = range.worksheet.getCell(range.rowIndex + at, range.columnIndex + c.row.column);
      } else if (range && range.rowCount === 1 && range.columnCount === 1) target = range;
      if (target) byName++;
      (target ?? context.workbook.worksheets.getItem(c.sheet).getRange(c.cell)).values = [[cellInput(c.value)]];
    });
    await context.sync();
    return { byName };
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
