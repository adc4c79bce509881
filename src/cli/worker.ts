/** Worker thread: reads one submission, or opens one workbook, per message. */
import { parentPort, workerData } from "node:worker_threads";
import type { SubmissionOptions } from "../workbook/submission";
import { fetchAhead, openPath, readOne, type WorkerJob } from "./readFiles";

const opts = workerData as SubmissionOptions;
parentPort!.on("message", (job: WorkerJob) => {
  const done = job.kind === "submission" ? readOne(job.input, opts) : openPath(job.path);
  if (job.kind === "submission" && job.next) fetchAhead(job.next);
  void done.then((result) => parentPort!.postMessage(result));
});
