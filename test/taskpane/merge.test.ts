/**
 * The Tổng hợp flow as a plain module (flows/merge.ts) over a fake PlanHost, with the product's
 * own reader and merge in-process in place of the pane's Web Workers: files read a few at a time,
 * the same file never listed twice, files removed or reading stopped, and every file handed in
 * accounted for in the merge's report.
 */
import { MergeFlow, entryStatus, matchesFilter, type MergeParts, type ReadOutcome } from "../../src/taskpane/flows/merge";
import type { PlanHost } from "../../src/taskpane/host";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import type { WorkbookGrid } from "../../src/workbook/grid";
import { inProcessParts } from "../helpers/mergeParts";
import { openBytes } from "../helpers/open";
import { readPlan } from "../../src/workbook/read";

const inProcess = inProcessParts;

function fakeHost(): PlanHost & { put: WorkbookGrid[] } {
  const put: WorkbookGrid[] = [];
  return {
    kind: "browser",
    put,
    existingSheets: () => Promise.resolve([]),
    putWorkbook: (grid, fileName) => {
      put.push(grid);
      return Promise.resolve(`Đã tạo tệp ${fileName}.`);
    },
  };
}

let files: File[] = [];
beforeAll(async () => {
  const subs = dongThapSubmissions().slice(0, 8);
  files = await Promise.all(subs.map(async (s, i) => new File([(await writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 3 }))) as BlobPart], s.file, { lastModified: 1_700_000_000_000 + i })));
});

/** The user's answer when sheets exist; with none, the flow must get "refuse" without asking. */
const agree = (existing: string[]) => {
  expect(existing).toEqual([]);
  return Promise.resolve("refuse" as const);
};

it("reads every file a few at a time, lists a file added twice once, and accounts for every file in the report, merge after merge", async () => {
  let inFlight = 0;
  let most = 0;
  const parts: MergeParts = {
    ...inProcess,
    async read(file, groups, signal) {
      most = Math.max(most, ++inFlight);
      try {
        return await inProcess.read(file, groups, signal);
      } finally {
        inFlight--;
      }
    },
  };
  const flow = new MergeFlow(parts, 3, 0);
  const pdf = new File(["%PDF-1.4"], "cong-van.pdf");
  await flow.addFiles([...files, pdf]);
  await flow.addFiles([files[0]]);
  expect(most).toBe(3);
  const state = flow.getState();
  expect(state.entries.map((e) => e.name)).toEqual([...files.map((f) => f.name), "cong-van.pdf"]);
  expect(state.listNote).toBe(`Đã có trong danh sách, không thêm lần nữa: ${files[0].name}.`);
  expect(state.pending).toBe(0);
  const host = fakeHost();
  const first = await flow.merge(host, agree, null);
  expect(first).toMatchObject({ kind: "done" });
  const reports = flow.getState().reports!;
  expect([...reports.keys()].sort()).toEqual([...files.map((f) => f.name), "cong-van.pdf"].sort());
  expect(entryStatus(flow.getState().entries.at(-1)!, reports)).toBe("skipped");
  // Merging again merges the same list: nothing listed or counted twice.
  const second = await flow.merge(host, agree, null);
  expect(second).toEqual(first);
  expect(flow.getState().entries.length).toBe(files.length + 1);
});

it("merges without a removed file, and says so", async () => {
  const flow = new MergeFlow(inProcess, 2, 0);
  await flow.addFiles(files.slice(0, 3));
  const gone = flow.getState().entries[1];
  flow.remove(gone.id);
  expect(flow.getState().listNote).toBe(`Đã bỏ ${gone.name} khỏi danh sách.`);
  await flow.merge(fakeHost(), agree, null);
  expect([...flow.getState().reports!.keys()]).toEqual([files[0].name, files[2].name]);
});

it("stops reading: files not read yet leave the list, the merge waits for nothing, and they can be added again", async () => {
  const gates: Array<() => void> = [];
  const slow: MergeParts = {
    ...inProcess,
    read: (file, groups, signal) =>
      new Promise<ReadOutcome>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(new Error("đã dừng")));
        gates.push(() => void inProcess.read(file, groups, signal).then(resolve, reject));
      }),
  };
  const flow = new MergeFlow(slow, 2, 0);
  const adding = flow.addFiles(files.slice(0, 5));
  await new Promise((r) => setTimeout(r, 0));
  gates.shift()!();
  await new Promise((r) => setTimeout(r, 300));
  expect(flow.getState().entries.filter((e) => e.state === "read").length).toBe(1);
  expect(await flow.merge(fakeHost(), agree, null)).toEqual({ kind: "error", text: "Còn tệp đang đọc: đợi đọc xong hoặc bấm Dừng đọc." });
  flow.cancel();
  await adding;
  const after = flow.getState();
  expect(after.entries.map((e) => e.name)).toEqual([files[0].name]);
  expect(after.listNote).toBe("Đã dừng đọc: 4 tệp chưa đọc xong đã bỏ khỏi danh sách (có thể chọn lại).");
  const again = new MergeFlow(inProcess, 2, 0);
  await again.addFiles(files.slice(0, 5));
  expect(again.getState().entries.length).toBe(5);
});

