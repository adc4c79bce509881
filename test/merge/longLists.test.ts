/**
 * A national roll-up's lists in one cell: an agency every one of 3.000 files sends, a commune name
 * 3.000 rows share while one of them has no district, a sender's note at the length limit. Each
 * such cell must stay within Excel's 32.767 characters (Excel "repairs" a longer one on open and
 * our own reader refuses the file), and must say how many it did not name.
 */
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { mergeSubmissions, type Submission } from "../../src/core/merge";
import type { Agency } from "../../src/core/model";
import { namedList } from "../../src/core/text";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { fitCell, MAX_CELL_CHARS } from "../../src/workbook/cellValues";
import { buildConsolidatedWorkbook, consolidate, existingFromRaw, unwritable } from "../../src/workbook/consolidated";
import { BeyondExcel, MAX_ROWS } from "../../src/workbook/excelRules";
import type { Problem } from "../../src/core/problems";
import { SHEETS } from "../../src/workbook/layout";
import { SheetBuilder } from "../../src/workbook/sheetBuilder";
import { openBytes } from "../helpers/open";

const FILES = 3_000;
const NOTE = "Ghi chú dài của đơn vị gửi. ".repeat(1_200).slice(0, 32_700);

function submissions(): Submission[] {
  const base = dongThap2022Plan();
  return Array.from({ length: FILES }, (_, i) => {
    const file = `huyen-${String(i).padStart(4, "0")}.xlsx`;
    // File 0 is not a district's: its commune has no district, so every commune of that name is a possible duplicate.
    const area = i === 0 ? "Sở Nội vụ" : `Huyện Số ${i}`;
    const agencies: Agency[] = [
      { name: "Sở Tài chính", groupId: "so-nganh", area: "", note: "" },
      { name: "UBND xã Tân Thành", groupId: "cap-xa", area: "", note: i === 0 ? NOTE : "" },
    ];
    return {
      file,
      modified: 1,
      outcome: { kind: "read" as const, problems: [], plan: { ...base, info: { ...base.info, area, levels: 3 as const, issuer: `UBND ${area}` }, agencies, tasks: [], extraLines: [] } },
    };
  });
}

