/**
 * Builds one sheet of a workbook grid, 1-based addressing: cells, banners, headers, listings
 * and the row heights wrapped text needs.
 *
 * A sheet's long part — PL1's agencies, the files of "Nguồn dữ liệu" — may be a streamed body
 * (`stream`): the code that fills it runs once to measure (its rows' heights, merges and
 * count) and again while the sheet is written, handing each row on as it is done (`drain`),
 * so that a national roll-up never holds its 60.000 rows of cells (see `streamedSheet`).
 */
import { columnLetters, parseCellAddress } from "../core/problems";
import { MAX_CELL_CHARS, fitCell } from "./cellValues";
import { BeyondExcel, MAX_ROW_HEIGHT, MAX_ROWS } from "./excelRules";
import { formatVnNumber } from "../core/numbers";
import { streamedSheet, type CellValue, type GridCell, type Row, type SheetGrid, type StyleName } from "./grid";
import { FONT_SIZE, STYLES, type ColumnSpec } from "./layout";

/** Points per line of 12-point Times New Roman. */
const LINE_HEIGHT = 16;

/** What fills a streamed body: it writes rows into the builder given and yields them with `drain`. */
export type SheetBody = (b: SheetBuilder) => Iterable<Row>;

interface Span {
  cols: number;
  rows: number;
}

export class SheetBuilder {
  readonly grid: SheetGrid;
  /** Rows (0-based) before this one have been handed on and are no longer held. */
  private drained = 0;
  private readonly spans = new Map<string, Span>();
  private spansRead = 0;
  private readonly heights: number[] = [];
  private body?: { from: number; fill: SheetBody };
  /** False while a body is written: its heights and merges were measured when it was streamed. */
  private measuring = true;

  constructor(name: string, widths: number[], landscape = true) {
    this.grid = { name, rows: [], widths, merges: [], validations: [], landscape };
  }
  set(row: number, col: number, cell: GridCell): void {
    if (row > MAX_ROWS) throw new BeyondExcel(`trang "${this.grid.name}" cần hơn ${formatVnNumber(MAX_ROWS)} dòng, quá số dòng một trang Excel chứa được`);
    if (row - 1 < this.drained) throw new Error(`Hàng ${row} của trang "${this.grid.name}" đã được ghi.`);
    if (this.body && row >= this.body.from) throw new Error(`Hàng ${row} của trang "${this.grid.name}" thuộc phần ghi theo luồng.`);
    const r = (this.grid.rows[row - 1] ??= []);
    r[col - 1] = typeof cell.v === "string" && cell.v.length > MAX_CELL_CHARS ? { ...cell, v: fitCell(cell.v) } : cell;
  }
  value(row: number, col: number, v: CellValue, style?: StyleName, numFmt?: string): void {
    this.set(row, col, { v, style, ...(numFmt ? { numFmt } : {}) });
  }
  formula(row: number, col: number, f: string, cached: CellValue, style?: StyleName, numFmt?: string): void {
    this.set(row, col, { v: cached, f, style, ...(numFmt ? { numFmt } : {}) });
  }
  /** A title line merged across the table's columns. */
  banner(row: number, lastCol: number, cell: GridCell): void {
    this.set(row, 1, cell);
    this.grid.merges.push(`A${row}:${columnLetters(lastCol)}${row}`);
  }
  /** Empty bordered cells so the row prints as part of the table. */
  blankRow(row: number, cols: ColumnSpec<string>[]): void {
    cols.forEach((c, i) => this.set(row, i + 1, { v: null, style: c.style }));
  }
  header(row: number, cols: ColumnSpec<string>[]): void {
    cols.forEach((c, i) => this.value(row, i + 1, c.header, "header"));
  }
  /**
   * A listing of a report under a blank row: a caption across `width` columns, its headers and rows
   * from column `firstCol` (numbers as counts, text wrapped), or "Không có.". Returns the next free row.
   */
  listing(row: number, width: number, title: string, headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>, firstCol = 1): number {
    let r = row + 1;
    this.banner(r++, width, { v: title, style: "caption" });
    headers.forEach((h, j) => this.value(r, firstCol + j, h, "header"));
    r++;
    if (rows.length === 0) this.value(r++, firstCol, "Không có.", "text");
    for (const values of rows) {
      values.forEach((v, j) => this.value(r, firstCol + j, v, typeof v === "number" ? "count" : "text"));
      r++;
    }
    return r;
  }

