/** Tạo mẫu kế hoạch: the standard workbook, into the open workbook or as a download. */
import * as React from "react";
import { Button, Checkbox, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import type { AdminLevels } from "../../core/groups";
import { newPlan } from "../../workbook/plan";
import { buildWorkbook } from "../../workbook/write";
import { TEMPLATE_AGENCY_ROWS } from "../../workbook/layout";
import type { PlanHost } from "../host";
import { StatusView, useFlow } from "./Status";
import { useKeepOld } from "./KeepOldDialog";

export function ScaffoldPanel({ host }: { host: PlanHost }) {
  const [year, setYear] = React.useState(new Date().getFullYear() + 1);
  const [levels, setLevels] = React.useState<AdminLevels>(2);
  const [tasks, setTasks] = React.useState(true);
  const [status, run] = useFlow();
  const [dialog, askKeepOld] = useKeepOld(host);
  const yearOk = Number.isInteger(year) && year >= 2000 && year <= 2100;

  const create = () =>
    run("Đang tạo mẫu kế hoạch…", async () => {
      const grid = buildWorkbook(newPlan({ year, levels, standardTasks: tasks }), { spareAgencyRows: TEMPLATE_AGENCY_ROWS });
      const existing = await askKeepOld(await host.existingSheets(grid.sheets.map((s) => s.name)));
      if (existing === null) return { kind: "done", title: "Đã huỷ", text: "Không trang nào bị thay đổi.", intent: "warning" };
      return { kind: "done", title: "Đã tạo mẫu kế hoạch", text: await host.putWorkbook(grid, `mau-ke-hoach-${year}.xlsx`, existing) };
    });

  return (
    <section aria-label="Tạo mẫu kế hoạch" className="panel">
      <Field label="Năm kế hoạch" validationMessage={yearOk ? undefined : "Nhập năm từ 2000 đến 2100"}>
        <Input type="number" value={String(year)} onChange={(_, d) => setYear(Number(d.value))} />
      </Field>
      <Field label="Chính quyền địa phương">
        <RadioGroup value={String(levels)} onChange={(_, d) => setLevels(Number(d.value) as AdminLevels)}>
          <Radio value="2" label="2 cấp (tỉnh, xã) — từ 1/7/2025" />
          <Radio value="3" label="3 cấp (tỉnh, huyện, xã) — kế hoạch đến năm 2025" />
        </RadioGroup>
      </Field>
      <Checkbox checked={tasks} onChange={(_, d) => setTasks(Boolean(d.checked))} label="Điền sẵn các hoạt động chuẩn (mục tiêu chất lượng, đánh giá nội bộ, xem xét của lãnh đạo, báo cáo…)" />
      <Button appearance="primary" disabled={!yearOk || status.kind === "busy"} onClick={() => void create()}>
        {host.kind === "excel" ? "Tạo mẫu trong sổ này" : "Tải mẫu kế hoạch (.xlsx)"}
      </Button>
      <StatusView status={status} />
      {dialog}
    </section>
  );
}
