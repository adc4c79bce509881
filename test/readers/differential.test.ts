/**
 * Differential test of every reader of the product on workbooks written by other programs
 * (LibreOffice, Gnumeric's ssconvert, openpyxl, exceljs, SheetJS, and hand-edited XML; see
 * test/readers/corpus/README.md). Each file's expected answer was written from the spec the
 * file was made from, cell by cell; openpyxl reads the .xlsx/.xlsm files too, as an outside
 * oracle, live. Readers compared: the file reader as the command line runs it (Node's zlib) and
 * as the browser runs it (pako). (exceljs is not used to read: on this corpus it reads 1904
 * dates four years early, drops cached FALSE and 0 results, CDATA text, prefixed elements and
 * a SharedStrings.xml part in another case.)
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { openWorkbook, UnreadableWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { pakoZip } from "../../src/adapters/xlsx/pakoZip";
import { columnLetters } from "../../src/core/problems";
import type { RawValue, RawWorkbook } from "../../src/workbook/grid";
import { isCellError } from "../../src/workbook/cellValues";
import { openBytes } from "../helpers/open";

const CORPUS = join(__dirname, "corpus");
const ORACLE = join(__dirname, "..", "..", "scripts", "reader-corpus", "oracle.py");

interface ExpectedCell {
  type: "string" | "number" | "date" | "boolean" | "error";
  value: string | number | boolean;
}
interface ExpectedSheet {
  name: string;
  hidden: boolean;
  cells: Record<string, ExpectedCell>;
}
interface Expected {
  file: string;
  refuse: boolean;
  refuseMentions?: string;
  sheets: ExpectedSheet[];
  /** Cells (or "*" for the whole file) where openpyxl is known to read differently, each with the reason. */
  oracleExceptions?: Array<{ sheet: string; cell: string; reason: string }>;
}

function iso(d: Date): string {
  const s = d.toISOString();
  return s.endsWith("T00:00:00.000Z") ? s.slice(0, 10) : s.slice(0, 19);
}

function cellOf(v: RawValue): ExpectedCell | null {
  if (v === null || v === "") return null;
  if (typeof v === "string") return { type: "string", value: v };
  if (typeof v === "number") return { type: "number", value: v };
  if (typeof v === "boolean") return { type: "boolean", value: v };
  if (v instanceof Date) return { type: "date", value: iso(v) };
  if (isCellError(v)) return { type: "error", value: v.error };
  return null;
}

/** A reader's workbook in the expected files' shape. */
function shape(wb: RawWorkbook): ExpectedSheet[] {
  return wb.sheets.map((s) => {
    const cells: Record<string, ExpectedCell> = {};
    s.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = cellOf(v);
        if (cell) cells[`${columnLetters(c + 1)}${r + 1}`] = cell;
      }),
    );
    return { name: s.name, hidden: s.hidden === true, cells };
  });
}

/** Numbers compared to 12 significant digits (writers print doubles differently). */
function normalised(sheets: ExpectedSheet[]): ExpectedSheet[] {
  return sheets.map((s) => ({
    ...s,
    cells: Object.fromEntries(
      Object.entries(s.cells).map(([k, c]) => [k, c.type === "number" ? { ...c, value: Number((c.value as number).toPrecision(12)) } : c]),
    ),
  }));
}

type Read = { refused: string } | { sheets: ExpectedSheet[] };

async function attempt(read: () => Promise<RawWorkbook>): Promise<Read> {
  try {
    return { sheets: normalised(shape(await read())) };
  } catch (e) {
    if (e instanceof UnreadableWorkbook) return { refused: e.reason };
    throw e;
  }
}

const fixtures = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".expected.json"))
  .map((f) => f.replace(/\.expected\.json$/, ""))
  .sort();

const expectedOf = (file: string): Expected => JSON.parse(readFileSync(join(CORPUS, `${file}.expected.json`), "utf8")) as Expected;
const bytesOf = (file: string) => new Uint8Array(readFileSync(join(CORPUS, file)));

function check(got: Read, exp: Expected): void {
  if (exp.refuse) {
    expect(got).toEqual({ refused: expect.stringContaining(exp.refuseMentions ?? "") });
  } else {
    expect(got).toEqual({ sheets: normalised(exp.sheets) });
  }
}

describe("the corpus has files from every writer the issue names", () => {
  it.each(["lo-", "gnumeric-", "openpyxl-", "exceljs-", "sheetjs-"])("%s…", (prefix) => {
    expect(fixtures.filter((f) => f.startsWith(prefix)).length).toBeGreaterThan(0);
  });
  it.each([".xls", ".ods", ".xlsm"])("and %s files", (ext) => {
    expect(fixtures.filter((f) => f.endsWith(ext)).length).toBeGreaterThan(0);
  });
});

describe.each(fixtures)("%s", (file) => {
  const exp = expectedOf(file);

  it("the file reader (command line) reads what the file's spec says, cell by cell", async () => {
    check(await attempt(() => openBytes(bytesOf(file))), exp);
  });

  it("the file reader (browser's inflater) reads the same", async () => {
    check(await attempt(() => openWorkbook(bytesOf(file), { codec: pakoZip })), exp);
  });

  const skips = exp.oracleExceptions ?? [];
  if (/\.xls[xm]$/.test(file) && !exp.refuse && !skips.some((x) => x.cell === "*")) {
    it("openpyxl, read live as an outside oracle, agrees with the product", async () => {
      const oracle = JSON.parse(execFileSync("/usr/bin/python3", [ORACLE, join(CORPUS, file)], { encoding: "utf8" })) as Expected;
      const skipped = (sheet: string, cell: string) => skips.some((x) => x.sheet === sheet && x.cell === cell);
      const strip = (sheets: ExpectedSheet[]) =>
        normalised(sheets).map((s) => ({ ...s, cells: Object.fromEntries(Object.entries(s.cells).filter(([k]) => !skipped(s.name, k))) }));
      const ours = await attempt(() => openBytes(bytesOf(file)));
      expect("sheets" in ours && strip(ours.sheets)).toEqual(strip(oracle.sheets));
    });
  }
});
