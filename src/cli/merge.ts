/** kehoach-iso merge INPUT... -o OUT.xlsx [--into EXISTING.xlsx] [--json] [--jobs N] [--year N] [--levels 2|3] */
import { computeBudget } from "../core/budget";
import type { MergeResult, Submission } from "../core/merge";
import { formatVnNumber } from "../core/numbers";
import { consolidate, existingFromRaw, type Existing } from "../workbook/consolidated";
import { submissionLine } from "../workbook/submission";
import { STATUS_VI } from "../workbook/layout";
import { UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { writeXlsx } from "../adapters/xlsx/writeXlsx";
import { findInputs } from "./inputs";
import { openInWorker, readMany } from "./readFiles";
import type { AdminLevels } from "../core/groups";

export interface MergeArgs {
  inputs: string[];
  out: string;
  into?: string;
  jobs?: number;
  year?: number;
  levels?: AdminLevels;
}

export class MergeFailure extends Error {}

async function readExisting(path: string): Promise<Existing | null> {
  try {
    return existingFromRaw(await openInWorker(path));
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new MergeFailure(`Không đọc được bản tổng hợp ${path}: ${e.reason}.`);
    throw e;
  }
}

export interface MergeOutcome {
  result: MergeResult;
  submissions: Submission[];
  bytes: Uint8Array;
  baseFrom: string | null;
}

/** Read, merge and render; throws MergeFailure when nothing can be merged. */
export async function mergeFiles(args: MergeArgs, progress: (line: string) => void): Promise<MergeOutcome> {
  const existing = args.into ? await readExisting(args.into) : null;
  if (args.into && !existing) progress(`${args.into} không có dữ liệu nguồn của lần tổng hợp trước; chỉ tổng hợp các tệp mới.`);
  const { files, missing } = await findInputs(args.inputs);
  for (const m of missing) progress(`Bỏ qua ${m}: không có tệp hay thư mục này.`);
  if (files.length === 0 && !existing) throw new MergeFailure("Không có tệp nào để tổng hợp.");
  const fresh = await readMany(files, {
    jobs: args.jobs,
    ...(existing ? { groups: existing.plan.groups } : {}),
    onFile: (done, total, s) => progress(`[${done}/${total}] ${s.file}: ${submissionLine(s)}`),
  });
  const done = consolidate(fresh, existing, { year: args.year, levels: args.levels });
  if (!done) throw new MergeFailure(`Không tổng hợp được: cả ${fresh.length} tệp đều bị loại.`);
  return { result: done.result, submissions: done.submissions, bytes: await writeXlsx(done.grid), baseFrom: done.baseFrom };
}

export function mergeJson(result: MergeResult) {
  const budget = computeBudget(result.plan);
  return {
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

export function mergeSummary(result: MergeResult, out: string): string {
  const t = result.totals;
  const budget = computeBudget(result.plan);
  const byStatus = (s: keyof typeof STATUS_VI) => result.files.filter((f) => f.status === s).length;
  return [
    `Đã ghi bản tổng hợp: ${out}`,
    `${t.files} tệp: ${byStatus("ok")} đạt, ${byStatus("warning")} có cảnh báo, ${byStatus("replaced")} đã thay bằng tệp mới hơn, ${byStatus("rejected")} bị loại${byStatus("skipped") ? `, ${byStatus("skipped")} bỏ qua (không phải sổ tính)` : ""}.`,
    `Dòng cơ quan: ${formatVnNumber(t.read)} đọc được = ${formatVnNumber(t.kept)} đưa vào + ${formatVnNumber(t.duplicates)} trùng + ${formatVnNumber(t.rejected)} không đưa vào + ${formatVnNumber(t.replaced)} đã thay.`,
    `Tổng hợp: ${formatVnNumber(result.plan.agencies.length)} cơ quan, kinh phí ${formatVnNumber(budget.total)} triệu đồng (${budget.totalWords}).`,
    ...(result.possibleDuplicates.length
      ? [`Có thể trùng (cùng tên, chưa rõ địa bàn — đã giữ cả hai, cần kiểm tra): ${result.possibleDuplicates.map((d) => `${d.name} (${d.entries.map((e) => e.file).join(", ")})`).join("; ")}.`]
      : []),
    `Chi tiết từng tệp và từng ô có vấn đề: trang "Nguồn dữ liệu".`,
  ].join("\n");
}
