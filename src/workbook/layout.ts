/**
 * The standard plan workbook, described once. Writers (file and live workbook) render
 * it through write.ts; the reader finds the same sheets, labels and headers through
 * these descriptions, by text, so moved columns and inserted rows still read.
 */
import type { StyleName } from "./grid";

export const SHEETS = {
  info: "Thông tin",
  tasks: "Nội dung thực hiện",
  agencies: "PL1 Danh sách cơ quan",
  budget: "PL2 Kinh phí",
  lists: "Danh mục",
  sources: "Nguồn dữ liệu",
  tracking: "Theo dõi nộp",
  comparison: "So với năm trước",
  corrections: "Điều chỉnh",
  unitTasks: "Nhiệm vụ các đơn vị",
  store: "Dữ liệu nguồn",
} as const;

/** Most sheets the hidden store may take (see workbook/consolidated.ts: a sheet is ~16 MB of XML). */
export const STORE_SHEETS_MAX = 99;
/** The hidden store's k-th sheet (1-based): the first is SHEETS.store, a store too large for one goes on in "Dữ liệu nguồn 2", "… 3"… */
export const storeSheetName = (k: number): string => (k === 1 ? SHEETS.store : `${SHEETS.store} ${k}`);
/** Every name a sheet of the hidden store may have. */
export const STORE_SHEETS: readonly string[] = Array.from({ length: STORE_SHEETS_MAX }, (_, i) => storeSheetName(i + 1));
/**
 * The consolidated workbook's reports that nothing reads back: a consolidated workbook opened for
 * its plan or its store is opened without them (a national roll-up's "Nhiệm vụ các đơn vị" has more
 * rows than a sheet may have to be read).
 */
export const OUTPUT_SHEETS: readonly string[] = [SHEETS.sources, SHEETS.tracking, SHEETS.comparison, SHEETS.corrections, SHEETS.unitTasks];
/** The consolidated workbook's own sheets: reports and the store, never a part of a plan. */
export const REPORT_SHEETS: readonly string[] = [...OUTPUT_SHEETS, ...STORE_SHEETS];

export type SheetKey = keyof typeof SHEETS;

/** Other names users give these sheets; compared by name key. */
export const SHEET_ALIASES: Record<"info" | "tasks" | "agencies" | "budget", string[]> = {
  info: ["Thông tin", "Thông tin kế hoạch", "Thong tin"],
  tasks: ["Nội dung thực hiện", "Phụ lục I", "Nội dung", "Kế hoạch", "Tiến độ"],
  agencies: ["PL1 Danh sách cơ quan", "Phụ lục 1", "PL1", "Danh sách cơ quan", "DS cơ quan", "Danh sách"],
  budget: ["PL2 Kinh phí", "Phụ lục 2", "PL2", "Kinh phí", "Dự toán"],
};

export interface ColumnSpec<K extends string> {
  key: K;
  header: string;
  width: number;
  /** Header texts accepted when reading (compared without diacritics and case; the header itself included). */
  aliases: string[];
  /** Header texts that start like one of ours but name another column (never taken for this one). */
  notHeaders?: string[];
  style: StyleName;
}

export type AgencyColumn = "stt" | "name" | "group" | "area" | "note" | "form" | "rowId";
export type TaskColumn = "tt" | "content" | "action" | "result" | "lead" | "partner" | "timing" | "approval" | "source";
export type BudgetColumn = "stt" | "label" | "quantity" | "content" | "rate" | "amount" | "note";
export type GroupColumn = "label" | "rate" | "build" | "extend" | "section" | "id";

