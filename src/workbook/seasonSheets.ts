/**
 * The consolidated workbook's season sheets: "Theo dõi nộp" (who has sent, who has not),
 * "So với năm trước" (counts and money per group, added, removed, likely renames), "Điều chỉnh"
 * (the officer's corrections to Phụ lục 1) and "Nhiệm vụ các đơn vị" (the units' own task tables).
 * Reports of one merge: values, dated; the plan's figures stay live formulas on PL1 and PL2.
 */
import type { AppliedCorrection, CorrectionKind } from "../core/corrections";
import type { AgencyGroup } from "../core/groups";
import type { MergeResult } from "../core/merge";
import type { Agency } from "../core/model";
import { formatVnNumber, sumTrieu } from "../core/numbers";
import type { Tracking, YearComparison } from "../core/season";
import type { SheetGrid } from "./grid";
import { SHEETS, TASK_COLUMNS } from "./layout";
import { SheetBuilder } from "./sheetBuilder";

const groupLabel = (a: Agency, groups: readonly AgencyGroup[]) => groups.find((g) => g.id === a.groupId)?.label ?? a.groupText ?? "";

export const TRACKING_HEADERS = ["STT", "Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Tình trạng", "Tệp", "Ngày", "Ghi chú"] as const;
export const NOT_SENT = "CHƯA GỬI";
export const SENT = "Đã gửi";

/** "Theo dõi nộp": every expected agency, sent (file, date) or not; then the agencies that arrived unlisted. */
export function buildTrackingSheet(t: Tracking, groups: readonly AgencyGroup[], today: string): SheetGrid {
  const s = new SheetBuilder(SHEETS.tracking, [6, 40, 28, 24, 13, 34, 12, 44]);
  const w = TRACKING_HEADERS.length;
  s.banner(1, w, { v: "THEO DÕI NỘP KẾ HOẠCH", style: "title" });
  s.banner(2, w, {
    v: `Danh sách dự kiến: ${t.file} (${formatVnNumber(t.expected.length)} cơ quan). Đã gửi: ${formatVnNumber(t.sent)}; chưa gửi: ${formatVnNumber(t.missing)}; ngoài danh sách: ${formatVnNumber(t.unexpected.length)}. Lập ngày ${today}.`,
    style: "subtitle",
  });
  let row = 4;
  TRACKING_HEADERS.forEach((h, j) => s.value(row, j + 1, h, "header"));
  row++;
  t.expected.forEach((e, i) => {
    const notes = [
      e.maybe ? `Có thể đã gửi dưới tên "${e.maybe.name}" (${e.maybe.area}) — cần xác nhận` : "",
      e.from ? `Theo bảng chuyển đổi, thay cho: ${e.from.map((f) => f.name).join("; ")}` : "",
    ].filter(Boolean).join(". ");
    const values: Array<string | number> = [i + 1, e.agency.name, groupLabel(e.agency, groups), e.agency.area, e.file ? SENT : NOT_SENT, e.file, e.date, notes];
    values.forEach((v, j) => s.value(row, j + 1, v, j === 4 && !e.file ? "warning" : j === 0 ? "textCenter" : "text"));
    row++;
  });
  s.listing(row, w, "CƠ QUAN GỬI ĐẾN NHƯNG KHÔNG CÓ TRONG DANH SÁCH DỰ KIẾN", ["STT", "Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Tình trạng", "Tệp", "", "Ghi chú"],
    t.unexpected.map((u, i) => [i + 1, u.agency.name, groupLabel(u.agency, groups), u.agency.area, "Ngoài danh sách", u.file, "",
      u.maybeOf ? `Có thể là "${u.maybeOf.name}" của danh sách dự kiến, đổi tên — cần xác nhận` : ""]));
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  return s.finish();
}

/** A difference shown with its sign: +15, -30, 0. */
const SIGNED = "+#,##0.###;-#,##0.###;0";

