/**
 * Worker thread: reads one submission, or opens one workbook, per message, in the order sent;
 * while it reads one file, the bytes of the next one it was sent are fetched from disk.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { SubmissionOptions } from "../workbook/submission";
import { checkPath, fetchAhead, openPath, readOne, type WorkerJob } from "./readFiles";

const opts = workerData as SubmissionOptions;
const queue: WorkerJob[] = [];
let busy = false;

function prefetch(job: WorkerJob | undefined): void {
  if (job?.kind === "submission") fetchAhead(job.input);
}

async function pump(): Promise<void> {
  busy = true;
  for (let job = queue.shift(); job; job = queue.shift()) {
    // readOne takes its prefetched bytes before anything else is fetched ahead.
    const done = job.kind === "submission" ? readOne(job.input, opts) : job.kind === "open" ? openPath(job.path) : checkPath(job.path);
    prefetch(queue[0]);
    parentPort!.postMessage(await done);
  }
  busy = false;
}

parentPort!.on("message", (job: WorkerJob) => {
  queue.push(job);
  if (!busy) void pump();
  else if (queue.length === 1) prefetch(job);
});
