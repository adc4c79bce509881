/**
 * What every workbook reader (./readOoxml, ./readSheetJs) applies to the sheets it reads: the
 * limits, the checks on each cell, cells under a merged range, and the rows' holes filled.
 */
import type { RawValue } from "../../workbook/grid";
import { MAX_CELL_CHARS } from "../../workbook/cellValues";
import { parseCellAddress } from "../../core/problems";
import { MalformedPart } from "./xml";

/** A limit of the reader was passed (the message names it). */
export class LimitExceeded extends Error {}

export interface ReadLimits {
  /** Largest inflated sheet or shared-strings part (bytes). */
  maxPartBytes: number;
  /** Largest inflated workbook, styles or relationships part (bytes). */
  maxSmallPartBytes: number;
  /** Rows and columns beyond which a value may not stand. */
  maxRows: number;
  maxCols: number;
  /** Entries in the zip. */
  maxEntries: number;
  /** Longest text of one cell (Excel's own limit). */
  maxCellChars: number;
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxPartBytes: 50 * 1024 * 1024,
  maxSmallPartBytes: 2 * 1024 * 1024,
  maxRows: 100_000,
  maxCols: 1_000,
  maxEntries: 10_000,
  maxCellChars: MAX_CELL_CHARS,
};

/** Cells a merged-range pass may visit before the file is refused (Excel forbids overlapping merges). */
const MAX_MERGE_VISITS = 10_000_000;

const vi = (n: number) => n.toLocaleString("vi-VN");

export function tooLong(where: string, length: number, limits: ReadLimits): LimitExceeded {
  return new LimitExceeded(`${where} dài ${vi(length)} ký tự, quá giới hạn ${vi(limits.maxCellChars)} ký tự một ô của Excel`);
}

/** A value at (row, col), 1-based, within the limits, or LimitExceeded naming the sheet, cell and limit. */
export function checkCell(sheet: string, ref: string, row: number, col: number, value: RawValue, limits: ReadLimits): void {
  if (typeof value === "string" && value.length > limits.maxCellChars) throw tooLong(`ô ${ref} của trang "${sheet}"`, value.length, limits);
  if (row > limits.maxRows) throw new LimitExceeded(`trang "${sheet}" có dữ liệu ở dòng ${vi(row)}, quá ${vi(limits.maxRows)} dòng`);
  if (col > limits.maxCols) throw new LimitExceeded(`trang "${sheet}" có dữ liệu ở cột thứ ${vi(col)}, quá ${vi(limits.maxCols)} cột`);
}

/** "AB12" → [row 12, column 28]; null when it is no cell reference inside Excel's grid. */
export function parseRef(ref: string): [number, number] | null {
  const at = parseCellAddress(ref);
  return at && at.row <= 1_048_576 && at.col <= 16_384 ? [at.row, at.col] : null;
}

/** Cells covered by a merged range, other than its top-left one, are empty: Excel shows nothing there. */
export function clearMerged(rows: RawValue[][], merges: readonly string[], where: string): void {
  let visits = 0;
  for (const m of merges) {
    const [a, b] = m.split(":");
    const from = parseRef(a ?? "");
    const to = parseRef(b ?? a ?? "");
    if (!from || !to) throw new MalformedPart(where, `vùng gộp ô "${m.slice(0, 30)}"`);
    const lastRow = Math.min(to[0], rows.length);
    for (let r = from[0]; r <= lastRow; r++) {
      const cells = rows[r - 1];
      if (!cells) continue;
      const lastCol = Math.min(to[1], cells.length);
      for (let c = from[1]; c <= lastCol; c++) {
        if (++visits > MAX_MERGE_VISITS) throw new LimitExceeded(`vùng gộp ô trong "${where}" quá nhiều`);
        if (r !== from[0] || c !== from[1]) cells[c - 1] = null;
      }
    }
  }
}

/** Sparse rows made dense: missing rows empty, missing cells null. */
export function fillHoles(rows: RawValue[][]): void {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r === undefined) rows[i] = [];
    else for (let c = 0; c < r.length; c++) if (r[c] === undefined) r[c] = null;
  }
}