/** "So với năm trước": per group counts and money both years and the difference; added, removed, likely renames. */
export function buildComparisonSheet(c: YearComparison, groups: readonly AgencyGroup[], lastGroups: readonly AgencyGroup[], today: string): SheetGrid {
  const headers = ["Nhóm cơ quan", "Năm trước: số cơ quan", "Năm trước: kinh phí (triệu đồng)", "Năm nay: số cơ quan", "Năm nay: kinh phí (triệu đồng)", "Chênh lệch: số cơ quan", "Chênh lệch: kinh phí (triệu đồng)"];
  const s = new SheetBuilder(SHEETS.comparison, [40, 14, 16, 14, 16, 14, 16]);
  const w = headers.length;
  s.banner(1, w, { v: "SO VỚI NĂM TRƯỚC", style: "title" });
  s.banner(2, w, {
    v: `Năm ${Number.isFinite(c.thisYear) ? c.thisYear : "…"} so với ${c.lastFile} (năm ${Number.isFinite(c.lastYear) ? c.lastYear : "…"}). Kinh phí duy trì, cải tiến theo số cơ quan × định mức của từng năm; lập ngày ${today}.`,
    style: "subtitle",
  });
  let row = 4;
  headers.forEach((h, j) => s.value(row, j + 1, h, "header"));
  row++;
  for (const g of c.byGroup) {
    const values = [g.label, g.lastCount, g.lastAmount, g.thisCount, g.thisAmount, g.thisCount - g.lastCount, sumTrieu([g.thisAmount, -g.lastAmount])];
    values.forEach((v, j) => s.value(row, j + 1, v, j === 0 ? "text" : j === 2 || j === 4 || j === 6 ? "money" : "count", j >= 5 ? SIGNED : undefined));
    row++;
  }
  const total = (k: "lastCount" | "lastAmount" | "thisCount" | "thisAmount") => sumTrieu(c.byGroup.map((g) => g[k]));
  const totals = ["Cộng", total("lastCount"), total("lastAmount"), total("thisCount"), total("thisAmount"), total("thisCount") - total("lastCount"), sumTrieu([total("thisAmount"), -total("lastAmount")])];
  totals.forEach((v, j) => s.value(row, j + 1, v, j === 0 ? "section" : "total", j >= 5 ? SIGNED : j === 1 || j === 3 ? "#,##0" : undefined));
  row++;
  const suggestedNew = new Set(c.suggested.map((p) => p.new));
  const suggestedOld = new Set(c.suggested.map((p) => p.old));
  row = s.listing(row, w, "CÓ THỂ ĐỔI TÊN — gợi ý theo tên, cần người xác nhận", ["Tên năm trước", "Địa bàn năm trước", "Tên năm nay", "Địa bàn năm nay", "Mức giống tên"],
    c.suggested.map((p) => [p.old.name, p.old.area, p.new.name, p.new.area, `${Math.round(p.likeness * 100)}%`]));
  row = s.listing(row, w, "THEO BẢNG CHUYỂN ĐỔI (sáp nhập, đổi tên)", ["Đơn vị cũ", "Đơn vị mới", "Địa bàn mới", "Có trong danh sách năm nay"],
    c.mapped.map((m) => [m.from.map((f) => `${f.name} (${f.area})`).join("; "), m.to.name, m.to.area, m.present ? "Có" : "Không"]));
  row = s.listing(row, w, "CƠ QUAN MỚI SO VỚI NĂM TRƯỚC", ["Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Ghi chú"],
    c.added.map((a) => [a.name, groupLabel(a, groups), a.area, suggestedNew.has(a) ? "có thể là đổi tên (xem trên)" : ""]));
  s.listing(row, w, "CƠ QUAN CÓ NĂM TRƯỚC, KHÔNG CÓ NĂM NAY", ["Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Ghi chú"],
    c.removed.map((a) => [a.name, groupLabel(a, lastGroups), a.area, suggestedOld.has(a) ? "có thể là đổi tên (xem trên)" : ""]));
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  return s.finish();
}

