/**
 * The arithmetic of a formula saved without its result (files written by scripts such as
 * openpyxl keep formulas but no values): numbers, cell references on the same or another sheet,
 * + − × ÷, parentheses and SUM over references and ranges. Anything else (functions, names) is
 * not guessed: the result is null and the caller says the cell is "chưa được tính".
 */
import { columnLetters, parseCellAddress } from "../core/problems";
import type { RawValue, RawWorkbook } from "./grid";

type Token = { kind: "num"; value: number } | { kind: "ref"; sheet: string | null; from: string; to: string | null } | { kind: "op"; op: string };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|((?:'(?:[^']|'')+'|[A-Za-z_][\w.]*)!)?(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?|(SUM\()|([-+*/(),]))/iy;

function tokenize(formula: string): Token[] | null {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  const text = formula.replace(/^=/, "").trim();
  while (TOKEN.lastIndex < text.length) {
    const m = TOKEN.exec(text);
    if (!m) return null;
    if (m[1]) tokens.push({ kind: "num", value: Number(m[1]) });
    else if (m[3]) {
      const sheet = m[2] ? m[2].slice(0, -1).replace(/^'(.*)'$/, "$1").replace(/''/g, "'") : null;
      tokens.push({ kind: "ref", sheet, from: m[3].replace(/\$/g, ""), to: m[4] ? m[4].replace(/\$/g, "") : null });
    } else if (m[5]) tokens.push({ kind: "op", op: "SUM(" });
    else tokens.push({ kind: "op", op: m[6] });
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
  }
  return tokens;
}

const MAX_DEPTH = 8;
const MAX_RANGE_CELLS = 100_000;

/** The value of a formula in `sheet` of `wb`, or null when it is not plain arithmetic over cells. */
export function evaluateFormula(formula: string, sheet: string, wb: RawWorkbook, depth = 0): number | null {
  if (depth > MAX_DEPTH) return null;
  const tokens = tokenize(formula);
  if (!tokens || tokens.length === 0) return null;
  let i = 0;
  const cellValue = (sheetName: string, address: string): number | null => {
    const s = wb.sheets.find((x) => x.name.toLowerCase() === sheetName.toLowerCase());
    const at = parseCellAddress(address.toUpperCase());
    if (!s || !at) return null;
    const v: RawValue | undefined = s.rows[at.row - 1]?.[at.col - 1];
    if (typeof v === "number") return v;
    if (v === null || v === undefined || v === "") {
      const f = s.formulas?.[`${at.row - 1},${at.col - 1}`];
      return f ? evaluateFormula(f, s.name, wb, depth + 1) : 0;
    }
    return null;
  };
  const refSum = (t: Extract<Token, { kind: "ref" }>): number | null => {
    const sheetName = t.sheet ?? sheet;
    if (!t.to) return cellValue(sheetName, t.from);
    const a = parseCellAddress(t.from.toUpperCase());
    const b = parseCellAddress(t.to.toUpperCase());
    if (!a || !b || (Math.abs(b.row - a.row) + 1) * (Math.abs(b.col - a.col) + 1) > MAX_RANGE_CELLS) return null;
    let sum = 0;
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) {
      for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) {
        const v = cellValue(sheetName, `${columnLetters(c)}${r}`);
        if (v === null) return null;
        sum += v;
      }
    }
    return sum;
  };
  const peek = () => tokens[i];
  const isOp = (op: string) => peek()?.kind === "op" && (peek() as { op: string }).op === op;
  const primary = (): number | null => {
    const t = tokens[i++];
    if (!t) return null;
    if (t.kind === "num") return t.value;
    if (t.kind === "ref") return t.to ? null : refSum(t);
    if (t.op === "-") {
      const v = primary();
      return v === null ? null : -v;
    }
    if (t.op === "+") return primary();
    if (t.op === "(") {
      const v = sum();
      if (!isOp(")")) return null;
      i++;
      return v;
    }
    if (t.op === "SUM(") {
      let total = 0;
      for (;;) {
        const next = peek();
        const v = next?.kind === "ref" ? (i++, refSum(next)) : sum();
        if (v === null) return null;
        total += v;
        if (isOp(",")) i++;
        else break;
      }
      if (!isOp(")")) return null;
      i++;
      return total;
    }
    return null;
  };
  const product = (): number | null => {
    let v = primary();
    while (v !== null && (isOp("*") || isOp("/"))) {
      const op = (tokens[i++] as { op: string }).op;
      const r = primary();
      if (r === null || (op === "/" && r === 0)) return null;
      v = op === "*" ? v * r : v / r;
    }
    return v;
  };
  const sum = (): number | null => {
    let v = product();
    while (v !== null && (isOp("+") || isOp("-"))) {
      const op = (tokens[i++] as { op: string }).op;
      const r = product();
      if (r === null) return null;
      v = op === "+" ? v + r : v - r;
    }
    return v;
  };
  const result = sum();
  return result !== null && i === tokens.length && Number.isFinite(result) ? result : null;
}
