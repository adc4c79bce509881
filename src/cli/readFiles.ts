/**
 * Reading files off the disk, each in a worker thread that is stopped when it runs past the
 * time limit or the memory limit (a file that does so is reported, the worker replaced, the
 * other files go on): submissions for merge on both cores, and the one workbook of validate
 * (checked there: only its problems come back), of budget, and of `-o` (its sheet names only).
 * In-process only when not compiled (the Jest tests). Results come back in input
 * order; `onFile` is called as each file finishes, for progress lines.
 */
import { readFileSync, statSync, type Stats } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Submission } from "../core/merge";
import { submissionSharer } from "../core/compact";
import type { RawWorkbook } from "../workbook/grid";
import type { Existing } from "../workbook/consolidated";
import type { Problem } from "../core/problems";
import { readPlan } from "../workbook/read";
import { consolidatedInput, type SubmissionOptions } from "../workbook/submission";
import { tooLargeReason } from "../workbook/sniff";
import { readSubmission } from "../adapters/xlsx/readSubmission";
import { openWorkbook, sheetNames, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import type { InputFile } from "./inputs";
import { nodeZip } from "./nodeZip";
import { SHEETS } from "../workbook/layout";

/** Longest a worker may spend on one file before the file is reported and the worker replaced (KEHOACH_FILE_TIMEOUT_MS overrides it). */
export const FILE_TIMEOUT_MS = Number(process.env.KEHOACH_FILE_TIMEOUT_MS) || 60_000;
/**
 * Largest consolidated workbook read (merge --into, validate, -o's check): larger than a submission
 * may be (MAX_FILE_BYTES) since it holds every file's records; a worker reads it under its limits.
 */
export const MAX_CONSOLIDATED_BYTES = 200 * 1024 * 1024;
/** Heap a worker may use for one file. */
export const WORKER_HEAP_MB = 1024;
/**
 * Young generation of a worker reading submissions one after another (each a few MB of short-lived
 * objects). V8 would let it grow to 48 MB in each worker; 8 MB holds a file's garbage as well and
 * takes a quarter off a merge's peak (1.000 files, 2 workers: 174 → 129 MB; 10.000 files 232 → 225 MB,
 * where the merging thread's peak decides) at the same speed or a little faster (fewer pages
 * touched). The one-workbook jobs (a national consolidated workbook read for --into: hundreds of MB
 * of cells) keep V8's own sizing.
 */
const LANE_YOUNG_MB = 8;
/**
 * Files a read lane is started for (when --jobs does not say): each worker pays ~0,4–0,5 s of CPU
 * while V8 compiles the reader again for it, which a second lane wins back only past a few hundred
 * files. Measured on 2 cores, 2 lanes against 1: 150 files as `kehoach-iso merge` runs, the same
 * time (747–813 against 755–821 ms, six interleaved runs) for 116 against 97 MB and ~0,2 s more
 * CPU (1,09–1,20 against 0,93–1,01 s user); 400 files about the same time; 1.000 files 1,98 against
 * 2,11 s; 10.000 files 1,31× faster. With one lane a file that never ends holds the files behind it
 * until FILE_TIMEOUT_MS, then is reported and replaced as with two.
 */
export const FILES_PER_LANE = 500;

/** How many read lanes a merge of `files` files starts by default: one per FILES_PER_LANE files, at most one per core. */
export function defaultLanes(files: number, cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.ceil(files / FILES_PER_LANE)));
}
/** Files sent to a read worker ahead of its replies: the one it reads and the next. */
const IN_FLIGHT = 2;

/** A file to read. A worker takes its jobs in the order sent, one at a time. */
export type WorkerJob =
  | { kind: "submission"; input: InputFile }
  | { kind: "open"; path: string; planOnly: boolean }
  | { kind: "check"; path: string }
  | { kind: "existing"; path: string }
  | { kind: "sheets"; path: string };
/** What a worker sends back for an "open" job. */
export type Opened = { ok: true; raw: RawWorkbook } | { ok: false; reason: string };
/** What a worker sends back for an "existing" job: the earlier consolidation (null: no store), or why it cannot be read or merged into. */
export type ExistingRead = { ok: true; existing: Existing | null } | { ok: false; reason: string } | { ok: "store"; message: string } | { ok: "bug"; stack: string };
/** What a worker sends back for a "sheets" job. */
export type Listed = { ok: true; names: string[] } | { ok: false; reason: string };
/** What a worker sends back for a "check" job: the plan's problems; `bug` when reading it threw (our fault, not the file's). */
export type Checked = { ok: true; problems: Problem[] } | { ok: false; reason: string } | { ok: "bug"; stack: string };

