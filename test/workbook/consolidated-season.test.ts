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
import { SHEETS } from "../../src/workbook/layout";
import { newPlan } from "../../src/workbook/plan";
import { cellText, readPlan } from "../../src/workbook/read";
import { openBytes } from "../helpers/open";

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
