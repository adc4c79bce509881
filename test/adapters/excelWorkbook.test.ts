/**
 * The Office.js adapter against office-addin-mock: load/sync discipline (the mock
 * returns "Error, property was not loaded" for what was not loaded and synced), the
 * values written, and a number of syncs that does not grow with the plan.
 */
import { OfficeMockObject } from "office-addin-mock";
import { cellInput, readWorkbook, SheetsExist, writeGrid, type ExcelApi } from "../../src/adapters/office/excelWorkbook";
import type { Agency } from "../../src/core/model";
import { newPlan } from "../../src/workbook/plan";
import { buildWorkbook } from "../../src/workbook/write";
import { readPlan } from "../../src/workbook/read";
import { SHEETS } from "../../src/workbook/layout";
import type { RawValue } from "../../src/workbook/grid";
import { strictExcel } from "../helpers/strictExcelRead";

/** A recorder for what the adapter does to one sheet: the formulas it assigns, by position. */
class SheetRecorder {
  cells = new Map<string, string | number | boolean>();
  /** Conditional formats added: the formula of each. */
  conditions: string[] = [];
  calls = 0;
  name: string;
  visibility = "Visible";
  constructor(name: string) {
    this.name = name;
  }
  private range(row: number, col: number) {
    this.calls++;
    const cells = this.cells;
    const format = { font: {}, fill: {}, borders: { getItem: () => ({}) } };
    return {
      format,
      dataValidation: {},
      conditionalFormats: {
        add: (type: string) => {
          expect(type).toBe("Custom");
          const custom = { rule: { formula: "" }, format: { fill: { color: "" } } };
          const conditions = this.conditions;
          return { custom: { format: custom.format, rule: { set formula(f: string) { conditions.push(f); } } } };
        },
      },
      numberFormat: [] as string[][],
      merge() {},
      select() {},
      set formulas(m: Array<Array<string | number | boolean>>) {
        m.forEach((r, i) => r.forEach((v, j) => v !== "" && cells.set(`${row + i},${col + j}`, v)));
      },
      set values(m: Array<Array<string | number | boolean>>) {
        this.formulas = m;
      },
    };
  }
  getRangeByIndexes(row: number, col: number) {
    return this.range(row, col);
  }
  getRange() {
    return this.range(-1, -1);
  }
  freezePanes = { freezeRows() {} };
  protected = false;
  protection = { protect: () => void (this.protected = true) };
  print: { margins?: unknown; zoom?: unknown; footer?: string } = {};
  pageLayout = (() => {
    const print = this.print;
    return {
      setPrintTitleRows() {},
      setPrintMargins(unit: string, margins: unknown) {
        expect(unit).toBe("Points");
        print.margins = margins;
      },
      set zoom(z: unknown) {
        print.zoom = z;
      },
      headersFooters: { defaultForAllPages: { set centerFooter(f: string) { print.footer = f; } } },
    };
  })();
  activate() {}
  delete() {}
}

function fakeExcel(existing: string[] = []) {
  const added = new Map<string, SheetRecorder>();
  const names: Array<{ name: string; ref: string }> = [];
  const renamed: Array<[string, string]> = [];
  const deleted: string[] = [];
  const data = {
    context: {
      workbook: {
        worksheets: {
          items: existing.map((name) => ({ name })),
          add(name: string) {
            const s = new SheetRecorder(name);
            added.set(name, s);
            return s;
          },
          getItem(name: string) {
            const aside = renamed.find(([, to]) => to === name);
            if (aside) return { delete: () => deleted.push(name) };
            return added.get(name) ?? { set name(n: string) { renamed.push([name, n]); }, activate() {} };
          },
        },
        names: {
          items: [] as Array<{ name: string; delete(): void }>,
          add(name: string, ref: string) {
            names.push({ name, ref });
          },
        },
      },
    },
    run: async function (cb: (c: unknown) => Promise<unknown>) {
      return cb((this as { context: unknown }).context);
    },
  };
  const mock = new OfficeMockObject(data) as unknown as { context: { sync(): Promise<void> } } & ExcelApi;
  let syncs = 0;
  const sync = mock.context.sync.bind(mock.context);
  mock.context.sync = async () => {
    syncs++;
    await sync();
  };
  return { excel: mock, added, names, renamed, deleted, syncs: () => syncs };
}

function planWith(n: number) {
  const plan = newPlan({ year: 2026, levels: 2, standardTasks: true });
  plan.info = { ...plan.info, issuer: "UBND tỉnh Đồng Tháp", area: "tỉnh Đồng Tháp", date: "15/11/2025" };
  plan.agencies = Array.from({ length: n }, (_, i): Agency => ({ name: `UBND xã Số ${i + 1}`, groupId: "cap-xa", area: "tỉnh Đồng Tháp", note: i === 0 ? "=HYPERLINK(\"http://x\")" : "" }));
  return plan;
}

