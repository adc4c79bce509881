/**
 * The consolidating plan (its info, groups and rates) when merging: the existing
 * consolidated workbook's, else the province-level submission's (cấp "Tỉnh", e.g. the
 * Sở KH&CN's own file), else the standard plan for the inputs' most common year.
 */
import { defaultGroups, type AdminLevels } from "../core/groups";
import type { Submission } from "../core/merge";
import type { Plan } from "../core/model";
import { foldText, namedList } from "../core/text";
import { formatVnNumber } from "../core/numbers";
import { formRate } from "../core/budget";
import { EXTRA_FORMS, formLabel, type ExtraForm } from "../core/forms";
import { newPlan } from "./plan";

export interface BaseOverrides {
  year?: number;
  levels?: AdminLevels;
  /** The province's own plan, given by the user (--plan, "Kế hoạch của tỉnh"): the consolidating plan. */
  plan?: { file: string; plan: Plan };
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Is this plan issued for the province as a whole: by its People's Committee or its Sở KH&CN? */
export function isProvincePlan(plan: Plan): boolean {
  const issuer = foldText(plan.info.issuer);
  return /^(ubnd|uy ban nhan dan) tinh\b/.test(issuer) || /^so (khoa hoc (va|&) cong nghe|kh ?& ?cn|khcn)\b/.test(issuer);
}

export interface BaseChoice {
  plan: Plan;
  /** The file whose plan is the consolidating one, or null. */
  from: string | null;
  /** The submission that is the province's own plan (its own management lines), or null. */
  own: string | null;
  /** Said first when no single province's plan was found: what was done instead. */
  notice: string | null;
}

const BLANK = "…";

/**
 * The consolidating plan: the one given (the province's own, or last week's consolidated workbook),
 * else the single input issued for the province (UBND tỉnh, or its Sở KH&CN; a department that
 * wrote "Cấp tỉnh" is not one). With none or several: the standard plan for the inputs' year, with
 * the rates the inputs agree on, and the heading's number, date and issuer left as visible blanks.
 */
export function chooseBase(subs: readonly Submission[], o: BaseOverrides = {}, existing: Plan | null = null): BaseChoice {
  const read = [...subs]
    .filter((s): s is Submission & { outcome: { kind: "read" } } => s.outcome.kind === "read")
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const provinces = read.filter((s) => isProvincePlan(s.outcome.plan));
  let plan: Plan;
  let from: string | null = null;
  let notice: string | null = null;
  // The province's own lines (kiểm tra, đào tạo, others) are its own file's: the one given, or
  // the single province plan among the submissions (also when adding to an earlier result).
  const own = o.plan ? (read.some((s) => s.file === o.plan!.file) ? o.plan.file : null) : provinces.length === 1 ? provinces[0].file : null;
  if (o.plan) {
    plan = o.plan.plan;
    from = o.plan.file;
  } else if (existing) plan = existing;
  else if (provinces.length === 1) {
    plan = provinces[0].outcome.plan;
    from = provinces[0].file;
  } else {
    const year = o.year ?? mostCommon(read.map((s) => s.outcome.plan.info.year).filter(Number.isFinite)) ?? new Date().getFullYear();
    const levels = o.levels ?? mostCommon(read.map((s) => s.outcome.plan.info.levels)) ?? (year >= 2026 ? 2 : 3);
    const fresh = newPlan({ year, levels, standardTasks: false });
    const agreed = agreedRates(read.map((s) => s.outcome.plan), fresh);
    const area = mostCommon(read.map((s) => s.outcome.plan.info.area).filter((a) => /^tinh\b/.test(foldText(a)))) ?? BLANK;
    plan = { ...fresh, groups: agreed.groups, rates: agreed.rates, info: { ...fresh.info, issuer: BLANK, number: BLANK, date: BLANK, area } };
    notice = [
      provinces.length === 0
        ? "Không có kế hoạch của tỉnh trong các tệp (UBND tỉnh hoặc Sở KH&CN ban hành); dùng --plan TỆP để chỉ định."
        : `Có ${formatVnNumber(provinces.length)} tệp đều như kế hoạch của tỉnh (${namedList(provinces.map((p) => p.file), { separator: ", ", what: "tệp" })}); dùng --plan TỆP để chỉ định một.`,
      "Số, ngày và cơ quan ban hành ở đầu các phụ lục để trống (…) cho người điền.",
      agreed.note,
    ].filter(Boolean).join(" ");
  }
  const levels = o.levels ?? plan.info.levels;
  return {
    plan: {
      ...plan,
      info: { ...plan.info, year: o.year ?? plan.info.year, levels },
      groups: levels === plan.info.levels ? plan.groups : defaultGroups(levels),
      agencies: [],
      // A given province plan's task table is the consolidated one; otherwise the province's own file's.
      tasks: o.plan ? plan.tasks : [],
      // A given province plan's own lines stay; an earlier result's are re-made from its sources.
      extraLines: o.plan ? plan.extraLines : [],
    },
    from,
    own,
    notice,
  };
}

/**
 * Per-agency and training rates where every input that uses them agrees; the standard ones (named)
 * where they differ. A file's group is one of the standard ones by its id or its label, and counts
 * only when the file has agencies in it (of that form, for a form's rate). One pass over each file's
 * agencies and groups: a national roll-up is 10.000 files.
 */
function agreedRates(plans: readonly Plan[], fresh: Plan): { groups: Plan["groups"]; rates: Plan["rates"]; note: string } {
  type Group = Plan["groups"][number];
  const byId = new Map(fresh.groups.map((g) => [g.id, g]));
  const byLabel = new Map<string, Group[]>();
  for (const g of fresh.groups) byLabel.set(foldText(g.label), [...(byLabel.get(foldText(g.label)) ?? []), g]);
  // Rates seen for each standard group, and for each of its forms, in file order.
  const used = new Map<Group, Set<number>>(fresh.groups.map((g) => [g, new Set()]));
  const formUsed = new Map<Group, Map<ExtraForm, Set<number>>>(fresh.groups.map((g) => [g, new Map(EXTRA_FORMS.map((f) => [f, new Set<number>()]))]));
  for (const p of plans) {
    // The forms each of the file's group ids has agencies of ("" for any agency at all).
    const present = new Map<string, Set<string>>();
    for (const a of p.agencies) {
      if (a.groupId === null) continue;
      let forms = present.get(a.groupId);
      if (!forms) present.set(a.groupId, (forms = new Set([""])));
      if (a.form) forms.add(a.form);
    }
    for (const pg of p.groups) {
      const forms = present.get(pg.id);
      if (!forms) continue;
      const idMatch = byId.get(pg.id);
      const targets = new Set([...(idMatch ? [idMatch] : []), ...(byLabel.get(foldText(pg.label)) ?? [])]);
      for (const g of targets) {
        used.get(g)!.add(pg.rate);
        for (const f of EXTRA_FORMS) {
          const r = forms.has(f) ? formRate(pg, f) : null;
          if (r !== null) formUsed.get(g)!.get(f)!.add(r);
        }
      }
    }
  }
  const differ: string[] = [];
  const groups = fresh.groups.map((g) => {
    // Rates for xây dựng mới / mở rộng: where every input with such agencies agrees.
    const formRates: NonNullable<Group["formRates"]> = {};
    for (const f of EXTRA_FORMS) {
      const rates = formUsed.get(g)!.get(f)!;
      if (rates.size === 1) formRates[f] = [...rates][0];
      else if (rates.size > 1) differ.push(`"${g.label}" ${formLabel(f).toLocaleLowerCase("vi")} (${[...rates].join(", ")}; chưa dùng định mức nào, tính như duy trì)`);
    }
    const withForms = Object.keys(formRates).length ? { ...g, formRates } : g;
    const rates = used.get(g)!;
    if (rates.size === 1) return { ...withForms, rate: [...rates][0] };
    if (rates.size > 1) differ.push(`"${g.label}" (${[...rates].join(", ")}; dùng ${g.rate})`);
    return withForms;
  });
  const training = new Set(plans.filter((p) => (p.training.classes ?? 0) > 0).map((p) => p.rates.trainingPerClass));
  const rates = { ...fresh.rates, ...(training.size === 1 ? { trainingPerClass: [...training][0] } : {}) };
  if (training.size > 1) differ.push(`đào tạo (${[...training].join(", ")}; dùng ${fresh.rates.trainingPerClass})`);
  return { groups, rates, note: differ.length ? `Các tệp dùng định mức khác nhau: ${differ.join("; ")}.` : "" };
}
