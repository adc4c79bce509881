/**
 * PL2 as the workbook shows it — the submitter's declaration (SPEC §4) — beside what PL1 and
 * the rates compute. The declared figures are reported; every cell where they differ from the
 * computation is a problem naming both numbers. Our number never silently takes their place:
 * only a formula saved without its result (nothing shown) is filled with what the template's
 * formula computes, and that is said at the cell.
 */
import { computeBudget, trainingClasses, type Budget, type BudgetLine, type BudgetSection } from "./budget";
import type { DeclaredBudget, DeclaredLine, ExtraLine, Plan } from "./model";
import { formatVnNumber, sameTrieu, sumTrieu, timesTrieu, trieuToDong } from "./numbers";
import type { Problem } from "./problems";
import { problemAt } from "./validate";
import { amountInWords, WORDS_LIMIT } from "./words";

/** The problems about PL2's figures (what `budget` lists under the budget). */
export const BUDGET_CODES: ReadonlySet<string> = new Set(["PL2_MISMATCH", "PL2_ARITHMETIC", "PL2_DIFFERS_INFO", "PL2_GROUP_LINE", "PL2_OWN_LINE", "TYPED_OVER", "UNCOMPUTED", "TOO_LARGE"]);

const vn = formatVnNumber;

/** The computed line for a declared per-agency line: same group, same form. */
function sameGroupLine(computed: BudgetLine, line: DeclaredLine): boolean {
  return computed.kind === "perAgency" && computed.groupId === line.groupId && computed.form === line.form;
}

/** What the template's formula in this line's "Số tiền" computes from PL1 and the rates. */
function computedAmount(plan: Plan, line: DeclaredLine, expected: readonly BudgetLine[]): number | null {
  if (line.kind === "perAgency" && line.groupId) return expected.find((x) => sameGroupLine(x, line))?.amount ?? null;
  if (line.kind === "inspection") return plan.rates.inspectionLumpSum;
  if (line.kind === "training") return timesTrieu(line.quantity ?? trainingClasses(plan), line.rate ?? plan.rates.trainingPerClass);
  return null;
}

/** A line's amount as counted: the one shown, or the template formula's result where none was saved. */
function shownAmount(plan: Plan, line: DeclaredLine, expected: readonly BudgetLine[]): number | null {
  return line.amount ?? (line.uncomputed ? computedAmount(plan, line, expected) : null);
}

/**
 * Lines of the per-agency section that name no group ("UBND các xã, thị trấn" for Cơ quan cấp
 * xã) are the unit's own labels for its group lines when, with them, the section adds up to what
 * PL1 computes and without them it does not: they are then per-agency lines (computed from PL1
 * in a merge, never carried on top). Otherwise each stays a line of its own, and is said so.
 */
export function reconcileGroupLines(plan: Plan, declared: DeclaredBudget, problems: Problem[]): void {
  const sections = new Set(declared.lines.filter((l) => l.kind === "perAgency").map((l) => l.section));
  if (sections.size === 0) sections.add(declared.sections[0]?.roman ?? "");
  const unmatched = declared.lines.filter((l) => l.kind === "other" && sections.has(l.section) && l.quantity !== null && l.amount !== null);
  if (unmatched.length === 0) return;
  const perAgency = sumTrieu(computeBudget({ ...plan, extraLines: [] }).sections.flatMap((s) => s.lines).filter((l) => l.kind === "perAgency").map((l) => l.amount));
  const matched = sumTrieu(declared.lines.filter((l) => l.kind === "perAgency").map((l) => l.amount ?? 0));
  const withThem = sumTrieu([matched, ...unmatched.map((l) => l.amount ?? 0)]);
  const theirLabels = sameTrieu(withThem, perAgency) && !sameTrieu(matched, perAgency);
  for (const l of unmatched) {
    if (theirLabels) l.kind = "perAgency";
    problems.push(problemAt(l.at, "info", theirLabels ? "PL2_GROUP_LINE" : "PL2_OWN_LINE", theirLabels
      ? `Dòng "${l.label}" không mang tên nhóm cơ quan nào nhưng cùng các dòng nhóm khớp Phụ lục 1 (${vn(perAgency)}): được hiểu là kinh phí theo nhóm cơ quan.`
      : `Dòng "${l.label}" (mục ${l.section || "đầu"}) không phải nhóm cơ quan nào: được cộng như một khoản riêng, không tính theo Phụ lục 1.`));
  }
}