describe("writeGrid", () => {
  it("on Excel with only ExcelApi 1.7 (Office 2016/2019 volume-licensed) writes the same cells, without dropdowns or page layout", async () => {
    const fx = fakeExcel([]);
    await writeGrid(fx.excel, buildWorkbook(planWith(3)), { supports: (v) => Number(v) <= 1.7 });
    const full = fakeExcel([]);
    await writeGrid(full.excel, buildWorkbook(planWith(3)));
    for (const name of [SHEETS.agencies, SHEETS.budget]) {
      expect([...fx.added.get(name)!.cells]).toEqual([...full.added.get(name)!.cells]);
      expect(fx.added.get(name)!.print).toEqual({});
    }
    expect(full.added.get(SHEETS.budget)!.print.footer).toBe("Trang &P/&N");
  });

  it("writes every sheet's values and formulas, text escaped, names defined", async () => {
    const fx = fakeExcel(["Sheet1"]);
    await writeGrid(fx.excel, buildWorkbook(planWith(3)));
    expect([...fx.added.keys()]).toEqual([SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget, SHEETS.lists]);
    const pl1 = fx.added.get(SHEETS.agencies)!;
    const at = (r: number, c: number) => pl1.cells.get(`${r - 1},${c - 1}`);
    expect(at(5, 2)).toBe("Tên cơ quan");
    expect(at(7, 2)).toBe("UBND xã Số 1");
    expect(at(7, 5)).toBe("'=HYPERLINK(\"http://x\")");
    const pl2 = fx.added.get(SHEETS.budget)!;
    expect([...pl2.cells.values()]).toContain("=COUNTIF(PL1_Nhom,B9)");
    expect(fx.added.get(SHEETS.info)!.cells.get("4,1")).toBe("'15/11/2025");
    // Printed as administrative documents are (Nghị định 30/2020): margins in points, one page wide, page numbers.
    expect(fx.added.get(SHEETS.budget)!.print).toEqual({
      margins: { top: 56.7, bottom: 56.7, left: 85, right: 42.5, header: 22.7, footer: 22.7 },
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      footer: "Trang &P/&N",
    });
    expect(fx.names.map((n) => n.name)).toEqual(expect.arrayContaining(["PL1_Nhom", "TongTien", "DM_DaoTao", "ChuSo"]));
    expect(fx.names.find((n) => n.name === "PL1_Nhom")!.ref).toBe(`='${SHEETS.agencies}'!$C$6:$C$5005`);
  });

  it("needs the same number of syncs for a 10-row and a 5.000-row plan", async () => {
    const small = fakeExcel();
    const large = fakeExcel();
    const a = await writeGrid(small.excel, buildWorkbook(planWith(10)));
    const b = await writeGrid(large.excel, buildWorkbook(planWith(5000)));
    expect(small.syncs()).toBe(2);
    expect(large.syncs()).toBe(small.syncs());
    expect([a.syncs, b.syncs]).toEqual([2, 2]);
    expect(large.added.get(SHEETS.agencies)!.cells.get("5005,1")).toBe("UBND xã Số 5000");
  });

  it("refuses to touch sheets that exist unless asked, and then keeps them renamed", async () => {
    const fx = fakeExcel([SHEETS.info, "Số liệu của tôi"]);
    await expect(writeGrid(fx.excel, buildWorkbook(planWith(1)))).rejects.toThrow(SheetsExist);
    expect(fx.added.size).toBe(0);
    const kept = fakeExcel([SHEETS.info]);
    const { renamed } = await writeGrid(kept.excel, buildWorkbook(planWith(1)), { existing: "keep" });
    expect(renamed).toEqual(["Thông tin (cũ)"]);
    expect(kept.renamed).toEqual([[SHEETS.info, "Thông tin (cũ)"]]);
    expect(kept.deleted).toEqual([]);
    const replacedFx = fakeExcel([SHEETS.info, "Số liệu của tôi"]);
    const replaced = await writeGrid(replacedFx.excel, buildWorkbook(planWith(1)), { existing: "replace" });
    expect(replaced.replaced).toEqual([SHEETS.info]);
    // The old sheet is set aside first, deleted only after the new ones exist; the user's own sheet is untouched.
    expect(replacedFx.renamed).toEqual([[SHEETS.info, "Thông tin (cũ)"]]);
    expect(replacedFx.deleted).toEqual(["Thông tin (cũ)"]);
    expect(replacedFx.added.has(SHEETS.info)).toBe(true);
  });

  it("compares sheet names as Excel does, without regard to case: an existing \"THÔNG TIN\" and \"Thông tin (CŨ)\" are seen", async () => {
    const fx = fakeExcel(["THÔNG TIN", "Thông tin (CŨ)"]);
    await expect(writeGrid(fx.excel, buildWorkbook(planWith(1)))).rejects.toThrow(new SheetsExist(["THÔNG TIN"]));
    const kept = fakeExcel(["THÔNG TIN", "Thông tin (CŨ)"]);
    const { renamed } = await writeGrid(kept.excel, buildWorkbook(planWith(1)), { existing: "keep" });
    expect(renamed).toEqual(["THÔNG TIN (cũ 2)"]);
    expect(kept.renamed).toEqual([["THÔNG TIN", "THÔNG TIN (cũ 2)"]]);
  });
});

