/**
 * The consolidated workbook: the standard plan of the merged result, plus
 *  - "Nguồn dữ liệu": every input file with its unit, counts, status, and every problem
 *    with file, sheet and cell; the agencies several files sent;
 *  - "Dữ liệu nguồn" (hidden): every submission as read, so that merging new files into
 *    this workbook later gives the same result as merging everything at once.
 */
import { applyCorrections, assignRowIds, detectCorrections, type AppliedCorrection, type Correction, type ListRow } from "../core/corrections";
import { mergeSubmissions, type MergeResult, type Submission } from "../core/merge";
import { submissionSharer } from "../core/compact";
import { agencyList, applyMapping, compareYears, referenceOrder, trackSubmissions, type AgencyList, type Tracking, type UnitMapping, type YearComparison } from "../core/season";
import type { Agency, ExtraLine, Plan, Task } from "../core/model";
import { formatVnNumber } from "../core/numbers";
import { namedList, nextGeneration } from "../core/text";
import { mostSevere, type Problem } from "../core/problems";
import { fitCell, MAX_CELL_CHARS } from "./cellValues";
import { BeyondExcel } from "./excelRules";
import { streamedSheet, type RawWorkbook, type Row, type SheetGrid, type WorkbookGrid } from "./grid";
import {
  SEVERITY_VI, SHEETS, STORE_SHEETS, STORE_SHEETS_MAX, storeSheetName, SOURCE_DUPLICATE_HEADERS, SOURCE_POSSIBLE_HEADERS, SOURCE_FILE_COLUMNS, SOURCE_PROBLEM_HEADERS, SOURCES_TITLE, STATUS_VI,
} from "./layout";
import { buildWorkbook } from "./write";
import { SheetBuilder } from "./sheetBuilder";
import { chooseBase, type BaseOverrides } from "./base";
import { readPlan } from "./read";
import { submissionFromRaw, type SubmissionOptions } from "./submission";
import { REQUIRED_ACTIVITY } from "../core/validate";
import { dayText } from "../core/timing";
import { buildComparisonSheet, buildCorrectionsSheet, buildTrackingSheet, buildUnitTasksSheet } from "./seasonSheets";

/** The units whose plans lack a required activity or report (their task tables were checked; files replaced or refused are not). */
export function lackingActivities(result: MergeResult): Array<{ file: string; unit: string; what: string[] }> {
  return result.files.flatMap((f) => {
    const what = f.status === "replaced" || f.status === "rejected" || f.status === "skipped" ? [] : f.problems.filter((p) => p.code === REQUIRED_ACTIVITY).map((p) => p.message);
    return what.length ? [{ file: f.file, unit: f.unit, what }] : [];
  });
}

/** How the officer's corrections change the count of Phụ lục 1 (empty when there are none). */
export function correctionCountLine(result: MergeResult, corrections: readonly AppliedCorrection[]): string {
  const n = (kind: "delete" | "add") => corrections.filter((c) => c.status === "applied" && c.correction.kind === kind).length;
  const gone = corrections.filter((c) => c.status === "gone").length;
  if (corrections.length === 0) return "";
  return ` Phụ lục 1: ${formatVnNumber(result.plan.agencies.length)} cơ quan = ${formatVnNumber(result.totals.kept)} − ${n("delete")} dòng người tổng hợp xoá + ${n("add")} dòng thêm; ${corrections.length} điều chỉnh (trang "${SHEETS.corrections}")${gone ? `, ${gone} không còn áp dụng` : ""}.`;
}

/**
 * Problems of one file listed in Nguồn dữ liệu: the most severe, in order of their cells, then how many
 * more. A list of 60.000 rows none of which has a group is 60.000 problems; a few such files would
 * pass the rows of a sheet, and checking that one file shows every one.
 */
const PROBLEMS_LISTED = 1_000;

