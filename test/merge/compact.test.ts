/**
 * What a merge keeps of each file (core/compact, forMerging) changes nothing it writes: the same
 * files merged from their plans as read in full, and from the compact submissions the command
 * line and the task pane now hold, give the same consolidated workbook, cell by cell. Files from
 * other hands: the PL2 corpus saved by openpyxl (own kiểm tra and đào tạo lines, a section III,
 * typed-over totals) and the Đồng Tháp submissions in the test hands.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { submissionSharer } from "../../src/core/compact";
import type { Submission } from "../../src/core/merge";
import { nextGeneration } from "../../src/core/text";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { consolidate } from "../../src/workbook/consolidated";
import type { RawWorkbook, WorkbookGrid } from "../../src/workbook/grid";
import { SHEETS } from "../../src/workbook/layout";
import { readPlan } from "../../src/workbook/read";
import { submissionFromRaw } from "../../src/workbook/submission";
import { handFor, writeInHand } from "../helpers/hands";
import { openBytes } from "../helpers/open";

const CORPUS = join(__dirname, "..", "budget-corpus");

/** A submission as it was before: the plan as read, whole. */
function whole(file: string, raw: RawWorkbook): Submission {
  const read = readPlan(raw);
  return { file, modified: 1000, outcome: { kind: "read", plan: read.plan, problems: read.problems, readAs: read.readAs } };
}

/** Every sheet's rows as plain data (a streamed sheet's made in full). */
const cells = (grid: WorkbookGrid) => JSON.parse(JSON.stringify(grid.sheets.map((s) => ({ ...s, rows: s.rows })))) as unknown;

describe("compact submissions", () => {
  let raws: Array<[string, RawWorkbook]>;
  beforeAll(async () => {
    const corpus = readdirSync(CORPUS).filter((f) => f.endsWith(".xlsx")).sort();
    raws = await Promise.all(corpus.map(async (f): Promise<[string, RawWorkbook]> => [`corpus/${f}`, await openBytes(new Uint8Array(readFileSync(join(CORPUS, f))))]));
    const samples = dongThapSubmissions().slice(0, 12);
    for (const [i, s] of samples.entries()) raws.push([s.file, await openBytes(await writeInHand(s, handFor(s, i)))]);
  }, 120_000);

  it("merge to the same workbook, cell by cell, as the plans read in full", () => {
    const full = raws.map(([f, raw]) => whole(f, raw));
    const share = submissionSharer();
    const compact = raws.map(([f, raw]) => share(submissionFromRaw(f, 1000, raw, {})));
    const a = consolidate(full, null, {}, { today: "07/12/2026" })!;
    const b = consolidate(compact, null, {}, { today: "07/12/2026" })!;
    // The files' own kiểm tra and đào tạo lines are what the reduced PL2 is kept for: the
    // comparison means something only if there are such lines (the titles: the test below).
    const unitLines = a.result.plan.extraLines.filter((l) => l.source);
    expect(unitLines.length).toBeGreaterThanOrEqual(3);
    expect(unitLines.some((l) => l.sectionTitle)).toBe(true);
    // The long sheets are made as they are written, never held (workbook/sheetBuilder).
    expect(b.grid.sheets.filter((s) => s.stream).map((s) => s.name)).toEqual([SHEETS.agencies, SHEETS.sources, SHEETS.store]);
    expect(cells(b.grid)).toEqual(cells(a.grid));
    expect(b.result.totals).toEqual(a.result.totals);
    // Each agency kept whole: every field, its cells.
    const agencies = (subs: Submission[]) => subs.map((s) => (s.outcome.kind === "read" ? s.outcome.plan.agencies : []));
    expect(agencies(compact)).toEqual(agencies(full));
    expect(agencies(compact).flat().some((a) => a.groupAt)).toBe(true);
  });

  it("hold each repeated part once: one group table, one sheet name, for all the files that share them", () => {
    const share = submissionSharer();
    const read = raws.map(([f, raw]) => share(submissionFromRaw(f, 1000, raw, {}))).flatMap((s) => (s.outcome.kind === "read" ? [s.outcome.plan] : []));
    const tables = new Set(read.map((p) => p.groups));
    const distinct = new Set(read.map((p) => JSON.stringify(p.groups)));
    expect(tables.size).toBe(distinct.size);
    expect(tables.size).toBeLessThan(read.length);
    const lines = read.flatMap((p) => p.declared?.lines ?? []);
    expect(new Set(lines).size).toBe(new Set(lines.map((l) => JSON.stringify(l))).size);
    expect(new Set(lines).size).toBeLessThan(lines.length);
  });

  it("never share values JSON would make equal: NaN, Infinity and null; a key set to undefined and none", () => {
    const share = submissionSharer();
    const [file, raw] = raws[0];
    const a = share(submissionFromRaw(`${file}-a`, 1000, raw, {}));
    const b = submissionFromRaw(`${file}-b`, 1000, raw, {});
    if (a.outcome.kind !== "read" || b.outcome.kind !== "read") throw new Error("read");
    b.outcome.plan.training = { classes: NaN, participants: null };
    const c = submissionFromRaw(`${file}-c`, 1000, raw, {});
    if (c.outcome.kind !== "read") throw new Error("read");
    c.outcome.plan.training = { classes: null, participants: null };
    share(b);
    share(c);
    expect(b.outcome.plan.training.classes).toBeNaN();
    expect(c.outcome.plan.training.classes).toBeNull();
    expect(share(submissionFromRaw(`${file}-d`, 1000, raw, {})).outcome).toMatchObject({ plan: { groups: a.outcome.plan.groups } });
  });

  it("reduce a file's PL2 to its own kiểm tra and đào tạo lines and its section titles", () => {
    const [file, raw] = raws.find(([f]) => f.endsWith("two-inspections.xlsx"))!;
    const full = whole(file, raw);
    const compact = submissionFromRaw(file, 1000, raw, {});
    if (full.outcome.kind !== "read" || compact.outcome.kind !== "read") throw new Error("read");
    const declared = full.outcome.plan.declared!;
    const kept = compact.outcome.plan.declared!;
    expect(kept.sections).toEqual(declared.sections);
    expect(kept.lines.map((l) => l.kind)).toEqual(["inspection", "training"].filter((k) => declared.lines.some((l) => l.kind === k)));
    // Of each line, the texts the merge carries over; not its numbers or cells.
    for (const line of kept.lines) {
      const shown = declared.lines.find((l) => l.kind === line.kind)!;
      expect(line).toEqual({ section: shown.section, label: shown.label, kind: shown.kind, content: shown.content, note: shown.note, quantity: null, quantityText: "", rate: null, amount: null });
    }
    expect(kept.lines.length).toBeGreaterThan(0);
    expect(declared.lines.length).toBeGreaterThan(kept.lines.length);
  });
});

describe("the memos of names and headers", () => {
  it("let go of what no file asked for in the last two workbooks read", async () => {
    const { memo } = await import("../../src/core/text");
    nextGeneration();
    let computed = 0;
    const upper = memo((s) => (computed++, s.toUpperCase()));
    upper("xã tân mỹ");
    upper("xã tân mỹ");
    expect(computed).toBe(1);
    nextGeneration();
    upper("xã tân mỹ"); // asked for again in the next workbook: kept
    expect(computed).toBe(1);
    nextGeneration();
    nextGeneration();
    upper("xã tân mỹ"); // two workbooks without it: worked out again
    expect(computed).toBe(2);
  });
});
