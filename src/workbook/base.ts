/**
 * The consolidating plan (its info, groups and rates) when merging: the existing
 * consolidated workbook's, else the province-level submission's (cấp "Tỉnh", e.g. the
 * Sở KH&CN's own file), else the standard plan for the inputs' most common year.
 */
import { defaultGroups, type AdminLevels } from "../core/groups";
import type { Submission } from "../core/merge";
import type { Plan } from "../core/model";
import { foldText } from "../core/text";
import { newPlan } from "./plan";

export interface BaseOverrides {
  year?: number;
  levels?: AdminLevels;
}

function mostCommon<T>(values: T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export function chooseBase(subs: readonly Submission[], o: BaseOverrides = {}, existing: Plan | null = null): { plan: Plan; from: string | null } {
  const read = [...subs]
    .filter((s): s is Submission & { outcome: { kind: "read" } } => s.outcome.kind === "read")
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const province = read.find((s) => /\btinh\b/.test(foldText(s.outcome.plan.info.level)));
  let plan: Plan;
  let from: string | null = null;
  if (existing) plan = existing;
  else if (province) {
    plan = province.outcome.plan;
    from = province.file;
  } else {
    const year = o.year ?? mostCommon(read.map((s) => s.outcome.plan.info.year).filter(Number.isFinite)) ?? new Date().getFullYear();
    const levels = o.levels ?? mostCommon(read.map((s) => s.outcome.plan.info.levels)) ?? (year >= 2026 ? 2 : 3);
    plan = newPlan({ year, levels, standardTasks: false });
  }
  const levels = o.levels ?? plan.info.levels;
  return {
    plan: {
      ...plan,
      info: { ...plan.info, year: o.year ?? plan.info.year, levels },
      groups: levels === plan.info.levels ? plan.groups : defaultGroups(levels),
      agencies: [],
      tasks: [],
      extraLines: [],
    },
    from,
  };
}
