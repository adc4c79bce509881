/**
 * The Tổng hợp flow over PlanHost, without React: the list of files handed in, read a few at a
 * time (in Web Workers in the browser), files removed or reading stopped, the merge, and what to
 * say about it. The panel only shows its state.
 *
 * Every file added appears in the list and, once merged, in the report; adding the same file again
 * (same name, size and date) never lists it twice; a re-merge merges the list as it is now.
 */
import { computeBudget } from "../../core/budget";
import type { AgencyGroup } from "../../core/groups";
import type { FileReport, MergeResult, Submission } from "../../core/merge";
import type { Plan } from "../../core/model";
import { formatVnNumber } from "../../core/numbers";
import type { BaseOverrides } from "../../workbook/base";
import { existingFromRaw, StoreProblem, type Consolidation, type Existing, type Season } from "../../workbook/consolidated";
import type { WorkbookGrid } from "../../workbook/grid";
import { mergeCountLines, seasonLines, submissionLine } from "../../workbook/submission";
import type { AgencyList } from "../../core/season";
import { notSpreadsheetReason } from "../../workbook/sniff";
import type { ExistingSheets } from "../../adapters/office/excelWrite";
import type { PlanHost } from "../host";
import type { Status } from "./status";

/** One file read for the merge: a submission, or an earlier consolidated workbook (holding its files). */
export type ReadOutcome = { submission: Submission } | { earlier: Existing };

/**
 * What a merge gives the pane: the report and the figures, and the consolidated workbook — as a
 * grid for the open workbook, or as .xlsx bytes for a download — never the merged plan itself
 * (in the browser all of it stays in the worker that merged it).
 */
export interface Merged {
  files: FileReport[];
  totals: MergeResult["totals"];
  possibleDuplicates: MergeResult["possibleDuplicates"];
  agencies: number;
  total: number;
  totalWords: string;
  sheetNames: string[];
  baseFrom: string | null;
  notice: string | null;
  /** Who has sent, when an expected list is known (its lines as the CLI prints them, and who has not). */
  season: { lines: string[]; notSent: NotSent[]; expected: number } | null;
  grid?: WorkbookGrid;
  bytes?: Uint8Array;
}

/** An expected agency that has not sent; `maybe` is a similar name that did arrive (a likely rename). */
export interface NotSent {
  name: string;
  area: string;
  maybe?: string;
}

/** How the consolidated workbook is wanted: a grid to write into Excel, the bytes of a file, or none (who has sent). */
export type MergeOutput = "grid" | "bytes" | "report";

/** What a consolidation gives the pane (the workbook as asked for). */
export function mergedOf(done: Consolidation, output: MergeOutput, bytes?: Uint8Array): Merged {
  const budget = computeBudget(done.result.plan);
  return {
    files: done.result.files,
    totals: done.result.totals,
    possibleDuplicates: done.result.possibleDuplicates,
    agencies: done.result.plan.agencies.length,
    total: budget.total,
    totalWords: budget.totalWords,
    sheetNames: done.grid.sheets.map((s) => s.name),
    baseFrom: done.baseFrom,
    notice: done.notice,
    season: done.tracking || done.corrections.length || done.comparison
      ? {
          lines: seasonLines(done),
          notSent: (done.tracking?.expected ?? []).filter((e) => !e.file).map((e) => ({ name: e.agency.name, area: e.agency.area, ...(e.maybe ? { maybe: e.maybe.name } : {}) })),
          expected: done.tracking?.expected.length ?? 0,
        }
      : null,
    ...(output === "grid" ? { grid: done.grid } : output === "bytes" ? { bytes } : {}),
  };
}

/** The heavy parts, in Web Workers in the browser and in-process in tests. */
export interface MergeParts {
  /** Read one file; a file that cannot be read becomes a rejected submission with its reason, never a throw. */
  read(file: File, groups: AgencyGroup[] | undefined, signal: AbortSignal): Promise<ReadOutcome>;
  consolidate(fresh: Submission[], existing: Existing | null, overrides: BaseOverrides, output: MergeOutput, season?: Season): Promise<Merged | null>;
  /** Read an agency list (who should send): last year's consolidated workbook or any workbook with a list. */
  readList(file: File): Promise<AgencyList>;
}

export interface MergeEntry {
  id: number;
  name: string;
  state: "waiting" | "reading" | "read" | "earlier";
  submission?: Submission;
  note?: string;
}

/** How the list is filtered. */
export type EntryFilter = "all" | "attention" | "rejected" | "pending";

export const FILTERS: ReadonlyArray<[EntryFilter, string]> = [
  ["all", "Tất cả"],
  ["attention", "Có lỗi hoặc cảnh báo"],
  ["rejected", "Bị loại"],
  ["pending", "Chưa đọc xong"],
];

