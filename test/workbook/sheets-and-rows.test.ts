/** Which sheets are read as what, and which rows of a list are agencies (raw workbooks built by hand). */
import { readPlan } from "../../src/workbook/read";
import type { RawSheet, RawValue, RawWorkbook } from "../../src/workbook/grid";

const HEADER = ["STT", "Tên cơ quan", "Nhóm cơ quan", "Địa bàn / đơn vị cấp trên", "Ghi chú"];
const TASKS: RawSheet = {
  name: "Nội dung thực hiện",
  rows: [
    ["TT", "Nội dung", "Nội dung thực hiện", "Kết quả đạt được", "Cơ quan thực hiện (chủ trì)", "Cơ quan phối hợp", "Thời gian", "Phê duyệt / báo cáo"],
    ["I", "Duy trì HTQLCL"],
    [1, "Rà soát quy trình", "Cập nhật", "Quy trình", "Văn phòng UBND huyện", "Phòng Nội vụ", "Quý I/2022", ""],
    [2, "Đánh giá nội bộ", "", "Báo cáo", "Tổ thư ký ISO", "Các phòng", "Tháng 9/2022", ""],
  ],
};
const INFO: RawSheet = { name: "Thông tin", rows: [["Cơ quan ban hành", "UBND huyện Tân Hồng"], ["Năm kế hoạch", 2022], ["Địa bàn", "Huyện Tân Hồng"]] };

function list(name: string, rows: RawValue[][], extra: Partial<RawSheet> = {}): RawSheet {
  return { name, rows: [["DANH SÁCH CƠ QUAN"], HEADER, ...rows], ...extra };
}
const wb = (...sheets: RawSheet[]): RawWorkbook => ({ sheets: [INFO, TASKS, ...sheets] });
const names = (w: RawWorkbook) => readPlan(w, { levels: 3 }).plan.agencies.map((a) => a.name);

describe("sheets by content", () => {
  it.each(["Phu luc 1", "DS co quan", "PL 01", "Phụ lục I", "Danh sach", "Sheet3"])(
    "a renamed agency sheet (%s) is read, never the task table's lead column",
    (sheetName) => {
      const w = wb(list(sheetName, [[1, "UBND huyện Tân Hồng", "Cơ quan cấp huyện"], [2, "UBND xã Tân Thành A", "Cơ quan cấp xã"]]));
      const read = readPlan(w, { levels: 3 });
      expect(read.plan.agencies.map((a) => a.name)).toEqual(["UBND huyện Tân Hồng", "UBND xã Tân Thành A"]);
      expect(read.sheets.tasks).toBe("Nội dung thực hiện");
      expect(read.readAs).toContain(`trang "${sheetName}" (tiêu đề dòng 2; tên ở cột B, nhóm ở cột C, địa bàn ở cột D)`);
    },
  );

  it("a filled Excel copy '(2)' wins over an empty original", () => {
    expect(names(wb(list("PL1 Danh sách cơ quan", []), list("PL1 Danh sách cơ quan (2)", [[1, "UBND xã Tân Hộ Cơ"]])))).toEqual(["UBND xã Tân Hộ Cơ"]);
  });

  it("a list split over two sheets is read whole, with one STT sequence", () => {
    const read = readPlan(wb(list("PL1 Danh sách cơ quan", [[1, "UBND xã A"], [2, "UBND xã B"]]), list("PL1 (tiếp)", [[3, "UBND xã C"]])), { levels: 3 });
    expect(read.plan.agencies.map((a) => a.name)).toEqual(["UBND xã A", "UBND xã B", "UBND xã C"]);
    expect(read.problems.filter((p) => p.code === "STT_SEQUENCE")).toEqual([]);
  });

  it("last year's list on a hidden sheet under the standard name is not read beside this year's", () => {
    const w = wb(list("PL1 Danh sách cơ quan", [[1, "UBND xã Cũ"]], { hidden: true }), list("PL1 2022", [[1, "UBND xã Mới"]]));
    expect(names(w)).toEqual(["UBND xã Mới"]);
  });
});

