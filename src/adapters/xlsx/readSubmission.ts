/** One submitted file's bytes → Submission; a file that cannot be opened is rejected, never thrown. */
import type { Submission } from "../../core/merge";
import { submissionFromRaw, type SubmissionOptions } from "../../workbook/submission";
import { openWorkbook, UnreadableWorkbook, type OpenOptions } from "./openWorkbook";

export async function readSubmission(
  file: string,
  modified: number,
  bytes: Uint8Array,
  opts: SubmissionOptions = {},
  open: OpenOptions,
): Promise<Submission> {
  try {
    return submissionFromRaw(file, modified, await openWorkbook(bytes, open), opts);
  } catch (e) {
    const reason = e instanceof UnreadableWorkbook ? e.reason : `lỗi khi đọc tệp (${e instanceof Error ? e.message : String(e)})`;
    return { file, modified, outcome: { kind: "rejected", reason } };
  }
}
