/**
 * The provincial appendix from seed 001 split into 42 submissions written in
 * different hands: merged through the command line, checked against seed 001, and
 * recalculated by LibreOffice.
 */
import { nodeZip } from "../../src/cli/nodeZip";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { cli } from "../helpers/cli";
import { computeBudget } from "../../src/core/budget";
import { arrangeAgencies } from "../../src/core/grouping";
import { mergeSubmissions } from "../../src/core/merge";
import { nameKey } from "../../src/core/text";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { DONG_THAP_2022_PL2 as SEED } from "../../src/samples/dongThap2022.data";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { openBytes } from "../helpers/open";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { readSubmission } from "../../src/adapters/xlsx/readSubmission";
import { chooseBase } from "../../src/workbook/base";
import { buildConsolidatedWorkbook } from "../../src/workbook/consolidated";
import { buildWorkbook } from "../../src/workbook/write";
import { SHEETS } from "../../src/workbook/layout";
import { readPlan } from "../../src/workbook/read";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { handFor, withoutCachedResults, writeInHand } from "../helpers/hands";

interface FileJson {
  file: string;
  status: string;
  agencies: number;
  read: number;
  duplicates: number;
  rejected: number;
  replaced: number;
  reason?: string;
  replacedBy?: string;
}

const root = mkdtempSync(join(tmpdir(), "kh-merge-"));
const samples = dongThapSubmissions();
const allDir = join(root, "all");
const files: Array<{ file: string; bytes: Uint8Array }> = [];

beforeAll(async () => {
  mkdirSync(allDir);
  for (const [i, s] of samples.entries()) {
    const bytes = await writeInHand(s, handFor(s, i));
    files.push({ file: s.file, bytes });
    writeFileSync(join(allDir, s.file), bytes);
  }
  writeFileSync(join(allDir, "~$xa-huyen-01-thanh-pho-cao-lanh.xlsx"), "lock file");
}, 120_000);

