/** The PlanHost of the add-in inside Excel, over the Office.js adapter. */
import { calculationMode, listSheets, selectCell, writeCells, type ExcelApi, type Supports } from "../adapters/office/excelWorkbook";
import { readWorkbook } from "../adapters/office/excelRead";
import { dependentsOf, writeGrid, type Dependent } from "../adapters/office/excelWrite";
import { sheetKey } from "../workbook/excelRules";
import type { PlanHost } from "./host";

/** Dependents shown before the user is asked; the rest are counted. */
const SHOWN_DEPENDENTS = 12;

function dependentLine(d: Dependent): string {
  return d.name !== undefined ? `tên ${d.name} (${d.formula})` : `trang ${d.sheet}, ô ${d.cell}: ${d.formula}`;
}

export function excelHost(excel: ExcelApi, supports: Supports = () => true): PlanHost {
  return {
    kind: "excel",
    existingSheets: async (names) => {
      const have = new Set((await listSheets(excel)).map(sheetKey));
      return names.filter((n) => have.has(sheetKey(n)));
    },
    dependents: async (sheets) => {
      const found = await dependentsOf(excel, sheets);
      const lines = found.slice(0, SHOWN_DEPENDENTS).map(dependentLine);
      if (found.length > SHOWN_DEPENDENTS) lines.push(`và ${found.length - SHOWN_DEPENDENTS} chỗ khác`);
      return lines;
    },
    putWorkbook: async (grid, _fileName, existing) => {
      const { renamed, replaced, notDeleted } = await writeGrid(excel, grid, { existing, supports });
      const written = grid.sheets.filter((s) => !s.hidden).map((s) => s.name).join(", ");
      if (notDeleted.length > 0) return `Đã ghi các trang ${written}. Excel không cho xoá các trang cũ; chúng được giữ lại với tên: ${notDeleted.join(", ")}.`;
      if (renamed.length > 0) return `Đã ghi các trang ${written}. Trang cũ được giữ lại với tên: ${renamed.join(", ")}.`;
      if (replaced.length > 0) return `Đã ghi các trang ${written}, thay các trang cũ cùng tên.`;
      return `Đã ghi các trang ${written}.`;
    },
    readOpenWorkbook: () => readWorkbook(excel),
    selectCell: (sheet, cell) => selectCell(excel, sheet, cell),
    writeCells: (cells) => writeCells(excel, cells),
    ...(supports("1.8") ? { calculationMode: () => calculationMode(excel) } : {}),
  };
}
