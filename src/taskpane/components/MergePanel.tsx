/**
 * Tổng hợp: many submissions into the provincial appendix. Each file shows its status
 * as it is read; merging again after adding files updates the result without
 * duplicating anything (an earlier consolidated workbook counts as its files).
 */
import * as React from "react";
import { Badge, Button, ProgressBar, Text } from "@fluentui/react-components";
import { computeBudget } from "../../core/budget";
import type { FileReport, Submission } from "../../core/merge";
import { formatVnNumber } from "../../core/numbers";
import { consolidate, existingFromRaw, type Existing } from "../../workbook/consolidated";
import { submissionFromRaw, submissionLine } from "../../workbook/submission";
import type { PlanHost } from "../host";
import { openFile } from "../files";
import { notSpreadsheetReason } from "../../workbook/sniff";
import { readPlan } from "../../workbook/read";
import type { Plan } from "../../core/model";
import { FilePicker } from "./FilePicker";
import { ProblemList } from "./CheckPanel";
import { StatusView, useFlow } from "./Status";
import { useKeepOld } from "./KeepOldDialog";

interface Entry {
  id: number;
  name: string;
  state: "reading" | "read" | "earlier";
  submission?: Submission;
  note?: string;
}

const STATUS: Record<FileReport["status"], [string, "success" | "warning" | "danger" | "informative"]> = {
  ok: ["Đạt", "success"],
  warning: ["Có cảnh báo", "warning"],
  rejected: ["Bị loại", "danger"],
  replaced: ["Đã thay", "informative"],
  skipped: ["Bỏ qua", "informative"],
};

async function readEntry(file: File, existing: Existing | null): Promise<{ submission?: Submission; earlier?: Existing }> {
  const skip = notSpreadsheetReason(file.name);
  if (skip) return { submission: { file: file.name, modified: file.lastModified, outcome: { kind: "rejected", reason: skip, skipped: true } } };
  try {
    const raw = await openFile(file);
    const earlier = existingFromRaw(raw);
    if (earlier) return { earlier };
    return { submission: submissionFromRaw(file.name, file.lastModified, raw, existing ? { groups: existing.plan.groups } : {}) };
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).replace(/^Không đọc được tệp [^:]*: /, "").replace(/\.$/, "");
    return { submission: { file: file.name, modified: file.lastModified, outcome: { kind: "rejected", reason } } };
  }
}

