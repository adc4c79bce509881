/** Loads an .xlsx file with exceljs into raw cell values for the workbook reader. */
import ExcelJS from "exceljs";
import type { RawValue, RawWorkbook } from "../../workbook/grid";
import { SHEETS } from "../../workbook/layout";
import { fontEncoding } from "../../core/legacyEncoding";
import { cellError } from "../../workbook/cellValues";

/** Sheets the reader never needs: our own lookup tables, rebuilt on every write. */
const SKIPPED_SHEETS = new Set<string>([SHEETS.lists]);

/** Worksheet parts that carry nothing the reader uses (merges are kept: they decide which cell holds a value). */
const IGNORED_NODES = [
  "dataValidations", "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "autoFilter",
  "conditionalFormatting", "hyperlinks", "pageMargins", "printOptions", "pageSetup", "headerFooter",
  "rowBreaks", "drawing", "picture", "tableParts", "extLst",
];

function rawValue(cell: ExcelJS.Cell): RawValue {
  if (cell.isMerged && cell.master.address !== cell.address) return null;
  return plain(cell.value);
}

function plain(v: ExcelJS.CellValue): RawValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) return v;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((t) => t.text).join("");
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      return result === undefined ? null : plain(result as ExcelJS.CellValue);
    }
    if ("error" in v) return cellError(String(v.error));
    if ("text" in v) return plain((v as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

/** Raw values of every sheet of a loaded exceljs workbook. */
export function excelToRaw(wb: ExcelJS.Workbook): RawWorkbook {
  return {
    sheets: wb.worksheets.filter((ws) => !SKIPPED_SHEETS.has(ws.name)).map((ws) => {
      const rows: RawValue[][] = [];
      const legacyFonts: Record<string, string> = {};
      ws.eachRow({ includeEmpty: false }, (row, r) => {
        const cells: RawValue[] = [];
        row.eachCell({ includeEmpty: false }, (cell, c) => {
          cells[c - 1] = rawValue(cell);
          const font = cell.font?.name;
          if (typeof cells[c - 1] === "string" && fontEncoding(font)) legacyFonts[`${r - 1},${c - 1}`] = font!;
        });
        for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
        rows[r - 1] = cells;
      });
      for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
      return {
        name: ws.name,
        rows,
        ...(ws.state === "hidden" || ws.state === "veryHidden" ? { hidden: true } : {}),
        ...(Object.keys(legacyFonts).length > 0 ? { legacyFonts } : {}),
      };
    }),
  };
}

/** Load .xlsx bytes into an exceljs workbook, skipping parts the reader does not use (data validations are slow to read). */
export async function loadExcel(data: ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const buf = data instanceof Uint8Array ? data : new Uint8Array(data);
  await wb.xlsx.load(buf as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES } as never);
  return wb;
}

export async function readXlsx(data: ArrayBuffer | Uint8Array): Promise<RawWorkbook> {
  return excelToRaw(await loadExcel(data));
}
