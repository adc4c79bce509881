/** The pane follows Office's theme: dark when Office's task pane background is dark. */

/** Whether Office shows a dark theme: its task pane background is dark (ExcelApi-independent, Office.context.officeTheme). */
export function officeIsDark(office: { context?: { officeTheme?: { bodyBackgroundColor?: string } } }): boolean {
  let color = "";
  try {
    color = office.context?.officeTheme?.bodyBackgroundColor ?? "";
  } catch {
    return false;
  }
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (!m) return false;
  const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16) / 255);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5;
}
