/**
 * Validation rules over the plan model and over the row sequences a reader saw.
 * Every problem carries the cell it is about, taken from the model's CellRef.
 */
import { countedForm } from "./budget";
import { formLabel, type ExtraForm } from "./forms";
import type { Agency, CellRef, Plan } from "./model";
import { formatVnNumber } from "./numbers";
import { cellAddress, type Problem, type ProblemCode, type Severity } from "./problems";
import { fromRoman, toRoman } from "./roman";
import { foldText, unitKey } from "./text";
import { parseTiming, timingYear } from "./timing";

export function problemAt(
  at: CellRef | undefined,
  severity: Severity,
  code: ProblemCode,
  message: string,
  fallbackSheet = "",
): Problem {
  return {
    severity,
    sheet: at?.sheet ?? fallbackSheet,
    cell: at ? cellAddress(at.row, at.col) : "",
    code,
    message,
  };
}

/** The identity of an agency across files: its name key within its địa bàn. */
export function agencyKey(a: Pick<Agency, "name" | "area">): string {
  return `${unitKey(a.area)}\u0000${unitKey(a.name)}`;
}

/** STT must run 1, 2, 3 … in order. `stt` is what the cell held ("01" is read as 1). */
export function checkSttSequence(items: ReadonlyArray<{ stt: string; at: CellRef }>): Problem[] {
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    const expected = i + 1;
    const text = item.stt.trim();
    if (text === "") {
      problems.push(problemAt(item.at, "warning", "STT_SEQUENCE", `Thiếu số thứ tự; cần ${expected}.`));
    } else if (!/^\d+$/.test(text) || Number(text) !== expected) {
      problems.push(problemAt(item.at, "warning", "STT_SEQUENCE", `Số thứ tự "${text}" không đúng thứ tự; cần ${expected}.`));
    }
  });
  return problems;
}

/** Section numerals must run I, II, III … in order. */
/**
 * Sections run I, II, III … in order. A unit's excerpt of the provincial list may start further on
 * (a district's file holds only "III UBND huyện…"): with `anyStart`, only the order is checked.
 */
export function checkSectionOrder(marks: ReadonlyArray<{ roman: string; at: CellRef }>, anyStart = false): Problem[] {
  const first = anyStart && marks.length > 0 ? (fromRoman(marks[0].roman) ?? 1) : 1;
  return marks.flatMap((m, i) => {
    const expected = toRoman(first + i);
    return fromRoman(m.roman) === first + i
      ? []
      : [problemAt(m.at, "error", "SECTION_ORDER", `Mục "${m.roman}" không đúng thứ tự; cần mục ${expected}.`)];
  });
}

function checkAgencies(plan: Plan): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Agency>();
  for (const a of plan.agencies) {
    if (a.rejectReason) continue; // reported where its text was read
    if (a.groupId === null) {
      const typed = a.groupText ? `"${a.groupText}" không phải là nhóm cơ quan của kế hoạch` : "Chưa chọn nhóm cơ quan và không suy ra được từ tên";
      problems.push(
        problemAt(a.groupAt ?? a.at, "error", "UNKNOWN_GROUP", `${typed} (${a.name}); chọn một trong: ${plan.groups.map((g) => g.label).join("; ")}.`),
      );
    }
    const key = agencyKey(a);
    const first = seen.get(key);
    if (first) {
      const where = first.at ? ` (đã có ở ô ${cellAddress(first.at.row, first.at.col)})` : "";
      problems.push(problemAt(a.at, "error", "DUPLICATE_AGENCY", `Cơ quan "${a.name}" bị trùng${where}; mỗi cơ quan chỉ được tính kinh phí một lần.`));
    } else {
      seen.set(key, a);
    }
  }
  return problems;
}

