/**
 * Forms of work (seed 004): a district whose 3 trường Tiểu học build a system (xây dựng mới) and
 * 3 UBND xã extend theirs (mở rộng), each form at its own rate per group, typed in Thông tin.
 * The budget has a line per form and group; LibreOffice computes the same from the workbook's
 * formulas; the forms survive reading back, validating and merging.
 */
import { computeBudget } from "../../src/core/budget";
import { shownBudget } from "../../src/core/declared";
import { defaultGroups, SU_NGHIEP } from "../../src/core/groups";
import type { Agency, Plan } from "../../src/core/model";
import { mergeSubmissions, type Submission } from "../../src/core/merge";
import { validatePlan } from "../../src/core/validate";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { newPlan } from "../../src/workbook/plan";
import { readPlan } from "../../src/workbook/read";
import { buildWorkbook } from "../../src/workbook/write";
import { withoutCachedResults } from "../helpers/hands";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { openBytes } from "../helpers/open";

function district(extendRate: number | null = 10): Plan {
  const base = newPlan({ year: 2025, levels: 3, standardTasks: false, issuer: "UBND huyện Tân Hồng", area: "Huyện Tân Hồng" });
  const groups = [...defaultGroups(3), { ...SU_NGHIEP, patterns: [...SU_NGHIEP.patterns] }].map((g) =>
    g.id === "su-nghiep" ? { ...g, formRates: { build: 20 } } : g.id === "cap-xa" ? { ...g, formRates: { extend: extendRate } } : g,
  );
  const a = (name: string, groupId: string, form?: Agency["form"]): Agency => ({ name, groupId, area: "Huyện Tân Hồng", note: "", ...(form ? { form } : {}) });
  const agencies: Agency[] = [
    ...Array.from({ length: 12 }, (_, i) => a(`UBND huyện Tân Hồng — phòng ${i + 1}`, "cap-huyen")),
    ...["A", "B", "C"].map((x) => a(`Trường Tiểu học Tân Hồng ${x}`, "su-nghiep", "build")),
    ...Array.from({ length: 7 }, (_, i) => a(`UBND xã Tân ${i + 1}`, "cap-xa")),
    ...["Bình Phú", "An Phước", "Thông Bình"].map((x) => a(`UBND xã ${x}`, "cap-xa", "extend")),
  ];
  return { ...base, info: { ...base.info, number: "12/KH-UBND", date: "10/01/2025" }, groups, agencies };
}

const lines = (p: Plan) =>
  computeBudget(p).sections[0].lines.filter((l) => l.quantity).map((l) => [l.label, l.quantity, l.rate, l.amount]);

it("gives a line per form and group: count × that form's rate", () => {
  expect(lines(district())).toEqual([
    ["Cơ quan cấp huyện", 12, 15, 180],
    ["Cơ quan cấp xã", 7, 15, 105],
    ["Đơn vị sự nghiệp — xây dựng mới", 3, 20, 60],
    ["Cơ quan cấp xã — mở rộng", 3, 10, 30],
  ]);
  expect(computeBudget(district()).total).toBe(375);
});

it("computes the same in LibreOffice from the workbook's formulas, and reads the forms back", async () => {
  const plan = district();
  const raw = await openBytes(resaveWithLibreOffice(await writeXlsx(withoutCachedResults(buildWorkbook(plan)))));
  const read = readPlan(raw);
  expect(read.problems.filter((p) => p.severity === "error")).toEqual([]);
  expect(read.plan.declared!.total!.amount).toBe(375);
  expect(read.plan.declared!.lines.filter((l) => l.kind === "perAgency" && l.quantity).map((l) => [l.label, l.form ?? null, l.quantity, l.amount])).toEqual([
    ["Cơ quan cấp huyện", null, 12, 180],
    ["Cơ quan cấp xã", null, 7, 105],
    ["Đơn vị sự nghiệp — xây dựng mới", "build", 3, 60],
    ["Cơ quan cấp xã — mở rộng", "extend", 3, 30],
  ]);
  const forms = (p: Plan) => p.agencies.filter((a) => a.form).map((a) => `${a.name}: ${a.form!}`).sort();
  expect(forms(read.plan)).toEqual(forms(plan));
  expect(read.plan.groups.find((g) => g.id === "cap-xa")!.formRates).toEqual({ extend: 10 });
  expect(shownBudget(read.plan).total).toBe(375);
});

it("counts a form without a rate at the duy trì rate, in the sheet as in the tool, and says so at the row", async () => {
  const plan = district(null);
  expect(lines(plan)).toContainEqual(["Cơ quan cấp xã", 10, 15, 150]);
  expect(validatePlan(plan).filter((p) => p.code === "FORM_NO_RATE")).toHaveLength(3);
  const read = readPlan(await openBytes(resaveWithLibreOffice(await writeXlsx(withoutCachedResults(buildWorkbook(plan))))));
  expect(read.plan.declared!.total!.amount).toBe(computeBudget(plan).total);
});

it("keeps the forms through a merge, at the consolidating plan's rates, and names a file whose form has none there", () => {
  const sub = (plan: Plan): Submission => ({ file: "tan-hong.xlsx", modified: 1, outcome: { kind: "read", plan, problems: [] } });
  const province = { ...district(), agencies: [] };
  const merged = mergeSubmissions([sub(district())], province);
  expect(lines(merged.plan)).toEqual(lines(district()));
  const without = mergeSubmissions([sub(district())], { ...province, groups: defaultGroups(3).concat({ ...SU_NGHIEP }) });
  expect(without.files[0].problems.filter((p) => p.code === "FORM_NO_RATE")).toHaveLength(2);
  expect(lines(without.plan)).toEqual([
    ["Cơ quan cấp huyện", 12, 15, 180],
    ["Cơ quan cấp xã", 10, 15, 150],
    ["Đơn vị sự nghiệp", 3, 15, 45],
  ]);
});
