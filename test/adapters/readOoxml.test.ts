/** The .xlsx reader on files exceljs writes (and LibreOffice re-saves), with the values each cell must have. */
import ExcelJS from "exceljs";
import { DEFAULT_LIMITS } from "../../src/adapters/xlsx/sheetRules";
import { openBytes } from "../helpers/open";
import JSZip from "jszip";
import { sheetNames, UnreadableWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { nodeZip } from "../../src/cli/nodeZip";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { SHEETS } from "../../src/workbook/layout";

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

describe("sheet names without reading the sheets", () => {
  it("gives every sheet's name, hidden ones too, as the whole reader does (which leaves out our lists sheet) — from exceljs's and LibreOffice's files", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Thông tin").getCell("A1").value = "x";
    wb.addWorksheet("PL1 Danh sách cơ quan").getCell("B2").value = "Sở Xây dựng";
    wb.addWorksheet(SHEETS.lists, { state: "hidden" }).getCell("A1").value = "Cơ quan cấp xã";
    wb.addWorksheet("Dữ liệu nguồn", { state: "veryHidden" }).getCell("A1").value = "{}";
    const ours = await bytesOf(wb);
    const libre = resaveWithLibreOffice(ours, "bon-trang.xlsx");
    for (const bytes of [ours, libre]) {
      const names = sheetNames(bytes, { codec: nodeZip });
      expect(names).toEqual(["Thông tin", "PL1 Danh sách cơ quan", SHEETS.lists, "Dữ liệu nguồn"]);
      expect(names?.filter((n) => n !== SHEETS.lists)).toEqual((await openBytes(bytes)).sheets.map((s) => s.name));
    }
  });

  it("does not open the sheets: a workbook whose sheet part is missing still lists its names (reading it whole fails)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Một").getCell("A1").value = 1;
    wb.addWorksheet("Hai").getCell("A1").value = 2;
    const zip = await JSZip.loadAsync(await bytesOf(wb));
    zip.remove("xl/worksheets/sheet2.xml");
    const damaged = await zip.generateAsync({ type: "uint8array" });
    expect(sheetNames(damaged, { codec: nodeZip })).toEqual(["Một", "Hai"]);
    await expect(openBytes(damaged)).rejects.toThrow(/thiếu phần/);
  });

  it("is null for formats it cannot list from one part (.xls, .ods), and a Vietnamese reason for a broken file", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Một").getCell("A1").value = 1;
    const bytes = await bytesOf(wb);
    expect(sheetNames(resaveWithLibreOffice(bytes, "a.xlsx", "xls"), { codec: nodeZip })).toBeNull();
    expect(sheetNames(resaveWithLibreOffice(bytes, "a.xlsx", "ods"), { codec: nodeZip })).toBeNull();
    expect(() => sheetNames(bytes.subarray(0, bytes.length - 40), { codec: nodeZip })).toThrow(UnreadableWorkbook);
  });
});
