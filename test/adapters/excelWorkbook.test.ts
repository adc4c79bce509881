/**
 * The Office.js adapter against the strict fake Excel (test/helpers/fakeExcel.ts): nothing happens
 * before sync, nothing is read before it is loaded, every request and response is measured against
 * Excel on the web's 5 MB, and Excel's naming rules, case-insensitive sheet names and row-height
 * limit are enforced. Each flow is run on workbooks a user really has: an older plan on renamed
 * sheets beside the user's own formulas, sheets kept or replaced, a failure half-way.
 */
import { cellInput, writeCells } from "../../src/adapters/office/excelWorkbook";
import { readWorkbook } from "../../src/adapters/office/excelRead";
import { dependentsOf, SheetsExist, writeGrid } from "../../src/adapters/office/excelWrite";
import type { Agency, Plan } from "../../src/core/model";
import type { Submission } from "../../src/core/merge";
import { newPlan } from "../../src/workbook/plan";
import { buildWorkbook, NAME_GROUP_TABLE } from "../../src/workbook/write";
import { consolidate } from "../../src/workbook/consolidated";
import { readPlan } from "../../src/workbook/read";
import { SHEETS } from "../../src/workbook/layout";
import type { WorkbookGrid } from "../../src/workbook/grid";
import { FakeExcel, PAYLOAD_LIMIT, parseAddress, type SheetState } from "../helpers/fakeExcel";

function planWith(n: number, year = 2026): Plan {
  const plan = newPlan({ year, levels: 2, standardTasks: true });
  plan.info = { ...plan.info, issuer: "UBND tỉnh Đồng Tháp", area: "tỉnh Đồng Tháp", date: "15/11/2025" };
  plan.agencies = Array.from({ length: n }, (_, i): Agency => ({ name: `UBND xã Số ${i + 1}`, groupId: "cap-xa", area: "tỉnh Đồng Tháp", note: i === 0 ? "=HYPERLINK(\"http://x\")" : "" }));
  return plan;
}

const cell = (s: SheetState | undefined, address: string) => {
  const r = parseAddress(address);
  return s?.cells.get(`${r.row},${r.col}`)?.input;
};

/** A workbook as an older version of the add-in left it, then renamed by the user: the names are the workbook's, pointing at the renamed sheets. */
async function olderPlanOnRenamedSheets(): Promise<{ fx: FakeExcel; renamed: Map<string, string> }> {
  const fx = new FakeExcel({ sheets: [{ name: "Tổng hợp của tôi", rows: [["Kinh phí năm 2025", 45]], formulas: [["", "=TongTien"]] }] });
  const old = buildWorkbook(planWith(3, 2025));
  await writeGrid(fx, old);
  // What the older version did: every name in the workbook's scope.
  for (const s of fx.sheets) s.names = [];
  fx.names = old.names.map((n) => ({ name: n.name, formula: `='${n.sheet}'!${n.ref}` }));
  const renamed = new Map(old.sheets.map((s) => [s.name, `${s.name.slice(0, 24)} 2025`]));
  await fx.run(async (context) => {
    for (const [from, to] of renamed) context.workbook.worksheets.getItem(from).name = to;
    await context.sync();
  });
  return { fx, renamed };
}

