/** The command line's arguments, help, and what -o may write over. */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../helpers/cli";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { readPlan } from "../../src/workbook/read";
import { openBytes } from "../helpers/open";

const dir = mkdtempSync(join(tmpdir(), "kh-args-"));
const subs = dongThapSubmissions();
const inbox = join(dir, "nop");

beforeAll(async () => {
  mkdirSync(inbox);
  for (const s of subs.slice(0, 6)) writeFileSync(join(inbox, s.file), await writeXlsx(buildWorkbook(s.plan)));
});

describe("help and version", () => {
  it.each(["template", "sample", "sample-submissions", "validate", "budget", "merge", "status"])("%s --help shows usage, examples and exit codes", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const r = await cli(command, flag);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`kehoach-iso ${command}`);
      expect(r.out).toContain("Ví dụ:");
      expect(r.out).toContain("Mã thoát: 0");
    }
  });

  it("--version prints the package's version", async () => {
    const version = (JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;
    expect(await cli("--version")).toEqual({ code: 0, out: `kehoach-iso ${version}`, err: "" });
  });

  it("an unknown option is named in Vietnamese, exit 2", async () => {
    const r = await cli("merge", inbox, "-o", join(dir, "x.xlsx"), "--bogus");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Lệnh merge không có tuỳ chọn --bogus.");
  });

  it("a missing option value is named, exit 2", async () => {
    const r = await cli("merge", inbox, "-o");
    expect(r.code).toBe(2);
    expect(r.err).toContain("Thiếu giá trị sau -o");
  });
});

describe("-o never overwrites what it should not", () => {
  it("refuses to write over a submitted plan among the inputs, unless --force", async () => {
    const victim = join(inbox, subs[0].file);
    const before = readFileSync(victim);
    const r = await cli("merge", inbox, "-o", victim);
    expect(r.code).toBe(2);
    expect(r.err).toContain("đây là một tệp đầu vào");
    expect(readFileSync(victim).equals(before)).toBe(true);
  });

  it("refuses to write over a workbook that is not a consolidated one, unless --force", async () => {
    const own = join(dir, "ke-hoach-cua-toi.xlsx");
    copyFileSync(join(inbox, subs[1].file), own);
    const r = await cli("merge", inbox, "-o", own);
    expect(r.code).toBe(2);
    expect(r.err).toContain("không phải bản tổng hợp");
    expect((await cli("merge", inbox, "-o", own, "--force")).code).toBe(0);
  });

  it("writes over last week's consolidated workbook (the usual --into … -o same file)", async () => {
    const out = join(dir, "tong-hop.xlsx");
    expect((await cli("merge", inbox, "-o", out)).code).toBe(0);
    expect((await cli("merge", inbox, "--into", out, "-o", out)).code).toBe(0);
  });

  it("-o to a folder is a Vietnamese error, exit 2", async () => {
    const r = await cli("merge", inbox, "-o", dir);
    expect(r).toEqual(expect.objectContaining({ code: 2, err: expect.stringContaining("đây là thư mục") }));
    const t = await cli("template", "-o", dir);
    expect(t.code).toBe(2);
  });
});

