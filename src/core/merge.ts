/**
 * Consolidation (SPEC §5): many submissions in, one provincial plan out, with an
 * account of every file and every agency row.
 *
 * The result is a pure function of the *set* of submissions and the base plan:
 * submissions are put in a canonical order first, so the order files arrive in does
 * not matter, and merging new files into an earlier result (whose submissions it keeps)
 * equals merging everything at once.
 *
 * For every file: rows read = kept + duplicates + rejected + replaced.
 */
import { findGroup, inferGroup, type AgencyGroup } from "./groups";
import type { Agency, DeclaredLine, ExtraLine, Plan, Task } from "./model";
import { formatVnNumber, timesTrieu } from "./numbers";
import { formRate, LINE_INSPECTION, LINE_TRAINING, trainingClasses } from "./budget";
import { EXTRA_FORMS, formLabel } from "./forms";
import { toRoman } from "./roman";
import type { Problem } from "./problems";
import { cleanText, foldText, MAX_CELL_CHARS, NAMED_IN_CELL, namedList, unitKey } from "./text";
import { agencyKey, problemAt } from "./validate";

export interface ReadSubmission {
  kind: "read";
  plan: Plan;
  problems: Problem[];
  /** What was read as what (sheets, header rows, columns), for a person to spot a misread. */
  readAs?: string;
}

export interface RejectedSubmission {
  kind: "rejected";
  reason: string;
  /** Not a spreadsheet at all (a .pdf, a lock file in the folder): listed as skipped, not as an error. */
  skipped?: boolean;
  /** A consolidated workbook (it carries the hidden store): never merged as a submission. */
  consolidated?: boolean;
  /** A consolidated workbook whose store cannot be read (edited by hand): merging without it would drop every file it holds. */
  damagedStore?: boolean;
}

export interface Submission {
  /** The file as the user knows it (name, or path relative to the folder given). */
  file: string;
  /** File modification time, ms since 1970 (0 when unknown). */
  modified: number;
  outcome: ReadSubmission | RejectedSubmission;
}

export type FileStatus = "ok" | "warning" | "rejected" | "replaced" | "skipped";

export interface FileReport {
  file: string;
  /** Submitting unit (cơ quan ban hành), "" when the file does not say. */
  unit: string;
  planDate: string;
  modified: number;
  status: FileStatus;
  /** Why a file was rejected, or which file replaced it. */
  reason: string;
  replacedBy: string | null;
  read: number;
  kept: number;
  duplicates: number;
  rejected: number;
  replaced: number;
  problems: Problem[];
  /** What was read as what (sheets, header rows, columns). */
  readAs: string;
}

export interface DuplicateReport {
  name: string;
  area: string;
  /** Every file that sent it, the one whose row was kept first. */
  files: string[];
}

/**
 * Agencies of the same name kept apart because the area of one (or both) is unknown: they may be
 * one agency sent twice, or two communes of the same name in different districts. A person decides.
 */
export interface PossibleDuplicate {
  name: string;
  /** Every row of that name, with its area ("" = unknown) and file. */
  entries: Array<{ area: string; file: string }>;
}

export interface MergeTotals {
  files: number;
  read: number;
  kept: number;
  duplicates: number;
  rejected: number;
  replaced: number;
}

export interface MergeResult {
  plan: Plan;
  files: FileReport[];
  duplicates: DuplicateReport[];
  possibleDuplicates: PossibleDuplicate[];
  totals: MergeTotals;
  /** The source file of each kept agency, in plan.agencies order. */
  agencySources: string[];
  /** The units' own task tables, kept apart: the consolidated task table is the province's own. */
  unitTasks: Array<{ unit: string; file: string; tasks: Task[] }>;
}

/** Day number of a plan date typed "27/02/2023" (or "27-2-2023"), or null. */
export function planDateValue(text: string): number | null {
  const m = cleanText(text).match(/(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})/);
  if (!m) return null;
  return Date.UTC(Number(m[3]), Number(m[2]) - 1, Number(m[1]));
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

