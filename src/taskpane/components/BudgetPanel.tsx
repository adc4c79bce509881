/**
 * Kinh phí: the rates (editable) and the budget they give, with the total in words; beside it,
 * what the file's own Phụ lục 2 shows, and every cell where it differs.
 */
import * as React from "react";
import { Button, Field, Input, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { computeBudget, type Budget } from "../../core/budget";
import { BUDGET_CODES, shownBudget } from "../../core/declared";
import type { Problem } from "../../core/problems";
import type { Plan } from "../../core/model";
import { formatVnNumber, parseVnNumber, sameTrieu } from "../../core/numbers";
import type { RateRefs } from "../../core/validate";
import { readPlan, type ReadResult } from "../../workbook/read";
import { rateEdits, rateFields, saveRatesInWorkbook, type RateField } from "../flows/rates";
import type { RawWorkbook } from "../../workbook/grid";
import type { PlanHost } from "../host";
import { openFile } from "../files";
import { FilePicker } from "./FilePicker";
import { StatusView, useFlow } from "./Status";

function RateInput({ field, onChange, onValid }: { field: RateField; onChange: (v: number) => void; onValid: (ok: boolean) => void }) {
  const shownText = (v: number | null) => (v === null ? "" : formatVnNumber(v));
  const [text, setText] = React.useState(shownText(field.value));
  const [error, setError] = React.useState<string | undefined>();
  // A new value from outside (another file read) replaces what is typed: adjusted while rendering, not in an effect.
  const [shown, setShown] = React.useState(field.value);
  if (shown !== field.value) {
    setShown(field.value);
    setText(shownText(field.value));
  }
  const commit = () => {
    const r = parseVnNumber(text);
    if (!r.ok) return setError(r.message);
    if (r.value < 0) return setError("Định mức không được âm");
    setError(undefined);
    if (r.value !== field.value) onChange(r.value);
  };
  return (
    <Field label={field.label} validationMessage={error} size="small">
      <Input
        value={text}
        onChange={(_, d) => {
          setText(d.value);
          const r = parseVnNumber(d.value);
          onValid(r.ok && r.value >= 0);
        }}
        onBlur={commit}
        // Enter commits the rate as leaving the field does.
        onKeyDown={(e) => {
          if (e.key === "Enter") commit();
        }}
      />
    </Field>
  );
}

export function BudgetPanel({ host }: { host: PlanHost }) {
  const [loaded, setLoaded] = React.useState<{ plan: Plan; refs: RateRefs; source: string; file?: File; declared: Budget | null; differences: Problem[] } | null>(null);
  const [invalid, setInvalid] = React.useState<ReadonlySet<string>>(new Set());
  const [values, setValues] = React.useState<ReadonlyMap<string, number>>(new Map());
  const [status, run] = useFlow();

  const show = (result: ReadResult, source: string, file?: File) => {
    const { plan, refs, problems } = result;
    const declared = plan.declared && plan.declared.lines.length > 0 ? shownBudget(plan) : null;
    setLoaded({ plan, refs, source, ...(file ? { file } : {}), declared, differences: problems.filter((p) => BUDGET_CODES.has(p.code) && p.severity !== "info") });
    setValues(new Map());
    setInvalid(new Set());
  };
  const load = (source: string, read: () => Promise<RawWorkbook>, file?: File) =>
    run("Đang đọc kế hoạch…", async () => show(readPlan(await read()), source, file));

  const change = (field: RateField, value: number) => {
    if (!loaded) return;
    setLoaded({ ...loaded, plan: field.set(loaded.plan, value) });
    setValues((m) => new Map([...m, [field.key, value]]));
  };

  const missingText = (missing: string[]) =>
    `Không ghi được: sổ không có ô cho: ${missing.join("; ")}. Hãy thêm các định mức này vào bảng nhóm ở trang Thông tin rồi đọc lại.`;

  const save = () =>
    run("Đang ghi định mức…", async () => {
      if (!loaded) return;
      if (host.writeCells) {
        // Where the rate cells are now (rows may have been inserted since reading); PL2 then read back from Excel.
        const saved = await saveRatesInWorkbook(host, values);
        if (saved.missing.length > 0) return { kind: "error", text: missingText(saved.missing) };
        show(saved.read, loaded.source);
        return {
          kind: "done", title: "Đã ghi định mức vào sổ",
          ...(saved.manual
            ? { intent: "warning" as const, text: "Excel đang để tính thủ công (Manual): nhấn F9 để Phụ lục 2 tính lại theo định mức mới, rồi đọc lại." }
            : { text: "Phụ lục 2 đã tính lại theo định mức mới; các số dưới đây đọc lại từ sổ." }),
        };
      }
      // The user's own file, only its rate cells changed — never a workbook rebuilt from our model.
      if (!loaded.file || !host.downloadEdited) return { kind: "error", text: "Không có tệp để sửa: hãy chọn lại tệp kế hoạch." };
      const { edits, missing } = rateEdits(loaded.plan, loaded.refs, values);
      if (missing.length > 0) return { kind: "error", text: missingText(missing) };
      const m = /^(.*?)(\.(xlsx|xlsm|xltx|xltm))$/i.exec(loaded.file.name);
      if (!m) return { kind: "error", text: `Chỉ sửa được tệp .xlsx: tệp ${loaded.file.name} không phải .xlsx: hãy lưu thành .xlsx (Excel hoặc LibreOffice) rồi chọn lại.` };
      return { kind: "done", title: "Đã tạo tệp", text: await host.downloadEdited(loaded.file, edits, `${m[1]} (định mức mới)${m[2]}`) };
    });

  const budget = loaded ? computeBudget(loaded.plan) : null;
  return (
    <section aria-label="Kinh phí" className="panel">
      {host.readOpenWorkbook ? (
        <Button appearance="primary" onClick={() => void load("Sổ đang mở", () => host.readOpenWorkbook!())} disabled={status.kind === "busy"}>
          Đọc kinh phí của sổ đang mở
        </Button>
      ) : (
        <FilePicker multiple={false} label="Chọn tệp kế hoạch (.xlsx, .xls, .ods)" disabled={status.kind === "busy"} onFiles={([f]) => void load(f.name, () => openFile(f), f)} />
      )}
      <StatusView status={status} />
      {loaded && budget && (
        <>
          <Text weight="semibold">Định mức — {loaded.source}</Text>
          <div className="rates">
            {rateFields(loaded.plan, loaded.refs).map((f) => (
              <RateInput
                key={f.key}
                field={f}
                onChange={(v) => change(f, v)}
                onValid={(ok) => setInvalid((set) => (ok === !set.has(f.key) ? set : ok ? new Set([...set].filter((k) => k !== f.key)) : new Set([...set, f.key])))}
              />
            ))}
          </div>
          {values.size > 0 && (
            <Button onClick={() => void save()} disabled={status.kind === "busy" || invalid.size > 0}>
              {host.writeCells ? "Ghi định mức vào sổ" : "Tải sổ với định mức này (.xlsx)"}
            </Button>
          )}
          {/* Two columns, so that Nội dung keeps its room at 270–320 px: quantity × rate go under the label. */}
          <Table size="small" aria-label="Kinh phí (triệu đồng)" className="budget">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Nội dung</TableHeaderCell>
                <TableHeaderCell className="num amount">Số tiền (triệu đồng)</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {budget.sections.map((s) => (
                <React.Fragment key={s.roman}>
                  <TableRow className="section-row">
                    <TableCell>{`${s.roman}. ${s.title}`}</TableCell>
                    <TableCell className="num">{formatVnNumber(s.total)}</TableCell>
                  </TableRow>
                  {s.lines.map((l, i) => (
                    <TableRow key={i}>
                      <TableCell>
                        {l.label}
                        {(l.quantityText || l.rate !== null) && (
                          <Text size={200} block className="detail">
                            {[l.quantityText, l.rate === null ? "" : `${formatVnNumber(l.rate)} triệu đồng`].filter(Boolean).join(" × ")}
                          </Text>
                        )}
                      </TableCell>
                      <TableCell className="num">{formatVnNumber(l.amount)}</TableCell>
                    </TableRow>
                  ))}
                </React.Fragment>
              ))}
              <TableRow className="section-row">
                <TableCell>
                  Tổng cộng
                  <Text size={200} block className="detail">{`${budget.agencyCount} cơ quan`}</Text>
                </TableCell>
                <TableCell className="num" data-testid="budget-total">
                  {formatVnNumber(budget.total)}
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
          <Text italic>Bằng chữ: {budget.totalWords}.</Text>
          {loaded.declared && (
            <div role="note" aria-label="Phụ lục 2 của tệp" data-testid="declared">
              <Text weight="semibold" block>
                {`Phụ lục 2 của tệp ghi: ${formatVnNumber(loaded.declared.total)} triệu đồng — ${
                  sameTrieu(loaded.declared.total, budget.total) ? "khớp với số tính theo định mức" : `khác số tính theo định mức ở trên (${formatVnNumber(budget.total)})`
                }.`}
              </Text>
              {loaded.differences.length > 0 && (
                <ul className="problems">
                  {loaded.differences.map((p, i) => (
                    <li key={i}>{`${p.cell ? `ô ${p.cell}: ` : ""}${p.message}`}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}
