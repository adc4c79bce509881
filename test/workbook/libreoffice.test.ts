/**
 * Proof that the workbook computes in a real spreadsheet engine: the seed 001 plan is
 * written with its formulas' cached results removed, LibreOffice recalculates and saves
 * it, and the figures read back are seed 001's.
 */
import ExcelJS from "exceljs";
import { computeBudget } from "../../src/core/budget";
import { amountInWords } from "../../src/core/words";
import { trieuToDong } from "../../src/core/numbers";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { DONG_THAP_2022_PL2 } from "../../src/samples/dongThap2022.data";
import { buildWorkbook, NAME_AGENCY_COUNT, NAME_TOTAL } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { openBytes } from "../helpers/open";
import { readPlan } from "../../src/workbook/read";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { withoutCachedResults } from "../helpers/hands";
import { SHEETS, TABLE_HEADER_ROW, TEMPLATE_AGENCY_ROWS } from "../../src/workbook/layout";
import { newPlan } from "../../src/workbook/plan";
import JSZip from "jszip";


function definedValue(wb: ExcelJS.Workbook, name: string): unknown {
  const [ref] = wb.definedNames.getRanges(name).ranges;
  const m = ref.match(/^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/)!;
  const v = wb.getWorksheet(m[1].replace(/''/g, "'"))!.getCell(`${m[2]}${m[3]}`).value as ExcelJS.CellFormulaValue;
  return typeof v === "object" && v !== null && "result" in v ? v.result : v;
}

describe("the standard workbook recalculated by LibreOffice", () => {
  let recalculated: Uint8Array;
  beforeAll(async () => {
    const bytes = await writeXlsx(withoutCachedResults(buildWorkbook(dongThap2022Plan())));
    recalculated = resaveWithLibreOffice(bytes);
  });

  it("computes the grand total 2.620 and 150 agencies", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalculated as unknown as ArrayBuffer);
    expect(definedValue(wb, NAME_TOTAL)).toBe(DONG_THAP_2022_PL2.total);
    expect(definedValue(wb, NAME_AGENCY_COUNT)).toBe(DONG_THAP_2022_PL2.agencies);
  });

  it("computes every PL2 line, section total and the total in words", async () => {
    const { plan: { declared: pl2 }, problems } = readPlan(await openBytes(recalculated));
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    const byGroup = Object.fromEntries(pl2!.lines.filter((l) => l.groupId).map((l) => [l.groupId, [l.quantity, l.amount]]));
    expect(byGroup).toEqual(DONG_THAP_2022_PL2.perGroup);
    const training = pl2!.lines.find((l) => l.kind === "training")!;
    expect([training.quantity, training.amount]).toEqual([DONG_THAP_2022_PL2.trainingClasses, DONG_THAP_2022_PL2.training]);
    expect(pl2!.lines.find((l) => l.kind === "inspection")!.amount).toBe(DONG_THAP_2022_PL2.inspection);
    expect(pl2!.sectionTotals.map((s) => s.amount)).toEqual([DONG_THAP_2022_PL2.maintainTotal, DONG_THAP_2022_PL2.manageTotal]);
    expect(pl2!.total!.amount).toBe(DONG_THAP_2022_PL2.total);

    const raw = await openBytes(recalculated);
    const words = raw.sheets.find((s) => s.name === SHEETS.budget)!.rows.flat().find((v) => typeof v === "string" && v.startsWith("Bằng chữ"));
    expect(words).toBe(`Bằng chữ: ${DONG_THAP_2022_PL2.totalWords}.`);
  });

  it("reads back into the same model after the round trip", async () => {
    const original = dongThap2022Plan();
    const { plan } = readPlan(await openBytes(recalculated));
    const strip = (p: typeof plan) => p.agencies.map(({ name, groupId, area, note }) => ({ name, groupId, area, note }));
    expect(strip(plan)).toEqual(strip(original));
    expect(plan.info).toEqual(original.info);
    expect(plan.rates).toEqual(original.rates);
    expect(plan.training).toEqual(original.training);
    expect(plan.groups.map(({ id, label, rate, section }) => ({ id, label, rate, section }))).toEqual(
      original.groups.map(({ id, label, rate, section }) => ({ id, label, rate, section })),
    );
  });

  it.each([
    [2021.005015, "Hai tỷ không trăm hai mươi mốt triệu không trăm linh năm nghìn không trăm mười lăm đồng"],
    [1.024, "Một triệu không trăm hai mươi tư nghìn đồng"],
  ])("reads %s triệu in words the way the core does", async (amount, expected) => {
    const plan = dongThap2022Plan();
    plan.groups = plan.groups.map((g) => ({ ...g, rate: 0 }));
    plan.rates = { ...plan.rates, inspectionLumpSum: amount, trainingPerClass: 0 };
    expect(amountInWords(trieuToDong(computeBudget(plan).total))).toBe(expected);
    const bytes = resaveWithLibreOffice(await writeXlsx(withoutCachedResults(buildWorkbook(plan))));
    const raw = await openBytes(bytes);
    const words = raw.sheets.find((s) => s.name === SHEETS.budget)!.rows.flat().find((v) => typeof v === "string" && v.startsWith("Bằng chữ"));
    expect(words).toBe(`Bằng chữ: ${expected}.`);
  });
});