function buildSourcesSheet(result: MergeResult, notice: string | null, corrections: readonly AppliedCorrection[]) {
  const cols = SOURCE_FILE_COLUMNS;
  const s = new SheetBuilder(SHEETS.sources, cols.map((c) => c.width));
  const t = result.totals;
  s.banner(1, cols.length, { v: SOURCES_TITLE, style: "title" });
  s.banner(2, cols.length, {
    v: `${t.files} tệp; ${formatVnNumber(t.read)} dòng cơ quan đọc được = ${formatVnNumber(t.kept)} đưa vào tổng hợp + ${formatVnNumber(t.duplicates)} trùng + ${formatVnNumber(t.rejected)} không đưa vào (lỗi) + ${formatVnNumber(t.replaced)} thay bằng tệp mới hơn.${correctionCountLine(result, corrections)}`,
    style: "subtitle",
  });
  if (notice) s.banner(3, cols.length, { v: `LƯU Ý: ${notice}`, style: "caption" });
  s.header(4, cols);
  // Replaced files first: what was set aside is what a person checks first.
  const files = [...result.files.filter((f) => f.status === "replaced"), ...result.files.filter((f) => f.status !== "replaced")];
  // The listings under the files, from column B: made once, so both runs of the body (measured, written) show the same.
  const listings: Array<[string, readonly string[], ReadonlyArray<ReadonlyArray<string>>]> = [
    ["CƠ QUAN DO NHIỀU TỆP GỬI (tính một lần)", SOURCE_DUPLICATE_HEADERS, result.duplicates.map((d) => [d.name, d.area, namedList(d.files, { separator: "; ", what: "tệp", within: MAX_CELL_CHARS })])],
    [
      "CÓ THỂ TRÙNG — cùng tên, chưa rõ địa bàn: đã giữ cả hai, cần người kiểm tra và xoá dòng thừa ở Phụ lục 1",
      SOURCE_POSSIBLE_HEADERS,
      result.possibleDuplicates.map((d) => [d.name, namedList(d.entries, { separator: "; ", what: "dòng cùng tên", show: (e) => `${e.area || "chưa rõ địa bàn"} — ${e.file}`, within: MAX_CELL_CHARS })]),
    ],
    [
      "ĐƠN VỊ CÓ KẾ HOẠCH CHƯA ĐỦ HOẠT ĐỘNG BẮT BUỘC (đánh giá nội bộ, họp xem xét của lãnh đạo, báo cáo 6 tháng trước 15/6 và năm trước 15/11)",
      ["Tệp", "Đơn vị gửi", "Còn thiếu hoặc trễ hạn"],
      lackingActivities(result).map((l) => [l.file, l.unit, l.what.join(" ")]),
    ],
    [
      "CÁC VẤN ĐỀ TÌM THẤY TRONG TỪNG TỆP",
      SOURCE_PROBLEM_HEADERS,
      result.files.flatMap((f) => {
        const rows = mostSevere(f.problems, PROBLEMS_LISTED).map((p) => [f.file, p.sheet, p.cell, SEVERITY_VI[p.severity], p.code, p.message]);
        const more = f.problems.length - PROBLEMS_LISTED;
        if (more > 0) rows.push([f.file, "", "", "", "", `và ${formatVnNumber(more)} vấn đề khác của tệp này: kiểm tra riêng tệp này (lệnh validate, hay Kiểm tra trong khung tác vụ) để xem hết`]);
        return rows;
      }),
    ],
  ];
  // A row a file and the listings under them: the streamed body, its cells made as it is written.
  s.stream(5, function* (b) {
    let row = 5;
    for (const [i, f] of files.entries()) {
      const note = f.status === "rejected" || f.status === "skipped" ? f.reason : f.replacedBy ? `Được thay bằng ${f.replacedBy}` : "";
      const values: Record<(typeof cols)[number]["key"], string | number> = {
        stt: i + 1, file: f.file, unit: f.unit, date: f.planDate, status: STATUS_VI[f.status],
        read: f.read, kept: f.kept, duplicates: f.duplicates, rejected: f.rejected, replaced: f.replaced, note, readAs: f.readAs,
      };
      cols.forEach((c, j) => b.value(row, j + 1, values[c.key], c.style));
      yield* b.drain(++row);
    }
    for (const [title, headers, rows] of listings) {
      row = b.listing(row, cols.length, title, headers, rows, 2);
      yield* b.drain(row);
    }
  });
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  return s.finish();
}