const vi = (n: number) => n.toLocaleString("vi-VN");
const TIMEOUT_REASON = `đọc quá ${vi(FILE_TIMEOUT_MS / 1000)} giây, đã dừng`;

function errnoReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return code === "ENOENT" ? "không có tệp này" : code === "EISDIR" ? "đây là thư mục" : code === "EACCES" || code === "EPERM" ? "không có quyền đọc tệp" : code === "EBUSY" ? "tệp đang bị chương trình khác khoá" : String(code ?? e);
}

/**
 * Why a path is not read as a file: a folder, or not a regular file — a named pipe or a device
 * named like a workbook would block the reading thread with nothing to stop it (a worker past its
 * time limit is replaced, but a thread stuck in the system's read stays).
 */
function notAFileReason(info: Stats): string | null {
  return info.isDirectory() ? "đây là thư mục" : info.isFile() ? null : "không phải tệp thường (ống dẫn, thiết bị…), không đọc";
}

/** A file's modification time and bytes (none when it is to be skipped or is too large to read). */
interface Fetched {
  modified: number;
  size: number;
  bytes: Uint8Array | null;
  /** Why it is not read (not a regular file). */
  notAFile: string | null;
}

/**
 * Read synchronously: a worker has nothing else to do while its file comes off the disk, and the
 * other worker goes on meanwhile. Fetching the next file ahead with fs/promises while parsing this
 * one (as before) cost more than it hid: four trips through libuv's pool per file, whose threads
 * take the same two cores (1.000 files: 0,2 ms of CPU per file, 0,05 synchronously; the merge
 * 7-15 % faster without it, interleaved timings).
 */
function fetchFile(input: InputFile): Fetched {
  const info = statSync(input.path);
  const notAFile = notAFileReason(info);
  // A file past a submission's size is read only if it may be a consolidated workbook (see readOne).
  const skip = input.skip !== undefined || notAFile !== null || info.size > MAX_CONSOLIDATED_BYTES;
  const bytes = skip ? null : readFileSync(input.path);
  return { modified: Math.round(info.mtimeMs), size: info.size, bytes: bytes && new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), notAFile };
}

export async function readOne(input: InputFile, opts: SubmissionOptions): Promise<Submission> {
  let modified = 0;
  try {
    const fetched = fetchFile(input);
    modified = fetched.modified;
    if (input.skip) return { file: input.label, modified, outcome: { kind: "rejected", reason: input.skip, skipped: true } };
    if (fetched.notAFile) return { file: input.label, modified, outcome: { kind: "rejected", reason: fetched.notAFile } };
    const tooLarge = tooLargeReason(fetched.size);
    // Last run's consolidated workbook among the files (a national one is past a submission's
    // size): said to be one, from its workbook part alone, so that the merge goes on into it.
    if (tooLarge && fetched.bytes && isConsolidated(fetched.bytes)) return consolidatedInput(input.label, modified);
    if (tooLarge || !fetched.bytes) return { file: input.label, modified, outcome: { kind: "rejected", reason: tooLarge ?? "không đọc được tệp" } };
    return await readSubmission(input.label, modified, fetched.bytes, opts, { codec: nodeZip });
  } catch (e) {
    return { file: input.label, modified, outcome: { kind: "rejected", reason: `không đọc được tệp (${errnoReason(e)})` } };
  }
}

/** Whether a workbook's bytes are a consolidated workbook's (from its workbook part alone; false when that cannot be read). */
function isConsolidated(bytes: Uint8Array): boolean {
  try {
    return (sheetNames(bytes, { codec: nodeZip }) ?? []).includes(SHEETS.store);
  } catch {
    return false;
  }
}

/** What is made of a workbook's bytes, or the reason the file cannot be read (a folder, too large, missing, unreadable). */
async function fromBytes<T>(path: string, make: (bytes: Uint8Array) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: string }> {
  try {
    const info = await stat(path);
    const notAFile = notAFileReason(info);
    if (notAFile) return { ok: false, reason: notAFile };
    const tooLarge = tooLargeReason(info.size);
    if (tooLarge && info.size > MAX_CONSOLIDATED_BYTES) return { ok: false, reason: tooLarge };
    const bytes = new Uint8Array(await readFile(path));
    // Past a submission's size only our own consolidated workbook is read (a national roll-up's is ~20–40 MB).
    if (tooLarge && !isConsolidated(bytes)) return { ok: false, reason: tooLarge };
    return { ok: true, value: await make(bytes) };
  } catch (e) {
    return { ok: false, reason: e instanceof UnreadableWorkbook ? e.reason : errnoReason(e) };
  }
}