function unitOf(s: Submission): string {
  return s.outcome.kind === "read" ? s.outcome.plan.info.issuer : "";
}

/** Canonical order: by file name, then path, then time — independent of arrival order. */
function canonical(subs: readonly Submission[]): Submission[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...subs].sort(
    (a, b) => cmp(baseName(a.file).toLowerCase(), baseName(b.file).toLowerCase()) || cmp(a.file, b.file) || a.modified - b.modified,
  );
}

/** Is `a` newer than `b`: plan date first, then file time, then name. */
function newer(a: Submission, b: Submission): boolean {
  const da = a.outcome.kind === "read" ? planDateValue(a.outcome.plan.info.date) : null;
  const db = b.outcome.kind === "read" ? planDateValue(b.outcome.plan.info.date) : null;
  if (da !== null && db !== null && da !== db) return da > db;
  if (a.modified !== b.modified) return a.modified > b.modified;
  return a.file > b.file;
}

/**
 * Who sent a file: the issuer and area of its Thông tin, both needed. A file name is never
 * identity (many units save "Ke hoach ISO 2022.xlsx"); neither is an issuer alone.
 */
function senderKey(s: Submission): string {
  if (s.outcome.kind !== "read") return "";
  const { issuer, area } = s.outcome.plan.info;
  const i = unitKey(issuer);
  const a = unitKey(area);
  return i && a ? `${i}\u0000${a}` : "";
}

const namesOf = (s: Submission): Set<string> =>
  new Set(s.outcome.kind === "read" ? s.outcome.plan.agencies.map((a) => unitKey(a.name)) : []);

/** The agencies an older file of a sender lists and its newer file no longer does. */
function droppedNames(older: Submission, newer: Submission): string[] {
  const kept = namesOf(newer);
  return older.outcome.kind === "read" ? older.outcome.plan.agencies.filter((a) => !kept.has(unitKey(a.name))).map((a) => a.name) : [];
}

/** Every agency a newer file dropped, as many as a cell holds beside the rest of the sentence (a file of thousands may be replaced by an empty one). */
const noLongerListed = (dropped: readonly string[]) =>
  dropped.length ? ` Không còn trong tệp mới: ${namedList(dropped, { separator: "; ", what: "cơ quan", within: MAX_CELL_CHARS - 1_000 })}.` : "";

/**
 * Do two files from the same sender list largely the same agencies (at least half of the
 * shorter list)? A supplement listing other units, or templates the province pre-filled with
 * its own Thông tin and different districts filled in, do not.
 */
function sameList(a: Submission, b: Submission): boolean {
  const x = namesOf(a);
  const y = namesOf(b);
  if (x.size === 0 && y.size === 0) return true;
  const shared = [...x].filter((n) => y.has(n)).length;
  return shared > 0 && shared * 2 >= Math.min(x.size, y.size);
}

/**
 * Which submissions are replaced by a newer one: the same sender (issuer and area) with a
 * largely overlapping list. Files whose lists do not overlap are both kept.
 */
function replacements(subs: readonly Submission[]): Map<Submission, Submission> {
  const replacedBy = new Map<Submission, Submission>();
  const bySender = new Map<string, Submission[]>();
  for (const s of subs) {
    const key = senderKey(s);
    if (key) bySender.set(key, [...(bySender.get(key) ?? []), s]);
  }
  for (const group of bySender.values()) {
    // Newest first: each file replaces the older ones of the same sender whose list it largely repeats.
    const ordered = [...group].sort((a, b) => (newer(a, b) ? -1 : newer(b, a) ? 1 : 0));
    for (let i = 0; i < ordered.length; i++) {
      if (replacedBy.has(ordered[i])) continue;
      for (let j = i + 1; j < ordered.length; j++) {
        if (!replacedBy.has(ordered[j]) && sameList(ordered[i], ordered[j])) replacedBy.set(ordered[j], ordered[i]);
      }
    }
  }
  return replacedBy;
}