/** The kinds of records the store holds, one record a row ("FILE" as older versions wrote it). */
const STORED_KINDS = ["FILE", "FILE_V2", "AGENCY", "TASK", "LINE", "PROBLEM", "EXPECTED", "EXPECTED_AGENCY", "MAPPING", "CORRECTION", "WROTE"] as const;
type StoredKind = (typeof STORED_KINDS)[number];
/** Kinds of records stored many to a row: a JSON array of the singular kind's records. */
const BATCHED = { AGENCIES: "AGENCY", TASKS: "TASK", LINES: "LINE", PROBLEMS: "PROBLEM", EXPECTED_AGENCIES: "EXPECTED_AGENCY", WRITTEN: "WROTE" } as const;
type BatchedKind = keyof typeof BATCHED;
/** A row that carries on the text of the row above (a record longer than one cell may hold). */
const CONTINUED = "+";
const KNOWN_KINDS = new Set<string>([...STORED_KINDS, ...Object.keys(BATCHED)]);
/**
 * Characters of JSON in one store cell. Records are packed many to a row so that the store of
 * a national roll-up (10.000 files, 56.000 agencies) stays far under the 100.000 rows a sheet
 * may have to be read again (one record a row took 121.000); a cell stays as small as the
 * largest single records were, because the task pane reads a sheet's first 300 rows in one
 * response of Excel on the web, which may not pass 5 MB.
 */
export const STORE_CELL_CHARS = 1_000;
/**
 * The per-file record of a store whose other records are batched. Versions that knew only
 * one record a row find no "FILE" row in it and say the workbook holds no earlier data,
 * instead of reading its files without their agencies.
 */
const FILE_BATCHED: StoredKind = "FILE_V2";

/** A hidden store that cannot be read faithfully (written by a newer version, or edited by hand). */
export class StoreProblem extends Error {
  /** What the user is told: nothing is merged into that consolidation (`which`: its file, or "đang mở"). */
  refusal(which: string, doing = "gộp thêm vào"): string {
    return `Không ${doing} bản tổng hợp ${which}: ${this.message}.`;
  }
}

/** What a consolidated workbook keeps beside the submissions, so the next merge into it knows it. */
export interface SeasonStore {
  /** Who should send, as given at an earlier merge. */
  expected: AgencyList | null;
  mapping: UnitMapping[];
  /** The officer's corrections so far. */
  corrections: Correction[];
  /** Phụ lục 1 as the tool last wrote it. */
  written: ListRow[];
}

/** A PL1 row's fields an officer may change, as a list row. */
export function listRow(a: Agency, groups: Plan["groups"]): ListRow {
  return { rowId: a.rowId ?? "", name: a.name, group: groups.find((g) => g.id === a.groupId)?.label ?? a.groupText ?? "", area: a.area, note: a.note };
}

/** A stored text as a cell of Phụ lục 1 holds it (a text the store recorded whole may be written cut: see fitCell). */
const asCell = (v: string) => (typeof v === "string" ? fitCell(v) : v);

/** Row 1 of each sheet of the hidden store. */
const STORE_HEADER = ["Loại", "Tệp", "Dữ liệu (JSON) — không sửa trang này; dùng để gộp thêm tệp sau này"];
/**
 * Row 2 of the store's first sheet when the store goes on in more sheets: their names, in order.
 * Not a kind versions before it know, so they refuse such a store ("written by a newer version")
 * instead of reading its first sheet's files alone.
 */
const STORE_PARTS = "PARTS";

/** What one sheet of the hidden store may hold: characters of text (file names and JSON) and rows. */
export interface StoreSheetLimits {
  chars: number;
  rows: number;
}
/**
 * A sheet of the store is read again (`--into`) under the reader's limits: 50 MB of XML a part and
 * 100.000 rows. 12 million characters is ~16 MB of XML for the store's usual text (JSON, mostly
 * ASCII, with Vietnamese names and tasks; measured), and stays under 50 MB when every character takes
 * three bytes of UTF-8 (and a row its ~120 bytes of markup). A national roll-up with the units' task
 * tables (10.000 files, 109 MB of store) takes 7 sheets; in one sheet it could not be read again.
 */
export const STORE_SHEET_LIMITS: StoreSheetLimits = { chars: 12_000_000, rows: 40_000 };

/**
 * The hidden store, its rows made as they are written (a national roll-up's is ~100 MB of JSON
 * that nothing reads before it is written): each submission as read, and the season; in as many
 * sheets as its size asks (see STORE_SHEET_LIMITS). Where each sheet begins is found by making the
 * rows once beforehand and counting them (0,18–0,27 s at 10.000 files): the workbook's list of sheets
 * is written before any sheet.
 */