it("filters the list by status", async () => {
  const flow = new MergeFlow(inProcess, 2, 0);
  const broken = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "hong.xlsx");
  await flow.addFiles([files[0], broken, new File(["x"], "ghi-chu.docx")]);
  const { entries, reports } = flow.getState();
  const names = (f: Parameters<typeof matchesFilter>[1]) => entries.filter((e) => matchesFilter(e, f, reports)).map((e) => e.name);
  expect(names("all")).toEqual([files[0].name, "hong.xlsx", "ghi-chu.docx"]);
  expect(names("rejected")).toEqual(["hong.xlsx", "ghi-chu.docx"]);
  expect(names("pending")).toEqual([]);
});

it("for a download, gets the workbook as .xlsx bytes written where it was merged, and the same figures", async () => {
  const bytes: Uint8Array[] = [];
  const host: PlanHost = {
    kind: "browser",
    existingSheets: () => Promise.resolve([]),
    putWorkbook: () => Promise.reject(new Error("the grid should not come back for a download")),
    putBytes: (b, fileName) => (bytes.push(b), Promise.resolve(`Đã tạo tệp ${fileName}.`)),
  };
  const flow = new MergeFlow(inProcess, 2, 0);
  await flow.addFiles(files);
  const status = await flow.merge(host, agree, null);
  const agencies = dongThapSubmissions().slice(0, files.length).reduce((n, s) => n + s.plan.agencies.length, 0);
  expect(status).toMatchObject({ kind: "done", title: expect.stringContaining(`Tổng hợp: ${agencies} cơ quan`) as string });
  const { plan } = readPlan(await openBytes(bytes[0]));
  expect(plan.agencies).toHaveLength(agencies);
});

it("with an expected list: says who has not sent without writing anything, then merges in the list's order and keeps the list", async () => {
  const { dongThap2022Plan } = await import("../../src/samples/dongThap2022");
  const seed = dongThap2022Plan();
  const expected = new File([(await writeXlsx(buildWorkbook(seed))) as BlobPart], "tong-hop-2021.xlsx");
  const flow = new MergeFlow(inProcess, 2, 0);
  await expect(flow.setExpected(new File([(await writeXlsx(buildWorkbook({ ...seed, agencies: [] }))) as BlobPart], "trong.xlsx"))).rejects.toThrow("không có danh sách cơ quan");
  await flow.setExpected(expected);
  expect(flow.getState().expected).toEqual(expect.objectContaining({ file: "tong-hop-2021.xlsx", agencies: expect.arrayContaining([]) }));
  await flow.addFiles(files);
  const host = fakeHost();
  const tracked = await flow.track(host, null);
  expect(host.put).toEqual([]);
  // 8 files of 42 sent: the other units are listed as not sent, in the list's order.
  const season = flow.getState().season!;
  const sent = dongThapSubmissions().slice(0, 8).flatMap((s) => s.plan.agencies.map((a) => a.name));
  expect(season.expected).toBe(150);
  expect(season.notSent).toHaveLength(150 - sent.length);
  expect(season.notSent.map((n) => n.name)).not.toEqual(expect.arrayContaining(sent));
  expect(tracked).toMatchObject({ kind: "done", title: `Chưa gửi: ${150 - sent.length} cơ quan`, intent: "warning" });
  const status = await flow.merge(host, agree, null);
  expect(status).toMatchObject({ kind: "done", text: expect.stringContaining(`Chưa gửi: ${150 - sent.length} cơ quan`) });
  const grid = host.put[0];
  expect(grid.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(["Theo dõi nộp", "So với năm trước"]));
  const { plan } = readPlan(await openBytes(await writeXlsx(grid)));
  const order = seed.agencies.map((a) => a.name).filter((n) => sent.includes(n));
  expect(plan.agencies.map((a) => a.name)).toEqual(order);
});
