/**
 * The officer's own corrections to the consolidated Phụ lục 1 (SPEC §7): a fixed name, another group,
 * a note, a deleted row, an added row. They are found by comparing the list as the workbook now shows
 * it with the list the tool last wrote (each row carries a hidden row id), kept, and applied again on
 * every later merge — never silently reverted. One that no longer applies is said so.
 */
import { findGroup, type AgencyGroup } from "./groups";
import { mergeKey } from "./merge";
import type { Agency } from "./model";
import { cleanText, foldText } from "./text";

export type CorrectionKind = "rename" | "group" | "area" | "note" | "delete" | "add";

/** A PL1 row as written or as read: the fields an officer may change. */
export interface ListRow {
  rowId: string;
  name: string;
  /** The group as the sheet shows it (its label). */
  group: string;
  area: string;
  note: string;
}

export interface Correction {
  kind: CorrectionKind;
  /** The row it applies to (for "add": the added row's own id). */
  rowId: string;
  /** The agency as the tool first wrote it (for "add": as the officer typed it). */
  name: string;
  area: string;
  /** The value before and after ("" for a deletion's after, an addition's before). */
  from: string;
  to: string;
  /** When the tool first saw it (dd/mm/yyyy). */
  firstSeen: string;
  /** For "add": the row above it (its id, "" at the top) and the row as typed. */
  after?: string;
  row?: ListRow;
}

export type CorrectionStatus = "applied" | "gone";

export interface AppliedCorrection {
  correction: Correction;
  status: CorrectionStatus;
  /** Why it no longer applies. */
  reason: string;
}

const FIELDS = [["name", "rename"], ["group", "group"], ["area", "area"], ["note", "note"]] as const;

const same = (field: "name" | "group" | "area" | "note", a: string, b: string) =>
  field === "group" ? foldText(a) === foldText(b) : cleanText(a) === cleanText(b);

/** A short stable id from a text (two 32-bit FNV-1a hashes, base 36). */
export function shortId(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000193 + 2) >>> 0;
  }
  // Each hash as 7 base-36 digits (36^7 > 2^32), made as one flat string: the same text as
  // h.toString(36).padStart(7, "0") twice, without the four strings and their join (180 bytes an
  // id, kept as long as the id, at 56.000 rows).
  const digits = new Array<number>(14);
  for (let i = 6; i >= 0; i--) {
    digits[i] = BASE36[h1 % 36];
    digits[i + 7] = BASE36[h2 % 36];
    h1 = Math.floor(h1 / 36);
    h2 = Math.floor(h2 / 36);
  }
  return String.fromCharCode(...digits);
}

const BASE36 = Array.from("0123456789abcdefghijklmnopqrstuvwxyz", (c) => c.charCodeAt(0));

/** Row ids for the merged agencies: from each one's identity, so the same agency keeps its id across merges. */
export function assignRowIds(agencies: readonly Agency[]): Agency[] {
  const seen = new Map<string, number>();
  return agencies.map((a) => {
    if (a.rowId) return a;
    const base = shortId(mergeKey(a));
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const rowId = n === 1 ? base : `${base}-${n}`;
    // Not { ...a, rowId }: V8 makes a spread copy given one more property 350 bytes, this 100. (A key
    // "__proto__" of its own, which only a hand-edited JSON could give, would be taken as the
    // prototype by Object.assign: such an agency is copied the plain way.)
    return Object.hasOwn(a, "__proto__") ? { ...a, rowId } : Object.assign({}, a, { rowId });
  });
}

/**
 * The corrections after looking at the list as it now stands: `written` is what the tool last wrote,
 * `current` what the sheet shows now, `known` the corrections recorded so far. A change made again
 * updates its correction; a change undone removes it.
 */
export function detectCorrections(written: readonly ListRow[], current: readonly ListRow[], known: readonly Correction[], today: string): Correction[] {
  const out = known.map((c) => ({ ...c }));
  const wrote = new Map(written.map((w) => [w.rowId, w]));
  const addOf = (rowId: string) => out.find((c) => c.kind === "add" && c.rowId === rowId);
  const seen = new Set<string>();
  const record = (kind: CorrectionKind, w: ListRow, from: string, to: string) => {
    const added = addOf(w.rowId);
    if (added?.row && kind !== "delete") {
      // A change to a row the officer added: the addition itself changes.
      const field = FIELDS.find(([, k]) => k === kind)![0];
      added.row = { ...added.row, [field]: to };
      if (field === "name") added.name = to;
      if (field === "area") added.area = to;
      added.to = added.row.name;
      return;
    }
    const at = out.findIndex((c) => c.rowId === w.rowId && c.kind === kind);
    if (at >= 0) {
      const field = FIELDS.find(([, k]) => k === kind)?.[0] ?? "name";
      if (same(field, out[at].from, to)) out.splice(at, 1);
      else out[at].to = to;
      return;
    }
    const first = out.find((c) => c.rowId === w.rowId && c.kind === "rename");
    out.push({ kind, rowId: w.rowId, name: first?.from ?? w.name, area: w.area, from, to, firstSeen: today });
  };
  let previous = "";
  current.forEach((row, i) => {
    const w = row.rowId ? wrote.get(row.rowId) : undefined;
    if (w && !seen.has(row.rowId)) {
      seen.add(row.rowId);
      for (const [field, kind] of FIELDS) if (!same(field, w[field], row[field])) record(kind, w, w[field], row[field]);
      previous = row.rowId;
      return;
    }
    if (cleanText(row.name) === "") return;
    const rowId = `them-${shortId(`${row.name}\u0000${row.area}\u0000${today}\u0000${i}`)}`;
    const typed: ListRow = { ...row, rowId };
    out.push({ kind: "add", rowId, name: row.name, area: row.area, from: "", to: row.name, firstSeen: today, after: previous, row: typed });
    previous = rowId;
  });
  for (const w of written) {
    if (seen.has(w.rowId)) continue;
    const added = addOf(w.rowId);
    if (added) {
      out.splice(out.indexOf(added), 1);
      continue;
    }
    // A deleted row: its other corrections no longer matter.
    for (let i = out.length - 1; i >= 0; i--) if (out[i].rowId === w.rowId) out.splice(i, 1);
    const first = known.find((c) => c.rowId === w.rowId && c.kind === "rename");
    out.push({ kind: "delete", rowId: w.rowId, name: first?.from ?? w.name, area: w.area, from: w.name, to: "", firstSeen: today });
  }
  return out;
}

