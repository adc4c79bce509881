import { defaultGroups, findGroup, inferGroup, SU_NGHIEP } from "../../src/core/groups";

const legacy = defaultGroups(3);
const twoLevel = defaultGroups(2);
const id = (name: string, groups = legacy) => inferGroup(name, groups)?.id ?? null;

describe("agency groups", () => {
  it("has both administrative shapes as data", () => {
    expect(legacy.map((g) => g.id)).toEqual(["so-nganh", "thuoc-so", "cap-huyen", "cap-xa"]);
    expect(twoLevel.map((g) => g.id)).toEqual(["so-nganh", "thuoc-so", "cap-xa"]);
    expect(legacy.every((g) => g.rate === 15)).toBe(true);
  });

  it.each([
    ["Sở Xây dựng", "so-nganh"],
    ["VP UBND Tỉnh", "so-nganh"],
    ["Văn phòng UBND tỉnh", "so-nganh"],
    ["Cục thuế Tỉnh", "so-nganh"],
    ["Thanh tra Tỉnh", "so-nganh"],
    ["Ban Quản lý Khu kinh tế", "so-nganh"],
    ["Chi cục Thủy lợi", "thuoc-so"],
    ["Chi cục Kiểm Lâm", "thuoc-so"],
    ["UBND thành phố Cao Lãnh", "cap-huyen"],
    ["UBND huyện Tân Hồng", "cap-huyen"],
    ["UBND thị xã Đức Phổ", "cap-huyen"],
    ["UBND Phường 1", "cap-xa"],
    ["UBND xã Hòa An", "cap-xa"],
    ["UBND thị trấn Sa Rài", "cap-xa"],
    ["Ủy ban nhân dân đặc khu Phú Quốc", "cap-xa"],
  ])("infers %s → %s", (name, expected) => {
    expect(id(name)).toBe(expected);
  });

  it("has no district group after 1 July 2025", () => {
    expect(id("UBND huyện Tân Hồng", twoLevel)).toBeNull();
    expect(id("UBND phường Sa Đéc", twoLevel)).toBe("cap-xa");
  });

  it("infers only groups the plan lists", () => {
    expect(id("Trường Tiểu học Đức Long")).toBeNull();
    expect(id("Trường Tiểu học Đức Long", [...legacy, SU_NGHIEP])).toBe("su-nghiep");
  });

  it("finds a group by label typed differently", () => {
    expect(findGroup("cơ quan cấp  XÃ", legacy)?.id).toBe("cap-xa");
    expect(findGroup("cap-huyen", legacy)?.id).toBe("cap-huyen");
    expect(findGroup("Cấp tỉnh", legacy)).toBeNull();
  });
});

describe("group inference and typed labels (three-level plans)", () => {
  const groups = defaultGroups(3);
  it.each([
    ["UBND P. 2", "cap-xa"],
    ["UBND TT. Sa Rài", "cap-xa"],
    ["Xã Tân Phú", "cap-xa"],
    ["Phường 11", "cap-xa"],
    ["UBND TX. Hồng Ngự", "cap-huyen"],
    ["UBND TP. Cao Lãnh", "cap-huyen"],
    ["Văn phòng HĐND và UBND huyện Tân Hồng", "cap-huyen"],
    ["VP UBND Tỉnh", "so-nganh"],
    ["Văn phòng UBND tỉnh Đồng Tháp", "so-nganh"],
  ])("%s is %s", (name, id) => {
    expect(inferGroup(name, groups)?.id).toBe(id);
  });

  it.each([
    ["Cấp xã", "cap-xa"],
    ["cap huyen", "cap-huyen"],
    ["CẤP SỞ", "so-nganh"],
    ["Cấp sở, ngành", "so-nganh"],
    ["thuộc sở", "thuoc-so"],
    ["Cơ quan cấp xã", "cap-xa"],
    ["co quan cap xa", "cap-xa"],
  ])("the typed label %s is %s", (text, id) => {
    expect(findGroup(text, groups)?.id).toBe(id);
  });

  it("a label that names no group stays unknown", () => {
    expect(findGroup("Đoàn thể", groups)).toBeNull();
  });
});
