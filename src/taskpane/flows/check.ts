/** Kiểm tra over PlanHost: a plan's problems (errors first) and what to say about them. */
import type { Problem } from "../../core/problems";
import type { RawWorkbook } from "../../workbook/grid";
import { readPlan } from "../../workbook/read";
import type { Status } from "./status";

export interface Checked {
  problems: Problem[];
  status: Status;
}

/** Read a plan (the open workbook, or a file) and check it. */
export async function checkPlan(source: string, read: () => Promise<RawWorkbook>): Promise<Checked> {
  const problems = readPlan(await read()).problems;
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  if (errors + warnings === 0) {
    return { problems, status: { kind: "done", title: "Không có lỗi", text: `${source}: mọi ô đều hợp lệ${problems.length ? ` (${problems.length} ghi chú bên dưới)` : ""}.` } };
  }
  return { problems, status: { kind: "done", title: `${errors} lỗi, ${warnings} cảnh báo`, text: `${source}: xem danh sách dưới đây (lỗi trước).`, intent: errors > 0 ? "error" : "warning" } };
}
