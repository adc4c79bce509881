/**
 * The task pane's worker: reads a file (to raw values, or straight to a submission so that only
 * the compact result crosses to the page), merges submissions and writes .xlsx bytes — all off
 * the page's thread. A file that takes too long is stopped by terminating the worker.
 */
import { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { pakoZip } from "../adapters/xlsx/pakoZip";
import { chosenFile, consolidate, unwritable } from "../workbook/consolidated";
import type { Submission } from "../core/merge";
import { submissionSharer } from "../core/compact";
import { mergedOf } from "./flows/merge";
import type { WorkerReply, WorkerRequest, WorkerResult } from "./readerProtocol";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

/** The merge session of this worker: submissions received so far, made compact as they come. */
const session: { fresh: Submission[]; stored: Submission[]; share: (s: Submission) => Submission } = { fresh: [], stored: [], share: submissionSharer() };

async function handle(req: Exclude<WorkerRequest, { kind: "merge-add" }>): Promise<WorkerResult> {
  switch (req.kind) {
    case "open":
      return { kind: "open", raw: await openWorkbook(new Uint8Array(req.bytes), { codec: pakoZip }) };
    case "submission": {
      const raw = await openWorkbook(new Uint8Array(req.bytes), { codec: pakoZip });
      return { kind: "submission", outcome: chosenFile(req.name, req.modified, raw, req.groups ? { groups: req.groups } : {}) };
    }
    case "merge-run": {
      const existing = req.existing ? { ...req.existing, stored: session.stored } : null;
      const fresh = session.fresh;
      // The next run starts empty, whether this one succeeds or throws.
      session.fresh = [];
      session.stored = [];
      session.share = submissionSharer();
      const done = consolidate(fresh, existing, req.overrides, req.season);
      if (!done) return { kind: "merge-run", merged: null };
      if (req.output !== "bytes") return { kind: "merge-run", merged: mergedOf(done, req.output) };
      const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");
      return { kind: "merge-run", merged: mergedOf(done, "bytes", await writeXlsx(done.grid)) };
    }
    case "write": {
      // exceljs only when a workbook is written: reading files never loads it.
      const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");
      return { kind: "write", bytes: await writeXlsx(req.grid) };
    }
  }
}

/** The bytes a reply hands over rather than copies. */
function transfers(result: WorkerResult): Transferable[] {
  if (result.kind === "write") return [result.bytes.buffer as ArrayBuffer];
  if (result.kind === "merge-run" && result.merged?.bytes) return [result.merged.bytes.buffer as ArrayBuffer];
  return [];
}

scope.onmessage = (ev) => {
  const req = ev.data;
  if (req.kind === "merge-add") {
    session.fresh.push(...(req.fresh ?? []).map(session.share));
    session.stored.push(...(req.stored ?? []).map(session.share));
    return;
  }
  handle(req).then(
    (result) => scope.postMessage({ id: req.id, ok: true, result }, transfers(result)),
    (e: unknown) => scope.postMessage({ id: req.id, ok: false, reason: e instanceof UnreadableWorkbook ? e.reason : (unwritable(e) ?? `lỗi khi đọc tệp (${e instanceof Error ? e.message : String(e)})`) }),
  );
};
