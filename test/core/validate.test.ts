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
    expect(problems.map((x) => [x.code, x.cell])).toEqual([["TIMING_YEAR", "G7"], ["TIMING_UNPARSED", "G8"]]);
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
