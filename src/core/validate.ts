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
import { unitKey } from "./text";
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

/** The rules over the model: groups, forms, duplicates, timing, money. */
export function validatePlan(plan: Plan, refs: RateRefs = {}): Problem[] {
  return [...checkAgencies(plan), ...checkForms(plan), ...checkTasks(plan), ...checkRates(plan, refs)];
}
