/**
 * The province's season, on inputs other hands made (scripts/hands/season.py, openpyxl then
 * LibreOffice; test/hands/season/README.md): seed 001 sent as the province folder's realistically
 * named files, last year's consolidated Phụ lục 1 as the expected list, a 2025 → 2026 reorganisation
 * with a mapping, and an officer's hand edits (scripts/hands/officer_edits.py) surviving later merges.
 * Every answer is the helper's expected.json, checked agency by agency.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../helpers/cli";
import { openBytes } from "../helpers/open";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { unitKey } from "../../src/core/text";
import { readPlan } from "../../src/workbook/read";
import { SHEETS } from "../../src/workbook/layout";
import type { RawWorkbook } from "../../src/workbook/grid";
import { cellText } from "../../src/workbook/read";

const HANDS = join(__dirname);
const PROVINCE = join(HANDS, "province");
const SEASON = join(HANDS, "season");
const LAST_YEAR = join(SEASON, "last-year");
const REORG = join(SEASON, "reorg");
const EDITS = join(__dirname, "..", "..", "scripts", "hands", "officer_edits.py");

interface Named { name: string; group?: string; area: string }
const json = <T>(path: string): T => JSON.parse(readFileSync(path, "utf8")) as T;
const key = (a: { name: string }) => unitKey(a.name);

const lastYear = json<{
  file: string;
  withheld: Array<Named & { file: string }>;
  notYetSent: Named[];
  unexpected: Named[];
  renamed: { old: string; new: string; area: string };
  thisYearOrderRenameNotConfirmed: Named[];
  thisYearTotals: { total: number };
}>(join(LAST_YEAR, "expected.json"));
const expectedList = join(LAST_YEAR, lastYear.file);

const root = mkdtempSync(join(tmpdir(), "kh-season-"));
const inbox = join(root, "inbox");
const late = join(root, "late");

/** The rows of a sheet as text. */
const sheetRows = (raw: RawWorkbook, name: string) => raw.sheets.find((s) => s.name === name)?.rows.map((r) => r.map((v) => cellText(v))) ?? [];
const open = async (path: string) => openBytes(readFileSync(path));
const pl1 = async (path: string) => readPlan(await open(path)).plan.agencies;

beforeAll(() => {
  // This year's files as they reached the province, minus the two units that have not sent yet.
  mkdirSync(inbox);
  mkdirSync(late);
  const withheld = new Set(lastYear.withheld.map((w) => w.file));
  for (const f of readdirSync(PROVINCE)) {
    if (f === "expected.json") continue;
    copyFileSync(join(PROVINCE, f), join(withheld.has(f) ? late : inbox, f));
  }
});