function checkTasks(plan: Plan): Problem[] {
  const problems: Problem[] = [];
  for (const t of plan.tasks) {
    if (t.timing.trim() === "") continue;
    const timing = parseTiming(t.timing);
    const at = t.timingAt ?? t.at;
    if (timing === null) {
      problems.push(
        problemAt(at, "warning", "TIMING_UNPARSED", `Không hiểu thời gian "${t.timing}"; viết như "Quý I/${plan.info.year}", "Tháng 5/${plan.info.year}", "trước ngày 15/11/${plan.info.year}", "Thường xuyên", "Hàng năm".`),
      );
      continue;
    }
    const year = timingYear(timing);
    if (year !== null && Number.isFinite(plan.info.year) && year !== plan.info.year) {
      problems.push(problemAt(at, "error", "TIMING_YEAR", `Thời gian "${t.timing}" thuộc năm ${year}, không phải năm kế hoạch ${plan.info.year}.`));
    }
  }
  return problems;
}

/** Where the reader found each rate, for problems about them. */
export interface RateRefs {
  trainingPerClass?: CellRef;
  peoplePerClass?: CellRef;
  inspectionLumpSum?: CellRef;
  groups?: Record<string, CellRef>;
  /** Each group's rate cells for xây dựng mới and mở rộng. */
  formRates?: Record<string, Partial<Record<ExtraForm, CellRef>>>;
}

function checkRates(plan: Plan, refs: RateRefs): Problem[] {
  const problems: Problem[] = [];
  const negative = (value: number, at: CellRef | undefined, what: string) => {
    if (value < 0) problems.push(problemAt(at, "error", "NEGATIVE_MONEY", `${what} không được âm (${formatVnNumber(value)}).`));
  };
  negative(plan.rates.trainingPerClass, refs.trainingPerClass, "Định mức đào tạo");
  negative(plan.rates.inspectionLumpSum, refs.inspectionLumpSum, "Kinh phí kiểm tra");
  for (const g of plan.groups) {
    negative(g.rate, refs.groups?.[g.id], `Định mức của nhóm "${g.label}"`);
    for (const [f, r] of Object.entries(g.formRates ?? {}) as Array<[ExtraForm, number | null]>) {
      if (r !== null) negative(r, refs.formRates?.[g.id]?.[f], `Định mức ${formLabel(f).toLocaleLowerCase("vi")} của nhóm "${g.label}"`);
    }
  }
  if (plan.rates.peoplePerClass <= 0) {
    problems.push(problemAt(refs.peoplePerClass, "error", "NOT_NUMBER", "Số người mỗi lớp phải lớn hơn 0."));
  }
  for (const l of plan.extraLines) negative(l.amount, l.at, `Số tiền "${l.label}"`);
  return problems;
}

/** Agencies of a form (xây dựng mới, mở rộng) whose group has no rate for it: counted as duy trì, and told so. */
function checkForms(plan: Plan): Problem[] {
  return plan.agencies.flatMap((a) => {
    const g = plan.groups.find((x) => x.id === a.groupId);
    if (!a.form || !g || countedForm(a, g) === a.form) return [];
    const form = formLabel(a.form).toLocaleLowerCase("vi");
    return [problemAt(a.at, "warning", "FORM_NO_RATE", `"${a.name}" có hình thức ${form} nhưng nhóm "${g.label}" chưa có định mức ${form} (trang Thông tin): được tính theo định mức duy trì, cải tiến.`)];
  });
}

/** The activities every plan must hold at least once a year (SPEC §6, §7), found by their words (folded). */
export const REQUIRED_ACTIVITIES = [
  { id: "audit", label: "đánh giá nội bộ", pattern: /danh gia noi bo/ },
  { id: "review", label: "họp xem xét của lãnh đạo", pattern: /xem xet (cua )?lanh dao|xem xet cua ban lanh dao/ },
] as const;

const HALF_YEAR = /\b(6|sau) thang( dau)?( nam)?( \d{4})?/g;

