import { computeBudget, trainingClasses } from "../../src/core/budget";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { DONG_THAP_2022_PL2 as SEED } from "../../src/samples/dongThap2022.data";

describe("computeBudget on seed 001 (Đồng Tháp 2022)", () => {
  const budget = computeBudget(dongThap2022Plan());
  const [maintain, manage] = budget.sections;

  it("counts agencies per group and multiplies by the rate", () => {
    const byGroup = Object.fromEntries(maintain.lines.map((l) => [l.groupId, [l.quantity, l.amount]]));
    expect(byGroup).toEqual(SEED.perGroup);
    expect(maintain.lines.map((l) => l.amount)).toEqual([300, 150, 180, 1620]);
  });

  it("gives the section totals, the grand total and its words", () => {
    expect(maintain.total).toBe(2250);
    expect(manage.lines.map((l) => [l.kind, l.amount])).toEqual([["inspection", 70], ["training", 300]]);
    expect(manage.total).toBe(370);
    expect(budget.total).toBe(2620);
    expect(budget.totalWords).toBe("Hai tỷ sáu trăm hai mươi triệu đồng");
    expect(budget.agencyCount).toBe(150);
  });

  it("writes the training quantity as the seed prints it", () => {
    expect(manage.lines[1].quantityText).toBe("06 lớp (75 người/lớp)");
  });
});

describe("rates are data", () => {
  it("uses each group's own rate", () => {
    const plan = dongThap2022Plan();
    plan.groups = plan.groups.map((g) => (g.id === "cap-xa" ? { ...g, rate: 7.5 } : g));
    const budget = computeBudget(plan);
    expect(budget.sections[0].lines.find((l) => l.groupId === "cap-xa")!.amount).toBe(810);
    expect(budget.total).toBe(2620 - 1620 + 810);
  });

  it("derives classes from participants, rounding up", () => {
    const plan = dongThap2022Plan();
    expect(trainingClasses({ ...plan, training: { classes: null, participants: 451 } })).toBe(7);
    expect(trainingClasses({ ...plan, training: { classes: null, participants: 450 } })).toBe(6);
    expect(trainingClasses({ ...plan, training: { classes: null, participants: null } })).toBe(0);
    expect(trainingClasses({ ...plan, training: { classes: 2, participants: 451 } })).toBe(2);
  });

  it("adds carried lines to their section", () => {
    const plan = dongThap2022Plan();
    plan.extraLines = [{ section: "II", label: "Hội nghị tổng kết", quantity: 1, quantityText: "1", content: "", rate: null, amount: 12.5, note: "" }];
    const budget = computeBudget(plan);
    expect(budget.sections[1].total).toBe(382.5);
    expect(budget.total).toBe(2632.5);
  });
});