describe("columns", () => {
  it("a parent-agency column left of the applying unit is never the name", () => {
    const sheet: RawSheet = {
      name: "PL1",
      rows: [["STT", "Cơ quan chủ quản", "Đơn vị áp dụng", "Nhóm cơ quan"], [1, "Sở Nông nghiệp và PTNT", "Chi cục Thủy lợi", "Cơ quan chuyên môn thuộc sở, ngành"]],
    };
    const read = readPlan(wb(sheet), { levels: 3 });
    expect(read.plan.agencies.map((a) => [a.name, a.area])).toEqual([["Chi cục Thủy lợi", "Sở Nông nghiệp và PTNT"]]);
  });

  it("abbreviated headers", () => {
    const sheet: RawSheet = { name: "PL1", rows: [["TT", "Tên CQ, ĐV", "Nhóm", "Địa bàn", "GC"], [1, "UBND xã Tân Phước", "Cấp xã", "Huyện Tân Hồng", "mới"]] };
    const read = readPlan(wb(sheet), { levels: 3 });
    expect(read.plan.agencies.map((a) => [a.name, a.groupId, a.area, a.note])).toEqual([["UBND xã Tân Phước", "cap-xa", "Huyện Tân Hồng", "mới"]]);
  });
});

describe("rows", () => {
  it("signature blocks, notes and total rows under a list are left out without errors", () => {
    const read = readPlan(
      wb(list("PL1 Danh sách cơ quan", [
        [1, "UBND huyện Tân Hồng", "Cơ quan cấp huyện"],
        [2, "UBND xã Tân Thành A", "Cơ quan cấp xã"],
        ["", "Cộng: 2 cơ quan"],
        ["", "Ghi chú: danh sách gồm 2 cơ quan"],
        ["", "", "Tân Hồng, ngày 20 tháng 3 năm 2022"],
        ["", "Người lập biểu", "", "KT. CHỦ TỊCH"],
        ["", "", "", "PHÓ CHỦ TỊCH"],
        ["", "Nguyễn Văn An", "", "Trần Thị Bình"],
      ])),
      { levels: 3 },
    );
    expect(read.plan.agencies.map((a) => a.name)).toEqual(["UBND huyện Tân Hồng", "UBND xã Tân Thành A"]);
    expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("an agency added at the bottom without STT is still read", () => {
    expect(names(wb(list("PL1", [[1, "UBND xã A"], ["", "UBND xã Bổ Sung"]])))).toEqual(["UBND xã A", "UBND xã Bổ Sung"]);
  });

  it("several agencies typed in one cell are each read, with a warning naming the cell", () => {
    const read = readPlan(wb(list("PL1", [[1, "UBND xã Phú Thọ\nUBND xã Phú Đức", "Cơ quan cấp xã", "Huyện Tam Nông"]])), { levels: 3 });
    expect(read.plan.agencies.map((a) => [a.name, a.area])).toEqual([["UBND xã Phú Thọ", "Huyện Tam Nông"], ["UBND xã Phú Đức", "Huyện Tam Nông"]]);
    expect(read.problems).toContainEqual(expect.objectContaining({ code: "MULTI_NAME", cell: "B3", severity: "warning" }));
  });

  it("a name wrapped over two lines stays one agency", () => {
    expect(names(wb(list("PL1", [[1, "Trung tâm Phục vụ hành chính công\ntỉnh Đồng Tháp"]])))).toEqual(["Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp"]);
  });

  it("a row whose area names the whole province takes the sub-group row above it", () => {
    const read = readPlan(wb(list("PL1", [["", "- Huyện Thanh Bình"], [1, "UBND xã Tân Bình", "Cơ quan cấp xã", "tỉnh Đồng Tháp"], [2, "UBND xã Tân Mỹ", "Cơ quan cấp xã", ""]])), { levels: 3 });
    expect(read.plan.agencies.map((a) => a.area)).toEqual(["Huyện Thanh Bình", "Huyện Thanh Bình"]);
  });
});