function buildStoreSheets(submissions: readonly Submission[], season: Omit<SeasonStore, "written">, written: () => Iterable<ListRow>, limits: StoreSheetLimits): SheetGrid[] {
  const rows = () => storeRows(submissions, season, written);
  // The header row, and the parts row, are in every sheet's budget of rows.
  const room = limits.rows - 2;
  const starts = [0];
  let count = 0;
  let chars = 0;
  let inSheet = 0;
  for (const row of rows()) {
    const size = rowChars(row);
    if (inSheet > 0 && (inSheet >= room || chars + size > limits.chars)) {
      starts.push(count);
      chars = 0;
      inSheet = 0;
    }
    chars += size;
    inSheet++;
    count++;
  }
  if (starts.length > STORE_SHEETS_MAX) {
    throw new BeyondExcel(`dữ liệu nguồn cần ${starts.length} trang ẩn, quá ${STORE_SHEETS_MAX} trang một sổ có thể giữ`);
  }
  const names = starts.map((_, k) => storeSheetName(k + 1));
  // The sheets are written in order: each goes on from where the one before stopped, with the same
  // rows; one made out of order (the rows of one asked for alone) makes the rows again up to its own.
  let cursor: { rows: Iterator<Row>; at: number } | null = null;
  function* slice(from: number, to: number): Generator<Row> {
    if (!cursor || cursor.at !== from) {
      const fresh = rows()[Symbol.iterator]();
      for (let i = 0; i < from; i++) fresh.next();
      cursor = { rows: fresh, at: from };
    }
    const c = cursor;
    while (c.at < to) {
      const next = c.rows.next();
      if (next.done) return;
      c.at++;
      yield next.value;
    }
  }
  return names.map((name, k) =>
    streamedSheet({ name, widths: [10, 40, 120], merges: [], validations: [], landscape: false, hidden: true }, function* () {
      yield STORE_HEADER.map((v) => ({ v }));
      if (k === 0 && names.length > 1) yield [{ v: STORE_PARTS }, { v: "" }, { v: JSON.stringify({ sheets: names.slice(1) }) }];
      yield* slice(starts[k], k + 1 < starts.length ? starts[k + 1] : Infinity);
    }),
  );
}

/** Characters of text in a store row. */
function rowChars(row: Row): number {
  let n = 0;
  for (const cell of row) if (cell && typeof cell.v === "string") n += cell.v.length;
  return n;
}

function* storeRows(submissions: readonly Submission[], season: Omit<SeasonStore, "written">, written: () => Iterable<ListRow>): Generator<Row> {
  // Each record's JSON under a cell's size: one too long is cut over rows marked as continued
  // (never inside a surrogate pair).
  function* putText(kind: StoredKind | BatchedKind, file: string, text: string): Generator<Row> {
    for (let at = 0, first = true; at < text.length || first; first = false) {
      let end = Math.min(text.length, at + STORE_CELL_CHARS);
      const c = text.charCodeAt(end - 1);
      if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
      yield [{ v: first ? kind : CONTINUED }, { v: file }, { v: text.slice(at, end) }];
      at = end;
    }
  }
  const put = (kind: StoredKind, file: string, data: unknown) => putText(kind, file, JSON.stringify(data));
  // Records many to a row, each row's JSON array under a cell's size.
  function* putMany(kind: BatchedKind, file: string, items: Iterable<unknown>): Generator<Row> {
    let batch: string[] = [];
    let size = 2;
    for (const item of items) {
      const json = JSON.stringify(item);
      if (batch.length > 0 && size + json.length + 1 > STORE_CELL_CHARS) {
        yield* putText(kind, file, `[${batch.join(",")}]`);
        batch = [];
        size = 2;
      }
      batch.push(json);
      size += json.length + 1;
    }
    if (batch.length > 0) yield* putText(kind, file, `[${batch.join(",")}]`);
  }
  for (const sub of submissions) {
    if (sub.outcome.kind === "rejected") {
      yield* put(FILE_BATCHED, sub.file, { modified: sub.modified, rejected: sub.outcome.reason, ...(sub.outcome.skipped ? { skipped: true } : {}) });
      continue;
    }
    const { plan, problems, readAs } = sub.outcome;
    yield* put(FILE_BATCHED, sub.file, { modified: sub.modified, info: plan.info, groups: plan.groups, rates: plan.rates, training: plan.training, ...(readAs ? { readAs } : {}) });
    yield* putMany("AGENCIES", sub.file, plan.agencies);
    yield* putMany("TASKS", sub.file, plan.tasks);
    yield* putMany("LINES", sub.file, plan.extraLines);
    yield* putMany("PROBLEMS", sub.file, problems);
  }
  if (season.expected) {
    const { file, year, groups, agencies } = season.expected;
    yield* put("EXPECTED", file, { year, groups });
    yield* putMany("EXPECTED_AGENCIES", file, agencies.map((a) => ({ name: a.name, groupId: a.groupId, area: a.area, note: a.note, ...(a.form ? { form: a.form } : {}) })));
  }
  for (const m of season.mapping) yield* put("MAPPING", "", m);
  for (const c of season.corrections) yield* put("CORRECTION", "", c);
  yield* putMany("WRITTEN", "", (function* () {
    for (const w of written()) yield [w.rowId, w.name, w.group, w.area, w.note];
  })());
}