export interface MergeState {
  entries: readonly MergeEntry[];
  existing: Existing | null;
  /** The last merge's report per file, by file name. */
  reports: ReadonlyMap<string, FileReport> | null;
  /** Files still to read or being read. */
  pending: number;
  /** A message about the list itself (files stopped, a file added twice). */
  listNote: string | null;
  /** Who should send (chosen in the pane, or kept in the earlier consolidated workbook). */
  expected: AgencyList | null;
  /** Who has sent, after the last merge or check. */
  season: Merged["season"];
}

/** An entry's status for its badge and the filter: the last merge's, else what reading gave. */
export function entryStatus(e: MergeEntry, reports: MergeState["reports"]): FileReport["status"] | "waiting" | "reading" | "read" | "earlier" {
  const report = e.submission ? reports?.get(e.submission.file) : undefined;
  if (report) return report.status;
  if (e.state !== "read") return e.state;
  return e.submission?.outcome.kind === "rejected" ? (e.submission.outcome.skipped ? "skipped" : "rejected") : "read";
}

export function matchesFilter(e: MergeEntry, filter: EntryFilter, reports: MergeState["reports"]): boolean {
  const s = entryStatus(e, reports);
  switch (filter) {
    case "all":
      return true;
    case "pending":
      return s === "waiting" || s === "reading";
    case "rejected":
      return s === "rejected" || s === "skipped";
    case "attention": {
      const problems = e.submission?.outcome.kind === "read" ? e.submission.outcome.problems : [];
      return s === "rejected" || s === "warning" || s === "replaced" || problems.some((p) => p.severity !== "info");
    }
  }
}

interface Queued {
  entry: MergeEntry;
  file: File;
  key: string;
}

/**
 * The consolidation the open workbook holds (its hidden store), or null; or, when its store was
 * damaged by hand, why nothing is done (`doing`: "gộp thêm vào", "đối chiếu với"), as on the command
 * line: merging without it would drop every file it holds from the new result.
 */
async function openEarlier(host: PlanHost, doing: string): Promise<{ earlier: Existing | null } | { refused: Status }> {
  if (!host.readOpenWorkbook) return { earlier: null };
  const raw = await host.readOpenWorkbook();
  try {
    return { earlier: existingFromRaw(raw) };
  } catch (e) {
    if (e instanceof StoreProblem) return { refused: { kind: "error", text: e.refusal("đang mở", doing) } };
    throw e;
  }
}

/** Files listed per task when many are added at once. */
const ADD_SLICE = 100;

const fileKey = (f: File) => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;

export class MergeFlow {
  private entries: MergeEntry[] = [];
  /** The earlier consolidations chosen among the files, by entry: a merge goes into one, never two. */
  private readonly earliers = new Map<number, Existing>();
  private reports: Map<string, FileReport> | null = null;
  private listNote: string | null = null;
  private expected: AgencyList | null = null;
  private season: Merged["season"] = null;
  private readonly keys = new Map<number, string>();
  private queue: Queued[] = [];
  private running = 0;
  private controller = new AbortController();
  private nextId = 0;
  private state: MergeState;
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private idle: Array<() => void> = [];

  constructor(
    private readonly parts: MergeParts,
    private readonly lanes = 4,
    /** Readers' results are shown at most this often: 1.000 files are not 1.000 renders. */
    private readonly refreshMs = 100,
  ) {
    this.state = this.snapshot();
  }

  /** The earlier consolidation chosen last (shown, and its groups used to read the others). */
  private get existing(): Existing | null {
    return [...this.earliers.values()].pop() ?? null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): MergeState => this.state;

  private snapshot(): MergeState {
    return {
      entries: [...this.entries],
      existing: this.existing,
      reports: this.reports,
      pending: this.entries.filter((e) => e.state === "waiting" || e.state === "reading").length,
      listNote: this.listNote,
      expected: this.expected ?? this.existing?.expected ?? null,
      season: this.season,
    };
  }

  /** Choose who should send (an agency list file); throws a Vietnamese reason when it holds no list. */
  async setExpected(file: File | null): Promise<void> {
    if (!file) {
      this.expected = null;
    } else {
      const list = await this.parts.readList(file);
      if (list.agencies.length === 0) throw new Error(`${file.name} không có danh sách cơ quan (cần một trang có cột "Tên cơ quan").`);
      this.expected = list;
    }
    this.publish(true);
  }

  private seasonInputs(): Season {
    return this.expected ? { expected: this.expected } : {};
  }

