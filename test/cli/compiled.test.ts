/**
 * The built command line (dist/, what `npx kehoach-iso` runs), as a subprocess: this
 * is the path where submissions are read in worker threads.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import JSZip from "jszip";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { cli } from "../helpers/cli";
import { newPlan } from "../../src/workbook/plan";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "cli", "main.js");

it("merges seed 001's sample submissions with two worker threads, a broken file among them", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-bin-"));
  execFileSync("node", [BIN, "sample-submissions", "-o", join(dir, "nop")]);
  writeFileSync(join(dir, "nop", "hong.xlsx"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", join(dir, "tong-hop.xlsx"), "--json", "--jobs", "2"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect([json.agencies, json.total]).toEqual([150, 2620]);
  expect(json.files).toHaveLength(43);
  expect(json.files.find((f: { file: string }) => f.file === "hong.xlsx")).toEqual(
    expect.objectContaining({ status: "rejected", reason: expect.stringContaining("bị hỏng") }),
  );
  expect(r.stderr.match(/^\[\d+\/43\] /gm)).toHaveLength(43);
  const budget = spawnSync("node", [BIN, "budget", join(dir, "tong-hop.xlsx"), "--json"], { encoding: "utf8" });
  expect(budget.status).toBe(0);
  expect(JSON.parse(budget.stdout).total).toBe(2620);
});

it("a plan of 30.000 agencies among small files is read whole in a read lane, under the lanes' small young generation", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-big-"));
  mkdirSync(join(dir, "nop"));
  const seed = dongThap2022Plan();
  const big = { ...seed, agencies: Array.from({ length: 30_000 }, (_, i) => ({ ...seed.agencies[i % seed.agencies.length], name: `${seed.agencies[i % seed.agencies.length].name} ${i}` })) };
  writeFileSync(join(dir, "nop", "lon.xlsx"), await writeXlsx(buildWorkbook(big)));
  writeFileSync(join(dir, "nop", "nho.xlsx"), await writeXlsx(buildWorkbook(seed)));
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", join(dir, "tong-hop.xlsx"), "--json", "--jobs", "2"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout) as { agencies: number; files: Array<{ file: string; agencies: number; status: string }> };
  // The small plan's agencies are the big one's first names without the number: none is the same agency.
  expect(json.files.map((f) => [f.file, f.agencies, f.status])).toEqual([["lon.xlsx", 30_000, "ok"], ["nho.xlsx", seed.agencies.length, "ok"]]);
  expect(json.agencies).toBe(30_000 + seed.agencies.length);
}, 60_000);

describe("every file of an input folder is accounted for", () => {
  it("reads .xls, .ods, .xlsm and .xltx by their content, skips what is not a spreadsheet, and says so for each file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kh-formats-"));
    const nop = join(dir, "nop");
    execFileSync("node", [BIN, "sample-submissions", "-o", nop]);
    const files = readdirSync(nop).sort();
    // Districts that sent Excel 97-2003, OpenDocument, macro-enabled and template files.
    const as = (file: string, ext: string, bytes: Uint8Array) => {
      unlinkSync(join(nop, file));
      writeFileSync(join(nop, file.replace(/\.xlsx$/, ext)), bytes);
    };
    const districts = files.filter((f) => f.startsWith("xa-huyen-"));
    as(districts[0], ".xls", resaveWithLibreOffice(readFileSync(join(nop, districts[0])), districts[0], "xls"));
    as(districts[1], ".ods", resaveWithLibreOffice(readFileSync(join(nop, districts[1])), districts[1], "ods"));
    as(districts[2], ".xlsm", readFileSync(join(nop, districts[2])));
    as(districts[3], ".xltx", readFileSync(join(nop, districts[3])));
    // What else lands in an inbox folder.
    mkdirSync(join(nop, "khac"));
    writeFileSync(join(nop, "khac", "cong-van.pdf"), "%PDF-1.4\n");
    writeFileSync(join(nop, "~$" + districts[4]), Buffer.alloc(165));
    writeFileSync(join(nop, "ban-sao.bak"), "x");
    const docx = new JSZip();
    docx.file("[Content_Types].xml", "<Types/>").file("word/document.xml", "<w:document/>");
    writeFileSync(join(nop, "to-trinh.docx"), await docx.generateAsync({ type: "uint8array" }));
    const xlsb = new JSZip();
    xlsb.file("[Content_Types].xml", "<Types/>").file("xl/workbook.bin", "\u0083\u0001");
    writeFileSync(join(nop, "nhi-phan.xlsb"), await xlsb.generateAsync({ type: "uint8array" }));

    const r = spawnSync("node", [BIN, "merge", nop, "-o", join(dir, "tong-hop.xlsx"), "--json"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { agencies: number; total: number; files: Array<{ file: string; status: string; reason?: string }> };
    expect([json.agencies, json.total]).toEqual([150, 2620]);
    const byFile = new Map(json.files.map((f) => [f.file, f]));
    const onDisk = (d: string, prefix = ""): string[] =>
      readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? onDisk(join(d, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
    expect([...byFile.keys()].sort()).toEqual(onDisk(nop).sort());
    for (const ext of [".xls", ".ods", ".xlsm", ".xltx"]) {
      expect(json.files.find((f) => f.file.endsWith(ext))).toEqual(expect.objectContaining({ status: "ok" }));
    }
    expect(byFile.get("khac/cong-van.pdf")).toEqual(expect.objectContaining({ status: "skipped", reason: expect.stringContaining("không phải sổ tính") }));
    expect(byFile.get("~$" + districts[4])).toEqual(expect.objectContaining({ status: "skipped", reason: expect.stringContaining("tệp khoá tạm của Excel") }));
    expect(byFile.get("ban-sao.bak")?.status).toBe("skipped");
    expect(byFile.get("to-trinh.docx")?.status).toBe("skipped");
    expect(byFile.get("nhi-phan.xlsb")).toEqual(expect.objectContaining({ status: "rejected", reason: expect.stringContaining("định dạng .xlsb") }));
    const summary = spawnSync("node", [BIN, "merge", nop, "-o", join(dir, "tong-hop-2.xlsx")], { encoding: "utf8" });
    expect(summary.stdout).toContain("1 bị loại, 4 bỏ qua (không phải sổ tính)");
  }, 120_000);
});

it("validate reads the plan in its worker and reports the same problems, at the same cells, as the in-process path", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-check-"));
  const plan = newPlan({ year: 2026, levels: 2, standardTasks: false });
  plan.agencies = [
    { name: "Sở Xây dựng", groupId: "so-nganh", area: "", note: "" },
    { name: "Hội Nông dân tỉnh", groupId: null, groupText: "Đoàn thể", area: "", note: "" },
    { name: "Sở Xây dựng", groupId: "so-nganh", area: "", note: "" },
  ];
  const file = join(dir, "loi.xlsx");
  writeFileSync(file, await writeXlsx(buildWorkbook(plan)));
  const r = spawnSync("node", [BIN, "validate", file, "--json"], { encoding: "utf8" });
  const here = await cli("validate", file, "--json");
  expect(r.status).toBe(1);
  const problems = (JSON.parse(r.stdout) as { problems: Array<{ code: string; cell: string }> }).problems;
  expect(problems.map((p) => [p.code, p.cell])).toEqual([["DUPLICATE_AGENCY", "B8"], ["UNKNOWN_GROUP", "C10"]]);
  expect(r.stdout).toBe(here.out + "\n");
  const text = spawnSync("node", [BIN, "validate", file], { encoding: "utf8" });
  expect(text.stdout).toBe((await cli("validate", file)).out + "\n");
});

it("-o writes over last run's consolidation, known by its sheet names in the worker, and refuses a plan that is not one", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-over-"));
  execFileSync("node", [BIN, "sample-submissions", "-o", join(dir, "nop")]);
  const out = join(dir, "tong-hop.xlsx");
  for (let i = 0; i < 2; i++) expect(spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", out], { encoding: "utf8" }).status).toBe(0);
  const own = join(dir, "ke-hoach.xlsx");
  execFileSync("node", [BIN, "sample", "-o", own]);
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", own], { encoding: "utf8" });
  expect([r.status, r.stderr.trim()]).toEqual([2, expect.stringContaining("không phải bản tổng hợp")]);
});

it("validate stops a file that runs past the time limit, in Vietnamese, exit 2", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-slow-"));
  execFileSync("node", [BIN, "sample", "-o", join(dir, "kh.xlsx")]);
  const r = spawnSync("node", [BIN, "validate", join(dir, "kh.xlsx")], { encoding: "utf8", env: { ...process.env, KEHOACH_FILE_TIMEOUT_MS: "1" } });
  expect([r.status, r.stderr.trim()]).toEqual([2, `Không đọc được tệp ${join(dir, "kh.xlsx")}: đọc quá 0,001 giây, đã dừng.`]);
});

it("merge stops each file that runs past the time limit and replaces its worker, the files already sent to it read by the next: every file reported once", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-slow-merge-"));
  execFileSync("node", [BIN, "sample-submissions", "-o", join(dir, "nop")]);
  const names = readdirSync(join(dir, "nop")).sort();
  for (const f of names.slice(7)) unlinkSync(join(dir, "nop", f));
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", join(dir, "tong-hop.xlsx"), "--jobs", "2"], { encoding: "utf8", env: { ...process.env, KEHOACH_FILE_TIMEOUT_MS: "1" } });
  expect(r.status).toBe(2);
  // Each of the 7 files has its one line, stopped at the limit; none lost, none twice.
  const lines = r.stderr.split("\n").filter((l) => /^\[\d+\/7\] /.test(l));
  expect(lines.map((l) => l.replace(/^\[\d+\/7\] /, "").split(":")[0]).sort()).toEqual(names.slice(0, 7));
  expect(lines.every((l) => l.endsWith("bị loại: đọc quá 0,001 giây, đã dừng"))).toBe(true);
  expect(r.stderr).toContain("cả 7 tệp đều bị loại");
});

it("a named pipe called like a workbook is reported as not a file, never read (reading it would block a worker for good): merge and validate", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-fifo-"));
  execFileSync("node", [BIN, "sample-submissions", "-o", join(dir, "nop")]);
  const fifo = join(dir, "nop", "ong-dan.xlsx");
  execFileSync("mkfifo", [fifo]);
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", join(dir, "tong-hop.xlsx"), "--json"], { encoding: "utf8", timeout: 60_000 });
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect(json.files).toHaveLength(43);
  expect(json.files.find((f: { file: string }) => f.file === "ong-dan.xlsx")).toEqual(
    expect.objectContaining({ status: "rejected", reason: expect.stringContaining("không phải tệp thường") }),
  );
  expect([json.agencies, json.total]).toEqual([150, 2620]);
  const v = spawnSync("node", [BIN, "validate", fifo], { encoding: "utf8", timeout: 60_000 });
  expect([v.status, v.stderr.trim()]).toEqual([2, expect.stringContaining("không phải tệp thường")]);
});
