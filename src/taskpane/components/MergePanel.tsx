/**
 * Tổng hợp: shows the merge flow's state (flows/merge.ts) — the result first, then the files,
 * filterable by status, each removable; reading can be stopped. Files are read and merged in Web
 * Workers, so the page stays responsive with hundreds of files.
 */
import * as React from "react";
import { Button, Field, ProgressBar, Select, Text } from "@fluentui/react-components";
import type { Plan } from "../../core/model";
import type { Problem } from "../../core/problems";
import { readPlan } from "../../workbook/read";
import type { PlanHost } from "../host";
import { openFile, READ_LANES, workerMergeParts } from "../files";
import { entryStatus, FILTERS, matchesFilter, MergeFlow, type EntryFilter, type MergeEntry } from "../flows/merge";
import { FilePicker } from "./FilePicker";
import { ProblemList } from "./CheckPanel";
import { StatusView, useFlow } from "./Status";
import { useKeepOld } from "./KeepOldDialog";

const BADGE: Record<ReturnType<typeof entryStatus>, [string, "success" | "warning" | "danger" | "informative" | "brand"]> = {
  ok: ["Đạt", "success"],
  warning: ["Có cảnh báo", "warning"],
  rejected: ["Bị loại", "danger"],
  replaced: ["Đã thay", "informative"],
  skipped: ["Bỏ qua", "informative"],
  waiting: ["Chờ đọc", "informative"],
  reading: ["Đang đọc", "informative"],
  read: ["Đã đọc", "brand"],
  earlier: ["Bản tổng hợp trước", "brand"],
};

/** Rows of the list drawn at once (each a few Fluent components); the filter finds the others. */
const SHOWN = 100;
const NO_PROBLEMS: Problem[] = [];

/** One file's row, drawn again only when that file changes: reading 1.000 files is not 1.000 redraws of the list. */
const EntryRow = React.memo(function EntryRow({ entry, status, onRemove, problems }: { entry: MergeEntry; status: ReturnType<typeof entryStatus>; onRemove: (id: number) => void; problems: Problem[] }) {
  return (
    <li data-file={entry.name}>
      {/* Plain elements, not Fluent components: a row costs little to draw with hundreds of files. */}
      <span className={`badge badge-${BADGE[status][1]}`}>{BADGE[status][0]}</span> <strong>{entry.name}</strong> — {entry.note ?? "…"}{" "}
      <button type="button" className="remove" onClick={() => onRemove(entry.id)} aria-label={`Bỏ tệp ${entry.name} khỏi danh sách`}>
        Bỏ
      </button>
      {problems.length > 0 && <ProblemList problems={problems} />}
    </li>
  );
});

