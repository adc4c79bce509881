/** The .xlsx reader reads what exceljs reads, on every kind of file the tests know. */
import ExcelJS from "exceljs";
import { readXlsx } from "../../src/adapters/xlsx/readXlsx";
import { DEFAULT_LIMITS } from "../../src/adapters/xlsx/readOoxml";
import { openBytes } from "../helpers/open";
import type { RawWorkbook } from "../../src/workbook/grid";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { writeInHand, type Hand } from "../helpers/hands";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

function trimmed(wb: RawWorkbook) {
  return wb.sheets.map((s) => {
    const rows = s.rows.map((r) => {
      const out = [...r];
      while (out.length > 0 && (out[out.length - 1] === null || out[out.length - 1] === "")) out.pop();
      return out.map((v) => (v === "" ? null : v));
    });
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    return { name: s.name, rows };
  });
}

async function both(bytes: Uint8Array) {
  return { exceljs: trimmed(await readXlsx(bytes)), lean: trimmed(await openBytes(bytes)) };
}

describe("the .xlsx reader", () => {
  const sample = dongThapSubmissions().find((s) => s.file.startsWith("xa-huyen-01"))!;
  it.each<Hand>(["nfd", "tones", "sloppy", "renamed"])("matches exceljs on a file written %s", async (hand) => {
    const { exceljs, lean } = await both(await writeInHand(sample, hand));
    expect(lean).toEqual(exceljs);
  });

  it("matches exceljs on the standard workbook, except the cached zeros exceljs drops from formula cells", async () => {
    const { exceljs, lean } = await both(await writeInHand(sample, "standard"));
    expect(lean.map((s) => s.name)).toEqual(exceljs.map((s) => s.name));
    const diffs: Array<[unknown, unknown]> = [];
    lean.forEach((sheet, i) => {
      const other = exceljs[i].rows;
      for (let r = 0; r < Math.max(sheet.rows.length, other.length); r++) {
        for (let c = 0; c < Math.max(sheet.rows[r]?.length ?? 0, other[r]?.length ?? 0); c++) {
          const a = sheet.rows[r]?.[c] ?? null;
          const b = other[r]?.[c] ?? null;
          if (a !== b) diffs.push([b, a]);
        }
      }
    });
    // PL2 of a district has groups with no agency: COUNTIF = 0 and amount 0 are cached as <v>0</v>.
    expect(diffs.length).toBeGreaterThan(0);
    expect(new Set(diffs.map(([b, a]) => `${b}→${a}`))).toEqual(new Set(["null→0"]));
  });

  it("matches exceljs on the seed 001 plan re-saved by LibreOffice (inline strings, its own XML)", async () => {
    const { exceljs, lean } = await both(resaveWithLibreOffice(await writeXlsx(buildWorkbook(dongThap2022Plan()))));
    expect(lean).toEqual(exceljs);
  });

  it("matches exceljs on rich text, merged cells, shared formulas, booleans, errors and escapes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Thử & <đặc biệt>");
    ws.getRow(1).values = [{ richText: [{ text: "Chi cục " }, { text: "Thuỷ lợi", font: { bold: true } }] }, "a & b < c", true, { error: "#REF!" } as never];
    ws.getRow(2).values = [{ formula: "ROW()", result: 2 }, { sharedFormula: "A2", result: 3 } as never, "  khoảng trắng  ", 7.5];
    ws.mergeCells("A3:C3");
    ws.getCell("A3").value = "Gộp ô";
    ws.getCell("E9").value = "xa";
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const { exceljs, lean } = await both(bytes);
    expect(lean).toEqual(exceljs);
    expect(lean[0].rows[0]).toEqual(["Chi cục Thuỷ lợi", "a & b < c", true, { error: "#REF!" }]);
  });

  it("refuses a sheet with more rows than the limit", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Dài").getCell("A5000").value = 1;
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    await expect(openBytes(bytes, { ...DEFAULT_LIMITS, maxRows: 1000 })).rejects.toThrow(/dòng 5\.000, quá 1\.000 dòng/);
  });
});
