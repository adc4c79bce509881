/**
 * The province's season around the merge (SPEC §7): who should send (an expected list, e.g. last
 * year's consolidated Phụ lục 1), who has sent, the official order of the new Phụ lục 1, and what
 * changed since last year — with a mapping of old units to new ones after mergers, and renames
 * suggested by name, for a person to confirm. Nothing here ever makes two agencies one: a
 * suggestion is shown, never applied.
 */
import { formRate } from "./budget";
import { findGroup, type AgencyGroup } from "./groups";
import { isProvinceWide, mergeKey, placedAgency, type MergeResult } from "./merge";
import type { Agency, Plan } from "./model";
import { sumTrieu } from "./numbers";
import { dayText } from "./timing";
import { foldText, unitKey } from "./text";

/** A list of agencies that says who should send: its file, its year, its own groups and rates. */
export interface AgencyList {
  file: string;
  year: number;
  /** The list's own groups (its rates are last year's money). */
  groups: AgencyGroup[];
  /** In the list's order, areas as the merge keeps them. */
  agencies: Agency[];
}

/** One line of a mapping of old units to new ones (after a merger or a rename). */
export interface UnitMapping {
  oldName: string;
  /** "" = any area. */
  oldArea: string;
  newName: string;
  newArea: string;
}

/** The list an agency list file gives: each agency under the area the merge would key it by. */
export function agencyList(file: string, plan: Plan): AgencyList {
  const agencies: Agency[] = [];
  for (const a of plan.agencies) {
    if (a.rejectReason) continue;
    const group = plan.groups.find((g) => g.id === a.groupId) ?? null;
    agencies.push(group ? placedAgency(a, group, plan, isProvinceWide(plan.info.area) ? plan.info.area : "") : { ...a });
  }
  return { file, year: plan.info.year, groups: plan.groups, agencies };
}

const mappingKey = (name: string, area: string) => `${unitKey(name)}\u0000${unitKey(area)}`;

/**
 * The list with old units replaced by the new ones a mapping names. Several old units mapped to one
 * new unit become one entry, where the first of them stood; `from` keeps what each entry stands for.
 */
export function applyMapping(list: readonly Agency[], mapping: readonly UnitMapping[]): Array<{ agency: Agency; from: Agency[] }> {
  const exact = new Map<string, UnitMapping>();
  const byName = new Map<string, UnitMapping>();
  for (const m of mapping) {
    if (m.oldArea) exact.set(mappingKey(m.oldName, m.oldArea), m);
    else byName.set(unitKey(m.oldName), m);
  }
  const out: Array<{ agency: Agency; from: Agency[] }> = [];
  const seen = new Map<string, { agency: Agency; from: Agency[] }>();
  for (const a of list) {
    const m = exact.get(mappingKey(a.name, a.area)) ?? byName.get(unitKey(a.name));
    const agency: Agency = m ? { ...a, name: m.newName, area: m.newArea || a.area } : a;
    const key = mergeKey(agency);
    const known = seen.get(key);
    if (known) {
      known.from.push(a);
      continue;
    }
    const entry = { agency, from: [a] };
    seen.set(key, entry);
    out.push(entry);
  }
  return out;
}

/* ---------- matching a list with the merged agencies ---------- */

/** The words that say what kind of unit a name is, not which one. */
const KIND_WORDS =
  /\b(uy ban nhan dan|ubnd|van phong|vp|hdnd|hoi dong nhan dan|xa|phuong|thi tran|thi xa|thanh pho|huyen|quan|tinh|so|chi cuc|cuc|ban|trung tam|tp|tx|tt|dac khu|va)\b/g;

/** A name without its kind words, folded: what tells one unit from another of its kind. */
function core(name: string): string {
  // The key writes abbreviations out and moves tones to tags of its own; the tags go, the letters stay.
  return foldText(unitKey(name).replace(/[\uE000-\uE00F]/g, "")).replace(/[^a-z0-9 ]+/g, " ").replace(KIND_WORDS, " ").replace(/\s+/g, " ").trim();
}

