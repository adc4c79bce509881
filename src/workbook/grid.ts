/**
 * A workbook as plain data: what every writer (exceljs for files, Office.js for the
 * open workbook) renders, and what every reader hands back. No library types here.
 */

import type { CellError } from "./cellValues";

export type CellValue = string | number | boolean | null;

export type StyleName =
  | "title"
  | "subtitle"
  | "caption"
  | "header"
  | "section"
  | "subgroup"
  | "text"
  | "textCenter"
  | "count"
  | "money"
  | "total"
  | "label"
  | "input"
  | "inputMoney"
  | "words"
  | "unit"
  | "warning";

export interface GridCell {
  /** Value, or the cached result of the formula. */
  v: CellValue;
  /** Formula without the leading "=". */
  f?: string;
  style?: StyleName;
  /** Custom number format, overriding the style's. */
  numFmt?: string;
}

export interface ListValidation {
  /** A1 range on this sheet, bounded to the rows in use. */
  range: string;
  /** List source formula, e.g. `'Thông tin'!$A$20:$A$23`. */
  source: string;
  /** Title of the prompt shown when the cell is selected. */
  title: string;
  prompt: string;
  error: string;
}

export interface SheetGrid {
  name: string;
  /** Rows of cells, 0-based; undefined = empty cell. */
  rows: Row[];
  /** Column widths in characters. */
  widths: number[];
  /** Row heights in points (0-based rows), where wrapped text needs more than one line. */
  heights?: number[];
  merges: string[];
  validations: ListValidation[];
  /** Cells filled when a formula (written for the range's top-left cell, relative refs) is true. */
  conditionalFormats?: Array<{ range: string; formula: string; fill: string }>;
  /** 1-based rows repeated at the top of every printed page. */
  printTitleRows?: [number, number];
  landscape: boolean;
  /** Rows frozen at the top. */
  freezeRows?: number;
  /** Columns (1-based) hidden: not shown, not printed. */
  hiddenColumns?: number[];
  /**
   * Columns (1-based) whose texts mostly differ from row to row (the agencies' names, the row ids;
   * the few captions and section titles among them too): a file writer keeps them in their cells,
   * not in a table of shared texts where each is one more entry, looked up once, held until the end
   * (two thirds of that table at national scale).
   */
  uniqueTextColumns?: number[];
  hidden?: boolean;
  /** Locked by sheet protection without a password (its figures are computed; unprotect to type over them). */
  protect?: boolean;
  /**
   * Its rows made again, one by one, as they are written (see `streamedSheet`): a writer that
   * writes rows in order uses this and never holds them all.
   */
  stream?: () => Iterable<Row>;
}

/** One row's cells, 0-based; undefined = empty cell. */
export type Row = Array<GridCell | undefined>;

/**
 * A sheet whose rows are made while it is written, instead of held: the hidden store of a
 * national roll-up is 40 MB of text that no one reads before it is written. `rows` is still
 * there for whoever asks (the Office.js writer, the checks, the tests): made on first use and
 * kept, and from then on written as any sheet's. `rows` must be a pure function of what it
 * closes over, which must not change before the sheet is written.
 */
export function streamedSheet(sheet: Omit<SheetGrid, "rows" | "stream">, rows: () => Iterable<Row>): SheetGrid {
  let made: Row[] | undefined;
  const out = { ...sheet } as SheetGrid;
  // Not enumerable: a copy or a structured clone (to and from a Web Worker) carries the rows instead.
  Object.defineProperty(out, "stream", { value: rows, configurable: true, enumerable: false });
  Object.defineProperty(out, "rows", {
    enumerable: true,
    // Once made, the rows are the sheet: an edit to them is what every writer then writes.
    get: () => {
      if (!made) {
        made = Array.from(rows());
        delete out.stream;
      }
      return made;
    },
    set: (value: Row[]) => {
      made = value;
      delete out.stream;
    },
  });
  return out;
}

export interface DefinedName {
  name: string;
  sheet: string;
  /** Absolute A1 reference on that sheet, e.g. `$B$3` or `$B$2:$B$1001`. */
  ref: string;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
  names: DefinedName[];
}

/**
 * What a reader hands back: each cell as the spreadsheet shows it. A date-formatted number is
 * a Date (UTC calendar date), an error value a CellError; null is "no value" (an empty cell, a
 * formula never calculated, a cell covered by a merged range).
 */
export type RawValue = string | number | boolean | Date | CellError | null;

export interface RawSheet {
  name: string;
  /** 0-based rows of values; formulas as their cached results; merged cells only on their master. */
  rows: RawValue[][];
  /** Hidden (or very hidden) in the workbook. */
  hidden?: boolean;
  /** Rows hidden by the user (0-based): they are not shown or printed. */
  hiddenRows?: number[];
  /** Font of the cells set in a legacy Vietnamese font (.VnTime, VNI-Times…), by "row,col" (0-based). */
  legacyFonts?: Record<string, string>;
  /**
   * Cells holding a formula, by "row,col" (0-based), with its text (without "="; "" for a cell
   * sharing another's formula). Absent when the reader cannot tell (the open workbook).
   */
  formulas?: Record<string, string>;
}

export interface RawWorkbook {
  sheets: RawSheet[];
}

/** Quote a sheet name for a formula reference. */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}
