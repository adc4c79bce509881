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

const FILTERS = { xlsx: "xlsx:Calc MS Excel 2007 XML", xls: "xls:MS Excel 97", ods: "ods:calc8" } as const;

/** Open and save `bytes` through LibreOffice, as .xlsx (default), .xls or .ods; returns the saved file. */
export function resaveWithLibreOffice(bytes: Uint8Array, name = "in.xlsx", format: keyof typeof FILTERS = "xlsx"): Uint8Array {
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
        "--convert-to", FILTERS[format], "--outdir", out, input,
      ],
      { env: { ...process.env, HOME: dir }, stdio: "pipe", timeout: 120_000 },
    );
    return new Uint8Array(readFileSync(join(out, name.replace(/\.[^.]+$/, `.${format}`))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
