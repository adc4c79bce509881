/** Worker thread: reads one submission, or opens, checks, reads as an earlier consolidation (--into) or lists the sheets of one workbook, per message, in the order sent. */
import { parentPort, workerData } from "node:worker_threads";
import type { SubmissionOptions } from "../workbook/submission";
import { checkPath, existingPath, openPath, readOne, sheetsPath, type WorkerJob } from "./readFiles";

const opts = workerData as SubmissionOptions;
const queue: WorkerJob[] = [];
let busy = false;

function run(job: WorkerJob): Promise<unknown> {
  switch (job.kind) {
    case "submission":
      return readOne(job.input, opts);
    case "open":
      return openPath(job.path, job.planOnly);
    case "check":
      return checkPath(job.path);
    case "existing":
      return existingPath(job.path);
    case "sheets":
      return sheetsPath(job.path);
  }
}

async function pump(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    parentPort!.postMessage(await run(job));
  }
  busy = false;
}

parentPort!.on("message", (job: WorkerJob) => {
  queue.push(job);
  if (!busy) void pump();
});
