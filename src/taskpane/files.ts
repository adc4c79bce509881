/**
 * Files in the browser: reading submissions (in a Web Worker, stopped past the time limit)
 * and writing .xlsx downloads. exceljs is loaded here, on first use, never with the task pane.
 */
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";
import { tooLargeReason } from "../workbook/sniff";
import { READ_TIMEOUT_MS, type ReaderReply, type ReaderRequest } from "./readerProtocol";

const xlsx = () => import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");

/** The reader worker's script, built beside the task pane (webpack entry "reader"). */
declare const READER_WORKER_URL: string;

const idle: Worker[] = [];
let nextId = 0;

/** Read one file's bytes in a worker; a worker that runs past the limit is terminated, never reused. */
function readInWorker(bytes: ArrayBuffer): Promise<ReaderReply> {
  const worker = idle.pop() ?? new Worker(READER_WORKER_URL);
  const id = nextId++;
  return new Promise<ReaderReply>((resolve) => {
    const done = (reply: ReaderReply, reusable: boolean) => {
      clearTimeout(timer);
      worker.onmessage = null;
      worker.onerror = null;
      if (reusable) idle.push(worker);
      else worker.terminate();
      resolve(reply);
    };
    const timer = setTimeout(() => done({ id, ok: false, reason: `đọc quá ${READ_TIMEOUT_MS / 1000} giây, đã dừng` }, false), READ_TIMEOUT_MS);
    worker.onmessage = (ev: MessageEvent<ReaderReply>) => done(ev.data, true);
    worker.onerror = (ev) => {
      ev.preventDefault();
      done({ id, ok: false, reason: `lỗi khi đọc tệp (${ev.message || "bộ đọc dừng bất thường"})` }, false);
    };
    worker.postMessage({ id, bytes } satisfies ReaderRequest, [bytes]);
  });
}

/** Raw values of a workbook file, or an Error whose message is the Vietnamese reason. */
export async function openFile(file: File): Promise<RawWorkbook> {
  const tooLarge = tooLargeReason(file.size);
  if (tooLarge) throw new Error(`Không đọc được tệp ${file.name}: ${tooLarge}.`);
  const reply = await readInWorker(await file.arrayBuffer());
  if (!reply.ok) throw new Error(`Không đọc được tệp ${file.name}: ${reply.reason}.`);
  return reply.raw;
}

export async function xlsxBytes(grid: WorkbookGrid): Promise<Uint8Array> {
  const { writeXlsx } = await xlsx();
  return writeXlsx(grid);
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
