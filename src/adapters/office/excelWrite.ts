/**
 * The standard workbook written into the open workbook, all or nothing.
 *
 * - Planned before anything is sent: the grid is checked against Excel's rules (sheet names, row
 *   heights, names, cell and formula lengths) and refused with the reason in Vietnamese.
 * - Our names are scoped to our own sheets: an older plan's sheets, sheets kept "(cũ)" and the
 *   user's own formulas keep reading what they read before. Nothing of the user's is deleted.
 * - Every request is measured as it is queued (the JSON office.js sends, each action's envelope
 *   included) and sent before it nears Excel on the web's 5 MB limit; large sheets go in chunks.
 * - If Excel still fails, the sheets added are removed and the sheets set aside renamed back, in
 *   a new batch, and the user reads a message chosen from Excel's error code.
 */
import type { SheetGrid, WorkbookGrid } from "../../workbook/grid";
import { sheetRef } from "../../workbook/grid";
import { gridProblems, namesForSheet, sheetKey, usesNames } from "../../workbook/excelRules";
import { FONT_NAME, FONT_SIZE, PRINT, STYLES } from "../../workbook/layout";
import { columnLetters } from "../../core/problems";
import { a1, cellInput, excelErrorCode, excelErrorMessage, ExcelWriteError, PAYLOAD_LIMIT, payloadBytes, type ExcelApi, type Supports } from "./excelWorkbook";
import { rectanglesByKey } from "./rectangles";

/** Queued bytes after which a write syncs: with one chunk more, still under the 5 MB limit. */
export const SYNC_PAYLOAD_BYTES = 3 * 1024 * 1024;
/** Bytes of cell data per range assignment of a large sheet. */
export const CHUNK_BYTES = 768 * 1024;

export class SheetsExist extends Error {
  constructor(readonly sheets: string[]) {
    super(`Sổ đã có các trang: ${sheets.join(", ")}`);
    this.name = "SheetsExist";
  }
}

/** What to do with sheets that already have the names we write: the user's answer. */
export type ExistingSheets = "refuse" | "keep" | "replace";

/** A free name for an old sheet kept aside: "Tên (cũ)", "Tên (cũ 2)" …, within Excel's 31 characters; `taken` holds sheetKeys. */
export function asideName(name: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? " (cũ)" : ` (cũ ${i})`;
    const candidate = name.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(sheetKey(candidate))) return candidate;
  }
}

/** Points per character of column width (Times New Roman 12). */
const POINTS_PER_CHAR = 6.5;

/** Queued work and its size: syncs before the next piece could take a request past the limit. */
class Request {
  syncs = 0;
  private pending = 0;
  constructor(private readonly context: Excel.RequestContext) {}
  /** Count what was just queued: a value, or `actions` small property sets. */
  add(value: unknown, actions = 1): void {
    this.pending += payloadBytes(value) + (actions - 1) * payloadBytes(null);
  }
  async maybeSync(): Promise<void> {
    if (this.pending >= SYNC_PAYLOAD_BYTES) await this.sync();
  }
  async sync(): Promise<void> {
    if (this.pending > PAYLOAD_LIMIT) throw new ExcelWriteError(`Một lần gửi tới Excel đã vượt 5 MB (${Math.round(this.pending / 1024)} KB) — lỗi của Kế hoạch ISO, xin báo lại.`);
    this.pending = 0;
    this.syncs++;
    await this.context.sync();
  }
}

async function queueCells(ws: Excel.Worksheet, sheet: SheetGrid, req: Request): Promise<{ rows: number; cols: number }> {
  // rows is sparse (empty rows are holes): iterate, do not spread.
  let cols = Math.max(sheet.widths.length, 1);
  for (const r of sheet.rows) if (r) cols = Math.max(cols, r.length);
  const rowCount = Math.max(sheet.rows.length, 1);
  let start = 0;
  let formulas: Array<Array<string | number | boolean>> = [];
  let formats: string[][] = [];
  let bytes = 0;
  const flush = async () => {
    if (formulas.length === 0) return;
    const range = ws.getRangeByIndexes(start, 0, formulas.length, cols);
    range.numberFormat = formats;
    range.formulas = formulas;
    req.add(formats);
    req.add(formulas);
    start += formulas.length;
    formulas = [];
    formats = [];
    bytes = 0;
    await req.maybeSync();
  };
  for (let r = 0; r < rowCount; r++) {
    const row: Array<string | number | boolean> = [];
    const fmt: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = sheet.rows[r]?.[c];
      const input = cell ? cellInput(cell.v, cell.f) : "";
      row.push(input);
      fmt.push(cell?.numFmt ?? (cell?.style ? STYLES[cell.style].numFmt : undefined) ?? "General");
    }
    // A rough size to cut chunks by; the request is measured exactly when the chunk is queued.
    for (const v of row) bytes += typeof v === "string" ? v.length * 2 + 3 : 12;
    for (const f of fmt) bytes += f.length + 3;
    formulas.push(row);
    formats.push(fmt);
    if (bytes >= CHUNK_BYTES) await flush();
  }
  await flush();
  return { rows: rowCount, cols };
}

