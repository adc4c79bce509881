/** The one way a flow reports: a spinner while it works, a message bar when it is done. */
import * as React from "react";
import { MessageBar, MessageBarBody, MessageBarTitle, Spinner } from "@fluentui/react-components";

import type { Status } from "../flows/status";

export type { Status };

export function StatusView({ status }: { status: Status }) {
  // Focus goes to the result once a step ends (never back to the top of the page).
  const ref = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (status.kind === "done" || status.kind === "error") ref.current?.focus();
  }, [status]);
  return (
    <div ref={ref} tabIndex={-1} className="status">
      <StatusBody status={status} />
    </div>
  );
}

function StatusBody({ status }: { status: Status }) {
  if (status.kind === "idle") return null;
  if (status.kind === "busy") return <Spinner size="tiny" label={status.text} labelPosition="after" />;
  if (status.kind === "error") {
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>
          <MessageBarTitle>Lỗi</MessageBarTitle>
          {status.text}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return (
    <MessageBar intent={status.intent ?? "success"} role="status">
      <MessageBarBody>
        <MessageBarTitle>{status.title}</MessageBarTitle>
        {status.text}
      </MessageBarBody>
    </MessageBar>
  );
}

/** Run a flow step with busy/done/error states; errors become their Vietnamese message. */
export function useFlow(): [Status, (busyText: string, work: () => Promise<Status | void>) => Promise<void>, (s: Status) => void] {
  const [status, setStatus] = React.useState<Status>({ kind: "idle" });
  const run = React.useCallback(async (busyText: string, work: () => Promise<Status | void>) => {
    setStatus({ kind: "busy", text: busyText });
    try {
      setStatus((await work()) ?? { kind: "idle" });
    } catch (e) {
      setStatus({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    }
  }, []);
  return [status, run, setStatus];
}
