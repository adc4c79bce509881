/** The standard activities the seeds share, for pre-filling the task table. */
import type { Task } from "./model";

type Row = [tt: string, content: string, action: string, result: string, lead: string, partner: string, timing: string, approval: string];

export function standardTasks(year: number): Task[] {
  const rows: Row[] = [
    ["I", "Áp dụng, duy trì và cải tiến HTQLCL theo TCVN ISO 9001:2015", "", "", "", "", "", ""],
    ["1", "Chính sách chất lượng và mục tiêu chất lượng", "Xây dựng, ban hành Chính sách chất lượng, Mục tiêu chất lượng và Kế hoạch thực hiện mục tiêu chất lượng năm " + year, "Chính sách, Mục tiêu chất lượng, Kế hoạch thực hiện", "Tổ thư ký ISO", "Các phòng chuyên môn", `Quý I/${year}`, "Thủ trưởng cơ quan"],
    ["2", "Rà soát, cập nhật quy trình", "Rà soát, sửa đổi, bổ sung quy trình khi thủ tục hành chính, văn bản quy phạm pháp luật thay đổi", "Bộ quy trình ISO được cập nhật", "Tổ thư ký ISO", "Các phòng chuyên môn", "Thường xuyên", "Thủ trưởng cơ quan"],
    ["3", "Niêm yết, công khai", "Niêm yết, công khai Chính sách, Mục tiêu chất lượng, quyết định công bố và các quy trình tại trụ sở và trang thông tin điện tử", "Thông tin được niêm yết, công khai", "Tổ thư ký ISO", "", "Thường xuyên", ""],
    ["4", "Đánh giá nội bộ", "Tổ chức đánh giá nội bộ; thực hiện hành động khắc phục điểm không phù hợp", "Hồ sơ đánh giá nội bộ, hồ sơ khắc phục", "Ban Chỉ đạo ISO", "Các phòng chuyên môn", `Quý IV/${year}`, "Đoàn đánh giá nội bộ"],
    ["5", "Họp xem xét của lãnh đạo", "Tổ chức họp xem xét của lãnh đạo về hiệu lực của HTQLCL", "Biên bản họp xem xét của lãnh đạo", "Ban Chỉ đạo ISO", "Các phòng chuyên môn", `Quý IV/${year}`, "Thủ trưởng cơ quan"],
    ["6", "Công bố lại HTQLCL", "Công bố lại HTQLCL phù hợp TCVN ISO 9001:2015", "Quyết định công bố lại", "Tổ thư ký ISO", "", "Khi có sự điều chỉnh, mở rộng, thu hẹp phạm vi áp dụng", "Thủ trưởng cơ quan"],
    ["II", "Báo cáo", "", "", "", "", "", ""],
    ["1", "Báo cáo 6 tháng", "Báo cáo kết quả xây dựng, áp dụng, duy trì, cải tiến HTQLCL 6 tháng đầu năm", "Báo cáo 6 tháng", "Tổ thư ký ISO", "Các phòng chuyên môn", `trước ngày 15/6/${year}`, "Sở Khoa học và Công nghệ"],
    ["2", "Báo cáo năm", "Báo cáo kết quả xây dựng, áp dụng, duy trì, cải tiến HTQLCL năm " + year, "Báo cáo năm", "Tổ thư ký ISO", "Các phòng chuyên môn", `trước ngày 15/11/${year}`, "Sở Khoa học và Công nghệ"],
  ];
  return rows.map(([tt, content, action, result, lead, partner, timing, approval]) => ({ tt, content, action, result, lead, partner, timing, approval }));
}
