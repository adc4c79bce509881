/**
 * With no province plan among the files, the consolidating plan takes the rates the files agree on,
 * counting only the groups (and forms, and training) each file actually uses, and says where they
 * differ. Expected values worked out by hand from the files below.
 */
import type { Submission } from "../../src/core/merge";
import type { Agency, Plan } from "../../src/core/model";
import { chooseBase } from "../../src/workbook/base";
import { newPlan } from "../../src/workbook/plan";

type GroupChange = { id?: string; label?: string; rate?: number; build?: number; extend?: number };

/** A district's file: its groups' rates as given, one agency in each group named in `uses`. */
function district(file: string, changes: Record<string, GroupChange>, uses: Array<[string, Agency["form"]?]>, training?: number): Submission {
  const fresh = newPlan({ year: 2022, levels: 3, standardTasks: false, issuer: `UBND huyện ${file}` });
  const groups = fresh.groups.map((g) => {
    const c = changes[g.id];
    if (!c) return g;
    const formRates = c.build !== undefined || c.extend !== undefined ? { ...(c.build !== undefined ? { build: c.build } : {}), ...(c.extend !== undefined ? { extend: c.extend } : {}) } : undefined;
    return { ...g, id: c.id ?? g.id, label: c.label ?? g.label, rate: c.rate ?? g.rate, ...(formRates ? { formRates } : {}) };
  });
  const idOf = (id: string) => groups.find((g) => g.id === id || changes[g.id]?.id === id)?.id ?? id;
  const agencies: Agency[] = uses.map(([id, form], i) => ({ name: `Cơ quan ${i} của ${file}`, groupId: idOf(id), area: `Huyện ${file}`, note: "", ...(form ? { form } : {}) }));
  const plan: Plan = { ...fresh, groups, agencies, ...(training !== undefined ? { rates: { ...fresh.rates, trainingPerClass: training }, training: { classes: 1, participants: 70 } } : {}) };
  return { file: `${file}.xlsx`, modified: 1, outcome: { kind: "read", problems: [], plan } };
}

const rateOf = (plan: Plan, id: string) => plan.groups.find((g) => g.id === id)!.rate;

it("takes a rate every file using the group agrees on; a file with the group but none of its agencies does not count", () => {
  const { plan, notice } = chooseBase([
    district("a", { "cap-xa": { rate: 12 } }, [["cap-xa"]]),
    district("b", { "cap-xa": { rate: 12 } }, [["cap-xa"], ["cap-huyen"]]),
    district("c", { "cap-xa": { rate: 99 }, "cap-huyen": { rate: 20 } }, [["so-nganh"]]),
  ]);
  expect(rateOf(plan, "cap-xa")).toBe(12);
  // cap-huyen: only b uses it, at the standard 15 (c's 20 has no agency).
  expect(rateOf(plan, "cap-huyen")).toBe(15);
  expect(notice).not.toContain("định mức khác nhau");
});

it("keeps the standard rate where the files using a group differ, and names the rates, in file order", () => {
  const { plan, notice } = chooseBase([
    district("a", { "cap-xa": { rate: 12 } }, [["cap-xa"]]),
    district("b", { "cap-xa": { rate: 10 } }, [["cap-xa"]]),
    district("c", { "cap-xa": { rate: 12 } }, [["cap-xa"]]),
  ]);
  expect(rateOf(plan, "cap-xa")).toBe(15);
  expect(notice).toContain('Các tệp dùng định mức khác nhau: "Cơ quan cấp xã" (12, 10; dùng 15).');
});

it("matches a file's group by its label when its id differs", () => {
  const { plan, notice } = chooseBase([
    district("a", { "cap-xa": { rate: 12 } }, [["cap-xa"]]),
    district("b", { "cap-xa": { id: "xa-rieng", label: "CƠ QUAN CẤP XÃ", rate: 11 } }, [["xa-rieng"]]),
  ]);
  expect(rateOf(plan, "cap-xa")).toBe(15);
  expect(notice).toContain('"Cơ quan cấp xã" (12, 11; dùng 15)');
});

it("takes a form's rate where the files with agencies of that form agree, and leaves it out where they differ", () => {
  const { plan, notice } = chooseBase([
    district("a", { "cap-xa": { build: 20, extend: 8 } }, [["cap-xa", "build"], ["cap-xa", "extend"]]),
    district("b", { "cap-xa": { build: 20, extend: 9 } }, [["cap-xa", "build"], ["cap-xa", "extend"]]),
    district("c", { "cap-xa": { build: 30 } }, [["cap-xa"]]),
  ]);
  const xa = plan.groups.find((g) => g.id === "cap-xa")!;
  // c has a build rate but no agency being built: not counted.
  expect(xa.formRates).toEqual({ build: 20 });
  expect(xa.rate).toBe(15);
  expect(notice).toContain('Các tệp dùng định mức khác nhau: "Cơ quan cấp xã" mở rộng (8, 9; chưa dùng định mức nào, tính như duy trì).');
});

it("takes the training rate of the files that plan classes, and names them where they differ", () => {
  const agree = chooseBase([district("a", {}, [["cap-xa"]], 60), district("b", {}, [["cap-xa"]], 60), district("c", {}, [["cap-xa"]])]);
  expect(agree.plan.rates.trainingPerClass).toBe(60);
  const differ = chooseBase([district("a", {}, [["cap-xa"]], 60), district("b", {}, [["cap-xa"]], 45)]);
  expect(differ.plan.rates.trainingPerClass).toBe(50);
  expect(differ.notice).toContain("Các tệp dùng định mức khác nhau: đào tạo (60, 45; dùng 50).");
});
