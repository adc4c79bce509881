/** The PlanHost of the add-in inside Excel, over the Office.js adapter. */
import { listSheets, readWorkbook, selectCell, writeCells, writeGrid, type ExcelApi } from "../adapters/office/excelWorkbook";
import type { PlanHost } from "./host";

export function excelHost(excel: ExcelApi): PlanHost {
  return {
    kind: "excel",
    existingSheets: async (names) => {
      const have = new Set(await listSheets(excel));
      return names.filter((n) => have.has(n));
    },
    putWorkbook: async (grid, _fileName, keepOld) => {
      const { renamed } = await writeGrid(excel, grid, { keepOld });
      const written = grid.sheets.filter((s) => !s.hidden).map((s) => s.name).join(", ");
      return renamed.length > 0 ? `Đã ghi các trang ${written}. Trang cũ được giữ lại với tên: ${renamed.join(", ")}.` : `Đã ghi các trang ${written}.`;
    },
    readOpenWorkbook: () => readWorkbook(excel),
    selectCell: (sheet, cell) => selectCell(excel, sheet, cell),
    writeCells: (cells) => writeCells(excel, cells),
  };
}