/** The lines a plan carries as they are: every line not computed from PL1, and any second line of a standard kind. */
export function ownLines(declared: DeclaredBudget, inspection: DeclaredLine | undefined, training: DeclaredLine | undefined, problems: Problem[]): ExtraLine[] {
  const titles = new Map(declared.sections.map((s) => [s.roman, s.title]));
  const out: ExtraLine[] = [];
  for (const l of declared.lines) {
    if (l.kind === "perAgency" || l === inspection || l === training) continue;
    if (l.amount === null) {
      if (l.uncomputed) {
        problems.push(problemAt(l.at, "warning", "UNCOMPUTED", `Số tiền "${l.label}" là công thức chưa được tính (tệp lưu không kèm kết quả): chưa được cộng. Mở và lưu lại tệp bằng Excel hoặc LibreOffice.`));
      }
      continue;
    }
    out.push({
      section: l.section, ...(titles.get(l.section) ? { sectionTitle: titles.get(l.section) } : {}),
      label: l.label, quantity: l.quantity, quantityText: l.quantityText, content: l.content,
      rate: l.rate, amount: l.amount, note: l.note, ...(l.at ? { at: l.at } : {}),
    });
  }
  return out;
}

export interface InfoFigures {
  /** Kiểm tra as Thông tin gives it (null when it does not). */
  inspection: number | null;
  /** Số lớp as Thông tin gives it (or computes from the number of people), null when it does not. */
  classes: number | null;
}

/** Every cell where PL2 as shown differs from what PL1 and the rates compute, or from its own arithmetic. */
export function checkDeclared(plan: Plan, declared: DeclaredBudget, info: InfoFigures): Problem[] {
  const problems: Problem[] = [];
  const computed = computeBudget(plan);
  const expected = computed.sections.flatMap((s) => s.lines);
  const firstOf = (kind: DeclaredLine["kind"]) => declared.lines.find((l) => l.kind === kind);
  const typedOver = (at: DeclaredLine["at"], what: string, shown: number, formula: number | null) =>
    problems.push(problemAt(at, "warning", "TYPED_OVER",
      `${what}: số gõ tay thay cho công thức (${vn(shown)}${formula !== null && !sameTrieu(formula, shown) ? `; công thức tính ra ${vn(formula)}` : ""}). Số gõ tay được dùng.`));
  for (const line of declared.lines) {
    const typed = new Set(line.typed ?? []);
    if (line.uncomputed && line.kind !== "other") {
      const value = computedAmount(plan, line, expected);
      if (value !== null) {
        problems.push(problemAt(line.at, "info", "UNCOMPUTED", `Số tiền "${line.label}" là công thức chưa được tính khi lưu; theo Phụ lục 1 và định mức là ${vn(value)}.`));
      }
    }
    if (line.kind === "perAgency" && line.groupId) {
      const e = expected.find((x) => sameGroupLine(x, line));
      if (!e) continue;
      if (line.quantity !== null && e.quantity !== null && line.quantity !== e.quantity) {
        problems.push(problemAt(line.quantityAt, "error", "PL2_MISMATCH", `Số lượng "${line.label}" là ${vn(line.quantity)} nhưng Phụ lục 1 có ${vn(e.quantity)} cơ quan thuộc nhóm này.`));
      } else if (typed.has("quantity") && line.quantity !== null) typedOver(line.quantityAt, `Số lượng "${line.label}"`, line.quantity, e.quantity);
      if (line.amount !== null && !sameTrieu(line.amount, e.amount)) {
        problems.push(problemAt(line.at, "error", "PL2_MISMATCH", `Số tiền "${line.label}" là ${vn(line.amount)} nhưng theo số lượng và định mức phải là ${vn(e.amount)}.`));
      } else if (typed.has("amount") && line.amount !== null) typedOver(line.at, `Số tiền "${line.label}"`, line.amount, e.amount);
    } else if (line.kind === "inspection" && line.amount !== null) {
      if (typed.has("amount")) typedOver(line.at, `Kiểm tra "${line.label}"`, line.amount, line === firstOf("inspection") ? info.inspection ?? 0 : null);
      else if (line === firstOf("inspection") && info.inspection !== null && !sameTrieu(info.inspection, line.amount)) {
        problems.push(problemAt(line.at, "warning", "PL2_DIFFERS_INFO", `Kiểm tra: Phụ lục 2 ghi ${vn(line.amount)} nhưng trang Thông tin ghi ${vn(info.inspection)}; dùng số của Phụ lục 2.`));
      }
    } else if (line.kind === "training") {
      if (typed.has("quantity") && line.quantity !== null) typedOver(line.quantityAt, `Số lớp "${line.label}"`, line.quantity, line === firstOf("training") ? info.classes ?? 0 : null);
      const rate = line.rate ?? plan.rates.trainingPerClass;
      if (line.quantity !== null && line.amount !== null && !sameTrieu(line.amount, timesTrieu(line.quantity, rate))) {
        problems.push(problemAt(line.at, "error", "PL2_MISMATCH", `Số tiền "${line.label}" là ${vn(line.amount)} nhưng ${vn(line.quantity)} lớp × ${vn(rate)} là ${vn(timesTrieu(line.quantity, rate))}.`));
      } else if (typed.has("amount") && line.amount !== null) typedOver(line.at, `Số tiền "${line.label}"`, line.amount, null);
    } else if (line.kind === "other" && line.quantity !== null && line.rate !== null && line.amount !== null && !sameTrieu(line.amount, timesTrieu(line.quantity, line.rate))) {
      problems.push(problemAt(line.at, "warning", "PL2_ARITHMETIC", `Số tiền "${line.label}" là ${vn(line.amount)}, khác số lượng × định mức (${vn(line.quantity)} × ${vn(line.rate)} = ${vn(timesTrieu(line.quantity, line.rate))}).`));
    }
  }
  const view = declaredView(plan, expected);
  for (const t of declared.sectionTotals) {
    const lines = sumTrieu(declared.lines.filter((l) => l.section === t.section).map((l) => shownAmount(plan, l, expected) ?? 0));
    if (t.uncomputed) problems.push(problemAt(t.at, "info", "UNCOMPUTED", `Cộng mục ${t.section} là công thức chưa được tính khi lưu; cộng các dòng là ${vn(lines)}.`));
    else if (t.amount !== null && !sameTrieu(t.amount, lines)) {
      problems.push(problemAt(t.at, "error", "PL2_MISMATCH", `Cộng mục ${t.section} là ${vn(t.amount)} nhưng tổng các dòng là ${vn(lines)}.`));
    } else if (t.typed && t.amount !== null) typedOver(t.at, `Cộng mục ${t.section}`, t.amount, null);
  }
  const t = declared.total;
  const sections = sumTrieu(view.sections.map((s) => s.total));
  if (t?.uncomputed) problems.push(problemAt(t.at, "info", "UNCOMPUTED", `Tổng kinh phí là công thức chưa được tính khi lưu; cộng các mục là ${vn(sections)}.`));
  else if (t && t.amount !== null) {
    if (!sameTrieu(t.amount, sections)) {
      problems.push(problemAt(t.at, "error", "PL2_MISMATCH", `Tổng kinh phí là ${vn(t.amount)} nhưng cộng các mục là ${vn(sections)}.`));
    } else if (!sameTrieu(t.amount, computed.total)) {
      problems.push(problemAt(t.at, "error", "PL2_MISMATCH", `Tổng kinh phí là ${vn(t.amount)} nhưng tính từ Phụ lục 1 và định mức phải là ${vn(computed.total)}.`));
    } else if (t.typed) typedOver(t.at, "Tổng kinh phí", t.amount, null);
  }
  if (Math.abs(trieuToDong(view.total)) > WORDS_LIMIT) {
    problems.push(problemAt(t?.at, "error", "TOO_LARGE", `Tổng kinh phí ${vn(view.total)} triệu đồng vượt 10^15 đồng: kiểm tra lại các số.`));
  }
  return problems;
}

