/**
 * The consolidated workbook: the standard plan of the merged result, plus
 *  - "Nguồn dữ liệu": every input file with its unit, counts, status, and every problem
 *    with file, sheet and cell; the agencies several files sent;
 *  - "Dữ liệu nguồn" (hidden): every submission as read, so that merging new files into
 *    this workbook later gives the same result as merging everything at once.
 */
import { mergeSubmissions, type MergeResult, type Submission } from "../core/merge";
import type { Agency, ExtraLine, Plan, Task } from "../core/model";
import { formatVnNumber } from "../core/numbers";
import { sortProblems, type Problem } from "../core/problems";
import type { RawWorkbook, WorkbookGrid } from "./grid";
import {
  SEVERITY_VI, SHEETS, SOURCE_DUPLICATE_HEADERS, SOURCE_POSSIBLE_HEADERS, SOURCE_FILE_COLUMNS, SOURCE_PROBLEM_HEADERS, SOURCES_TITLE, STATUS_VI,
} from "./layout";
import { buildWorkbook, SheetBuilder } from "./write";
import { chooseBase, type BaseOverrides } from "./base";
import { readPlan } from "./read";

function buildSourcesSheet(result: MergeResult, notice: string | null) {
  const cols = SOURCE_FILE_COLUMNS;
  const s = new SheetBuilder(SHEETS.sources, cols.map((c) => c.width));
  const t = result.totals;
  s.banner(1, cols.length, { v: SOURCES_TITLE, style: "title" });
  s.banner(2, cols.length, {
    v: `${t.files} tệp; ${formatVnNumber(t.read)} dòng cơ quan đọc được = ${formatVnNumber(t.kept)} đưa vào tổng hợp + ${formatVnNumber(t.duplicates)} trùng + ${formatVnNumber(t.rejected)} không đưa vào (lỗi) + ${formatVnNumber(t.replaced)} thay bằng tệp mới hơn.`,
    style: "subtitle",
  });
  if (notice) s.banner(3, cols.length, { v: `LƯU Ý: ${notice}`, style: "caption" });
  let row = 4;
  s.header(row++, cols);
  // Replaced files first: what was set aside is what a person checks first.
  const files = [...result.files.filter((f) => f.status === "replaced"), ...result.files.filter((f) => f.status !== "replaced")];
  files.forEach((f, i) => {
    const note = f.status === "rejected" || f.status === "skipped" ? f.reason : f.replacedBy ? `Được thay bằng ${f.replacedBy}` : "";
    const values: Record<(typeof cols)[number]["key"], string | number> = {
      stt: i + 1, file: f.file, unit: f.unit, date: f.planDate, status: STATUS_VI[f.status],
      read: f.read, kept: f.kept, duplicates: f.duplicates, rejected: f.rejected, replaced: f.replaced, note, readAs: f.readAs,
    };
    cols.forEach((c, j) => s.value(row, j + 1, values[c.key], c.style));
    row++;
  });
  // The listings under the files: a caption, their headers from column B, their rows, or "Không có.".
  const listing = (title: string, headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>) => {
    row++;
    s.banner(row++, cols.length, { v: title, style: "caption" });
    headers.forEach((h, j) => s.value(row, j + 2, h, "header"));
    row++;
    if (rows.length === 0) s.value(row++, 2, "Không có.", "text");
    for (const values of rows) {
      values.forEach((v, j) => s.value(row, j + 2, v, "text"));
      row++;
    }
  };
  listing("CƠ QUAN DO NHIỀU TỆP GỬI (tính một lần)", SOURCE_DUPLICATE_HEADERS, result.duplicates.map((d) => [d.name, d.area, d.files.join("; ")]));
  listing(
    "CÓ THỂ TRÙNG — cùng tên, chưa rõ địa bàn: đã giữ cả hai, cần người kiểm tra và xoá dòng thừa ở Phụ lục 1",
    SOURCE_POSSIBLE_HEADERS,
    result.possibleDuplicates.map((d) => [d.name, d.entries.map((e) => `${e.area || "chưa rõ địa bàn"} — ${e.file}`).join("; ")]),
  );
  listing(
    "CÁC VẤN ĐỀ TÌM THẤY TRONG TỪNG TỆP",
    SOURCE_PROBLEM_HEADERS,
    result.files.flatMap((f) => sortProblems(f.problems).map((p) => [f.file, p.sheet, p.cell, SEVERITY_VI[p.severity], p.code, p.message])),
  );
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  return s.finish();
}

type StoredKind = "FILE" | "AGENCY" | "TASK" | "LINE" | "PROBLEM";

