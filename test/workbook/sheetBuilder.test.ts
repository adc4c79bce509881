/**
 * A sheet's streamed body (PL1's agencies, "Nguồn dữ liệu"'s files) is the same sheet as one
 * built whole: the same rows, heights and merges; its rows made again at each write and not
 * held in between.
 */
import { SheetBuilder } from "../../src/workbook/sheetBuilder";
import type { Row, SheetGrid } from "../../src/workbook/grid";

const WIDTHS = [6, 30, 12];
const LONG = "Ủy ban nhân dân xã có một cái tên rất dài, dài đến mức phải xuống dòng nhiều lần trong ô của nó";

/** Row `row`'s cells: some wrapped texts, a banner every seventh row, a two-row merge every eleventh. */
function put(b: SheetBuilder, row: number): void {
  if (row % 7 === 0) return b.banner(row, 3, { v: `${LONG} (${row})`, style: "caption" });
  if (row % 11 === 0) b.grid.merges.push(`B${row}:B${row + 1}`);
  b.value(row, 1, row, "textCenter");
  b.value(row, 2, row % 3 === 0 ? LONG.repeat(1 + (row % 4)) : `Xã ${row}`, "text");
  if (row % 5 !== 0) b.value(row, 3, null, "text");
}

function head(name: string): SheetBuilder {
  const s = new SheetBuilder(name, WIDTHS);
  s.banner(1, 3, { v: LONG, style: "title" });
  s.value(3, 2, "Tên cơ quan", "header");
  return s;
}

const dense = (rows: Iterable<Row | undefined>) => Array.from(rows, (r) => Array.from(r ?? [], (c) => c ?? null));
const heights = (sheet: SheetGrid) => Array.from(sheet.heights ?? [], (h) => h ?? null);

describe("a sheet's streamed body", () => {
  const whole = head("Cả trang");
  for (let r = 5; r < 80; r++) put(whole, r);
  const wholeSheet = whole.finish();

  let runs = 0;
  const streamed = head("Theo luồng");
  const next = streamed.stream(5, function* (b) {
    runs++;
    for (let r = 5; r < 80; r++) {
      put(b, r);
      // A row under a two-row merge waits for the row below, where the merge ends.
      if (r % 11 !== 0) yield* b.drain(r + 1);
    }
  });
  const sheet = streamed.finish();

  it("is the sheet built whole: rows, heights, merges", () => {
    expect(next).toBe(80);
    expect(sheet.stream).toBeDefined();
    const made = dense(sheet.stream!());
    expect(made).toEqual(dense(wholeSheet.rows));
    expect(heights(sheet)).toEqual(heights(wholeSheet));
    expect(heights(sheet).filter((h) => h !== null).length).toBeGreaterThan(10);
    expect(new Set(sheet.merges)).toEqual(new Set(wholeSheet.merges));
  });

  it("is made again at each write, and held by nobody in between", () => {
    const before = runs;
    const first = dense(sheet.stream!());
    expect(dense(sheet.stream!())).toEqual(first);
    expect(runs).toBe(before + 2);
    // The builder holds its own rows above the body, none of the body's.
    expect(streamed.grid.rows.length).toBeLessThan(5);
  });

  it("gives its rows to whoever asks for them (the Office.js writer), made once", () => {
    const again = head("Hàng");
    again.stream(5, function* (b) {
      for (let r = 5; r < 80; r++) {
        put(b, r);
        if (r % 11 !== 0) yield* b.drain(r + 1);
      }
    });
    const asked = again.finish();
    expect(dense(asked.rows)).toEqual(dense(wholeSheet.rows));
    expect(asked.stream).toBeUndefined();
  });

  it("refuses a cell of the sheet's own below where the body begins, a row set again once handed on, a merge after its row", () => {
    const s = head("Sai");
    s.stream(5, function* (b) {
      put(b, 5);
      yield* b.drain(6);
    });
    expect(() => s.value(6, 1, "x")).toThrow(/luồng/);
    const late = head("Muộn");
    expect(() =>
      late.stream(5, function* (b) {
        put(b, 5);
        yield* b.drain(6);
        b.value(5, 1, "lại");
      }),
    ).toThrow(/đã được ghi/);
    const merge = head("Gộp");
    expect(() =>
      merge.stream(5, function* (b) {
        put(b, 5);
        yield* b.drain(6);
        b.grid.merges.push("A5:C5");
        put(b, 6);
        yield* b.drain(7);
      }),
    ).toThrow(/Ô gộp A5:C5/);
  });
});