/** One workbook's raw values (`planOnly`: see OpenOptions), or the reason it cannot be read. */
export async function openPath(path: string, planOnly: boolean): Promise<Opened> {
  const r = await fromBytes(path, (bytes) => openWorkbook(bytes, { codec: nodeZip, planOnly }));
  return r.ok ? { ok: true, raw: r.value } : r;
}

/** A workbook's sheet names, from its workbook part where the format allows (see `sheetNames`), else from the whole workbook. */
export async function sheetsPath(path: string): Promise<Listed> {
  const r = await fromBytes(path, async (bytes) => sheetNames(bytes, { codec: nodeZip }) ?? (await openWorkbook(bytes, { codec: nodeZip })).sheets.map((s) => s.name));
  return r.ok ? { ok: true, names: r.value } : r;
}

/** A fault of ours in a worker job (not the file's), with its stack, for the merging thread to throw. */
const bug = (e: unknown) => ({ ok: "bug" as const, stack: e instanceof Error ? (e.stack ?? e.message) : String(e) });

/**
 * A plan's problems, read where the file is opened. For `validate`: the problems are all it needs,
 * and sending them back instead of the workbook's cells spares a copy of every cell between the
 * threads (50.000 agencies: 6,7 MB, 0,17 s).
 */
export async function checkPath(path: string): Promise<Checked> {
  const opened = await openPath(path, true);
  if (!opened.ok) return opened;
  try {
    return { ok: true, problems: readPlan(opened.raw).problems };
  } catch (e) {
    return bug(e);
  }
}

/**
 * An earlier consolidated workbook (merge --into), read where it is opened: its hidden store's
 * rows (a national roll-up's: ~110 MB of JSON text) become its submissions' records there, and
 * only those cross to the merging thread, not every cell of the store (10.000 files with their
 * task tables: peak 1,0 GB before).
 */
export async function existingPath(path: string): Promise<ExistingRead> {
  const opened = await openPath(path, true);
  if (!opened.ok) return opened;
  // Loaded here only: the submissions' workers never need it.
  const { existingFromRaw, StoreProblem } = await import("../workbook/consolidated");
  try {
    return { ok: true, existing: existingFromRaw(opened.raw, true) };
  } catch (e) {
    if (e instanceof StoreProblem) return { ok: "store", message: e.message };
    return bug(e);
  }
}

const WORKER_SCRIPT = join(__dirname, "worker.js");
/** Workers exist once compiled; under ts-jest files are read in-process. */
const CAN_THREAD = __filename.endsWith(".js");

function stopReason(e: Error): string {
  return (e as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
    ? `đọc tệp cần quá ${vi(WORKER_HEAP_MB)} MB bộ nhớ, đã dừng`
    : `lỗi khi đọc tệp (${e.message})`;
}

/** A read worker; `youngMb`: its young generation's size (V8's own sizing without it). */
function newWorker(opts: SubmissionOptions, { youngMb }: { youngMb?: number } = {}): Worker {
  return new Worker(WORKER_SCRIPT, {
    workerData: opts,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, ...(youngMb ? { maxYoungGenerationSizeMb: youngMb } : {}) },
  });
}

/** One job in a worker of its own, under the time and memory limits; in-process when not compiled. */
async function inWorker<T>(job: WorkerJob, here: () => Promise<T | { ok: false; reason: string }>): Promise<T | { ok: false; reason: string }> {
  if (!CAN_THREAD) return here();
  return new Promise((resolve) => {
    const worker = newWorker({});
    const end = (o: T | { ok: false; reason: string }) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(o);
    };
    const timer = setTimeout(() => end({ ok: false, reason: TIMEOUT_REASON }), FILE_TIMEOUT_MS);
    worker.once("message", (o: T) => end(o));
    worker.once("error", (e) => end({ ok: false, reason: stopReason(e) }));
    worker.postMessage(job);
  });
}

/**
 * Open one workbook in a worker under the time and memory limits (`planOnly`: for its plan or its
 * store, see OpenOptions); UnreadableWorkbook with the reason otherwise.
 */
export async function openInWorker(path: string, planOnly: boolean): Promise<RawWorkbook> {
  const opened = await inWorker<Opened>({ kind: "open", path, planOnly }, () => openPath(path, planOnly));
  if (!opened.ok) throw new UnreadableWorkbook(opened.reason);
  return opened.raw;
}

/**
 * An earlier consolidated workbook (see `existingPath`), read in a worker under the time and memory
 * limits: null when it holds no store; UnreadableWorkbook or StoreProblem with the reason otherwise.
 */
