/**
 * The consolidated workbook's season parts, in-process: the units' task tables kept apart (the
 * plan's is the province's own, and the workbook passes its own validate), the units whose plans
 * lack a required activity listed, and the officer's corrections found, kept, and said to no longer
 * apply when their row is gone.
 */
import { applyCorrections, assignRowIds, detectCorrections, type ListRow } from "../../src/core/corrections";
import { defaultGroups } from "../../src/core/groups";
import type { Submission } from "../../src/core/merge";
import type { Agency, Task } from "../../src/core/model";
import { validatePlan } from "../../src/core/validate";
import { standardTasks } from "../../src/core/standardTasks";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { consolidate, existingFromRaw, STORE_CELL_CHARS, StoreProblem } from "../../src/workbook/consolidated";
import { OUTPUT_SHEETS, SHEETS } from "../../src/workbook/layout";
import { openWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { DEFAULT_LIMITS } from "../../src/adapters/xlsx/sheetRules";
import { nodeZip } from "../../src/cli/nodeZip";
import { buildWorkbook } from "../../src/workbook/write";
import { newPlan } from "../../src/workbook/plan";
import { cellText, readPlan } from "../../src/workbook/read";
import { openBytes } from "../helpers/open";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

const A = (name: string, groupId: string, area: string): Agency => ({ name, groupId, area, note: "" });

function sub(file: string, issuer: string, area: string, agencies: Agency[], tasks: Task[] = [], level = "Cơ quan"): Submission {
  const plan = newPlan({ year: 2022, levels: 3, standardTasks: false });
  return { file, modified: 1, outcome: { kind: "read", problems: [], plan: { ...plan, info: { ...plan.info, issuer, area, level, date: "01/11/2021" }, agencies, tasks } } };
}

const at = (sheet: string, row: number) => ({ sheet, row, col: 1 });
const withAt = (tasks: Task[]) => tasks.map((t, i) => ({ ...t, at: at(SHEETS.tasks, 6 + i), timingAt: { ...at(SHEETS.tasks, 6 + i), col: 7 } }));

describe("tasks and required activities", () => {
  const province = sub("SKHCN.xlsx", "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "tỉnh Đồng Tháp", [A("Sở Khoa học và Công nghệ", "so-nganh", "")], withAt(standardTasks(2022)), "Tỉnh");
  const good = sub("SYT.xlsx", "Sở Y tế", "tỉnh Đồng Tháp", [A("Sở Y tế", "so-nganh", "")], withAt(standardTasks(2022)));
  const lacking = sub("STP.xlsx", "Sở Tư pháp", "tỉnh Đồng Tháp", [A("Sở Tư pháp", "so-nganh", "")], withAt(standardTasks(2022).filter((t) => !/nội bộ/.test(t.content))));
  // A unit's own problems come from reading its file; here, the checks the reader runs.
  for (const s of [good, lacking]) if (s.outcome.kind === "read") s.outcome.problems = validatePlan(s.outcome.plan);

  it("keeps the province's task table as the plan's, the units' in Nhiệm vụ các đơn vị, and passes its own validate", async () => {
    const done = consolidate([province, good, lacking], null)!;
    expect(done.result.plan.tasks.map((t) => t.content)).toEqual(standardTasks(2022).map((t) => t.content));
    const raw = await openBytes(await writeXlsx(done.grid));
    const units = raw.sheets.find((s) => s.name === SHEETS.unitTasks)!.rows.map((r) => cellText(r[0]));
    expect(units.filter((t) => t.includes("(tệp "))).toEqual(["Sở Tư pháp (tệp STP.xlsx)", "Sở Y tế (tệp SYT.xlsx)"]);
    const read = readPlan(raw);
    expect(read.sheets.tasks).toBe(SHEETS.tasks);
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(read.problems.filter((p) => p.code === "REQUIRED_ACTIVITY")).toEqual([]);
  });

  it("lists the units whose plans lack a required activity in Nguồn dữ liệu", async () => {
    const done = consolidate([province, good, lacking], null)!;
    const raw = await openBytes(await writeXlsx(done.grid));
    const rows = raw.sheets.find((s) => s.name === SHEETS.sources)!.rows.map((r) => r.map((v) => cellText(v)));
    const caption = rows.findIndex((r) => (r[0] ?? "").startsWith("ĐƠN VỊ CÓ KẾ HOẠCH CHƯA ĐỦ HOẠT ĐỘNG BẮT BUỘC"));
    expect(caption).toBeGreaterThan(0);
    expect(rows[caption + 2].slice(1, 4)).toEqual(["STP.xlsx", "Sở Tư pháp", "Bảng nhiệm vụ chưa có đánh giá nội bộ (ít nhất một lần trong năm)."]);
    expect((rows[caption + 3] ?? []).every((v) => v === "")).toBe(true);
  });
});

describe("the officer's corrections", () => {
  const groups = defaultGroups(3);
  const merged = assignRowIds([A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Y tế", "so-nganh", "tỉnh Đồng Tháp"), A("UBND xã An Hòa", "cap-xa", "huyện Tam Nông")]);
  const rows = (xs: Agency[]): ListRow[] => xs.map((a) => ({ rowId: a.rowId!, name: a.name, group: groups.find((g) => g.id === a.groupId)!.label, area: a.area, note: a.note }));
  const written = rows(merged);

  it("are found against what was written; a change undone removes its correction", () => {
    const current = [{ ...written[0], name: "Sở Nội vụ tỉnh Đồng Tháp" }, { ...written[2], note: "Sáp nhập 2025" }, { rowId: "", name: "UBND xã Phú Cường", group: "Cơ quan cấp xã", area: "huyện Tam Nông", note: "" }];
    const found = detectCorrections(written, current, [], "01/12/2021");
    expect(found.map((c) => [c.kind, c.name, c.from, c.to])).toEqual([
      ["rename", "Sở Nội vụ", "Sở Nội vụ", "Sở Nội vụ tỉnh Đồng Tháp"],
      ["note", "UBND xã An Hòa", "", "Sáp nhập 2025"],
      ["add", "UBND xã Phú Cường", "", "UBND xã Phú Cường"],
      ["delete", "Sở Y tế", "Sở Y tế", ""],
    ]);
    expect(found.find((c) => c.kind === "add")!.after).toBe(written[2].rowId);
    // Applied, then written again; the officer renames back: the rename is gone, the rest stay.
    const applied = applyCorrections(merged, ["a", "b", "c"], found, groups, "tay");
    const again = rows(applied.agencies).map((r, i) => (i === 0 ? { ...r, name: "Sở Nội vụ" } : r));
    const next = detectCorrections(rows(applied.agencies), again, found, "08/12/2021");
    expect(next.map((c) => c.kind)).toEqual(["note", "add", "delete"]);
  });

  it("one whose row is gone is said to no longer apply; an added agency a file now sends is not added twice", () => {
    const found = detectCorrections(written, [written[0], written[2], { rowId: "", name: "Sở Tư pháp", group: "Cơ quan cấp sở, ngành", area: "tỉnh Đồng Tháp", note: "" }], [], "01/12/2021");
    const later = assignRowIds([A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Tư pháp", "so-nganh", "tỉnh Đồng Tháp")]);
    const applied = applyCorrections(later, ["noi-vu.xlsx", "tu-phap.xlsx"], found, groups, "tay");
    expect(applied.agencies.map((a) => a.name)).toEqual(["Sở Nội vụ", "Sở Tư pháp"]);
    expect(applied.applied.map((a) => [a.correction.kind, a.status, a.reason])).toEqual([
      ["delete", "gone", "dòng này đã không còn trong kết quả gộp"],
      ["add", "gone", "cơ quan này nay đã có trong tệp gửi tu-phap.xlsx"],
    ]);
  });

  it("survive a merge into the consolidated workbook read back from its bytes", async () => {
    const subs = [sub("a.xlsx", "Sở Nội vụ", "tỉnh Đồng Tháp", [A("Sở Nội vụ", "so-nganh", "")]), sub("b.xlsx", "Sở Y tế", "tỉnh Đồng Tháp", [A("Sở Y tế", "so-nganh", "")])];
    const first = consolidate(subs, null, {}, { today: "01/12/2021" })!;
    const raw = await openBytes(await writeXlsx(first.grid));
    const existing = existingFromRaw(raw)!;
    // Nothing changed by hand: nothing found.
    expect(consolidate([], existing, {}, { today: "02/12/2021" })!.corrections).toEqual([]);
    const edited = { ...existing, current: existing.current.map((r) => (r.name === "Sở Y tế" ? { ...r, note: "Đã công bố lại" } : r)) };
    const second = consolidate([sub("c.xlsx", "Sở Tư pháp", "tỉnh Đồng Tháp", [A("Sở Tư pháp", "so-nganh", "")])], edited, {}, { today: "03/12/2021" })!;
    expect(second.result.plan.agencies.map((a) => [a.name, a.note])).toEqual([["Sở Nội vụ", ""], ["Sở Tư pháp", ""], ["Sở Y tế", "Đã công bố lại"]]);
    expect(second.corrections.map((c) => [c.correction.kind, c.correction.firstSeen, c.status])).toEqual([["note", "03/12/2021", "applied"]]);
  });
});

it("a list whose row ids were lost (pasted over) is not read as every row deleted and added again: the notice says so", async () => {
  const a = (name: string): Agency => ({ name, groupId: "so-nganh", area: "", note: "" });
  const subs = ["Sở Nội vụ", "Sở Y tế", "Sở Tư pháp"].map((n, i) => sub(`${i}.xlsx`, n, "tỉnh Đồng Tháp", [a(n)]));
  const first = consolidate(subs, null, {}, { today: "01/12/2021" })!;
  const existing = existingFromRaw(await openBytes(await writeXlsx(first.grid)))!;
  const pasted = { ...existing, current: existing.current.map((r) => ({ ...r, rowId: "" })) };
  const done = consolidate([], pasted, {}, { today: "02/12/2021" })!;
  expect(done.corrections).toEqual([]);
  expect(done.result.plan.agencies).toHaveLength(3);
  expect(done.notice).toContain("không còn cột mã dòng ở phần lớn các dòng (0/3)");
});

describe("the hidden store at a national scale", () => {
  const communes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => A(`Ủy ban nhân dân xã Số ${i} ${tag}`, "cap-xa", `huyện ${tag}`));
  const storeRows = (raw: Awaited<ReturnType<typeof openBytes>>) => raw.sheets.find((s) => s.name === SHEETS.store)!.rows;

  it("packs records many to a row, a record longer than a cell over continued rows, and reads back the same", async () => {
    const long = { ...A("Ủy ban nhân dân xã Ghi Chú Dài", "cap-xa", "huyện Dài"), note: `Ghi chú 😀 ${"rất dài ".repeat(3_900)}`.slice(0, 32_000) };
    const subs = [sub("a.xlsx", "UBND huyện A", "huyện A", communes(3_000, "A")), sub("b.xlsx", "UBND huyện B", "huyện B", [...communes(2_000, "B"), long])];
    const first = consolidate(subs, null)!;
    const raw = await openBytes(await writeXlsx(first.grid));
    const rows = storeRows(raw);
    // 5.001 agencies and the 5.001 rows of PL1 as written (10.002 records) in a tenth of the rows, none over a store cell's size.
    expect(rows.length).toBeLessThan(1_200);
    expect(rows.every((r) => r.every((v) => typeof v !== "string" || v.length <= STORE_CELL_CHARS))).toBe(true);
    expect(rows.some((r) => r[0] === "+")).toBe(true);
    const existing = existingFromRaw(raw)!;
    expect(existing.stored.map((s) => (s.outcome.kind === "read" ? s.outcome.plan.agencies : []))).toEqual(subs.map((s) => (s.outcome.kind === "read" ? s.outcome.plan.agencies : [])));
    expect(existing.written).toHaveLength(5_001);
    // Merging into it again gives the list merging everything at once gives.
    const again = consolidate([sub("c.xlsx", "UBND huyện C", "huyện C", communes(2, "C"))], existing)!;
    expect(again.result.plan.agencies).toHaveLength(5_003);
    expect(again.corrections).toEqual([]);
  });

  it("still reads a store written one record a row (workbooks consolidated before)", () => {
    const agencies = communes(3, "A");
    const info = sub("a.xlsx", "UBND huyện A", "huyện A", agencies);
    const plan = info.outcome.kind === "read" ? info.outcome.plan : null;
    const raw = {
      sheets: [
        {
          name: SHEETS.store,
          hidden: true,
          rows: [
            ["Loại", "Tệp", "Dữ liệu"],
            ["FILE", "a.xlsx", JSON.stringify({ modified: 1, info: plan!.info, groups: plan!.groups, rates: plan!.rates, training: plan!.training })],
            ...agencies.map((a) => ["AGENCY", "a.xlsx", JSON.stringify(a)]),
            ["WROTE", "", JSON.stringify(["r1", agencies[0].name, "UBND xã", "huyện A", ""])],
          ],
        },
      ],
    };
    const existing = existingFromRaw(raw)!;
    expect(existing.stored[0].outcome.kind === "read" && existing.stored[0].outcome.plan.agencies).toEqual(agencies);
    expect(existing.written).toEqual([{ rowId: "r1", name: agencies[0].name, group: "UBND xã", area: "huyện A", note: "" }]);
  });

  it("refuses, saying why, a store it cannot read faithfully: a kind of row it does not know, a continued row with nothing to continue, broken JSON", () => {
    const store = (rows: Array<[string, string, string]>) => ({ sheets: [{ name: SHEETS.store, hidden: true, rows: [["Loại", "Tệp", "Dữ liệu"], ...rows] }] });
    const file: [string, string, string] = ["FILE_V2", "a.xlsx", JSON.stringify({ modified: 1, rejected: "hỏng" })];
    expect(() => existingFromRaw(store([file, ["AGENCIES_V9", "a.xlsx", "[]"]]))).toThrow(StoreProblem);
    expect(() => existingFromRaw(store([file, ["AGENCIES_V9", "a.xlsx", "[]"]]))).toThrow(/phiên bản kehoach-iso mới hơn/);
    expect(() => existingFromRaw(store([file, ["+", "b.xlsx", "x"]]))).toThrow(/nối tiếp/);
    expect(() => existingFromRaw(store([file, ["AGENCIES", "a.xlsx", "[{"]]))).toThrow(/dữ liệu hỏng/);
    expect(existingFromRaw(store([file]))!.stored).toHaveLength(1);
  });
});

describe("a store too large for one sheet (a national roll-up with the units' task tables)", () => {
  const communes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => A(`Ủy ban nhân dân xã Số ${i} ${tag}`, "cap-xa", `huyện ${tag}`));
  const tasks = withAt(standardTasks(2022));
  // One agency's note longer than a store cell (its record cut over continued rows), in every file.
  const long = (i: number) => ({ ...A(`Ủy ban nhân dân xã Ghi Chú ${i}`, "cap-xa", `huyện ${i}`), note: `Ghi chú ${i} ${"rất dài ".repeat(3_000)}` });
  const subs = Array.from({ length: 12 }, (_, i) => sub(`huyen-${i}.xlsx`, `UBND huyện ${i}`, `huyện ${i}`, [...communes(150, String(i)), long(i)], tasks));
  // A sheet's share made small: the same store as a national one, in a test's size.
  const small = { chars: 60_000, rows: 200 };
  const records = (e: NonNullable<ReturnType<typeof existingFromRaw>>) => ({
    stored: e.stored.map((s) => [s.file, s.outcome.kind === "read" ? [s.outcome.plan.agencies, s.outcome.plan.tasks] : s.outcome.reason]),
    written: e.written,
  });
  const store = (raw: Awaited<ReturnType<typeof openBytes>>) => raw.sheets.filter((s) => s.name.startsWith(SHEETS.store));

  it("goes on in more hidden sheets, named in the first one's row 2, within each sheet's share, and reads back as the one-sheet store does", async () => {
    const one = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021" })!.grid));
    const split = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021", storeSheet: small })!.grid));
    expect(store(one).map((s) => s.name)).toEqual([SHEETS.store]);
    const sheets = store(split);
    expect(sheets.length).toBeGreaterThan(3);
    expect(sheets.map((s) => s.name)).toEqual(sheets.map((_, k) => (k === 0 ? SHEETS.store : `${SHEETS.store} ${k + 1}`)));
    expect(sheets.every((s) => s.hidden)).toBe(true);
    expect(sheets[0].rows[1].slice(0, 1)).toEqual(["PARTS"]);
    expect(JSON.parse(cellText(sheets[0].rows[1][2]))).toEqual({ sheets: sheets.slice(1).map((s) => s.name) });
    for (const s of sheets) {
      expect(s.rows.length).toBeLessThanOrEqual(small.rows);
      expect(s.rows.slice(1).reduce((n, r) => n + r.reduce<number>((m, v) => m + (typeof v === "string" ? v.length : 0), 0), 0)).toBeLessThanOrEqual(small.chars + 2_000);
    }
    // A record cut over rows goes on in the next sheet: the rows are one sequence.
    expect(sheets.some((s, k) => k > 0 && s.rows[1][0] === "+")).toBe(true);
    const read = existingFromRaw(split)!;
    expect(records(read)).toEqual(records(existingFromRaw(one)!));
    expect(read.stored.map((s) => s.file)).toEqual(subs.map((s) => s.file));
    // Merging into it again gives what merging everything at once gives.
    const more = sub("huyen-x.xlsx", "UBND huyện X", "huyện X", communes(3, "X"));
    const again = consolidate([more], read, {}, { today: "02/12/2021", storeSheet: small })!;
    const atOnce = consolidate([...subs, more], null, {}, { today: "02/12/2021" })!;
    expect(again.result.plan.agencies.map((a) => a.name)).toEqual(atOnce.result.plan.agencies.map((a) => a.name));
    expect(again.result.plan.agencies).toHaveLength(12 * 151 + 3);
  });

  it("is read the same when its rows are let go as they are read (consume), which leaves them empty", async () => {
    const split = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021", storeSheet: small })!.grid));
    const kept = existingFromRaw(split)!;
    const consumed = existingFromRaw(split, true)!;
    expect(records(consumed)).toEqual(records(kept));
    // Every record row, of the first sheet (under its header and PARTS row) and of the others (under their header).
    expect(store(split).every((s, k) => s.rows.slice(k === 0 ? 2 : 1).every((r) => r.length === 0))).toBe(true);
  });

  it("refuses, saying why, a split store missing one of its sheets or whose row 2 was edited", async () => {
    const split = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021", storeSheet: small })!.grid));
    const without = { sheets: split.sheets.filter((s) => s.name !== `${SHEETS.store} 3`) };
    expect(() => existingFromRaw(without)).toThrow(StoreProblem);
    expect(() => existingFromRaw(without)).toThrow(`thiếu trang ẩn "${SHEETS.store} 3"`);
    const edited = (c2: string) => ({ sheets: split.sheets.map((s) => (s.name === SHEETS.store ? { ...s, rows: s.rows.map((r, i) => (i === 1 ? [r[0], r[1], c2] : r)) } : s)) });
    expect(() => existingFromRaw(edited("{"))).toThrow(/dòng PARTS hỏng ở ô C2/);
    expect(() => existingFromRaw(edited(JSON.stringify({ sheets: ["PL1 Danh sách cơ quan"] })))).toThrow(/dòng PARTS hỏng/);
    expect(() => existingFromRaw(edited(JSON.stringify({ sheets: [SHEETS.store] })))).toThrow(/dòng PARTS hỏng/);
    // A sheet named twice would read its records twice.
    const names = store(split).slice(1).map((x) => x.name);
    expect(() => existingFromRaw(edited(JSON.stringify({ sheets: [...names, names[0]] })))).toThrow(/dòng PARTS hỏng/);
    // Broken JSON in a later sheet is said to be there.
    const last = names[names.length - 1];
    const broken = { sheets: split.sheets.map((x) => (x.name === last ? { ...x, rows: x.rows.map((r, i) => (i === x.rows.length - 1 ? [r[0] === "+" ? "AGENCIES" : r[0], r[1], "[{"] : r)) } : x)) };
    expect(() => existingFromRaw(broken)).toThrow(`trang ẩn "${last}" có dữ liệu hỏng`);
  });

  it("is refused by a version that knew one sheet only (its row 2 is of a kind that version did not know), not read as its first sheet's files", async () => {
    // The kinds of rows versions before the split knew (they refuse any other, as "written by a newer version").
    const before = new Set(["FILE", "FILE_V2", "AGENCY", "TASK", "LINE", "PROBLEM", "EXPECTED", "EXPECTED_AGENCY", "MAPPING", "CORRECTION", "WROTE", "AGENCIES", "TASKS", "LINES", "PROBLEMS", "EXPECTED_AGENCIES", "WRITTEN", "+"]);
    const split = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021", storeSheet: small })!.grid));
    const kinds = store(split)[0].rows.slice(1).map((r) => cellText(r[0]));
    expect(kinds.filter((k) => !before.has(k))).toEqual(["PARTS"]);
    // A store that fits one sheet has none: those versions read it as before.
    const one = await openBytes(await writeXlsx(consolidate(subs, null, {}, { today: "01/12/2021" })!.grid));
    expect(store(one)[0].rows.slice(1).every((r) => before.has(cellText(r[0])))).toBe(true);
  });

  it("opened for its plan or store, a consolidated workbook is opened without its output-only reports; any other workbook whole", async () => {
    // Many units of one agency each: the units' task report is the longest sheet.
    const units = Array.from({ length: 40 }, (_, i) => sub(`so-${i}.xlsx`, `Sở ${i}`, "tỉnh Đồng Tháp", [A(`Sở ${i}`, "so-nganh", "")], tasks));
    const bytes = await writeXlsx(consolidate(units, null, {}, { today: "01/12/2021", storeSheet: small })!.grid);
    const whole = await openBytes(bytes);
    expect(whole.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([SHEETS.sources, SHEETS.unitTasks]));
    // The units' task report past the rows a sheet may have: the whole workbook is refused, its plan and store still read.
    const rows = whole.sheets.find((s) => s.name === SHEETS.unitTasks)!.rows.length;
    const limits = { ...DEFAULT_LIMITS, maxRows: rows - 1 };
    await expect(openBytes(bytes, limits)).rejects.toThrow(/Nhiệm vụ các đơn vị/);
    const forPlan = await openWorkbook(bytes, { codec: nodeZip, limits, planOnly: true });
    expect(forPlan.sheets.map((s) => s.name)).toEqual(whole.sheets.map((s) => s.name).filter((n) => !OUTPUT_SHEETS.includes(n)));
    expect(records(existingFromRaw(forPlan)!)).toEqual(records(existingFromRaw(whole)!));
    // A submission's own sheet named like a report is kept: only a workbook with the store is ours.
    const plan = newPlan({ year: 2022, levels: 3, standardTasks: false });
    const grid = buildWorkbook(plan);
    grid.sheets.push({ ...grid.sheets[0], name: SHEETS.sources, rows: [[{ v: "Nguồn: Sở Nội vụ" }]] });
    const own = await openWorkbook(await writeXlsx(grid), { codec: nodeZip, planOnly: true });
    expect(own.sheets.map((s) => s.name)).toContain(SHEETS.sources);
  });
});

describe("a split store saved again by another program (the officer's corrections made in LibreOffice or Excel)", () => {
  const communes = (n: number, tag: string) => Array.from({ length: n }, (_, i) => A(`Ủy ban nhân dân xã Số ${i} ${tag}`, "cap-xa", `huyện ${tag}`));
  const subs = Array.from({ length: 6 }, (_, i) => sub(`huyen-${i}.xlsx`, `UBND huyện ${i}`, `huyện ${i}`, communes(120, String(i)), withAt(standardTasks(2022))));
  const records = (e: NonNullable<ReturnType<typeof existingFromRaw>>) => e.stored.map((s) => [s.file, s.outcome.kind === "read" ? [s.outcome.plan.agencies, s.outcome.plan.tasks] : s.outcome.reason]);

  it("reads back the same records from LibreOffice's file, whose shared texts hold the store's; its parts up to the consolidated workbook's limit", async () => {
    const done = consolidate(subs, null, {}, { today: "01/12/2021", storeSheet: { chars: 40_000, rows: 200 } })!;
    const ours = await openBytes(await writeXlsx(done.grid));
    const resaved = resaveWithLibreOffice(await writeXlsx(done.grid), "tong-hop.xlsx");
    // LibreOffice keeps the hidden sheets and their order, and moves every text to the shared table.
    // Under the limit: LibreOffice's Phụ lục 1 (265 KB); over it: its shared texts (348 KB).
    const small = { ...DEFAULT_LIMITS, maxPartBytes: 300 * 1024 };
    await expect(openBytes(resaved, small)).rejects.toThrow(/sharedStrings\.xml/);
    const theirs = await openWorkbook(resaved, { codec: nodeZip, limits: small, planOnly: true });
    expect(theirs.sheets.filter((s) => s.name.startsWith(SHEETS.store)).map((s) => s.name)).toEqual(ours.sheets.filter((s) => s.name.startsWith(SHEETS.store)).map((s) => s.name));
    expect(records(existingFromRaw(theirs)!)).toEqual(records(existingFromRaw(ours)!));
    // Its other sheets keep the reader's limit; so does any other workbook, even with a sheet of the store's name.
    const fake = buildWorkbook({ ...newPlan({ year: 2022, levels: 3, standardTasks: true }), agencies: communes(3_000, "Y") });
    fake.sheets.push({ ...fake.sheets[0], name: SHEETS.store, rows: [[{ v: "Loại" }]] });
    await expect(openWorkbook(await writeXlsx(fake), { codec: nodeZip, limits: { ...small, maxPartBytes: 200 * 1024 }, planOnly: true })).rejects.toThrow(/PL1 Danh sách cơ quan|sheet3\.xml/);
    const plain = resaveWithLibreOffice(await writeXlsx(buildWorkbook({ ...newPlan({ year: 2022, levels: 3, standardTasks: true }), agencies: communes(3_000, "Z") })), "ke-hoach.xlsx");
    await expect(openWorkbook(plain, { codec: nodeZip, limits: small, planOnly: true })).rejects.toThrow(/vượt giới hạn/);
  });
});