const KIND: Record<DeclaredLine["kind"], BudgetLine["kind"]> = { perAgency: "perAgency", inspection: "inspection", training: "training", other: "carried" };

/** PL2 as the workbook shows it, in the shape of a computed budget (for reports and the task pane). */
export function declaredView(plan: Plan, expected: readonly BudgetLine[] = computeBudget(plan).sections.flatMap((s) => s.lines)): Budget {
  const declared = plan.declared;
  if (!declared) return computeBudget(plan);
  const romans = [...(declared.lines.some((l) => l.section === "") ? [""] : []), ...declared.sections.map((s) => s.roman)];
  const sections: BudgetSection[] = [...new Set(romans)].map((roman) => {
    const lines: BudgetLine[] = declared.lines.filter((l) => l.section === roman).map((l) => ({
      kind: KIND[l.kind], label: l.label, ...(l.groupId ? { groupId: l.groupId } : {}), ...(l.form ? { form: l.form } : {}),
      quantity: l.quantity, quantityText: l.quantityText || (l.quantity === null ? "" : vn(l.quantity)), rate: l.rate, amount: shownAmount(plan, l, expected) ?? 0,
    }));
    const own = declared.sectionTotals.find((t) => t.section === roman && t.amount !== null);
    return {
      roman, title: declared.sections.find((s) => s.roman === roman)?.title ?? "", lines,
      total: own?.amount ?? sumTrieu(lines.map((l) => l.amount)),
    };
  });
  const total = declared.total?.amount ?? sumTrieu(sections.map((s) => s.total));
  return { sections, total, totalWords: amountInWords(trieuToDong(total)), agencyCount: plan.agencies.length };
}

/** The budget to report: PL2 as shown when the workbook has one with lines, else what PL1 and the rates compute. */
export function shownBudget(plan: Plan): Budget {
  return plan.declared && plan.declared.lines.length > 0 ? declaredView(plan) : computeBudget(plan);
}