/** What the season adds to a consolidated workbook (all optional). */
export interface SeasonReport {
  tracking?: Tracking | null;
  comparison?: YearComparison | null;
  /** The groups of the list compared with (last year's). */
  lastGroups?: Plan["groups"];
  corrections?: AppliedCorrection[];
  store?: Partial<SeasonStore>;
  today?: string;
  /** What one sheet of the store may hold (STORE_SHEET_LIMITS; smaller in tests). */
  storeSheet?: StoreSheetLimits;
}

/** The consolidated workbook of a merge. `submissions` are all that went into it. */
export function buildConsolidatedWorkbook(result: MergeResult, submissions: readonly Submission[], notice: string | null = null, season: SeasonReport = {}): WorkbookGrid {
  const grid = buildWorkbook(result.plan);
  const today = season.today ?? todayText();
  const groups = result.plan.groups;
  grid.sheets.push(buildSourcesSheet(result, notice, season.corrections ?? []));
  if (season.tracking) grid.sheets.push(buildTrackingSheet(season.tracking, groups, today));
  if (season.comparison) grid.sheets.push(buildComparisonSheet(season.comparison, groups, season.lastGroups ?? groups, today));
  if (season.corrections?.length) grid.sheets.push(buildCorrectionsSheet(season.corrections));
  if (result.unitTasks.length) grid.sheets.push(buildUnitTasksSheet(result.unitTasks));
  grid.sheets.push(...buildStoreSheets(submissions, {
    expected: season.store?.expected ?? null,
    mapping: season.store?.mapping ?? [],
    corrections: season.store?.corrections ?? [],
  }, function* () {
    // Phụ lục 1 as written, made row by row with the store.
    for (const a of result.plan.agencies) yield listRow(a, groups);
  }, season.storeSheet ?? STORE_SHEET_LIMITS));
  return grid;
}

/** Today as dd/mm/yyyy (when a correction was first seen, when a report was made). */
const todayText = () => dayText(new Date(), true);

/** A FILE row of the hidden store, as buildStoreSheet writes it. */
interface StoredFile {
  modified: number;
  rejected?: string;
  skipped?: boolean;
  info: Plan["info"];
  groups: Plan["groups"];
  rates: Plan["rates"];
  training: Plan["training"];
  readAs?: string;
}