describe("writeGrid on the strict fake Excel", () => {
  it("on Excel with only ExcelApi 1.7 (Office 2016/2019 volume-licensed) writes the same cells, without dropdowns or page layout", async () => {
    const old = new FakeExcel();
    await writeGrid(old, buildWorkbook(planWith(3)), { supports: (v) => Number(v) <= 1.7 });
    const full = new FakeExcel();
    await writeGrid(full, buildWorkbook(planWith(3)));
    for (const name of [SHEETS.agencies, SHEETS.budget]) {
      expect([...old.sheet(name)!.cells]).toEqual([...full.sheet(name)!.cells]);
      expect(old.sheet(name)!.print).toEqual({});
      expect(old.sheet(name)!.validations).toEqual([]);
    }
    expect(full.sheet(SHEETS.budget)!.print.centerFooter).toBe("Trang &P/&N");
    expect(full.sheet(SHEETS.agencies)!.validations.length).toBeGreaterThan(0);
  });

  it("writes values and formulas, text escaped, computed sheets protected, printed as administrative documents", async () => {
    const fx = new FakeExcel();
    await writeGrid(fx, buildWorkbook(planWith(3)));
    expect(fx.sheets.map((s) => s.name)).toEqual(["Sheet1", SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget, SHEETS.lists]);
    const pl1 = fx.sheet(SHEETS.agencies);
    expect(cell(pl1, "B5")).toBe("Tên cơ quan");
    expect(cell(pl1, "B7")).toBe("UBND xã Số 1");
    // Typed with Excel's text prefix: stored as text, never run as a formula.
    expect(pl1!.cells.get("6,4")).toMatchObject({ input: "=HYPERLINK(\"http://x\")", literal: true });
    expect(cell(fx.sheet(SHEETS.info), "B5")).toBe("15/11/2025");
    expect([...fx.sheet(SHEETS.budget)!.cells.values()].map((c) => c.input)).toContain("=COUNTIF(PL1_Nhom,B9)");
    expect(fx.sheet(SHEETS.budget)!.protected).toBe(true);
    expect(fx.sheet(SHEETS.lists)!.visibility).toBe("Hidden");
    expect(fx.sheet(SHEETS.budget)!.print).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      titleRows: expect.any(String) as string,
      margins: { unit: "Points", top: 56.7, bottom: 56.7, left: 85, right: 42.5, header: 22.7, footer: 22.7 },
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      centerFooter: "Trang &P/&N",
    });
  });

  it("scopes every name to the sheets that use it and defines none in the workbook's scope", async () => {
    const fx = new FakeExcel();
    await writeGrid(fx, buildWorkbook(planWith(3)));
    expect(fx.names).toEqual([]);
    expect(fx.resolve(SHEETS.budget, "PL1_Nhom")).toBe(`='${SHEETS.agencies}'!$C$6:$C$5005`);
    expect(fx.resolve(SHEETS.budget, "DM_KiemTra")).toMatch(/^='Thông tin'!\$B\$\d+$/);
    expect(fx.resolve(SHEETS.lists, "TongTien")).toBe(`='${SHEETS.budget}'!${buildWorkbook(planWith(3)).names.find((n) => n.name === "TongTien")!.ref}`);
    expect(fx.resolve(SHEETS.info, NAME_GROUP_TABLE)).toMatch(/^='Thông tin'!\$A\$\d+:\$F\$\d+$/);
    // The user's own sheet sees none of them.
    expect(fx.resolve("Sheet1", "TongTien")).toBeUndefined();
    // Every name a formula of ours uses resolves on its sheet.
    for (const s of fx.sheets.filter((x) => x.name !== "Sheet1")) {
      for (const c of s.cells.values()) {
        if (typeof c.input !== "string" || !c.input.startsWith("=")) continue;
        for (const n of ["PL1_Nhom", "PL1_Ten", "PL1_STT", "PL1_HinhThuc", "TongTien", "DM_DaoTao", "DM_KiemTra", "ChuSo", "TongDong"]) {
          if (new RegExp(`\\b${n}\\b`).test(c.input.replace(/"[^"]*"/g, ""))) expect([s.name, n, fx.resolve(s.name, n)]).toEqual([s.name, n, expect.any(String)]);
        }
      }
    }
  });

  it("beside last year's plan on renamed sheets: the old names, the old sheets' formulas and the user's own formula still read last year's plan", async () => {
    const { fx, renamed } = await olderPlanOnRenamedSheets();
    const before = structuredClone(fx.names);
    await writeGrid(fx, buildWorkbook(planWith(5)));
    // Nothing of the workbook's scope was deleted or re-pointed.
    expect(fx.names).toEqual(before);
    expect(fx.resolve("Tổng hợp của tôi", "TongTien")).toBe(`='${renamed.get(SHEETS.budget)}'!${before.find((n) => n.name === "TongTien")!.formula.split("!")[1]}`);
    // Last year's PL2 counts last year's PL1; this year's counts this year's.
    expect(fx.resolve(renamed.get(SHEETS.budget)!, "PL1_Nhom")).toContain(renamed.get(SHEETS.agencies)!);
    expect(fx.resolve(SHEETS.budget, "PL1_Nhom")).toBe(`='${SHEETS.agencies}'!$C$6:$C$5005`);
    expect(fx.resolve(SHEETS.lists, "TongTien")).toContain(`'${SHEETS.budget}'!`);
  });

  it("keeps same-named sheets aside as Excel compares names (without regard to case), their formulas reading the kept sheets", async () => {
    const fx = new FakeExcel({ sheets: [{ name: "Số liệu của tôi", rows: [["x"]] }] });
    await writeGrid(fx, buildWorkbook(planWith(1)));
    fx.sheet(SHEETS.info)!.name = "THÔNG TIN";
    await expect(writeGrid(fx, buildWorkbook(planWith(2)))).rejects.toThrow(SheetsExist);
    const { renamed } = await writeGrid(fx, buildWorkbook(planWith(2)), { existing: "keep" });
    expect(renamed).toEqual(["THÔNG TIN (cũ)", `${SHEETS.tasks} (cũ)`, `${SHEETS.agencies} (cũ)`, `${SHEETS.budget} (cũ)`, `${SHEETS.lists} (cũ)`]);
    expect(fx.resolve(`${SHEETS.budget} (cũ)`, "PL1_Nhom")).toBe(`='${SHEETS.agencies} (cũ)'!$C$6:$C$5005`);
    expect(fx.resolve(SHEETS.budget, "PL1_Nhom")).toBe(`='${SHEETS.agencies}'!$C$6:$C$5005`);
    expect(cell(fx.sheet(`${SHEETS.agencies} (cũ)`), "B7")).toBe("UBND xã Số 1");
    expect(cell(fx.sheet(SHEETS.agencies), "B8")).toBe("UBND xã Số 2");
  });

  it("lists before replacing what replacing would break, and replaces only once the new sheets are in", async () => {
    const fx = new FakeExcel({ sheets: [{ name: "Báo cáo", rows: [["Tổng", 1, 2]], formulas: [["", `='${SHEETS.budget}'!F20`, "=SUM(1,2)"]] }] });
    await writeGrid(fx, buildWorkbook(planWith(1)));
    fx.names.push({ name: "KinhPhiNam", formula: `='${SHEETS.budget}'!$F$20` });
    fx.sheet("Báo cáo")!.cells.set("0,3", { input: "=KinhPhiNam*2" });
    const found = await dependentsOf(fx, [SHEETS.budget, SHEETS.agencies]);
    expect(found).toEqual([
      { name: "KinhPhiNam", formula: `='${SHEETS.budget}'!$F$20` },
      { sheet: "Báo cáo", cell: "B1", formula: `='${SHEETS.budget}'!F20` },
      { sheet: "Báo cáo", cell: "D1", formula: "=KinhPhiNam*2" },
    ]);
    const { replaced } = await writeGrid(fx, buildWorkbook(planWith(2)), { existing: "replace" });
    expect(replaced).toEqual([SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget, SHEETS.lists]);
    // What was listed is what broke, as Excel breaks it.
    expect(cell(fx.sheet("Báo cáo"), "B1")).toBe("=#REF!");
    expect(fx.sheets.map((s) => s.name)).toEqual(["Báo cáo", SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget, SHEETS.lists]);
    expect(cell(fx.sheet(SHEETS.agencies), "B8")).toBe("UBND xã Số 2");
  });

  it.each([
    ["addSheet", SHEETS.budget, "GeneralException", "Excel báo lỗi (mã GeneralException)."],
    ["setValues", SHEETS.agencies, "InvalidOperationInCellEditMode", "Excel đang ở chế độ sửa ô"],
    ["addName", SHEETS.lists, "ItemAlreadyExists", "Sổ đã có một trang hoặc một tên trùng"],
    ["setValues", SHEETS.lists, "AccessDenied", "đang được bảo vệ"],
  ])("if Excel fails at %s on %s (%s), the workbook is put back as it was and the user reads why in Vietnamese", async (kind, sheet, code, words) => {
    const { fx } = await olderPlanOnRenamedSheets();
    await writeGrid(fx, buildWorkbook(planWith(1)));
    const before = structuredClone(fx.snapshot());
    fx.failWhen = (k, about) => (k === kind && about.startsWith(sheet) ? code : undefined);
    const error = await writeGrid(fx, buildWorkbook(planWith(7)), { existing: "keep" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "ExcelWriteError", code });
    expect((error as Error).message).toContain(words);
    expect((error as Error).message).toContain("Sổ đã được trả lại như trước khi ghi.");
    expect((error as Error).message).not.toMatch(/resource|Injected/);
    fx.failWhen = undefined;
    expect(fx.snapshot()).toEqual(before);
  });

  it("refuses a grid Excel would not take before sending anything", async () => {
    const fx = new FakeExcel();
    const before = structuredClone(fx.snapshot());
    const grid = buildWorkbook(planWith(1));
    grid.sheets[1].name = "Nhiệm vụ: năm 2026/2027";
    grid.sheets[2].heights = [500];
    const runs = fx.runs;
    await expect(writeGrid(fx, grid)).rejects.toThrow(/ký tự ":".*cao 500 pt, quá mức 409 pt|ký tự ":"/);
    expect(fx.runs).toBe(runs);
    expect(fx.snapshot()).toEqual(before);
  });

  it("never makes a row taller than Excel's 409 pt, however long a note", () => {
    const plan = planWith(1);
    plan.agencies[0].note = "Ghi chú rất dài. ".repeat(800);
    const grid = buildWorkbook(plan);
    expect(Math.max(...grid.sheets.flatMap((s) => (s.heights ?? []).filter(Boolean)))).toBe(409);
  });
});

