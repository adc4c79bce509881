import { checkDeclared } from "../../src/core/declared";
import { defaultGroups } from "../../src/core/groups";
import type { Plan } from "../../src/core/model";
import { checkSectionOrder, checkSttSequence, validatePlan } from "../../src/core/validate";
import { newPlan } from "../../src/workbook/plan";

const ref = (row: number, col = 2, sheet = "PL1") => ({ sheet, row, col });

function plan(patch: Partial<Plan> = {}): Plan {
  return { ...newPlan({ year: 2026, levels: 2, standardTasks: false }), ...patch };
}

describe("validatePlan", () => {
  it("finds the same agency twice, whatever the spelling", () => {
    const p = plan({
      agencies: [
        { name: "UBND xã Hòa An", groupId: "cap-xa", area: "Đồng Tháp", note: "", at: ref(6) },
        { name: "UBND xã Hoà An ", groupId: "cap-xa", area: "Đồng Tháp", note: "", at: ref(9) },
        { name: "UBND xã Hòa An", groupId: "cap-xa", area: "Cần Thơ", note: "", at: ref(10) },
      ],
    });
    const problems = validatePlan(p).filter((x) => x.code === "DUPLICATE_AGENCY");
    expect(problems).toEqual([expect.objectContaining({ sheet: "PL1", cell: "B9", severity: "error", message: expect.stringContaining("B6") })]);
  });

  it("points at the group cell of an agency without a known group", () => {
    const p = plan({ agencies: [{ name: "Hội Nông dân", groupId: null, groupText: "Đoàn thể", area: "", note: "", at: ref(7), groupAt: ref(7, 3) }] });
    expect(validatePlan(p)).toEqual([
      expect.objectContaining({ code: "UNKNOWN_GROUP", cell: "C7", message: expect.stringContaining("Đoàn thể") }),
    ]);
  });

  it("checks Thời gian and its year", () => {
    const task = (timing: string, row: number) => ({ tt: "1", content: "x", action: "", result: "", lead: "", partner: "", timing, approval: "", timingAt: ref(row, 7, "ND") });
    const p = plan({ tasks: [task("Quý I/2026", 6), task("Quý II/2025", 7), task("sớm nhất có thể", 8), task("", 9)] });
    const problems = validatePlan(p);
    expect(problems.filter((x) => x.code.startsWith("TIMING")).map((x) => [x.code, x.cell])).toEqual([["TIMING_YEAR", "G7"], ["TIMING_UNPARSED", "G8"]]);
  });

  describe("required activities", () => {
    const task = (content: string, timing: string, action = "") => ({ tt: "1", content, action, result: "", lead: "", partner: "", timing, approval: "", at: ref(6, 1, "Nội dung thực hiện"), timingAt: ref(6, 7, "Nội dung thực hiện") });
    const messages = (tasks: ReturnType<typeof task>[]) => validatePlan(plan({ tasks })).filter((p) => p.code === "REQUIRED_ACTIVITY").map((p) => [p.sheet, p.message]);

    it("are satisfied by the standard task table", () => {
      expect(messages(newPlan({ year: 2026, levels: 2, standardTasks: true }).tasks.map((t) => ({ ...t, at: ref(6, 1, "Nội dung thực hiện"), timingAt: ref(6, 7, "Nội dung thực hiện") })))).toEqual([]);
    });

    it("name what is missing, on the task sheet", () => {
      expect(messages([task("Rà soát, cập nhật quy trình", "Thường xuyên"), task("Báo cáo 6 tháng", "trước ngày 15/6/2026", "Báo cáo kết quả 6 tháng đầu năm 2026")])).toEqual([
        ["Nội dung thực hiện", "Bảng nhiệm vụ chưa có đánh giá nội bộ (ít nhất một lần trong năm)."],
        ["Nội dung thực hiện", "Bảng nhiệm vụ chưa có họp xem xét của lãnh đạo (ít nhất một lần trong năm)."],
        ["Nội dung thực hiện", "Bảng nhiệm vụ chưa có báo cáo năm (trước ngày 15/11)."],
      ]);
    });

    it("take one row for both reports (Tháng 6 và tháng 11), and say when a report is due after its deadline", () => {
      const base = [task("Đánh giá nội bộ", "Quý III/2026"), task("Họp xem xét của lãnh đạo", "Tháng 12/2026")];
      expect(messages([...base, task("Báo cáo 6 tháng và năm", "Tháng 6 và tháng 11/2026")])).toEqual([]);
      expect(messages([...base, task("Báo cáo 6 tháng", "trước ngày 20/6/2026"), task("Báo cáo năm", "trước ngày 30/11/2026")])).toEqual([
        ["Nội dung thực hiện", 'Báo cáo 6 tháng hẹn "trước ngày 20/6/2026", sau hạn ngày 15/6.'],
        ["Nội dung thực hiện", 'Báo cáo năm hẹn "trước ngày 30/11/2026", sau hạn ngày 15/11.'],
      ]);
    });

    it("are not asked of a plan without a task table", () => {
      expect(messages([])).toEqual([]);
    });
  });

  it("refuses negative rates", () => {
    const p = plan({ groups: defaultGroups(2).map((g) => ({ ...g, rate: -1 })) });
    expect(validatePlan(p, { groups: { "cap-xa": ref(20, 2, "Thông tin") } })).toContainEqual(
      expect.objectContaining({ code: "NEGATIVE_MONEY", sheet: "Thông tin", cell: "B20" }),
    );
  });
});

describe("sequence checks", () => {
  it("wants STT 1..N", () => {
    const problems = checkSttSequence([{ stt: "1", at: ref(6, 1) }, { stt: "3", at: ref(7, 1) }, { stt: "", at: ref(8, 1) }]);
    expect(problems.map((p) => p.cell)).toEqual(["A7", "A8"]);
  });
  it("wants sections I, II, III in order", () => {
    const problems = checkSectionOrder([{ roman: "I", at: ref(6, 1) }, { roman: "III", at: ref(20, 1) }]);
    expect(problems).toEqual([expect.objectContaining({ code: "SECTION_ORDER", cell: "A20", message: expect.stringContaining("II") })]);
  });
});

describe("checkDeclared", () => {
  it("names the PL2 cells that disagree with PL1", () => {
    const p = plan({ agencies: [{ name: "Sở Xây dựng", groupId: "so-nganh", area: "", note: "" }] });
    const problems = checkDeclared(p, {
      sections: [{ roman: "I", title: "Chi cho hoạt động duy trì, cải tiến" }],
      lines: [{ section: "I", label: "Cơ quan cấp sở, ngành", groupId: "so-nganh", kind: "perAgency", quantity: 2, quantityText: "2", rate: 15, amount: 30, content: "", note: "", quantityAt: ref(7, 3, "PL2"), at: ref(7, 6, "PL2") }],
      sectionTotals: [{ section: "I", label: "", amount: 15, at: ref(6, 6, "PL2") }],
      total: { section: "", label: "Tổng", amount: 99, at: ref(12, 6, "PL2") },
    }, { inspection: null, classes: null });
    expect(problems.map((x) => [x.code, x.cell])).toEqual([["PL2_MISMATCH", "C7"], ["PL2_MISMATCH", "F7"], ["PL2_MISMATCH", "F6"], ["PL2_MISMATCH", "F12"]]);
  });
});