async function queueFormats(ws: Excel.Worksheet, sheet: SheetGrid, size: { rows: number; cols: number }, req: Request, supports: Supports): Promise<void> {
  const all = ws.getRangeByIndexes(0, 0, size.rows, size.cols);
  all.format.font.name = FONT_NAME;
  all.format.font.size = FONT_SIZE;
  all.format.verticalAlignment = "Center";
  req.add(FONT_NAME, 4);
  const styles = rectanglesByKey(Array.from(sheet.rows, (r) => Array.from(r ?? [], (c) => c?.style)));
  for (const [name, rects] of styles) {
    const spec = STYLES[name];
    for (const rect of rects) {
      const range = ws.getRange(a1(rect.row, rect.col, rect.rows, rect.cols));
      const sets: Array<[boolean, () => void]> = [
        [!!spec.bold, () => (range.format.font.bold = true)],
        [!!spec.italic, () => (range.format.font.italic = true)],
        [!!spec.color, () => (range.format.font.color = `#${spec.color!.slice(2)}`)],
        [!!spec.size, () => (range.format.font.size = spec.size!)],
        [!!spec.hAlign, () => (range.format.horizontalAlignment = spec.hAlign === "left" ? "Left" : spec.hAlign === "center" ? "Center" : "Right")],
        [!!spec.wrap, () => (range.format.wrapText = true)],
        [!!spec.fill, () => (range.format.fill.color = `#${spec.fill!.slice(2)}`)],
      ];
      let count = 1;
      for (const [wanted, set] of sets) {
        if (!wanted) continue;
        set();
        count++;
      }
      if (spec.border) {
        for (const edge of ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical"] as const) {
          range.format.borders.getItem(edge).style = "Continuous";
        }
        count += 12;
      }
      req.add("Continuous", count);
      await req.maybeSync();
    }
  }
  sheet.widths.forEach((w, c) => {
    ws.getRange(`${columnLetters(c + 1)}:${columnLetters(c + 1)}`).format.columnWidth = w * POINTS_PER_CHAR;
    req.add(w, 2);
  });
  for (const c of sheet.hiddenColumns ?? []) {
    ws.getRange(`${columnLetters(c)}:${columnLetters(c)}`).columnHidden = true;
    req.add(true, 2);
  }
  // Rows of the same height in one request each.
  const heights = sheet.heights ?? [];
  for (let r = 0; r < heights.length; ) {
    const h = heights[r];
    let end = r + 1;
    while (end < heights.length && heights[end] === h) end++;
    if (h) {
      ws.getRange(`${r + 1}:${end}`).format.rowHeight = h;
      req.add(h, 2);
      await req.maybeSync();
    }
    r = end;
  }
  for (const m of sheet.merges) {
    ws.getRange(m).merge(false);
    req.add(m, 2);
  }
  // Dropdowns need ExcelApi 1.8 (Excel 2019 retail, 2021, Microsoft 365); without them the lists still compute.
  for (const v of supports("1.8") ? sheet.validations : []) {
    const range = ws.getRange(v.range);
    range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${v.source}` } };
    range.dataValidation.prompt = { showPrompt: true, title: v.title, message: v.prompt };
    range.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "Giá trị không hợp lệ", message: v.error };
    req.add([v.source, v.title, v.prompt, v.error], 4);
  }
  for (const cf of sheet.conditionalFormats ?? []) {
    const format = ws.getRange(cf.range).conditionalFormats.add("Custom");
    format.custom.rule.formula = `=${cf.formula}`;
    format.custom.format.fill.color = `#${cf.fill.slice(2)}`;
    req.add(cf, 4);
  }
  if (sheet.freezeRows) ws.freezePanes.freezeRows(sheet.freezeRows);
  // Page layout needs ExcelApi 1.9; on older Excel the sheets print with Excel's defaults.
  if (supports("1.9")) {
    ws.pageLayout.orientation = sheet.landscape ? "Landscape" : "Portrait";
    ws.pageLayout.paperSize = "A4";
    if (sheet.printTitleRows) ws.pageLayout.setPrintTitleRows(`$${sheet.printTitleRows[0]}:$${sheet.printTitleRows[1]}`);
    const pt = (mm: number) => Math.round((mm / 25.4) * 72 * 10) / 10;
    const m = PRINT.marginsMm;
    ws.pageLayout.setPrintMargins("Points", { top: pt(m.top), bottom: pt(m.bottom), left: pt(m.left), right: pt(m.right), header: pt(m.header), footer: pt(m.footer) });
    ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    ws.pageLayout.headersFooters.defaultForAllPages.centerFooter = PRINT.footer;
    req.add(PRINT, 8);
  }
  if (sheet.hidden) ws.visibility = "Hidden";
  if (sheet.protect) ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true });
  req.add(null, 3);
  await req.maybeSync();
}

