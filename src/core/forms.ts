/**
 * Forms of work on a quality system (SPEC §4, seed 004): an agency maintains and improves its
 * system (duy trì, cải tiến — the default), builds one (xây dựng mới) or extends one (mở rộng).
 * Each form other than the default has its own per-agency rate per group (Thông tin; editable, none
 * hard-coded); an agency whose group has no rate for its form is counted at the maintain rate, and
 * told so.
 */
import { foldText } from "./text";

export type WorkForm = "maintain" | "build" | "extend";
/** The forms with a rate and a PL2 line of their own. */
export type ExtraForm = Exclude<WorkForm, "maintain">;

export interface FormSpec {
  id: WorkForm;
  /** As the dropdown offers it and PL2 names it. */
  label: string;
  /** Other ways users write it (compared folded). */
  aliases: string[];
}

export const WORK_FORMS: readonly FormSpec[] = [
  { id: "maintain", label: "Duy trì, cải tiến", aliases: ["Duy trì", "Cải tiến", "Duy trì và cải tiến", "Duy trì cải tiến", "Duy trì, cải tiến HTQLCL"] },
  { id: "build", label: "Xây dựng mới", aliases: ["Xây mới", "Xây dựng", "Xây dựng, áp dụng mới", "Xây dựng và áp dụng mới", "Áp dụng mới", "Xây dựng, áp dụng"] },
  { id: "extend", label: "Mở rộng", aliases: ["Xây dựng mở rộng", "Mở rộng phạm vi", "Mở rộng hệ thống", "Mở rộng HTQLCL"] },
];

export const EXTRA_FORMS: readonly ExtraForm[] = ["build", "extend"];

const key = (text: string) => foldText(text).replace(/\s+/g, " ").replace(/[.:;]+$/, "").trim();
const KEYS = WORK_FORMS.map((f) => ({ id: f.id, keys: [f.label, ...f.aliases].map(key) }));

/** The form a cell names; blank is the default (maintain); null when the text names none. */
export function findForm(text: string): WorkForm | null {
  const k = key(text);
  if (k === "") return "maintain";
  return KEYS.find((f) => f.keys.includes(k))?.id ?? null;
}

export function formLabel(form: WorkForm): string {
  return WORK_FORMS.find((f) => f.id === form)!.label;
}

/** A PL2 label naming a form line ("Cơ quan cấp xã — mở rộng", "Trường học (xây dựng mới)"): the form and the rest (folded). */
export function splitFormLabel(label: string): { form: ExtraForm; rest: string } | null {
  const folded = foldText(label);
  for (const f of WORK_FORMS) {
    if (f.id === "maintain") continue;
    for (const k of [f.label, ...f.aliases].map(key).sort((a, b) => b.length - a.length)) {
      const at = folded.indexOf(k);
      if (at < 0) continue;
      const rest = (folded.slice(0, at) + folded.slice(at + k.length)).replace(/[()[\]—–:\-,]+/g, " ").replace(/\s+/g, " ").trim();
      return { form: f.id, rest };
    }
  }
  return null;
}
