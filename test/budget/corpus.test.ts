/**
 * The budget as the workbook shows it, on workbooks edited the way clerks edit them (typed over
 * formulas, extra lines and sections, relabelled lines and totals, huge rates), written by openpyxl
 * (formulas without results) from a helper's script that had not read our reader; the expected
 * figures were worked out by hand (test/budget-corpus/expected.json, scripts/budget-corpus/README.md).
 * For each: LibreOffice's recalculation gives the expected total at the named cell; the CLI's
 * `budget --json` and the task pane's figure (readPlan + shownBudget) give the same, both on the
 * file as written (nothing cached) and as LibreOffice saved it (every result cached).
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { shownBudget } from "../../src/core/declared";
import { parseCellAddress } from "../../src/core/problems";
import { readPlan } from "../../src/workbook/read";
import { cli } from "../helpers/cli";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { openBytes } from "../helpers/open";

interface Variant {
  file: string;
  description: string;
  total: number;
  total_cell: string;
  sections: Record<string, number>;
}

const DIR = join(__dirname, "..", "budget-corpus");
const { sheet, variants } = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as { sheet: string; variants: Variant[] };

/** Errors about the budget each file should get (by code and cell); every other file gets none. */
const ERRORS: Record<string, Array<[string, string]>> = {
  "mixed-typed-total.xlsx": [["PL2_MISMATCH", "F14"]],
  "big-rates.xlsx": [["TOO_LARGE", "F14"]],
};
/** Numbers typed over the template's formulas, said at their cells. */
const TYPED: Record<string, string[]> = {
  "typed-over.xlsx": ["C13", "F12"],
  "two-inspections.xlsx": ["F12"],
};

const tmp = mkdtempSync(join(tmpdir(), "budget-corpus-"));

describe.each(variants.map((v) => [v.file, v] as const))("%s", (file, v) => {
  const written = new Uint8Array(readFileSync(join(DIR, file)));
  let recalculated: Uint8Array;
  beforeAll(() => {
    recalculated = resaveWithLibreOffice(written, file);
  });

  it("LibreOffice's recalculation shows the expected total", async () => {
    const raw = await openBytes(recalculated);
    const at = parseCellAddress(v.total_cell)!;
    expect(raw.sheets.find((s) => s.name === sheet)!.rows[at.row - 1][at.col - 1]).toBe(v.total);
  });

  it.each([["as written (no cached results)", false], ["as LibreOffice saved it", true]])("the CLI and the task pane report it %s", async (_, resaved) => {
    const bytes = resaved ? recalculated : written;
    const path = join(tmp, `${resaved ? "lo-" : ""}${file}`);
    writeFileSync(path, bytes);
    const { out } = await cli("budget", path, "--json");
    const json = JSON.parse(out) as { total: number; sections: Array<{ roman: string; total: number }>; differences: Array<{ severity: string; code: string; cell: string }> };
    expect(json.total).toBe(v.total);
    expect(Object.fromEntries(json.sections.map((s) => [s.roman, s.total]))).toEqual(v.sections);
    const errors = json.differences.filter((d) => d.severity === "error").map((d) => [d.code, d.cell]);
    expect(errors).toEqual(ERRORS[file] ?? []);
    expect(json.differences.filter((d) => d.code === "TYPED_OVER").map((d) => d.cell).sort()).toEqual(TYPED[file] ?? []);

    const { plan } = readPlan(await openBytes(bytes));
    expect(shownBudget(plan).total).toBe(v.total);
  });
});

describe("merging a province plan whose PL2 was typed over", () => {
  it.each(["typed-over.xlsx", "two-inspections.xlsx", "section-three.xlsx"])("keeps every figure %s shows in the consolidated total", async (file) => {
    const v = variants.find((x) => x.file === file)!;
    const out = join(tmp, `tong-hop-${file}`);
    const { code, out: printed } = await cli("merge", join(DIR, file), "-o", out, "--json");
    expect(code).toBeLessThan(2);
    expect((JSON.parse(printed) as { total: number }).total).toBe(v.total);
    const { plan } = readPlan(await openBytes(resaveWithLibreOffice(new Uint8Array(readFileSync(out)))));
    expect(plan.declared!.total!.amount).toBe(v.total);
  });
});