  /**
   * The rows above `row` (1-based) not yet handed on, each once, no longer held once yielded.
   * A merge must be pushed before its top row is drained (its span sets the row's height).
   */
  *drain(row: number): Generator<Row> {
    for (; this.drained < row - 1; this.drained++) {
      const cells = this.grid.rows[this.drained] ?? [];
      if (this.measuring) this.measure(this.drained, cells);
      (this.grid.rows as Array<Row | undefined>)[this.drained] = undefined;
      yield cells;
    }
  }

  /**
   * Rows from `from` (1-based) on are the streamed body `fill`: it is run now, to measure
   * them, and again each time the sheet is written. The builder's own rows must all be above
   * `from`; what `fill` sets must depend only on what it closes over, which must not change
   * before the sheet is written. Returns the row after the body.
   */
  stream(from: number, fill: SheetBody): number {
    if (this.body) throw new Error(`Trang "${this.grid.name}" đã có phần ghi theo luồng.`);
    if (this.grid.rows.length >= from) throw new Error(`Trang "${this.grid.name}" có hàng ở dưới hàng ${from}, nơi phần ghi theo luồng bắt đầu.`);
    const b = this.bodyBuilder(from);
    const rows = b.run(fill);
    while (!rows.next().done); // each row measured as it is drained
    this.grid.merges.push(...b.grid.merges);
    this.grid.validations.push(...b.grid.validations);
    b.heights.forEach((h, r) => (this.heights[r] = h));
    this.body = { from, fill };
    return b.drained + 1;
  }

  private bodyBuilder(from: number): SheetBuilder {
    const b = new SheetBuilder(this.grid.name, this.grid.widths, this.grid.landscape);
    b.drained = from - 1;
    return b;
  }

  /** The body's rows, then whatever it left undrained. */
  private *run(fill: SheetBody): Generator<Row> {
    yield* fill(this);
    yield* this.drain(this.grid.rows.length + 1);
  }

  /** A row's height for its wrapped text, estimated from text length and column width (spreadsheets do not grow rows on open); cells under a vertical merge share its rows. */
  private measure(r: number, cells: Row): void {
    for (; this.spansRead < this.grid.merges.length; this.spansRead++) {
      const [a, b] = this.grid.merges[this.spansRead].split(":").map((ref) => parseCellAddress(ref)!);
      if (a.row - 1 < this.drained) throw new Error(`Ô gộp ${this.grid.merges[this.spansRead]} đặt sau khi hàng ${a.row} đã được ghi.`);
      this.spans.set(`${a.row}:${a.col}`, { cols: b.col - a.col + 1, rows: b.row - a.row + 1 });
    }
    let lines = 1;
    cells.forEach((cell, c) => {
      if (!cell || typeof cell.v !== "string" || !cell.style || !STYLES[cell.style].wrap) return;
      const span = this.spans.get(`${r + 1}:${c + 1}`) ?? { cols: 1, rows: 1 };
      const width = this.grid.widths.slice(c, c + span.cols).reduce((a, w) => a + w, 0);
      const scale = (STYLES[cell.style].size ?? FONT_SIZE) / FONT_SIZE;
      const needed = Math.ceil((cell.v.length * scale) / Math.max(1, width * 0.95));
      lines = Math.max(lines, Math.ceil(needed / span.rows));
    });
    // Excel refuses rows over 409 pt: a longer text is cut off on screen, and read in full.
    if (lines > 1) this.heights[r] = Math.min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT);
  }

  /** The sheet, with its row heights; a sheet with a streamed body is a streamed sheet. */
  finish(): SheetGrid {
    this.grid.rows.forEach((cells, r) => this.measure(r, cells));
    if (this.heights.length > 0) this.grid.heights = this.heights;
    if (!this.body) return this.grid;
    const { from, fill } = this.body;
    const head = this.grid.rows;
    const sheet: Omit<SheetGrid, "rows"> & Partial<Pick<SheetGrid, "rows">> = { ...this.grid };
    delete sheet.rows;
    return streamedSheet(sheet, () => this.write(head, from, fill));
  }

  private *write(head: Row[], from: number, fill: SheetBody): Generator<Row> {
    for (let r = 0; r < from - 1; r++) yield head[r] ?? [];
    const b = this.bodyBuilder(from);
    b.measuring = false;
    yield* b.run(fill);
  }
}
