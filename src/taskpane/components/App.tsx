/** The task pane: four flows, one host. */
import * as React from "react";
import { Button, FluentProvider, Link, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Tab, TabList, Title3, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import type { PlanHost } from "../host";
import { ScaffoldPanel } from "./ScaffoldPanel";
import { CheckPanel } from "./CheckPanel";
import { BudgetPanel } from "./BudgetPanel";
import { MergePanel } from "./MergePanel";

/** The flows, in tab order: each tab's label and panel. */
const FLOWS = [
  { id: "scaffold", label: "Tạo mẫu", Panel: ScaffoldPanel },
  { id: "check", label: "Kiểm tra", Panel: CheckPanel },
  { id: "budget", label: "Kinh phí", Panel: BudgetPanel },
  { id: "merge", label: "Tổng hợp", Panel: MergePanel },
] as const;

type TabId = (typeof FLOWS)[number]["id"];

/** The flow a ribbon button opened the pane at (taskpane.html?flow=merge), else the first. */
export function initialFlow(search: string): TabId {
  const wanted = new URLSearchParams(search).get("flow");
  return FLOWS.find((f) => f.id === wanted)?.id ?? "scaffold";
}

const GUIDE_KEY = "kehoach-iso.guide-seen";

/** The first-run guide, until the user says they have read it. */
function Guide() {
  const [seen, setSeen] = React.useState(() => {
    try {
      return globalThis.localStorage?.getItem(GUIDE_KEY) === "1";
    } catch {
      return false;
    }
  });
  if (seen) return null;
  const close = () => {
    try {
      globalThis.localStorage?.setItem(GUIDE_KEY, "1");
    } catch {
      // Storage may be blocked: the guide just comes back next time.
    }
    setSeen(true);
  };
  return (
    <MessageBar intent="info" layout="multiline" aria-label="Bắt đầu">
      <MessageBarBody>
        <MessageBarTitle>Bắt đầu</MessageBarTitle>
        1. Tạo mẫu kế hoạch và gửi các đơn vị điền. 2. Kiểm tra từng kế hoạch: lỗi chỉ tới từng ô. 3. Kinh phí: định mức, tổng tiền, bằng chữ. 4. Tổng
        hợp các tệp gửi về thành phụ lục của tỉnh.{" "}
        <Link href="help.html" target="_blank">
          Hướng dẫn đầy đủ
        </Link>
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" onClick={close}>
          Đã hiểu
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}

export function App({ host, notice, dark = false }: { host: PlanHost; notice?: string; dark?: boolean }) {
  const [tab, setTab] = React.useState<TabId>(() => initialFlow(globalThis.location?.search ?? ""));
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className="app">
      <header>
        <Title3 as="h1">Kế hoạch ISO</Title3>
        <Guide />
        {host.kind === "browser" && (
          <MessageBar intent="info">
            <MessageBarBody>
              Đang mở trong trình duyệt, không ở trong Excel: làm việc trên các tệp bạn chọn, kết quả được tải xuống.
            </MessageBarBody>
          </MessageBar>
        )}
        {notice && (
          <MessageBar intent="warning">
            <MessageBarBody>{notice}</MessageBarBody>
          </MessageBar>
        )}
      </header>
      <nav aria-label="Các chức năng">
        <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} size="small">
          {FLOWS.map((f) => (
            <Tab key={f.id} value={f.id}>
              {f.label}
            </Tab>
          ))}
        </TabList>
      </nav>
      {/* Every panel stays mounted: switching tabs never loses files read, rates typed or results. */}
      <main>
        {FLOWS.map(({ id, Panel }) => (
          <div key={id} hidden={tab !== id}>
            <Panel host={host} />
          </div>
        ))}
      </main>
    </FluentProvider>
  );
}
