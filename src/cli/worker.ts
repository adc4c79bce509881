/** Worker thread: reads one submission, or opens, checks or lists the sheets of one workbook, per message, in the order sent. */
import { parentPort, workerData } from "node:worker_threads";
import type { SubmissionOptions } from "../workbook/submission";
import { checkPath, openPath, readOne, sheetsPath, type WorkerJob } from "./readFiles";

const opts = workerData as SubmissionOptions;
const queue: WorkerJob[] = [];
let busy = false;

async function pump(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    const done = job.kind === "submission" ? readOne(job.input, opts) : job.kind === "open" ? openPath(job.path) : job.kind === "check" ? checkPath(job.path) : sheetsPath(job.path);
    parentPort!.postMessage(await done);
  }
  busy = false;
}

parentPort!.on("message", (job: WorkerJob) => {
  queue.push(job);
  if (!busy) void pump();
});