function buildStoreSheet(submissions: readonly Submission[]) {
  const s = new SheetBuilder(SHEETS.store, [10, 40, 120], false);
  let row = 1;
  s.value(row, 1, "Loại");
  s.value(row, 2, "Tệp");
  s.value(row++, 3, "Dữ liệu (JSON) — không sửa trang này; dùng để gộp thêm tệp sau này");
  const put = (kind: StoredKind, file: string, data: unknown) => {
    s.value(row, 1, kind);
    s.value(row, 2, file);
    s.value(row++, 3, JSON.stringify(data));
  };
  for (const sub of submissions) {
    if (sub.outcome.kind === "rejected") {
      put("FILE", sub.file, { modified: sub.modified, rejected: sub.outcome.reason, ...(sub.outcome.skipped ? { skipped: true } : {}) });
      continue;
    }
    const { plan, problems, readAs } = sub.outcome;
    put("FILE", sub.file, { modified: sub.modified, info: plan.info, groups: plan.groups, rates: plan.rates, training: plan.training, ...(readAs ? { readAs } : {}) });
    for (const a of plan.agencies) put("AGENCY", sub.file, a);
    for (const t of plan.tasks) put("TASK", sub.file, t);
    for (const l of plan.extraLines) put("LINE", sub.file, l);
    for (const p of problems) put("PROBLEM", sub.file, p);
  }
  s.grid.hidden = true;
  return s.grid;
}

/** The consolidated workbook of a merge. `submissions` are all that went into it. */
export function buildConsolidatedWorkbook(result: MergeResult, submissions: readonly Submission[], notice: string | null = null): WorkbookGrid {
  const grid = buildWorkbook(result.plan);
  grid.sheets.push(buildSourcesSheet(result, notice), buildStoreSheet(submissions));
  return grid;
}

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

/** The submissions stored in a consolidated workbook (empty when it has none). */
export function readStoredSubmissions(wb: RawWorkbook): Submission[] {
  const sheet = wb.sheets.find((s) => s.name === SHEETS.store);
  if (!sheet) return [];
  const byFile = new Map<string, Submission>();
  const order: Submission[] = [];
  for (const cells of sheet.rows.slice(1)) {
    const [kind, file, json] = cells;
    if (typeof kind !== "string" || typeof file !== "string" || typeof json !== "string") continue;
    if (kind === "FILE") {
      const data = JSON.parse(json) as StoredFile;
      const sub: Submission = data.rejected !== undefined
        ? { file, modified: data.modified, outcome: { kind: "rejected", reason: data.rejected, ...(data.skipped ? { skipped: true } : {}) } }
        : {
            file, modified: data.modified,
            outcome: {
              kind: "read",
              plan: { info: { ...data.info, year: data.info.year ?? NaN }, groups: data.groups, rates: data.rates, training: data.training, agencies: [], tasks: [], extraLines: [] },
              problems: [],
              ...(data.readAs ? { readAs: data.readAs } : {}),
            },
          };
      byFile.set(file, sub);
      order.push(sub);
      continue;
    }
    const sub = byFile.get(file);
    if (!sub || sub.outcome.kind !== "read") continue;
    if (kind === "AGENCY") sub.outcome.plan.agencies.push(JSON.parse(json) as Agency);
    else if (kind === "TASK") sub.outcome.plan.tasks.push(JSON.parse(json) as Task);
    else if (kind === "LINE") sub.outcome.plan.extraLines.push(JSON.parse(json) as ExtraLine);
    else if (kind === "PROBLEM") sub.outcome.problems.push(JSON.parse(json) as Problem);
  }
  return order;
}

/** An earlier consolidated workbook: its plan (info, groups, rates) and the submissions it holds. */
export interface Existing {
  plan: Plan;
  stored: Submission[];
}

/** Read an earlier consolidated workbook, or null when it holds no stored submissions. */
export function existingFromRaw(raw: RawWorkbook): Existing | null {
  const stored = readStoredSubmissions(raw);
  return stored.length === 0 ? null : { plan: readPlan(raw).plan, stored };
}

export interface Consolidation {
  result: MergeResult;
  submissions: Submission[];
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
export function consolidate(fresh: readonly Submission[], existing: Existing | null, overrides: BaseOverrides = {}): Consolidation | null {
  const submissions = [...(existing?.stored ?? []), ...fresh];
  if (!submissions.some((s) => s.outcome.kind === "read")) return null;
  const base = chooseBase(submissions, overrides, existing?.plan ?? null);
  const result = mergeSubmissions(submissions, base.plan, base.own);
  return { result, submissions, grid: buildConsolidatedWorkbook(result, submissions, base.notice), baseFrom: base.from, notice: base.notice };
}