describe("lists of a national roll-up written in one cell", () => {
  const subs = submissions();
  const result = mergeSubmissions(subs, dongThap2022Plan());
  let written: Uint8Array;
  beforeAll(async () => {
    written = await writeXlsx(buildConsolidatedWorkbook(result, subs));
  });

  it("merges what it was given: one Sở Tài chính sent 3.000 times, 3.000 communes of one name kept apart", () => {
    expect(result.duplicates).toHaveLength(1);
    expect(result.duplicates[0].files).toHaveLength(FILES);
    expect(result.possibleDuplicates).toHaveLength(1);
    expect(result.possibleDuplicates[0].entries).toHaveLength(FILES);
    expect(result.plan.agencies.filter((a) => a.name === "UBND xã Tân Thành")).toHaveLength(FILES);
  });

  it("writes a workbook whose every cell Excel holds, and our reader opens it", async () => {
    const raw = await openBytes(written);
    let longest = 0;
    for (const sheet of raw.sheets) for (const cells of sheet.rows) for (const v of cells ?? []) if (typeof v === "string") longest = Math.max(longest, v.length);
    expect(longest).toBeGreaterThan(30_000);
    expect(longest).toBeLessThanOrEqual(MAX_CELL_CHARS);
  });

  it("names in Nguồn dữ liệu as many of the files as a cell holds, then how many more, adding up to all", async () => {
    const raw = await openBytes(written);
    const texts = raw.sheets.find((s) => s.name === SHEETS.sources)!.rows.flat().filter((v): v is string => typeof v === "string");
    const files = texts.find((t) => t.startsWith("huyen-0000.xlsx; huyen-0001.xlsx"))!;
    const named = files.split(" và ")[0].split("; ");
    const more = Number(/ và ([\d.]+) tệp khác$/.exec(files)![1].replace(/\./g, ""));
    expect(named.length).toBeGreaterThan(1_000);
    expect(named.length + more).toBe(FILES);
    expect(named).toEqual(subs.slice(0, named.length).map((s) => s.file));

    const rows = texts.find((t) => t.startsWith("chưa rõ địa bàn — huyen-0000.xlsx; "))!;
    const shown = rows.split(" và ")[0].split("; ");
    expect(shown.length + Number(/ và ([\d.]+) dòng cùng tên khác$/.exec(rows)![1].replace(/\./g, ""))).toBe(FILES);
  });

  it("notes ten possible duplicates of a commune in Phụ lục 1 and says how many more", () => {
    const second = result.plan.agencies.find((a) => a.name === "UBND xã Tân Thành" && a.area === "Huyện Số 1")!;
    expect(second.note).toMatch(/^Có thể trùng: chưa rõ địa bàn — huyen-0000\.xlsx; Huyện Số 2 — huyen-0002\.xlsx; /);
    expect(second.note).toMatch(/ và 2\.989 dòng cùng tên khác$/);
  });

  it("cuts the sender's long note with what the merge added, and says so in the cell", async () => {
    const first = result.plan.agencies.find((a) => a.name === "UBND xã Tân Thành" && a.area === "")!;
    expect(first.note.length).toBeGreaterThan(MAX_CELL_CHARS);
    const raw = await openBytes(written);
    const cell = raw.sheets.find((s) => s.name === SHEETS.agencies)!.rows.flat().find((v): v is string => typeof v === "string" && v.startsWith(NOTE.slice(0, 100)))!;
    expect(cell.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(cell).toMatch(/ … \[đã cắt [\d.]+ ký tự cuối: một ô Excel chứa tối đa 32\.767 ký tự\]$/);
    expect(first.note.startsWith(cell.slice(0, cell.indexOf(" … [đã cắt")))).toBe(true);
  });
});

it("a note cut to fit its cell is not taken for the officer's edit when the merge goes on into that workbook", async () => {
  const subs = submissions().slice(0, 30);
  const done = consolidate(subs, null)!;
  const bytes = await writeXlsx(done.grid);
  const earlier = existingFromRaw(await openBytes(bytes))!;
  expect(earlier.current.some((r) => r.note.includes("… [đã cắt"))).toBe(true);
  const again = consolidate([], earlier)!;
  expect(again.corrections).toEqual([]);
  // And the next merge still writes the note as the sender's file and the merge make it.
  const cut = again.result.plan.agencies.find((a) => a.note.startsWith(NOTE.slice(0, 100)))!;
  expect(cut.note.length).toBeGreaterThan(MAX_CELL_CHARS);
});

it("a newer file that drops thousands of its sender's agencies names as many as its report's cell holds, and counts the rest", () => {
  const base = dongThap2022Plan();
  const names = Array.from({ length: 3_000 }, (_, i) => `Trường Tiểu học Số ${i + 1} huyện Tân Hồng`);
  const sent = (file: string, date: string, count: number): Submission => ({
    file,
    modified: 1,
    outcome: {
      kind: "read" as const,
      problems: [],
      plan: { ...base, info: { ...base.info, issuer: "UBND huyện Tân Hồng", area: "Huyện Tân Hồng", date }, agencies: names.slice(0, count).map((name) => ({ name, groupId: "thuoc-so", area: "Huyện Tân Hồng", note: "" })), tasks: [], extraLines: [] },
    },
  });
  const result = mergeSubmissions([sent("tan-hong-cu.xlsx", "01/02/2026", 3_000), sent("tan-hong-moi.xlsx", "01/03/2026", 1_500)], base);
  const old = result.files.find((f) => f.file === "tan-hong-cu.xlsx")!;
  expect(old.status).toBe("replaced");
  expect(old.reason.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  const listed = /Không còn trong tệp mới: (.*) và ([\d.]+) cơ quan khác\.$/.exec(old.reason)!;
  const named = listed[1].split("; ");
  expect(named).toEqual(names.slice(1_500, 1_500 + named.length));
  expect(named.length + Number(listed[2].replace(/\./g, ""))).toBe(1_500);
  const replaces = result.files.find((f) => f.file === "tan-hong-moi.xlsx")!.problems.find((p) => p.code === "FILE_REPLACES")!;
  expect(replaces.message.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
  expect(replaces.message).toMatch(/ và [\d.]+ cơ quan khác\.$/);
});

it("the store records such a note whole, as the sender's file and the merge make it, and reads it back as its cell holds it", async () => {
  const done = consolidate(submissions().slice(0, 30), null)!;
  const raw = await openBytes(await writeXlsx(done.grid));
  const whole = done.result.plan.agencies.find((a) => a.note.length > MAX_CELL_CHARS)!;
  // The WRITTEN record of that row, joined over its continued rows.
  const store = raw.sheets.find((s) => s.name === SHEETS.store)!;
  let recorded: string | undefined;
  for (let r = 0; r < store.rows.length; r++) {
    if (store.rows[r][0] !== "WRITTEN") continue;
    let end = r + 1;
    while (end < store.rows.length && store.rows[end][0] === "+") end++;
    const entries = JSON.parse(store.rows.slice(r, end).map((row) => row[2] as string).join("")) as string[][];
    recorded ??= entries.find(([rowId]) => rowId === whole.rowId)?.[4];
  }
  expect(recorded).toBe(whole.note);
  const earlier = existingFromRaw(raw)!;
  expect(earlier.written.every((w) => w.note.length <= MAX_CELL_CHARS)).toBe(true);
  const written = earlier.written.find((w) => w.rowId === whole.rowId)!.note;
  expect(written).toBe(earlier.current.find((c) => c.rowId === whole.rowId)!.note);
  expect(written).toMatch(/ … \[đã cắt [\d.]+ ký tự cuối: một ô Excel chứa tối đa 32\.767 ký tự\]$/);
  expect(consolidate([], earlier)!.corrections).toEqual([]);
});

describe("what Excel cannot hold is said before anything is written", () => {
  it("a sheet past Excel's rows", () => {
    const s = new SheetBuilder("Phụ lục 1", [10]);
    s.value(MAX_ROWS, 1, "dòng cuối", "text");
    expect(() => s.value(MAX_ROWS + 1, 1, "một dòng nữa", "text")).toThrow(BeyondExcel);
    expect(() => s.value(MAX_ROWS + 1, 1, "một dòng nữa", "text")).toThrow('trang "Phụ lục 1" cần hơn 1.048.576 dòng, quá số dòng một trang Excel chứa được');
  });

  it("a store past the sheets a workbook can give it, in the sentence the command line and the pane say", () => {
    const subs = submissions().slice(0, 200);
    let thrown: unknown;
    try {
      consolidate(subs, null, {}, { storeSheet: { chars: 50, rows: 3 } });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(BeyondExcel);
    expect(unwritable(thrown)).toMatch(/^Bản tổng hợp vượt giới hạn của Excel: dữ liệu nguồn cần \d+ trang ẩn, quá 99 trang một sổ có thể giữ; hãy tổng hợp theo từng phần \(theo tỉnh, theo huyện\)\.$/);
    expect(unwritable(new Error("khác"))).toBeNull();
  });
});

it("Nguồn dữ liệu lists a file's thousand most severe problems, in the order of their cells, then how many more", async () => {
  const base = dongThap2022Plan();
  const problems: Problem[] = [
    ...Array.from({ length: 2_000 }, (_, i) => ({ severity: "warning" as const, code: "UNKNOWN_FORM" as const, message: `cảnh báo ${i}`, sheet: SHEETS.agencies, cell: `B${i + 6}` })),
    ...Array.from({ length: 500 }, (_, i) => ({ severity: "error" as const, code: "UNKNOWN_GROUP" as const, message: `lỗi ${i}`, sheet: SHEETS.agencies, cell: `C${i + 3_000}` })),
  ];
  const subs: Submission[] = [{ file: "nhieu-loi.xlsx", modified: 1, outcome: { kind: "read", problems, plan: { ...base, agencies: base.agencies.slice(0, 3) } } }];
  const done = consolidate(subs, null)!;
  const raw = await openBytes(await writeXlsx(done.grid));
  const rows = raw.sheets.find((s) => s.name === SHEETS.sources)!.rows.filter((r) => r[1] === "nhieu-loi.xlsx" && (r[5] === "UNKNOWN_FORM" || r[5] === "UNKNOWN_GROUP" || r[5] === null));
  const listed = rows.filter((r) => r[5] === "UNKNOWN_FORM" || r[5] === "UNKNOWN_GROUP");
  expect(listed).toHaveLength(1_000);
  expect(listed.filter((r) => r[5] === "UNKNOWN_GROUP")).toHaveLength(500);
  expect(listed.filter((r) => r[5] === "UNKNOWN_FORM").map((r) => r[6])).toEqual(Array.from({ length: 500 }, (_, i) => `cảnh báo ${i}`));
  expect(listed.map((r) => r[3])).toEqual([...Array.from({ length: 500 }, (_, i) => `B${i + 6}`), ...Array.from({ length: 500 }, (_, i) => `C${i + 3_000}`)]);
  expect(rows[rows.length - 1][6]).toBe("và 1.500 vấn đề khác của tệp này: kiểm tra riêng tệp này (lệnh validate, hay Kiểm tra trong khung tác vụ) để xem hết");
});

describe("fitting a text to a cell", () => {
  it("keeps a text that fits as it is, cuts one that does not, never half a character", () => {
    expect(fitCell("a".repeat(MAX_CELL_CHARS))).toBe("a".repeat(MAX_CELL_CHARS));
    for (const pad of [0, 1, 2, 3]) {
      const long = "x".repeat(pad) + "𝔸".repeat(20_000);
      const cut = fitCell(long);
      expect(cut.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
      const kept = cut.slice(0, cut.indexOf(" … [đã cắt"));
      expect(long.startsWith(kept)).toBe(true);
      expect(/[\uD800-\uDBFF]$/.test(kept)).toBe(false);
      expect(cut).toContain(`đã cắt ${(long.length - kept.length).toLocaleString("vi-VN")} ký tự cuối`);
    }
  });

  it("is what every sheet the layout builds holds", () => {
    const s = new SheetBuilder("Trang", [10]);
    s.value(1, 1, "y".repeat(40_000), "text");
    const v = s.finish().rows[0][0]!.v as string;
    expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(v).toContain("đã cắt");
  });

  it("names the first ten of a list, or as many as fit, and how many more, adding up to all", () => {
    const items = Array.from({ length: 25 }, (_, i) => `t${i}`);
    const list = (n: number, within?: number) => namedList(items.slice(0, n), { separator: "; ", what: "tệp", ...(within ? { within } : {}) });
    expect(list(0)).toBe("");
    expect(list(1)).toBe("t0");
    expect(list(10)).toBe(items.slice(0, 10).join("; "));
    expect(list(11)).toBe(`${items.slice(0, 10).join("; ")} và 1 tệp khác`);
    expect(list(25)).toBe(`${items.slice(0, 10).join("; ")} và 15 tệp khác`);
    // Only the first items given, and how many there are.
    expect(namedList(items.slice(0, 10), { separator: "; ", what: "dòng", total: 2_000 })).toBe(`${items.slice(0, 10).join("; ")} và 1.990 dòng khác`);
    expect(list(25, 1_000)).toBe(items.join("; "));
    // The whole list when it fits exactly; only the first items given, counted to the total.
    expect(list(25, items.join("; ").length)).toBe(items.join("; "));
    expect(namedList(["x", "y"], { separator: "; ", what: "tệp", within: 100, total: 5 })).toBe("x; y và 3 tệp khác");
    for (const within of [5, 12, 20, 30, 60, 100]) {
      const fit = list(25, within);
      const [named, rest] = fit.startsWith("và ") ? ["", fit.slice(3)] : fit.split(" và ");
      const count = (named ? named.split("; ").length : 0) + Number(/^(\d+) tệp khác$/.exec(rest)![1]);
      expect(count).toBe(25);
      if (within >= 20) expect(fit.length).toBeLessThanOrEqual(within);
    }
  });
});
