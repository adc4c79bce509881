#!/usr/bin/env node
// Write the spec workbook with SheetJS (@e965/xlsx 0.20.3), in one or more formats.
// usage: node gen_sheetjs.js SPEC.json OUT.xlsx [OUT.ods] [OUT.xls]
//
// SheetJS does not calculate: a formula cell carries exactly the cached value we
// give it in `v`, so every formula is given its spec result.
// Dates are written as serial numbers (1900 system) with the spec's number format.
"use strict";
const fs = require("fs");
const path = require("path");
const XLSX = require(path.join(__dirname, "../../node_modules/@e965/xlsx"));

// BIFF error codes, which SheetJS uses as `v` of an error cell
const ERR = { "#NULL!": 0x00, "#DIV/0!": 0x07, "#VALUE!": 0x0f, "#REF!": 0x17, "#NAME?": 0x1d, "#NUM!": 0x24, "#N/A": 0x2a };

function sheetjsCell(c) {
  switch (c.kind) {
    case "string":
      return { t: "s", v: c.value };
    case "number":
      return { t: "n", v: c.value };
    case "bool":
      return { t: "b", v: c.value };
    case "date":
      return { t: "n", v: c.serial1900, z: c.numFmt };
    case "formula": {
      const r = c.result;
      if (r.type === "error") return { t: "e", v: ERR[r.value], w: r.value, f: c.formula };
      if (r.type === "string") return { t: "s", v: r.value, f: c.formula };
      if (r.type === "number") return { t: "n", v: r.value, f: c.formula };
      if (r.type === "boolean") return { t: "b", v: r.value, f: c.formula };
      throw new Error("unknown result type " + r.type);
    }
    default:
      throw new Error("unknown kind " + c.kind);
  }
}

function build(spec) {
  const wb = XLSX.utils.book_new();
  wb.Workbook = { Sheets: [], WBProps: { date1904: false } };
  for (const sh of spec.sheets) {
    const ws = {};
    let maxR = 0;
    let maxC = 0;
    for (const c of sh.cells) {
      ws[c.addr] = sheetjsCell(c);
      const a = XLSX.utils.decode_cell(c.addr);
      maxR = Math.max(maxR, a.r);
      maxC = Math.max(maxC, a.c);
    }
    ws["!ref"] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    ws["!merges"] = sh.merges.map((m) => XLSX.utils.decode_range(m));
    ws["!rows"] = [];
    for (const r of sh.hiddenRows) ws["!rows"][r - 1] = { hidden: true };
    ws["!cols"] = [];
    for (const [col, width] of Object.entries(sh.colWidths)) ws["!cols"][XLSX.utils.decode_col(col)] = { wch: width };
    XLSX.utils.book_append_sheet(wb, ws, sh.name);
    wb.Workbook.Sheets.push({ name: sh.name, Hidden: sh.state === "hidden" ? 1 : sh.state === "veryHidden" ? 2 : 0 });
  }
  return wb;
}

const [specPath, ...outs] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(specPath, "utf8"));
for (const out of outs) {
  const ext = path.extname(out).slice(1);
  const bookType = { xlsx: "xlsx", ods: "ods", xls: "biff8" }[ext];
  if (!bookType) throw new Error("unsupported output " + out);
  // build afresh for each format: the writers annotate the workbook object
  XLSX.writeFile(build(spec), out, { bookType, compression: true });
}
