/** Renders a WorkbookGrid as an .xlsx file with exceljs (Node and browser alike). */
import { parseCellAddress } from "../../core/problems";
import ExcelJS from "exceljs";
import type { GridCell, SheetGrid, WorkbookGrid } from "../../workbook/grid";
import { sheetRef } from "../../workbook/grid";
import { FONT_NAME, FONT_SIZE, PRINT, STYLES } from "../../workbook/layout";

/** Margins in millimetres as .xlsx stores them (inches). */
function inches(mm: Record<"top" | "bottom" | "left" | "right" | "header" | "footer", number>): ExcelJS.Margins {
  const i = (v: number) => Math.round((v / 25.4) * 1000) / 1000;
  return { top: i(mm.top), bottom: i(mm.bottom), left: i(mm.left), right: i(mm.right), header: i(mm.header), footer: i(mm.footer) };
}

const THIN: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };

function styleCell(cell: ExcelJS.Cell, grid: GridCell): void {
  const spec = grid.style ? STYLES[grid.style] : {};
  cell.font = { name: FONT_NAME, size: spec.size ?? FONT_SIZE, bold: spec.bold ?? false, italic: spec.italic ?? false, ...(spec.color ? { color: { argb: spec.color } } : {}) };
  cell.alignment = { horizontal: spec.hAlign ?? "left", vertical: "middle", wrapText: spec.wrap ?? false };
  if (spec.border) cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
  if (spec.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: spec.fill } };
  const numFmt = grid.numFmt ?? spec.numFmt;
  if (numFmt) cell.numFmt = numFmt;
}

function cellValue(grid: GridCell): ExcelJS.CellValue {
  if (grid.f !== undefined) {
    return { formula: grid.f, result: grid.v ?? undefined };
  }
  return grid.v;
}

function addSheet(wb: ExcelJS.Workbook, sheet: SheetGrid): void {
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? "hidden" : "visible",
    views: sheet.freezeRows ? [{ state: "frozen", ySplit: sheet.freezeRows }] : undefined,
    pageSetup: {
      paperSize: 9,
      orientation: sheet.landscape ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: inches(PRINT.marginsMm),
    },
  });
  if (sheet.printTitleRows) ws.pageSetup.printTitlesRow = `${sheet.printTitleRows[0]}:${sheet.printTitleRows[1]}`;
  ws.headerFooter.oddFooter = `&C${PRINT.footer}`;
  sheet.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (const c of sheet.hiddenColumns ?? []) ws.getColumn(c).hidden = true;
  sheet.heights?.forEach((h, r) => {
    if (h) ws.getRow(r + 1).height = h;
  });
  sheet.rows.forEach((cells, r) => {
    if (!cells) return;
    const row = ws.getRow(r + 1);
    cells.forEach((grid, c) => {
      if (!grid) return;
      const cell = row.getCell(c + 1);
      cell.value = cellValue(grid);
      styleCell(cell, grid);
    });
  });
  for (const range of sheet.merges) ws.mergeCells(range);
  // No password: anyone may unprotect (Review › Unprotect Sheet) to type over a figure on purpose.
  if (sheet.protect) void ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  for (const cf of sheet.conditionalFormats ?? []) {
    ws.addConditionalFormatting({
      ref: cf.range,
      rules: [{ type: "expression", priority: 1, formulae: [cf.formula], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: cf.fill } } } }],
    });
  }
  for (const v of sheet.validations) {
    const [from, to] = v.range.split(":");
    if (!parseCellAddress(from) || !parseCellAddress(to ?? from)) throw new Error(`vùng kiểm tra dữ liệu không hợp lệ: ${v.range}`);
    // One validation for the whole range (exceljs writes a range key as its sqref): never a cell,
    // and so never a row, per address — 5.000 rows of dropdown cost one element.
    validationsOf(ws).add(v.range, {
      type: "list",
      allowBlank: true,
      formulae: [v.source],
      showInputMessage: true,
      promptTitle: v.title,
      prompt: v.prompt,
      showErrorMessage: true,
      errorStyle: "stop",
      errorTitle: "Giá trị không hợp lệ",
      error: v.error,
    });
  }
}

/** exceljs's per-sheet validation list (present at run time, missing from its type declarations). */
function validationsOf(ws: ExcelJS.Worksheet): { add(address: string, validation: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations;
}

/** The workbook as exceljs objects (for callers that add to it before saving). */
export function gridToExcel(grid: WorkbookGrid): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "kehoach-iso";
  wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of grid.sheets) addSheet(wb, sheet);
  for (const n of grid.names) wb.definedNames.add(`${sheetRef(n.sheet)}!${n.ref}`, n.name);
  return wb;
}

/** The .xlsx bytes of a grid. */
export async function writeXlsx(grid: WorkbookGrid): Promise<Uint8Array> {
  // The fastest deflate level: a consolidated workbook of 5.000 agencies is written ~25 % sooner
  // for a file ~35 % larger (hundreds of KB), which matters more at a deadline than the size.
  const buffer = await gridToExcel(grid).xlsx.writeBuffer({ zip: { compression: "DEFLATE", compressionOptions: { level: 1 } } });
  return new Uint8Array(buffer);
}
