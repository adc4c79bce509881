/**
 * Reading a plan back from raw cell values (whatever adapter produced them). Sheets
 * are found by name or, when renamed, by their headers; columns by header text; rows
 * by what they hold. Blank rows, repeated headers, section and sub-group rows, numbers
 * typed as text and merged cells are expected; anything that cannot be read is a
 * problem naming its sheet and cell, never a silent default.
 */
import { trainingClasses } from "../core/budget";
import { checkDeclared, ownLines, reconcileGroupLines } from "../core/declared";
import { defaultGroups, findGroup, inferGroup, type AdminLevels, type AgencyGroup } from "../core/groups";
import { EXTRA_FORMS, WORK_FORMS, findForm, formLabel, splitFormLabel } from "../core/forms";
import { DEFAULT_RATES, type Agency, type CellRef, type DeclaredBudget, type DeclaredTotal, type Plan, type Task } from "../core/model";
import { formatVnNumber, parseVnNumber, sameTrieu, sumTrieu } from "../core/numbers";
import { evaluateFormula } from "./formula";
import { columnLetters, type Problem } from "../core/problems";
import { fromRoman } from "../core/roman";
import { cleanText, foldText, memo, nameKey, nextGeneration } from "../core/text";
import { checkSectionOrder, checkSttSequence, problemAt, validatePlan, type RateRefs } from "../core/validate";
import type { RawSheet, RawValue, RawWorkbook } from "./grid";
import { isCellError } from "./cellValues";
import { dayText } from "../core/timing";
import { convertLegacy, unclearKey } from "./legacy";
import {
  AGENCY_COLUMNS, BUDGET_COLUMNS, BUDGET_LINE_LABELS, BUDGET_TOTAL_PATTERN, GROUP_COLUMNS, INFO_ROWS, RATE_ROWS, REPORT_SHEETS, SHEET_ALIASES, SHEETS, STORE_SHEETS, TASK_COLUMNS, UNIFORM_RATE_LABELS,
  type ColumnSpec, type InfoKey, type InfoRowSpec,
} from "./layout";

/** The text of a raw cell value, cleaned. */
export function cellText(v: RawValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return cleanText(v);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return dayText(v);
  return v.error;
}

const at = (sheet: string, rowIndex: number, col: number): CellRef => ({ sheet, row: rowIndex + 1, col });

function isRomanMark(text: string): boolean {
  return /^[IVXLC]+\.?$/.test(text) && fromRoman(text.replace(/\.$/, "")) !== null;
}

/* ---------- sheets and headers ---------- */

type ColumnMap<K extends string> = Partial<Record<K, number>>;

/** A header as compared: no diacritics, no case, no spaces around punctuation ("Ten CQ,DV" = "Tên CQ, ĐV"). */
const headerKey = memo((text: string) => foldText(text).replace(/\s*([-–—,.;:/()])\s*/g, "$1"));

interface HeaderKeys {
  keys: string[];
  not: string[];
  /** Each key's first two characters: a cell can be this column's header only if its key begins so. */
  starts: string[];
}
const HEADER_KEYS = new WeakMap<ColumnSpec<string>, HeaderKeys>();
/** A column's header and aliases as keys, longest first, and the headers it must not take (computed once per column). */
function headerKeys(c: ColumnSpec<string>): HeaderKeys {
  let k = HEADER_KEYS.get(c);
  if (!k) {
    const keys = [c.header, ...c.aliases].map(headerKey).sort((a, b) => b.length - a.length);
    HEADER_KEYS.set(c, (k = { keys, not: (c.notHeaders ?? []).map(headerKey), starts: keys.map((n) => n.slice(0, 2)) }));
  }
  return k;
}

/** Does a cell read as the budget's "Số tiền" header (any of its aliases, as the reader compares headers)? */
export function isAmountHeader(text: string): boolean {
  const amount = BUDGET_COLUMNS.find((c) => c.key === "amount")!;
  return headerKeys(amount).keys.includes(headerKey(text));
}

export interface HeaderMatch<K extends string> {
  /** 0-based index of the last header row. */
  row: number;
  cols: ColumnMap<K>;
}

/**
 * Each row's cells as header keys, and how those keys begin (their first one and two characters),
 * computed once: rows are tried against several tables' headers.
 */
const ROW_KEYS = new WeakMap<readonly RawValue[], { keys: string[]; starts: Set<string> }>();

/** How the headers of a table's columns begin, all together (`any`: one is empty, so begins like every cell). */
const TABLE_STARTS = new WeakMap<readonly ColumnSpec<string>[], { starts: Set<string>; any: boolean }>();
function tableStarts(cols: readonly ColumnSpec<string>[]): { starts: Set<string>; any: boolean } {
  let t = TABLE_STARTS.get(cols);
  if (!t) {
    const starts = new Set(cols.flatMap((c) => headerKeys(c).starts));
    TABLE_STARTS.set(cols, (t = { starts, any: starts.has("") }));
  }
  return t;
}

function matchHeaderRow<K extends string>(cells: readonly RawValue[], cols: ColumnSpec<K>[], into: ColumnMap<K>): number {
  let row = ROW_KEYS.get(cells);
  if (!row) {
    const keys = cells.map((c) => (typeof c === "string" ? headerKey(c) : ""));
    const starts = new Set<string>();
    for (const k of keys) if (k !== "") starts.add(k.slice(0, 1)).add(k.slice(0, 2));
    ROW_KEYS.set(cells, (row = { keys, starts }));
  }
  const { keys, starts } = row;
  // Most rows tried begin like no header of the table at all: one look per beginning says so.
  const table = tableStarts(cols);
  if (!table.any) {
    let hit = false;
    for (const s of starts) if ((hit = table.starts.has(s))) break;
    if (!hit) return 0;
  }
  // Only the columns one of whose headers some cell begins like can be found here (most rows tried
  // are a title, a data row or another table's header, and none is looked into further).
  const open = cols.filter((col) => into[col.key] === undefined && headerKeys(col).starts.some((s) => starts.has(s) || s === ""));
  if (open.length === 0) return 0;
  const taken = new Set(Object.values(into) as number[]);
  let found = 0;
  // Exact header text first, then a header that starts with a known one (and is not one it must not take).
  for (const exact of [true, false]) {
    for (const col of open) {
      if (into[col.key] !== undefined) continue;
      const { keys: names, not } = headerKeys(col);
      for (const n of names) {
        const i = keys.findIndex((k, idx) => !taken.has(idx + 1) && k !== "" && (exact ? k === n : k.startsWith(n) && !not.some((x) => k.startsWith(x))));
        if (i >= 0) {
          into[col.key] = i + 1;
          taken.add(i + 1);
          found++;
          break;
        }
      }
    }
  }
  return found;
}

