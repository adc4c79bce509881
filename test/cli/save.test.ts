/**
 * The merge's workbook is written as it is made, into a temporary file beside the target, then put
 * in place: a run that fails halfway leaves last week's consolidation as it was, and no litter.
 */
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FileProblem, saveStreamed } from "../../src/cli/save";

const dir = mkdtempSync(join(tmpdir(), "kh-save-"));
const bytes = (s: string) => new TextEncoder().encode(s);

describe("saveStreamed", () => {
  it("writes the pieces in order and leaves only the file", async () => {
    const out = join(dir, "a", "tong-hop.xlsx");
    await saveStreamed(out, (write) => ["một ", "hai ", "ba"].forEach((s) => write(bytes(s))));
    expect(readFileSync(out, "utf8")).toBe("một hai ba");
    expect(readdirSync(join(dir, "a"))).toEqual(["tong-hop.xlsx"]);
  });

  it("leaves the earlier file as it was when the making fails halfway", async () => {
    const out = join(dir, "tuan-truoc.xlsx");
    writeFileSync(out, "bản tuần trước");
    const failing = saveStreamed(out, (write) => {
      write(bytes("nửa chừng"));
      throw new Error("hết bộ nhớ");
    });
    await expect(failing).rejects.toThrow("hết bộ nhớ");
    expect(readFileSync(out, "utf8")).toBe("bản tuần trước");
    expect(readdirSync(dir).filter((f) => f.includes("tuan-truoc"))).toEqual(["tuan-truoc.xlsx"]);
  });

  it("passes on what the making threw, even with a code, as itself (not as the disk's refusal)", async () => {
    const out = join(dir, "ma-loi.xlsx");
    const thrown = Object.assign(new Error("chuỗi quá dài"), { code: "ERR_STRING_TOO_LONG" });
    const failing = saveStreamed(out, () => {
      throw thrown;
    });
    await expect(failing).rejects.toBe(thrown);
    expect(readdirSync(dir).filter((f) => f.includes("ma-loi"))).toEqual([]);
  });

  it("keeps the earlier file's permissions, and a link stays a link to the file it named", async () => {
    const real = join(dir, "that.xlsx");
    writeFileSync(real, "cũ");
    chmodSync(real, 0o640);
    const link = join(dir, "lien-ket.xlsx");
    symlinkSync(real, link);
    await saveStreamed(link, (write) => write(bytes("mới")));
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, "utf8")).toBe("mới");
    expect(statSync(real).mode & 0o777).toBe(0o640);
  });

  it("says in Vietnamese when the system refuses, and cleans up", async () => {
    const folder = join(dir, "la-thu-muc");
    mkdirSync(join(folder, "ben-trong"), { recursive: true });
    const refused = saveStreamed(folder, (write) => write(bytes("x")));
    await expect(refused).rejects.toBeInstanceOf(FileProblem);
    await expect(refused).rejects.toThrow(`Không ghi được ${folder}:`);
    expect(readdirSync(folder)).toEqual(["ben-trong"]);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
