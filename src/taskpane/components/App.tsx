/** The task pane: four flows, one host. */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Title3, webLightTheme } from "@fluentui/react-components";
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

export function App({ host, notice }: { host: PlanHost; notice?: string }) {
  const [tab, setTab] = React.useState<TabId>("scaffold");
  return (
    <FluentProvider theme={webLightTheme} className="app">
      <header>
        <Title3 as="h1">Kế hoạch ISO</Title3>
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
