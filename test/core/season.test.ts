/** The province's season in the core: official order, who has sent, last year, renames suggested, mappings. */
import { defaultGroups } from "../../src/core/groups";
import { mergeSubmissions, type Submission } from "../../src/core/merge";
import type { Agency, Plan } from "../../src/core/model";
import {
  agencyList, applyMapping, compareYears, nameSimilarity, referenceOrder, suggestRenames, trackSubmissions, type AgencyList,
} from "../../src/core/season";
import { newPlan } from "../../src/workbook/plan";

const groups = defaultGroups(3);
const A = (name: string, groupId: string, area: string): Agency => ({ name, groupId, area, note: "" });

function sub(file: string, issuer: string, area: string, agencies: Agency[], date = "01/11/2021"): Submission {
  const plan = newPlan({ year: 2022, levels: 3, standardTasks: false });
  return { file, modified: 1000, outcome: { kind: "read", problems: [], plan: { ...plan, info: { ...plan.info, issuer, area, date }, agencies } } };
}

const base = (): Plan => ({ ...newPlan({ year: 2022, levels: 3, standardTasks: false }), info: { ...newPlan({ year: 2022, levels: 3, standardTasks: false }).info, area: "tỉnh Đồng Tháp" } });

const list = (agencies: Agency[], year = 2021): AgencyList => ({ file: "tong-hop-2021.xlsx", year, groups, agencies });

