import ExcelJS from "exceljs";
import { computeBudget } from "../../src/core/budget";
import { defaultGroups } from "../../src/core/groups";
import { dongThapPrintedSheet } from "../../src/samples/dongThap2022";
import { openBytes } from "../helpers/open";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { readPlan } from "../../src/workbook/read";
import { buildWorkbook } from "../../src/workbook/write";
import { newPlan } from "../../src/workbook/plan";
import { SHEETS } from "../../src/workbook/layout";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

async function bytesOf(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()));
}

describe("reading seed 001's printed Phụ lục 1", () => {
  const { plan, problems } = readPlan(dongThapPrintedSheet(), { groups: defaultGroups(3) });

  it("finds all 150 agencies with their groups and districts", () => {
    expect(plan.agencies).toHaveLength(150);
    const count = (id: string) => plan.agencies.filter((a) => a.groupId === id).length;
    expect([count("so-nganh"), count("thuoc-so"), count("cap-huyen"), count("cap-xa")]).toEqual([20, 10, 12, 108]);
    expect(plan.agencies.find((a) => a.name === "UBND thị trấn Sa Rài")!.area).toBe("Huyện Tân Hồng");
    expect(plan.agencies.find((a) => a.name === "Sở Xây dựng")!.area).toBe("");
  });

  it("accepts STT typed as 01 and the header repeated on each page", () => {
    expect(problems).toEqual([expect.objectContaining({ code: "SHEET_MISSING", severity: "warning" })]);
  });
});

/** A PL1 typed by hand: renamed sheet, moved columns, blank rows, merged section row, rich text, decomposed Unicode, STT as filled-down formulas. */
async function handMadeWorkbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("DS don vi nam 2026");
  ws.getCell("A1").value = "DANH SÁCH CƠ QUAN";
  ws.getRow(3).values = ["Tên cơ quan, đơn vị", "Ghi chú", "STT", "Nhóm cơ quan", "Địa bàn"];
  ws.getRow(4).values = ["Sở, ban, ngành tỉnh", null, "I"];
  ws.mergeCells("A4:B4");
  ws.getRow(5).values = ["So\u031B\u0309 Xây dựng", "", { formula: "ROW()-4", result: 1 }, "", "  "];
  ws.getRow(7).values = [{ richText: [{ text: "Chi cục " }, { text: "Thuỷ lợi", font: { bold: true } }] }, "", { sharedFormula: "C5", result: 2 }, "Cơ quan chuyên môn thuộc sở, ngành"];
  ws.getRow(8).values = ["UBND xã Hoà An", "mới", "03", "cơ quan cấp xã", "Huyện Cao Lãnh"];
  ws.getRow(9).values = ["UBND phường Mỹ Phú", "", 4, "Cấp tỉnh"];
  return bytesOf(wb);
}

describe("reading a hand-made workbook", () => {
  it("finds the sheet and columns by their headers and reads every row", async () => {
    const { plan, problems, sheets } = readPlan(await openBytes(await handMadeWorkbook()), { levels: 3 });
    expect(sheets.agencies).toBe("DS don vi nam 2026");
    expect(plan.agencies.map((a) => [a.name, a.groupId, a.area, a.note])).toEqual([
      ["Sở Xây dựng", "so-nganh", "", ""],
      ["Chi cục Thuỷ lợi", "thuoc-so", "", ""],
      ["UBND xã Hoà An", "cap-xa", "Huyện Cao Lãnh", "mới"],
      ["UBND phường Mỹ Phú", null, "", ""],
    ]);
    expect(problems.filter((p) => p.severity === "error")).toEqual([
      expect.objectContaining({ code: "UNKNOWN_GROUP", sheet: "DS don vi nam 2026", cell: "D9", message: expect.stringContaining("Cấp tỉnh") }),
    ]);
  });

  it("reads the same after LibreOffice re-saves it", async () => {
    const direct = readPlan(await openBytes(await handMadeWorkbook()), { levels: 3 });
    const resaved = readPlan(await openBytes(resaveWithLibreOffice(await handMadeWorkbook())), { levels: 3 });
    // Where each agency was read (at, groupAt) may differ after a re-save; what was read may not.
    const content = (a: (typeof direct.plan.agencies)[number]) => ({ ...a, at: undefined, groupAt: undefined });
    expect(resaved.plan.agencies.map(content)).toEqual(direct.plan.agencies.map(content));
  });
});

describe("reading the standard workbook", () => {
  async function template() {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeXlsx(buildWorkbook(newPlan({ year: 2026, levels: 2, standardTasks: true })))) as unknown as ArrayBuffer);
    return wb;
  }

  it("reads a rate typed as text the Vietnamese way, and names the cell of one that is not a number", async () => {
    const wb = await template();
    const info = wb.getWorksheet(SHEETS.info)!;
    const row = (label: string) => info.getColumn(1).values.findIndex((v) => v === label);
    info.getCell(row("Đào tạo, tập huấn (triệu đồng/lớp)"), 2).value = "47,5";
    info.getCell(row("Số người mỗi lớp"), 2).value = "bảy lăm";
    const { plan, problems } = readPlan(await openBytes(await bytesOf(wb)));
    expect(plan.rates.trainingPerClass).toBe(47.5);
    expect(problems).toContainEqual(
      expect.objectContaining({ code: "NOT_NUMBER", sheet: SHEETS.info, cell: `B${row("Số người mỗi lớp")}`, message: expect.stringContaining("bảy lăm") }),
    );
  });

  it("reports a PL2 figure typed over its formula", async () => {
    const wb = await template();
    const pl1 = wb.getWorksheet(SHEETS.agencies)!;
    pl1.getRow(6).values = [1, "Sở Xây dựng", "Cơ quan cấp sở, ngành", "", ""];
    const pl2 = wb.getWorksheet(SHEETS.budget)!;
    pl2.getCell("F7").value = 45;
    const { problems, plan } = readPlan(await openBytes(await bytesOf(wb)));
    expect(computeBudget(plan).sections[0].lines[0].amount).toBe(15);
    expect(problems).toContainEqual(expect.objectContaining({ code: "PL2_MISMATCH", sheet: SHEETS.budget, cell: "F7" }));
  });

  it("reads the standard tasks and checks their years", async () => {
    const wb = await template();
    const ws = wb.getWorksheet(SHEETS.tasks)!;
    const { plan, problems } = readPlan(await openBytes(await bytesOf(wb)));
    expect(plan.tasks.length).toBeGreaterThan(5);
    expect(problems).toEqual([]);
    const timingCell = ws.getColumn(7).values.findIndex((v) => v === "Quý I/2026");
    ws.getCell(timingCell, 7).value = "Quý I/2025";
    const again = readPlan(await openBytes(await bytesOf(wb)));
    expect(again.problems).toEqual([expect.objectContaining({ code: "TIMING_YEAR", cell: `G${timingCell}` })]);
  });
});
