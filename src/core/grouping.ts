/**
 * How an agency list is printed (seed 001 Phụ lục 1): sections by agency group (groups
 * that share a section heading share a section), sub-groups by địa bàn where the list
 * spans several, and within a sub-group the agencies of earlier groups first (the
 * district's UBND before its communes), otherwise in the order given.
 */
import type { AgencyGroup } from "./groups";
import type { Agency } from "./model";
import { nameKey } from "./text";

export interface SubGroup {
  /** Địa bàn heading, or null when the section prints no sub-group rows. */
  area: string | null;
  agencies: Agency[];
}

export interface Section {
  title: string;
  subGroups: SubGroup[];
}

export const UNGROUPED_SECTION = "Cơ quan chưa xác định nhóm";

export function arrangeAgencies(agencies: readonly Agency[], groups: readonly AgencyGroup[], planArea = ""): Section[] {
  const titles: string[] = [];
  for (const g of groups) if (!titles.includes(g.section)) titles.push(g.section);
  const groupRank = new Map(groups.map((g, i) => [g.id, i]));
  const sectionOf = (a: Agency): string => {
    const g = groups.find((x) => x.id === a.groupId);
    return g ? g.section : UNGROUPED_SECTION;
  };
  const planAreaKey = nameKey(planArea);
  const sections: Section[] = [];
  for (const title of [...titles, UNGROUPED_SECTION]) {
    const members = agencies.filter((a) => sectionOf(a) === title);
    if (members.length === 0) continue;
    const showAreas = members.some((a) => a.area.trim() !== "" && nameKey(a.area) !== planAreaKey);
    const byArea = new Map<string, SubGroup>();
    for (const a of members) {
      const key = showAreas ? nameKey(a.area) : "";
      if (!byArea.has(key)) byArea.set(key, { area: showAreas ? a.area : null, agencies: [] });
      byArea.get(key)!.agencies.push(a);
    }
    const subGroups = [...byArea.values()].map((sg) => ({
      area: sg.area,
      agencies: sg.agencies
        .map((a, i) => ({ a, i }))
        .sort((x, y) => (groupRank.get(x.a.groupId ?? "") ?? 1e9) - (groupRank.get(y.a.groupId ?? "") ?? 1e9) || x.i - y.i)
        .map(({ a }) => a),
    }));
    sections.push({ title, subGroups });
  }
  return sections;
}
