/**
 * The Kinh phí flow over PlanHost: the rate fields of a plan, and saving edited rates — into the
 * open workbook (through the template's named cells, which Excel keeps on their cells when rows
 * are inserted; else at the cell found again when saving; PL2 then read back as Excel computes
 * it) or into a copy of the user's own file.
 */
import { formRate } from "../../core/budget";
import { EXTRA_FORMS, formLabel } from "../../core/forms";
import type { CellRef, Plan } from "../../core/model";
import { cellAddress } from "../../core/problems";
import type { RateRefs } from "../../core/validate";
import { readPlan, type ReadResult } from "../../workbook/read";
import type { CellEdit, PlanHost } from "../host";
import { GROUP_COLUMNS, RATE_ROWS, type GroupColumn, type InfoKey } from "../../workbook/layout";
import { NAME_GROUP_TABLE } from "../../workbook/write";

export interface RateField {
  key: string;
  label: string;
  value: number | null;
  at?: CellRef;
  /** Where the template names the cell: a name of its own, or the group table's row of this group. */
  name?: string;
  row?: CellEdit["row"];
  set: (p: Plan, v: number | null) => Plan;
}

/** The template's name of a rate cell on Thông tin. */
const rateName = (key: InfoKey) => RATE_ROWS.find((r) => r.key === key)?.name;

/** A group's rate in the template's named group table: its row found by the group's id. */
function groupRow(id: string, column: GroupColumn): CellEdit["row"] {
  const index = (k: GroupColumn) => GROUP_COLUMNS.findIndex((c) => c.key === k);
  return { keyColumn: index("id"), key: id, column: index(column) };
}

export function rateFields(plan: Plan, refs: RateRefs): RateField[] {
  return [
    ...plan.groups.map((g) => ({
      key: `group:${g.id}`,
      label: `${g.label} (triệu đồng/cơ quan)`,
      value: g.rate,
      at: refs.groups?.[g.id],
      name: NAME_GROUP_TABLE,
      row: groupRow(g.id, "rate"),
      set: (p: Plan, v: number | null) => ({ ...p, groups: p.groups.map((x) => (x.id === g.id ? { ...x, rate: v ?? 0 } : x)) }),
    })),
    // Xây dựng mới / mở rộng: for the groups that have such a rate (a blank one counts as duy trì).
    ...plan.groups.flatMap((g) =>
      EXTRA_FORMS.flatMap((f) =>
        formRate(g, f) === null
          ? []
          : [{
              key: `form:${g.id}:${f}`,
              label: `${g.label}, ${formLabel(f).toLocaleLowerCase("vi")} (triệu đồng/cơ quan)`,
              value: formRate(g, f),
              at: refs.formRates?.[g.id]?.[f],
              name: NAME_GROUP_TABLE,
              row: groupRow(g.id, f),
              set: (p: Plan, v: number | null) => ({ ...p, groups: p.groups.map((x) => (x.id === g.id ? { ...x, formRates: { ...x.formRates, [f]: v ?? 0 } } : x)) }),
            }],
      ),
    ),
    { key: "training", label: "Đào tạo (triệu đồng/lớp)", value: plan.rates.trainingPerClass, at: refs.trainingPerClass, name: rateName("trainingPerClass"), set: (p, v) => ({ ...p, rates: { ...p.rates, trainingPerClass: v ?? 0 } }) },
    { key: "people", label: "Số người mỗi lớp", value: plan.rates.peoplePerClass, at: refs.peoplePerClass, name: rateName("peoplePerClass"), set: (p, v) => ({ ...p, rates: { ...p.rates, peoplePerClass: v ?? 0 } }) },
    { key: "inspection", label: "Kiểm tra, trọn gói (triệu đồng)", value: plan.rates.inspectionLumpSum, at: refs.inspectionLumpSum, name: rateName("inspectionLumpSum"), set: (p, v) => ({ ...p, rates: { ...p.rates, inspectionLumpSum: v ?? 0 } }) },
  ];
}


/** Edited rates, by field key. */
export type RateValues = ReadonlyMap<string, number>;

/** The cell edits for these rates at the places `refs` give; the labels of rates the workbook has no cell for. */
export function rateEdits(plan: Plan, refs: RateRefs, values: RateValues): { edits: Array<CellEdit & { value: number }>; missing: string[] } {
  const edits: Array<CellEdit & { value: number }> = [];
  const missing: string[] = [];
  for (const f of rateFields(plan, refs)) {
    const v = values.get(f.key);
    if (v === undefined) continue;
    if (f.at) edits.push({ sheet: f.at.sheet, cell: cellAddress(f.at.row, f.at.col), value: v, ...(f.name ? { name: f.name } : {}), ...(f.row ? { row: f.row } : {}) });
    else missing.push(f.label);
  }
  return { edits, missing };
}

export interface SavedInWorkbook {
  /** The plan as the workbook shows it after the write (PL2 as Excel computed it). */
  read: ReadResult;
  /** Rates the workbook has no cell for (nothing was written then). */
  missing: string[];
  /** Excel calculates manually: PL2 shows the new figures only after F9. */
  manual: boolean;
}

/** Write edited rates into the open workbook, where its rate cells are now, and read it back. */
export async function saveRatesInWorkbook(host: PlanHost, values: RateValues): Promise<SavedInWorkbook> {
  if (!host.readOpenWorkbook || !host.writeCells) throw new Error("Chỉ ghi được định mức vào sổ đang mở trong Excel.");
  const now = readPlan(await host.readOpenWorkbook());
  const { edits, missing } = rateEdits(now.plan, now.refs, values);
  if (missing.length > 0) return { read: now, missing, manual: false };
  await host.writeCells(edits);
  const manual = (await host.calculationMode?.()) === "Manual";
  return { read: readPlan(await host.readOpenWorkbook()), missing: [], manual };
}
