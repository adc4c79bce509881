/** Problems found in a plan: each names its sheet and cell, with a stable code and a Vietnamese message. */

export type Severity = "error" | "warning" | "info";

export type ProblemCode =
  | "REQUIRED"
  | "NOT_NUMBER"
  | "NEGATIVE_MONEY"
  | "STT_SEQUENCE"
  | "SECTION_ORDER"
  | "DUPLICATE_AGENCY"
  | "UNKNOWN_GROUP"
  | "GROUP_INFERRED"
  | "TIMING_UNPARSED"
  | "TIMING_YEAR"
  | "PL2_MISMATCH"
  | "SHEET_MISSING"
  | "HEADER_MISSING"
  | "RATE_DIFFERS"
  | "FILE_UNREADABLE"
  | "LEGACY_ENCODING";

export interface Problem {
  severity: Severity;
  sheet: string;
  /** A1 address, or "" when the problem is about a whole sheet or file. */
  cell: string;
  code: ProblemCode;
  message: string;
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let n = col;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** A1 address from 1-based row and column. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === "error");
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Sort by sheet order given, then row, then column, then severity. */
export function sortProblems(problems: readonly Problem[], sheetOrder: readonly string[] = []): Problem[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  const split = (cell: string): [number, number] => {
    const m = cell.match(/^([A-Z]+)(\d+)$/);
    if (!m) return [0, 0];
    const col = [...m[1]].reduce((acc, ch) => acc * 26 + ch.charCodeAt(0) - 64, 0);
    return [Number(m[2]), col];
  };
  return [...problems].sort((a, b) => {
    const [ra, ca] = split(a.cell);
    const [rb, cb] = split(b.cell);
    return (
      rank(a.sheet) - rank(b.sheet) ||
      ra - rb ||
      ca - cb ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    );
  });
}
