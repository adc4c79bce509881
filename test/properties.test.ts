/**
 * Properties that must hold for every input, not just the examples: numbers, words,
 * the comparison key, and the merge.
 */
import fc from "fast-check";
import { formatVnNumber, parseVnNumber, sumTrieu, trieuToDong } from "../src/core/numbers";
import { amountInWords } from "../src/core/words";
import { cleanText, nameKey } from "../src/core/text";
import { computeBudget } from "../src/core/budget";
import { mergeSubmissions, type Submission } from "../src/core/merge";
import type { Agency } from "../src/core/model";
import { newPlan } from "../src/workbook/plan";
import { consolidate, existingFromRaw } from "../src/workbook/consolidated";
import type { RawWorkbook, WorkbookGrid } from "../src/workbook/grid";
import { wordsToNumber } from "./helpers/wordsToNumber";

describe("Vietnamese numbers", () => {
  it("parse(format(x)) = x for every amount with up to 3 decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), fc.integer({ min: 0, max: 999 }), (whole, thousandths) => {
        // The double nearest to the decimal whole,thousandths — what a typed amount is.
        const x = Number(`${whole < 0 ? "-" : ""}${Math.abs(whole)}.${String(thousandths).padStart(3, "0")}`);
        const text = formatVnNumber(x);
        expect(parseVnNumber(text)).toEqual({ ok: true, value: x });
        expect(text).toMatch(/^-?\d{1,3}(\.\d{3})*(,\d{1,3})?$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("amount in words", () => {
  it("reads back to the same number, for any whole amount up to 10^15 đồng", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }).map(Number), (n) => {
        const words = amountInWords(n);
        expect(words).toMatch(/^\p{Lu}[\p{Ll} ]* đồng$/u);
        expect(words).not.toMatch(/  /);
        expect(wordsToNumber(words)).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });
});

const SYLLABLES = ["hòa", "hoà", "thủy", "thuỷ", "xã", "phường", "an", "bình", "tân", "mỹ", "đức", "long", "hồng", "ngự", "sa", "rài", "khánh", "tháp", "mười", "lãnh"];
const name = fc.array(fc.constantFrom(...SYLLABLES), { minLength: 1, maxLength: 5 }).map((w) => w.join(" "));
/** The other tone-mark placement for oa/oe/uy (hòa ↔ hoà, thủy ↔ thuỷ). */
const otherPlacement = (s: string) =>
  s.replace(/([oO])([\u0300\u0301\u0303\u0309\u0323])([aeAE])/g, "$1$3$2").replace(/([uU])([\u0300\u0301\u0303\u0309\u0323])([yY])/g, "$1$3$2");

describe("the comparison key", () => {
  it("ignores composition, case, spacing and tone placement; is stable on cleaned text", () => {
    fc.assert(
      fc.property(name, fc.boolean(), fc.boolean(), (n, upper, spaces) => {
        const variant = otherPlacement(n.normalize("NFD")).normalize(upper ? "NFC" : "NFD");
        const typed = (upper ? variant.toLocaleUpperCase("vi") : variant).replace(/ /g, spaces ? "  \u00a0" : " ");
        expect(nameKey(typed)).toBe(nameKey(n));
        expect(nameKey(cleanText(n))).toBe(nameKey(n));
        expect(nameKey(nameKey(typed))).toBe(nameKey(typed));
      }),
    );
  });

  it("never joins two names that differ in a letter or a tone", () => {
    const letters = [..."abcdđeêghiklmnoôơpqrstuưvxyă"];
    fc.assert(
      fc.property(name, fc.nat(), fc.constantFrom(...letters), (n, pos, letter) => {
        const chars = [...n.normalize("NFC")];
        const i = pos % chars.length;
        if (chars[i] === " " || chars[i].toLowerCase() === letter) return;
        const changed = [...chars.slice(0, i), letter, ...chars.slice(i + 1)].join("");
        expect(nameKey(changed)).not.toBe(nameKey(n));
      }),
    );
    expect(nameKey("UBND xã Hòa An")).not.toBe(nameKey("UBND xã Hóa An"));
  });
});

/* ---------- merge ---------- */

const AGENCIES = ["UBND xã Hòa An", "UBND xã Hoà An", "Sở Y tế", "Sở Y Tế", "Chi cục Thủy lợi", "UBND phường 1", "UBND huyện Tân Hồng", "Hội Nông dân", "UBND xã Tân Bình"];
const AREAS = ["tỉnh Đồng Tháp", "Huyện Tân Hồng", "Thành phố Cao Lãnh"];
const UNITS = ["Sở Y tế", "UBND huyện Tân Hồng", "UBND thành phố Cao Lãnh", "Chi cục Thủy lợi", ""];

const agency = fc.record({ name: fc.constantFrom(...AGENCIES), area: fc.constantFrom(...AREAS), note: fc.constantFrom("", "mới") });
const submission = (i: number) =>
  fc
    .record({
      unit: fc.constantFrom(...UNITS),
      day: fc.integer({ min: 1, max: 28 }),
      modified: fc.integer({ min: 1, max: 5 }),
      agencies: fc.array(agency, { maxLength: 6 }),
      rejected: fc.boolean(),
      classes: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
      inspection: fc.constantFrom(0, 0, 12.5, 70),
    })
    .map((r): Submission => {
      const file = `tep-${i}.xlsx`;
      if (r.rejected && i % 3 === 0) return { file, modified: r.modified, outcome: { kind: "rejected", reason: "tệp .xlsx bị hỏng" } };
      const plan = newPlan({ year: 2022, levels: 3, standardTasks: false });
      return {
        file,
        modified: r.modified,
        outcome: {
          kind: "read",
          problems: [],
          plan: {
            ...plan,
            info: { ...plan.info, issuer: r.unit, date: `${r.day}/11/2021`, area: "tỉnh Đồng Tháp" },
            rates: { ...plan.rates, inspectionLumpSum: r.inspection },
            training: { classes: r.classes, participants: null },
            agencies: r.agencies.map((a, k): Agency => ({ ...a, groupId: null, at: { sheet: "PL1", row: 6 + k, col: 2 } })),
          },
        },
      };
    });
const batch = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => submission(i))));
const base = () => ({ ...newPlan({ year: 2022, levels: 3, standardTasks: false }), info: { ...newPlan({ year: 2022, levels: 3, standardTasks: false }).info, area: "tỉnh Đồng Tháp" } });

