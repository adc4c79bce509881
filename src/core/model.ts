/** The plan model: what a Kế hoạch duy trì, cải tiến HTQLCL and its appendices hold. */
import type { ExtraForm } from "./forms";
import type { AdminLevels, AgencyGroup } from "./groups";

/** Where a value came from in a workbook (1-based row and column). */
export interface CellRef {
  sheet: string;
  row: number;
  col: number;
}

export interface PlanInfo {
  /** Cơ quan ban hành. */
  issuer: string;
  /** Số kế hoạch, e.g. `465/KH-UBND`. */
  number: string;
  /** Ngày ban hành as typed (`27/02/2023`). */
  date: string;
  /** Năm kế hoạch. */
  year: number;
  /** Địa bàn (tỉnh / xã). */
  area: string;
  /** Cấp lập kế hoạch (tỉnh, sở, huyện, xã …). */
  level: string;
  /** Administrative shape: 3 = tỉnh/huyện/xã, 2 = tỉnh/xã (from 1/7/2025). */
  levels: AdminLevels;
}

/** Rates other than the per-agency ones (those live on the groups). */
export interface Rates {
  /** Đào tạo, tập huấn: triệu đồng / lớp. */
  trainingPerClass: number;
  /** Người / lớp. */
  peoplePerClass: number;
  /** Kiểm tra: lump sum, triệu đồng. */
  inspectionLumpSum: number;
}

export interface Training {
  /** Số lớp, when given. */
  classes: number | null;
  /** Số người cần đào tạo; when given and classes is not, classes = ceil(people / peoplePerClass). */
  participants: number | null;
}

export interface Agency {
  name: string;
  /** Group id, or null when neither given nor inferable. */
  groupId: string | null;
  /** The group as typed, when it named no known group. */
  groupText?: string;
  /** Địa bàn / đơn vị cấp trên. */
  area: string;
  note: string;
  /** Where the row was read from (its name cell). */
  at?: CellRef;
  /** Where its group cell is, when the sheet has one. */
  groupAt?: CellRef;
  /** Hình thức: xây dựng mới or mở rộng; absent = duy trì, cải tiến. */
  form?: ExtraForm;
  /** Why this row cannot be used (its text could not be read); it is reported, never merged. */
  rejectReason?: string;
  /** In a consolidated list: the row's id (hidden column), so the officer's corrections can be told apart. */
  rowId?: string;
}

export interface Task {
  /** TT as written: Roman numeral on section rows, number on items, empty on continuations. */
  tt: string;
  content: string;
  action: string;
  result: string;
  lead: string;
  partner: string;
  timing: string;
  approval: string;
  /** Where the row was read from (its TT cell). */
  at?: CellRef;
  /** Where its Thời gian cell is. */
  timingAt?: CellRef;
  /** The file it came from, in a consolidated plan. */
  source?: string;
}

/** A budget line an input lists that is not computed from PL1 (carried as it is). */
export interface ExtraLine {
  /** Roman numeral of the PL2 section it is under ("" before any section). */
  section: string;
  /** That section's title, as the file gives it. */
  sectionTitle?: string;
  /** In a consolidated plan: the unit that sent it (its file is named in `note`); absent for the province's own lines. */
  source?: string;
  label: string;
  quantity: number | null;
  quantityText: string;
  content: string;
  rate: number | null;
  amount: number;
  note: string;
  at?: CellRef;
}

/** The kinds of PL2 line: per agency group (count × rate), the standard management lines, and any other. */
export type LineKind = "perAgency" | "inspection" | "training" | "other";

/** A PL2 line as the workbook shows it (its cached values: what Excel or LibreOffice displays). */
export interface DeclaredLine {
  section: string;
  label: string;
  kind: LineKind;
  /** For per-agency lines matched to a group. */
  groupId?: string;
  /** For per-agency lines of a form other than duy trì, cải tiến. */
  form?: ExtraForm;
  quantity: number | null;
  quantityText: string;
  rate: number | null;
  /** Null when the cell is blank, an error, or a formula saved without its result. */
  amount: number | null;
  content: string;
  note: string;
  at?: CellRef;
  quantityAt?: CellRef;
  /** Cells where a number was typed over one of the template's formulas. */
  typed?: Array<"quantity" | "amount">;
  /** The amount is a formula saved without its result (files written by scripts). */
  uncomputed?: boolean;
}

/** A total the sheet shows: a section's, a subtotal row's ("Cộng"), or the grand total. */
export interface DeclaredTotal {
  /** Roman numeral of the section it totals; "" for the grand total. */
  section: string;
  label: string;
  amount: number | null;
  at?: CellRef;
  typed?: boolean;
  uncomputed?: boolean;
}

/** PL2 as the workbook shows it: what the submitter declared. */
export interface DeclaredBudget {
  sections: Array<{ roman: string; title: string }>;
  lines: DeclaredLine[];
  /** Section rows' own amounts and subtotal rows. */
  sectionTotals: DeclaredTotal[];
  total: DeclaredTotal | null;
}

export interface Plan {
  info: PlanInfo;
  groups: AgencyGroup[];
  rates: Rates;
  training: Training;
  agencies: Agency[];
  tasks: Task[];
  extraLines: ExtraLine[];
  /** PL2 as the file showed it, when the plan was read from a workbook that has one. */
  declared?: DeclaredBudget;
}

export const DEFAULT_RATES: Rates = { trainingPerClass: 50, peoplePerClass: 75, inspectionLumpSum: 0 };
