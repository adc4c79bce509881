/** What a flow reports: busy while it works, then done (with an intent) or an error, in Vietnamese. */
export type Status =
  | { kind: "idle" }
  | { kind: "busy"; text: string }
  | { kind: "done"; title: string; text?: string; intent?: "success" | "warning" | "error" }
  | { kind: "error"; text: string };
