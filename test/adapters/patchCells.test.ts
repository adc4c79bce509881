/**
 * Editing rates in the user's own file: only the rate cells change; every other part of the
 * package is kept (other sheets, the hidden store of a consolidated workbook), and the
 * workbook's formulas give the new figures when LibreOffice opens it.
 */
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PatchRefused, patchCells } from "../../src/adapters/xlsx/patchCells";
import { cellAddress } from "../../src/core/problems";
import { readPlan } from "../../src/workbook/read";
import { SHEETS } from "../../src/workbook/layout";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { openBytes } from "../helpers/open";
import { cli } from "../helpers/cli";

const corpus = (f: string) => new Uint8Array(readFileSync(join(__dirname, "..", "budget-corpus", f)));

async function entries(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(zip.files)) if (!f.dir) out.set(f.name, await f.async("uint8array"));
  return out;
}

describe.each([
  ["written by openpyxl", () => corpus("as-made.xlsx")],
  ["saved by LibreOffice", () => resaveWithLibreOffice(corpus("as-made.xlsx"))],
])("a plan %s", (_, bytesOf) => {
  it("changes only the rate cell, keeps every other part as it was, and LibreOffice recomputes the total", async () => {
    const original = bytesOf();
    const { refs } = readPlan(await openBytes(original));
    const at = refs.groups!["cap-xa"];
    const patched = await patchCells(original, [{ sheet: at.sheet, cell: cellAddress(at.row, at.col), value: 10 }]);

    const before = await entries(original);
    const after = await entries(patched);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // Only sheet parts and workbook.xml (recalculate on open) change: styles, strings, names, comments… are kept.
    const changed = [...after.keys()].filter((k) => Buffer.compare(Buffer.from(after.get(k)!), Buffer.from(before.get(k)!)) !== 0);
    for (const k of changed) expect(k).toMatch(/^xl\/(workbook\.xml|worksheets\/sheet\d+\.xml)$/);

    // Every value the user typed and every formula are as they were, but for the edited rate.
    const a = await openBytes(original);
    const b = await openBytes(patched);
    expect(b.sheets.map((s) => s.name)).toEqual(a.sheets.map((s) => s.name));
    b.sheets.forEach((s, i) => {
      expect(s.formulas).toEqual(a.sheets[i].formulas);
      const isFormula = (r: number, c: number) => s.formulas?.[`${r},${c}`] !== undefined;
      a.sheets[i].rows.forEach((row, r) =>
        row.forEach((v, c) => {
          if (s.name === at.sheet && r === at.row - 1 && c === at.col - 1) expect(s.rows[r][c]).toBe(10);
          else if (!isFormula(r, c)) expect(s.rows[r]?.[c] ?? null).toEqual(v);
        }),
      );
    });
    const recalculated = readPlan(await openBytes(resaveWithLibreOffice(patched)));
    expect(recalculated.plan.declared!.total!.amount).toBe(2620 - 108 * 5);
  });
});

it("keeps a consolidated workbook's hidden store and report sheets", async () => {
  const dir = mkdtempSync(join(tmpdir(), "patch-"));
  const out = join(dir, "tong-hop.xlsx");
  expect((await cli("merge", join(__dirname, "..", "budget-corpus", "section-three.xlsx"), "-o", out)).code).toBeLessThan(2);
  const original = new Uint8Array(readFileSync(out));
  const raw = await openBytes(original);
  expect(raw.sheets.map((s) => s.name)).toEqual(expect.arrayContaining([SHEETS.sources, SHEETS.store]));
  const { refs } = readPlan(raw);
  const patched = await patchCells(original, [{ sheet: SHEETS.info, cell: cellAddress(refs.trainingPerClass!.row, refs.trainingPerClass!.col), value: 40 }]);
  const after = await openBytes(patched);
  expect(after.sheets.map((s) => [s.name, s.hidden ?? false])).toEqual(raw.sheets.map((s) => [s.name, s.hidden ?? false]));
  for (const name of [SHEETS.sources, SHEETS.store]) {
    expect(after.sheets.find((s) => s.name === name)!.rows).toEqual(raw.sheets.find((s) => s.name === name)!.rows);
  }
  const recalculated = readPlan(await openBytes(resaveWithLibreOffice(patched)));
  expect(recalculated.plan.declared!.total!.amount).toBe(2645 - 6 * 10);
});

it("never writes over a formula, and says which cell", async () => {
  const original = corpus("as-made.xlsx");
  await expect(patchCells(original, [{ sheet: SHEETS.budget, cell: "F7", value: 1 }])).rejects.toThrow(new PatchRefused(`ô F7 ở trang "${SHEETS.budget}" là công thức, không ghi đè`));
  await expect(patchCells(original, [{ sheet: "Không có", cell: "A1", value: 1 }])).rejects.toThrow(PatchRefused);
});