describe("merging seed 001's submissions written in different hands", () => {
  let json: { agencies: number; total: number; files: FileJson[]; duplicates: unknown[] };
  let out: string;

  beforeAll(async () => {
    out = join(root, "tong-hop.xlsx");
    // Who should send, in the official order: seed 001's own Phụ lục 1.
    const expected = join(root, "danh-sach-du-kien.xlsx");
    writeFileSync(expected, await writeXlsx(buildWorkbook(dongThap2022Plan())));
    const r = await cli("merge", allDir, "-o", out, "--json", "--jobs", "1", "--expected", expected);
    expect(r.code).toBe(0);
    json = JSON.parse(r.out);
    // Every file of the folder has its line, Excel's lock file too (skipped).
    expect(r.err.split("\n").filter((l) => l.startsWith("["))).toHaveLength(samples.length + 1);
  });

  it("gives seed 001's 150 agencies and 2.620 triệu đồng, with every file accounted for", () => {
    expect(json.agencies).toBe(SEED.agencies);
    expect(json.total).toBe(SEED.total);
    expect(json.files).toHaveLength(samples.length + 1);
    expect(json.files.filter((f) => f.status === "rejected")).toEqual([]);
    expect(json.files.filter((f) => f.status === "skipped").map((f) => f.file)).toEqual(["~$xa-huyen-01-thanh-pho-cao-lanh.xlsx"]);
    expect(json.files.every((f) => f.read === f.agencies + f.duplicates + f.rejected + f.replaced)).toBe(true);
    expect(json.duplicates).toEqual([]);
  });

  it("prints Phụ lục 1 in seed 001's order, agency by agency, with one STT sequence", async () => {
    const { plan, problems } = readPlan(await openBytes(readFileSync(out)));
    expect(problems.filter((p) => p.code === "STT_SEQUENCE" || p.severity === "error")).toEqual([]);
    const seed = dongThap2022Plan();
    const seedOrder = arrangeAgencies(seed.agencies, seed.groups, seed.info.area).flatMap((s) => s.subGroups.flatMap((g) => g.agencies));
    expect(plan.agencies.map((a) => nameKey(a.name))).toEqual(seedOrder.map((a) => nameKey(a.name)));
    const sections = arrangeAgencies(plan.agencies, plan.groups, plan.info.area);
    const seedSections = arrangeAgencies(seed.agencies, seed.groups, seed.info.area);
    expect(sections.map((s) => s.title)).toEqual(seedSections.map((s) => s.title));
    expect(sections[2].subGroups.map((g) => nameKey(g.area ?? ""))).toEqual(seedSections[2].subGroups.map((g) => nameKey(g.area ?? "")));
    const budget = computeBudget(plan);
    expect(budget.sections[0].lines.map((l) => [l.groupId, l.quantity, l.amount])).toEqual(
      Object.entries(SEED.perGroup).map(([g, [q, a]]) => [g, q, a]),
    );
    expect(budget.sections.map((s) => s.total)).toEqual([SEED.maintainTotal, SEED.manageTotal]);
  });

  it("writes a Nguồn dữ liệu sheet naming every file", async () => {
    const raw = await openBytes(readFileSync(out));
    const sheet = raw.sheets.find((s) => s.name === SHEETS.sources)!;
    const text = sheet.rows.flat().filter((v): v is string => typeof v === "string");
    for (const s of samples) expect(text).toContain(s.file);
    expect(text.some((t) => t.includes("150 dòng cơ quan đọc được = 150 đưa vào"))).toBe(true);
  });

  it("computes the same figures in LibreOffice", async () => {
    const subs = await Promise.all(files.map((f) => readSubmission(f.file, 0, f.bytes, {}, { codec: nodeZip })));
    const base = chooseBase(subs);
    const result = mergeSubmissions(subs, base.plan, base.own);
    const recalculated = resaveWithLibreOffice(await writeXlsx(withoutCachedResults(buildConsolidatedWorkbook(result, subs))));
    const { plan } = readPlan(await openBytes(recalculated));
    expect(plan.declared!.total!.amount).toBe(SEED.total);
    expect(plan.declared!.sectionTotals.map((s) => s.amount)).toEqual([SEED.maintainTotal, SEED.manageTotal]);
    expect(plan.agencies).toHaveLength(SEED.agencies);
    const raw = await openBytes(recalculated);
    const words = raw.sheets.find((s) => s.name === SHEETS.budget)!.rows.flat().find((v) => typeof v === "string" && v.startsWith("Bằng chữ"));
    expect(words).toBe(`Bằng chữ: ${SEED.totalWords}.`);
  });
});

describe("merging over weeks", () => {
  it("adding the second batch to last week's result equals merging everything at once", async () => {
    const a = join(root, "batch-a");
    const b = join(root, "batch-b");
    mkdirSync(a);
    mkdirSync(b);
    files.forEach((f, i) => writeFileSync(join(i % 2 === 0 ? a : b, f.file), f.bytes));
    // A district sends a corrected file in the second batch: newer date, one commune fewer.
    const district = samples.find((s) => s.file.startsWith("xa-huyen-05"))!;
    const corrected = { ...district.plan, info: { ...district.plan.info, date: "25/11/2021" }, agencies: district.plan.agencies.slice(0, -1) };
    writeFileSync(join(b, "xa-huyen-05-ban-sua.xlsx"), await writeInHand({ file: "x", plan: corrected }, "standard"));

    const week1 = join(root, "tuan-1.xlsx");
    const week2 = join(root, "tuan-2.xlsx");
    const once = join(root, "mot-lan.xlsx");
    expect((await cli("merge", a, "-o", week1, "--jobs", "1")).code).toBe(0);
    const second = await cli("merge", b, "--into", week1, "-o", week2, "--json", "--jobs", "1");
    expect(second.code).toBe(0);
    expect((await cli("merge", a, b, "-o", once, "--jobs", "1")).code).toBe(0);

    const incremental = readPlan(await openBytes(readFileSync(week2)));
    const atOnce = readPlan(await openBytes(readFileSync(once)));
    const rows = (p: typeof incremental) => p.plan.agencies.map(({ name, groupId, area, note }) => ({ name, groupId, area, note }));
    expect(rows(incremental)).toEqual(rows(atOnce));
    expect(computeBudget(incremental.plan)).toEqual(computeBudget(atOnce.plan));
    expect(incremental.plan.agencies).toHaveLength(SEED.agencies - 1);
    const json = JSON.parse(second.out) as { files: FileJson[] };
    expect(json.files.find((f) => f.file === district.file)).toEqual(
      expect.objectContaining({ status: "warning", replacedBy: "xa-huyen-05-ban-sua.xlsx", agencies: 0 }),
    );
    const sources = async (f: string) => (await openBytes(readFileSync(f))).sheets.find((s) => s.name === SHEETS.sources)!.rows;
    expect(await sources(week2)).toEqual(await sources(once));
  }, 60_000);
});

