/**
 * Where the task pane's work lands: the open Excel workbook, or — in a plain browser —
 * files the user picks and downloads. Components only see this interface.
 */
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";

export interface CellEdit {
  sheet: string;
  cell: string;
  value: number | string;
}

export interface PlanHost {
  kind: "excel" | "browser";
  /** Which of these sheets the open workbook already has (always none in a browser). */
  existingSheets(names: string[]): Promise<string[]>;
  /** Put a workbook in place: into the open workbook (old sheets kept renamed when `keepOld`), or as a download. Returns what was done, in Vietnamese. */
  putWorkbook(grid: WorkbookGrid, fileName: string, keepOld: boolean): Promise<string>;
  /** The open workbook's values (Excel only). */
  readOpenWorkbook?(): Promise<RawWorkbook>;
  selectCell?(sheet: string, cell: string): Promise<void>;
  writeCells?(cells: CellEdit[]): Promise<void>;
}
