/** Messages between the task pane and its reader worker. */
import type { RawWorkbook } from "../workbook/grid";

export interface ReaderRequest {
  id: number;
  bytes: ArrayBuffer;
}

export type ReaderReply = { id: number; ok: true; raw: RawWorkbook } | { id: number; ok: false; reason: string };

/** Longest the pane waits for one file before stopping its reader (as the command line does). */
export const READ_TIMEOUT_MS = 60_000;
