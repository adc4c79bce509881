/**
 * Our .xlsx writer, checked by programs that are not ours: openpyxl (a Python reader with its
 * own parser) reports what it finds in the file — values, formulas, styles, validations, names,
 * print setup — and exceljs and LibreOffice open the same bytes. Awkward text (control
 * characters, a literal "_x0041_", carriage returns, lone surrogates, markup) comes back as
 * written, through our reader and openpyxl alike.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { writeXlsxSync } from "../../src/adapters/xlsx/writeXlsx";
import { openZip, readEntry } from "../../src/adapters/xlsx/zip";
import { nodeZip } from "../../src/cli/nodeZip";
import { streamedSheet, type Row, type SheetGrid, type WorkbookGrid } from "../../src/workbook/grid";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { openBytes } from "../helpers/open";

const AWKWARD = ["a & b < c > d \"e\" 'f'", "tab\there\nline two", "cr\r\nlf", "bell\u0007nul\u0000", "_x0041_ stays literal, _x0041_x0042_ too", "lone \uD800 surrogate", "Ủy ban nhân dân xã Tân Mỹ", "  leading and trailing  "];
/** What Excel and our reader give back: control characters XML cannot hold come back as themselves (written as Excel's _xHHHH_), a lone surrogate as U+FFFD. */
const AWKWARD_BACK = AWKWARD.map((s) => s.replace("\uD800", "\uFFFD"));
/** openpyxl 3.0 shows the escapes of control characters as they are in the file (it does decode the escaped "_"). */
const AWKWARD_OPENPYXL = AWKWARD_BACK.map((s) => s.replace("\u0007", "_x0007_").replace("\u0000", "_x0000_"));

function sheet(name: string, extra: Partial<SheetGrid> = {}): SheetGrid {
  return { name, rows: [], widths: [], merges: [], validations: [], landscape: false, ...extra };
}

const grid: WorkbookGrid = {
  sheets: [
    sheet("Danh sách", {
      rows: [
        [{ v: "TIÊU ĐỀ", style: "title" }, undefined, undefined],
        [{ v: "STT", style: "header" }, { v: "Tên", style: "header" }, { v: "Tiền", style: "header" }],
        ...AWKWARD.map((s, i) => [{ v: i + 1, style: "count" as const }, { v: s, style: "text" as const }, { v: 15 * (i + 1), style: "money" as const }]),
        [{ v: "Tổng", style: "total" }, { v: true }, { v: null, f: "SUM(C3:C10)", style: "total" }],
        [{ v: "chuỗi", f: "\"chu\"&\"ỗi\"" }, { v: 1.5, f: "3/2", numFmt: "0.00" }, { v: false, f: "1>2" }],
      ],
      widths: [6, 40, 14],
      heights: [30],
      merges: ["A1:C1"],
      validations: [{ range: "B3:B10", source: "'Bảng chọn'!$A$1:$A$2", title: "Nhóm", prompt: "Chọn nhóm <một> & \"hai\"", error: "Sai nhóm" }],
      conditionalFormats: [{ range: "A3:C10", formula: "$B3=\"\"", fill: "FFFFC7CE" }],
      printTitleRows: [2, 2],
      landscape: true,
      freezeRows: 2,
      hiddenColumns: [3],
      protect: true,
    }),
    sheet("Bảng chọn", { rows: [[{ v: "Nhóm 1" }], [{ v: "Nhóm 2" }]], widths: [20], hidden: true }),
    sheet("Tên 'nháy' giữa", { rows: [[{ v: "x" }]], widths: [10] }),
    // Rows made while written (the consolidated workbook's hidden store): no <dimension> then.
    // Its second column's texts differ row by row (as PL1's names and row ids): written in their cells.
    streamedSheet({ name: "Luồng", widths: [8, 30], merges: [], validations: [], landscape: false, hidden: true, uniqueTextColumns: [2] }, function* (): Generator<Row> {
      yield [{ v: "Loại" }, { v: "Dữ liệu" }];
      for (let i = 0; i < 3; i++) yield [{ v: `K${i}` }, { v: AWKWARD[i] }];
      yield [];
      yield [undefined, { v: 42 }];
    }),
  ],
  names: [
    { name: "DS_Nhom", sheet: "Bảng chọn", ref: "$A$1:$A$2" },
    { name: "TongTien", sheet: "Danh sách", ref: "$C$11" },
  ],
};