/** Rows searched for a table's header: a sheet may stack Thông tin, the list and the budget. */
export const HEADER_SCAN_ROWS = 300;

/** Find the header row of a table (within the first HEADER_SCAN_ROWS rows); `need` keys must be present. */

export function findHeader<K extends string>(
  sheet: RawSheet,
  cols: ColumnSpec<K>[],
  need: K[],
  reject: (cells: readonly RawValue[]) => boolean = () => false,
): HeaderMatch<K> | null {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const cells = sheet.rows[r] ?? [];
    // A header holds words only: a row with a number in it is data (a group table's row, a list's row).
    if (cells.length < 2 || cells.some((v) => typeof v === "number")) continue;
    const map: ColumnMap<K> = {};
    if (matchHeaderRow(cells, cols, map) < 2) continue;
    if (!need.every((k) => map[k] !== undefined) || reject(cells)) continue;
    // A two-row header (seed 000: "Thực hiện" over "Chủ trì | Thời gian | Phê duyệt").
    const next = sheet.rows[r + 1] ?? [];
    const more: ColumnMap<K> = { ...map };
    if (matchHeaderRow(next, cols, more) > 0 && !next.some((v) => /^\d+$/.test(cellText(v)))) return { row: r + 1, cols: more };
    return { row: r, cols: map };
  }
  return null;
}

/** Does a row hold these columns of a table's header? */
function headerHas<K extends string>(cells: readonly RawValue[], cols: ColumnSpec<K>[], need: K[]): boolean {
  const map: ColumnMap<K> = {};
  matchHeaderRow(cells, cols, map);
  return need.every((k) => map[k] !== undefined);
}

/**
 * Another table's header — a budget's ("… nội dung | … | Số tiền") or Thông tin's group table
 * ("Nhóm cơ quan | Định mức …"): where an agency list cannot start, and where one stacked above it ends.
 */
const otherTableHeader = (cells: readonly RawValue[]) =>
  // A header holds words only (as findHeader says): a row with a number in it is data, and is
  // not compared with every table's headers — that is most rows of a long list.
  !cells.some((v) => typeof v === "number") && (headerHas(cells, BUDGET_COLUMNS, ["label", "amount"]) || headerHas(cells, GROUP_COLUMNS, ["label", "rate"]));

/**
 * The header of an agency list: a row with a name column that is not another table's. On a sheet
 * not named like a list, the header also needs three columns or more, so that a label row of a
 * form ("Cấp lập kế hoạch | Cơ quan") is never taken for one.
 */
export function agencyHeader(sheet: RawSheet): HeaderMatch<(typeof AGENCY_COLUMNS)[number]["key"]> | null {
  if (AGENCY_HEADERS.has(sheet)) return AGENCY_HEADERS.get(sheet)!;
  const named = nameScore(sheet, SHEET_ALIASES.agencies) > 0;
  const narrow = (cells: readonly RawValue[]) => !named && cells.filter((v) => cellText(v) !== "").length < 3;
  const header = findHeader(sheet, AGENCY_COLUMNS, ["name"], (cells) => otherTableHeader(cells) || narrow(cells));
  AGENCY_HEADERS.set(sheet, header);
  return header;
}
/** Each sheet's agency header, found once (sheets are asked several times while roles are chosen). */
const AGENCY_HEADERS = new WeakMap<RawSheet, HeaderMatch<(typeof AGENCY_COLUMNS)[number]["key"]> | null>();

/** A sheet name as compared with the known ones: no diacritics, case, spaces or leading zeros ("PL 01" = "PL1"). */
const sheetKey = (name: string) => foldText(name).replace(/\s+/g, "").replace(/(^|\D)0+(?=\d)/g, "$1");

/** Sheet names and the known names as keys, computed once (every sheet is ranked for several roles). */
const OWN_KEYS = new WeakMap<RawSheet, string>();
const ALIAS_KEYS = new WeakMap<readonly string[], string[]>();

/**
 * How well a sheet's name says it plays a role: 2 its known name (or an Excel copy of it,
 * "PL1 Danh sách cơ quan (2)"), 1 a name that starts with a known one, 0 none.
 */
function nameScore(sheet: RawSheet, aliases: readonly string[]): number {
  let own = OWN_KEYS.get(sheet);
  if (own === undefined) OWN_KEYS.set(sheet, (own = sheetKey(sheet.name).replace(/\(\d+\)$/, "")));
  let keys = ALIAS_KEYS.get(aliases);
  if (!keys) ALIAS_KEYS.set(aliases, (keys = aliases.map(sheetKey)));
  return keys.includes(own) ? 2 : keys.some((k) => own.startsWith(k)) ? 1 : 0;
}

/**
 * Sheets that may play a role, best first. With columns, only sheets whose header fits (a name
 * never overrides the content); visible sheets before hidden ones, then by name, then in order.
 * Without columns (Thông tin), sheets by name only.
 */
export function rankSheets(
  wb: RawWorkbook,
  aliases: string[],
  fits: ((sheet: RawSheet) => boolean) | null,
  exclude: ReadonlySet<string> = new Set(),
): RawSheet[] {
  return wb.sheets
    .map((s, i) => ({ s, i, name: nameScore(s, aliases) }))
    .filter(({ s, name }) => !exclude.has(s.name) && (fits ? fits(s) : name > 0))
    .sort((a, b) => Number(a.s.hidden === true) - Number(b.s.hidden === true) || b.name - a.name || a.i - b.i)
    .map(({ s }) => s);
}

