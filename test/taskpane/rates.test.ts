/**
 * Saving rates into the open workbook (the Kinh phí flow over a fake PlanHost): the user read the
 * plan, then inserted a row above the group table on Thông tin; the rate must land in its cell
 * where it is now — not in the header the old address points at — and PL2 is read back.
 */
import { saveRatesInWorkbook } from "../../src/taskpane/flows/rates";
import type { CellEdit, PlanHost } from "../../src/taskpane/host";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { parseCellAddress } from "../../src/core/problems";
import { readPlan } from "../../src/workbook/read";
import type { RawWorkbook } from "../../src/workbook/grid";
import { SHEETS } from "../../src/workbook/layout";
import { openBytes } from "../helpers/open";
import { FakeExcel } from "../helpers/fakeExcel";
import { writeGrid } from "../../src/adapters/office/excelWrite";
import { excelHost } from "../../src/taskpane/excelHost";

function fakeHost(raw: RawWorkbook, mode = "Automatic"): PlanHost & { written: CellEdit[] } {
  const written: CellEdit[] = [];
  return {
    kind: "excel",
    written,
    existingSheets: () => Promise.resolve([]),
    putWorkbook: () => Promise.reject(new Error("not used")),
    readOpenWorkbook: () => Promise.resolve(structuredClone(raw)),
    writeCells: (cells) => {
      for (const c of cells) {
        written.push(c);
        const at = parseCellAddress(c.cell)!;
        raw.sheets.find((s) => s.name === c.sheet)!.rows[at.row - 1][at.col - 1] = c.value;
      }
      return Promise.resolve();
    },
    calculationMode: () => Promise.resolve(mode),
  };
}

it("writes a rate where its cell is after a row was inserted, and reads the plan back", async () => {
  const raw = await openBytes(await writeXlsx(buildWorkbook(dongThap2022Plan())));
  const before = readPlan(raw).refs.groups!["cap-xa"];
  // The user inserts a row at the top of Thông tin after the pane read the workbook.
  raw.sheets.find((s) => s.name === SHEETS.info)!.rows.splice(0, 0, ["Ghi chú của người lập"]);
  const host = fakeHost(raw);
  const saved = await saveRatesInWorkbook(host, new Map([["group:cap-xa", 10]]));
  expect(host.written).toEqual([expect.objectContaining({ sheet: SHEETS.info, cell: `B${before.row + 1}`, value: 10 })]);
  expect(saved.read.plan.groups.find((g) => g.id === "cap-xa")!.rate).toBe(10);
  expect(saved.missing).toEqual([]);
  expect(saved.manual).toBe(false);
});

it("in Excel (the strict fake): rates go through the template's names, rows inserted anywhere above them, and PL2 is read back", async () => {
  const fx = new FakeExcel();
  await writeGrid(fx, buildWorkbook(dongThap2022Plan()));
  const host = excelHost(fx);
  const { plan } = readPlan(await host.readOpenWorkbook!());
  expect(plan.groups.find((g) => g.id === "cap-xa")!.rate).not.toBe(10);
  fx.insertRows(SHEETS.info, 0, 3);
  const saved = await saveRatesInWorkbook(host, new Map([["group:cap-xa", 10], ["training", 40], ["inspection", 90]]));
  expect(saved.missing).toEqual([]);
  const after = saved.read.plan;
  expect(after.groups.find((g) => g.id === "cap-xa")!.rate).toBe(10);
  expect(after.rates.trainingPerClass).toBe(40);
  expect(after.rates.inspectionLumpSum).toBe(90);
  // Every other rate is as it was: nothing else was overwritten.
  expect(after.groups.filter((g) => g.id !== "cap-xa").map((g) => g.rate)).toEqual(plan.groups.filter((g) => g.id !== "cap-xa").map((g) => g.rate));
  expect(fx.sheet(SHEETS.info)!.cells.get("0,0")?.input).toBe(undefined);
});

it("says when Excel calculates manually, and writes nothing for a rate the workbook has no cell for", async () => {
  const raw = await openBytes(await writeXlsx(buildWorkbook(dongThap2022Plan())));
  expect((await saveRatesInWorkbook(fakeHost(raw, "Manual"), new Map([["training", 40]]))).manual).toBe(true);
  // A workbook without Thông tin: its per-agency rates have no cell to write to.
  raw.sheets = raw.sheets.filter((s) => s.name !== SHEETS.info);
  const host = fakeHost(raw);
  const saved = await saveRatesInWorkbook(host, new Map([["group:cap-xa", 10]]));
  expect(saved.missing).toEqual(["Cơ quan cấp xã (triệu đồng/cơ quan)"]);
  expect(host.written).toEqual([]);
});