const bytes = writeXlsxSync(grid, { codec: nodeZip, modified: new Date(Date.UTC(2026, 0, 2, 3, 4, 6)) });
const dir = mkdtempSync(join(tmpdir(), "kh-write-"));
const file = join(dir, "ghi.xlsx");
writeFileSync(file, bytes);

const REPORT = String.raw`
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
values = openpyxl.load_workbook(sys.argv[1], data_only=True)
names = wb.defined_names.definedName if hasattr(wb.defined_names, "definedName") else wb.defined_names.values()
out = {"sheets": [], "names": {n.name: n.attr_text for n in names}, "normalFont": [wb._fonts[0].name, wb._fonts[0].sz]}
for ws in wb.worksheets:
    wv = values[ws.title]
    cells = {}
    for row in ws.iter_rows():
        for c in row:
            if c.value is None and not c.has_style: continue
            cells[c.coordinate] = {"value": c.value if not isinstance(c.value, bool) else ("TRUE" if c.value else "FALSE"),
              "cached": wv[c.coordinate].value if not isinstance(wv[c.coordinate].value, bool) else ("TRUE" if wv[c.coordinate].value else "FALSE"),
              "font": c.font.name, "bold": bool(c.font.b), "size": c.font.sz, "fill": c.fill.fgColor.rgb if c.fill.fill_type == "solid" else None,
              "border": c.border.left.style, "numFmt": c.number_format, "h": c.alignment.horizontal, "wrap": bool(c.alignment.wrap_text)}
    out["sheets"].append({
      "name": ws.title, "state": ws.sheet_state, "cells": cells, "merged": [str(m) for m in ws.merged_cells.ranges],
      "freeze": ws.freeze_panes, "protected": bool(ws.protection.sheet),
      "widths": {k: v.width for k, v in ws.column_dimensions.items() if v.width},
      "hiddenCols": [k for k, v in ws.column_dimensions.items() if v.hidden],
      "heights": {k: v.height for k, v in ws.row_dimensions.items() if v.height},
      "validations": [{"type": v.type, "sqref": str(v.sqref), "formula1": v.formula1, "prompt": v.prompt, "promptTitle": v.promptTitle} for v in ws.data_validations.dataValidation],
      "conditional": [{"range": str(r.sqref), "formula": [f for rule in r.rules for f in rule.formula]} for r in ws.conditional_formatting],
      "orientation": ws.page_setup.orientation, "paper": ws.page_setup.paperSize, "fitToWidth": ws.page_setup.fitToWidth,
      "fitToHeight": ws.page_setup.fitToHeight, "printTitleRows": ws.print_title_rows, "footer": ws.oddFooter.center.text,
      "margins": [ws.page_margins.left, ws.page_margins.right, ws.page_margins.top, ws.page_margins.bottom]})
print(json.dumps(out))
`;

interface Report {
  names: Record<string, string>;
  normalFont: [string, number];
  sheets: Array<{
    name: string;
    state: string;
    cells: Record<string, { value: unknown; cached: unknown; font: string; bold: boolean; size: number; fill: string | null; border: string | null; numFmt: string; h: string; wrap: boolean }>;
    merged: string[];
    freeze: string | null;
    protected: boolean;
    widths: Record<string, number>;
    hiddenCols: string[];
    heights: Record<string, number>;
    validations: Array<{ type: string; sqref: string; formula1: string; prompt: string; promptTitle: string }>;
    conditional: Array<{ range: string; formula: string[] }>;
    orientation: string;
    paper: number | string;
    fitToWidth: number;
    fitToHeight: number;
    printTitleRows: string | null;
    footer: string;
    margins: number[];
  }>;
}

