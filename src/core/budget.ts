/**
 * Budget computation (SPEC §4). Amounts are triệu đồng, computed exactly as đồng.
 *  I  per agency group: count of PL1 rows in the group × the group's rate;
 *  II management: kiểm tra (lump sum), đào tạo (classes × rate per class);
 *  lines an input carried (ExtraLine) are added to their section as they are.
 */
import type { Plan } from "./model";
import { sumTrieu, timesTrieu, trieuToDong } from "./numbers";
import { amountInWords } from "./words";

export type BudgetLineKind = "perAgency" | "inspection" | "training" | "carried";

export interface BudgetLine {
  kind: BudgetLineKind;
  label: string;
  groupId?: string;
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
  const maintain: BudgetLine[] = plan.groups.map((g) => {
    const count = plan.agencies.filter((a) => a.groupId === g.id).length;
    return {
      kind: "perAgency",
      label: g.label,
      groupId: g.id,
      quantity: count,
      quantityText: String(count),
      rate: g.rate,
      amount: timesTrieu(count, g.rate),
    };
  });
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
