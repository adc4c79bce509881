/**
 * LibreOffice headless as a real spreadsheet engine: it opens our .xlsx, recalculates
 * every formula, and saves it again — as a user's office suite would. One profile per
 * call so parallel Jest workers never share one.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const SOFFICE = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p)) ?? "soffice";

/** Open and save `bytes` through LibreOffice; returns the re-saved .xlsx. */
export function resaveWithLibreOffice(bytes: Uint8Array, name = "in.xlsx"): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), "kh-lo-"));
  try {
    const input = join(dir, name);
    writeFileSync(input, bytes);
    const out = join(dir, "out");
    execFileSync(
      SOFFICE,
      [
        "--headless", "--norestore", "--nolockcheck",
        `-env:UserInstallation=file://${join(dir, "profile")}`,
        "--convert-to", 'xlsx:Calc MS Excel 2007 XML', "--outdir", out, input,
      ],
      { env: { ...process.env, HOME: dir }, stdio: "pipe", timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(out, name)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