/** The workbook's sheets before a write, by id: what a rollback returns to. */
interface Before {
  id: string;
  name: string;
}

async function sheetsNow(excel: ExcelApi): Promise<Before[]> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name, items/id");
    await context.sync();
    return sheets.items.map((s) => ({ id: s.id, name: s.name }));
  });
}

/** Put the workbook's sheets back as they were: sheets added since are removed, sheets renamed get their names back. */
async function rollback(excel: ExcelApi, before: Before[]): Promise<void> {
  await excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name, items/id");
    await context.sync();
    const was = new Map(before.map((b) => [b.id, b.name]));
    for (const s of sheets.items) if (!was.has(s.id)) s.delete();
    await context.sync();
    for (const s of sheets.items) {
      const name = was.get(s.id);
      if (name !== undefined && name !== s.name) s.name = name;
    }
    await context.sync();
  });
}

export interface WriteResult {
  syncs: number;
  /** Old sheets kept, under their new names. */
  renamed: string[];
  /** Old sheets replaced (deleted once the new ones were in place). */
  replaced: string[];
  /** Old sheets that were to be replaced but could not be deleted (kept under these names). */
  notDeleted: string[];
}

/**
 * Write a workbook grid into the open workbook. Sheets of the same names (as Excel compares
 * them) are an error (SheetsExist) unless the user chose: "keep" renames them "… (cũ)" and keeps
 * them; "replace" deletes them once the new ones are in place. All or nothing: on any failure the
 * workbook is put back as it was and an ExcelWriteError says why, in Vietnamese.
 */
export async function writeGrid(excel: ExcelApi, grid: WorkbookGrid, opts: { existing?: ExistingSheets; supports?: Supports } = {}): Promise<WriteResult> {
  const supports = opts.supports ?? (() => true);
  const existingMode = opts.existing ?? "refuse";
  const problems = gridProblems(grid);
  if (problems.length > 0) throw new ExcelWriteError(`Không ghi vào sổ vì Excel sẽ không nhận: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}. Sổ không bị thay đổi.`);
  const before = await sheetsNow(excel);
  const existing = new Map(before.map((s) => [sheetKey(s.name), s.name]));
  const clash = grid.sheets.flatMap((s) => existing.get(sheetKey(s.name)) ?? []);
  if (clash.length > 0 && existingMode === "refuse") throw new SheetsExist(clash);
  const taken = new Set(existing.keys());
  const aside = clash.map((name) => {
    const to = asideName(name, taken);
    taken.add(sheetKey(to));
    return to;
  });
  let syncs = 1;
  try {
    syncs += await excel.run(async (context) => {
      const req = new Request(context);
      const sheets = context.workbook.worksheets;
      clash.forEach((name, i) => (sheets.getItem(name).name = aside[i]));
      const added = grid.sheets.map((sheet) => sheets.add(sheet.name));
      req.add(grid.sheets.map((s) => s.name), clash.length + grid.sheets.length);
      // Names first, scoped to the sheet whose formulas use them, so that every formula written
      // next binds to this plan's name and never to an older plan's of the same name.
      grid.sheets.forEach((sheet, i) => {
        for (const n of namesForSheet(sheet, grid.names)) {
          const reference = `=${sheetRef(n.sheet)}!${n.ref}`;
          added[i].names.add(n.name, reference);
          req.add([n.name, reference]);
        }
      });
      await req.sync();
      for (const [i, sheet] of grid.sheets.entries()) {
        const size = await queueCells(added[i], sheet, req);
        await queueFormats(added[i], sheet, size, req, supports);
      }
      added[grid.sheets.findIndex((s) => !s.hidden)]?.activate();
      await req.sync();
      return req.syncs;
    });
  } catch (e) {
    const undone = await rollback(excel, before).then(
      () => "Sổ đã được trả lại như trước khi ghi.",
      (r: unknown) => `Không trả lại được hết (${excelErrorMessage(r)}): hãy xem các trang vừa thêm và các trang có “(cũ)”.`,
    );
    const why = e instanceof ExcelWriteError ? e.message : excelErrorMessage(e);
    throw new ExcelWriteError(`Không ghi được vào sổ: ${why} ${undone}`, excelErrorCode(e));
  }
  if (existingMode !== "replace" || aside.length === 0) return { syncs, renamed: aside, replaced: [], notDeleted: [] };
  // Old sheets go only after the new ones are all in place (a workbook may not lose its last sheet);
  // if Excel refuses, they stay set aside and the user is told.
  try {
    await excel.run(async (context) => {
      for (const name of aside) context.workbook.worksheets.getItem(name).delete();
      await context.sync();
    });
    return { syncs: syncs + 1, renamed: [], replaced: clash, notDeleted: [] };
  } catch {
    const left = new Set((await sheetsNow(excel)).map((s) => sheetKey(s.name)));
    const notDeleted = aside.filter((a) => left.has(sheetKey(a)));
    return { syncs: syncs + 1, renamed: [], replaced: clash.filter((_, i) => !notDeleted.includes(aside[i])), notDeleted };
  }
}

