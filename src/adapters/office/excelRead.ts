/**
 * The open workbook read for the plan reader, asking Excel only for what the reader needs:
 * each sheet's first rows first (where the reader finds a sheet's role), then in full only the
 * sheets that may play a part, in chunks whose responses stay far under Excel on the web's 5 MB.
 * A 60.000-row data sheet beside the plan costs its first rows, not the plan's failure.
 */
import type { RawSheet, RawValue, RawWorkbook } from "../../workbook/grid";
import { cellError, isDateFormat, serialToDate } from "../../workbook/cellValues";
import { HEADER_SCAN_ROWS, isAmountHeader, sheetMayBeUsed } from "../../workbook/read";
import { payloadBytes, type ExcelApi } from "./excelWorkbook";

/** What Excel returns for a range. */
export interface OfficeRange {
  values: Array<Array<string | number | boolean | null>>;
  valueTypes: string[][];
  numberFormat: string[][];
}

/** Columns of a sheet's first rows looked at to give it a role. */
const PROBE_COLS = 64;
/** Response bytes aimed at per request when a sheet is read in chunks (the limit is 5 MB). */
const CHUNK_RESPONSE = 1.5 * 1024 * 1024;

/** A cell's number format; Excel may give a non-string for a cell without one. */
const formatAt = (r: OfficeRange, i: number, j: number): string => {
  const f: unknown = r.numberFormat[i]?.[j];
  return typeof f === "string" ? f : "";
};

/** A date-formatted cell whose year differs between the 1900 and the 1904 date systems, to ask Excel which one it shows. */
function firstDateCell(r: OfficeRange): [number, number] | null {
  for (let i = 0; i < r.values.length; i++) {
    for (let j = 0; j < r.values[i].length; j++) {
      const v = r.values[i][j];
      if (r.valueTypes[i]?.[j] === "Double" && typeof v === "number" && isDateFormat(null, formatAt(r, i, j))) {
        const a = serialToDate(v, false);
        const b = serialToDate(v, true);
        if (a && b && a.getUTCFullYear() !== b.getUTCFullYear()) return [i, j];
      }
    }
  }
  return null;
}

/** Is the workbook on the 1904 date system: does Excel show a date cell with the 1904 year? */
export function shows1904(serial: number, text: string): boolean {
  const y1904 = String(serial2year(serial, true));
  const y1900 = String(serial2year(serial, false));
  return text.includes(y1904) && !text.includes(y1900);
}

function serial2year(serial: number, date1904: boolean): number {
  return serialToDate(serial, date1904)?.getUTCFullYear() ?? NaN;
}

/** Cell values as the other readers give them: dates by number format and date system, errors as errors, "" as no value. */
export function officeValues(r: OfficeRange, date1904: boolean): RawValue[][] {
  return r.values.map((row, i) =>
    row.map((v, j): RawValue => {
      if (v === "" || v === null || v === undefined) return null;
      const type = r.valueTypes[i]?.[j];
      if (type === "Error") return cellError(String(v));
      if (typeof v === "number") return (isDateFormat(null, formatAt(r, i, j)) && serialToDate(v, date1904)) || v;
      return v;
    }),
  );
}

/** One sheet as it is being read: its used range, and its ranges loaded so far (top to bottom). */
interface Reading {
  ws: Excel.Worksheet;
  name: string;
  hidden: boolean;
  used: Excel.Range;
  parts: Array<{ row: number; range: Excel.Range }>;
  /** Rows and columns of its first rows' range. */
  probe?: [number, number];
  formulas?: Excel.Range;
}

const asOffice = (r: Excel.Range) => r as unknown as OfficeRange;

/** The first loaded date cell whose year differs between the date systems, to ask Excel what it shows. */
function dateProbe(sheets: Reading[]): { serial: number; cell: Excel.Range } | null {
  for (const s of sheets) {
    for (const p of s.parts) {
      const at = firstDateCell(asOffice(p.range));
      if (at) return { serial: p.range.values[at[0]][at[1]] as number, cell: s.ws.getCell(p.row + at[0], s.used.columnIndex + at[1]) };
    }
  }
  return null;
}

/** Does a range's values hold a budget's "Số tiền" header, as the reader finds it (so its formulas are worth loading)? */
function hasAmountHeader(values: unknown[][]): boolean {
  return values.some((row) => row.some((v) => typeof v === "string" && isAmountHeader(v)));
}

/**
 * The sheets a plan may be read from (formulas as their results), for the plan reader: the sheet
 * list, the used ranges, every sheet's first rows, then — in one more request, or a few for a
 * large plan — the rest of the sheets that may play a part, the budget's formulas (to tell a
 * number typed over the template's formula) and, when there is a date, the date system.
 */
