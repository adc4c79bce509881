/**
 * Every Excel flow of the task pane as the pane runs it — a plain module over the Excel PlanHost —
 * on the strict fake Excel: scaffold beside an older plan, again with the sheets kept, replaced
 * (what breaks listed first) or left alone; check the open workbook; merge into it.
 */
import { scaffold } from "../../src/taskpane/flows/scaffold";
import { checkPlan } from "../../src/taskpane/flows/check";
import { MergeFlow, type MergeParts } from "../../src/taskpane/flows/merge";
import { excelHost } from "../../src/taskpane/excelHost";
import { SHEETS } from "../../src/workbook/layout";
import { readPlan } from "../../src/workbook/read";
import { chosenFile } from "../../src/workbook/consolidated";
import { inProcessParts } from "../helpers/mergeParts";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { FakeExcel } from "../helpers/fakeExcel";

const opts = { year: 2026, levels: 2 as const, standardTasks: true };

it("scaffolds into the open workbook, then asks about the sheets it would write over: keep, replace (listing what breaks) or cancel", async () => {
  const fx = new FakeExcel({ sheets: [{ name: "Báo cáo của tôi", rows: [["Tổng kinh phí"]] }] });
  const host = excelHost(fx);
  const asked: string[][] = [];
  expect(await scaffold(host, opts, (existing) => (asked.push(existing), Promise.resolve("refuse")))).toMatchObject({ kind: "done", title: "Đã tạo mẫu kế hoạch" });
  expect(asked).toEqual([[]]);
  fx.sheet("Báo cáo của tôi")!.cells.set("0,1", { input: `='${SHEETS.budget}'!F13` });

  // Cancel: nothing changes.
  const before = structuredClone(fx.snapshot());
  expect(await scaffold(host, opts, () => Promise.resolve(null))).toMatchObject({ title: "Đã huỷ" });
  expect(fx.snapshot()).toEqual(before);

  // Keep: the old sheets set aside, the user's formula still reading them.
  const kept = await scaffold(host, opts, (existing) => (asked.push(existing), Promise.resolve("keep")));
  expect(asked.at(-1)).toEqual([SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget, SHEETS.lists]);
  expect(kept).toMatchObject({ text: expect.stringContaining(`Trang cũ được giữ lại với tên: ${SHEETS.info} (cũ)`) as string });
  expect(fx.input("Báo cáo của tôi", "B1")).toBe(`='${SHEETS.budget} (cũ)'!F13`);

  // Replace: the pane lists what would break before asking.
  fx.sheet("Báo cáo của tôi")!.cells.set("1,1", { input: `='${SHEETS.budget}'!F13` });
  expect(await host.dependents!([SHEETS.budget])).toEqual([`trang Báo cáo của tôi, ô B2: ='${SHEETS.budget}'!F13`]);
  const replaced = await scaffold(host, opts, () => Promise.resolve("replace"));
  expect(replaced).toMatchObject({ text: expect.stringContaining("thay các trang cũ cùng tên") as string });
  expect(fx.input("Báo cáo của tôi", "B2")).toBe("=#REF!");
});

it("checks the open workbook as Excel shows it", async () => {
  const fx = new FakeExcel();
  const host = excelHost(fx);
  await scaffold(host, opts, () => Promise.resolve("refuse"));
  // The user types an agency without a group.
  fx.sheet(SHEETS.agencies)!.cells.set("6,1", { input: "Hội Nông dân tỉnh" });
  const { problems, status } = await checkPlan("Sổ đang mở", () => host.readOpenWorkbook!());
  expect(problems.filter((p) => p.severity === "error").map((p) => [p.sheet, p.cell])).toEqual([[SHEETS.agencies, "C7"]]);
  expect(status).toMatchObject({ kind: "done", intent: "error" });
});

/** The fake Excel and the merge parts over the seed's 42 submissions (each file read as its plan). */
function seedMerge() {
  const fx = new FakeExcel();
  const host = excelHost(fx);
  const subs = dongThapSubmissions();
  const parts: MergeParts = {
    read: (file) => Promise.resolve({ submission: { file: file.name, modified: 1, outcome: { kind: "read", plan: subs.find((s) => s.file === file.name)!.plan, problems: [] } } }),
    consolidate: (...args) => inProcessParts.consolidate(...args),
    readList: (file) => inProcessParts.readList(file),
  };
  return { fx, host, subs, parts };
}

it("merges into the open workbook and reads the merge back from it", async () => {
  const { fx, host, subs, parts } = seedMerge();
  const flow = new MergeFlow(parts, 2, 0);
  await flow.addFiles(subs.map((s) => new File(["x"], s.file)));
  const status = await flow.merge(host, () => Promise.resolve("refuse"), null);
  expect(status).toMatchObject({ kind: "done", title: "Tổng hợp: 150 cơ quan, 2.620 triệu đồng" });
  expect(Math.max(...fx.requests)).toBeLessThan(5 * 1024 * 1024);
  const { plan } = readPlan(await host.readOpenWorkbook!());
  expect(plan.agencies).toHaveLength(150);
});