describe("readWorkbook", () => {
  it("reads every sheet's used range in two syncs, placed where it is", async () => {
    const excel = strictExcel([
      { name: SHEETS.agencies, rowIndex: 4, columnIndex: 0, values: [["STT", "Tên cơ quan", "Nhóm cơ quan"], [1, "Sở Y tế", "Cơ quan cấp sở, ngành"], ["", "", ""]] },
      { name: "Trống", rowIndex: 0, columnIndex: 0, values: [] },
    ]);
    const raw = await readWorkbook(excel);
    expect(excel.syncs).toBe(2);
    const pl1 = raw.sheets[0];
    expect(pl1.rows.slice(4, 6)).toEqual([["STT", "Tên cơ quan", "Nhóm cơ quan"], [1, "Sở Y tế", "Cơ quan cấp sở, ngành"]] as RawValue[][]);
    expect(raw.sheets[1]).toEqual({ name: "Trống", rows: [] });
    const { plan } = readPlan(raw);
    expect(plan.agencies.map((a) => [a.name, a.groupId])).toEqual([["Sở Y tế", "so-nganh"]]);
  });

  // The same cells the file readers see in the reader corpus: 20/03/2022 is serial 44640 in the
  // 1900 system and 43178 in the 1904 one; Excel shows the date either way.
  it.each([
    [false, 44640, "20/03/2022"],
    [true, 43178, "20/03/2022"],
  ])("reads a date cell as a date (1904 system: %p), asking Excel once which date system it shows", async (_1904, serial, shown) => {
    const excel = strictExcel([
      {
        name: SHEETS.info, visibility: "Hidden", rowIndex: 2, columnIndex: 1,
        values: [["Ngày ban hành", serial, "#N/A", true]],
        valueTypes: [["String", "Double", "Error", "Boolean"]],
        numberFormat: [["General", "dd/mm/yyyy", "General", "General"]],
        text: (r, c) => (r === 2 && c === 2 ? shown : ""),
      },
    ]);
    const raw = await readWorkbook(excel);
    expect(excel.syncs).toBe(3);
    expect(raw.sheets[0].hidden).toBe(true);
    expect(raw.sheets[0].rows[2]).toEqual([null, "Ngày ban hành", new Date(Date.UTC(2022, 2, 20)), { error: "#N/A" }, true]);
  });
});

describe("readWorkbook on a budget typed over", () => {
  it("loads the formulas of the budget sheet only, in one more sync, so a number typed over the template's formula is said at its cell", async () => {
    const header = ["STT", "Tên cơ quan thực hiện / nội dung", "Số lượng", "Nội dung chi", "Định mức", "Số tiền", "Ghi chú"];
    const values = [
      header,
      ["I", "Chi cho hoạt động duy trì, cải tiến", "", "", "", 15, ""],
      ["", "Cơ quan cấp sở, ngành", 1, "", 15, 15, ""],
      ["II", "Chi cho hoạt động quản lý của Sở Khoa học và Công nghệ", "", "", "", 70, ""],
      ["", "Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan", 1, "", "", 70, "Trọn gói"],
      ["", "Tổng", "", "", "", 85, ""],
    ];
    const formulas = values.map((row, i) => row.map((v, j) => {
      if (j === 5 && i === 1) return "=SUM(F7:F7)";
      if (j === 5 && i === 2) return "=C7*E7";
      if (j === 2 && i === 2) return "=COUNTIF(PL1_Nhom,B7)";
      if (j === 5 && i === 3) return "=SUM(F9:F9)";
      if (j === 5 && i === 5) return "=F6+F8";
      return v; // F9: 70 typed over =DM_KiemTra
    }));
    const excel = strictExcel([
      { name: SHEETS.agencies, rowIndex: 4, columnIndex: 0, values: [["STT", "Tên cơ quan", "Nhóm cơ quan"], [1, "Sở Y tế", "Cơ quan cấp sở, ngành"]] },
      { name: SHEETS.budget, rowIndex: 4, columnIndex: 0, values, formulas },
    ]);
    const raw = await readWorkbook(excel);
    expect(excel.syncs).toBe(3);
    expect(raw.sheets[0].formulas).toBeUndefined();
    expect(raw.sheets[1].formulas!["6,5"]).toBe("C7*E7");
    const { problems } = readPlan(raw);
    expect(problems.filter((p) => p.code === "TYPED_OVER").map((p) => p.cell)).toEqual(["F9"]);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("cellInput", () => {
  it.each([
    ["=1+1", "'=1+1"], ["+84", "'+84"], ["-", "'-"], ["@x", "'@x"], ["15/11/2025", "'15/11/2025"], ["2.620", "'2.620"],
    ["Sở Y tế", "Sở Y tế"], ["Quý I/2026", "Quý I/2026"],
  ])("writes %p as %p", (v, expected) => expect(cellInput(v)).toBe(expected));
  it("keeps numbers, and writes formulas as formulas", () => {
    expect(cellInput(2620)).toBe(2620);
    expect(cellInput(0, "SUM(A1:A2)")).toBe("=SUM(A1:A2)");
  });
});