export const AGENCY_COLUMNS: ColumnSpec<AgencyColumn>[] = [
  { key: "stt", header: "STT", width: 6, aliases: ["TT", "Số TT", "Số thứ tự"], style: "textCenter" },
  {
    key: "name", header: "Tên cơ quan", width: 46, style: "text",
    aliases: ["Tên cơ quan, đơn vị", "Tên cơ quan, đơn vị áp dụng", "Đơn vị áp dụng", "Cơ quan áp dụng", "Tên đơn vị", "Tên CQ, ĐV", "Tên CQ", "Tên ĐV", "Cơ quan, đơn vị", "Cơ quan", "Đơn vị"],
    // A parent agency, or the lead and partner columns of a task table, are never the agencies listed.
    notHeaders: ["Cơ quan chủ quản", "Đơn vị chủ quản", "Cơ quan cấp trên", "Cơ quan quản lý", "Cơ quan thực hiện", "Cơ quan chủ trì", "Cơ quan phối hợp", "Đơn vị thực hiện", "Đơn vị chủ trì", "Đơn vị phối hợp", "Đơn vị gửi"],
  },
  { key: "group", header: "Nhóm cơ quan", width: 32, aliases: ["Nhóm", "Loại cơ quan", "Cấp"], style: "text" },
  { key: "area", header: "Địa bàn / đơn vị cấp trên", width: 28, aliases: ["Địa bàn", "Đơn vị cấp trên", "Cơ quan chủ quản", "Đơn vị chủ quản", "Cơ quan cấp trên", "Huyện", "Địa phương"], style: "text" },
  { key: "note", header: "Ghi chú", width: 18, aliases: ["GC"], style: "text" },
  { key: "form", header: "Hình thức", width: 16, aliases: ["Hình thức áp dụng", "Hình thức thực hiện", "Hình thức (duy trì / xây dựng mới / mở rộng)"], style: "textCenter" },
  /** Only in a consolidated list, hidden: each row's id, so the officer's corrections are told apart at the next merge. */
  { key: "rowId", header: "Mã dòng (không sửa)", width: 16, aliases: ["Mã dòng"], style: "text" },
];

export const TASK_COLUMNS: ColumnSpec<TaskColumn>[] = [
  { key: "tt", header: "TT", width: 5, aliases: ["STT"], style: "textCenter" },
  { key: "content", header: "Nội dung", width: 34, aliases: ["Nội dung duy trì áp dụng và cải tiến", "Công việc"], style: "text" },
  { key: "action", header: "Nội dung thực hiện", width: 40, aliases: [], style: "text" },
  { key: "result", header: "Kết quả đạt được", width: 28, aliases: ["Kết quả", "Sản phẩm"], style: "text" },
  { key: "lead", header: "Cơ quan thực hiện (chủ trì)", width: 24, aliases: ["Cơ quan thực hiện", "Chủ trì", "Chủ trì/tham mưu", "Chủ trì, tham mưu", "Đơn vị thực hiện"], style: "text" },
  { key: "partner", header: "Cơ quan phối hợp", width: 20, aliases: ["Phối hợp", "Đơn vị phối hợp"], style: "text" },
  { key: "timing", header: "Thời gian", width: 18, aliases: ["Thời gian thực hiện", "Thời hạn", "Tiến độ"], style: "textCenter" },
  { key: "approval", header: "Phê duyệt / báo cáo", width: 22, aliases: ["Phê duyệt/báo cáo", "Phê duyệt", "Báo cáo"], style: "text" },
  /** Only in a consolidated plan: the file each task came from. */
  { key: "source", header: "Nguồn (tệp)", width: 22, aliases: ["Nguồn"], style: "text" },
];

export type SourceFileColumn = "stt" | "file" | "unit" | "date" | "status" | "read" | "kept" | "duplicates" | "rejected" | "replaced" | "note" | "readAs";

export const SOURCE_FILE_COLUMNS: ColumnSpec<SourceFileColumn>[] = [
  { key: "stt", header: "STT", width: 6, aliases: [], style: "textCenter" },
  { key: "file", header: "Tệp", width: 34, aliases: [], style: "text" },
  { key: "unit", header: "Đơn vị gửi", width: 30, aliases: [], style: "text" },
  { key: "date", header: "Ngày kế hoạch", width: 13, aliases: [], style: "textCenter" },
  { key: "status", header: "Trạng thái", width: 14, aliases: [], style: "textCenter" },
  { key: "read", header: "Dòng cơ quan đọc được", width: 11, aliases: [], style: "count" },
  { key: "kept", header: "Đưa vào tổng hợp", width: 11, aliases: [], style: "count" },
  { key: "duplicates", header: "Trùng (đã có)", width: 10, aliases: [], style: "count" },
  { key: "rejected", header: "Không đưa vào (lỗi)", width: 11, aliases: [], style: "count" },
  { key: "replaced", header: "Thay bằng tệp mới hơn", width: 11, aliases: [], style: "count" },
  { key: "note", header: "Ghi chú", width: 40, aliases: [], style: "text" },
  { key: "readAs", header: "Đã đọc (trang, dòng tiêu đề, cột)", width: 60, aliases: [], style: "text" },
];