/** Rows of a sheet that hold anything below its agency header. */
function listRows(sheet: RawSheet): number {
  const header = agencyHeader(sheet);
  if (!header) return 0;
  const col = header.cols.name! - 1;
  return sheet.rows.slice(header.row + 1).filter((cells) => cellText(cells[col]) !== "").length;
}

/**
 * The agency lists of a workbook: every visible sheet with an agency header and rows (a list
 * split over two sheets, a filled Excel copy beside an empty original), else the hidden ones
 * with rows (never last year's hidden list beside this year's), else the best empty one.
 */
function chooseAgencySheets(ranked: RawSheet[]): RawSheet[] {
  const filled = ranked.filter((s) => listRows(s) > 0);
  const visible = filled.filter((s) => !s.hidden);
  if (visible.length > 0) return visible;
  if (filled.length > 0) return [filled[0]];
  return ranked.slice(0, 1);
}

/** The best sheet for a role, or null. */
export function findSheet<K extends string>(
  wb: RawWorkbook,
  aliases: string[],
  cols: ColumnSpec<K>[] | null,
  need: K[],
  exclude: ReadonlySet<string> = new Set(),
): RawSheet | null {
  return rankSheets(wb, aliases, cols ? (s) => findHeader(s, cols, need) !== null : null, exclude)[0] ?? null;
}

/* ---------- numbers ---------- */

/** A cell showing an error value (#N/A, #REF!…): what it shows, never read as a name or a number. */
function cellErrorProblem(ref: CellRef, what: string, code: string): Problem {
  return problemAt(ref, "error", "CELL_ERROR", `${what}: ô đang hiện lỗi ${code} (công thức lỗi), không đọc được giá trị.`);
}

interface NumberRead {
  value: number | null;
  problem?: Problem;
}

function readNumber(v: RawValue | undefined, ref: CellRef, what: string | (() => string)): NumberRead {
  if (v === null || v === undefined || cellText(v) === "") return { value: null };
  const label = () => (typeof what === "string" ? what : what());
  if (isCellError(v)) return { value: null, problem: cellErrorProblem(ref, label(), v.error) };
  const parsed = parseVnNumber(typeof v === "number" ? v : cellText(v));
  if (parsed.ok) return { value: parsed.value };
  return { value: null, problem: problemAt(ref, "error", "NOT_NUMBER", `${label()}: ${parsed.message}.`) };
}

/* ---------- Thông tin ---------- */

interface InfoRead {
  values: Partial<Record<InfoKey, { raw: RawValue; ref: CellRef }>>;
  /** One per-agency rate for all groups, when Thông tin gives it instead of a group table. */
  uniformRate: number | null;
  groups: AgencyGroup[] | null;
  groupRefs: Record<string, CellRef>;
  formRefs: NonNullable<RateRefs["formRates"]>;
  problems: Problem[];
}

/** Rows of Thông tin searched for labels: the sheet is a short form. */
const INFO_SCAN_ROWS = 60;

/** Thông tin's labels as keys, computed once: each label of the form is compared with each of them. */
let INFO_SPEC_KEYS: Array<{ spec: InfoRowSpec; label: string; aliases: string[]; long: string[] }> | null = null;
const infoSpecKeys = () =>
  (INFO_SPEC_KEYS ??= [...INFO_ROWS, ...RATE_ROWS].map((spec) => ({
    spec,
    label: nameKey(spec.label),
    aliases: spec.aliases.map(nameKey),
    // Only a long alias is taken as the beginning of a label.
    long: spec.aliases.filter((a) => a.length >= 10).map(nameKey),
  })));

function readInfo(sheet: RawSheet): InfoRead {
  const values: InfoRead["values"] = {};
  const problems: Problem[] = [];
  let uniformRate: number | null = null;
  sheet.rows.slice(0, INFO_SCAN_ROWS).forEach((cells, r) => {
    const labelIdx = cells.findIndex((c) => cellText(c) !== "");
    if (labelIdx < 0) return;
    const key = nameKey(cellText(cells[labelIdx]).replace(/:$/, ""));
    const specs = infoSpecKeys();
    const spec = (
      specs.find((s) => s.label === key || s.aliases.includes(key)) ??
      specs.find((s) => key.startsWith(s.label) || s.long.some((a) => key.startsWith(a)))
    )?.spec;
    // The value's cell, or the one right of the label when the value is missing.
    let vi = labelIdx + 1;
    while (vi < cells.length && cellText(cells[vi]) === "") vi++;
    const found = vi < cells.length;
    const value = { raw: found ? cells[vi] : null, ref: at(sheet.name, r, found ? vi + 1 : labelIdx + 2) };
    if (spec) {
      if (!values[spec.key]) values[spec.key] = value;
    } else if (found && uniformRate === null && UNIFORM_RATE_LABELS.some((l) => foldText(cellText(cells[labelIdx])).startsWith(foldText(l)))) {
      // One per-agency rate for every group ("Định mức duy trì, cải tiến: 10"), in a plan without a group table.
      const n = readNumber(value.raw, value.ref, "Định mức duy trì, cải tiến");
      if (n.problem) problems.push(n.problem);
      uniformRate = n.value;
    }
  });
  let groups: AgencyGroup[] | null = null;
  const groupRefs: Record<string, CellRef> = {};
  const formRefs: NonNullable<RateRefs["formRates"]> = {};
  const header = findHeader(sheet, GROUP_COLUMNS, ["label", "rate"]);
  if (header) {
    groups = [];
    const c = header.cols;
    for (let r = header.row + 1; r < sheet.rows.length; r++) {
      const cells = sheet.rows[r] ?? [];
      const label = cellText(cells[c.label! - 1]);
      if (label === "") break;
      const rateRef = at(sheet.name, r, c.rate!);
      const rate = readNumber(cells[c.rate! - 1], rateRef, `Định mức nhóm "${label}"`);
      if (rate.problem) problems.push(rate.problem);
      const section = c.section ? cellText(cells[c.section - 1]) : "";
      const id = (c.id ? cellText(cells[c.id - 1]) : "") || nameKey(label);
      const formRates: NonNullable<AgencyGroup["formRates"]> = {};
      for (const f of EXTRA_FORMS) {
        const col = c[f];
        if (!col) continue;
        const ref = at(sheet.name, r, col);
        const n = readNumber(cells[col - 1], ref, () => `Định mức ${formLabel(f).toLocaleLowerCase("vi")} nhóm "${label}"`);
        if (n.problem) problems.push(n.problem);
        if (n.value !== null) formRates[f] = n.value;
        (formRefs[id] ??= {})[f] = ref;
      }
      const known = [...defaultGroups(3), ...defaultGroups(2)].find((g) => g.id === id || nameKey(g.label) === nameKey(label));
      groups.push({
        id,
        label,
        section: section || known?.section || label,
        rate: rate.value ?? known?.rate ?? 0,
        ...(Object.keys(formRates).length ? { formRates } : {}),
        patterns: known ? [...known.patterns] : [],
      });
      groupRefs[id] = rateRef;
    }
  }
  return { values, groups, groupRefs, formRefs, problems, uniformRate };
}