describe("bad files in the batch", () => {
  it("rejects each with a Vietnamese reason naming it, and still merges the rest", async () => {
    const dir = join(root, "bad");
    mkdirSync(dir);
    files.slice(0, 5).forEach((f) => writeFileSync(join(dir, f.file), f.bytes));
    writeFileSync(join(dir, "khong-phai-bang-tinh.xlsx"), "Kính gửi Sở Khoa học và Công nghệ");
    writeFileSync(join(dir, "bi-cat.xlsx"), files[1].bytes.slice(0, 2000));
    writeFileSync(join(dir, "cu.xlsx"), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]));
    writeFileSync(join(dir, "rong.xlsx"), Buffer.alloc(0));
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet("Sheet1");
    writeFileSync(join(dir, "so-trong.xlsx"), new Uint8Array((await empty.xlsx.writeBuffer())));
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Chấm công").addRows([["Họ tên", "Ngày công"], ["Nguyễn Văn A", 22]]);
    writeFileSync(join(dir, "cham-cong.xlsx"), new Uint8Array((await other.xlsx.writeBuffer())));

    const r = await cli("merge", dir, "-o", join(root, "bad-out.xlsx"), "--json", "--jobs", "1");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { agencies: number; files: FileJson[] };
    const status = (f: string) => json.files.find((x) => x.file === f)!;
    expect(status("khong-phai-bang-tinh.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("không phải tệp sổ tính Excel") }));
    expect(status("bi-cat.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("bị hỏng") }));
    expect(status("cu.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining(".xls") }));
    expect(status("cu.xlsx").reason).toContain("bị hỏng");
    expect(status("rong.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("rỗng") }));
    expect(status("so-trong.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("trống") }));
    expect(status("cham-cong.xlsx")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("Chấm công") }));
    expect(json.files.filter((f) => f.status !== "rejected")).toHaveLength(5);
    expect(json.agencies).toBe(5);
    expect(r.err).toContain("bi-cat.xlsx: bị loại");
  });

  it("exits 2 when no file can be merged", async () => {
    const dir = join(root, "all-bad");
    mkdirSync(dir);
    writeFileSync(join(dir, "a.xlsx"), "x");
    const r = await cli("merge", dir, "-o", join(root, "none.xlsx"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("Không tổng hợp được");
  });
});

it("a notice names ten of many files that each look like the province's plan, then how many more (it is a cell of the workbook too)", () => {
  const plan = dongThap2022Plan();
  const subs = Array.from({ length: 1_500 }, (_, i) => ({
    file: `so-khcn-${String(i).padStart(4, "0")}.xlsx`,
    modified: 1,
    outcome: { kind: "read" as const, problems: [], plan: { ...plan, info: { ...plan.info, issuer: "Sở Khoa học và Công nghệ tỉnh Đồng Tháp" } } },
  }));
  const notice = chooseBase(subs).notice!;
  expect(notice).toContain("Có 1.500 tệp đều như kế hoạch của tỉnh (so-khcn-0000.xlsx, so-khcn-0001.xlsx,");
  expect(notice).toContain("so-khcn-0009.xlsx và 1.490 tệp khác); dùng --plan TỆP để chỉ định một.");
  expect(notice).not.toContain("so-khcn-0010.xlsx");
  const two = chooseBase(subs.slice(0, 2)).notice!;
  expect(two).toContain("(so-khcn-0000.xlsx, so-khcn-0001.xlsx); dùng --plan");
});