describe("name likeness", () => {
  it("sees a district town become a city, and tells numbered and lettered communes apart", () => {
    expect(nameSimilarity("UBND thị xã Hồng Ngự", "UBND thành phố Hồng Ngự")).toBe(1);
    expect(nameSimilarity("UBND Phường 1", "UBND Phường 11")).toBe(0);
    expect(nameSimilarity("UBND xã Long Khánh A", "UBND xã Long Khánh B")).toBe(0);
    expect(nameSimilarity("UBND xã Tân Thuận Đông", "UBND phường Tân Thuận Đông")).toBe(1);
    expect(nameSimilarity("Sở Y tế", "Sở Giáo dục và Đào tạo")).toBeLessThan(0.3);
  });

  it("suggests renames one to one, within a group, most alike first", () => {
    const gone = [A("UBND thị xã Hồng Ngự", "cap-huyen", "thị xã Hồng Ngự"), A("UBND xã An Bình", "cap-xa", "thị xã Hồng Ngự")];
    const arrived = [A("UBND thành phố Hồng Ngự", "cap-huyen", "thành phố Hồng Ngự"), A("UBND phường An Bình", "cap-xa", "thị xã Hồng Ngự"), A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp")];
    const s = suggestRenames(gone, arrived, (a) => a.groupId ?? "");
    expect(s.map((p) => [p.old.name, p.new.name])).toEqual([["UBND thị xã Hồng Ngự", "UBND thành phố Hồng Ngự"], ["UBND xã An Bình", "UBND phường An Bình"]]);
  });
});

describe("the official order from an expected list", () => {
  it("follows the list; a new agency goes at the end of its group and area, a new area at the end of its group", () => {
    const reference = [
      A("VP UBND tỉnh", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Xây dựng", "so-nganh", "tỉnh Đồng Tháp"),
      A("UBND huyện Tân Hồng", "cap-huyen", "huyện Tân Hồng"), A("UBND huyện Tam Nông", "cap-huyen", "huyện Tam Nông"),
      A("UBND xã Bình Phú", "cap-xa", "huyện Tân Hồng"), A("UBND xã An Hòa", "cap-xa", "huyện Tam Nông"),
    ];
    const merged = [
      A("UBND xã Phú Cường", "cap-xa", "huyện Tam Nông"), A("UBND xã An Hòa", "cap-xa", "huyện Tam Nông"),
      A("Sở Xây dựng", "so-nganh", "tỉnh Đồng Tháp"), A("UBND xã Tân Công Chí", "cap-xa", "huyện Tân Hồng"),
      A("UBND huyện Tam Nông", "cap-huyen", "huyện Tam Nông"), A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"),
      A("UBND xã Bình Phú", "cap-xa", "huyện Tân Hồng"), A("UBND xã Mỹ An", "cap-xa", "huyện Tháp Mười"), A("VP UBND tỉnh", "so-nganh", "tỉnh Đồng Tháp"),
    ];
    const order = referenceOrder(merged, reference, groups).map((i) => merged[i].name);
    expect(order).toEqual([
      "VP UBND tỉnh", "Sở Xây dựng", "Sở Nội vụ",
      "UBND huyện Tam Nông",
      "UBND xã Bình Phú", "UBND xã Tân Công Chí", "UBND xã An Hòa", "UBND xã Phú Cường", "UBND xã Mỹ An",
    ]);
  });

  it("never takes two same-named communes of different districts for one entry of the list", () => {
    const reference = [A("UBND xã Tân Thành", "cap-xa", "huyện Lai Vung")];
    const merged = [A("UBND xã Tân Thành", "cap-xa", "huyện Tân Hồng"), A("UBND xã Tân Thành", "cap-xa", "huyện Lai Vung")];
    expect(referenceOrder(merged, reference, groups)).toEqual([1, 0]);
  });
});

describe("who has sent", () => {
  const expected = list([
    A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Y tế", "so-nganh", "tỉnh Đồng Tháp"), A("Thanh tra tỉnh", "so-nganh", "tỉnh Đồng Tháp"),
    A("UBND thị xã Hồng Ngự", "cap-huyen", "thị xã Hồng Ngự"),
  ]);
  const result = mergeSubmissions([
    sub("KH ISO 2022 So Noi vu.xlsx", "Sở Nội vụ", "tỉnh Đồng Tháp", [A("Sở Nội vụ", "so-nganh", "")], "20/11/2021"),
    sub("SYT.xlsx", "Sở Y tế", "tỉnh Đồng Tháp", [A("Sở Y Tế", "so-nganh", "")]),
    sub("HN.xlsx", "UBND thành phố Hồng Ngự", "thành phố Hồng Ngự", [A("UBND thành phố Hồng Ngự", "cap-huyen", "")]),
    sub("BQL.xlsx", "Ban Quản lý Khu kinh tế", "tỉnh Đồng Tháp", [A("Ban Quản lý Khu kinh tế", "so-nganh", "")]),
  ], base());

  it("lists every expected agency, sent (file and plan date) or not, and the unlisted arrivals, with the rename suggested", () => {
    const t = trackSubmissions(expected, result);
    expect(t.expected.map((e) => [e.agency.name, e.file, e.date, e.maybe?.name ?? null])).toEqual([
      ["Sở Nội vụ", "KH ISO 2022 So Noi vu.xlsx", "20/11/2021", null],
      ["Sở Y tế", "SYT.xlsx", "01/11/2021", null],
      ["Thanh tra tỉnh", "", "", null],
      ["UBND thị xã Hồng Ngự", "", "", "UBND thành phố Hồng Ngự"],
    ]);
    expect([t.sent, t.missing]).toEqual([2, 2]);
    expect(t.unexpected.map((u) => [u.agency.name, u.file, u.maybeOf?.name ?? null])).toEqual([
      ["Ban Quản lý Khu kinh tế", "BQL.xlsx", null],
      ["UBND thành phố Hồng Ngự", "HN.xlsx", "UBND thị xã Hồng Ngự"],
    ]);
  });

  it("with a mapping, last year's unit is matched to its new name, and several old units join one", () => {
    const t = trackSubmissions(expected, result, [{ oldName: "UBND thị xã Hồng Ngự", oldArea: "", newName: "UBND thành phố Hồng Ngự", newArea: "thành phố Hồng Ngự" }]);
    expect(t.expected.find((e) => e.agency.name === "UBND thành phố Hồng Ngự")).toEqual(expect.objectContaining({ file: "HN.xlsx", from: [expect.objectContaining({ name: "UBND thị xã Hồng Ngự" })] }));
    const joined = applyMapping(
      [A("UBND xã An Bình A", "cap-xa", "huyện Hồng Ngự"), A("UBND xã An Bình B", "cap-xa", "huyện Hồng Ngự"), A("UBND xã Tân Hội", "cap-xa", "huyện Hồng Ngự")],
      [
        { oldName: "UBND xã An Bình A", oldArea: "huyện Hồng Ngự", newName: "UBND xã An Bình", newArea: "tỉnh Đồng Tháp" },
        { oldName: "UBND xã An Bình B", oldArea: "huyện Hồng Ngự", newName: "UBND xã An Bình", newArea: "tỉnh Đồng Tháp" },
      ],
    );
    expect(joined.map((e) => [e.agency.name, e.from.map((f) => f.name)])).toEqual([
      ["UBND xã An Bình", ["UBND xã An Bình A", "UBND xã An Bình B"]],
      ["UBND xã Tân Hội", ["UBND xã Tân Hội"]],
    ]);
  });
});

describe("compared with last year", () => {
  it("gives counts and money per group at each year's rates, added, removed and likely renames", () => {
    const lastGroups = groups.map((g) => (g.id === "so-nganh" ? { ...g, rate: 10 } : g));
    const last: AgencyList = { ...list([A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Ngoại vụ", "so-nganh", "tỉnh Đồng Tháp"), A("UBND thị xã Hồng Ngự", "cap-huyen", "thị xã Hồng Ngự")]), groups: lastGroups };
    const plan: Plan = { ...base(), agencies: [A("Sở Nội vụ", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Y tế", "so-nganh", "tỉnh Đồng Tháp"), A("Sở Tư pháp", "so-nganh", "tỉnh Đồng Tháp"), A("UBND thành phố Hồng Ngự", "cap-huyen", "thành phố Hồng Ngự")] };
    const c = compareYears(last, plan);
    expect(c.byGroup.map((g) => [g.label, g.lastCount, g.lastAmount, g.thisCount, g.thisAmount])).toEqual([
      ["Cơ quan cấp sở, ngành", 2, 20, 3, 45],
      ["Cơ quan chuyên môn thuộc sở, ngành", 0, 0, 0, 0],
      ["Cơ quan cấp huyện", 1, 15, 1, 15],
      ["Cơ quan cấp xã", 0, 0, 0, 0],
    ]);
    expect(c.added.map((a) => a.name)).toEqual(["Sở Y tế", "Sở Tư pháp", "UBND thành phố Hồng Ngự"]);
    expect(c.removed.map((a) => a.name)).toEqual(["Sở Ngoại vụ", "UBND thị xã Hồng Ngự"]);
    expect(c.suggested.map((s) => [s.old.name, s.new.name])).toEqual([["UBND thị xã Hồng Ngự", "UBND thành phố Hồng Ngự"]]);
  });

  it("takes a plan read from a workbook as a list under the areas the merge keys by", () => {
    const plan: Plan = { ...base(), agencies: [A("Sở Nội vụ", "so-nganh", ""), A("UBND xã An Hòa", "cap-xa", "huyện Tam Nông")] };
    expect(agencyList("ds.xlsx", plan).agencies.map((a) => [a.name, a.area])).toEqual([["Sở Nội vụ", "tỉnh Đồng Tháp"], ["UBND xã An Hòa", "huyện Tam Nông"]]);
  });
});