export const SOURCE_PROBLEM_HEADERS = ["Tệp", "Trang", "Ô", "Mức", "Mã", "Nội dung"] as const;
export const SOURCE_DUPLICATE_HEADERS = ["Tên cơ quan", "Địa bàn", "Các tệp đã gửi (tệp đầu được giữ)"] as const;
/** Thông tin labels of a single per-agency rate for all groups (plans without a group table). */
export const UNIFORM_RATE_LABELS = ["Định mức duy trì, cải tiến", "Định mức duy trì", "Định mức mỗi cơ quan", "Định mức/cơ quan", "Định mức cho mỗi cơ quan"];

export const SOURCE_POSSIBLE_HEADERS = ["Tên cơ quan", "Các dòng (địa bàn — tệp)"] as const;
export const SOURCES_TITLE = "NGUỒN DỮ LIỆU TỔNG HỢP";
export const STATUS_VI = { ok: "Đạt", warning: "Có cảnh báo", rejected: "Bị loại", replaced: "Đã thay", skipped: "Bỏ qua" } as const;
export const SEVERITY_VI = { error: "Lỗi", warning: "Cảnh báo", info: "Ghi chú" } as const;

export const BUDGET_COLUMNS: ColumnSpec<BudgetColumn>[] = [
  { key: "stt", header: "STT", width: 6, aliases: ["TT"], style: "textCenter" },
  { key: "label", header: "Tên cơ quan thực hiện / nội dung", width: 40, aliases: ["Tên cơ quan thực hiện", "Nội dung", "Tên cơ quan"], style: "text" },
  { key: "quantity", header: "Số lượng", width: 12, aliases: ["SL"], style: "count" },
  { key: "content", header: "Nội dung chi", width: 46, aliases: [], style: "text" },
  { key: "rate", header: "Định mức", width: 11, aliases: ["Đơn giá", "Mức chi"], style: "money" },
  { key: "amount", header: "Số tiền", width: 13, aliases: ["Thành tiền", "Kinh phí"], style: "money" },
  { key: "note", header: "Ghi chú", width: 16, aliases: [], style: "text" },
];

/**
 * PL2's standard management lines, matched by label (folded: no case, no diacritics): a label
 * equal to one of `labels`, or beginning with one of `starts`. Any other label is a line of its
 * own, never taken for these by a keyword inside it.
 */
export const BUDGET_LINE_LABELS: Record<"inspection" | "training", { labels: string[]; starts: string[] }> = {
  inspection: {
    labels: ["Kiểm tra", "Tổ chức kiểm tra", "Kiểm tra việc áp dụng HTQLCL", "Kiểm tra HTQLCL"],
    starts: ["Tổ chức kiểm tra việc áp dụng", "Kiểm tra việc áp dụng", "Tổ chức kiểm tra việc duy trì", "Kiểm tra việc duy trì"],
  },
  training: {
    labels: ["Đào tạo", "Đào tạo, tập huấn", "Đào tạo tập huấn", "Tập huấn"],
    starts: ["Đào tạo tập huấn kỹ năng", "Đào tạo, tập huấn kỹ năng", "Đào tạo, tập huấn về duy trì", "Đào tạo tập huấn về duy trì"],
  },
};

/**
 * Total and subtotal rows of PL2 (folded label, after the STT): "Tổng", "Tổng cộng", "Cộng",
 * "Tổng số", "Tổng kinh phí", "Cộng mục I", with "(I+II)", a colon or a trailing count. Never spending.
 */
export const BUDGET_TOTAL_PATTERN = /^(tong cong|tong so|tong kinh phi|tong|cong muc [ivxlc]+|cong)\b\s*(\((?:[ivxlc]+\s*\+\s*)*[ivxlc]+\)|[ivxlc]+(?:\s*\+\s*[ivxlc]+)+)?\s*(:?\s*\d[\d.,]*\s*(co quan|don vi|co quan, don vi)?)?\s*:?$/;

export const GROUP_COLUMNS: ColumnSpec<GroupColumn>[] = [
  { key: "label", header: "Nhóm cơ quan", width: 40, aliases: [], style: "input" },
  { key: "rate", header: "Định mức duy trì (triệu đồng/cơ quan)", width: 22, aliases: ["Định mức"], style: "inputMoney" },
  { key: "build", header: "Định mức xây dựng mới (triệu đồng/cơ quan)", width: 22, aliases: ["Định mức xây dựng mới", "Xây dựng mới"], style: "inputMoney" },
  { key: "extend", header: "Định mức mở rộng (triệu đồng/cơ quan)", width: 22, aliases: ["Định mức mở rộng", "Mở rộng"], style: "inputMoney" },
  { key: "section", header: "Mục trong Phụ lục 1", width: 36, aliases: ["Mục"], style: "input" },
  { key: "id", header: "Mã nhóm", width: 12, aliases: ["Mã"], style: "text" },
];