describe("a template filled without the add-in", () => {
  // The blank template with 300 agency rows pasted into its 200 rows, two of them with no group.
  const pasted = () => {
    const grid = buildWorkbook(newPlan({ year: 2026, levels: 2, standardTasks: false }), { spareAgencyRows: TEMPLATE_AGENCY_ROWS });
    const pl1 = grid.sheets.find((s) => s.name === SHEETS.agencies)!;
    for (let i = 0; i < 300; i++) {
      pl1.rows[TABLE_HEADER_ROW + i] = [{ v: i + 1 }, { v: `UBND xã Số ${i + 1}` }, { v: i < 298 ? "Cơ quan cấp xã" : null }, { v: "Tỉnh Đồng Tháp" }];
    }
    return grid;
  };
  let recalculated: Uint8Array;
  beforeAll(async () => {
    recalculated = resaveWithLibreOffice(await writeXlsx(withoutCachedResults(pasted())));
  });

  it("counts a pasted list whole and says which rows have no group, on PL1 and beside PL2's total", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(recalculated as unknown as ArrayBuffer);
    expect(definedValue(wb, NAME_TOTAL)).toBe(298 * 15);
    expect(definedValue(wb, NAME_AGENCY_COUNT)).toBe(298);
    const raw = await openBytes(recalculated);
    for (const name of [SHEETS.agencies, SHEETS.budget]) {
      const text = raw.sheets.find((s) => s.name === name)!.rows.flat();
      expect(text).toContain("2 dòng chưa chọn nhóm — chưa tính");
    }
    const { plan } = readPlan(raw);
    expect(plan.agencies).toHaveLength(300);
    expect(plan.declared!.total!.amount).toBe(298 * 15);
  });

  it("locks PL2's computed figures by sheet protection without a password, and marks rows without a group", async () => {
    const zip = await JSZip.loadAsync(await writeXlsx(pasted()));
    const sheetXml = async (n: number) => zip.file(`xl/worksheets/sheet${n}.xml`)!.async("string");
    const order = pasted().sheets.map((s) => s.name);
    const pl2 = await sheetXml(order.indexOf(SHEETS.budget) + 1);
    expect(pl2).toMatch(/<sheetProtection [^>]*sheet="1"/);
    expect(pl2).not.toMatch(/hashValue|password=/);
    const pl1 = await sheetXml(order.indexOf(SHEETS.agencies) + 1);
    expect(pl1).not.toMatch(/<sheetProtection/);
    expect(pl1).toMatch(/<conditionalFormatting sqref="A6:F5005"/);
    // One dropdown element per column for all 5.000 rows, and no empty rows written for them.
    expect(pl1.match(/<dataValidation /g)).toHaveLength(2);
    expect(pl1).toMatch(/<dataValidation [^>]*sqref="C6:C5005"/);
    expect(pl1.match(/<row /g)!.length).toBeLessThan(400);
    // Printed as administrative documents are (Nghị định 30/2020): left 30 mm, right 15 mm, top and
    // bottom 20 mm, A4 landscape one page wide, the header row repeated, page numbers in the footer.
    for (const xml of [pl1, pl2]) {
      expect(xml).toMatch(/<pageMargins left="1.181" right="0.591" top="0.787" bottom="0.787"/);
      expect(xml).toMatch(/<pageSetup [^>]*paperSize="9"[^>]*orientation="landscape"[^>]*fitToWidth="1" fitToHeight="0"/);
      expect(xml).toMatch(/<oddFooter>&amp;CTrang &amp;P\/&amp;N<\/oddFooter>/);
      expect(xml).toMatch(/<pageSetUpPr fitToPage="1"\/>/);
    }
  });
});