describe("the .xlsx writer, read by openpyxl", () => {
  const report = JSON.parse(execFileSync("/usr/bin/python3", ["-c", REPORT, file], { encoding: "utf8" })) as Report;
  const [list, lookup, quoted, streamed] = report.sheets;

  it("keeps the sheets, their order, names and hidden state", () => {
    expect(report.sheets.map((s) => [s.name, s.state])).toEqual([["Danh sách", "visible"], ["Bảng chọn", "hidden"], ["Tên 'nháy' giữa", "visible"], ["Luồng", "hidden"]]);
    expect(quoted.cells.A1.value).toBe("x");
  });

  it("writes a streamed sheet's rows where they were made, an empty row kept as a gap", () => {
    expect(Object.fromEntries(Object.entries(streamed.cells).map(([k, c]) => [k, c.value]))).toEqual({
      A1: "Loại", B1: "Dữ liệu", A2: "K0", B2: AWKWARD_OPENPYXL[0], A3: "K1", B3: AWKWARD_OPENPYXL[1], A4: "K2", B4: AWKWARD_OPENPYXL[2], B6: 42,
    });
    expect(streamed.widths).toMatchObject({ A: 8, B: 30 });
  });

  it("gives every awkward text back as written", () => {
    AWKWARD_OPENPYXL.forEach((s, i) => expect(list.cells[`B${i + 3}`].value).toBe(s));
  });

  it("writes numbers, booleans, formulas with their cached results, and formulas without one", () => {
    expect(list.cells.C3).toMatchObject({ value: 15, cached: 15 });
    expect(list.cells.B11).toMatchObject({ value: "TRUE" });
    expect(list.cells.C11).toMatchObject({ value: "=SUM(C3:C10)", cached: null });
    expect(list.cells.A12).toMatchObject({ value: '="chu"&"ỗi"', cached: "chuỗi" });
    expect(list.cells.B12).toMatchObject({ value: "=3/2", cached: 1.5, numFmt: "0.00" });
    expect(list.cells.C12).toMatchObject({ value: "=1>2", cached: "FALSE" });
  });

  it("styles cells as layout.STYLES says: the documents' font, bold, fills, borders, formats, alignment", () => {
    expect(list.cells.A1).toMatchObject({ font: "Times New Roman", bold: true, size: 13, h: "center", wrap: true });
    expect(list.cells.A2).toMatchObject({ bold: true, fill: "FFD9E1F2", border: "thin" });
    expect(list.cells.C3).toMatchObject({ fill: "FFF2F2F2", border: "thin", h: "right" });
    expect(list.cells.C3.numFmt).toContain("#,##0");
    expect(list.cells.B3).toMatchObject({ font: "Times New Roman", size: 12, bold: false, wrap: true });
  });

  it("measures column widths in Calibri 11, the Normal style Excel's widths and layout.ts's are set against", () => {
    // (A larger Normal font makes every column wider on the page: LibreOffice printed the
    // consolidated workbook on 18 pages instead of 16, its titles overflowing their rows.)
    expect(report.normalFont).toEqual(["Calibri", 11]);
  });

  it("keeps merges, widths, a hidden column, heights, frozen rows and protection", () => {
    expect(list.merged).toEqual(["A1:C1"]);
    expect(list.widths).toMatchObject({ A: 6, B: 40, C: 14 });
    expect(list.hiddenCols).toEqual(["C"]);
    expect(list.heights).toMatchObject({ "1": 30 });
    expect(list.freeze).toBe("A3");
    expect(list.protected).toBe(true);
    expect(lookup.protected).toBe(false);
  });

  it("keeps the dropdown, the conditional fill and the defined names", () => {
    expect(list.validations).toEqual([{ type: "list", sqref: "B3:B10", formula1: "'Bảng chọn'!$A$1:$A$2", prompt: 'Chọn nhóm <một> & "hai"', promptTitle: "Nhóm" }]);
    expect(list.conditional).toEqual([{ range: "A3:C10", formula: ['$B3=""'] }]);
    expect(report.names).toMatchObject({ DS_Nhom: "'Bảng chọn'!$A$1:$A$2", TongTien: "'Danh sách'!$C$11" });
  });

  it("prints on A4, one page wide, landscape where asked, with the header rows repeated and the page footer", () => {
    expect(list).toMatchObject({ orientation: "landscape", paper: 9, fitToWidth: 1, fitToHeight: 0, printTitleRows: "$2:$2", footer: "Trang &P/&N" });
    expect(lookup.orientation).toBe("portrait");
    expect(list.margins).toEqual([1.181, 0.591, 0.787, 0.787]);
  });
});