export const CORRECTION_KIND_VI: Record<CorrectionKind, string> = {
  rename: "Đổi tên", group: "Đổi nhóm", area: "Đổi địa bàn", note: "Sửa ghi chú", delete: "Xoá dòng", add: "Thêm dòng",
};

/** "Điều chỉnh": the officer's corrections to Phụ lục 1, each applied again at every merge, or said to no longer apply. */
export function buildCorrectionsSheet(applied: readonly AppliedCorrection[]): SheetGrid {
  const headers = ["STT", "Loại", "Cơ quan", "Địa bàn", "Trước", "Sau", "Thấy lần đầu", "Tình trạng"];
  const s = new SheetBuilder(SHEETS.corrections, [6, 14, 36, 24, 30, 30, 13, 40]);
  s.banner(1, headers.length, { v: "ĐIỀU CHỈNH CỦA NGƯỜI TỔNG HỢP Ở PHỤ LỤC 1", style: "title" });
  s.banner(2, headers.length, {
    v: "Những thay đổi sửa tay ở Phụ lục 1 (tên, nhóm, địa bàn, ghi chú, xoá hay thêm dòng) được ghi lại đây và áp dụng lại mỗi lần gộp thêm tệp. Muốn bỏ một điều chỉnh: sửa lại ở Phụ lục 1 như cũ rồi gộp lại.",
    style: "subtitle",
  });
  headers.forEach((h, j) => s.value(4, j + 1, h, "header"));
  applied.forEach((a, i) => {
    const c = a.correction;
    const values = [i + 1, CORRECTION_KIND_VI[c.kind], c.name, c.area, c.from, c.to, c.firstSeen, a.status === "applied" ? "Đã áp dụng" : `Không còn áp dụng: ${a.reason}`];
    values.forEach((v, j) => s.value(5 + i, j + 1, v, j === 7 && a.status !== "applied" ? "warning" : j === 0 ? "textCenter" : "text"));
  });
  if (applied.length === 0) s.value(5, 1, "Không có.", "text");
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  return s.finish();
}

/** "Nhiệm vụ các đơn vị": each unit's own task table under a row naming the unit and its file. */
export function buildUnitTasksSheet(unitTasks: MergeResult["unitTasks"]): SheetGrid {
  const cols = TASK_COLUMNS.filter((c) => c.key !== "source");
  const s = new SheetBuilder(SHEETS.unitTasks, cols.map((c) => c.width));
  s.banner(1, cols.length, { v: "NHIỆM VỤ TRONG KẾ HOẠCH CỦA CÁC ĐƠN VỊ", style: "title" });
  s.banner(2, cols.length, { v: `${unitTasks.length} đơn vị có bảng nhiệm vụ; giữ nguyên như tệp gửi, theo từng đơn vị. Bảng nhiệm vụ của kế hoạch tỉnh ở trang "${SHEETS.tasks}".`, style: "subtitle" });
  s.header(4, cols);
  // The body made as it is written (a national roll-up's is ~100.000 rows), its long texts kept in
  // their cells: each unit's own, not one more entry each in the table of shared texts that every
  // later read of the workbook reads whole.
  s.stream(5, function* (body) {
    let row = 5;
    for (const u of unitTasks) {
      body.banner(row++, cols.length, { v: `${u.unit} (tệp ${u.file})`, style: "section" });
      for (const t of u.tasks) {
        cols.forEach((c, j) => body.value(row, j + 1, t[c.key as Exclude<typeof c.key, "source">], c.style));
        yield* body.drain(++row);
      }
      yield* body.drain(row);
    }
  });
  s.grid.uniqueTextColumns = cols.flatMap((c, j) => (c.key === "content" || c.key === "action" || c.key === "result" ? [j + 1] : []));
  s.grid.landscape = true;
  s.grid.freezeRows = 4;
  s.grid.printTitleRows = [4, 4];
  return s.finish();
}
