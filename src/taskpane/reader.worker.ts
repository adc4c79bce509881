/**
 * The task pane's file reader, in a Web Worker: a file that takes too long is stopped by
 * terminating the worker, and reading never blocks the page. One file per message.
 */
import { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { pakoZip } from "../adapters/xlsx/pakoZip";
import type { ReaderReply, ReaderRequest } from "./readerProtocol";

interface WorkerScope {
  onmessage: ((ev: MessageEvent<ReaderRequest>) => void) | null;
  postMessage(reply: ReaderReply): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (ev) => {
  const { id, bytes } = ev.data;
  openWorkbook(new Uint8Array(bytes), { codec: pakoZip }).then(
    (raw) => scope.postMessage({ id, ok: true, raw }),
    (e: unknown) => scope.postMessage({ id, ok: false, reason: e instanceof UnreadableWorkbook ? e.reason : `lỗi khi đọc tệp (${e instanceof Error ? e.message : String(e)})` }),
  );
};
