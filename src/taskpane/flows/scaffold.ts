/** Tạo mẫu kế hoạch over PlanHost: the standard workbook, into the open workbook or as a download. */
import type { AdminLevels } from "../../core/groups";
import { newPlan } from "../../workbook/plan";
import { buildWorkbook } from "../../workbook/write";
import { TEMPLATE_AGENCY_ROWS } from "../../workbook/layout";
import type { ExistingSheets } from "../../adapters/office/excelWrite";
import type { PlanHost } from "../host";
import type { Status } from "./status";

export interface ScaffoldOptions {
  year: number;
  levels: AdminLevels;
  standardTasks: boolean;
}

/** Why a plan year cannot be used, or undefined. */
export function yearProblem(year: number): string | undefined {
  return Number.isInteger(year) && year >= 2000 && year <= 2100 ? undefined : "Nhập năm từ 2000 đến 2100";
}

/** Write the template; sheets of the same names are kept or replaced only as the user answers (`askExisting`, null = cancel). */
export async function scaffold(host: PlanHost, opts: ScaffoldOptions, askExisting: (existing: string[]) => Promise<ExistingSheets | null>): Promise<Status> {
  const bad = yearProblem(opts.year);
  if (bad) return { kind: "error", text: bad };
  const grid = buildWorkbook(newPlan({ year: opts.year, levels: opts.levels, standardTasks: opts.standardTasks }), { spareAgencyRows: TEMPLATE_AGENCY_ROWS });
  const existing = await askExisting(await host.existingSheets(grid.sheets.map((s) => s.name)));
  if (existing === null) return { kind: "done", title: "Đã huỷ", text: "Không trang nào bị thay đổi.", intent: "warning" };
  return { kind: "done", title: "Đã tạo mẫu kế hoạch", text: await host.putWorkbook(grid, `mau-ke-hoach-${opts.year}.xlsx`, existing) };
}