/** How areas begin (folded), by level: the words and abbreviations of a district and of a commune. */
const DISTRICT_WORDS = "huyen|thi xa|thanh pho|quan|tp\\.?|tx\\.?|h\\.";
const COMMUNE_WORDS = "xa|phuong|p\\.|thi tran|tt\\.|dac khu";
const PROVINCE_WIDE = /^tinh\b/;
const DISTRICT = new RegExp(`^(${DISTRICT_WORDS})\\s`);
const PLACE = new RegExp(`^(tinh|${DISTRICT_WORDS}|q\\.|${COMMUNE_WORDS})(\\s|$)`);

/** An area that names the whole province (a commune's district is not known from it). */
export const isProvinceWide = (area: string) => PROVINCE_WIDE.test(foldText(area));
/** A district, district-level town or city: what a commune's area should name under three-level government. */
const isDistrict = (area: string) => DISTRICT.test(foldText(area));
/** An area that names a place (tỉnh, huyện, xã …), not a parent agency. */
const isPlace = (area: string) => PLACE.test(foldText(area));

/**
 * The area an agency is merged under. A commune (three-level plans) whose row names no district
 * takes its sending district's; when the file is not a district's, the area is unknown (""), and
 * the commune is never taken for a same-named one elsewhere. Other agencies default to the
 * sender's area (the province for its departments).
 */
function mergedArea(a: Agency, group: AgencyGroup, plan: Plan, province: string): string {
  // Two-level government: a commune is one of the province's, its name unique there; whatever its
  // area cell says (the commune itself, the province), it is keyed under the province.
  if (group.id === COMMUNE && plan.info.levels === 2) {
    if (province) return province;
    if (isProvinceWide(a.area)) return a.area;
    if (isProvinceWide(plan.info.area)) return plan.info.area;
  }
  if (group.id === COMMUNE) {
    const own = a.area && !isProvinceWide(a.area) ? a.area : "";
    if (own) return own;
    if (plan.info.levels === 3) return isDistrict(plan.info.area) ? plan.info.area : "";
    return a.area || plan.info.area;
  }
  // Above the communes an area column often names the parent agency ("Sở Nông nghiệp và PTNT"):
  // the place is then the sender's (the province); the parent is kept in the note.
  return a.area && isPlace(a.area) ? a.area : plan.info.area;
}

/** The standard commune group: the only one whose names repeat across districts. */
export const COMMUNE = "cap-xa";

/**
 * An agency of `plan` as the consolidation holds it: in `group` (the consolidating plan's), under
 * the area it is merged by; a parent agency typed in the area column moves to the note.
 */
export function placedAgency(a: Agency, group: AgencyGroup, plan: Plan, province = ""): Agency {
  const area = mergedArea(a, group, plan, province);
  const parent = a.area && area !== a.area && !isPlace(a.area) ? `Đơn vị cấp trên: ${a.area}` : "";
  const note = [a.note, parent].filter(Boolean).join(". ");
  return { name: a.name, groupId: group.id, area, note, ...(a.form ? { form: a.form } : {}), ...(a.at ? { at: a.at } : {}) };
}

/**
 * The key two rows are one agency under: communes by name and area (Phường 1 of Cao Lãnh is not
 * Phường 1 of Sa Đéc); every other agency by name, unique within a province.
 */
export function mergeKey(a: Pick<Agency, "name" | "area" | "groupId">): string {
  return a.groupId === COMMUNE ? agencyKey(a) : `\u0000${unitKey(a.name)}`;
}

/** The base plan's group for an agency of a submission, or null. */
function mapGroup(a: Agency, from: readonly AgencyGroup[], to: readonly AgencyGroup[]): AgencyGroup | null {
  if (a.groupId !== null) {
    const own = from.find((g) => g.id === a.groupId);
    const byId = to.find((g) => g.id === a.groupId);
    if (byId) return byId;
    if (own) {
      const byLabel = findGroup(own.label, to);
      if (byLabel) return byLabel;
    }
  }
  if (a.groupText) {
    const byText = findGroup(a.groupText, to);
    if (byText) return byText;
  }
  return a.groupId === null && !a.groupText ? inferGroup(a.name, to) : null;
}

