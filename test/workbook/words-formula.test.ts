/**
 * The "Bằng chữ" formulas, computed by LibreOffice for many amounts, read exactly as
 * core/words reads them: edge cases of every rule plus pseudo-random amounts.
 */
import { numberWords, tripleWords } from "../../src/core/words";
import { columnLetters } from "../../src/core/problems";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { openBytes } from "../helpers/open";
import type { GridCell, WorkbookGrid } from "../../src/workbook/grid";
import { NAME_DIGIT_WORDS, wordsFormulas } from "../../src/workbook/write";
import { resaveWithLibreOffice } from "../helpers/libreoffice";

const EDGES = [
  0, 1, 4, 5, 10, 11, 14, 15, 20, 21, 24, 25, 100, 101, 105, 110, 115, 121, 1000, 1001, 1005, 1010, 1015, 1105,
  10_000, 100_000, 1_000_000, 1_000_005, 1_005_000, 2_620_000_000, 2_000_000_000, 2_000_000_001, 1_000_000_015,
  21_021_021_021, 999_999_999_999, 105_005_005_005,
  // From a thousand tỷ up: the tỷ part is itself read in groups.
  1_000_000_000_000, 1_000_000_000_001, 1_005_000_000_000, 2_620_000_000_000_000, 999_999_999_999_999,
  1_000_000_000_000_000, 1_000_000_000_000_001, 123_456_789_012_345, 2 ** 53, 2 ** 53 + 2, 1e18, -(2 ** 60),
  // Negatives read "âm …".
  -1, -15, -2_620_000_000, -1_000_000_000_000,
];

function pseudoRandom(n: number): number[] {
  let x = 20221115;
  return Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    const digits = 1 + (x % 15);
    return Math.floor((x / 2147483648) * 10 ** digits);
  });
}

it("LibreOffice reads every amount as core/words does", async () => {
  const amounts = [...EDGES, ...pseudoRandom(80)];
  const rows: Array<Array<GridCell | undefined>> = [];
  amounts.forEach((amount, i) => {
    const row = i + 1;
    const { cells, words } = wordsFormulas(`$A$${row}`, (k) => `$${columnLetters(k + 2)}$${row}`);
    const r: Array<GridCell | undefined> = [{ v: amount }];
    for (const [, ref, f] of cells) r[Number(ref.match(/^\$([A-Z]+)\$/)![1].charCodeAt(0) - 65)] = { v: null, f };
    expect(words).toBe(`$N$${row}`);
    rows.push(r);
  });
  const digits: Array<Array<GridCell | undefined>> = Array.from({ length: 10 }, (_, d) => [{ v: d }, { v: tripleWords(d, false) }]);
  const grid: WorkbookGrid = {
    sheets: [
      { name: "Số", rows, widths: [], merges: [], validations: [], landscape: false },
      { name: "Chữ số", rows: digits, widths: [], merges: [], validations: [], landscape: false },
    ],
    names: [{ name: NAME_DIGIT_WORDS, sheet: "Chữ số", ref: "$B$1:$B$10" }],
  };
  const raw = await openBytes(resaveWithLibreOffice(await writeXlsx(grid)));
  const computed = raw.sheets[0].rows.map((r) => r[13]);
  expect(computed).toEqual(amounts.map((a) => numberWords(a)));
});
