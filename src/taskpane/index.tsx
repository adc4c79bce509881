/**
 * Task pane entry. Inside Excel (Office.onReady says so, and the ExcelApi set the
 * adapter needs is there) the pane works on the open workbook; anywhere else it is the
 * browser mode, on files.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { App } from "./components/App";
import { browserHost } from "./browserHost";
import { excelHost } from "./excelHost";
import { excelApiSupported, REQUIRED_EXCEL_API } from "../adapters/office/excelWorkbook";
import type { PlanHost } from "./host";
import { officeIsDark } from "./theme";

/** What Office says once it is ready: the host for the pane, and what to tell the user first. */
function hostFor(office: typeof Office, info: { host: Office.HostType | null } | null): { host: PlanHost; notice?: string; dark?: boolean } {
  if (!info || info.host !== office.HostType.Excel) return { host: browserHost() };
  if (!excelApiSupported(office)) {
    return {
      host: browserHost(),
      notice: `Phiên bản Excel này chưa hỗ trợ ExcelApi ${REQUIRED_EXCEL_API} (cần Excel 2016 trở lên, Microsoft 365 hoặc Excel trên web). Ngăn tác vụ làm việc trên tệp như trong trình duyệt.`,
    };
  }
  return { host: excelHost(Excel, (v) => office.context.requirements.isSetSupported("ExcelApi", v)), dark: officeIsDark(office) };
}

const root = createRoot(document.getElementById("root")!);
const show = ({ host, notice, dark }: { host: PlanHost; notice?: string; dark?: boolean }) =>
  root.render(<App key={host.kind} host={host} notice={notice} dark={dark ?? globalThis.matchMedia?.("(prefers-color-scheme: dark)").matches} />);

// In a plain browser office.js never says Excel: the browser mode shows after 3 s at most. Inside
// Excel, a late Office.onReady still switches the pane to the open workbook.
const office = (globalThis as { Office?: typeof Office }).Office;
let settled = false;
if (office?.onReady) {
  void office.onReady().then((info) => {
    const chosen = hostFor(office, info);
    if (!settled || chosen.host.kind === "excel") show(chosen);
    settled = true;
  });
  setTimeout(() => {
    if (!settled) show({ host: browserHost() });
    settled = true;
  }, 3000);
} else show({ host: browserHost() });