it("refuses to merge into, or check against, an open consolidation whose hidden store was edited by hand, saying why, and changes nothing; chosen as a file, it stops the merge until taken off the list", async () => {
  const { fx, host, subs, parts } = seedMerge();
  const first = new MergeFlow(parts, 2, 0);
  await first.addFiles(subs.slice(0, 10).map((s) => new File(["x"], s.file)));
  expect(await first.merge(host, () => Promise.resolve("refuse"), null)).toMatchObject({ kind: "done" });
  // A record of the store (row 2, its JSON in column C) edited by hand.
  const store = fx.sheet(SHEETS.store)!;
  expect(typeof store.cells.get("1,2")?.input).toBe("string");
  store.cells.set("1,2", { input: "{sửa tay" });
  const before = structuredClone(fx.snapshot());

  const again = new MergeFlow(parts, 2, 0);
  await again.addFiles(subs.slice(10, 12).map((s) => new File(["x"], s.file)));
  const damaged = /^Không gộp thêm vào bản tổng hợp đang mở: trang ẩn "Dữ liệu nguồn" có dữ liệu hỏng ở một dòng "FILE_V2" của tệp "so-01-vp-ubnd-tinh\.xlsx" — trang đã bị sửa tay; hãy gộp lại từ các tệp gửi\.$/;
  expect(await again.merge(host, () => Promise.resolve("replace"), null)).toEqual({ kind: "error", text: expect.stringMatching(damaged) as unknown });
  expect(await again.track(host, null)).toEqual({ kind: "error", text: expect.stringMatching(/^Không đối chiếu với bản tổng hợp đang mở: trang ẩn "Dữ liệu nguồn" có dữ liệu hỏng/) as unknown });
  expect(fx.snapshot()).toEqual(before);

  // The same workbook chosen as a file, into a new workbook (the reader worker's chosenFile):
  // listed as not merged, with the reason, and nothing merged while it is on the list.
  const oldRaw = await host.readOpenWorkbook!();
  const chosenParts: MergeParts = { ...parts, read: (file) => (file.name === "tong-hop-cu.xlsx" ? Promise.resolve(chosenFile(file.name, 1, oldRaw)) : parts.read(file, undefined, new AbortController().signal)) };
  const fresh = seedMerge();
  const flow = new MergeFlow(chosenParts, 2, 0);
  await flow.addFiles([new File(["x"], "tong-hop-cu.xlsx"), ...subs.slice(10, 12).map((s) => new File(["x"], s.file))]);
  const entry = flow.getState().entries.find((e) => e.name === "tong-hop-cu.xlsx")!;
  expect(entry.submission?.outcome).toEqual({ kind: "rejected", consolidated: true, damagedStore: true, reason: expect.stringMatching(/^bản tổng hợp có trang ẩn hỏng: trang ẩn "Dữ liệu nguồn" có dữ liệu hỏng/) as unknown });
  const untouched = structuredClone(fresh.fx.snapshot());
  const stopped = await flow.merge(fresh.host, () => Promise.resolve("replace"), null);
  expect(stopped).toEqual({ kind: "error", text: expect.stringMatching(/^Chưa làm gì: tong-hop-cu\.xlsx — bản tổng hợp có trang ẩn hỏng: .*\. Bỏ tệp này khỏi danh sách nếu vẫn muốn làm với các tệp còn lại \(các tệp nó đã gộp sẽ không có trong kết quả\)\.$/) as unknown });
  expect(await flow.track(fresh.host, null)).toEqual(stopped);
  expect(fresh.fx.snapshot()).toEqual(untouched);
  // Taken off the list: the user's choice to go on without it.
  flow.remove(entry.id);
  expect(await flow.merge(fresh.host, () => Promise.resolve("replace"), null)).toMatchObject({ kind: "done" });
  expect(readPlan(await fresh.host.readOpenWorkbook!()).plan.agencies.length).toBe(subs.slice(10, 12).reduce((n, s) => n + s.plan.agencies.length, 0));
});

it("with two earlier consolidations among the chosen files, merges into neither until one is taken off the list, then into the other, its files kept", async () => {
  const { host, subs, parts } = seedMerge();
  const { consolidate } = await import("../../src/workbook/consolidated");
  const { writeXlsx } = await import("../../src/adapters/xlsx/writeXlsx");
  const { openBytes } = await import("../helpers/open");
  const earlierOf = async (from: number, to: number) =>
    openBytes(await writeXlsx(consolidate(subs.slice(from, to).map((s) => ({ file: s.file, modified: 1, outcome: { kind: "read" as const, plan: s.plan, problems: [] } })), null)!.grid));
  const raws = new Map([["tuan-1.xlsx", await earlierOf(0, 5)], ["tuan-2.xlsx", await earlierOf(5, 10)]]);
  const chosenParts: MergeParts = { ...parts, read: (file, groups, signal) => (raws.has(file.name) ? Promise.resolve(chosenFile(file.name, 1, raws.get(file.name)!)) : parts.read(file, groups, signal)) };
  const flow = new MergeFlow(chosenParts, 2, 0);
  await flow.addFiles([new File(["x"], "tuan-1.xlsx"), new File(["x"], "tuan-2.xlsx"), new File(["x"], subs[10].file)]);
  const refused = { kind: "error", text: "Chưa làm gì: có 2 bản tổng hợp trước trong danh sách (tuan-1.xlsx, tuan-2.xlsx); chỉ dùng được một. Bỏ bớt khỏi danh sách cho còn một." };
  expect(await flow.merge(host, () => Promise.resolve("replace"), null)).toEqual(refused);
  expect(await flow.track(host, null)).toEqual(refused);
  flow.remove(flow.getState().entries.find((e) => e.name === "tuan-2.xlsx")!.id);
  expect(await flow.merge(host, () => Promise.resolve("replace"), null)).toMatchObject({ kind: "done" });
  const merged = readPlan(await host.readOpenWorkbook!()).plan.agencies.length;
  expect(merged).toBe([...subs.slice(0, 5), subs[10]].reduce((n, s) => n + s.plan.agencies.length, 0));
});