function rateProblems(plan: Plan, base: Plan): Problem[] {
  const problems: Problem[] = [];
  for (const g of plan.groups) {
    const target = base.groups.find((b) => b.id === g.id) ?? findGroup(g.label, base.groups);
    if (target && target.rate !== g.rate && plan.agencies.some((a) => a.groupId === g.id)) {
      problems.push(
        problemAt(undefined, "warning", "RATE_DIFFERS",
          `Tệp dùng định mức ${formatVnNumber(g.rate)} triệu đồng/cơ quan cho nhóm "${g.label}"; bản tổng hợp tính lại theo định mức ${formatVnNumber(target.rate)}.`, ""),
      );
    }
    // Agencies building or extending a system: at the consolidating plan's rate for that form, or as duy trì when it has none.
    for (const f of EXTRA_FORMS) {
      if (!target || !plan.agencies.some((a) => a.groupId === g.id && a.form === f)) continue;
      const mine = formRate(g, f);
      const theirs = formRate(target, f);
      const form = formLabel(f).toLocaleLowerCase("vi");
      if (theirs === null) {
        problems.push(problemAt(undefined, "warning", "FORM_NO_RATE",
          `Tệp có cơ quan ${form} thuộc nhóm "${g.label}" nhưng kế hoạch tổng hợp chưa có định mức ${form} cho nhóm này: được tính theo định mức duy trì, cải tiến.`, ""));
      } else if (mine !== null && mine !== theirs) {
        problems.push(problemAt(undefined, "warning", "RATE_DIFFERS",
          `Tệp dùng định mức ${form} ${formatVnNumber(mine)} triệu đồng/cơ quan cho nhóm "${g.label}"; bản tổng hợp tính theo ${formatVnNumber(theirs)}.`, ""));
      }
    }
  }
  if (plan.rates.trainingPerClass !== base.rates.trainingPerClass && (plan.training.classes ?? 0) > 0) {
    problems.push(
      problemAt(undefined, "warning", "RATE_DIFFERS",
        `Tệp dùng định mức đào tạo ${formatVnNumber(plan.rates.trainingPerClass)} triệu đồng/lớp; bản tổng hợp tính theo ${formatVnNumber(base.rates.trainingPerClass)}.`, ""),
    );
  }
  return problems;
}

/**
 * The lines a unit's own plan carries beside its agencies — its own kiểm tra, đào tạo and any
 * other line — as they stand in its file, each named with the unit and its file.
 */
function unitLines(plan: Plan, unit: string, file: string): ExtraLine[] {
  const sectionOf = (kind: "inspection" | "training") => plan.declared?.lines.find((l) => l.kind === kind);
  const own: ExtraLine[] = [];
  if (plan.rates.inspectionLumpSum) {
    const line = sectionOf("inspection");
    own.push({
      section: line?.section ?? "II", ...(line ? { sectionTitle: titleOf(plan, line.section) } : {}),
      label: line?.label ?? LINE_INSPECTION, quantity: null, quantityText: "", content: line?.content ?? "",
      rate: null, amount: plan.rates.inspectionLumpSum, note: line?.note ?? "",
    });
  }
  const classes = trainingClasses(plan);
  if (classes > 0) {
    const line = sectionOf("training");
    own.push({
      section: line?.section ?? "II", ...(line ? { sectionTitle: titleOf(plan, line.section) } : {}),
      label: line?.label ?? LINE_TRAINING, quantity: classes, quantityText: `${classes} lớp`, content: line?.content ?? "",
      rate: plan.rates.trainingPerClass, amount: timesTrieu(classes, plan.rates.trainingPerClass), note: line?.note ?? "",
    });
  }
  return [...own, ...plan.extraLines].map((l) => ({
    ...l,
    label: `${unit}: ${l.label}`,
    source: unit,
    note: [`Do ${unit} gửi (tệp ${file})`, l.note].filter(Boolean).join("; "),
  }));
}

