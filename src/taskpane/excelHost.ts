/** The PlanHost of the add-in inside Excel, over the Office.js adapter. */
import { calculationMode, listSheets, sheetKey, readWorkbook, selectCell, writeCells, writeGrid, type ExcelApi, type Supports } from "../adapters/office/excelWorkbook";
import type { PlanHost } from "./host";

export function excelHost(excel: ExcelApi, supports: Supports = () => true): PlanHost {
  return {
    kind: "excel",
    existingSheets: async (names) => {
      const have = new Set((await listSheets(excel)).map(sheetKey));
      return names.filter((n) => have.has(sheetKey(n)));
    },
    putWorkbook: async (grid, _fileName, existing) => {
      const { renamed, replaced } = await writeGrid(excel, grid, { existing, supports });
      const written = grid.sheets.filter((s) => !s.hidden).map((s) => s.name).join(", ");
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