/** A formula that refers to a sheet about to be replaced: it would show #REF! afterwards. */
export interface Dependent {
  /** The sheet and cell of a formula, or the defined name. */
  sheet?: string;
  cell?: string;
  name?: string;
  formula: string;
}

/** References to a sheet in a formula: 'Name'! or Name!, without regard to case. */
function sheetPattern(name: string): RegExp {
  const esc = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const bare = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? `|(?<![\\p{L}\\p{N}_.'])${esc(name)}!` : "";
  return new RegExp(`'${esc(name.replace(/'/g, "''"))}'!${bare}`, "iu");
}

/** Cells of formulas loaded per request when looking for dependents: far under the 5 MB response limit. */
const SCAN_CELLS = 100_000;

/**
 * What replacing these sheets would break, found before asking: the formulas of the user's other
 * sheets and the names that refer to them (Excel turns those into #REF! when a sheet is deleted),
 * and the formulas that use such a name.
 */
export async function dependentsOf(excel: ExcelApi, targets: readonly string[]): Promise<Dependent[]> {
  if (targets.length === 0) return [];
  const refersToTarget = (f: string) => targets.some((t) => sheetPattern(t).test(f));
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const names = context.workbook.names;
    names.load("items/name, items/formula");
    await context.sync();
    const out: Dependent[] = [];
    const broken = names.items.flatMap((n) => {
      const formula: unknown = n.formula;
      return typeof formula === "string" && refersToTarget(formula) ? [{ name: n.name, formula }] : [];
    });
    out.push(...broken);
    const usesBroken = usesNames(broken.map((n) => n.name));
    const targetKeys = new Set(targets.map(sheetKey));
    const others = sheets.items.filter((s) => !targetKeys.has(sheetKey(s.name)));
    const used = others.map((ws) => {
      const r = ws.getUsedRangeOrNullObject(true);
      r.load("rowIndex, columnIndex, rowCount, columnCount");
      return { ws, r };
    });
    await context.sync();
    const chunks: Array<{ sheet: string; row: number; col: number; range: Excel.Range }> = [];
    let cells = 0;
    // A request per SCAN_CELLS cells loaded, so that no response nears the limit.
    const sendWhenFull = async () => {
      if (cells < SCAN_CELLS) return;
      cells = 0;
      await context.sync();
    };
    for (const { ws, r } of used) {
      if (r.isNullObject) continue;
      const rows = Math.max(1, Math.floor(SCAN_CELLS / Math.max(1, r.columnCount)));
      for (let start = 0; start < r.rowCount; start += rows) {
        const n = Math.min(rows, r.rowCount - start);
        const range = ws.getRangeByIndexes(r.rowIndex + start, r.columnIndex, n, r.columnCount);
        range.load("formulas");
        chunks.push({ sheet: ws.name, row: r.rowIndex + start, col: r.columnIndex, range });
        cells += n * r.columnCount;
        await sendWhenFull();
      }
    }
    await context.sync();
    for (const c of chunks) {
      (c.range.formulas as unknown[][]).forEach((row, i) =>
        row.forEach((f, j) => {
          if (typeof f !== "string" || !f.startsWith("=")) return;
          if (refersToTarget(f) || usesBroken(f)) out.push({ sheet: c.sheet, cell: a1(c.row + i, c.col + j, 1, 1), formula: f });
        }),
      );
    }
    return out;
  });
}