  /**
   * The consolidation the others go into: a chosen file's, else the open workbook's. A chosen one
   * whose store is damaged stops the run until it is taken off the list (merging without it drops
   * every file it holds; taking it off is the user's choice to do so).
   */
  private async earlier(host: PlanHost, doing: string): Promise<{ earlier: Existing | null } | { refused: Status }> {
    for (const e of this.entries) {
      const outcome = e.submission?.outcome;
      if (outcome?.kind === "rejected" && outcome.damagedStore) {
        return { refused: { kind: "error", text: `Chưa làm gì: ${e.name} — ${outcome.reason}. Bỏ tệp này khỏi danh sách nếu vẫn muốn làm với các tệp còn lại (các tệp nó đã gộp sẽ không có trong kết quả).` } };
      }
    }
    if (this.earliers.size > 1) {
      const names = this.entries.filter((e) => this.earliers.has(e.id)).map((e) => e.name);
      return { refused: { kind: "error", text: `Chưa làm gì: có ${names.length} bản tổng hợp trước trong danh sách (${names.join(", ")}); chỉ dùng được một. Bỏ bớt khỏi danh sách cho còn một.` } };
    }
    return this.existing ? { earlier: this.existing } : openEarlier(host, doing);
  }

  /** Who has sent and who has not, against the expected list: nothing written. */
  async track(host: PlanHost, province: { file: string; plan: Plan } | null): Promise<Status> {
    if (this.entries.some((e) => e.state === "waiting" || e.state === "reading")) return { kind: "error", text: "Còn tệp đang đọc: đợi đọc xong hoặc bấm Dừng đọc." };
    const from = await this.earlier(host, "đối chiếu với");
    if ("refused" in from) return from.refused;
    const { earlier } = from;
    if (!this.expected && !earlier?.expected) return { kind: "error", text: "Chưa có danh sách dự kiến: chọn bản tổng hợp năm trước hay sổ có danh sách cơ quan." };
    const fresh = this.entries.flatMap((e) => (e.submission ? [e.submission] : []));
    const done = await this.parts.consolidate(fresh, earlier, province ? { plan: province } : {}, "report", this.seasonInputs());
    this.season = done?.season ?? null;
    this.publish(true);
    if (!done?.season) return { kind: "error", text: "Không đối chiếu được: mọi tệp đều bị loại." };
    const missing = done.season.notSent.length;
    return { kind: "done", title: missing ? `Chưa gửi: ${formatVnNumber(missing)} cơ quan` : "Mọi cơ quan trong danh sách đã gửi", text: done.season.lines[0] ?? "", intent: missing ? "warning" : "success" };
  }

