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

async function officeHost(): Promise<{ host: PlanHost; notice?: string }> {
  const office = (globalThis as { Office?: typeof Office }).Office;
  if (!office?.onReady) return { host: browserHost() };
  const info = await Promise.race([office.onReady(), new Promise<null>((r) => setTimeout(() => r(null), 3000))]);
  if (!info || info.host !== office.HostType.Excel) return { host: browserHost() };
  if (!excelApiSupported(office)) {
    return {
      host: browserHost(),
      notice: `Phiên bản Excel này chưa hỗ trợ ExcelApi ${REQUIRED_EXCEL_API} (cần Excel 2019, Excel 2021, Microsoft 365 hoặc Excel trên web). Ngăn tác vụ làm việc trên tệp như trong trình duyệt.`,
    };
  }
  return { host: excelHost(Excel) };
}

void officeHost().then(({ host, notice }) => {
  createRoot(document.getElementById("root")!).render(<App host={host} notice={notice} />);
});
