/** Messages between the task pane and its workers: files read, merged and written off the page's thread. */
import type { AgencyGroup } from "../core/groups";
import type { Submission } from "../core/merge";
import type { BaseOverrides } from "../workbook/base";
import type { Existing, Season } from "../workbook/consolidated";
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";
import type { Merged, MergeOutput, ReadOutcome } from "./flows/merge";

export type WorkerRequest =
  | { id: number; kind: "open"; bytes: ArrayBuffer }
  | { id: number; kind: "submission"; bytes: ArrayBuffer; name: string; modified: number; groups?: AgencyGroup[] }
  /** A merge session in a worker of its own: submissions sent in batches (no reply), then the run. */
  | { id: number; kind: "merge-add"; fresh?: Submission[]; stored?: Submission[] }
  /** The earlier result without its submissions (they come in batches); the season's inputs. */
  | { id: number; kind: "merge-run"; existing: Existing | null; overrides: BaseOverrides; output: MergeOutput; season: Season }
  | { id: number; kind: "write"; grid: WorkbookGrid };

export type WorkerResult =
  | { kind: "open"; raw: RawWorkbook }
  | { kind: "submission"; outcome: ReadOutcome }
  | { kind: "merge-run"; merged: Merged | null }
  | { kind: "write"; bytes: Uint8Array };

export type WorkerReply = { id: number; ok: true; result: WorkerResult } | { id: number; ok: false; reason: string };

/** Longest the pane waits for one file before stopping its reader (as the command line does). */
export const READ_TIMEOUT_MS = 60_000;