  private publish(now = false): void {
    if (!now) {
      this.timer ??= setTimeout(() => this.publish(true), this.refreshMs);
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.state = this.snapshot();
    for (const l of this.listeners) l();
  }

  private update(id: number, change: Partial<MergeEntry>): void {
    const i = this.entries.findIndex((e) => e.id === id);
    if (i >= 0) this.entries[i] = { ...this.entries[i], ...change };
  }

  /**
   * Add files to the list and read them, a few at a time; resolves when every file added so far is
   * read. Files are listed a slice at a time: asking the browser each file's size and date (to list
   * a file once) is slow for a thousand files, and the page must not freeze meanwhile.
   */
  async addFiles(files: readonly File[]): Promise<void> {
    const known = new Set(this.keys.values());
    const twice: string[] = [];
    for (let start = 0; start < files.length; start += ADD_SLICE) {
      if (start > 0) await new Promise((r) => setTimeout(r, 0));
      for (const file of files.slice(start, start + ADD_SLICE)) {
        const key = fileKey(file);
        if (known.has(key)) {
          twice.push(file.name);
          continue;
        }
        known.add(key);
        const entry: MergeEntry = { id: this.nextId++, name: file.name, state: "waiting" };
        this.keys.set(entry.id, key);
        this.entries.push(entry);
        this.queue.push({ entry, file, key });
      }
      this.listNote = twice.length ? `Đã có trong danh sách, không thêm lần nữa: ${twice.join(", ")}.` : null;
      this.pump();
      this.publish(true);
    }
    return this.whenIdle();
  }

  private whenIdle(): Promise<void> {
    if (this.queue.length === 0 && this.running === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private pump(): void {
    while (this.running < this.lanes && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.running++;
      void this.readOne(job, this.controller.signal).finally(() => {
        this.running--;
        this.pump();
        if (this.queue.length === 0 && this.running === 0) {
          this.publish(true);
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
    }
  }

  private async readOne({ entry, file }: Queued, signal: AbortSignal): Promise<void> {
    this.update(entry.id, { state: "reading" });
    this.publish();
    const skip = notSpreadsheetReason(file.name);
    let outcome: ReadOutcome;
    if (skip) outcome = { submission: { file: file.name, modified: file.lastModified, outcome: { kind: "rejected", reason: skip, skipped: true } } };
    else {
      try {
        outcome = await this.parts.read(file, this.existing?.plan.groups, signal);
      } catch (e) {
        if (signal.aborted) return;
        outcome = { submission: { file: file.name, modified: file.lastModified, outcome: { kind: "rejected", reason: e instanceof Error ? e.message : String(e) } } };
      }
    }
    // Removed or stopped while it was being read: its result goes nowhere.
    if (signal.aborted || !this.entries.some((e) => e.id === entry.id)) return;
    if ("earlier" in outcome) {
      this.earliers.set(entry.id, outcome.earlier);
      this.update(entry.id, { state: "earlier", note: `bản tổng hợp trước (${outcome.earlier.stored.length} tệp): các tệp mới được gộp thêm vào nó` });
    } else {
      this.update(entry.id, { state: "read", submission: outcome.submission, note: submissionLine(outcome.submission) });
    }
    this.publish();
  }

  /** Take one file out of the list (read or not); the next merge goes without it. */
  remove(id: number): void {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    this.entries = this.entries.filter((e) => e.id !== id);
    this.queue = this.queue.filter((q) => q.entry.id !== id);
    this.keys.delete(id);
    this.earliers.delete(id);
    this.listNote = `Đã bỏ ${entry.name} khỏi danh sách.`;
    this.publish(true);
  }

  /** Stop reading: files not read yet leave the list (they can be added again). */
  cancel(): void {
    const stopped = this.entries.filter((e) => e.state === "waiting" || e.state === "reading");
    if (stopped.length === 0) return;
    this.controller.abort();
    this.controller = new AbortController();
    this.queue = [];
    const ids = new Set(stopped.map((e) => e.id));
    this.entries = this.entries.filter((e) => !ids.has(e.id));
    for (const id of ids) this.keys.delete(id);
    this.listNote = `Đã dừng đọc: ${stopped.length} tệp chưa đọc xong đã bỏ khỏi danh sách (có thể chọn lại).`;
    this.publish(true);
    for (const resolve of this.idle.splice(0)) resolve();
  }

  /**
   * Merge the files of the list as it is now (an earlier consolidated workbook among them, or in the
   * open workbook, counts as its files) and put the result in place, asking first about the sheets of
   * the same names the workbook already has (`askExisting` gets those, and "refuse" means none).
   * Returns what to show.
   */
  async merge(host: PlanHost, askExisting: (existing: string[]) => Promise<ExistingSheets | null>, province: { file: string; plan: Plan } | null): Promise<Status> {
    if (this.entries.some((e) => e.state === "waiting" || e.state === "reading")) return { kind: "error", text: "Còn tệp đang đọc: đợi đọc xong hoặc bấm Dừng đọc." };
    const from = await this.earlier(host, "gộp thêm vào");
    if ("refused" in from) return from.refused;
    const { earlier } = from;
    const fresh = this.entries.flatMap((e) => (e.submission ? [e.submission] : []));
    const done = await this.parts.consolidate(fresh, earlier, province ? { plan: province } : {}, host.putBytes ? "bytes" : "grid", this.seasonInputs());
    if (!done) return { kind: "error", text: "Không tổng hợp được: mọi tệp đều bị loại." };
    const choice = await askExisting(await host.existingSheets(done.sheetNames));
    if (choice === null) return { kind: "done", title: "Đã huỷ", text: "Không trang nào bị thay đổi.", intent: "warning" };
    const fileName = "tong-hop-ke-hoach.xlsx";
    const message = done.bytes && host.putBytes ? await host.putBytes(done.bytes, fileName) : await host.putWorkbook(done.grid!, fileName, choice);
    this.reports = new Map(done.files.map((f) => [f.file, f]));
    this.season = done.season;
    this.listNote = null;
    this.publish(true);
    return mergeStatus(done, message);
  }
}

/** What the pane says of a merge: the totals first, then what needs a person's eye. */
export function mergeStatus(done: Merged, message: string): Status {
  return {
    kind: "done",
    title: `Tổng hợp: ${formatVnNumber(done.agencies)} cơ quan, ${formatVnNumber(done.total)} triệu đồng`,
    text: [
      done.notice ? `Lưu ý: ${done.notice}` : "",
      `${done.totalWords}.`,
      ...mergeCountLines(done.files, done.totals),
      ...(done.season?.lines.filter((l) => !l.startsWith("  ")) ?? []),
      done.possibleDuplicates.length
        ? `Có thể trùng (đã giữ cả hai, cần kiểm tra ở Phụ lục 1): ${done.possibleDuplicates.map((d) => d.name).join("; ")}.`
        : "",
      message,
    ].filter(Boolean).join(" "),
    intent: done.notice || done.possibleDuplicates.length || done.files.some((f) => f.status === "rejected" || f.rejected > 0) ? "warning" : "success",
  };
}
