/** Worker thread: reads one submission per message. */
import { parentPort, workerData } from "node:worker_threads";
import type { SubmissionOptions } from "../workbook/submission";
import type { InputFile } from "./inputs";
import { readOne } from "./readFiles";

const opts = workerData as SubmissionOptions;
parentPort!.on("message", (input: InputFile) => {
  void readOne(input, opts).then((s) => parentPort!.postMessage(s));
});