export type InfoKey =
  | "issuer" | "number" | "date" | "year" | "area" | "level" | "levels"
  | "trainingPerClass" | "peoplePerClass" | "inspectionLumpSum" | "classes" | "participants";

export interface InfoRowSpec {
  key: InfoKey;
  label: string;
  /** Defined name of the value cell, used by formulas. */
  name: string;
  aliases: string[];
  kind: "text" | "number" | "money";
}

export const INFO_ROWS: InfoRowSpec[] = [
  { key: "issuer", label: "Cơ quan ban hành", name: "KH_CoQuan", aliases: ["Cơ quan"], kind: "text" },
  { key: "number", label: "Số kế hoạch", name: "KH_So", aliases: ["Số"], kind: "text" },
  { key: "date", label: "Ngày ban hành", name: "KH_Ngay", aliases: ["Ngày"], kind: "text" },
  { key: "year", label: "Năm kế hoạch", name: "KH_Nam", aliases: ["Năm"], kind: "number" },
  { key: "area", label: "Địa bàn", name: "KH_DiaBan", aliases: ["Tỉnh", "Địa bàn (tỉnh / xã)"], kind: "text" },
  { key: "level", label: "Cấp lập kế hoạch", name: "KH_Cap", aliases: ["Cấp"], kind: "text" },
  { key: "levels", label: "Số cấp chính quyền địa phương (2 hoặc 3)", name: "KH_SoCap", aliases: ["Số cấp chính quyền"], kind: "number" },
];

export const RATE_ROWS: InfoRowSpec[] = [
  { key: "trainingPerClass", label: "Đào tạo, tập huấn (triệu đồng/lớp)", name: "DM_DaoTao", aliases: ["Định mức đào tạo"], kind: "money" },
  { key: "peoplePerClass", label: "Số người mỗi lớp", name: "DM_NguoiLop", aliases: ["Người/lớp"], kind: "number" },
  { key: "inspectionLumpSum", label: "Kiểm tra, trọn gói (triệu đồng)", name: "DM_KiemTra", aliases: ["Kinh phí kiểm tra"], kind: "money" },
  { key: "classes", label: "Số lớp đào tạo (để trống nếu nhập số người)", name: "DT_SoLop", aliases: ["Số lớp đào tạo", "Số lớp"], kind: "number" },
  { key: "participants", label: "Số người cần đào tạo", name: "DT_SoNguoi", aliases: ["Số người"], kind: "number" },
];

export const INFO_TITLE = "THÔNG TIN KẾ HOẠCH VÀ ĐỊNH MỨC";
export const RATES_TITLE = "ĐỊNH MỨC (Thông tư 116/2015/TT-BTC; sửa theo quy định của địa phương)";
export const GROUPS_TITLE = "NHÓM CƠ QUAN VÀ ĐỊNH MỨC DUY TRÌ, CẢI TIẾN";

export const PL1_CAPTION = "Phụ lục 1";
export const PL1_TITLE = "DANH SÁCH CƠ QUAN ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001";
export const PL2_CAPTION = "Phụ lục 2";
export const PL2_TITLE = "KINH PHÍ DUY TRÌ, CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001";
export const TASKS_CAPTION = "Phụ lục I";
export const TASKS_TITLE = "NỘI DUNG THỰC HIỆN";
export const UNIT_LINE = "ĐVT: Triệu đồng";
export const TOTAL_AGENCIES_LABEL = "Tổng cộng";
export const TOTAL_LABEL = "Tổng";
export const WORDS_PREFIX = "Bằng chữ: ";

export const MAINTAIN_CONTENT =
  "Chi cho hoạt động duy trì và cải tiến (tuyên truyền, phổ biến, học tập kinh nghiệm, văn phòng phẩm, vật tư; biên soạn tài liệu hướng dẫn, xây dựng, cập nhật các quy trình xử lý công việc; đánh giá nội bộ;...)";