/** A renamed Thông tin sheet: the first other sheet where at least two info labels are found. */
function findInfoByLabels(wb: RawWorkbook, used: ReadonlySet<string>): RawSheet | null {
  return wb.sheets.find((s) => !used.has(s.name) && Object.keys(readInfo(s).values).length >= 2) ?? null;
}

/* ---------- PL1 ---------- */

interface AgenciesRead {
  agencies: Agency[];
  problems: Problem[];
  stts: Array<{ stt: string; at: CellRef }>;
  marks: Array<{ roman: string; at: CellRef }>;
  /** What was read as what, for the report ("trang …, tiêu đề dòng …, tên ở cột …"). */
  readAs: string;
}

/** Signature blocks and notes under a list: titles, signers, "Ghi chú", "Nơi nhận", dates. */
const SIGNATURE = /^(nguoi (lap|ky|duyet|lap bieu)|lap bieu|kt\.|tm\.|tl\.|q\.|ktt\b|thu truong|(pho )?(giam doc|chu tich|cuc truong|chi cuc truong|truong phong|chanh van phong|truong ban|thu truong)\b|ghi chu|luu[: ]|noi nhan|xac nhan|ky ten|\(ky|ngay .*thang|.*, ngay \d)/;
/** Total rows: "Tổng", "Tổng cộng (I+II)", "Cộng: 7 cơ quan". */
const TOTAL_ROW = /^(tong( cong| so)?|cong)\b/;
/** How agency names begin: a line of a cell that starts like this is an agency of its own. */
const AGENCY_LEAD = /^(ubnd|uy ban|hdnd|so|chi cuc|cuc|phong|ban|van phong|vp|trung tam|thanh tra|truong|benh vien|xa|phuong|thi tran|dac khu|kho bac|bao hiem|cong an|hoi|tram|hat|dai|doan|bql|ttyt|tt)\b/;

/** A person's name (two to five capitalised words, no agency word): a signer under the list. */
function looksLikePerson(name: string): boolean {
  const words = name.split(" ");
  return words.length >= 2 && words.length <= 5 && words.every((w) => /^\p{Lu}\p{Ll}*$/u.test(w)) && !AGENCY_LEAD.test(foldText(name));
}

const letters = (col: number | undefined) => (col ? columnLetters(col) : "");

function readAgencies(sheet: RawSheet, groups: AgencyGroup[], unclear: ReadonlySet<string>): AgenciesRead {
  const problems: Problem[] = [];
  const stts: Array<{ stt: string; at: CellRef }> = [];
  const marks: Array<{ roman: string; at: CellRef }> = [];
  const header = agencyHeader(sheet);
  if (!header) {
    return { agencies: [], stts, marks, readAs: "", problems: [problemAt(undefined, "error", "HEADER_MISSING", `Không tìm thấy dòng tiêu đề có cột "Tên cơ quan".`, sheet.name)] };
  }
  const c = header.cols;
  const get = (cells: RawValue[], col: number | undefined) => (col ? cellText(cells[col - 1]) : "");
  const agencies: Agency[] = [];
  let sectionGroup: AgencyGroup | null = null;
  let area = "";
  const headerName = nameKey(get(sheet.rows[header.row] ?? [], c.name));
  // Where the list ends: after its last numbered row, a signature block or notes may follow.
  let lastNumbered = -1;
  if (c.stt) sheet.rows.forEach((cells, r) => r > header.row && /^\d+\.?$/.test(get(cells, c.stt)) && (lastNumbered = r));
  let signed = false;
  const hiddenRows = new Set(sheet.hiddenRows ?? []);
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const stt = get(cells, c.stt);
    const name = get(cells, c.name);
    const first = cells.map((v) => cellText(v)).find((t) => t !== "") ?? "";
    // The next table of a sheet that stacks several parts ends the list.
    if (otherTableHeader(cells) || (!/^\d/.test(stt) && /^phu luc\b/.test(foldText(first)))) break;
    if (stt === "" && name === "") {
      if (SIGNATURE.test(foldText(first))) signed = true;
      continue;
    }
    const folded = foldText(name || stt);
    // A number is no total ("Tổng cộng" in the STT column is): numbered rows' STT are not folded.
    const unnumbered = !/^\d/.test(stt);
    if (TOTAL_ROW.test(folded) || (unnumbered && TOTAL_ROW.test(foldText(stt)))) continue;
    // A header repeated on a new page; numbered rows never are one (so their STT, one per row, is not keyed).
    if (unnumbered && (stt === "" || nameKey(stt) === "stt") && nameKey(name) === headerName) continue;
    if (unnumbered && (SIGNATURE.test(folded) || SIGNATURE.test(foldText(first)))) {
      signed = true;
      continue;
    }
    // Under the list: a signer's name or a title in capitals, once the numbered rows are over or a signature began.
    if (unnumbered && (signed || (lastNumbered >= 0 && r > lastNumbered)) && (looksLikePerson(name) || (name === name.toLocaleUpperCase("vi") && !AGENCY_LEAD.test(folded)) || signed)) {
      // Said, not silently dropped: a person can see the row was taken for part of the signature block.
      if (name) problems.push(problemAt(at(sheet.name, r, c.name!), "info", "NOT_AGENCY", `Dòng ${r + 1} ("${name}") nằm dưới danh sách, được coi là phần ký tên hay ghi chú, không tính là cơ quan.`));
      continue;
    }
    if (isRomanMark(stt) && !/^\d/.test(stt)) {
      marks.push({ roman: stt.replace(/\.$/, ""), at: at(sheet.name, r, c.stt!) });
      const f = foldText(name);
      sectionGroup = groups.find((g) => foldText(g.section) === f) ?? groups.find((g) => f.startsWith(foldText(g.section).slice(0, 12))) ?? null;
      if (sectionGroup && groups.filter((g) => g.section === sectionGroup!.section).length > 1) sectionGroup = null;
      area = "";
      continue;
    }
    if (stt === "" && /^[-–+•*]/.test(name)) {
      area = name.replace(/^[-–+•*]\s*/, "");
      continue;
    }
    if (name === "") {
      problems.push(problemAt(at(sheet.name, r, c.name!), "error", "REQUIRED", `Dòng có số thứ tự "${stt}" nhưng thiếu tên cơ quan.`));
      continue;
    }
    const nameCell = cells[c.name! - 1];
    if (isCellError(nameCell)) {
      problems.push(cellErrorProblem(at(sheet.name, r, c.name!), "Tên cơ quan", nameCell.error));
      continue;
    }
    const nameAt = at(sheet.name, r, c.name!);
    if (hiddenRows.has(r)) {
      problems.push(problemAt(nameAt, "warning", "HIDDEN_ROW", `Dòng ${r + 1} đang bị ẩn (không hiện, không in ra): "${name}" không được tính. Nếu cơ quan này thuộc kế hoạch, hãy hiện dòng; nếu không, hãy xoá dòng.`));
      continue;
    }
    // Several agencies typed in one cell, one per line (Alt+Enter): each is an agency.
    const lines = typeof nameCell === "string" ? nameCell.split(/\r?\n/).map(cleanText).filter((t) => t !== "") : [name];
    const names = lines.length > 1 && lines.every((l) => AGENCY_LEAD.test(foldText(l))) ? lines : [name];
    if (names.length > 1) {
      problems.push(problemAt(nameAt, "warning", "MULTI_NAME", `Ô có ${names.length} tên cơ quan trên các dòng riêng; đã đọc thành ${names.length} cơ quan: ${names.join("; ")}. Nên tách mỗi cơ quan một dòng.`));
    }
    const groupText = get(cells, c.group);
    const groupAt = c.group ? at(sheet.name, r, c.group) : undefined;
    const ownArea = get(cells, c.area);
    // A row naming the whole province under a sub-group row ("- Huyện Tân Hồng") belongs to that sub-group.
    const rowArea = ownArea && !(area && /^tinh\b/.test(foldText(ownArea))) ? ownArea : area;
    const unreadable = [c.name, c.area, c.group].some((col) => col !== undefined && unclear.has(unclearKey(sheet.name, r, col - 1)));
    const formText = get(cells, c.form);
    const form = findForm(formText);
    if (form === null) {
      problems.push(problemAt(at(sheet.name, r, c.form!), "warning", "UNKNOWN_FORM", `Hình thức "${formText}" không rõ (${WORK_FORMS.map((f) => f.label).join("; ")}): tính như duy trì, cải tiến.`));
    }
    for (const one of names) {
      const group = groupText ? findGroup(groupText, groups) : inferGroup(one, groups) ?? sectionGroup;
      agencies.push({
        name: one,
        groupId: group?.id ?? null,
        ...(groupText && !group ? { groupText } : {}),
        area: rowArea,
        note: get(cells, c.note),
        at: nameAt,
        ...(groupAt ? { groupAt } : {}),
        ...(form === "build" || form === "extend" ? { form } : {}),
        ...(c.rowId && get(cells, c.rowId) ? { rowId: get(cells, c.rowId) } : {}),
        ...(unreadable ? { rejectReason: `chữ trong dòng ${r + 1} gõ bằng bảng mã cũ, không đọc được chắc chắn`, groupId: null } : {}),
      });
    }
    if (c.stt) stts.push({ stt: stt.replace(/^0+(?=\d)/, ""), at: at(sheet.name, r, c.stt) });
  }
  const cols = [["tên", c.name], ["nhóm", c.group], ["địa bàn", c.area]] as const;
  const readAs = `trang "${sheet.name}" (tiêu đề dòng ${header.row + 1}; ${cols.filter(([, col]) => col).map(([w, col]) => `${w} ở cột ${letters(col)}`).join(", ")})`;
  return { agencies, problems, stts, marks, readAs };
}