/** The values a file would hold, without going through a file (the grid is what the writers render). */
function gridToRaw(grid: WorkbookGrid): RawWorkbook {
  return {
    sheets: grid.sheets.map((s) => ({ name: s.name, rows: Array.from(s.rows, (r) => Array.from(r ?? [], (c) => (c ? c.v : null))) })),
  };
}

describe("merge", () => {
  it("does not depend on the order the files arrive in", () => {
    fc.assert(
      fc.property(batch, fc.func(fc.integer()), (subs, rank) => {
        const shuffled = [...subs].sort((a, b) => rank(a.file) - rank(b.file));
        const one = mergeSubmissions(subs, base());
        const two = mergeSubmissions(shuffled, base());
        expect(two.plan).toEqual(one.plan);
        expect(two.files).toEqual(one.files);
        expect(two.duplicates).toEqual(one.duplicates);
      }),
      { numRuns: 200 },
    );
  });

  it("accounts for every row, and its total is the sum of its lines", () => {
    fc.assert(
      fc.property(batch, (subs) => {
        const r = mergeSubmissions(subs, base());
        for (const f of r.files) expect(f.read).toBe(f.kept + f.duplicates + f.rejected + f.replaced);
        expect(r.totals.read).toBe(subs.reduce((n, s) => n + (s.outcome.kind === "read" ? s.outcome.plan.agencies.length : 0), 0));
        const b = computeBudget(r.plan);
        const lines = b.sections.flatMap((s) => s.lines.map((l) => l.amount));
        expect(trieuToDong(b.total)).toBe(lines.reduce((acc, x) => acc + trieuToDong(x), 0));
        expect(b.total).toBe(sumTrieu(b.sections.map((s) => s.total)));
      }),
      { numRuns: 300 },
    );
  });

  it("merge(A ∪ B) = merge(merge(A) as a workbook, B)", () => {
    fc.assert(
      fc.property(batch, fc.nat(), (subs, cut) => {
        const k = cut % (subs.length + 1);
        const [a, b] = [subs.slice(0, k), subs.slice(k)];
        const all = consolidate(subs, null);
        const first = consolidate(a, null);
        // A batch with no readable file writes no workbook (exit 2): there is nothing to merge into.
        fc.pre(a.length === 0 || first !== null);
        const then = consolidate(b, first ? existingFromRaw(gridToRaw(first.grid)) : null);
        expect(then === null).toBe(all === null);
        if (!all || !then) return;
        expect(then.result.plan.agencies).toEqual(all.result.plan.agencies);
        expect(computeBudget(then.result.plan)).toEqual(computeBudget(all.result.plan));
        expect(then.result.files).toEqual(all.result.files);
        expect(then.result.duplicates).toEqual(all.result.duplicates);
      }),
      { numRuns: 150 },
    );
  });
});