/**
 * The merged list with the corrections applied, in order: changes to rows, deletions, additions
 * after the row they were added under. `sources` (the file of each agency) moves with it; an added
 * row's source is `addedSource`.
 */
export function applyCorrections(
  agencies: readonly Agency[], sources: readonly string[], corrections: readonly Correction[], groups: readonly AgencyGroup[], addedSource: string,
): { agencies: Agency[]; sources: string[]; applied: AppliedCorrection[] } {
  const applied: AppliedCorrection[] = [];
  const gone = (c: Correction, reason: string) => applied.push({ correction: c, status: "gone", reason });
  const withGroup = (a: Agency, label: string): Agency => {
    const g = findGroup(label, groups);
    const rest = { ...a };
    delete rest.groupText;
    return g ? { ...rest, groupId: g.id } : { ...rest, groupId: null, ...(cleanText(label) ? { groupText: label } : {}) };
  };
  // Changes, deletions: on the merged rows by id. A row is copied when a correction changes it (the
  // merge's own agency is never changed), the others are the merge's, not copied: 56.000 rows
  // copied for a handful of corrections were most of what a national merge made here.
  const rows = new Map<string, number[]>();
  agencies.forEach((a, i) => {
    if (a.rowId === undefined) return;
    const same = rows.get(a.rowId);
    if (same) same.push(i);
    else rows.set(a.rowId, [i]);
  });
  const current = agencies.slice();
  const copied = new Set<number>();
  const deleted = new Set<number>();
  for (const c of corrections) {
    if (c.kind === "add") continue;
    const at = rows.get(c.rowId)?.find((i) => !deleted.has(i));
    if (at === undefined) {
      gone(c, c.kind === "delete" ? "dòng này đã không còn trong kết quả gộp" : "dòng này không còn trong kết quả gộp (tệp gửi đã bỏ hoặc đổi cơ quan này)");
      continue;
    }
    const field = c.kind === "rename" ? "name" : c.kind === "area" ? "area" : c.kind === "note" ? "note" : null;
    if (c.kind === "delete") deleted.add(at);
    else if (field) {
      if (!copied.has(at)) {
        current[at] = { ...current[at] };
        copied.add(at);
      }
      current[at][field] = c.to;
    } else {
      // "group" (and, as before, a kind this version does not know: a store written by a newer one).
      current[at] = withGroup(current[at], c.to);
      copied.add(at);
    }
    applied.push({ correction: c, status: "applied", reason: "" });
  }
  const list: Array<{ agency: Agency; source: string }> = [];
  current.forEach((agency, i) => deleted.has(i) || list.push({ agency, source: sources[i] }));
  // Additions, in order, each after the row it was typed under. One the files now send is not
  // added again: the sent rows' keys are worked out once (not once per addition).
  const adds = corrections.filter((c) => c.kind === "add" && c.row);
  const sent = new Map<string, Array<{ rowId: string | undefined; source: string }>>();
  if (adds.length) {
    for (const x of list) {
      if (x.source === addedSource) continue;
      const key = mergeKey(x.agency);
      const same = sent.get(key);
      if (same) same.push({ rowId: x.agency.rowId, source: x.source });
      else sent.set(key, [{ rowId: x.agency.rowId, source: x.source }]);
    }
  }
  const indexOf = (rowId: string) => list.findIndex((x) => x.agency.rowId === rowId);
  for (const c of adds) {
    const typed = withGroup({ name: c.row!.name, groupId: null, area: c.row!.area, note: c.row!.note, rowId: c.rowId }, c.row!.group);
    const sentBy = sent.get(mergeKey(typed))?.find((x) => x.rowId !== c.rowId);
    if (sentBy) {
      gone(c, `cơ quan này nay đã có trong tệp gửi ${sentBy.source}`);
      continue;
    }
    let at = c.after ? indexOf(c.after) : -1;
    if (at < 0 && c.after) {
      // The row it was added under is gone: at the end of its group.
      for (let i = list.length - 1; i >= 0; i--) if (list[i].agency.groupId === typed.groupId) { at = i; break; }
      if (at < 0) at = list.length - 1;
    }
    list.splice(at + 1, 0, { agency: typed, source: addedSource });
    applied.push({ correction: c, status: "applied", reason: "" });
  }
  return { agencies: list.map((x) => x.agency), sources: list.map((x) => x.source), applied };
}
