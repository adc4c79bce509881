import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "../helpers/cli";
import { newPlan } from "../../src/workbook/plan";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import * as read from "../../src/workbook/read";
import { checkPath, defaultLanes } from "../../src/cli/readFiles";

const dir = mkdtempSync(join(tmpdir(), "kh-cli-"));

describe("kehoach-iso template / validate / budget", () => {
  it("writes a template that validates clean", async () => {
    const file = join(dir, "mau.xlsx");
    expect((await cli("template", "-o", file, "--year", "2026", "--levels", "2")).code).toBe(0);
    const v = await cli("validate", file, "--json");
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out).problems).toEqual([]);
  });

  it("prints seed 001's budget as JSON", async () => {
    const file = join(dir, "dongthap.xlsx");
    expect((await cli("sample", "-o", file)).code).toBe(0);
    const b = await cli("budget", file, "--json");
    expect(b.code).toBe(0);
    const json = JSON.parse(b.out);
    expect(json.total).toBe(2620);
    expect(json.sections.map((s: { total: number }) => s.total)).toEqual([2250, 370]);
    expect(json.lines.map((l: { amount: number }) => l.amount)).toEqual([300, 150, 180, 1620, 70, 300]);
    expect(json.lines[3]).toEqual(expect.objectContaining({ label: "Cơ quan cấp xã", quantity: 108, rate: 15, amount: 1620 }));
    const text = await cli("budget", file);
    expect(text.out).toContain("2.620");
    expect(text.out).toContain("Hai tỷ sáu trăm hai mươi triệu đồng");
  });

  it("exits 2 with a Vietnamese message naming the file it cannot read", async () => {
    const missing = join(dir, "khong-co.xlsx");
    expect(await cli("validate", missing)).toEqual({ code: 2, out: "", err: `Không đọc được tệp ${missing}: không có tệp này.` });
    const text = join(dir, "ghi-chu.xlsx");
    writeFileSync(text, "đây không phải bảng tính");
    const r = await cli("budget", text);
    expect(r.code).toBe(2);
    expect(r.err).toContain(text);
    expect(r.err).toContain("không phải tệp sổ tính Excel");
    const truncated = join(dir, "hong.xlsx");
    writeFileSync(truncated, Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect((await cli("validate", truncated)).err).toContain("bị hỏng");
  });

  it("exits 1 when validation finds errors, naming sheet and cell", async () => {
    const plan = newPlan({ year: 2026, levels: 2, standardTasks: false });
    plan.agencies = [
      { name: "Sở Xây dựng", groupId: "so-nganh", area: "", note: "" },
      { name: "Hội Nông dân tỉnh", groupId: null, groupText: "Đoàn thể", area: "", note: "" },
    ];
    const file = join(dir, "loi.xlsx");
    writeFileSync(file, await writeXlsx(buildWorkbook(plan)));
    const r = await cli("validate", file, "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out).problems).toEqual([
      { severity: "error", sheet: "PL1 Danh sách cơ quan", cell: "C9", code: "UNKNOWN_GROUP", message: expect.stringContaining("Đoàn thể") },
    ]);
    const text = await cli("validate", file);
    expect(text.out).toContain(`${file}, trang "PL1 Danh sách cơ quan", ô C9: [lỗi]`);
  });

  it("a fault of ours while reading the plan is an unexpected error with its trace, not blamed on the file", async () => {
    const file = join(dir, "dung.xlsx");
    writeFileSync(file, await writeXlsx(buildWorkbook(newPlan({ year: 2026, levels: 2, standardTasks: false }))));
    const spy = jest.spyOn(read, "readPlan").mockImplementation(() => {
      throw new Error("lỗi cài sẵn");
    });
    try {
      await expect(checkPath(file)).resolves.toEqual({ ok: "bug", stack: expect.stringContaining("lỗi cài sẵn") });
      await expect(cli("validate", file)).rejects.toThrow(/đọc kế hoạch trong luồng đọc: Error: lỗi cài sẵn/);
    } finally {
      spy.mockRestore();
    }
    expect(await checkPath(file)).toEqual({ ok: true, problems: [] });
    expect(await checkPath(join(dir, "khong-co.xlsx"))).toEqual({ ok: false, reason: "không có tệp này" });
  });

  it("exits 2 on bad arguments", async () => {
    expect((await cli("template")).code).toBe(2);
    expect((await cli("template", "-o", join(dir, "x.xlsx"), "--levels", "4")).err).toContain("--levels");
    expect((await cli("validate")).code).toBe(2);
    expect((await cli("nope")).code).toBe(2);
    expect((await cli("validate", "a.xlsx", "--bogus")).code).toBe(2);
  });
});

describe("read lanes started by default (no --jobs)", () => {
  it("one lane until a second has enough files to win back its own start, then one per FILES_PER_LANE files, never more than the cores", () => {
    // [files, cores] → lanes
    const cases: Array<[number, number, number]> = [
      [0, 2, 1], [1, 2, 1], [150, 2, 1], [500, 2, 1], [501, 2, 2], [1000, 2, 2], [10_000, 2, 2],
      [150, 8, 1], [1200, 8, 3], [10_000, 8, 8], [10_000, 1, 1],
    ];
    expect(cases.map(([files, cores]) => defaultLanes(files, cores))).toEqual(cases.map(([, , lanes]) => lanes));
  });
});