function bigrams(text: string): Map<string, number> {
  const s = ` ${text} `;
  const m = new Map<string, number>();
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/**
 * How alike two unit names are, 0..1 (Dice coefficient over the letter pairs of their cores). Names
 * whose cores are different numbers (Phường 1 / Phường 11) are not alike at all.
 */
export function nameSimilarity(a: string, b: string): number {
  const x = core(a);
  const y = core(b);
  if (x === "" || y === "") return 0;
  if (x === y) return 1;
  const nx = x.match(/\d+/g)?.join(" ") ?? "";
  const ny = y.match(/\d+/g)?.join(" ") ?? "";
  if (nx !== ny) return 0;
  // Long Khánh A and Long Khánh B are two communes: a different closing letter is a different unit.
  const lx = x.split(" ").pop()!;
  const ly = y.split(" ").pop()!;
  if ((lx.length === 1 || ly.length === 1) && lx !== ly && x.slice(0, -lx.length) === y.slice(0, -ly.length)) return 0;
  const gx = bigrams(x);
  const gy = bigrams(y);
  let shared = 0;
  let total = 0;
  for (const [g, n] of gx) {
    shared += Math.min(n, gy.get(g) ?? 0);
    total += n;
  }
  for (const n of gy.values()) total += n;
  return (2 * shared) / total;
}

/** Suggested when the areas are the same; across areas (a reorganisation moves them) names must be closer. */
const SAME_AREA_LIKENESS = 0.6;
const OTHER_AREA_LIKENESS = 0.8;
/** Names compared for each unit gone (those sharing the most words with it). */
const CANDIDATES = 50;

export interface Suggestion {
  old: Agency;
  new: Agency;
  likeness: number;
}

/**
 * Likely renames between units gone from a list and units new to it: the same kind of unit (group),
 * alike names, the same area (or very alike names when the area changed). One to one, the most alike
 * first. A suggestion for a person to confirm; nothing is matched by it.
 */
export function suggestRenames(gone: readonly Agency[], arrived: readonly Agency[], groupOf: (a: Agency) => string): Suggestion[] {
  const pairs: Suggestion[] = [];
  // Candidates are of the same group and share a word of their cores; the most words shared first,
  // a bounded number each: a national list (10^4 units) stays cheap.
  const words = (a: Agency) => [...new Set(core(a.name).split(" ").filter(Boolean))];
  const index = new Map<string, number[]>();
  arrived.forEach((a, j) => {
    for (const w of words(a)) {
      const k = `${groupOf(a)}\u0000${w}`;
      const list = index.get(k);
      if (list) list.push(j);
      else index.set(k, [j]);
    }
  });
  for (const o of gone) {
    const shared = new Map<number, number>();
    for (const w of words(o)) for (const j of index.get(`${groupOf(o)}\u0000${w}`) ?? []) shared.set(j, (shared.get(j) ?? 0) + 1);
    const best = [...shared.entries()].sort((x, y) => y[1] - x[1] || x[0] - y[0]).slice(0, CANDIDATES);
    for (const [j] of best) {
      const n = arrived[j];
      const likeness = nameSimilarity(o.name, n.name);
      const sameArea = unitKey(o.area) === unitKey(n.area);
      if (likeness >= (sameArea ? SAME_AREA_LIKENESS : OTHER_AREA_LIKENESS)) pairs.push({ old: o, new: n, likeness });
    }
  }
  pairs.sort((p, q) => q.likeness - p.likeness);
  const usedOld = new Set<Agency>();
  const usedNew = new Set<Agency>();
  return pairs.filter((p) => {
    if (usedOld.has(p.old) || usedNew.has(p.new)) return false;
    usedOld.add(p.old);
    usedNew.add(p.new);
    return true;
  });
}

/**
 * The merged agencies with their areas written as the list writes them, where that is certain: an
 * area whose distinctive words (its core: "Sa Đéc" of "Thành phố xã Sa Đéc") belong to exactly one
 * area on each side. "huyện Hồng Ngự" and "thành phố Hồng Ngự" share a core and stay apart.
 */
function asListAreas(list: readonly Agency[], merged: readonly Agency[]): Agency[] {
  const cores = (xs: readonly Agency[]) => {
    const m = new Map<string, Map<string, string>>();
    for (const a of xs) {
      const c = core(a.area);
      if (!c) continue;
      const known = m.get(c) ?? new Map<string, string>();
      known.set(unitKey(a.area), a.area);
      m.set(c, known);
    }
    return m;
  };
  const ours = cores(list);
  const alias = new Map<string, string>();
  for (const [c, areas] of cores(merged)) {
    const theirs = ours.get(c);
    if (areas.size !== 1 || theirs?.size !== 1) continue;
    const [from] = areas.keys();
    const [[to, text]] = theirs;
    if (from !== to) alias.set(from, text);
  }
  return alias.size === 0 ? [...merged] : merged.map((a) => (alias.has(unitKey(a.area)) ? { ...a, area: alias.get(unitKey(a.area))! } : a));
}

/**
 * Pairs of (list entry, merged agency) that are one unit: the same key (name; name and area for a
 * commune, the area as the list writes it where that is certain). A commune whose area changed
 * (a district abolished) is not matched: it is suggested, for a person to confirm.
 */
function matchLists(list: readonly Agency[], mergedAsSent: readonly Agency[]): Map<number, number> {
  const merged = asListAreas(list, mergedAsSent);
  const byKey = new Map<string, number[]>();
  merged.forEach((a, j) => byKey.set(mergeKey(a), [...(byKey.get(mergeKey(a)) ?? []), j]));
  const matched = new Map<number, number>();
  const taken = new Set<number>();
  list.forEach((a, i) => {
    const j = (byKey.get(mergeKey(a)) ?? []).find((x) => !taken.has(x));
    if (j !== undefined) {
      matched.set(i, j);
      taken.add(j);
    }
  });
  return matched;
}

/* ---------- the official order ---------- */

/**
 * The consolidated list in the order of a reference list (the expected list): each agency where its
 * entry stands; an agency the list does not have at the end of its group and area (of its group
 * when the area is new; where its group would come when the group is new), in the merge's own order.
 * Returns the permutation of indices of `merged`.
 */
export function referenceOrder(mergedAsSent: readonly Agency[], reference: readonly Agency[], groups: readonly AgencyGroup[]): number[] {
  const matched = matchLists(reference, mergedAsSent);
  const merged = asListAreas(reference, mergedAsSent);
  const position = new Map<number, number>();
  for (const [i, j] of matched) position.set(j, i);
  const rank = new Map(groups.map((g, i) => [g.id, i]));
  const groupRank = (a: Agency) => rank.get(a.groupId ?? "") ?? groups.length;
  const lastOf = new Map<string, number>();
  const lastOfGroup = new Map<number, number>();
  reference.forEach((a, i) => {
    lastOf.set(`${a.groupId ?? ""}\u0000${unitKey(a.area)}`, i);
    lastOfGroup.set(groupRank(a), i);
  });
  const anchor = (a: Agency): number => {
    const same = lastOf.get(`${a.groupId ?? ""}\u0000${unitKey(a.area)}`);
    if (same !== undefined) return same;
    const g = groupRank(a);
    let best = -1;
    for (const [r, i] of lastOfGroup) if (r <= g) best = Math.max(best, i);
    return best;
  };
  const key = merged.map((a, j) => position.get(j) ?? anchor(a) + 0.5);
  return merged.map((_, j) => j).sort((x, y) => key[x] - key[y] || x - y);
}

/* ---------- who has sent ---------- */

export interface TrackedAgency {
  agency: Agency;
  /** The file that sent it, or "" when it has not been sent. */
  file: string;
  /** The sending plan's date (or the file's), "" when not sent. */
  date: string;
  /** An agency that arrived under a similar name: perhaps this one renamed. */
  maybe?: Agency;
  /** The old units this entry stands for, when a mapping joined or renamed them. */
  from?: Agency[];
}

export interface Tracking {
  file: string;
  expected: TrackedAgency[];
  /** Agencies that arrived and are not on the list (with the file that sent them). */
  unexpected: Array<{ agency: Agency; file: string; maybeOf?: Agency }>;
  sent: number;
  missing: number;
}


/** Who on the list has sent (the file and its date), who has not, and who arrived unlisted. */
export function trackSubmissions(list: AgencyList, result: MergeResult, mapping: readonly UnitMapping[] = []): Tracking {
  const entries = applyMapping(list.agencies, mapping);
  const expected = entries.map((e) => e.agency);
  const merged = result.plan.agencies;
  const matched = matchLists(expected, merged);
  const fileOf = new Map(result.files.map((f) => [f.file, f]));
  const sentBy = new Set(matched.values());
  const groupOf = (a: Agency) => groupKey(a, list.groups, result.plan.groups);
  const missing = expected.filter((_, i) => !matched.has(i));
  const unlisted = merged.filter((_, j) => !sentBy.has(j));
  const suggestions = suggestRenames(missing, unlisted, groupOf);
  const maybeFor = new Map(suggestions.map((s) => [s.old, s.new]));
  const maybeOf = new Map(suggestions.map((s) => [s.new, s.old]));
  const tracked = entries.map((e, i): TrackedAgency => {
    const j = matched.get(i);
    const from = e.from.length > 1 || e.from[0] !== e.agency ? { from: e.from } : {};
    if (j === undefined) {
      const maybe = maybeFor.get(e.agency);
      return { agency: e.agency, file: "", date: "", ...(maybe ? { maybe } : {}), ...from };
    }
    const file = result.agencySources[j];
    const report = fileOf.get(file);
    return { agency: e.agency, file, date: report?.planDate || (report?.modified ? dayText(new Date(report.modified), true) : ""), ...from };
  });
  const unexpected = merged.flatMap((a, j) => {
    if (sentBy.has(j)) return [];
    const of = maybeOf.get(a);
    return [{ agency: a, file: result.agencySources[j], ...(of ? { maybeOf: of } : {}) }];
  });
  return { file: list.file, expected: tracked, unexpected, sent: tracked.filter((t) => t.file).length, missing: tracked.filter((t) => !t.file).length };
}

/** A group's comparison key across two years' group tables: its id when standard, else its folded label. */
function groupKey(a: Agency, own: readonly AgencyGroup[], other: readonly AgencyGroup[]): string {
  const g = own.find((x) => x.id === a.groupId) ?? other.find((x) => x.id === a.groupId);
  return g ? (other.some((x) => x.id === g.id) || own.some((x) => x.id === g.id) ? g.id : foldText(g.label)) : "";
}

/* ---------- compared with last year ---------- */

export interface GroupComparison {
  label: string;
  lastCount: number;
  lastAmount: number;
  thisCount: number;
  thisAmount: number;
}

export interface YearComparison {
  lastFile: string;
  lastYear: number;
  thisYear: number;
  byGroup: GroupComparison[];
  /** This year's agencies not on last year's list (after the mapping). */
  added: Agency[];
  /** Last year's agencies not on this year's list (after the mapping). */
  removed: Agency[];
  /** Likely renames among them, for a person to confirm. */
  suggested: Suggestion[];
  /** Units the mapping joined or renamed: the old ones and the new one, and whether the new one is on this year's list. */
  mapped: Array<{ from: Agency[]; to: Agency; present: boolean }>;
}

/** Per-agency money of a list: each agency at its group's rate (its form's, when it builds or extends). */
function perGroup(agencies: readonly Agency[], groups: readonly AgencyGroup[]): Map<string, { label: string; count: number; amount: number }> {
  const out = new Map<string, { label: string; count: number; amount: number }>();
  for (const g of groups) out.set(g.id, { label: g.label, count: 0, amount: 0 });
  for (const a of agencies) {
    const g = groups.find((x) => x.id === a.groupId);
    if (!g) continue;
    const row = out.get(g.id)!;
    row.count++;
    row.amount = sumTrieu([row.amount, (a.form ? formRate(g, a.form) : null) ?? g.rate]);
  }
  return out;
}

/**
 * This year's consolidated list against last year's: counts and money per group (last year's at its
 * own rates), agencies added and removed after the mapping, and likely renames among them.
 */
export function compareYears(last: AgencyList, plan: Plan, mapping: readonly UnitMapping[] = []): YearComparison {
  const entries = applyMapping(last.agencies, mapping);
  const expected = entries.map((e) => e.agency);
  const matched = matchLists(expected, plan.agencies);
  const present = new Set(matched.values());
  const removed = expected.filter((_, i) => !matched.has(i));
  const added = plan.agencies.filter((_, j) => !present.has(j));
  const groupOf = (a: Agency) => groupKey(a, last.groups, plan.groups);
  const lastGroups = perGroup(last.agencies, last.groups);
  const thisGroups = perGroup(plan.agencies, plan.groups);
  const byGroup: GroupComparison[] = [];
  for (const g of plan.groups) {
    const now = thisGroups.get(g.id)!;
    const before = lastGroups.get(g.id) ?? [...lastGroups.entries()].find(([id]) => findGroup(last.groups.find((x) => x.id === id)!.label, [g]))?.[1];
    byGroup.push({ label: g.label, thisCount: now.count, thisAmount: now.amount, lastCount: before?.count ?? 0, lastAmount: before?.amount ?? 0 });
  }
  for (const g of last.groups) {
    if (plan.groups.some((x) => x.id === g.id || findGroup(g.label, [x]))) continue;
    const before = lastGroups.get(g.id)!;
    if (before.count) byGroup.push({ label: g.label, thisCount: 0, thisAmount: 0, lastCount: before.count, lastAmount: before.amount });
  }
  const mapped = entries
    .filter((e) => e.from.length > 1 || e.from[0] !== e.agency)
    .map((e) => ({ from: e.from, to: e.agency, present: matched.has(expected.indexOf(e.agency)) }));
  return {
    lastFile: last.file, lastYear: last.year, thisYear: plan.info.year, byGroup, added, removed,
    suggested: suggestRenames(removed, added, groupOf), mapped,
  };
}