export function MergePanel({ host }: { host: PlanHost }) {
  const [entries, setEntries] = React.useState<Entry[]>([]);
  const [existing, setExisting] = React.useState<Existing | null>(null);
  const [reports, setReports] = React.useState<FileReport[] | null>(null);
  const [province, setProvince] = React.useState<{ file: string; plan: Plan } | null>(null);
  const [provinceError, setProvinceError] = React.useState<string | null>(null);

  const pickProvince = async (file: File) => {
    try {
      setProvince({ file: file.name, plan: readPlan(await openFile(file)).plan });
      setProvinceError(null);
    } catch (e) {
      setProvince(null);
      setProvinceError(e instanceof Error ? e.message : String(e));
    }
  };
  const [status, run] = useFlow();
  const [dialog, askKeepOld] = useKeepOld(host);
  const nextId = React.useRef(0);
  const reading = entries.filter((e) => e.state === "reading").length;

  const addFiles = async (files: File[]) => {
    const added = files.map((f) => ({ id: nextId.current++, name: f.name, state: "reading" as const }));
    setEntries((list) => [...list, ...added]);
    let earlier = existing;
    for (const [i, file] of files.entries()) {
      const { submission, earlier: found } = await readEntry(file, earlier);
      if (found) {
        earlier = found;
        setExisting(found);
      }
      const update: Entry = found
        ? { id: added[i].id, name: file.name, state: "earlier", note: `bản tổng hợp trước (${found.stored.length} tệp)` }
        : { id: added[i].id, name: file.name, state: "read", submission, note: submissionLine(submission!) };
      setEntries((list) => list.map((e) => (e.id === update.id ? update : e)));
    }
  };

  const merge = () =>
    run("Đang tổng hợp…", async () => {
      let earlier = existing;
      if (!earlier && host.readOpenWorkbook) earlier = existingFromRaw(await host.readOpenWorkbook());
      const fresh = entries.flatMap((e) => (e.submission ? [e.submission] : []));
      const done = consolidate(fresh, earlier, province ? { plan: province } : {});
      if (!done) throw new Error("Không tổng hợp được: mọi tệp đều bị loại.");
      const choice = await askKeepOld(await host.existingSheets(done.grid.sheets.map((s) => s.name)));
      if (choice === null) return { kind: "done", title: "Đã huỷ", text: "Không trang nào bị thay đổi.", intent: "warning" };
      const message = await host.putWorkbook(done.grid, "tong-hop-ke-hoach.xlsx", choice);
      setReports(done.result.files);
      const t = done.result.totals;
      const budget = computeBudget(done.result.plan);
      return {
        kind: "done",
        title: `Tổng hợp: ${formatVnNumber(done.result.plan.agencies.length)} cơ quan, ${formatVnNumber(budget.total)} triệu đồng`,
        text: [
          done.notice ? `Lưu ý: ${done.notice}` : "",
          `${budget.totalWords}. ${t.files} tệp; ${t.read} dòng đọc được = ${t.kept} đưa vào + ${t.duplicates} trùng + ${t.rejected} không đưa vào + ${t.replaced} đã thay.`,
          done.result.possibleDuplicates.length
            ? `Có thể trùng (đã giữ cả hai, cần kiểm tra ở Phụ lục 1): ${done.result.possibleDuplicates.map((d) => d.name).join("; ")}.`
            : "",
          message,
        ].filter(Boolean).join(" "),
        intent: done.notice || done.result.possibleDuplicates.length || done.result.files.some((f) => f.status === "rejected" || f.rejected > 0) ? "warning" : "success",
      };
    });

  return (
    <section aria-label="Tổng hợp" className="panel">
      <FilePicker multiple label="Chọn các tệp gửi đến (.xlsx, .xls, .ods)" onFiles={(f) => void addFiles(f)} />
      <FilePicker multiple={false} label="Kế hoạch của tỉnh (số, ngày, định mức) — không bắt buộc" onFiles={([f]) => void pickProvince(f)} />
      {province && <Text size={200}>Kế hoạch của tỉnh: {province.file} ({province.plan.info.issuer || "chưa rõ cơ quan ban hành"})</Text>}
      {provinceError && <Text size={200}>{provinceError}</Text>}
      {entries.length > 0 && (
        <>
          {reading > 0 && <ProgressBar value={(entries.length - reading) / entries.length} aria-label="Đang đọc tệp" />}
          <Text size={200}>
            {entries.length - reading}/{entries.length} tệp đã đọc{existing ? `; kèm bản tổng hợp trước với ${existing.stored.length} tệp` : ""}
          </Text>
          <ul className="files" aria-label="Các tệp">
            {entries.map((e) => {
              const report = reports?.find((r) => r.file === e.name);
              return (
                <li key={e.id} data-file={e.name}>
                  {report ? (
                    <Badge appearance="tint" color={STATUS[report.status][1]}>
                      {STATUS[report.status][0]}
                    </Badge>
                  ) : (
                    <Badge appearance="outline" color={e.state === "reading" ? "informative" : e.submission?.outcome.kind === "rejected" ? "danger" : "brand"}>
                      {e.state === "reading" ? "Đang đọc" : e.submission?.outcome.kind === "rejected" ? "Bị loại" : "Đã đọc"}
                    </Badge>
                  )}{" "}
                  <strong>{e.name}</strong> — {e.note ?? "…"}
                  {report && report.status !== "rejected" && report.problems.length > 0 && <ProblemList problems={report.problems} />}
                </li>
              );
            })}
          </ul>
          <Button appearance="primary" disabled={reading > 0 || status.kind === "busy"} onClick={() => void merge()}>
            {host.kind === "excel" ? "Tổng hợp vào sổ này" : "Tổng hợp và tải xuống (.xlsx)"}
          </Button>
        </>
      )}
      <StatusView status={status} />
      {dialog}
    </section>
  );
}
