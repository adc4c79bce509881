/** The .xlsx reader on files exceljs writes (ours), with the values each cell must have. */
import ExcelJS from "exceljs";
import { DEFAULT_LIMITS } from "../../src/adapters/xlsx/sheetRules";
import { openBytes } from "../helpers/open";

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()));
}

describe("the .xlsx reader", () => {
  it("reads rich text joined, merged cells on their top-left only, shared formulas' results, booleans, errors and escapes", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Thử & <đặc biệt>");
    ws.getRow(1).values = [{ richText: [{ text: "Chi cục " }, { text: "Thuỷ lợi", font: { bold: true } }] }, "a & b < c", true, { error: "#REF!" } as never];
    ws.getRow(2).values = [{ formula: "ROW()", result: 2 }, { sharedFormula: "A2", result: 3 }, "  khoảng trắng  ", 7.5];
    ws.mergeCells("A3:C3");
    ws.getCell("A3").value = "Gộp ô";
    ws.getCell("E9").value = "xa";
    ws.getCell("F9").value = new Date(Date.UTC(2022, 2, 20));
    const raw = await openBytes(await bytesOf(wb));
    const rows = raw.sheets[0].rows;
    expect(raw.sheets[0].name).toBe("Thử & <đặc biệt>");
    expect(rows[0]).toEqual(["Chi cục Thuỷ lợi", "a & b < c", true, { error: "#REF!" }]);
    expect(rows[1]).toEqual([2, 3, "  khoảng trắng  ", 7.5]);
    expect(rows[2]).toEqual(["Gộp ô"]);
    expect(rows[8]).toEqual([null, null, null, null, "xa", new Date(Date.UTC(2022, 2, 20))]);
  });

  it("refuses a sheet with more rows than the limit, naming the row", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Dài").getCell("A5000").value = 1;
    await expect(openBytes(await bytesOf(wb), { ...DEFAULT_LIMITS, maxRows: 1000 })).rejects.toThrow(/dòng 5\.000, quá 1\.000 dòng/);
  });

  it("refuses a cell longer than Excel's 32.767 characters, naming the cell and the limit, in well under a second", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("PL1").getCell("B7").value = "x".repeat(30 * 1024 * 1024);
    const bytes = await bytesOf(wb);
    const started = Date.now();
    await expect(openBytes(bytes)).rejects.toThrow(/dài 31\.457\.280 ký tự, quá giới hạn 32\.767 ký tự/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
