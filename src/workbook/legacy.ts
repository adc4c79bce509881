/**
 * Every text cell of a workbook checked for the legacy Vietnamese encodings before the
 * plan is read: converted to Unicode when it clearly reads as Vietnamese (a warning
 * names the cell and both spellings), reported as an error when it is unclear.
 */
import { classifyLegacy } from "../core/legacyEncoding";
import type { Problem } from "../core/problems";
import { problemAt } from "../core/validate";
import type { RawSheet, RawValue, RawWorkbook } from "./grid";

export interface LegacyPass {
  raw: RawWorkbook;
  problems: Problem[];
  /** Cells whose text could not be read, as "sheet\u0000row,col" (0-based). */
  unclear: Set<string>;
}

const NAMES = { tcvn3: "TCVN3 (ABC, phông .VnTime)", vni: "VNI (phông VNI-Times)" } as const;

const NON_ASCII = /[^\x00-\x7f]/;

export const unclearKey = (sheet: string, row: number, col: number) => `${sheet}\u0000${row},${col}`;

export function convertLegacy(wb: RawWorkbook): LegacyPass {
  const problems: Problem[] = [];
  const unclear = new Set<string>();
  // Rows and sheets are copied only where a cell changes: most workbooks have no legacy text at all.
  const sheets = wb.sheets.map((sheet) => {
    let rows: RawSheet["rows"] | null = null;
    // A cell's font is looked for only in a sheet that has legacy fonts at all (most have none).
    const fonts = sheet.legacyFonts && Object.keys(sheet.legacyFonts).length > 0 ? sheet.legacyFonts : null;
    sheet.rows.forEach((cells, r) => {
      let changed: RawValue[] | null = null;
      cells.forEach((v, c) => {
        if (typeof v !== "string" || !NON_ASCII.test(v)) return;
        const verdict = classifyLegacy(v, fonts?.[`${r},${c}`]);
        if (verdict.kind === "unicode") return;
        const at = { sheet: sheet.name, row: r + 1, col: c + 1 };
        if (verdict.kind === "converted") {
          problems.push(problemAt(at, "warning", "LEGACY_ENCODING", `Đã chuyển chữ gõ bằng bảng mã ${NAMES[verdict.encoding]} sang Unicode: "${v}" → "${verdict.text}".`));
          (changed ??= [...cells])[c] = verdict.text;
        } else if (verdict.kind === "unclear") {
          unclear.add(unclearKey(sheet.name, r, c));
          problems.push(
            problemAt(at, "error", "LEGACY_ENCODING",
              `Chữ "${v}" có vẻ gõ bằng bảng mã cũ${verdict.encoding ? ` ${NAMES[verdict.encoding]}` : ""} nhưng không chuyển được chắc chắn; hãy chuyển sang Unicode (Unikey: Công cụ chuyển mã) rồi gửi lại.`),
          );
        }
      });
      if (changed) (rows ??= [...sheet.rows])[r] = changed;
    });
    return rows ? { ...sheet, rows } : sheet;
  });
  return { raw: { sheets }, problems, unclear };
}