export function MergePanel({ host }: { host: PlanHost }) {
  const [flow] = React.useState(() => new MergeFlow(workerMergeParts, READ_LANES));
  const state = React.useSyncExternalStore(flow.subscribe, flow.getState);
  const [filter, setFilter] = React.useState<EntryFilter>("all");
  const remove = React.useCallback((id: number) => flow.remove(id), [flow]);
  const [province, setProvince] = React.useState<{ file: string; plan: Plan } | null>(null);
  const [provinceError, setProvinceError] = React.useState<string | null>(null);
  const [status, run] = useFlow();
  const [dialog, askKeepOld] = useKeepOld(host);

  const [expectedError, setExpectedError] = React.useState<string | null>(null);
  const pickExpected = async (file: File) => {
    try {
      await flow.setExpected(file);
      setExpectedError(null);
    } catch (e) {
      setExpectedError(e instanceof Error ? e.message : String(e));
    }
  };

  const pickProvince = async (file: File) => {
    try {
      setProvince({ file: file.name, plan: readPlan(await openFile(file)).plan });
      setProvinceError(null);
    } catch (e) {
      setProvince(null);
      setProvinceError(e instanceof Error ? e.message : String(e));
    }
  };

  const entries = state.entries;
  // The list is drawn in React's interruptible background rendering: adding 1.000 files never holds the page.
  const listed = React.useDeferredValue(state);
  const shown = listed.entries.filter((e) => matchesFilter(e, filter, listed.reports));

  return (
    <section aria-label="Tổng hợp" className="panel">
      <FilePicker multiple label="Chọn các tệp gửi đến (.xlsx, .xls, .ods)" onFiles={(f) => void flow.addFiles(f)} />
      <FilePicker multiple={false} label="Kế hoạch của tỉnh (số, ngày, định mức) — không bắt buộc" onFiles={([f]) => void pickProvince(f)} />
      {province && <Text size={200}>Kế hoạch của tỉnh: {province.file} ({province.plan.info.issuer || "chưa rõ cơ quan ban hành"})</Text>}
      {provinceError && <Text size={200}>{provinceError}</Text>}
      <FilePicker multiple={false} label="Danh sách dự kiến: bản tổng hợp năm trước hay sổ có danh sách cơ quan — không bắt buộc" onFiles={([f]) => void pickExpected(f)} />
      {state.expected && (
        <Text size={200}>
          Danh sách dự kiến: {state.expected.file} ({state.expected.agencies.length} cơ quan)
        </Text>
      )}
      {expectedError && <Text size={200}>{expectedError}</Text>}
      {/* The result first: on a 300-file list it is never 7.000 px below. */}
      <StatusView status={status} />
      {state.season && state.season.notSent.length > 0 && (
        <details className="not-sent" open>
          <summary>
            Chưa gửi: {state.season.notSent.length}/{state.season.expected} cơ quan
          </summary>
          <ul aria-label="Cơ quan chưa gửi">
            {state.season.notSent.slice(0, SHOWN).map((n) => (
              <li key={`${n.name}\u0000${n.area}`}>
                {n.name}
                {n.area ? ` (${n.area})` : ""}
                {n.maybe ? ` — có thể đã gửi dưới tên "${n.maybe}", cần xác nhận` : ""}
              </li>
            ))}
          </ul>
          {state.season.notSent.length > SHOWN && <Text size={200}>… và {state.season.notSent.length - SHOWN} cơ quan khác (trang “Theo dõi nộp” của bản tổng hợp).</Text>}
        </details>
      )}
      {entries.length > 0 && (
        <>
          <div className="actions">
            <Button appearance="primary" disabled={state.pending > 0 || status.kind === "busy"} onClick={() => void run("Đang tổng hợp…", () => flow.merge(host, askKeepOld, province))}>
              {host.kind === "excel" ? "Tổng hợp vào sổ này" : "Tổng hợp và tải xuống (.xlsx)"}
            </Button>
            {state.expected && (
              <Button disabled={state.pending > 0 || status.kind === "busy"} onClick={() => void run("Đang đối chiếu…", () => flow.track(host, province))}>
                Ai chưa gửi?
              </Button>
            )}
            {state.pending > 0 && <Button onClick={() => flow.cancel()}>Dừng đọc</Button>}
          </div>
          {state.pending > 0 && <ProgressBar value={(entries.length - state.pending) / entries.length} aria-label="Đang đọc tệp" />}
          <Text size={200} role="status">
            {entries.length - state.pending}/{entries.length} tệp đã đọc{state.existing ? `; kèm bản tổng hợp trước với ${state.existing.stored.length} tệp` : ""}
          </Text>
          {state.listNote && <Text size={200}>{state.listNote}</Text>}
          <Field label="Hiện các tệp">
            <Select value={filter} onChange={(_, d) => setFilter(d.value as EntryFilter)}>
              {FILTERS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label} ({listed.entries.filter((e) => matchesFilter(e, value, listed.reports)).length})
                </option>
              ))}
            </Select>
          </Field>
          <ul className="files" aria-label="Các tệp">
            {shown.slice(0, SHOWN).map((e) => (
              <EntryRow key={e.id} entry={e} status={entryStatus(e, listed.reports)} onRemove={remove} problems={(e.submission && listed.reports?.get(e.submission.file)?.problems) ?? NO_PROBLEMS} />
            ))}
          </ul>
          {shown.length > SHOWN && <Text size={200}>… và {shown.length - SHOWN} tệp khác: chọn “Hiện các tệp” để lọc.</Text>}
        </>
      )}
      {dialog}
    </section>
  );
}