describe("the province's plan", () => {
  it("with no province plan among the inputs, says so first and leaves the heading blank to fill", async () => {
    const depts = join(dir, "chi-so");
    mkdirSync(depts);
    for (const s of subs.filter((x) => x.file.startsWith("so-") && !/khoa-hoc/.test(x.file)).slice(0, 3)) {
      writeFileSync(join(depts, s.file), await writeXlsx(buildWorkbook(s.plan)));
    }
    const out = join(dir, "chi-so.xlsx");
    const r = await cli("merge", depts, "-o", out);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toContain("LƯU Ý: Không có kế hoạch của tỉnh");
    const { plan } = readPlan(await openBytes(readFileSync(out)));
    expect([plan.info.number, plan.info.date, plan.info.issuer]).toEqual(["…", "…", "…"]);
  });

  it("--plan names the province's plan: its heading and rates are used", async () => {
    const provincePlan = { ...subs[0].plan, info: { ...subs[0].plan.info, issuer: "UBND tỉnh Đồng Tháp", number: "465/KH-UBND", date: "27/12/2021" } };
    const planFile = join(dir, "ke-hoach-tinh.xlsx");
    writeFileSync(planFile, await writeXlsx(buildWorkbook(provincePlan)));
    const out = join(dir, "voi-ke-hoach.xlsx");
    const r = await cli("merge", inbox, "-o", out, "--plan", planFile);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("LƯU Ý");
    const { plan } = readPlan(await openBytes(readFileSync(out)));
    expect([plan.info.number, plan.info.issuer]).toEqual(["465/KH-UBND", "UBND tỉnh Đồng Tháp"]);
  });

  it("--plan with its own Phụ lục 1 gives the consolidated list its order (no expected list)", async () => {
    const sent = subs.slice(0, 6).flatMap((s) => s.plan.agencies);
    const reversed = { ...subs[0].plan, info: { ...subs[0].plan.info, issuer: "UBND tỉnh Đồng Tháp" }, agencies: [...sent].reverse() };
    const planFile = join(dir, "ke-hoach-tinh-co-danh-sach.xlsx");
    writeFileSync(planFile, await writeXlsx(buildWorkbook(reversed)));
    const out = join(dir, "theo-ke-hoach.xlsx");
    expect((await cli("merge", inbox, "-o", out, "--plan", planFile)).code).toBe(0);
    const { plan } = readPlan(await openBytes(readFileSync(out)));
    // Printed by group, so within each group the plan's (reversed) order.
    const order = (names: string[]) => names.filter((n) => sent.some((a) => a.name === n));
    const planOrder = readPlan(await openBytes(readFileSync(planFile))).plan.agencies.map((a) => a.name);
    expect(plan.agencies.map((a) => a.name)).toEqual(order(planOrder));
  });

  it("a consolidated workbook left among the inputs is merged into, never as a submission", async () => {
    const folder = join(dir, "co-ban-cu");
    mkdirSync(folder);
    for (const s of subs.slice(0, 3)) writeFileSync(join(folder, s.file), await writeXlsx(buildWorkbook(s.plan)));
    expect((await cli("merge", folder, "-o", join(folder, "tong-hop-tuan-truoc.xlsx"))).code).toBe(0);
    const first = readPlan(await openBytes(readFileSync(join(folder, "tong-hop-tuan-truoc.xlsx")))).plan.agencies.length;
    for (const s of subs.slice(3, 5)) writeFileSync(join(folder, s.file), await writeXlsx(buildWorkbook(s.plan)));
    const out = join(dir, "co-ban-cu.xlsx");
    const r = await cli("merge", folder, "-o", out, "--json");
    expect(r.code).toBe(0);
    expect(r.err).toContain("tong-hop-tuan-truoc.xlsx là bản tổng hợp lần trước");
    const json = JSON.parse(r.out) as { agencies: number; files: Array<{ file: string }> };
    expect(json.files.map((f) => f.file)).not.toContain("tong-hop-tuan-truoc.xlsx");
    expect(json.agencies).toBe(first + subs.slice(3, 5).reduce((n, s) => n + s.plan.agencies.length, 0));
  });
});

describe("the season's inputs", () => {
  const list = join(dir, "danh-sach.xlsx");
  beforeAll(async () => {
    const { dongThap2022Plan } = await import("../../src/samples/dongThap2022");
    writeFileSync(list, await writeXlsx(buildWorkbook(dongThap2022Plan())));
  });

  it("status without an expected list says what to give, exit 2, and writes nothing", async () => {
    const r = await cli("status", inbox);
    expect(r.code).toBe(2);
    expect(r.err).toContain("Chưa có danh sách dự kiến: thêm --expected");
  });

  it("status lists every unit of the list that has not sent, exit 0", async () => {
    const r = await cli("status", inbox, "--expected", list);
    expect(r.code).toBe(0);
    const sent = subs.slice(0, 6).flatMap((s) => s.plan.agencies).length;
    expect(r.out).toContain(`${sent}/150 cơ quan đã gửi`);
    expect(r.out.split("\n").filter((l) => l.startsWith("  - "))).toHaveLength(150 - sent);
  });

  it("a mapping in CSV (semicolons, BOM) or a workbook is read; one without its columns is refused naming the file", async () => {
    const csv = join(dir, "chuyen-doi.csv");
    writeFileSync(csv, "\uFEFFTên cũ;Địa bàn cũ;Tên mới;Địa bàn mới\r\nVP UBND Tỉnh;tỉnh Đồng Tháp;Văn phòng UBND tỉnh;tỉnh Đồng Tháp\r\n");
    const ok = await cli("merge", inbox, "-o", join(dir, "map.xlsx"), "--expected", list, "--map", csv, "--json");
    expect(ok.code).toBe(0);
    const tracking = (JSON.parse(ok.out) as { tracking: { expected: Array<{ name: string }> } }).tracking;
    expect(tracking.expected.map((e) => e.name)).toContain("Văn phòng UBND tỉnh");
    expect(tracking.expected.map((e) => e.name)).not.toContain("VP UBND Tỉnh");
    const bad = join(dir, "sai.csv");
    writeFileSync(bad, "Họ tên,Ngày công\nNguyễn Văn A,22\n");
    const r = await cli("merge", inbox, "-o", join(dir, "map2.xlsx"), "--map", bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}: không thấy bảng chuyển đổi`);
    const missing = await cli("merge", inbox, "-o", join(dir, "map3.xlsx"), "--expected", join(dir, "khong-co.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("Không đọc được danh sách dự kiến");
  });
});