export async function existingInWorker(path: string): Promise<Existing | null> {
  const read = await inWorker<ExistingRead>({ kind: "existing", path }, () => existingPath(path));
  if (read.ok === "bug") throw new Error(`đọc bản tổng hợp trong luồng đọc: ${read.stack}`);
  if (read.ok === "store") {
    const { StoreProblem } = await import("../workbook/consolidated");
    throw new StoreProblem(read.message);
  }
  if (!read.ok) throw new UnreadableWorkbook(read.reason);
  if (!read.existing) return null;
  // The groups each record shared came over as copies of their own: made one again.
  const share = submissionSharer();
  return { ...read.existing, stored: read.existing.stored.map(share) };
}

/** A workbook's sheet names (see `sheetsPath`), read in a worker under the time and memory limits; UnreadableWorkbook with the reason otherwise. */
export async function sheetNamesInWorker(path: string): Promise<string[]> {
  const listed = await inWorker<Listed>({ kind: "sheets", path }, () => sheetsPath(path));
  if (!listed.ok) throw new UnreadableWorkbook(listed.reason);
  return listed.names;
}

/** A plan's problems (see `checkPath`), read in a worker under the time and memory limits; UnreadableWorkbook with the reason otherwise. */
export async function checkInWorker(path: string): Promise<Problem[]> {
  const checked = await inWorker<Checked>({ kind: "check", path }, () => checkPath(path));
  if (checked.ok === "bug") throw new Error(`đọc kế hoạch trong luồng đọc: ${checked.stack}`);
  if (!checked.ok) throw new UnreadableWorkbook(checked.reason);
  return checked.problems;
}

export interface ReadManyOptions extends SubmissionOptions {
  jobs?: number;
  onFile?: (done: number, total: number, s: Submission) => void;
}

export async function readMany(inputs: readonly InputFile[], opts: ReadManyOptions = {}): Promise<Submission[]> {
  const { jobs: wanted, onFile, ...subOpts } = opts;
  const jobs = Math.max(1, Math.min(wanted ?? defaultLanes(inputs.length), inputs.length));
  const results = new Array<Submission>(inputs.length);
  let done = 0;
  // Each file made compact as it arrives (memory flat in the number of files).
  const share = submissionSharer();
  const finish = (i: number, s: Submission) => {
    results[i] = share(s);
    onFile?.(++done, inputs.length, s);
  };
  if (!CAN_THREAD) {
    for (let i = 0; i < inputs.length; i++) finish(i, await readOne(inputs[i], subOpts));
    return results;
  }
  let next = 0;
  // Each lane reads files one after another in its own worker, with the next file already
  // sent (IN_FLIGHT), so the worker goes straight on to it and never waits for a reply to travel. A worker that dies on a file (out of memory, a crash in
  // a parser) or runs past the time limit gets that file — the oldest it was sent, the one it
  // was reading — reported as rejected and is replaced; the files it had not begun go to the
  // new worker first, so one bad file never stops the rest.
  const lane = async (): Promise<void> => {
    let pending: number[] = [];
    while (next < inputs.length || pending.length > 0) {
      const worker = newWorker(subOpts, { youngMb: LANE_YOUNG_MB });
      const inFlight: number[] = [];
      const retry = pending;
      pending = [];
      await new Promise<void>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        let dead = false;
        const arm = () => {
          clearTimeout(timer);
          if (inFlight.length > 0) timer = setTimeout(() => fail(TIMEOUT_REASON), FILE_TIMEOUT_MS);
        };
        const fail = (reason: string) => {
          if (dead) return;
          dead = true;
          clearTimeout(timer);
          const current = inFlight.shift();
          if (current !== undefined) finish(current, { file: inputs[current].label, modified: 0, outcome: { kind: "rejected", reason } });
          // What it was sent and had not begun, and anything not yet sent to it, go to the next worker first.
          pending = [...inFlight, ...retry];
          void worker.terminate();
          resolve();
        };
        const send = () => {
          while (inFlight.length < IN_FLIGHT && (retry.length > 0 || next < inputs.length)) {
            const i = retry.length > 0 ? retry.shift()! : next++;
            inFlight.push(i);
            worker.postMessage({ kind: "submission", input: inputs[i] } satisfies WorkerJob);
          }
          if (inFlight.length === 0) void worker.terminate().then(() => resolve());
        };
        worker.on("message", (s: Submission) => {
          if (dead) return;
          finish(inFlight.shift()!, s);
          send();
          arm();
        });
        worker.once("error", (e) => fail(stopReason(e)));
        send();
        arm();
      });
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return results;
}