describe("the .xlsx writer, read by others", () => {
  it("writes the texts of a column that differ row by row in their cells, the others in the shared table", () => {
    const zip = openZip(bytes);
    const part = (path: string) => new TextDecoder().decode(readEntry(zip, zip.entries.get(path)!, nodeZip, 1 << 24));
    const cells = [...part("xl/worksheets/sheet4.xml").matchAll(/<c r="([A-Z]+\d+)"[^>]*?(?: t="(\w+)")?>/g)].map((m) => [m[1], m[2] ?? "n"]);
    expect(cells).toEqual([["A1", "s"], ["B1", "inlineStr"], ["A2", "s"], ["B2", "inlineStr"], ["A3", "s"], ["B3", "inlineStr"], ["A4", "s"], ["B4", "inlineStr"], ["B6", "n"]]);
    expect(part("xl/sharedstrings.xml")).not.toContain("Dữ liệu"); // entries are keyed lower-case
  });

  it("our reader gives the same values", async () => {
    const raw = await openBytes(bytes);
    const rows = raw.sheets[0].rows;
    AWKWARD_BACK.forEach((s, i) => expect(rows[i + 2][1]).toBe(s));
    expect(rows[11]).toEqual(["chuỗi", 1.5, false]);
    expect(raw.sheets[1].hidden).toBe(true);
    expect(raw.sheets[3].rows.map((r) => [...r])).toEqual([["Loại", "Dữ liệu"], ["K0", AWKWARD_BACK[0]], ["K1", AWKWARD_BACK[1]], ["K2", AWKWARD_BACK[2]], [], [null, 42]]);
  });

  it("a streamed sheet's rows are there for whoever asks, and a structured clone (to a Web Worker) carries them", () => {
    const streamedGrid = grid.sheets[3];
    expect(streamedGrid.stream).toBeDefined();
    expect(streamedGrid.rows).toHaveLength(6);
    // Once made, the rows are what is written: an edit to them is not lost to the stream.
    const edited = streamedSheet({ name: "S", widths: [], merges: [], validations: [], landscape: false }, function* (): Generator<Row> {
      yield [{ v: "gốc" }];
    });
    edited.rows[0] = [{ v: "đã sửa" }];
    return openBytes(writeXlsxSync({ sheets: [edited], names: [] }, { codec: nodeZip })).then((raw) => {
      expect(raw.sheets[0].rows[0]).toEqual(["đã sửa"]);
      const copy = structuredClone(streamedGrid);
    expect(copy.stream).toBeUndefined();
      expect(copy.rows[5]).toEqual([undefined, { v: 42 }]);
    });
  });

  it("exceljs opens it and finds the same cells", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Danh sách")!;
    expect(ws.getCell("B9").value).toBe(AWKWARD[6]);
    expect(ws.getCell("C11").formula).toBe("SUM(C3:C10)");
    expect(wb.definedNames.getRanges("TongTien").ranges).toEqual(["'Danh sách'!$C$11"]);
    expect(wb.getWorksheet("Luồng")!.getCell("B6").value).toBe(42);
  });

  it("LibreOffice opens it, computes the formula without a cached result, and keeps the text", async () => {
    const raw = await openBytes(resaveWithLibreOffice(bytes));
    const rows = raw.sheets[0].rows;
    expect(rows[10][2]).toBe(15 + 30 + 45 + 60 + 75 + 90 + 105 + 120);
    expect(rows[8][1]).toBe(AWKWARD[6]);
    expect(rows[2][1]).toBe(AWKWARD[0]);
    expect(raw.sheets[3].rows[5]).toEqual([null, 42]);
  });
});
