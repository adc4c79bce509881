/**
 * A mapping of old units to new ones (after the 2025 mergers): a sheet or CSV with the columns
 * "Tên cũ", "Địa bàn cũ", "Tên mới", "Địa bàn mới" (headers found by text, any order; the areas
 * may be left out). Many old units may map to one new unit.
 */
import type { UnitMapping } from "../core/season";
import type { RawWorkbook } from "./grid";
import { cellText, findHeader } from "./read";
import type { ColumnSpec } from "./layout";

type MappingColumn = "oldName" | "oldArea" | "newName" | "newArea";

export const MAPPING_COLUMNS: ColumnSpec<MappingColumn>[] = [
  { key: "oldName", header: "Tên cũ", width: 36, aliases: ["Tên cơ quan cũ", "Đơn vị cũ", "Tên năm trước"], style: "text" },
  { key: "oldArea", header: "Địa bàn cũ", width: 24, aliases: ["Địa bàn năm trước"], style: "text" },
  { key: "newName", header: "Tên mới", width: 36, aliases: ["Tên cơ quan mới", "Đơn vị mới", "Tên năm nay"], style: "text" },
  { key: "newArea", header: "Địa bàn mới", width: 24, aliases: ["Địa bàn năm nay"], style: "text" },
];

export class MappingProblem extends Error {}

/** The mapping a workbook holds (its first sheet with "Tên cũ" and "Tên mới" headers). */
export function mappingFromRaw(raw: RawWorkbook, file: string): UnitMapping[] {
  for (const sheet of raw.sheets) {
    const header = findHeader(sheet, MAPPING_COLUMNS, ["oldName", "newName"]);
    if (!header) continue;
    const c = header.cols;
    const out: UnitMapping[] = [];
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r] ?? [];
      const get = (k: MappingColumn) => {
        const col = c[k];
        return col ? cellText(cells[col - 1]) : "";
      };
      const oldName = get("oldName");
      const newName = get("newName");
      if (!oldName && !newName) continue;
      if (!oldName || !newName) {
        throw new MappingProblem(`${file}, trang "${sheet.name}", dòng ${r + 1}: cần cả tên cũ và tên mới.`);
      }
      out.push({ oldName, oldArea: get("oldArea"), newName, newArea: get("newArea") });
    }
    return out;
  }
  throw new MappingProblem(`${file}: không thấy bảng chuyển đổi (cần các cột "Tên cũ" và "Tên mới", có thể thêm "Địa bàn cũ", "Địa bàn mới").`);
}
