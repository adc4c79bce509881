/** Kiểm tra: the problems of a plan, grouped by sheet; clicking one selects its cell. */
import * as React from "react";
import { Badge, Button, Link, Text } from "@fluentui/react-components";
import { sortProblems, type Problem } from "../../core/problems";
import { checkPlan } from "../flows/check";
import { SHEETS } from "../../workbook/layout";
import type { RawWorkbook } from "../../workbook/grid";
import type { PlanHost } from "../host";
import { openFile } from "../files";
import { FilePicker } from "./FilePicker";
import { StatusView, useFlow } from "./Status";

const SEVERITY = { error: ["Lỗi", "danger"], warning: ["Cảnh báo", "warning"], info: ["Ghi chú", "informative"] } as const;

export function ProblemList({ problems, onSelect }: { problems: Problem[]; onSelect?: (p: Problem) => void }) {
  const bySheet = new Map<string, Problem[]>();
  // Errors first, then warnings, then notes — each in sheet order and cell order.
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const sorted = sortProblems(problems, Object.values(SHEETS));
  for (const p of [...sorted].sort((a, b) => rank[a.severity] - rank[b.severity])) {
    const list = bySheet.get(p.sheet) ?? [];
    list.push(p);
    bySheet.set(p.sheet, list);
  }
  return (
    <div className="problems">
      {[...bySheet].map(([sheet, list]) => (
        <section key={sheet} aria-label={`Trang ${sheet}`}>
          <Text weight="semibold">{sheet || "Cả tệp"}</Text>
          <ul>
            {list.map((p, i) => (
              <li key={i}>
                <Badge appearance="tint" color={SEVERITY[p.severity][1]}>
                  {SEVERITY[p.severity][0]}
                </Badge>{" "}
                {p.cell && onSelect ? (
                  <Link onClick={() => onSelect(p)} title="Chọn ô này trong sổ">
                    {p.cell}
                  </Link>
                ) : (
                  <span>{p.cell}</span>
                )}{" "}
                {p.message}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function CheckPanel({ host }: { host: PlanHost }) {
  const [problems, setProblems] = React.useState<Problem[] | null>(null);
  const [status, run] = useFlow();

  const check = (source: string, read: () => Promise<RawWorkbook>) =>
    run("Đang đọc và kiểm tra…", async () => {
      // The last file's list goes as soon as another is checked: never shown under a new file's name.
      setProblems(null);
      const checked = await checkPlan(source, read);
      setProblems(checked.problems);
      return checked.status;
    });

  return (
    <section aria-label="Kiểm tra" className="panel">
      {host.readOpenWorkbook ? (
        <Button appearance="primary" disabled={status.kind === "busy"} onClick={() => void check("Sổ đang mở", () => host.readOpenWorkbook!())}>
          Kiểm tra sổ đang mở
        </Button>
      ) : (
        <FilePicker multiple={false} label="Chọn tệp kế hoạch (.xlsx, .xls, .ods)" disabled={status.kind === "busy"} onFiles={([f]) => void check(f.name, () => openFile(f))} />
      )}
      <StatusView status={status} />
      {problems && problems.length > 0 && <ProblemList problems={problems} onSelect={host.selectCell ? (p) => void host.selectCell!(p.sheet, p.cell) : undefined} />}
    </section>
  );
}