/** Everything a consolidated workbook's hidden store holds. */
export function readStore(wb: RawWorkbook, consume = false): SeasonStore & { stored: Submission[] } {
  const season: SeasonStore = { expected: null, mapping: [], corrections: [], written: [] };
  const first = wb.sheets.find((s) => s.name === SHEETS.store);
  if (!first) return { ...season, stored: [] };
  const byFile = new Map<string, Submission>();
  const order: Submission[] = [];
  /** One record, in the order the store holds them. */
  const take = (kind: string, file: string, data: unknown): void => {
    if (kind === "EXPECTED") {
      const e = data as { year: number | null; groups: Plan["groups"] };
      season.expected = { file, year: e.year ?? NaN, groups: e.groups, agencies: [] };
      return;
    }
    if (kind === "EXPECTED_AGENCY") {
      season.expected?.agencies.push(data as Agency);
      return;
    }
    if (kind === "MAPPING") {
      season.mapping.push(data as UnitMapping);
      return;
    }
    if (kind === "CORRECTION") {
      season.corrections.push(data as Correction);
      return;
    }
    if (kind === "WROTE") {
      const [rowId, name, group, area, note] = data as string[];
      // What was written, as the cells hold it: the store records a note too long for a cell whole,
      // and Phụ lục 1 shows it cut; compared whole, the cut would be taken for the officer's edit.
      season.written.push({ rowId, name: asCell(name), group, area: asCell(area), note: asCell(note) });
      return;
    }
    if (kind === "FILE" || kind === FILE_BATCHED) {
      const f = data as StoredFile;
      const sub: Submission = f.rejected !== undefined
        ? { file, modified: f.modified, outcome: { kind: "rejected", reason: f.rejected, ...(f.skipped ? { skipped: true } : {}) } }
        : {
            file, modified: f.modified,
            outcome: {
              kind: "read",
              plan: { info: { ...f.info, year: f.info.year ?? NaN }, groups: f.groups, rates: f.rates, training: f.training, agencies: [], tasks: [], extraLines: [] },
              problems: [],
              ...(f.readAs ? { readAs: f.readAs } : {}),
            },
          };
      byFile.set(file, sub);
      order.push(sub);
      return;
    }
    const sub = byFile.get(file);
    if (!sub || sub.outcome.kind !== "read") return;
    if (kind === "AGENCY") sub.outcome.plan.agencies.push(data as Agency);
    else if (kind === "TASK") sub.outcome.plan.tasks.push(data as Task);
    else if (kind === "LINE") sub.outcome.plan.extraLines.push(data as ExtraLine);
    else if (kind === "PROBLEM") sub.outcome.problems.push(data as Problem);
  };
  // Rows as records, the store's sheets one after another: a continued row's text joined to the row
  // above (which may be the last of the sheet before); a batched record's array read as its
  // records one by one (older workbooks hold one record a row, read the same). Each record is read
  // as soon as its last row is: a national roll-up's store is ~110 MB of text, not held twice.
  let pending: { kind: string; file: string; sheet: string; parts: string[] } | null = null;
  const flush = () => {
    if (!pending) return;
    const { kind, file, sheet, parts } = pending;
    pending = null;
    let data: unknown;
    try {
      data = JSON.parse(parts.length === 1 ? parts[0] : parts.join(""));
    } catch {
      throw new StoreProblem(`trang ẩn "${sheet}" có dữ liệu hỏng ở một dòng "${kind}" của tệp "${file}" — trang đã bị sửa tay; hãy gộp lại từ các tệp gửi`);
    }
    if (!Object.prototype.hasOwnProperty.call(BATCHED, kind)) take(kind, file, data);
    else for (const item of data as unknown[]) take(BATCHED[kind as BatchedKind], file, item);
  };
  for (const [sheet, from] of storeSheets(wb, first)) {
    for (let r = from; r < sheet.rows.length; r++) {
      const [kind, fileCell, json] = sheet.rows[r];
      const file = fileCell ?? "";
      // Consumed: each row let go once read, so that the store's text and its records are not all held at once.
      if (consume) sheet.rows[r] = READ_ROW;
      if (typeof kind !== "string" || typeof file !== "string" || typeof json !== "string") continue;
      if (kind === CONTINUED) {
        if (!pending || pending.file !== file) throw new StoreProblem(`trang ẩn "${sheet.name}" có dòng nối tiếp (+) không theo sau dòng nào của tệp "${file}" — trang đã bị sửa tay`);
        pending.parts.push(json);
      } else if (!KNOWN_KINDS.has(kind)) {
        throw new StoreProblem(`trang ẩn "${sheet.name}" có loại dòng "${kind.slice(0, 30)}" mà phiên bản này không biết — bản tổng hợp do phiên bản kehoach-iso mới hơn ghi; hãy cập nhật kehoach-iso rồi gộp lại`);
      } else {
        flush();
        pending = { kind, file, sheet: sheet.name, parts: [json] };
      }
    }
  }
  flush();
  // Each FILE row parsed its own copy of the same groups: made one again, as at the first merge.
  const share = submissionSharer();
  return { ...season, stored: order.map(share) };
}