export async function readWorkbook(excel: ExcelApi): Promise<RawWorkbook> {
  return excel.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name, items/visibility");
    await context.sync();
    const reading: Reading[] = sheets.items.map((ws) => {
      const used = ws.getUsedRangeOrNullObject(true);
      used.load("rowIndex, columnIndex, rowCount, columnCount");
      return { ws, name: ws.name, hidden: ws.visibility !== undefined && ws.visibility !== "Visible", used, parts: [] };
    });
    await context.sync();
    const present = reading.filter((s) => !s.used.isNullObject);
    for (const s of present) {
      s.probe = [Math.min(s.used.rowCount, HEADER_SCAN_ROWS), Math.min(s.used.columnCount, PROBE_COLS)];
      const top = s.ws.getRangeByIndexes(s.used.rowIndex, s.used.columnIndex, s.probe[0], s.probe[1]);
      top.load("values, valueTypes, numberFormat");
      s.parts.push({ row: s.used.rowIndex, range: top });
    }
    await context.sync();
    // Which sheets may play a part, from what the reader would look at; the others stay at their first rows.
    const needed = present.filter((s) => sheetMayBeUsed(sheetOf(s, false)));
    let date = dateProbe(needed);
    let pending = 0;
    let queued = false;
    // A request per CHUNK_RESPONSE bytes of cells loaded, so that no response nears the limit.
    const sendWhenFull = async () => {
      if (pending < CHUNK_RESPONSE) return;
      pending = 0;
      await context.sync();
    };
    for (const s of needed) {
      const top = s.parts[0].range;
      const [probeRows, probeCols] = s.probe ?? [0, 0];
      if (hasAmountHeader(top.values)) {
        s.formulas = s.ws.getRangeByIndexes(s.used.rowIndex, s.used.columnIndex, s.used.rowCount, s.used.columnCount);
        s.formulas.load("formulas");
        queued = true;
      }
      if (probeRows === s.used.rowCount && probeCols === s.used.columnCount) continue;
      // The rest of the sheet, full width, in chunks sized from what its first rows cost.
      const perRow = (Math.max(64, (payloadBytes(top.values) + payloadBytes(top.valueTypes) + payloadBytes(top.numberFormat)) / probeRows) * s.used.columnCount) / probeCols;
      const rows = Math.max(1, Math.floor(CHUNK_RESPONSE / perRow));
      s.parts = [];
      for (let start = 0; start < s.used.rowCount; start += rows) {
        const n = Math.min(rows, s.used.rowCount - start);
        const range = s.ws.getRangeByIndexes(s.used.rowIndex + start, s.used.columnIndex, n, s.used.columnCount);
        range.load("values, valueTypes, numberFormat");
        s.parts.push({ row: s.used.rowIndex + start, range });
        queued = true;
        pending += n * perRow;
        await sendWhenFull();
      }
    }
    // The date system, from what Excel shows in a date cell whose year differs between the two:
    // asked with the last chunk when a sheet's first rows have one, else once everything is in.
    if (date) date.cell.load("text");
    if (queued || date) await context.sync();
    if (!date && queued) {
      date = dateProbe(needed);
      if (date) {
        date.cell.load("text");
        await context.sync();
      }
    }
    let date1904 = false;
    if (date) {
      const shown: unknown = date.cell.text[0]?.[0];
      date1904 = shows1904(date.serial, typeof shown === "string" ? shown : "");
    }
    return { sheets: reading.map((s) => sheetOf(s, date1904)) };
  });
}

/** A sheet as the readers give it, from the ranges loaded for it (placed where they are). */
function sheetOf(s: Reading, date1904: boolean): RawSheet {
  const sheet: RawSheet = { name: s.name, rows: [] };
  if (s.hidden) sheet.hidden = true;
  if (s.used.isNullObject) return sheet;
  const col = s.used.columnIndex;
  const pad: RawValue[] = new Array<RawValue>(col).fill(null);
  sheet.rows = new Array(s.used.rowIndex).fill(null).map((): RawValue[] => []);
  for (const p of s.parts) for (const values of officeValues(asOffice(p.range), date1904)) sheet.rows.push([...pad, ...values]);
  if (s.formulas) {
    const formulas: Record<string, string> = {};
    (s.formulas.formulas as unknown[][]).forEach((row, i) =>
      row.forEach((f, j) => {
        if (typeof f === "string" && f.startsWith("=")) formulas[`${s.used.rowIndex + i},${col + j}`] = f.slice(1);
      }),
    );
    sheet.formulas = formulas;
  }
  return sheet;
}