function consolidatedOf(n: number): WorkbookGrid {
  const subs: Submission[] = Array.from({ length: Math.ceil(n / 250) }, (_, f) => {
    const plan = planWith(Math.min(250, n - f * 250));
    plan.info = { ...plan.info, issuer: `UBND xã Số ${f}`, area: `xã Số ${f}` };
    plan.agencies = plan.agencies.map((a, i) => ({ ...a, name: `Trường Trung học cơ sở Nguyễn Văn ${f}-${i} thuộc xã Số ${f}`, note: "Đăng ký áp dụng mới năm 2026" }));
    return { file: `xa-${f}.xlsx`, modified: f, outcome: { kind: "read", plan, problems: [] } };
  });
  return consolidate(subs, null)!.grid;
}

describe("request sizes", () => {
  it.each([5000, 20000])("writes a %i-agency consolidated result in requests each under 5 MB, the number of syncs growing with the bytes", async (n) => {
    const fx = new FakeExcel();
    const grid = consolidatedOf(n);
    const { syncs } = await writeGrid(fx, grid);
    expect(Math.max(...fx.requests)).toBeLessThan(PAYLOAD_LIMIT);
    const total = fx.requests.reduce((a, b) => a + b, 0);
    // Not one sync per row: about one per 3 MB sent.
    expect(syncs).toBeLessThanOrEqual(Math.ceil(total / (2.5 * 1024 * 1024)) + 4);
    const pl1 = fx.sheet(SHEETS.agencies)!;
    expect([...pl1.cells.values()].filter((c) => typeof c.input === "string" && c.input.startsWith("Trường Trung học")).length).toBe(n);
  }, 60_000);
});