export const FORM_CONTENT: Record<"build" | "extend", string> = {
  build: "Chi xây dựng mới, áp dụng hệ thống (tư vấn, đào tạo, biên soạn tài liệu, đánh giá nội bộ, công bố;...). Để trống định mức ở Thông tin nếu không có.",
  extend: "Chi mở rộng phạm vi áp dụng hệ thống (cập nhật tài liệu, quy trình, đào tạo, đánh giá nội bộ;...). Để trống định mức ở Thông tin nếu không có.",
};
export const INSPECTION_CONTENT = "Chi cho Đoàn kiểm tra: đi lại, ăn ở, công tác phí, lập báo cáo,...";
export const TRAINING_CONTENT = "Báo cáo viên, hội trường, tài liệu, nước uống, băng rôn, trang trí, văn phòng phẩm,...";

/** Number formats; the displayed separators follow the user's regional settings (vi-VN: 2.620 and 7,5). */
export const FORMATS = {
  count: "#,##0",
  /** Amounts when every figure of the plan is whole (the usual case): 2.620. */
  money: "#,##0",
  /** Amounts when a rate has decimals: 22,5 (a whole 2.620 then shows 2.620,0). */
  moneyDecimal: "#,##0.0##",
  classes: '00" lớp"',
  agencyTotal: '0" cơ quan, đơn vị"',
} as const;

/** Rows left empty (formatted, with the dropdown) under the agency list for additions. */
export const SPARE_AGENCY_ROWS = 30;
/** PL1 rows the group formulas, the dropdown and the highlight cover at least (a pasted list is counted whole). */
export const MIN_AGENCY_ROWS = 5000;
/** After the number of PL1 rows that name an agency but no group. */
export const UNGROUPED_NOTE = " dòng chưa chọn nhóm — chưa tính";
/** Agency rows a blank template offers. */
export const TEMPLATE_AGENCY_ROWS = 200;
/** Empty task rows a template offers after the standard ones. */
export const SPARE_TASK_ROWS = 10;

/** Header row of the tables on PL1, PL2 and the task sheet (1-based), under the title block. */
export const TABLE_HEADER_ROW = 5;

export interface StyleSpec {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  hAlign?: "left" | "center" | "right";
  wrap?: boolean;
  border?: boolean;
  fill?: string;
  numFmt?: string;
  /** Font colour, ARGB. */
  color?: string;
}

/**
 * How every sheet prints (Nghị định 30/2020/NĐ-CP on administrative documents: top and bottom
 * 20–25 mm, left 30–35 mm, right 15–20 mm): A4, one page wide, page numbers in the footer.
 * Writers translate these (inches in .xlsx, points in Office.js).
 */
export const PRINT = {
  marginsMm: { top: 20, bottom: 20, left: 30, right: 15, header: 8, footer: 8 },
  /** Footer, centred: "Trang 2/5" (&P page, &N pages). */
  footer: "Trang &P/&N",
} as const;

/** Background of computed cells (input cells are white, or yellow on Thông tin). */
const COMPUTED_FILL = "FFF2F2F2";

export const FONT_NAME = "Times New Roman";
export const FONT_SIZE = 12;

export const STYLES: Record<StyleName, StyleSpec> = {
  title: { bold: true, size: 13, hAlign: "center", wrap: true },
  subtitle: { italic: true, hAlign: "center", wrap: true },
  caption: { bold: true, hAlign: "center" },
  header: { bold: true, hAlign: "center", wrap: true, border: true, fill: "FFD9E1F2" },
  section: { bold: true, border: true, wrap: true },
  subgroup: { italic: true, bold: true, border: true, wrap: true },
  text: { border: true, wrap: true },
  textCenter: { border: true, hAlign: "center", wrap: true },
  // Figures the workbook computes: grey, where what users type is white (lists) or yellow (rates).
  count: { border: true, hAlign: "center", numFmt: FORMATS.count, fill: COMPUTED_FILL },
  money: { border: true, hAlign: "right", numFmt: FORMATS.money, fill: COMPUTED_FILL },
  total: { bold: true, border: true, hAlign: "right", numFmt: FORMATS.money, fill: COMPUTED_FILL },
  label: { wrap: true },
  input: { border: true, wrap: true, fill: "FFFFF2CC" },
  inputMoney: { border: true, hAlign: "right", fill: "FFFFF2CC", numFmt: "General" },
  words: { italic: true, bold: true },
  unit: { italic: true, hAlign: "right" },
  warning: { italic: true, bold: true, color: "FFC00000", wrap: true },
};
