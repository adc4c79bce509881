/**
 * The task pane's worker: reads a file (to raw values, or straight to a submission so that only
 * the compact result crosses to the page), merges submissions and writes .xlsx bytes — all off
 * the page's thread. A file that takes too long is stopped by terminating the worker.
 */
import { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { pakoZip } from "../adapters/xlsx/pakoZip";
import { consolidate, existingFromRaw } from "../workbook/consolidated";
import { submissionFromRaw } from "../workbook/submission";
import type { WorkerReply, WorkerRequest, WorkerResult } from "./readerProtocol";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(reply: WorkerReply, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

async function handle(req: WorkerRequest): Promise<WorkerResult> {
  switch (req.kind) {
    case "open":
      return { kind: "open", raw: await openWorkbook(new Uint8Array(req.bytes), { codec: pakoZip }) };
    case "submission": {
      const raw = await openWorkbook(new Uint8Array(req.bytes), { codec: pakoZip });
      const earlier = existingFromRaw(raw);
      if (earlier) return { kind: "submission", outcome: { earlier } };
      return { kind: "submission", outcome: { submission: submissionFromRaw(req.name, req.modified, raw, req.groups ? { groups: req.groups } : {}) } };
    }
    case "merge": {
      const done = consolidate(req.fresh, req.existing, req.overrides);
      return { kind: "merge", merged: done && { result: done.result, grid: done.grid, baseFrom: done.baseFrom, notice: done.notice } };
    }
    case "write": {
      // exceljs only when a workbook is written: reading files never loads it.
      const { writeXlsx } = await import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");
      return { kind: "write", bytes: await writeXlsx(req.grid) };
    }
  }
}

scope.onmessage = (ev) => {
  const req = ev.data;
  handle(req).then(
    (result) => scope.postMessage({ id: req.id, ok: true, result }, result.kind === "write" ? [result.bytes.buffer as ArrayBuffer] : []),
    (e: unknown) => scope.postMessage({ id: req.id, ok: false, reason: e instanceof UnreadableWorkbook ? e.reason : `lỗi khi đọc tệp (${e instanceof Error ? e.message : String(e)})` }),
  );
};