/**
 * A read plan reduced to what merging needs of it, as soon as it is read: of PL2 as the file
 * showed it, only its own kiểm tra and đào tạo lines and the section titles (`unitLines`) —
 * its declared amounts and totals have already been checked against the computed ones where
 * it was read (those problems travel with the submission), and of those lines only their texts.
 * At 10.000 files the rest took 52 MB of the merge's memory, the lines' numbers and cells 17 MB.
 */
export function forMerging(plan: Plan): Plan {
  if (!plan.declared) return plan;
  const { sections, lines } = plan.declared;
  // Of each line, the texts unitLines carries over (its numbers and cells are the file's own
  // and were checked where read), so equal lines in many files can be one (core/compact).
  const kept = (["inspection", "training"] as const).flatMap((kind): DeclaredLine[] => {
    const line = lines.find((l) => l.kind === kind);
    return line
      ? [{ section: line.section, label: line.label, kind, quantity: null, quantityText: "", rate: null, amount: null, content: line.content, note: line.note }]
      : [];
  });
  return { ...plan, declared: { sections, lines: kept, sectionTotals: [], total: null } };
}

function titleOf(plan: Plan, roman: string): string {
  return plan.declared?.sections.find((s) => s.roman === roman)?.title ?? "";
}

/**
 * Sections of the consolidated PL2: I and II are the province's (section II its Sở KH&CN's own
 * management lines); a line under a further section keeps that section, one per title, numbered
 * after the province's own (III, IV …).
 */
function placeSections(lines: readonly ExtraLine[]): ExtraLine[] {
  const romans = new Map<string, string>();
  const used = new Set(["I", "II"]);
  for (const l of lines) if (!l.source && l.section) used.add(l.section);
  let next = 3;
  return lines.map((l) => {
    if (!l.source || l.section === "" || l.section === "I" || l.section === "II") return { ...l, section: l.section || "I" };
    const key = foldText(l.sectionTitle ?? l.section);
    let roman = romans.get(key);
    if (!roman) {
      while (used.has(toRoman(next))) next++;
      roman = toRoman(next);
      used.add(roman);
      romans.set(key, roman);
    }
    return { ...l, section: roman };
  });
}

const COLLATOR = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

/**
 * The order of the consolidated Phụ lục 1 when no list gives one (SPEC §7): by group, then by area —
 * the province's own first, then each area where its first agency comes (a district with its UBND,
 * so its communes follow their district) — then by sender in Vietnamese alphabetical order, then
 * in each file's own order. Never by file name: names are chosen by whoever saved the file.
 * Returns the permutation of indices.
 */
function officialOrder(agencies: readonly Agency[], sources: readonly string[], senders: readonly string[], base: Plan): number[] {
  const groupRank = new Map(base.groups.map((g, i) => [g.id, i]));
  const rank = (i: number) => groupRank.get(agencies[i].groupId ?? "") ?? base.groups.length;
  const bySender = (i: number, j: number) =>
    COLLATOR.compare(senders[i], senders[j]) || (sources[i] < sources[j] ? -1 : sources[i] > sources[j] ? 1 : 0) || i - j;
  const first = agencies.map((_, i) => i).sort((i, j) => rank(i) - rank(j) || bySender(i, j));
  const provinceArea = unitKey(base.info.area);
  const areaRank = new Map<string, number>();
  first.forEach((i, at) => {
    const a = agencies[i].area;
    const key = unitKey(a);
    // The province's own area first; an unknown one (a commune whose district no one named) last, for a person to place.
    if (!areaRank.has(key)) areaRank.set(key, key === provinceArea || isProvinceWide(a) ? -1 : key === "" ? Infinity : at);
  });
  const areaOf = (i: number) => areaRank.get(unitKey(agencies[i].area)) ?? 0;
  const byArea = (i: number, j: number) => (areaOf(i) === areaOf(j) ? 0 : areaOf(i) < areaOf(j) ? -1 : 1);
  return first.slice().sort((i, j) => rank(i) - rank(j) || byArea(i, j) || bySender(i, j));
}

