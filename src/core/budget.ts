/**
 * Budget computation (SPEC §4). Amounts are triệu đồng, computed exactly as đồng.
 *  I  per agency group: count of PL1 rows in the group × the group's rate;
 *  II management: kiểm tra (lump sum), đào tạo (classes × rate per class);
 *  lines an input carried (ExtraLine) are added to their section as they are.
 */
import { EXTRA_FORMS, formLabel, type ExtraForm, type WorkForm } from "./forms";
import type { AgencyGroup } from "./groups";
import type { Agency, Plan } from "./model";
import { sumTrieu, timesTrieu, trieuToDong } from "./numbers";
import { amountInWords } from "./words";

export type BudgetLineKind = "perAgency" | "inspection" | "training" | "carried";

export interface BudgetLine {
  kind: BudgetLineKind;
  label: string;
  groupId?: string;
  /** For per-agency lines of a form other than duy trì, cải tiến. */
  form?: ExtraForm;
  quantity: number | null;
  /** How the quantity reads on paper ("06 lớp (75 người/lớp)"). */
  quantityText: string;
  rate: number | null;
  amount: number;
  /** Nội dung chi and Ghi chú of a carried line. */
  content?: string;
  note?: string;
}

export interface BudgetSection {
  roman: string;
  title: string;
  lines: BudgetLine[];
  total: number;
}

export interface Budget {
  sections: BudgetSection[];
  total: number;
  totalWords: string;
  agencyCount: number;
}

export const SECTION_MAINTAIN = "Chi cho hoạt động duy trì, cải tiến";
export const SECTION_MANAGE = "Chi cho hoạt động quản lý của Sở Khoa học và Công nghệ";
export const LINE_INSPECTION = "Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan";
export const LINE_TRAINING = "Đào tạo tập huấn kỹ năng duy trì, cải tiến, đánh giá nội bộ cho cơ quan hành chính";

/** A group's rate for a form other than duy trì, or null when it has none (the form then counts as duy trì). */
export function formRate(g: AgencyGroup, form: ExtraForm): number | null {
  const r = g.formRates?.[form];
  return r === undefined || r === null ? null : r;
}

/** The form an agency is counted under: its own when its group has a rate for it, else duy trì, cải tiến. */
export function countedForm(a: Agency, g: AgencyGroup): WorkForm {
  return a.form && formRate(g, a.form) !== null ? a.form : "maintain";
}

/** PL2's label of a group's line for a form ("Cơ quan cấp xã — mở rộng"). */
export function formLineLabel(groupLabel: string, form: ExtraForm): string {
  return `${groupLabel} — ${formLabel(form).toLocaleLowerCase("vi")}`;
}

/** Số lớp: given, or ceil(people / people per class), or 0. */
export function trainingClasses(plan: Pick<Plan, "training" | "rates">): number {
  const { classes, participants } = plan.training;
  if (classes !== null) return classes;
  if (participants !== null && plan.rates.peoplePerClass > 0) {
    return Math.ceil(participants / plan.rates.peoplePerClass);
  }
  return 0;
}

export function computeBudget(plan: Plan): Budget {
  const perAgency = (g: AgencyGroup, form: WorkForm, rate: number): BudgetLine => {
    const count = plan.agencies.filter((a) => a.groupId === g.id && countedForm(a, g) === form).length;
    return {
      kind: "perAgency",
      label: form === "maintain" ? g.label : formLineLabel(g.label, form),
      groupId: g.id,
      ...(form !== "maintain" ? { form } : {}),
      quantity: count,
      quantityText: String(count),
      rate,
      amount: timesTrieu(count, rate),
    };
  };
  // One line per group, then one per group and form that has a rate (xây dựng mới, then mở rộng).
  const maintain: BudgetLine[] = [
    ...plan.groups.map((g) => perAgency(g, "maintain", g.rate)),
    ...EXTRA_FORMS.flatMap((f) => plan.groups.flatMap((g) => (formRate(g, f) === null ? [] : [perAgency(g, f, formRate(g, f)!)]))),
  ];
  const classes = trainingClasses(plan);
  const manage: BudgetLine[] = [
    {
      kind: "inspection",
      label: LINE_INSPECTION,
      quantity: plan.agencies.length,
      quantityText: String(plan.agencies.length),
      rate: null,
      amount: plan.rates.inspectionLumpSum,
    },
    {
      kind: "training",
      label: LINE_TRAINING,
      quantity: classes,
      quantityText: `${String(classes).padStart(2, "0")} lớp (${plan.rates.peoplePerClass} người/lớp)`,
      rate: plan.rates.trainingPerClass,
      amount: timesTrieu(classes, plan.rates.trainingPerClass),
    },
  ];
  const carried = (section: string): BudgetLine[] =>
    plan.extraLines
      .filter((l) => (l.section || "I") === section)
      .map((l) => ({
        kind: "carried",
        label: l.label,
        quantity: l.quantity,
        quantityText: l.quantityText,
        rate: l.rate,
        amount: l.amount,
        content: l.content,
        note: l.note,
      }));
  // Sections I and II are the standard ones; lines under any further section keep it (III, IV …).
  const order = [
    { roman: "I", title: SECTION_MAINTAIN, lines: maintain },
    { roman: "II", title: SECTION_MANAGE, lines: manage },
  ];
  for (const l of plan.extraLines) {
    const roman = l.section || "I";
    if (!order.some((s) => s.roman === roman)) order.push({ roman, title: l.sectionTitle ?? "", lines: [] });
  }
  const sections = order
    .map((s) => ({ ...s, lines: [...s.lines, ...carried(s.roman)] }))
    .map((s) => ({ ...s, total: sumTrieu(s.lines.map((l) => l.amount)) }));
  const total = sumTrieu(sections.map((s) => s.total));
  return { sections, total, totalWords: amountInWords(trieuToDong(total)), agencyCount: plan.agencies.length };
}