type RawSheet = RawWorkbook["sheets"][number];
/** What a consumed store row is left as. */
const READ_ROW: RawSheet["rows"][number] = [];

/**
 * The sheets of a store, each with the row its records begin at: the first alone, or, when its
 * row 2 names the sheets it goes on in, those too, every one of which must be there.
 */
function storeSheets(wb: RawWorkbook, first: RawSheet): Array<[RawSheet, number]> {
  const parts = first.rows[1];
  if (!parts || parts[0] !== STORE_PARTS) return [[first, 1]];
  let names: unknown = null;
  try {
    names = (JSON.parse(typeof parts[2] === "string" ? parts[2] : "") as { sheets?: unknown }).sheets;
  } catch {
    // said below
  }
  const named = (n: unknown): n is string => typeof n === "string" && n !== SHEETS.store && STORE_SHEETS.includes(n);
  if (!Array.isArray(names) || !names.every(named) || new Set(names).size !== names.length) {
    throw new StoreProblem(`trang ẩn "${SHEETS.store}" có dòng ${STORE_PARTS} hỏng ở ô C2 — trang đã bị sửa tay; hãy gộp lại từ các tệp gửi`);
  }
  return [
    [first, 2],
    ...names.map((name): [RawSheet, number] => {
      const sheet = wb.sheets.find((s) => s.name === name);
      if (!sheet) throw new StoreProblem(`thiếu trang ẩn "${name}", phần tiếp theo của dữ liệu nguồn (trang "${SHEETS.store}") — trang đã bị xoá hay đổi tên; hãy gộp lại từ các tệp gửi`);
      return [sheet, 1];
    }),
  ];
}

/** An earlier consolidated workbook: its plan (info, groups, rates), the submissions and season it holds, and its PL1 as it now stands. */
export interface Existing extends SeasonStore {
  plan: Plan;
  stored: Submission[];
  /** Phụ lục 1 as the workbook shows it now (the officer may have corrected it). */
  current: ListRow[];
}

/**
 * Read an earlier consolidated workbook, or null when it holds no stored submissions. `consume`:
 * the store's rows are emptied as they are read (a reader that made `raw` for this alone: a
 * national roll-up's store is ~110 MB of text, its records as much again).
 */
export function existingFromRaw(raw: RawWorkbook, consume = false): Existing | null {
  const store = readStore(raw, consume);
  if (store.stored.length === 0) return null;
  const plan = readPlan(raw).plan;
  return { ...store, plan, current: plan.agencies.map((a) => listRow(a, plan.groups)) };
}

/**
 * A file the user chose, as the task pane's merge takes it: an earlier consolidation (its store) to
 * merge the others into, or a submission. A consolidation whose store was damaged by hand is listed
 * as not merged, with the reason.
 */
export function chosenFile(file: string, modified: number, raw: RawWorkbook, opts: SubmissionOptions = {}): { submission: Submission } | { earlier: Existing } {
  let earlier: Existing | null;
  try {
    earlier = existingFromRaw(raw);
  } catch (e) {
    if (!(e instanceof StoreProblem)) throw e;
    return { submission: { file, modified, outcome: { kind: "rejected", consolidated: true, damagedStore: true, reason: `bản tổng hợp có trang ẩn hỏng: ${e.message}` } } };
  }
  return earlier ? { earlier } : { submission: submissionFromRaw(file, modified, raw, opts) };
}

/** Why a consolidation cannot be written (a sheet past Excel's rows, a store past its sheets), or null: the command line and the pane say it alike. */
export function unwritable(e: unknown): string | null {
  return e instanceof BeyondExcel ? `Bản tổng hợp vượt giới hạn của Excel: ${e.message}; hãy tổng hợp theo từng phần (theo tỉnh, theo huyện).` : null;
}

export interface Consolidation {
  result: MergeResult;
  /** Who has sent, when an expected list is known. */
  tracking: Tracking | null;
  comparison: YearComparison | null;
  /** The officer's corrections, each applied again or said to no longer apply. */
  corrections: AppliedCorrection[];
  submissions: Submission[];
  /** The workbook to write. Its hidden store is made while written, from `submissions` and the season: change neither before then. */
  grid: WorkbookGrid;
  /** The submission whose info and rates became the consolidating plan's, if any. */
  baseFrom: string | null;
  /** What to say first when no single province's plan was found. */
  notice: string | null;
}

