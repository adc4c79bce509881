/** Tạo mẫu kế hoạch: the standard workbook, into the open workbook or as a download. */
import * as React from "react";
import { Button, Checkbox, Field, Input, Radio, RadioGroup } from "@fluentui/react-components";
import type { AdminLevels } from "../../core/groups";
import { scaffold, yearProblem } from "../flows/scaffold";
import type { PlanHost } from "../host";
import { StatusView, useFlow } from "./Status";
import { useKeepOld } from "./KeepOldDialog";

export function ScaffoldPanel({ host }: { host: PlanHost }) {
  const [year, setYear] = React.useState(new Date().getFullYear() + 1);
  const [levels, setLevels] = React.useState<AdminLevels>(2);
  const [tasks, setTasks] = React.useState(true);
  const [status, run] = useFlow();
  const [dialog, askKeepOld] = useKeepOld(host);
  const yearError = yearProblem(year);
  const yearOk = yearError === undefined;

  const create = () => run("Đang tạo mẫu kế hoạch…", () => scaffold(host, { year, levels, standardTasks: tasks }, askKeepOld));

  return (
    <section aria-label="Tạo mẫu kế hoạch" className="panel">
      <Field label="Năm kế hoạch" validationMessage={yearError}>
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