/* ---------- PL2 ---------- */

interface BudgetRead {
  declared: DeclaredBudget;
  problems: Problem[];
}

function leadingNumber(text: string): number | null {
  const m = text.match(/^\s*(\d[\d.]*(?:,\d+)?)/);
  if (!m) return null;
  const p = parseVnNumber(m[1]);
  return p.ok ? p.value : null;
}

const LINE_LABEL_KEYS = (Object.entries(BUDGET_LINE_LABELS) as Array<[keyof typeof BUDGET_LINE_LABELS, { labels: string[]; starts: string[] }]>).map(
  ([kind, { labels, starts }]) => ({ kind, labels: labels.map(headerKey), starts: starts.map(headerKey) }),
);

/** A label as matched: folded, without a leading item mark ("1.", "a)", "-", "+") or a trailing colon. */
const lineKey = memo((label: string) => headerKey(label).replace(/^(\d+[.)]|[a-zđ][.)]|[-+*•])\s*/, "").replace(/[:.]$/, "").trim());

/** The standard management line a label names (by its canonical label or an alias), or null. */
function standardLine(label: string): "inspection" | "training" | null {
  const key = lineKey(label);
  return LINE_LABEL_KEYS.find((k) => k.labels.includes(key) || k.starts.some((st) => key.startsWith(st)))?.kind ?? null;
}

/** Is this row a total or subtotal ("Tổng cộng (I+II):", "Cộng", "Tổng: 150 cơ quan")? Which one? */
function totalRow(label: string, stt: string): "grand" | "sub" | null {
  for (const text of [label, stt]) {
    const key = foldText(text).replace(/\s+/g, " ").trim();
    if (key !== "" && BUDGET_TOTAL_PATTERN.test(key)) return key.startsWith("cong") ? "sub" : "grand";
  }
  return null;
}

