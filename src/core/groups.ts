/**
 * Agency groups (nhóm cơ quan) are data: a plan carries its own list, with the budget
 * section each group belongs to, its rate, and the name patterns that suggest it.
 * Two standard shapes are provided: the legacy three-level local government
 * (tỉnh / huyện / xã) and the two-level one in force since 1 July 2025.
 */
import type { ExtraForm } from "./forms";
import { foldText, nameKey } from "./text";

export interface AgencyGroup {
  /** Stable identifier, ASCII. */
  id: string;
  /** The label users see and type (dropdown value, PL2 line). */
  label: string;
  /** Heading of the PL1 section that lists this group. */
  section: string;
  /** Định mức duy trì, cải tiến, triệu đồng / cơ quan. */
  rate: number;
  /** Định mức xây dựng mới / mở rộng, triệu đồng / cơ quan; absent or null = the group has no such line. */
  formRates?: Partial<Record<ExtraForm, number | null>>;
  /** Regular expressions over the folded name (no diacritics, lower case) that suggest this group. */
  patterns: string[];
}

export type AdminLevels = 2 | 3;

export const DEFAULT_RATE_PER_AGENCY = 15;

const SO: AgencyGroup = {
  id: "so-nganh",
  label: "Cơ quan cấp sở, ngành",
  section: "Sở, ban, ngành tỉnh",
  rate: DEFAULT_RATE_PER_AGENCY,
  patterns: [
    "^so ",
    "^(vp|van phong) (ubnd|uy ban|hdnd|doan)(?!.*\\b(huyen|thi xa|thanh pho|quan|tp|tx|h)\\b)",
    "^cuc ",
    "^thanh tra (tinh|thanh pho)",
    "^ban (quan ly|dan toc)",
    "^bql ",
  ],
};

const THUOC_SO: AgencyGroup = {
  id: "thuoc-so",
  label: "Cơ quan chuyên môn thuộc sở, ngành",
  section: "Các đơn vị trực thuộc sở, ban, ngành",
  rate: DEFAULT_RATE_PER_AGENCY,
  patterns: ["^chi cuc ", "^(trung tam|ban) .*thuoc so"],
};

const HUYEN: AgencyGroup = {
  id: "cap-huyen",
  label: "Cơ quan cấp huyện",
  section: "UBND huyện, thị xã, thành phố",
  rate: DEFAULT_RATE_PER_AGENCY,
  patterns: [
    "^(ubnd|uy ban nhan dan) (huyen|thi xa|thanh pho|quan|tx\\.|tp\\.|h\\.|q\\.) ?",
    "^(vp|van phong) .*(ubnd|uy ban nhan dan|hdnd|hoi dong nhan dan).* (huyen|thi xa|thanh pho|quan|tx\\.|tp\\.) ?",
  ],
};

const XA: AgencyGroup = {
  id: "cap-xa",
  label: "Cơ quan cấp xã",
  section: "UBND huyện, thị xã, thành phố",
  rate: DEFAULT_RATE_PER_AGENCY,
  patterns: ["^(ubnd|uy ban nhan dan) (xa|phuong|thi tran|dac khu|p\\.|tt\\.) ?", "^(xa|phuong|thi tran|dac khu) "],
};

/** Units that build or run a system outside the administrative tree (schools, centres). */
export const SU_NGHIEP: AgencyGroup = {
  id: "su-nghiep",
  label: "Đơn vị sự nghiệp",
  section: "Đơn vị sự nghiệp công lập",
  rate: DEFAULT_RATE_PER_AGENCY,
  patterns: ["^truong ", "^trung tam "],
};

/** The standard group list for a plan of the given administrative shape. */
export function defaultGroups(levels: AdminLevels): AgencyGroup[] {
  const xa: AgencyGroup =
    levels === 3 ? XA : { ...XA, section: "UBND xã, phường, đặc khu" };
  return (levels === 3 ? [SO, THUOC_SO, HUYEN, xa] : [SO, THUOC_SO, xa]).map((g) => ({ ...g, patterns: [...g.patterns] }));
}

/** The group a name suggests, from the plan's own list, or null. First match in list order wins. */
export function inferGroup(name: string, groups: readonly AgencyGroup[]): AgencyGroup | null {
  const folded = foldText(name) + " ";
  return groups.find((g) => g.patterns.some((p) => compiled(p).test(folded))) ?? null;
}

const PATTERNS = new Map<string, RegExp>();
function compiled(pattern: string): RegExp {
  let re = PATTERNS.get(pattern);
  if (!re) PATTERNS.set(pattern, (re = new RegExp(pattern)));
  return re;
}

/** Short labels users type for the standard groups (folded: any case, with or without diacritics). */
const TYPED_LABELS: Readonly<Record<string, readonly string[]>> = {
  "so-nganh": ["cap so", "cap so, nganh", "cap so nganh", "so, nganh", "so nganh", "so, ban, nganh"],
  "thuoc-so": ["thuoc so", "truc thuoc so", "don vi thuoc so", "don vi truc thuoc", "don vi truc thuoc so", "truc thuoc", "chuyen mon thuoc so", "cap chi cuc"],
  "cap-huyen": ["cap huyen", "huyen"],
  "cap-xa": ["cap xa", "xa", "xa, phuong, thi tran", "xa, phuong"],
};

/** Find a group by id, by label, or by a label typed differently (case, tones, spaces, a short form). */
export function findGroup(text: string, groups: readonly AgencyGroup[]): AgencyGroup | null {
  const key = nameKey(text);
  if (key === "") return null;
  const exact = groups.find((g) => g.id === text || nameKey(g.label) === key);
  if (exact) return exact;
  const folded = foldText(text).replace(/\s+/g, " ").replace(/[.:]$/, "");
  return groups.find((g) => foldText(g.label) === folded || (TYPED_LABELS[g.id] ?? []).includes(folded)) ?? null;
}
