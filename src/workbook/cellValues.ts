/**
 * Cell values as a spreadsheet shows them, one rule for every reader (the .xlsx reader,
 * the .xls/.ods reader, exceljs and the Office.js adapter): a number in a date format is a
 * date, in the workbook's date system (1900 or 1904); an error value is an error, not text.
 */
import { formatVnNumber } from "../core/numbers";
import { MAX_CELL_CHARS } from "../core/text";

/** An error value (#N/A, #REF!…): what the cell shows, never a name or a number. */
export interface CellError {
  error: string;
}

export function cellError(code: string): CellError {
  return { error: code };
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && !(v instanceof Date) && typeof (v as CellError).error === "string";
}

/** Excel's error values by their BIFF codes (SheetJS gives these for .xls/.ods). */
export const ERROR_BY_CODE: Readonly<Record<number, string>> = {
  0x00: "#NULL!", 0x07: "#DIV/0!", 0x0f: "#VALUE!", 0x17: "#REF!", 0x1d: "#NAME?", 0x24: "#NUM!", 0x2a: "#N/A", 0x2b: "#GETTING_DATA",
};

export { MAX_CELL_CHARS } from "../core/text";

/**
 * A text as a written cell can hold it: one longer (a sender's long note with what the merge
 * adds to it) is cut, and says so at its end, rather than written whole for Excel to "repair"
 * on open and our own reader to refuse. The sender's file still holds the whole text.
 */
export function fitCell(text: string): string {
  if (text.length <= MAX_CELL_CHARS) return text;
  const mark = (cut: number) => ` … [đã cắt ${formatVnNumber(cut)} ký tự cuối: một ô Excel chứa tối đa ${formatVnNumber(MAX_CELL_CHARS)} ký tự]`;
  let keep = MAX_CELL_CHARS - mark(text.length).length;
  // Never half of a character outside the Basic Multilingual Plane.
  const last = text.charCodeAt(keep - 1);
  if (last >= 0xd800 && last <= 0xdbff) keep--;
  return text.slice(0, keep) + mark(text.length - keep);
}

/** Built-in number formats (ECMA-376 §18.8.30) that show a date (with or without a time). Time-only ones stay numbers. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 57, 58]);

/** Does a format code (its first section) show a calendar date: a day or a year outside quotes, brackets and escapes? */
export function isDateFormatCode(code: string): boolean {
  let plain = "";
  for (let i = 0; i < code.length; i++) {
    const ch = code[i];
    if (ch === ";") break;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === "[") {
      const end = code.indexOf("]", i + 1);
      i = end < 0 ? code.length : end;
    } else if (ch === "\\" || ch === "_" || ch === "*") i++;
    else plain += ch;
  }
  return /[dy]/i.test(plain) && !/^general$/i.test(plain.trim());
}

/** Is this number format (built-in id, or custom code) a date? */
export function isDateFormat(id: number | null, code: string | null | undefined): boolean {
  if (code !== null && code !== undefined && code !== "") return isDateFormatCode(code);
  return id !== null && BUILTIN_DATE_FORMATS.has(id);
}

const DAY_MS = 86_400_000;
/** Day 0 of the 1900 system as Excel counts from serial 61 (it counts a 29/02/1900 that never was). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
/** 31/12/9999, Excel's last day. */
const MAX_SERIAL = 2_958_465;

/**
 * The calendar date (a UTC Date) of a serial number in the workbook's date system, or null when
 * the number is no date Excel can show (negative, past 9999). Times are kept to the millisecond.
 */
export function serialToDate(serial: number, date1904: boolean): Date | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  if (serial > (date1904 ? MAX_SERIAL - 1462 : MAX_SERIAL)) return null;
  const epoch = date1904 ? EPOCH_1904 : serial < 61 ? EPOCH_1900 + DAY_MS : EPOCH_1900;
  return new Date(epoch + Math.round(serial * DAY_MS));
}