/**
 * Merge submissions into the consolidating plan `base` (its info, groups and rates;
 * its own agencies, tasks and lines are ignored — pass them as a submission).
 */
export function mergeSubmissions(submissions: readonly Submission[], base: Plan, ownFile: string | null = null): MergeResult {
  const subs = canonical(submissions);
  const replacedBy = replacements(subs);
  const replacing = new Map<Submission, Submission[]>();
  for (const [old, by] of replacedBy) replacing.set(by, [...(replacing.get(by) ?? []), old]);
  // Each agency kept, by its merge key and by its name (indices into `agencies`, not records: a
  // national merge keeps 56.000).
  const kept = new Map<string, number>();
  const byName = new Map<string, number>();
  const moreByName = new Map<string, number[]>();
  const possible = new Set<string>();
  const dupFiles = new Map<string, string[]>();
  const agencies: Agency[] = [];
  const agencySources: string[] = [];
  const senders: string[] = [];
  const unitTasks: MergeResult["unitTasks"] = [];
  const carried: ExtraLine[] = [];
  // The province's own management lines and tasks: its own file's, else the consolidating plan's.
  let own: Pick<Plan, "rates" | "training" | "extraLines" | "tasks"> = base;
  const files: FileReport[] = [];

  for (const s of subs) {
    const report: FileReport = {
      file: s.file, unit: unitOf(s), planDate: s.outcome.kind === "read" ? s.outcome.plan.info.date : "",
      modified: s.modified, status: "ok", reason: "", replacedBy: null,
      read: 0, kept: 0, duplicates: 0, rejected: 0, replaced: 0, problems: [],
      readAs: s.outcome.kind === "read" ? s.outcome.readAs ?? "" : "",
    };
    files.push(report);
    if (s.outcome.kind === "rejected") {
      report.status = s.outcome.skipped ? "skipped" : "rejected";
      report.reason = s.outcome.reason;
      report.problems.push(problemAt(undefined, "error", "FILE_UNREADABLE", s.outcome.reason, ""));
      if (replacedBy.has(s)) report.replacedBy = replacedBy.get(s)!.file;
      continue;
    }
    const { plan, problems } = s.outcome;
    report.read = plan.agencies.length;
    report.problems.push(...problems);
    const by = replacedBy.get(s);
    if (by) {
      report.status = "replaced";
      report.replacedBy = by.file;
      report.replaced = plan.agencies.length;
      report.reason = `Được thay bằng tệp mới hơn ${by.file} (cùng đơn vị gửi).${noLongerListed(droppedNames(s, by))}`;
      continue;
    }
    for (const o of replacing.get(s) ?? []) {
      const dropped = droppedNames(o, s);
      report.problems.push(
        problemAt(undefined, dropped.length ? "warning" : "info", "FILE_REPLACES", `Tệp này thay tệp cũ hơn của cùng đơn vị gửi: ${o.file}.${noLongerListed(dropped)}`, ""),
      );
    }
    report.problems.push(...rateProblems(plan, base));
    for (const a of plan.agencies) {
      if (a.rejectReason) {
        report.rejected++;
        report.problems.push(problemAt(a.at, "error", "LEGACY_ENCODING", `Không đưa dòng này vào tổng hợp: ${a.rejectReason}`));
        continue;
      }
      const group = mapGroup(a, plan.groups, base.groups);
      if (!group) {
        report.rejected++;
        const typed = a.groupText ?? plan.groups.find((g) => g.id === a.groupId)?.label ?? "";
        report.problems.push(
          problemAt(a.groupAt ?? a.at, "error", "UNKNOWN_GROUP",
            `Không đưa "${a.name}" vào tổng hợp: ${typed ? `nhóm "${typed}" không có trong kế hoạch tổng hợp` : "không xác định được nhóm cơ quan"} (${base.groups.map((g) => g.label).join("; ")}).`),
        );
        continue;
      }
      const merged = placedAgency(a, group, plan, isProvinceWide(base.info.area) ? base.info.area : "");
      const key = mergeKey(merged);
      // A commune whose district is unknown is never taken for another: it is kept, and shown.
      const unknown = group.id === COMMUNE && merged.area === "";
      const first = unknown ? undefined : kept.get(key);
      if (first !== undefined) {
        report.duplicates++;
        const list = dupFiles.get(key) ?? [agencySources[first]];
        list.push(s.file);
        dupFiles.set(key, list);
        continue;
      }
      // Same name where one side's area is unknown: kept twice, shown to a person.
      const nameOnly = unitKey(merged.name);
      const at = agencies.length;
      const firstOfName = byName.get(nameOnly);
      if (firstOfName === undefined) byName.set(nameOnly, at);
      else {
        const more = moreByName.get(nameOnly) ?? [];
        if (group.id === COMMUNE && [firstOfName, ...more].some((i) => agencies[i].area === "" || merged.area === "")) possible.add(nameOnly);
        more.push(at);
        moreByName.set(nameOnly, more);
      }
      if (!unknown) kept.set(key, at);
      agencies.push(merged);
      agencySources.push(s.file);
      senders.push(unitOf(s) || baseName(s.file));
      report.kept++;
    }
    if (s.file === ownFile) own = plan;
    else {
      carried.push(...unitLines(plan, unitOf(s) || s.file, s.file));
      if (plan.tasks.length) unitTasks.push({ unit: unitOf(s) || baseName(s.file), file: s.file, tasks: plan.tasks });
    }
  }
  for (const r of files) {
    if (r.status === "ok" && r.problems.some((p) => p.severity !== "info")) r.status = "warning";
  }

  const possibleDuplicates: PossibleDuplicate[] = [...possible].map((k) => {
    const rows = [byName.get(k)!, ...moreByName.get(k)!];
    const where = (o: number) => `${agencies[o].area || "chưa rõ địa bàn"} — ${agencySources[o]}`;
    // Each row names the first others only (not every other row: thousands of rows of one name would be quadratic).
    const first = rows.slice(0, NAMED_IN_CELL + 1);
    for (const r of rows) {
      const others = namedList(first.filter((o) => o !== r), { separator: "; ", what: "dòng cùng tên", show: where, total: rows.length - 1 });
      agencies[r].note = [agencies[r].note, `Có thể trùng: ${others}`].filter(Boolean).join(". ");
    }
    return { name: agencies[rows[0]].name, entries: rows.map((r) => ({ area: agencies[r].area, file: agencySources[r] })) };
  });
  const duplicates: DuplicateReport[] = [...dupFiles.entries()].map(([key, list]) => {
    const a = agencies[kept.get(key)!];
    return { name: a.name, area: a.area, files: list };
  });
  const sum = (k: "read" | "kept" | "duplicates" | "rejected" | "replaced") => files.reduce((acc, f) => acc + f[k], 0);
  const order = officialOrder(agencies, agencySources, senders, base);
  const plan: Plan = {
    info: { ...base.info },
    groups: base.groups.map((g) => ({ ...g, patterns: [...g.patterns] })),
    rates: { ...base.rates, inspectionLumpSum: own.rates.inspectionLumpSum },
    training: { ...own.training },
    agencies: order.map((i) => agencies[i]),
    tasks: own.tasks.map((t) => ({ ...t })),
    extraLines: placeSections([...own.extraLines, ...carried]),
  };
  return {
    plan,
    files,
    duplicates,
    possibleDuplicates,
    totals: { files: files.length, read: sum("read"), kept: sum("kept"), duplicates: sum("duplicates"), rejected: sum("rejected"), replaced: sum("replaced") },
    agencySources: order.map((i) => agencySources[i]),
    unitTasks,
  };
}