/**
 * PL2 as the sheet shows it, by structure: sections (a Roman numeral in STT, as many as the
 * sheet has), lines under them, and total rows (recognised, never spending). A formula cell
 * without a saved result is marked, never read as 0; a number where the template's formulas
 * stand (the sheet has formulas in its "Số tiền" column) is marked as typed over one.
 */
function readBudget(sheet: RawSheet, groups: AgencyGroup[], wb: RawWorkbook): BudgetRead {
  const problems: Problem[] = [];
  const declared: DeclaredBudget = { sections: [], lines: [], sectionTotals: [], total: null };
  const header = findHeader(sheet, BUDGET_COLUMNS, ["label", "amount"]);
  if (!header) {
    problems.push(problemAt(undefined, "error", "HEADER_MISSING", `Không tìm thấy dòng tiêu đề có cột "Số tiền".`, sheet.name));
    return { declared, problems };
  }
  const c = header.cols;
  const amountCol = c.amount!;
  const formulas = sheet.formulas ?? {};
  const hasFormula = (r: number, col: number | undefined) => col !== undefined && formulas[`${r},${col - 1}`] !== undefined;
  /** A formula saved without its result, worked out when it is plain arithmetic over cells (else null). */
  const recompute = (r: number, col: number | undefined, value: number | null, what: string): number | null => {
    if (value !== null || col === undefined || !hasFormula(r, col)) return value;
    const v = evaluateFormula(formulas[`${r},${col - 1}`], sheet.name, wb);
    if (v !== null) {
      problems.push(problemAt(at(sheet.name, r, col), "info", "UNCOMPUTED", `${what} là công thức chưa được tính khi lưu; tính lại theo công thức: ${formatVnNumber(v)}.`));
    }
    return v;
  };
  // A sheet made from the template computes its figures: a number without a formula there was typed over one.
  const computes = Object.keys(formulas).some((k) => k.endsWith(`,${amountCol - 1}`));
  const get = (cells: RawValue[], col: number | undefined) => (col ? cellText(cells[col - 1]) : "");
  let section = "";
  const subtotals: DeclaredTotal[] = [];
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const stt = get(cells, c.stt);
    const label = get(cells, c.label);
    const rowText = foldText(cells.map((v) => cellText(v)).join(" "));
    if (rowText.trim() === "" || rowText.trimStart().startsWith("bang chu")) continue;
    const amountAt = at(sheet.name, r, amountCol);
    const amountRead = readNumber(cells[amountCol - 1], amountAt, `Số tiền "${label || stt}"`);
    if (amountRead.problem) problems.push(amountRead.problem);
    const amount = { value: recompute(r, amountCol, amountRead.value, `Số tiền "${label || stt}"`) };
    if (amount.value !== null && amount.value < 0) {
      problems.push(problemAt(amountAt, "error", "NEGATIVE_MONEY", `Số tiền "${label || stt}" không được âm.`));
    }
    const uncomputed = amount.value === null && hasFormula(r, amountCol);
    const typed = computes && amountRead.value !== null && !hasFormula(r, amountCol);
    const total = (sec: string, text: string): DeclaredTotal => ({
      section: sec, label: text, amount: amount.value, at: amountAt, ...(typed ? { typed } : {}), ...(uncomputed ? { uncomputed } : {}),
    });
    if (isRomanMark(stt)) {
      section = stt.replace(/\.$/, "");
      declared.sections.push({ roman: section, title: label });
      if (amount.value !== null || uncomputed) declared.sectionTotals.push(total(section, label));
      continue;
    }
    const isTotal = totalRow(label, stt);
    if (isTotal === "grand") {
      declared.total = total("", label || stt);
      continue;
    }
    if (isTotal === "sub") {
      subtotals.push(total(section, label || stt));
      continue;
    }
    if (label === "") continue;
    const qText = get(cells, c.quantity);
    const quantityAt = c.quantity ? at(sheet.name, r, c.quantity) : undefined;
    const rawQuantity = c.quantity ? cells[c.quantity - 1] : undefined;
    const quantity = recompute(r, c.quantity, typeof rawQuantity === "number" ? rawQuantity : leadingNumber(qText), `Số lượng "${label}"`);
    const rateCell = c.rate ? readNumber(cells[c.rate - 1], at(sheet.name, r, c.rate), `Định mức "${label}"`) : { value: null };
    if (rateCell.problem) problems.push(rateCell.problem);
    const rateRead = { value: recompute(r, c.rate, rateCell.value, `Định mức "${label}"`) };
    // A heading inside a section ("- Khối huyện") carries no figure: not a line.
    if (amount.value === null && !uncomputed && quantity === null && rateRead.value === null) continue;
    const split = findGroup(label, groups) ? null : splitFormLabel(label);
    const group = findGroup(label, groups) ?? (split ? findGroup(split.rest, groups) : null);
    const form = group && split ? split.form : undefined;
    const kind = group ? "perAgency" : standardLine(label) ?? "other";
    const typedCells: Array<"quantity" | "amount"> = [];
    if (typed && kind !== "other") typedCells.push("amount");
    if (computes && (kind === "perAgency" || kind === "training") && rawQuantity !== null && rawQuantity !== undefined && !hasFormula(r, c.quantity)) typedCells.push("quantity");
    declared.lines.push({
      section, label, kind, ...(group ? { groupId: group.id } : {}), ...(form ? { form } : {}),
      quantity, quantityText: qText, rate: rateRead.value, amount: amount.value,
      content: get(cells, c.content), note: get(cells, c.note), at: amountAt, ...(quantityAt ? { quantityAt } : {}),
      ...(typedCells.length ? { typed: typedCells } : {}), ...(uncomputed ? { uncomputed } : {}),
    });
  }
  // "Cộng" closes a section — unless it adds up everything (a grand total named "Cộng").
  for (const sub of subtotals) {
    const inSection = sumTrieu(declared.lines.filter((l) => l.section === sub.section).map((l) => l.amount ?? 0));
    const all = sumTrieu(declared.lines.map((l) => l.amount ?? 0));
    if (!declared.total && sub.amount !== null && !sameTrieu(sub.amount, inSection) && sameTrieu(sub.amount, all)) declared.total = { ...sub, section: "" };
    else declared.sectionTotals.push(sub);
  }
  return { declared, problems };
}

