/**
 * Submissions kept compact while a merge collects them. Each file arrives from its reader as a
 * fresh copy (a worker's message, a structured clone): the same group table, the same sheet
 * names, the same section titles in every one of 10.000 files, each held again. A sharer makes
 * equal parts one object and equal texts one string, as they arrive, so that what a merge
 * holds grows with what differs between files, not with their number (at 10.000 files:
 * measured in `npm run bench`, README "Hiệu năng").
 *
 * Only parts that nothing changes after reading are shared (plans are read, merged, written;
 * the merge builds its own agencies and lines).
 */
import type { Submission } from "./merge";
import type { CellRef } from "./model";
import type { Problem } from "./problems";

export function submissionSharer(): (s: Submission) => Submission {
  const texts = new Map<string, string>();
  const parts = new Map<string, unknown>();
  const text = <T extends string | undefined>(s: T): T => {
    if (typeof s !== "string") return s; // a field older stores lack stays absent
    const known = texts.get(s) as T | undefined;
    if (known !== undefined) return known;
    texts.set(s, s);
    return s;
  };
  /** The one object equal to `value` (by its JSON) among those seen. */
  const part = <T>(value: T): T => {
    // Values JSON would make equal (NaN, Infinity and null; a key set to undefined and none) kept apart.
    const key = JSON.stringify(value, (_, v: unknown) => (v === undefined ? "\u0000undefined" : typeof v === "number" && !Number.isFinite(v) ? `\u0000${v}` : v));
    const known = parts.get(key) as T | undefined;
    if (known !== undefined) return known;
    parts.set(key, value);
    return value;
  };
  const ref = (at: CellRef | undefined) => {
    if (at) at.sheet = text(at.sheet);
  };
  const cell = (at: CellRef): CellRef => ({ sheet: text(at.sheet), row: at.row, col: at.col });
  const problem = (p: Problem) => {
    p.sheet = text(p.sheet);
    p.code = text(p.code);
  };
  return (s) => {
    if (s.outcome.kind !== "read") return s;
    const { plan, problems } = s.outcome;
    plan.groups = part(plan.groups);
    plan.rates = part(plan.rates);
    plan.training = part(plan.training);
    if (plan.declared) plan.declared.sections = part(plan.declared.sections);
    if (s.outcome.readAs !== undefined) s.outcome.readAs = text(s.outcome.readAs);
    // Each agency made anew, its cells too: the objects a structured clone gives (from a read
    // worker) are larger than the same made here (1,8 MB more for 56.000 agencies).
    plan.agencies = plan.agencies.map((a) => {
      const kept = { ...a };
      kept.area = text(a.area);
      kept.note = text(a.note);
      if (a.groupId !== null) kept.groupId = text(a.groupId);
      if (a.at) kept.at = cell(a.at);
      if (a.groupAt) kept.groupAt = cell(a.groupAt);
      return kept;
    });
    for (const t of plan.tasks) {
      ref(t.at);
      ref(t.timingAt);
      t.lead = text(t.lead);
      t.partner = text(t.partner);
      t.timing = text(t.timing);
      t.approval = text(t.approval);
    }
    for (const l of plan.extraLines) ref(l.at);
    // The lines a merge keeps (forMerging) are their texts only: equal in most files.
    if (plan.declared) {
      plan.declared.lines = plan.declared.lines.map((l) => {
        if (!l.at && !l.quantityAt) return part(l);
        ref(l.at);
        ref(l.quantityAt);
        return l;
      });
    }
    problems.forEach(problem);
    return s;
  };
}
