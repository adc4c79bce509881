/**
 * Files in the browser: read, merged and written as .xlsx in Web Workers (a file is stopped past
 * the time limit), so the page never freezes; patching a user's file loads exceljs's chunk on
 * first use, never with the task pane.
 */
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";
import { tooLargeReason } from "../workbook/sniff";
import { READ_TIMEOUT_MS, type WorkerReply, type WorkerRequest, type WorkerResult } from "./readerProtocol";
import type { MergeParts } from "./flows/merge";
import type { Submission } from "../core/merge";
import { agencyList } from "../core/season";
import { readPlan } from "../workbook/read";

const xlsx = () => import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");

/** The reader worker's script, built beside the task pane (webpack entry "reader"). */
declare const READER_WORKER_URL: string;

const idle: Worker[] = [];
let nextId = 0;

/**
 * One request to a worker of the pool. A request that runs past `timeoutMs` or is aborted
 * terminates its worker (never reused); otherwise the worker goes back to the pool.
 */
function callWorker(request: DistributiveOmit<WorkerRequest, "id">, transfer: Transferable[], timeoutMs: number | null, signal?: AbortSignal, own?: Worker): Promise<WorkerResult> {
  const worker = own ?? idle.pop() ?? new Worker(READER_WORKER_URL);
  const id = nextId++;
  return new Promise<WorkerResult>((resolve, reject) => {
    const done = (reply: WorkerReply, reusable: boolean) => {
      if (timer) clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      worker.onmessage = null;
      worker.onerror = null;
      if (own) {
        // A worker of the caller's: the caller ends it.
      } else if (reusable && idle.length < 8) idle.push(worker);
      else worker.terminate();
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.reason));
    };
    const timer = timeoutMs === null ? null : setTimeout(() => done({ id, ok: false, reason: `đọc quá ${timeoutMs / 1000} giây, đã dừng` }, false), timeoutMs);
    const onAbort = () => done({ id, ok: false, reason: "đã dừng" }, false);
    signal?.addEventListener("abort", onAbort);
    worker.onmessage = (ev: MessageEvent<WorkerReply>) => done(ev.data, true);
    worker.onerror = (ev) => {
      ev.preventDefault();
      done({ id, ok: false, reason: `lỗi khi đọc tệp (${ev.message || "bộ đọc dừng bất thường"})` }, false);
    };
    worker.postMessage({ ...request, id }, transfer);
  });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function resultOf<K extends WorkerResult["kind"]>(result: WorkerResult, kind: K): Extract<WorkerResult, { kind: K }> {
  if (result.kind !== kind) throw new Error(`Kết quả không đúng loại: ${result.kind}`);
  return result as Extract<WorkerResult, { kind: K }>;
}

/** Raw values of a workbook file, or an Error whose message is the Vietnamese reason. */
export async function openFile(file: File): Promise<RawWorkbook> {
  const tooLarge = tooLargeReason(file.size);
  if (tooLarge) throw new Error(`Không đọc được tệp ${file.name}: ${tooLarge}.`);
  const bytes = await file.arrayBuffer();
  try {
    return resultOf(await callWorker({ kind: "open", bytes }, [bytes], READ_TIMEOUT_MS), "open").raw;
  } catch (e) {
    throw new Error(`Không đọc được tệp ${file.name}: ${e instanceof Error ? e.message : String(e)}.`);
  }
}

/** The merge's heavy parts in workers: each file read to a submission in its worker, the merge in another. */
export const workerMergeParts: MergeParts = {
  async readList(file) {
    return agencyList(file.name, readPlan(await openFile(file)).plan);
  },
  async read(file, groups, signal) {
    const tooLarge = tooLargeReason(file.size);
    if (tooLarge) throw new Error(tooLarge);
    const bytes = await file.arrayBuffer();
    return resultOf(await callWorker({ kind: "submission", bytes, name: file.name, modified: file.lastModified, ...(groups ? { groups } : {}) }, [bytes], READ_TIMEOUT_MS, signal), "submission").outcome;
  },
  async consolidate(fresh, existing, overrides, output, season = {}) {
    // A worker of its own, sent the submissions in batches (each copy a short task on the page),
    // then asked to merge — and, for a download, to write the .xlsx there too.
    const worker = new Worker(READER_WORKER_URL);
    // The worker may fail before the run's reply is awaited (its script not loading): never wait for nothing.
    const early: { failure?: string } = {};
    worker.onerror = (ev) => {
      ev.preventDefault();
      early.failure = ev.message || "bộ tổng hợp dừng bất thường";
    };
    try {
      const send = async (key: "fresh" | "stored", list: readonly Submission[]) => {
        for (let i = 0; i < list.length; i += MERGE_BATCH) {
          worker.postMessage({ id: nextId++, kind: "merge-add", [key]: list.slice(i, i + MERGE_BATCH) } satisfies WorkerRequest);
          await new Promise((r) => setTimeout(r, 0));
        }
      };
      await send("fresh", fresh);
      await send("stored", existing?.stored ?? []);
      if (early.failure !== undefined) throw new Error(`lỗi khi tổng hợp (${early.failure})`);
      // The earlier result travels without its submissions (sent above in batches).
      const earlier = existing ? { ...existing, stored: [] } : null;
      return resultOf(await callWorker({ kind: "merge-run", existing: earlier, overrides, output, season }, [], null, undefined, worker), "merge-run").merged;
    } finally {
      worker.terminate();
    }
  },
};

/** Submissions per message to the merging worker: each copy stays a short task on the page. */
const MERGE_BATCH = 50;

/** How many files the pane reads at once: one worker per core (the page itself is mostly idle meanwhile), 2 to 4. */
export const READ_LANES = Math.max(2, Math.min(4, globalThis.navigator?.hardwareConcurrency ?? 2));

/** The .xlsx bytes of a grid, written in a worker (exceljs never runs on the page's thread). */
export async function xlsxBytes(grid: WorkbookGrid): Promise<Uint8Array> {
  return resultOf(await callWorker({ kind: "write", grid }, [], null), "write").bytes;
}

/** The user's own .xlsx with only these number cells changed (Error with the Vietnamese reason otherwise). */
export async function editedCopy(file: File, cells: Array<{ sheet: string; cell: string; value: number }>): Promise<Uint8Array> {
  const { patchCells, PatchRefused } = await xlsx();
  try {
    return await patchCells(new Uint8Array(await file.arrayBuffer()), cells);
  } catch (e) {
    if (e instanceof PatchRefused) throw new Error(`Không sửa được tệp ${file.name}: ${e.message}.`);
    throw e;
  }
}

/** Offer bytes as a download. */
export function download(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
