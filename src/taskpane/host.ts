/**
 * Where the task pane's work lands: the open Excel workbook, or — in a plain browser —
 * files the user picks and downloads. Components only see this interface.
 */
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";
import type { ExistingSheets } from "../adapters/office/excelWrite";
import type { CellTarget } from "../adapters/office/excelWorkbook";

/** A cell to set: through its defined name where the workbook has one, else at its address. */
export type CellEdit = CellTarget;

export interface PlanHost {
  kind: "excel" | "browser";
  /** Which of these sheets the open workbook already has (always none in a browser). */
  existingSheets(names: string[]): Promise<string[]>;
  /** What replacing these sheets would break (formulas and names elsewhere that refer to them), in Vietnamese; none in a browser. */
  dependents?(sheets: string[]): Promise<string[]>;
  /** Put a workbook in place: into the open workbook (sheets of the same names dealt with as the user chose), or as a download. Returns what was done, in Vietnamese. */
  putWorkbook(grid: WorkbookGrid, fileName: string, existing: ExistingSheets): Promise<string>;
  /** Offer a workbook already written as .xlsx bytes (browser only: the merge writes it in its worker). */
  putBytes?(bytes: Uint8Array, fileName: string): Promise<string>;
  /** The open workbook's values (Excel only). */
  readOpenWorkbook?(): Promise<RawWorkbook>;
  selectCell?(sheet: string, cell: string): Promise<void>;
  writeCells?(cells: CellEdit[]): Promise<unknown>;
  /** Excel's calculation mode ("Automatic", "Manual", …), when the host can tell. */
  calculationMode?(): Promise<string>;
  /** A copy of the user's own file with only these number cells changed, as a download (browser only). */
  downloadEdited?(file: File, cells: Array<CellEdit & { value: number }>, fileName: string): Promise<string>;
}
