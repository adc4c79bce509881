/**
 * Reading many submissions: in worker threads (both cores) when running compiled,
 * in-process otherwise (tests, or --jobs 1). Results come back in input order;
 * `onFile` is called as each file finishes, for progress lines.
 */
import { readFile, stat } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Submission } from "../core/merge";
import type { SubmissionOptions } from "../workbook/submission";
import { tooLargeReason } from "../workbook/sniff";
import { readSubmission } from "../adapters/xlsx/readSubmission";
import type { InputFile } from "./inputs";
import { nodeInflate } from "./nodeInflate";


/** Longest a worker may spend on one file before the file is reported and the worker replaced. */
export const FILE_TIMEOUT_MS = 60_000;

export async function readOne(input: InputFile, opts: SubmissionOptions): Promise<Submission> {
  let modified = 0;
  try {
    const info = await stat(input.path);
    modified = Math.round(info.mtimeMs);
    const tooLarge = tooLargeReason(info.size);
    if (tooLarge) return { file: input.label, modified, outcome: { kind: "rejected", reason: tooLarge } };
    const bytes = new Uint8Array(await readFile(input.path));
    return await readSubmission(input.label, modified, bytes, opts, { inflate: nodeInflate });
  } catch (e) {
    return { file: input.label, modified, outcome: { kind: "rejected", reason: `không đọc được tệp (${(e as NodeJS.ErrnoException).code ?? String(e)})` } };
  }
}

export interface ReadManyOptions extends SubmissionOptions {
  jobs?: number;
  onFile?: (done: number, total: number, s: Submission) => void;
}

export async function readMany(inputs: readonly InputFile[], opts: ReadManyOptions = {}): Promise<Submission[]> {
  const { jobs: wanted, onFile, ...subOpts } = opts;
  const workerScript = join(__dirname, "worker.js");
  const canThread = __filename.endsWith(".js");
  const jobs = Math.max(1, Math.min(wanted ?? availableParallelism(), inputs.length));
  const results: Submission[] = new Array(inputs.length);
  let done = 0;
  const finish = (i: number, s: Submission) => {
    results[i] = s;
    onFile?.(++done, inputs.length, s);
  };
  if (jobs <= 1 || !canThread) {
    for (let i = 0; i < inputs.length; i++) finish(i, await readOne(inputs[i], subOpts));
    return results;
  }
  let next = 0;
  // Each lane reads files one after another in its own worker; a worker that dies on a
  // file (out of memory, a crash in a parser) gets that file reported as rejected and is
  // replaced, so one bad file never stops the rest.
  const lane = async (): Promise<void> => {
    while (next < inputs.length) {
      const worker = new Worker(workerScript, { workerData: subOpts });
      const crashed = await new Promise<boolean>((resolve) => {
        let current = -1;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let dead = false;
        const fail = (reason: string) => {
          if (dead) return;
          dead = true;
          clearTimeout(timer);
          if (current >= 0) finish(current, { file: inputs[current].label, modified: 0, outcome: { kind: "rejected", reason } });
          void worker.terminate();
          resolve(true);
        };
        const feed = () => {
          clearTimeout(timer);
          if (next >= inputs.length) {
            void worker.terminate().then(() => resolve(false));
            return;
          }
          current = next++;
          timer = setTimeout(() => fail(`đọc quá ${FILE_TIMEOUT_MS / 1000} giây, đã dừng`), FILE_TIMEOUT_MS);
          worker.postMessage(inputs[current]);
        };
        worker.on("message", (s: Submission) => {
          if (dead) return;
          finish(current, s);
          feed();
        });
        worker.once("error", (e) => fail(`lỗi khi đọc tệp (${e.message})`));
        feed();
      });
      if (!crashed) return;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return results;
}
