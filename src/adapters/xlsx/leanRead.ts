/**
 * Reading an .xlsx the lean way: only sheet names, shared strings and cell values
 * (formulas as their cached results), straight from the XML. An order of magnitude
 * less work than building exceljs's object model, which the merge does not need.
 * Anything this reader does not understand raises LeanReadUnsupported, and the
 * caller falls back to exceljs.
 */
import type { RawValue, RawWorkbook } from "../../workbook/grid";
import { SHEETS } from "../../workbook/layout";
import { listEntries, readEntry, type InflateRaw, ZipError } from "./zip";

export class LeanReadUnsupported extends Error {}

export interface LeanLimits {
  /** Largest inflated part (bytes). */
  maxPartBytes: number;
  /** Largest row number read in a sheet. */
  maxRows: number;
  /** Largest column number read in a sheet. */
  maxCols: number;
}

export const DEFAULT_LIMITS: LeanLimits = { maxPartBytes: 50 * 1024 * 1024, maxRows: 100_000, maxCols: 1_000 };

export class LimitExceeded extends Error {}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(text: string): string {
  return text
    .replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
      e[0] === "#" ? String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ENTITY[e],
    )
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Text of <t> runs, phonetic runs (<rPh>) left out. */
function runsText(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let out = "";
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) out += m[1];
  return decode(out);
}

function attr(attrs: string, name: string): string | null {
  const m = attrs.match(new RegExp(`(?:^|\\s)${name}="([^"]*)"`));
  return m ? decode(m[1]) : null;
}

function colNumber(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

function parseSheet(xml: string, strings: string[], limits: LeanLimits, sheetName: string): RawValue[][] {
  const rows: RawValue[][] = [];
  let rowNo = 0;
  for (const rm of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = attr(rm[1], "r");
    rowNo = r ? Number(r) : rowNo + 1;
    if (rowNo > limits.maxRows) throw new LimitExceeded(`trang "${sheetName}" có hơn ${limits.maxRows.toLocaleString("vi-VN")} dòng`);
    if (!rm[2]) continue;
    const cells: RawValue[] = [];
    let colNo = 0;
    for (const cm of rm[2].matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const ref = attr(cm[1], "r");
      colNo = ref ? colNumber(ref) : colNo + 1;
      if (colNo > limits.maxCols) throw new LimitExceeded(`trang "${sheetName}" có hơn ${limits.maxCols} cột`);
      const inner = cm[2];
      if (!inner) continue;
      const type = attr(cm[1], "t") ?? "n";
      const v = inner.match(/<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/)?.[1];
      let value: RawValue = null;
      if (type === "inlineStr") value = runsText(inner.match(/<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/)?.[1] ?? "");
      else if (v === undefined) value = null;
      else if (type === "s") value = strings[Number(v)] ?? null;
      else if (type === "str") value = decode(v);
      else if (type === "b") value = v === "1";
      else if (type === "e") value = decode(v);
      else if (type === "n" || type === "d") {
        const n = Number(v);
        if (type === "d" || !Number.isFinite(n)) throw new LeanReadUnsupported(`kiểu ô "${type}"`);
        value = n;
      } else throw new LeanReadUnsupported(`kiểu ô "${type}"`);
      cells[colNo - 1] = value;
    }
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    rows[rowNo - 1] = cells;
  }
  for (let i = 0; i < rows.length; i++) if (rows[i] === undefined) rows[i] = [];
  return rows;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsOf(text: string): Array<{ id: string; type: string; target: string }> {
  return [...text.matchAll(/<(?:\w+:)?Relationship\b([^>]*?)\/?>/g)].map((m) => ({
    id: attr(m[1], "Id") ?? "",
    type: attr(m[1], "Type") ?? "",
    target: attr(m[1], "Target") ?? "",
  }));
}

/** Raw values of a workbook, reading only what the plan reader needs. */
export function leanReadXlsx(bytes: Uint8Array, inflate: InflateRaw, limits: LeanLimits = DEFAULT_LIMITS): RawWorkbook {
  const entries = listEntries(bytes);
  const decoder = new TextDecoder();
  const text = (name: string): string | null => {
    const e = entries.get(name);
    return e ? decoder.decode(readEntry(bytes, e, inflate, limits.maxPartBytes)) : null;
  };
  const root = relsOf(text("_rels/.rels") ?? "").find((r) => r.type.endsWith("/officeDocument"));
  const wbPath = root ? resolveTarget("", root.target) : "xl/workbook.xml";
  const wbXml = text(wbPath);
  if (wbXml === null) throw new ZipError("không có phần workbook.xml (không phải sổ tính Excel)");
  if (/purl\.oclc\.org\/ooxml/.test(wbXml)) throw new LeanReadUnsupported("Strict Open XML");
  const relsPath = `${wbPath.split("/").slice(0, -1).join("/")}/_rels/${wbPath.split("/").pop()}.rels`;
  const rels = relsOf(text(relsPath) ?? "");
  const sstRel = rels.find((r) => r.type.endsWith("/sharedStrings"));
  const sstXml = sstRel ? text(resolveTarget(wbPath, sstRel.target)) : null;
  const strings = sstXml ? [...sstXml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>/g)].map((m) => runsText(m[1])) : [];
  const sheets = [...wbXml.matchAll(/<(?:\w+:)?sheet\b([^>]*?)\/?>/g)].map((m) => ({
    name: attr(m[1], "name") ?? "",
    rid: attr(m[1], "r:id") ?? (m[1].match(/\s\w+:id="([^"]*)"/)?.[1] ?? ""),
  }));
  return {
    sheets: sheets
      .filter((s) => s.name !== SHEETS.lists)
      .map((s) => {
        const rel = rels.find((r) => r.id === s.rid);
        const xml = rel ? text(resolveTarget(wbPath, rel.target)) : null;
        if (xml === null) return { name: s.name, rows: [] };
        return { name: s.name, rows: parseSheet(xml, strings, limits, s.name) };
      }),
  };
}
