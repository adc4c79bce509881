/** kehoach-iso merge INPUT... -o OUT.xlsx [--into EXISTING.xlsx] [--json] [--jobs N] [--year N] [--levels 2|3] */
import { readFile } from "node:fs/promises";
import { computeBudget } from "../core/budget";
import { mergeSubmissions, type MergeResult, type Submission } from "../core/merge";
import { formatVnNumber } from "../core/numbers";
import { chooseBase } from "../workbook/base";
import { buildConsolidatedWorkbook, readStoredSubmissions } from "../workbook/consolidated";
import { readPlan } from "../workbook/read";
import { STATUS_VI } from "../workbook/layout";
import { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { writeXlsx } from "../adapters/xlsx/writeXlsx";
import { findInputs } from "./inputs";
import { nodeInflate } from "./nodeInflate";
import { readMany } from "./readFiles";
import type { AdminLevels } from "../core/groups";
import type { Plan } from "../core/model";

export interface MergeArgs {
  inputs: string[];
  out: string;
  into?: string;
  jobs?: number;
  year?: number;
  levels?: AdminLevels;
}

export class MergeFailure extends Error {}

async function readExisting(path: string): Promise<{ plan: Plan; stored: Submission[] }> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (e) {
    throw new MergeFailure(`Không đọc được bản tổng hợp ${path}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "không có tệp này" : String(e)}.`);
  }
  try {
    const raw = await openWorkbook(bytes, { inflate: nodeInflate });
    return { plan: readPlan(raw).plan, stored: readStoredSubmissions(raw) };
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
  const { files, missing } = await findInputs(args.inputs);
  for (const m of missing) progress(`Bỏ qua ${m}: không có tệp hay thư mục này.`);
  if (files.length === 0 && !existing) throw new MergeFailure("Không có tệp .xlsx nào để tổng hợp.");
  const fresh = await readMany(files, {
    jobs: args.jobs,
    ...(existing ? { groups: existing.plan.groups } : {}),
    onFile: (done, total, s) => {
      const what = s.outcome.kind === "rejected"
        ? `bị loại: ${s.outcome.reason}`
        : `${s.outcome.plan.agencies.length} cơ quan, ${s.outcome.problems.filter((p) => p.severity === "error").length} lỗi`;
      progress(`[${done}/${total}] ${s.file}: ${what}`);
    },
  });
  const submissions = [...(existing?.stored ?? []), ...fresh];
  if (!submissions.some((s) => s.outcome.kind === "read")) {
    throw new MergeFailure(`Không tổng hợp được: cả ${submissions.length} tệp đều bị loại.`);
  }
  const base = chooseBase(submissions, { year: args.year, levels: args.levels }, existing?.plan ?? null);
  const result = mergeSubmissions(submissions, base.plan);
  const bytes = await writeXlsx(buildConsolidatedWorkbook(result, submissions));
  return { result, submissions, bytes, baseFrom: base.from };
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
      ...(f.status === "rejected" ? { reason: f.reason } : {}),
      problems: f.problems.map(({ severity, sheet, cell, message }) => ({ severity, sheet, cell, message })),
    })),
    duplicates: result.duplicates.map((d) => ({ name: d.name, area: d.area, files: d.files })),
    totals: result.totals,
  };
}

export function mergeSummary(result: MergeResult, out: string): string {
  const t = result.totals;
  const budget = computeBudget(result.plan);
  const byStatus = (s: keyof typeof STATUS_VI) => result.files.filter((f) => f.status === s).length;
  return [
    `Đã ghi bản tổng hợp: ${out}`,
    `${t.files} tệp: ${byStatus("ok")} đạt, ${byStatus("warning")} có cảnh báo, ${byStatus("replaced")} đã thay bằng tệp mới hơn, ${byStatus("rejected")} bị loại.`,
    `Dòng cơ quan: ${formatVnNumber(t.read)} đọc được = ${formatVnNumber(t.kept)} đưa vào + ${formatVnNumber(t.duplicates)} trùng + ${formatVnNumber(t.rejected)} không đưa vào + ${formatVnNumber(t.replaced)} đã thay.`,
    `Tổng hợp: ${formatVnNumber(result.plan.agencies.length)} cơ quan, kinh phí ${formatVnNumber(budget.total)} triệu đồng (${budget.totalWords}).`,
    `Chi tiết từng tệp và từng ô có vấn đề: trang "Nguồn dữ liệu".`,
  ].join("\n");
}
