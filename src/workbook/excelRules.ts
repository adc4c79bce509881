/**
 * Excel's own rules for what a workbook may hold — sheet names, defined names, row heights,
 * cell and formula lengths — checked on a grid before anything is written, so that a write
 * never fails half-way on something that could be known in advance. Pure: used by the writers
 * and by the Office.js adapter's write plan.
 */
import { MAX_CELL_CHARS } from "./cellValues";
import type { DefinedName, SheetGrid, WorkbookGrid } from "./grid";

/** Excel's most rows in a sheet. */
export const MAX_ROWS = 1_048_576;

/** A sheet the layout would make past what Excel holds: said when it is built, before anything is written. */
export class BeyondExcel extends Error {}

/** Excel's tallest row, in points. */
export const MAX_ROW_HEIGHT = 409;
/** Excel's longest sheet name, in characters. */
export const MAX_SHEET_NAME = 31;
/** Excel's longest formula, in characters. */
export const MAX_FORMULA_CHARS = 8192;
/** Excel's longest defined name, in characters. */
export const MAX_NAME_CHARS = 255;

/** A sheet name as Excel compares names: without regard to case ("Thông Tin" is "Thông tin"). */
export function sheetKey(name: string): string {
  return name.normalize("NFC").toLocaleUpperCase("vi");
}

/** Why Excel would refuse this sheet name, in Vietnamese, or null. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === "") return "tên trang trống";
  if ([...name].length > MAX_SHEET_NAME) return `tên trang "${name}" dài quá ${MAX_SHEET_NAME} ký tự`;
  const bad = name.match(/[\\/?*:[\]]/);
  if (bad) return `tên trang "${name}" có ký tự "${bad[0]}" mà Excel không cho phép`;
  if (name.startsWith("'") || name.endsWith("'")) return `tên trang "${name}" bắt đầu hoặc kết thúc bằng dấu nháy đơn`;
  if (sheetKey(name) === "HISTORY") return `"${name}" là tên trang Excel dành riêng`;
  return null;
}

/** A1 or R1C1 cell reference: Excel refuses these as defined names. */
function looksLikeCell(name: string): boolean {
  const a1 = /^([A-Z]{1,3})(\d{1,7})$/i.exec(name);
  if (a1) {
    const col = [...a1[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    if (col <= 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return true;
  }
  return /^(R(\d*)?C?(\d*)?|C\d*)$/i.test(name);
}

/** Why Excel would refuse this defined name, in Vietnamese, or null. */
export function definedNameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_NAME_CHARS) return `tên "${name}" trống hoặc dài quá ${MAX_NAME_CHARS} ký tự`;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) return `tên "${name}" có ký tự Excel không cho phép trong tên`;
  if (looksLikeCell(name)) return `tên "${name}" trùng dạng địa chỉ ô`;
  return null;
}

/** Everything in a grid that Excel would refuse, in Vietnamese (empty when it may be written). */
export function gridProblems(grid: WorkbookGrid): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const sheet of grid.sheets) {
    const p = sheetNameProblem(sheet.name);
    if (p) problems.push(p);
    if (seen.has(sheetKey(sheet.name))) problems.push(`hai trang cùng tên "${sheet.name}"`);
    seen.add(sheetKey(sheet.name));
    sheet.heights?.forEach((h, r) => {
      if (h > MAX_ROW_HEIGHT) problems.push(`trang "${sheet.name}", dòng ${r + 1}: cao ${h} pt, quá mức ${MAX_ROW_HEIGHT} pt của Excel`);
    });
    sheet.rows.forEach((cells, r) =>
      cells?.forEach((cell, c) => {
        if (!cell) return;
        if (typeof cell.v === "string" && cell.v.length > MAX_CELL_CHARS) problems.push(`trang "${sheet.name}", dòng ${r + 1}, cột ${c + 1}: ô dài quá ${MAX_CELL_CHARS} ký tự`);
        if (cell.f !== undefined && cell.f.length + 1 > MAX_FORMULA_CHARS) problems.push(`trang "${sheet.name}", dòng ${r + 1}, cột ${c + 1}: công thức dài quá ${MAX_FORMULA_CHARS} ký tự`);
      }),
    );
  }
  const names = new Set<string>();
  for (const n of grid.names) {
    const p = definedNameProblem(n.name);
    if (p) problems.push(p);
    if (names.has(n.name.toUpperCase())) problems.push(`hai tên cùng là "${n.name}"`);
    names.add(n.name.toUpperCase());
    if (!seen.has(sheetKey(n.sheet))) problems.push(`tên "${n.name}" chỉ tới trang "${n.sheet}" không có trong sổ`);
  }
  return problems;
}

/** Every formula text of a sheet: its cells', its dropdown sources', its conditional formats'. */
function formulasOf(sheet: SheetGrid): string[] {
  const out: string[] = [];
  for (const cells of sheet.rows) for (const cell of cells ?? []) if (cell?.f) out.push(cell.f);
  for (const v of sheet.validations) out.push(v.source);
  for (const cf of sheet.conditionalFormats ?? []) out.push(cf.formula);
  return out;
}

/**
 * Whether a formula uses one of these defined names (the test built once, for many formulas). Names
 * are compared as Excel compares them, without regard to case; text in string literals and a sheet
 * qualifier are not uses.
 */
export function usesNames(names: readonly string[]): (formula: string) => boolean {
  if (names.length === 0) return () => false;
  const alternatives = names.map((n) => n.replace(/[.\\]/g, "\\$&")).join("|");
  const use = new RegExp(`(^|[^\\p{L}\\p{N}_.!$])(${alternatives})(?![\\p{L}\\p{N}_.(!])`, "iu");
  return (formula) => use.test(formula.replace(/"(?:[^"]|"")*"/g, '""').replace(/'(?:[^']|'')*'!/g, ""));
}

/**
 * The defined names a sheet needs in its own scope: those its formulas, dropdowns and conditional
 * formats use, and those that point into it. Scoped to our own sheets, the names never change what
 * another plan's sheets or the user's own formulas read.
 */
export function namesForSheet(sheet: SheetGrid, names: readonly DefinedName[]): DefinedName[] {
  const text = formulasOf(sheet).join("\n");
  return names.filter((n) => sheetKey(n.sheet) === sheetKey(sheet.name) || usesNames([n.name])(text));
}