/* ---------- tasks ---------- */

function readTasks(sheet: RawSheet): { tasks: Task[]; problems: Problem[] } {
  const header = findHeader(sheet, TASK_COLUMNS, ["content", "timing"]);
  if (!header) {
    return { tasks: [], problems: [problemAt(undefined, "warning", "HEADER_MISSING", `Không tìm thấy dòng tiêu đề có cột "Nội dung" và "Thời gian".`, sheet.name)] };
  }
  const c = header.cols;
  const tasks: Task[] = [];
  const problems: Problem[] = [];
  const marks: Array<{ roman: string; at: CellRef }> = [];
  let items: Array<{ stt: string; at: CellRef }> = [];
  const flush = () => {
    problems.push(...checkSttSequence(items));
    items = [];
  };
  for (let r = header.row + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    const get = (k: keyof typeof c) => (c[k] ? cellText(cells[c[k] - 1]) : "");
    const task: Task = {
      tt: get("tt"), content: get("content"), action: get("action"), result: get("result"),
      lead: get("lead"), partner: get("partner"), timing: get("timing"), approval: get("approval"),
    };
    const source = get("source");
    if (source) task.source = source;
    if (Object.values(task).every((v) => v === "")) continue;
    if (nameKey(task.content) === nameKey(TASK_COLUMNS[1].header) && nameKey(task.timing) === nameKey("Thời gian")) continue;
    if (c.tt) task.at = at(sheet.name, r, c.tt);
    if (c.timing) task.timingAt = at(sheet.name, r, c.timing);
    if (c.tt && isRomanMark(task.tt)) {
      flush();
      marks.push({ roman: task.tt.replace(/\.$/, ""), at: task.at! });
    } else if (c.tt && task.tt !== "") {
      items.push({ stt: task.tt.replace(/\.$/, "").replace(/^0+(?=\d)/, ""), at: task.at! });
      if (task.content === "" && task.action === "") {
        problems.push(problemAt(c.content ? at(sheet.name, r, c.content) : task.at, "error", "REQUIRED", `Mục ${task.tt} thiếu nội dung.`));
      }
    }
    tasks.push(task);
  }
  flush();
  problems.push(...checkSectionOrder(marks));
  return { tasks, problems };
}

/* ---------- the whole plan ---------- */

export interface ReadResult {
  plan: Plan;
  problems: Problem[];
  /** What was read as what: sheets, header rows, the columns that gave names, groups and areas. */
  readAs: string;
  /** Which sheet each part was read from (null when absent). */
  sheets: { info: string | null; tasks: string | null; agencies: string | null; budget: string | null };
  /** Where the rates were read from (to edit them in place). */
  refs: RateRefs;
}

export interface ReadOptions {
  /** Groups to use when the workbook has no group table (e.g. the consolidating plan's). */
  groups?: AgencyGroup[];
  /** Administrative shape to assume when the workbook does not say. */
  levels?: AdminLevels;
}

function infoNumber(info: InfoRead, key: InfoKey, what: string, problems: Problem[]): number | null {
  const entry = info.values[key];
  if (!entry) return null;
  const n = readNumber(entry.raw, entry.ref, what);
  if (n.problem) problems.push(n.problem);
  return n.value;
}

/**
 * Whether a sheet may play a part in a plan or a consolidated workbook, judged from its first
 * HEADER_SCAN_ROWS rows (all the reader looks at to give a sheet a role): its name says a role,
 * it is a consolidated workbook's store, or a table header or Thông tin's labels are there. The
 * open workbook's other sheets (a 60.000-row data sheet beside the plan) need not be read in full.
 */
export function sheetMayBeUsed(top: RawSheet): boolean {
  if (STORE_SHEETS.includes(top.name) || top.name === SHEETS.sources) return true;
  const aliases = [...SHEET_ALIASES.info, ...SHEET_ALIASES.agencies, ...SHEET_ALIASES.budget, ...SHEET_ALIASES.tasks];
  if (nameScore(top, aliases) > 0) return true;
  return (
    findHeader(top, BUDGET_COLUMNS, ["label", "amount"]) !== null ||
    findHeader(top, TASK_COLUMNS, ["content", "timing"]) !== null ||
    agencyHeader(top) !== null ||
    Object.keys(readInfo(top).values).length >= 2
  );
}

const REPORT_SET: ReadonlySet<string> = new Set(REPORT_SHEETS);

