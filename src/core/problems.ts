/** Problems found in a plan: each names its sheet and cell, with a stable code and a Vietnamese message. */

export type Severity = "error" | "warning" | "info";

export type ProblemCode =
  | "REQUIRED"
  | "NOT_NUMBER"
  | "CELL_ERROR"
  | "NEGATIVE_MONEY"
  | "STT_SEQUENCE"
  | "SECTION_ORDER"
  | "DUPLICATE_AGENCY"
  | "UNKNOWN_GROUP"
  | "GROUP_INFERRED"
  | "TIMING_UNPARSED"
  | "TIMING_YEAR"
  | "PL2_MISMATCH"
  | "PL2_ARITHMETIC"
  | "PL2_DIFFERS_INFO"
  | "PL2_GROUP_LINE"
  | "PL2_OWN_LINE"
  | "TYPED_OVER"
  | "UNCOMPUTED"
  | "TOO_LARGE"
  | "UNKNOWN_FORM"
  | "FORM_NO_RATE"
  | "SHEET_MISSING"
  | "HEADER_MISSING"
  | "RATE_DIFFERS"
  | "FILE_UNREADABLE"
  | "FILE_REPLACES"
  | "MULTI_NAME"
  | "HIDDEN_ROW"
  | "NOT_AGENCY"
  | "LEGACY_ENCODING"
  | "REQUIRED_ACTIVITY";

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

/** Column number (1-based) of the letters at the start of an A1 reference ("AB12" → 28). */
export function columnNumber(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c === 36) continue; // $
    if (c < 65 || c > 90) break;
    n = n * 26 + c - 64;
  }
  return n;
}

/**
 * 1-based row and column of an A1 address ("$B$7" too: `$?[A-Z]{1,3}$?[0-9]+`), or null. By
 * characters, not a regular expression: the reader asks for every cell of every file.
 */
export function parseCellAddress(ref: string): { row: number; col: number } | null {
  let i = ref.charCodeAt(0) === 36 ? 1 : 0;
  const letters = i;
  for (let c = ref.charCodeAt(i); c >= 65 && c <= 90; c = ref.charCodeAt(++i));
  if (i === letters || i - letters > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  const digits = i;
  for (let c = ref.charCodeAt(i); c >= 48 && c <= 57; c = ref.charCodeAt(++i));
  if (i === digits || i !== ref.length) return null;
  return { row: Number(ref.slice(digits)), col: columnNumber(ref) };
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
    const at = parseCellAddress(cell);
    return at ? [at.row, at.col] : [0, 0];
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

/** The `n` most severe of a file's problems (errors, then warnings, then notes; each by position), by position. */
export function mostSevere(problems: readonly Problem[], n: number): Problem[] {
  if (problems.length <= n) return sortProblems(problems);
  return sortProblems(sortProblems(problems).sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]).slice(0, n));
}