/** The two reports and their deadlines (day, month): 6 tháng before 15/6, năm before 15/11 (a report may be both). */
export const REQUIRED_REPORTS = [
  { id: "half", label: "báo cáo 6 tháng", deadline: [15, 6], months: [1, 6], is: (t: string) => new RegExp(HALF_YEAR.source).test(t) },
  // "năm" once the 6-month phrase ("6 tháng đầu năm 2022") is taken out.
  { id: "year", label: "báo cáo năm", deadline: [15, 11], months: [7, 11], is: (t: string) => /\b(nam|tong ket)\b/.test(t.replace(HALF_YEAR, " ")) },
] as const;

export const REQUIRED_ACTIVITY: ProblemCode = "REQUIRED_ACTIVITY";

const taskText = (t: Plan["tasks"][number]) => foldText([t.content, t.action, t.result].join(" "));

/** When a timing falls, for a report's deadline: the earliest (day, month) it names within `months`, or null when it names none. */
function reportDate(timing: string, months: readonly [number, number]): [number, number] | null {
  const t = parseTiming(timing);
  if (!t) return null;
  if (t.kind === "deadline") return [t.day, t.month];
  if (t.kind === "month") {
    const m = t.months.filter((x) => x >= months[0] && x <= months[1]);
    return m.length ? [1, Math.min(...m)] : [1, Math.min(...t.months)];
  }
  if (t.kind === "quarter") {
    const q = t.quarters.map((x) => x * 3 - 2).filter((x) => x <= months[1]);
    return q.length ? [1, Math.max(...q)] : [1, Math.min(...t.quarters) * 3 - 2];
  }
  return null;
}

/**
 * Internal audit and management review at least once a year, the 6-month report before 15/6 and the
 * yearly one before 15/11: warnings naming the task sheet (and the timing cell of a late report).
 * Only for a plan that has a task table.
 */
export function checkRequiredActivities(plan: Plan): Problem[] {
  if (plan.tasks.length === 0) return [];
  const sheet = plan.tasks.find((t) => t.at)?.at?.sheet ?? "";
  const problems: Problem[] = [];
  const texts = plan.tasks.map(taskText);
  for (const a of REQUIRED_ACTIVITIES) {
    if (!texts.some((t) => a.pattern.test(t))) {
      problems.push(problemAt(undefined, "warning", REQUIRED_ACTIVITY, `Bảng nhiệm vụ chưa có ${a.label} (ít nhất một lần trong năm).`, sheet));
    }
  }
  for (const r of REQUIRED_REPORTS) {
    const tasks = plan.tasks.filter((t, i) => /bao cao/.test(texts[i]) && r.is(texts[i]));
    if (tasks.length === 0) {
      problems.push(problemAt(undefined, "warning", REQUIRED_ACTIVITY, `Bảng nhiệm vụ chưa có ${r.label} (trước ngày ${r.deadline[0]}/${r.deadline[1]}).`, sheet));
      continue;
    }
    const dated = tasks.map((t) => ({ t, date: reportDate(t.timing, r.months) })).filter((x) => x.date !== null);
    const onTime = dated.some(({ date }) => date![1] < r.deadline[1] || (date![1] === r.deadline[1] && date![0] <= r.deadline[0]));
    if (dated.length > 0 && !onTime) {
      const late = dated[0].t;
      problems.push(problemAt(late.timingAt ?? late.at, "warning", REQUIRED_ACTIVITY, `${capitalize(r.label)} hẹn "${late.timing}", sau hạn ngày ${r.deadline[0]}/${r.deadline[1]}.`, sheet));
    }
  }
  return problems;
}

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase("vi") + s.slice(1);

/** The rules over the model: groups, forms, duplicates, timing, money, the required activities. */
export function validatePlan(plan: Plan, refs: RateRefs = {}): Problem[] {
  return [...checkAgencies(plan), ...checkForms(plan), ...checkTasks(plan), ...checkRequiredActivities(plan), ...checkRates(plan, refs)];
}