describe("readWorkbook on the strict fake Excel", () => {
  const pl1Rows = [["STT", "Tên cơ quan", "Nhóm cơ quan"], [1, "Sở Y tế", "Cơ quan cấp sở, ngành"]];

  it("reads the plan's sheets placed where they are, in a few syncs", async () => {
    const fx = new FakeExcel({ sheets: [{ name: SHEETS.agencies, at: [4, 0], rows: pl1Rows }, { name: "Trống" }] });
    const raw = await readWorkbook(fx);
    expect(fx.syncs).toBeLessThanOrEqual(3);
    expect(raw.sheets[0].rows.slice(4, 6)).toEqual(pl1Rows);
    expect(raw.sheets[1]).toEqual({ name: "Trống", rows: [] });
    expect(readPlan(raw).plan.agencies.map((a) => [a.name, a.groupId])).toEqual([["Sở Y tế", "so-nganh"]]);
  });

  it("beside a 60.000 × 12 data sheet: only that sheet's first rows are asked for, every response under 5 MB", async () => {
    const big = Array.from({ length: 60000 }, (_, i) => Array.from({ length: 12 }, (_, j) => `Dữ liệu dòng ${i} cột ${j} — không phải kế hoạch`));
    const fx = new FakeExcel({ sheets: [{ name: "Số liệu", rows: big }, { name: SHEETS.agencies, at: [4, 0], rows: pl1Rows }] });
    const raw = await readWorkbook(fx);
    expect(Math.max(...fx.responses)).toBeLessThan(PAYLOAD_LIMIT);
    expect(raw.sheets[0].rows.length).toBe(300);
    expect(readPlan(raw).plan.agencies.map((a) => a.name)).toEqual(["Sở Y tế"]);
  });

  it("reads a 20.000-agency list in full, in chunks whose responses stay under 5 MB", async () => {
    const rows = [pl1Rows[0], ...Array.from({ length: 20000 }, (_, i) => [i + 1, `Trường Tiểu học số ${i + 1} của xã có tên khá dài để đo kích thước`, "Cơ quan cấp xã"])];
    const fx = new FakeExcel({ sheets: [{ name: SHEETS.agencies, at: [4, 0], rows }] });
    const raw = await readWorkbook(fx);
    expect(Math.max(...fx.responses)).toBeLessThan(PAYLOAD_LIMIT);
    expect(fx.responses.length).toBeGreaterThan(3);
    expect(readPlan(raw).plan.agencies.length).toBe(20000);
  }, 60_000);

  // The same cells the file readers see in the reader corpus: 20/03/2022 is serial 44640 in the
  // 1900 system and 43178 in the 1904 one; Excel shows the date either way.
  it.each([
    [false, 44640, "20/03/2022"],
    [true, 43178, "20/03/2022"],
  ])("reads a date cell as a date (1904 system: %p), asking Excel once which date system it shows", async (_1904, serial, shown) => {
    const fx = new FakeExcel({
      sheets: [{
        name: SHEETS.info, visibility: "Hidden", at: [2, 1],
        rows: [["Ngày ban hành", serial, "#N/A", true]],
        errors: [[false, false, true, false]],
        formats: [["General", "dd/mm/yyyy", "General", "General"]],
        text: (r, c) => (r === 2 && c === 2 ? shown : ""),
      }, { name: "Sheet2", rows: [["x"]] }],
    });
    const raw = await readWorkbook(fx);
    expect(raw.sheets[0].hidden).toBe(true);
    expect(raw.sheets[0].rows[2]).toEqual([null, "Ngày ban hành", new Date(Date.UTC(2022, 2, 20)), { error: "#N/A" }, true]);
  });

  it("loads the formulas of the budget sheet only, so a number typed over the template's formula is said at its cell", async () => {
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
    const fx = new FakeExcel({ sheets: [{ name: SHEETS.agencies, at: [4, 0], rows: pl1Rows }, { name: SHEETS.budget, at: [4, 0], rows: values, formulas }] });
    const raw = await readWorkbook(fx);
    expect(raw.sheets[0].formulas).toBeUndefined();
    expect(raw.sheets[1].formulas!["6,5"]).toBe("C7*E7");
    const { problems } = readPlan(raw);
    expect(problems.filter((p) => p.code === "TYPED_OVER").map((p) => p.cell)).toEqual(["F9"]);
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("writeCells through the template's names", () => {
  it("puts a rate where its named cell is now, after the user inserted rows above it, not at the address read before", async () => {
    const fx = new FakeExcel();
    await writeGrid(fx, buildWorkbook(planWith(1)));
    const { refs } = readPlan(await readWorkbook(fx));
    const training = refs.trainingPerClass!;
    const group = refs.groups!["cap-xa"];
    fx.insertRows(SHEETS.info, 0, 2);
    const stale = (r: { row: number; col: number }) => `${String.fromCharCode(64 + r.col)}${r.row}`;
    const { byName } = await writeCells(fx, [
      { sheet: SHEETS.info, cell: stale(training), value: 40, name: "DM_DaoTao" },
      { sheet: SHEETS.info, cell: stale(group), value: 10, name: NAME_GROUP_TABLE, row: { keyColumn: 5, key: "cap-xa", column: 1 } },
    ]);
    expect(byName).toBe(2);
    const info = fx.sheet(SHEETS.info)!;
    expect(cell(info, stale({ row: training.row + 2, col: training.col }))).toBe(40);
    expect(cell(info, stale({ row: group.row + 2, col: group.col }))).toBe(10);
    // The stale addresses now hold what moved there, untouched.
    expect(cell(info, stale(training))).not.toBe(40);
    expect(cell(info, stale(group))).not.toBe(10);
  });
});

describe("cellInput", () => {
  it.each([
    ["=1+1", "'=1+1"], ["+84", "'+84"], ["-", "'-"], ["@x", "'@x"], ["15/11/2025", "'15/11/2025"], ["2.620", "'2.620"], ["'quoted", "''quoted"],
    ["Sở Y tế", "Sở Y tế"], ["Quý I/2026", "Quý I/2026"],
  ])("writes %p as %p", (v, expected) => expect(cellInput(v)).toBe(expected));
  it("keeps numbers, and writes formulas as formulas", () => {
    expect(cellInput(2620)).toBe(2620);
    expect(cellInput(0, "SUM(A1:A2)")).toBe("=SUM(A1:A2)");
  });
});
