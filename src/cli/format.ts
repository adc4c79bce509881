/** Plain-text renderings of budgets and problems for the terminal. */
import type { Budget } from "../core/budget";
import { formatVnNumber } from "../core/numbers";
import type { Problem } from "../core/problems";

const SEVERITY_VI = { error: "lỗi", warning: "cảnh báo", info: "ghi chú" } as const;

export function problemLine(p: Problem, file?: string): string {
  const where = [file, p.sheet ? `trang "${p.sheet}"` : "", p.cell ? `ô ${p.cell}` : ""].filter(Boolean).join(", ");
  return `${where}: [${SEVERITY_VI[p.severity]}] ${p.message} (${p.code})`;
}

export function problemsSummary(problems: readonly Problem[]): string {
  const n = (s: Problem["severity"]) => problems.filter((p) => p.severity === s).length;
  return `${n("error")} lỗi, ${n("warning")} cảnh báo`;
}

function pad(text: string, width: number): string {
  return text.length >= width ? `${text} ` : text + " ".repeat(width - text.length);
}

export function budgetText(b: Budget): string {
  const out: string[] = ["ĐVT: triệu đồng"];
  for (const s of b.sections) {
    out.push(`${pad(s.roman, 4)}${pad(s.title, 58)}${formatVnNumber(s.total).padStart(10)}`);
    for (const l of s.lines) {
      const how = l.rate !== null ? `${l.quantityText} × ${formatVnNumber(l.rate)}` : l.quantityText;
      const figures = `${pad(how, 24)}${formatVnNumber(l.amount).padStart(10)}`;
      // Long labels get their own line: nothing a reader needs is cut.
      if (l.label.length >= 36) out.push(`    ${l.label}`, `    ${" ".repeat(36)}${figures}`);
      else out.push(`    ${pad(l.label, 36)}${figures}`);
    }
  }
  out.push(`${pad("", 4)}${pad("Tổng cộng", 58)}${formatVnNumber(b.total).padStart(10)}`);
  out.push(`Bằng chữ: ${b.totalWords}.`);
  out.push(`Số cơ quan: ${formatVnNumber(b.agencyCount)}`);
  return out.join("\n");
}

export function budgetJson(b: Budget) {
  return {
    lines: b.sections.flatMap((s) =>
      s.lines.map((l) => ({ section: s.roman, kind: l.kind, label: l.label, groupId: l.groupId ?? null, quantity: l.quantity, rate: l.rate, amount: l.amount })),
    ),
    sections: b.sections.map((s) => ({ roman: s.roman, title: s.title, total: s.total })),
    total: b.total,
    totalWords: b.totalWords,
    agencies: b.agencyCount,
  };
}
