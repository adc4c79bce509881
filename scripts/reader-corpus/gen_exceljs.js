#!/usr/bin/env node
// Write the spec workbook with ExcelJS.
// usage: node gen_exceljs.js SPEC.json OUT.xlsx
//
// Formulas are written WITH their cached result ({formula, result}), except the
// one named in NO_RESULT, which is written without a result (so it reads empty).
// The cell "Thông tin"!B10 ("UBND xã") is written as rich text with two runs, which
// must read as the joined text.
"use strict";
const fs = require("fs");
const path = require("path");
const ExcelJS = require(path.join(__dirname, "../../node_modules/exceljs"));
// ExcelJS zips with JSZip, which stamps every entry with `new Date()` unless JSZip's
// defaults say otherwise: a fixed date makes two runs byte-identical.
const FIXED = new Date(Date.UTC(2022, 2, 20, 8, 30));
require(require.resolve("jszip/lib/defaults", { paths: [require.resolve(path.join(__dirname, "../../node_modules/exceljs"))] })).date = FIXED;

const NO_RESULT = { sheet: "Thông tin", addr: "B4" };
const RICH = { sheet: "Thông tin", addr: "B10" };

function resultValue(res) {
  if (res.type === "error") return { error: res.value };
  return res.value;
}

async function main() {
  const [specPath, out] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specPath, "utf8"));
  const wb = new ExcelJS.Workbook();
  wb.creator = "reader-corpus";
  wb.created = FIXED;
  wb.modified = FIXED;
  for (const sh of spec.sheets) {
    const ws = wb.addWorksheet(sh.name, { state: sh.state });
    for (const [col, width] of Object.entries(sh.colWidths)) ws.getColumn(col).width = width;
    for (const c of sh.cells) {
      const cell = ws.getCell(c.addr);
      switch (c.kind) {
        case "formula":
          if (sh.name === NO_RESULT.sheet && c.addr === NO_RESULT.addr) cell.value = { formula: c.formula };
          else cell.value = { formula: c.formula, result: resultValue(c.result) };
          break;
        case "date": {
          // ExcelJS converts a JS Date to a serial number as if the Date were UTC
          const [d, t = "00:00:00"] = c.value.split("T");
          cell.value = new Date(`${d}T${t}Z`);
          cell.numFmt = c.numFmt;
          break;
        }
        case "string":
          if (sh.name === RICH.sheet && c.addr === RICH.addr) {
            cell.value = { richText: [{ text: "UBND " }, { font: { bold: true }, text: "xã" }] };
            if (c.value !== "UBND xã") throw new Error("rich text cell no longer matches the spec");
          } else {
            cell.value = c.value;
          }
          if (c.value.includes("\n")) cell.alignment = { wrapText: true };
          break;
        default:
          cell.value = c.value;
      }
    }
    for (const rng of sh.merges) ws.mergeCells(rng);
    for (const r of sh.hiddenRows) ws.getRow(r).hidden = true;
  }
  await wb.xlsx.writeFile(out);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