describe("an expected list: last year's consolidated Phụ lục 1", () => {
  let out: string;
  let merged: { tracking: { sent: number; missing: number; expected: Array<Named & { file: string | null; maybe?: Named }>; unexpected: Array<Named & { file: string; maybeOf?: Named }> }; total: number };

  beforeAll(async () => {
    out = join(root, "tong-hop-2022.xlsx");
    const r = await cli("merge", inbox, "-o", out, "--expected", expectedList, "--json", "--jobs", "1");
    expect(r.code).toBe(0);
    merged = JSON.parse(r.out) as typeof merged;
  }, 120_000);

  it("prints Phụ lục 1 in the list's order; the agencies it lacks at the end of their group and area", async () => {
    expect((await pl1(out)).map(key)).toEqual(lastYear.thisYearOrderRenameNotConfirmed.map(key));
    expect(merged.total).toBe(lastYear.thisYearTotals.total);
  });

  it("the consolidated workbook passes its own validate: its task table is the province's, the units' kept apart", async () => {
    const r = await cli("validate", out, "--json");
    const problems = (JSON.parse(r.out) as { problems: Array<{ severity: string; sheet: string }> }).problems;
    expect(problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(r.code).toBe(0);
    expect((await open(out)).sheets.map((s) => s.name)).toContain(SHEETS.unitTasks);
  });

  it("names the two units that have not sent, and suggests the renamed commune instead of matching it", () => {
    const t = merged.tracking;
    const missing = t.expected.filter((e) => !e.file);
    expect(missing.filter((e) => !e.maybe).map(key)).toEqual(lastYear.notYetSent.map(key));
    const renamed = missing.find((e) => e.maybe)!;
    expect([key(renamed), key(renamed.maybe!)]).toEqual([unitKey(lastYear.renamed.old), unitKey(lastYear.renamed.new)]);
    expect(t.unexpected.filter((u) => !u.maybeOf).map(key).sort()).toEqual(lastYear.unexpected.map(key).sort());
    expect(t.unexpected.find((u) => u.maybeOf)).toEqual(expect.objectContaining({ name: expect.stringMatching(/Tân Qui Đông/), maybeOf: expect.objectContaining({ name: lastYear.renamed.old }) }));
    // Every expected agency that sent names its file.
    expect(t.expected.filter((e) => e.file).every((e) => readdirSync(inbox).includes(e.file!))).toBe(true);
    expect(t.sent + t.missing).toBe(t.expected.length);
  });

  it("writes Theo dõi nộp: every expected agency with đã gửi (file, date) or CHƯA GỬI, and the unexpected ones", async () => {
    const rows = sheetRows(await open(out), SHEETS.tracking);
    const notSent = rows.filter((r) => r[4] === "CHƯA GỬI").map((r) => unitKey(r[1]));
    expect(notSent.sort()).toEqual([...lastYear.notYetSent.map(key), unitKey(lastYear.renamed.old)].sort());
    const sent = rows.filter((r) => r[4] === "Đã gửi");
    expect(sent).toHaveLength(merged.tracking.sent);
    expect(sent.every((r) => r[5] !== "" && /\d{2}\/\d{2}\/\d{4}/.test(r[6]))).toBe(true);
    expect(rows.filter((r) => r[4] === "Ngoài danh sách").map((r) => unitKey(r[1])).sort()).toEqual(
      [...lastYear.unexpected.map(key), unitKey(lastYear.renamed.new)].sort(),
    );
  });

  it("status lists who has not sent without writing anything; the list is kept for later merges", async () => {
    const before = readdirSync(root).sort();
    const r = await cli("status", inbox, "--expected", expectedList);
    expect(r.code).toBe(0);
    for (const a of lastYear.notYetSent) expect(r.out).toContain(`- ${a.name}`);
    expect(r.out).toContain("Chưa gửi: 3 cơ quan");
    expect(readdirSync(root).sort()).toEqual(before);
    // A week later: no --expected, the consolidated workbook remembers it.
    const again = await cli("status", late, "--into", out, "--json");
    expect(again.code).toBe(0);
    const t = JSON.parse(again.out) as { missing: number; expected: Array<{ name: string; file: string | null }> };
    expect(t.missing).toBe(1);
    expect(t.expected.filter((e) => !e.file).map(key)).toEqual([unitKey(lastYear.renamed.old)]);
  }, 60_000);
});

describe("seed 001's own list as the expected list", () => {
  it("the province folder's 34 realistically named files give Phụ lục 1 in seed 001's order, agency by agency", async () => {
    const seed = join(root, "seed-001.xlsx");
    expect((await cli("sample", "-o", seed)).code).toBe(0);
    const out = join(root, "theo-seed.xlsx");
    const r = await cli("merge", PROVINCE, "-o", out, "--expected", seed, "--jobs", "1");
    expect(r.code).toBe(0);
    expect(r.out).toContain("150/150 cơ quan đã gửi");
    const province = json<{ agencies: Array<{ stt: number; name: string }> }>(join(PROVINCE, "expected.json"));
    expect((await pl1(out)).map(key)).toEqual([...province.agencies].sort((a, b) => a.stt - b.stt).map(key));
  }, 120_000);
});

describe("the officer's corrections survive later merges", () => {
  const run = async (...args: string[]) => {
    const r = await cli(...args);
    expect(r.code).toBe(0);
    return r;
  };
  /** The officer edits the consolidated PL1 in another program (openpyxl), then it is saved by LibreOffice. */
  const edit = (inPath: string, outPath: string, edits: object) => {
    const dir = mkdtempSync(join(root, "edit-"));
    writeFileSync(join(dir, "edits.json"), JSON.stringify(edits));
    execFileSync("/usr/bin/python3", [EDITS, inPath, join(dir, "edited.xlsx"), join(dir, "edits.json"), "--sheet", SHEETS.agencies], { stdio: "pipe" });
    writeFileSync(outPath, resaveWithLibreOffice(readFileSync(join(dir, "edited.xlsx"))));
  };

  it("rename, group, note, deleted and added rows are found, recorded in Điều chỉnh and applied again at each of three later merges", async () => {
    const week1 = join(root, "tuan-1.xlsx");
    await run("merge", inbox, "-o", week1, "--expected", expectedList, "--jobs", "1");
    const edited = join(root, "tuan-1-da-sua.xlsx");
    edit(week1, edited, {
      rename: [{ from: "Sở Tài chính", to: "Sở Tài chính tỉnh Đồng Tháp" }],
      note: [{ name: "Sở Xây dựng", note: "Đã công bố lại tháng 3/2022" }],
      group: [{ name: "Chi cục Kiểm lâm", group: "Cơ quan cấp sở, ngành" }],
      delete: ["UBND xã Gáo Giồng"],
      add: [{ after: "UBND xã Mỹ Long", name: "UBND xã Bình Thạnh Trung", group: "Cơ quan cấp xã", area: "huyện Cao Lãnh", note: "Bổ sung theo công văn" }],
    });
    /** `merged`: the agencies the files give; PL1 has them less the deleted row, plus the added one. */
    const check = async (path: string, merged: number) => {
      const agencies = await pl1(path);
      const names = agencies.map(key);
      expect(names).toContain(unitKey("Sở Tài chính tỉnh Đồng Tháp"));
      expect(names).not.toContain(unitKey("Sở Tài chính"));
      expect(agencies.find((a) => key(a) === unitKey("Sở Xây dựng"))!.note).toBe("Đã công bố lại tháng 3/2022");
      expect(agencies.find((a) => key(a) === unitKey("Chi cục Kiểm lâm"))!.groupId).toBe("so-nganh");
      expect(names).not.toContain(unitKey("UBND xã Gáo Giồng"));
      const added = names.indexOf(unitKey("UBND xã Bình Thạnh Trung"));
      expect(names[added - 1]).toBe(unitKey("UBND xã Mỹ Long"));
      expect(agencies).toHaveLength(merged - 1 + 1);
      const rows = sheetRows(await open(path), SHEETS.corrections).filter((r) => /^\d+$/.test(r[0]));
      expect(rows.map((r) => [r[1], r[7]]).sort()).toEqual(
        [["Đổi tên", "Đã áp dụng"], ["Sửa ghi chú", "Đã áp dụng"], ["Đổi nhóm", "Đã áp dụng"], ["Xoá dòng", "Đã áp dụng"], ["Thêm dòng", "Đã áp dụng"]].sort(),
      );
    };
    // Three later merges: each late file in turn, then one sent again with a newer date.
    const [first, second] = lastYear.withheld.map((w) => join(late, w.file));
    const week2 = join(root, "tuan-2.xlsx");
    await run("merge", first, "--into", edited, "-o", week2, "--jobs", "1");
    await check(week2, 148 + 1);
    const week3 = join(root, "tuan-3.xlsx");
    const r3 = await run("merge", second, "--into", week2, "-o", week3, "--jobs", "1");
    expect(r3.out).toContain("Điều chỉnh của người tổng hợp ở Phụ lục 1: 5 (5 áp dụng lại)");
    await check(week3, 148 + 2);
    const week4 = join(root, "tuan-4.xlsx");
    await run("merge", join(inbox, "KH ISO 2022 - So Xay dung.xlsx"), "--into", week3, "-o", week4, "--jobs", "1");
    await check(week4, 148 + 2);
    // The list kept from the first merge still says who has sent.
    expect(sheetRows(await open(week4), SHEETS.tracking).filter((r) => r[4] === "CHƯA GỬI").map((r) => unitKey(r[1]))).toEqual([unitKey(lastYear.renamed.old)]);
  }, 240_000);
});

describe("last year against this year across the 2025 reorganisation", () => {
  const exp = json<{
    difference: Array<{ group: string; lastYear: { count: number; amount: number }; thisYear: { count: number; amount: number } }>;
    withMapping: { removed: Named[]; added: Named[]; suggested: Array<{ old: Named; new: Named }> };
    withoutMapping: { removed: Named[]; added: Named[]; suggested: { mustInclude: Array<{ old: Named; new: Named }>; mustNotInclude: Array<{ old: Named; new: Named }> } };
  }>(join(REORG, "expected.json"));
  const last = join(REORG, "Tong hop ISO 2025.xlsx");
  const comparison = async (...extra: string[]) => {
    const out = join(root, `reorg-${extra.length}.xlsx`);
    const r = await cli("merge", join(REORG, "2026"), "-o", out, "--expected", last, "--jobs", "1", ...extra);
    expect(r.code).toBe(0);
    return sheetRows(await open(out), SHEETS.comparison);
  };
  /** A listing of the sheet under its caption, up to the next caption. */
  const listing = (rows: string[][], caption: RegExp) => {
    const at = rows.findIndex((r) => caption.test(r[0]));
    const out: string[][] = [];
    for (let i = at + 2; i < rows.length && rows[i].some((v) => v !== "") && !/^[A-ZĐ ]{6,}/.test(rows[i][0]); i++) out.push(rows[i]);
    return out.filter((r) => r[0] !== "Không có.");
  };

  it("gives counts and money per group for both years and the difference (what Sở Tài chính asks)", async () => {
    const rows = await comparison("--map", join(REORG, "mapping.csv"));
    for (const g of exp.difference) {
      const row = rows.find((r) => r[0] === g.group)!;
      expect([g.group, ...row.slice(1, 7).map(Number)]).toEqual([
        g.group, g.lastYear.count, g.lastYear.amount, g.thisYear.count, g.thisYear.amount, g.thisYear.count - g.lastYear.count, g.thisYear.amount - g.lastYear.amount,
      ]);
    }
  }, 60_000);

  it("with the mapping: merged units matched, the unmapped rename only suggested", async () => {
    const rows = await comparison("--map", join(REORG, "mapping.csv"));
    const suggested = listing(rows, /^CÓ THỂ ĐỔI TÊN/).map((r) => [unitKey(r[0]), unitKey(r[2])]);
    expect(suggested).toEqual(exp.withMapping.suggested.map((s) => [key(s.old), key(s.new)]));
    const removed = listing(rows, /^CƠ QUAN CÓ NĂM TRƯỚC/).map((r) => unitKey(r[0]));
    expect(removed.sort()).toEqual([...exp.withMapping.removed, ...exp.withMapping.suggested.map((s) => s.old)].map(key).sort());
    const added = listing(rows, /^CƠ QUAN MỚI/).map((r) => unitKey(r[0]));
    expect(added.sort()).toEqual([...exp.withMapping.added, ...exp.withMapping.suggested.map((s) => s.new)].map(key).sort());
  }, 60_000);

  it("without it: nothing across the reorganisation matched silently; the likely renames suggested, never across groups", async () => {
    const rows = await comparison();
    expect(listing(rows, /^CƠ QUAN CÓ NĂM TRƯỚC/).map((r) => unitKey(r[0])).sort()).toEqual(exp.withoutMapping.removed.map(key).sort());
    expect(listing(rows, /^CƠ QUAN MỚI/).map((r) => unitKey(r[0])).sort()).toEqual(exp.withoutMapping.added.map(key).sort());
    const suggested = listing(rows, /^CÓ THỂ ĐỔI TÊN/).map((r) => `${unitKey(r[0])} → ${unitKey(r[2])}`);
    for (const s of exp.withoutMapping.suggested.mustInclude) expect(suggested).toContain(`${key(s.old)} → ${key(s.new)}`);
    for (const s of exp.withoutMapping.suggested.mustNotInclude) expect(suggested).not.toContain(`${key(s.old)} → ${key(s.new)}`);
  }, 60_000);
});
