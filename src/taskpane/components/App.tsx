/** The task pane: four flows, one host. */
import * as React from "react";
import { FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Title3, webLightTheme } from "@fluentui/react-components";
import type { PlanHost } from "../host";
import { ScaffoldPanel } from "./ScaffoldPanel";
import { CheckPanel } from "./CheckPanel";
import { BudgetPanel } from "./BudgetPanel";
import { MergePanel } from "./MergePanel";

type TabId = "scaffold" | "check" | "budget" | "merge";

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
          <Tab value="scaffold">Tạo mẫu</Tab>
          <Tab value="check">Kiểm tra</Tab>
          <Tab value="budget">Kinh phí</Tab>
          <Tab value="merge">Tổng hợp</Tab>
        </TabList>
      </nav>
      {/* Every panel stays mounted: switching tabs never loses files read, rates typed or results. */}
      <main>
        <div hidden={tab !== "scaffold"}>
          <ScaffoldPanel host={host} />
        </div>
        <div hidden={tab !== "check"}>
          <CheckPanel host={host} />
        </div>
        <div hidden={tab !== "budget"}>
          <BudgetPanel host={host} />
        </div>
        <div hidden={tab !== "merge"}>
          <MergePanel host={host} />
        </div>
      </main>
    </FluentProvider>
  );
}