/**
 * The whole consolidation, for the command line and the task pane alike: earlier
 * result + new submissions → consolidating plan → merge → workbook. Null when no
 * submission could be read.
 */
export function consolidate(fresh: readonly Submission[], existing: Existing | null, overrides: BaseOverrides = {}, season: Season = {}): Consolidation | null {
  const submissions = [...(existing?.stored ?? []), ...fresh];
  if (!submissions.some((s) => s.outcome.kind === "read")) return null;
  const base = chooseBase(submissions, overrides, existing?.plan ?? null);
  const result = mergeSubmissions(submissions, base.plan, base.own);
  const today = season.today ?? todayText();
  const expected = season.expected ?? existing?.expected ?? null;
  const mapping = season.mapping ?? existing?.mapping ?? [];
  const reorder = (order: number[]) => {
    result.plan.agencies = order.map((i) => result.plan.agencies[i]);
    result.agencySources = order.map((i) => result.agencySources[i]);
  };
  // The official order: the expected list's, new agencies at the end of their group and area.
  // Without one, the province's own plan's list (--plan, when it has one) gives the order it covers.
  const reference = expected
    ? applyMapping(expected.agencies, mapping).map((e) => e.agency)
    : overrides.plan?.plan.agencies.length ? agencyList(overrides.plan.file, overrides.plan.plan).agencies : null;
  if (reference) reorder(referenceOrder(result.plan.agencies, reference, result.plan.groups));
  const tracking = expected ? trackSubmissions(expected, result, mapping) : null;
  result.plan.agencies = assignRowIds(result.plan.agencies);
  // The officer's corrections: those found now (against what was last written) and those recorded before.
  const known = existing?.corrections ?? [];
  // A list whose row ids are mostly gone (pasted over, typed again) is not read as hundreds of
  // deletions and additions: nothing new is recorded, and the report says why.
  const ids = new Set(existing?.written.map((w) => w.rowId));
  const kept = existing ? existing.current.filter((r) => ids.has(r.rowId)).length : 0;
  const readable = existing !== null && existing.written.length > 0 && kept * 2 >= existing.written.length;
  const corrections = readable ? detectCorrections(existing.written, existing.current, known, today) : known;
  const idsLost = existing !== null && existing.written.length > 0 && !readable
    ? `Phụ lục 1 của bản tổng hợp trước không còn cột mã dòng ở phần lớn các dòng (${kept}/${existing.written.length}): không nhận ra được những gì đã sửa tay lần này; các điều chỉnh đã ghi trước vẫn được áp dụng.`
    : null;
  const applied = applyCorrections(result.plan.agencies, result.agencySources, corrections, result.plan.groups, ADDED_BY_HAND);
  result.plan.agencies = applied.agencies;
  result.agencySources = applied.sources;
  const comparison = expected ? compareYears(expected, result.plan, mapping) : null;
  const notice = [base.notice, idsLost].filter(Boolean).join(" ") || null;
  const grid = buildConsolidatedWorkbook(result, submissions, notice, {
    tracking, comparison, lastGroups: expected?.groups, corrections: applied.applied, today,
    store: { expected, mapping, corrections },
    ...(season.storeSheet ? { storeSheet: season.storeSheet } : {}),
  });
  // The names' keys the merge asked for (12 MB at 10.000 files) are not asked for again: let
  // them go before the workbook is written.
  nextGeneration();
  nextGeneration();
  return { result, tracking, comparison, corrections: applied.applied, submissions, grid, baseFrom: base.from, notice };
}

/** The source named for a row the officer added to Phụ lục 1. */
export const ADDED_BY_HAND = "(người tổng hợp thêm ở Phụ lục 1)";

/** The season's inputs of a merge (all optional). */
export interface Season {
  /** Who should send; else the list an earlier merge stored. */
  expected?: AgencyList | null;
  /** Old units to new ones; else the mapping an earlier merge stored. */
  mapping?: UnitMapping[] | null;
  /** Today (dd/mm/yyyy), when corrections are first seen. */
  today?: string;
  /** What one sheet of the hidden store may hold (STORE_SHEET_LIMITS; smaller in tests). */
  storeSheet?: StoreSheetLimits;
}
