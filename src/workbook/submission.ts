/** A submitted workbook's raw values turned into a Submission (read, or rejected with a reason). */
import type { AgencyGroup, AdminLevels } from "../core/groups";
import { forMerging, type FileReport, type MergeTotals, type Submission } from "../core/merge";
import type { Tracking } from "../core/season";
import type { Consolidation } from "./consolidated";
import { formatVnNumber } from "../core/numbers";
import type { RawWorkbook } from "./grid";
import { cellText, readPlan } from "./read";
import { SHEETS } from "./layout";

export interface SubmissionOptions {
  /** The consolidating plan's groups, used for files that carry no group table. */
  groups?: AgencyGroup[];
  levels?: AdminLevels;
}

/** A consolidated workbook among the files: never merged as a submission (see merge's --into). */
export function consolidatedInput(file: string, modified: number): Submission {
  return { file, modified, outcome: { kind: "rejected", consolidated: true, reason: `đây là một bản tổng hợp (có trang ẩn "${SHEETS.store}"), không gộp như một tệp gửi; dùng --into để gộp thêm vào nó` } };
}

export function submissionFromRaw(file: string, modified: number, raw: RawWorkbook, opts: SubmissionOptions = {}): Submission {
  const reject = (reason: string): Submission => ({ file, modified, outcome: { kind: "rejected", reason } });
  const hasContent = raw.sheets.some((s) => s.rows.some((r) => r.some((v) => cellText(v) !== "")));
  if (!hasContent) return reject("sổ tính trống, không có dữ liệu");
  if (raw.sheets.some((s) => s.name === SHEETS.store)) return consolidatedInput(file, modified);
  const read = readPlan(raw, opts);
  if (!read.sheets.agencies && !read.sheets.budget && !read.sheets.info) {
    return reject(`không có trang kế hoạch nào (danh sách cơ quan "Tên cơ quan", kinh phí "Số tiền" hay "Thông tin"); các trang: ${raw.sheets.map((s) => `"${s.name}"`).join(", ")}`);
  }
  const problems = read.sheets.agencies
    ? read.problems
    : read.problems.filter((p) => !(p.code === "SHEET_MISSING" && p.severity === "error"));
  return { file, modified, outcome: { kind: "read", plan: forMerging(read.plan), problems, readAs: read.readAs } };
}

/** One line saying what was read from a submission (progress lines, the task pane's file list). */
export function submissionLine(s: Submission): string {
  if (s.outcome.kind === "rejected") return `${s.outcome.skipped ? "bỏ qua" : "bị loại"}: ${s.outcome.reason}`;
  const errors = s.outcome.problems.filter((p) => p.severity === "error").length;
  return `${s.outcome.plan.agencies.length} cơ quan, ${errors} lỗi`;
}

/** What a merge did with the files and with their agency rows, in two lines (command line and task pane alike). */
export function mergeCountLines(files: readonly FileReport[], t: MergeTotals): [string, string] {
  const byStatus = (s: FileReport["status"]) => files.filter((f) => f.status === s).length;
  return [
    `${t.files} tệp: ${byStatus("ok")} đạt, ${byStatus("warning")} có cảnh báo, ${byStatus("replaced")} đã thay bằng tệp mới hơn, ${byStatus("rejected")} bị loại${byStatus("skipped") ? `, ${byStatus("skipped")} bỏ qua (không phải sổ tính)` : ""}.`,
    `Dòng cơ quan: ${formatVnNumber(t.read)} đọc được = ${formatVnNumber(t.kept)} đưa vào + ${formatVnNumber(t.duplicates)} trùng + ${formatVnNumber(t.rejected)} không đưa vào + ${formatVnNumber(t.replaced)} đã thay.`,
  ];
}

const agencyText = (a: { name: string; area: string }) => (a.area ? `${a.name} (${a.area})` : a.name);

/** Who has not sent: every one (status), or the first few with a pointer to the sheet (merge, the task pane). */
export function trackingLines(t: Tracking, all: boolean): string[] {
  const missing = t.expected.filter((e) => !e.file);
  const shown = all ? missing : missing.slice(0, 15);
  const more = missing.length - shown.length;
  return [
    `Danh sách dự kiến ${t.file}: ${formatVnNumber(t.sent)}/${formatVnNumber(t.expected.length)} cơ quan đã gửi.`,
    `Chưa gửi: ${formatVnNumber(t.missing)} cơ quan${missing.length ? ":" : "."}`,
    ...shown.map((e) => `  - ${agencyText(e.agency)}${e.maybe ? ` — có thể đã gửi dưới tên "${e.maybe.name}", cần xác nhận` : ""}`),
    ...(more > 0 ? [`  … và ${formatVnNumber(more)} cơ quan nữa (trang "Theo dõi nộp").`] : []),
    ...(t.unexpected.length
      ? [
          `Gửi đến nhưng không có trong danh sách dự kiến: ${formatVnNumber(t.unexpected.length)} cơ quan${all || t.unexpected.length <= 15 ? ":" : ` (trang "Theo dõi nộp").`}`,
          ...(all || t.unexpected.length <= 15 ? t.unexpected.map((u) => `  - ${agencyText(u.agency)} — tệp ${u.file}${u.maybeOf ? ` — có thể là "${u.maybeOf.name}" đổi tên` : ""}`) : []),
        ]
      : []),
  ];
}

/** The season's lines of a merge summary: who has sent, the officer's corrections, last year. */
export function seasonLines(done: Pick<Consolidation, "tracking" | "comparison" | "corrections">): string[] {
  const lines = done.tracking ? trackingLines(done.tracking, false) : [];
  if (done.corrections.length) {
    const gone = done.corrections.filter((c) => c.status === "gone");
    lines.push(`Điều chỉnh của người tổng hợp ở Phụ lục 1: ${done.corrections.length} (${done.corrections.length - gone.length} áp dụng lại${gone.length ? `, ${gone.length} không còn áp dụng: ${gone.map((g) => `${g.correction.name} — ${g.reason}`).join("; ")}` : ""}); trang "Điều chỉnh".`);
  }
  const c = done.comparison;
  if (c) {
    const sum = (k: "lastCount" | "thisCount" | "lastAmount" | "thisAmount") => c.byGroup.reduce((a, g) => a + g[k], 0);
    lines.push(
      `So với ${c.lastFile}: ${formatVnNumber(sum("lastCount"))} → ${formatVnNumber(sum("thisCount"))} cơ quan, kinh phí duy trì ${formatVnNumber(sum("lastAmount"))} → ${formatVnNumber(sum("thisAmount"))} triệu đồng; ${c.added.length} mới, ${c.removed.length} không còn, ${c.suggested.length} có thể đổi tên (trang "So với năm trước").`,
    );
  }
  return lines;
}
