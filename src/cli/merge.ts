/**
 * kehoach-iso merge INPUT... -o OUT.xlsx [--into EXISTING.xlsx] [--expected LIST] [--map MAPPING] [--json] [--jobs N] [--year N] [--levels 2|3]
 * and kehoach-iso status INPUT... --expected LIST: the same reading and merging, nothing written.
 */
import { computeBudget } from "../core/budget";
import type { MergeResult } from "../core/merge";
import { formatVnNumber } from "../core/numbers";
import { consolidate, lackingActivities, StoreProblem, unwritable, type Consolidation, type Existing } from "../workbook/consolidated";
import { agencyList, type AgencyList, type Tracking, type UnitMapping } from "../core/season";
import { mappingFromRaw, MappingProblem } from "../workbook/mapping";
import { readFile } from "node:fs/promises";
import { mergeCountLines, seasonLines, submissionLine } from "../workbook/submission";
import { UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { writeXlsxTo } from "../adapters/xlsx/writeXlsx";
import { nodeZip } from "./nodeZip";
import { saveStreamed } from "./save";
import { findInputs } from "./inputs";
import { existingInWorker, openInWorker, readMany } from "./readFiles";
import { basename } from "node:path";
import type { Plan } from "../core/model";
import { readPlan } from "../workbook/read";
import type { AdminLevels } from "../core/groups";

export interface MergeArgs {
  inputs: string[];
  out: string;
  /** The province's own plan (its heading, groups and rates). */
  plan?: string;
  into?: string;
  jobs?: number;
  year?: number;
  levels?: AdminLevels;
  /** Who should send: last year's consolidated workbook or any workbook with an agency list. */
  expected?: string;
  /** Old units to new ones (CSV or workbook). */
  map?: string;
}

export class MergeFailure extends Error {}

async function readExisting(path: string): Promise<Existing | null> {
  try {
    return await existingInWorker(path);
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new MergeFailure(`Không đọc được bản tổng hợp ${path}: ${e.reason}.`);
    if (e instanceof StoreProblem) throw new MergeFailure(e.refusal(path));
    throw e;
  }
}

async function readProvincePlan(path: string): Promise<{ file: string; plan: Plan }> {
  try {
    return { file: basename(path), plan: readPlan(await openInWorker(path, true)).plan };
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new MergeFailure(`Không đọc được kế hoạch của tỉnh ${path}: ${e.reason}.`);
    throw e;
  }
}

async function readExpected(path: string): Promise<AgencyList> {
  try {
    const list = agencyList(basename(path), readPlan(await openInWorker(path, true)).plan);
    if (list.agencies.length === 0) throw new MergeFailure(`Danh sách dự kiến ${path} không có cơ quan nào (cần một trang có cột "Tên cơ quan").`);
    return list;
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new MergeFailure(`Không đọc được danh sách dự kiến ${path}: ${e.reason}.`);
    throw e;
  }
}

async function readMapping(path: string): Promise<UnitMapping[]> {
  try {
    if (/\.csv$/i.test(path)) {
      const { readCsv } = await import("../adapters/xlsx/readSheetJs");
      return mappingFromRaw(readCsv(await readFile(path), basename(path)), path);
    }
    return mappingFromRaw(await openInWorker(path, false), path);
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new MergeFailure(`Không đọc được bảng chuyển đổi ${path}: ${e.reason}.`);
    if (e instanceof MappingProblem) throw new MergeFailure(e.message);
    if (e instanceof Error && (e as NodeJS.ErrnoException).code) throw new MergeFailure(`Không đọc được bảng chuyển đổi ${path}: ${(e as NodeJS.ErrnoException).code}.`);
    if (e instanceof Error) throw new MergeFailure(`Không đọc được bảng chuyển đổi ${path}: ${e.message}.`);
    throw e;
  }
}

/**
 * Read, merge and write the consolidated workbook to `args.out` (as it is made: never all of it in
 * memory at once); throws MergeFailure when nothing can be merged, FileProblem when it cannot be written.
 */
export async function mergeFiles(args: MergeArgs, progress: (line: string) => void): Promise<Consolidation> {
  const done = await consolidateFiles(args, progress);
  await saveStreamed(args.out, (out) => writeXlsxTo(done.grid, out, { codec: nodeZip }));
  return done;
}

/** Read and merge, nothing written (the merge and the status commands). */
export async function consolidateFiles(args: Omit<MergeArgs, "out">, progress: (line: string) => void): Promise<Consolidation> {
  let existing = args.into ? await readExisting(args.into) : null;
  if (args.into && !existing) progress(`${args.into} không có dữ liệu nguồn của lần tổng hợp trước; chỉ tổng hợp các tệp mới.`);
  const province = args.plan ? await readProvincePlan(args.plan) : undefined;
  const found = await findInputs(args.inputs);
  const missing = found.missing;
  let files = found.files;
  for (const m of missing) progress(`Bỏ qua ${m}: không có tệp hay thư mục này.`);
  if (files.length === 0 && !existing) throw new MergeFailure("Không có tệp nào để tổng hợp.");
  let fresh = await readMany(files, {
    jobs: args.jobs,
    ...(existing ? { groups: existing.plan.groups } : {}),
    onFile: (done, total, s) => progress(`[${done}/${total}] ${s.file}: ${submissionLine(s)}`),
  });
  // A consolidated workbook among the inputs is never merged as a submission: with no --into,
  // a single one is what the new files are merged into; otherwise it is refused (its reason says so).
  const earlier = fresh.flatMap((s, i) => (s.outcome.kind === "rejected" && s.outcome.consolidated ? [i] : []));
  if (!existing && earlier.length === 1) {
    const at = files[earlier[0]];
    existing = await readExisting(at.path);
    progress(`${at.label} là bản tổng hợp lần trước: các tệp mới được gộp thêm vào nó (như --into).`);
    files = files.filter((_, i) => i !== earlier[0]);
    fresh = fresh.filter((_, i) => i !== earlier[0]);
  }
  const season = {
    ...(args.expected ? { expected: await readExpected(args.expected) } : {}),
    ...(args.map ? { mapping: await readMapping(args.map) } : {}),
  };
  let done: Consolidation | null;
  try {
    done = consolidate(fresh, existing, { year: args.year, levels: args.levels, ...(province ? { plan: province } : {}) }, season);
  } catch (e) {
    const why = unwritable(e);
    if (why) throw new MergeFailure(why);
    throw e;
  }
  if (!done) throw new MergeFailure(`Không tổng hợp được: cả ${fresh.length} tệp đều bị loại.`);
  if (done.notice) progress(`LƯU Ý: ${done.notice}`);
  return done;
}

/** Who has sent, for --json (merge and status). */
export function trackingJson(t: Tracking) {
  const agency = (a: { name: string; area: string; groupId: string | null }) => ({ name: a.name, area: a.area, groupId: a.groupId });
  return {
    file: t.file,
    sent: t.sent,
    missing: t.missing,
    expected: t.expected.map((e) => ({ ...agency(e.agency), file: e.file || null, date: e.date || null, ...(e.maybe ? { maybe: agency(e.maybe) } : {}) })),
    unexpected: t.unexpected.map((u) => ({ ...agency(u.agency), file: u.file, ...(u.maybeOf ? { maybeOf: agency(u.maybeOf) } : {}) })),
  };
}

export function mergeJson(result: MergeResult, notice: string | null = null, season?: Pick<Consolidation, "tracking" | "comparison" | "corrections">) {
  const budget = computeBudget(result.plan);
  return {
    ...(notice ? { notice } : {}),
    ...(season?.tracking ? { tracking: trackingJson(season.tracking) } : {}),
    ...(season?.corrections.length ? { corrections: season.corrections.map((c) => ({ ...c.correction, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })) } : {}),
    agencies: result.plan.agencies.length,
    total: budget.total,
    files: result.files.map((f) => ({
      file: f.file,
      status: f.status === "replaced" ? "warning" : f.status,
      unit: f.unit,
      agencies: f.kept,
      read: f.read,
      duplicates: f.duplicates,
      rejected: f.rejected,
      replaced: f.replaced,
      ...(f.replacedBy ? { replacedBy: f.replacedBy } : {}),
      ...(f.status === "rejected" || f.status === "skipped" ? { reason: f.reason } : {}),
      ...(f.readAs ? { readAs: f.readAs } : {}),
      problems: f.problems.map(({ severity, sheet, cell, message }) => ({ severity, sheet, cell, message })),
    })),
    duplicates: result.duplicates.map((d) => ({ name: d.name, area: d.area, files: d.files })),
    possibleDuplicates: result.possibleDuplicates,
    totals: result.totals,
  };
}

function lacking(result: MergeResult): string[] {
  const units = lackingActivities(result);
  return units.length ? [`Kế hoạch chưa đủ hoạt động bắt buộc (đánh giá nội bộ, họp xem xét của lãnh đạo, báo cáo 6 tháng, năm): ${units.length} đơn vị — ${units.slice(0, 10).map((u) => u.unit || u.file).join("; ")}${units.length > 10 ? "; …" : ""} (trang "Nguồn dữ liệu").`] : [];
}

export function mergeSummary(result: MergeResult, out: string, notice: string | null = null, season?: Pick<Consolidation, "tracking" | "comparison" | "corrections">): string {
  const t = result.totals;
  const budget = computeBudget(result.plan);
  return [
    ...(notice ? [`LƯU Ý: ${notice}`] : []),
    `Đã ghi bản tổng hợp: ${out}`,
    ...mergeCountLines(result.files, t),
    `Tổng hợp: ${formatVnNumber(result.plan.agencies.length)} cơ quan, kinh phí ${formatVnNumber(budget.total)} triệu đồng (${budget.totalWords}).`,
    ...(season ? seasonLines(season) : []),
    ...lacking(result),
    ...(result.possibleDuplicates.length
      ? [`Có thể trùng (cùng tên, chưa rõ địa bàn — đã giữ cả hai, cần kiểm tra): ${result.possibleDuplicates.map((d) => `${d.name} (${d.entries.map((e) => e.file).join(", ")})`).join("; ")}.`]
      : []),
    `Chi tiết từng tệp và từng ô có vấn đề: trang "Nguồn dữ liệu".`,
  ].join("\n");
}
