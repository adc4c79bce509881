/** Building a new plan (template or sample) from its settings. */
import { defaultGroups, type AdminLevels } from "../core/groups";
import { DEFAULT_RATES, type Plan } from "../core/model";
import { standardTasks } from "../core/standardTasks";

export interface NewPlanOptions {
  year: number;
  levels: AdminLevels;
  /** Pre-fill the standard activities in the task table. */
  standardTasks: boolean;
  issuer?: string;
  area?: string;
}

export function newPlan(o: NewPlanOptions): Plan {
  return {
    info: { issuer: o.issuer ?? "", number: "", date: "", year: o.year, area: o.area ?? "", level: "", levels: o.levels },
    groups: defaultGroups(o.levels),
    rates: { ...DEFAULT_RATES },
    training: { classes: null, participants: null },
    agencies: [],
    tasks: o.standardTasks ? standardTasks(o.year) : [],
    extraLines: [],
  };
}