export function readPlan(source: RawWorkbook, opts: ReadOptions = {}): ReadResult {
  // What the last workbook but one asked the memos for is let go (a long read stays flat).
  nextGeneration();
  const legacy = convertLegacy(source);
  const wb = legacy.raw;
  const problems: Problem[] = [...legacy.problems];
  // The consolidated workbook's own report sheets are never a plan's part (those of them this workbook has).
  const reports = wb.sheets.map((s) => s.name).filter((n) => REPORT_SET.has(n));
  const used = new Set<string>(reports);
  const pick = <K extends string>(aliases: string[], cols: ColumnSpec<K>[] | null, need: K[]) => {
    const s = findSheet(wb, aliases, cols, need, used);
    if (s) used.add(s.name);
    return s;
  };
  // Roles by content, the most specific first: a budget needs "Số tiền", a task table "Nội dung"
  // and "Thời gian"; what is left with a "Tên cơ quan" column is an agency list.
  const budgetSheet = pick(SHEET_ALIASES.budget, BUDGET_COLUMNS, ["label", "amount"]);
  const taskSheet = pick(SHEET_ALIASES.tasks, TASK_COLUMNS, ["content", "timing"]);
  // A sheet may stack several parts (Thông tin, then Phụ lục 1, then Phụ lục 2): the agency list and
  // Thông tin may share the budget's sheet; never the task table's.
  const shared = new Set([...reports, ...(taskSheet ? [taskSheet.name] : [])]);
  const infoSheet = pick(SHEET_ALIASES.info, null, []) ?? findInfoByLabels(wb, used) ?? findInfoByLabels(wb, shared);
  const agencySheets = chooseAgencySheets(rankSheets(wb, SHEET_ALIASES.agencies, (s) => agencyHeader(s) !== null, shared));
  const agencySheet = agencySheets[0] ?? null;

  const info: InfoRead = infoSheet ? readInfo(infoSheet) : { values: {}, groups: null, groupRefs: {}, formRefs: {}, problems: [], uniformRate: null };
  problems.push(...info.problems);
  if (!infoSheet) {
    problems.push(problemAt(undefined, "warning", "SHEET_MISSING", `Không có trang "${SHEETS.info}"; dùng định mức và nhóm cơ quan mặc định.`, SHEETS.info));
  }
  const levelsRead = infoNumber(info, "levels", "Số cấp chính quyền", problems);
  const yearRead = infoNumber(info, "year", "Năm kế hoạch", problems);
  // Unsaid: two-level local government for a plan of 2026 or later (districts ended on 1/7/2025).
  const levels: AdminLevels = levelsRead === 2 || levelsRead === 3 ? levelsRead : opts.levels ?? (yearRead !== null && yearRead >= 2026 ? 2 : 3);
  const groups =
    info.groups && info.groups.length > 0
      ? info.groups
      : info.uniformRate !== null
        ? defaultGroups(levels).map((g) => ({ ...g, rate: info.uniformRate! }))
        : opts.groups ?? defaultGroups(levels);
  if (infoSheet && yearRead === null) {
    problems.push(problemAt(info.values.year?.ref, "error", "REQUIRED", "Thiếu năm kế hoạch.", SHEETS.info));
  }
  const text = (k: InfoKey) => cellText(info.values[k]?.raw ?? null);

  const lists = agencySheets.map((s) => readAgencies(s, groups, legacy.unclear));
  const agencies = { agencies: lists.flatMap((l) => l.agencies), problems: lists.flatMap((l) => l.problems) };
  // One STT sequence and one section order across a list split over several sheets.
  agencies.problems.push(...checkSttSequence(lists.flatMap((l) => l.stts)), ...checkSectionOrder(lists.flatMap((l) => l.marks), true));
  if (!agencySheet) {
    problems.push(problemAt(undefined, "error", "SHEET_MISSING", `Không có trang danh sách cơ quan ("${SHEETS.agencies}").`, SHEETS.agencies));
  }
  problems.push(...agencies.problems);
  const budget = budgetSheet ? readBudget(budgetSheet, groups, wb) : null;
  if (budget) problems.push(...budget.problems);
  const tasks = taskSheet ? readTasks(taskSheet) : { tasks: [], problems: [] };
  problems.push(...tasks.problems);

  const rate = (k: InfoKey, what: string, fallback: number) => infoNumber(info, k, what, problems) ?? fallback;
  const declared = budget?.declared;
  // The first inspection and training lines PL2 shows are the plan's own (what it declared, even
  // typed over the formula); any further line of the same kind is a line of its own.
  const inspectionLine = declared?.lines.find((l) => l.kind === "inspection");
  const trainingLine = declared?.lines.find((l) => l.kind === "training");
  const infoInspection = info.values.inspectionLumpSum ? rate("inspectionLumpSum", "Kinh phí kiểm tra", 0) : null;
  const infoClasses = info.values.classes ? infoNumber(info, "classes", "Số lớp đào tạo", problems) : null;
  const infoTraining = info.values.trainingPerClass ? rate("trainingPerClass", "Định mức đào tạo", DEFAULT_RATES.trainingPerClass) : null;
  const plan: Plan = {
    info: {
      issuer: text("issuer"),
      number: text("number"),
      date: text("date"),
      year: yearRead ?? NaN,
      area: text("area"),
      level: text("level"),
      levels,
    },
    groups,
    rates: {
      trainingPerClass: infoTraining ?? trainingLine?.rate ?? DEFAULT_RATES.trainingPerClass,
      peoplePerClass: rate("peoplePerClass", "Số người mỗi lớp", DEFAULT_RATES.peoplePerClass),
      inspectionLumpSum: inspectionLine?.amount ?? infoInspection ?? DEFAULT_RATES.inspectionLumpSum,
    },
    training: {
      classes: trainingLine?.quantity ?? infoClasses,
      participants: infoNumber(info, "participants", "Số người cần đào tạo", problems),
    },
    agencies: agencies.agencies,
    tasks: tasks.tasks,
    extraLines: [],
    ...(declared ? { declared } : {}),
  };
  if (declared) {
    reconcileGroupLines(plan, declared, problems);
    plan.extraLines = ownLines(declared, inspectionLine, trainingLine, problems);
  }
  const refs: RateRefs = {
    trainingPerClass: info.values.trainingPerClass?.ref,
    peoplePerClass: info.values.peoplePerClass?.ref,
    inspectionLumpSum: info.values.inspectionLumpSum?.ref,
    groups: info.groupRefs,
    formRates: info.formRefs,
  };
  problems.push(...validatePlan(plan, refs));
  if (declared) {
    problems.push(...checkDeclared(plan, declared, {
      inspection: infoInspection,
      classes: infoClasses ?? (info.values.participants ? trainingClasses({ ...plan, training: { classes: null, participants: plan.training.participants } }) : null),
    }));
  }
  return {
    plan,
    problems,
    sheets: {
      info: infoSheet?.name ?? null,
      tasks: taskSheet?.name ?? null,
      agencies: agencySheet?.name ?? null,
      budget: budgetSheet?.name ?? null,
    },
    readAs: [
      lists.length ? `Danh sách cơ quan: ${lists.map((l) => l.readAs).join(" và ")}` : "",
      infoSheet ? `Thông tin: trang "${infoSheet.name}"` : "",
      taskSheet ? `Nhiệm vụ: trang "${taskSheet.name}"` : "",
      budgetSheet ? `Kinh phí: trang "${budgetSheet.name}"` : "",
    ].filter(Boolean).join("; "),
    refs,
  };
}
