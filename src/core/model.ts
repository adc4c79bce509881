/** The plan model: what a Kế hoạch duy trì, cải tiến HTQLCL and its appendices hold. */
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
  /** Why this row cannot be used (its text could not be read); it is reported, never merged. */
  rejectReason?: string;
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
  section: string;
  label: string;
  quantity: number | null;
  quantityText: string;
  content: string;
  rate: number | null;
  amount: number;
  note: string;
  at?: CellRef;
}

export interface Plan {
  info: PlanInfo;
  groups: AgencyGroup[];
  rates: Rates;
  training: Training;
  agencies: Agency[];
  tasks: Task[];
  extraLines: ExtraLine[];
}

export const DEFAULT_RATES: Rates = { trainingPerClass: 50, peoplePerClass: 75, inspectionLumpSum: 0 };
