import { cleanText, foldText, nameKey, unitKey } from "../../src/core/text";

describe("cleanText", () => {
  it("composes decomposed Unicode and folds odd spaces, keeping the spelling", () => {
    expect(cleanText("  UBND\u00A0xã  Hoa\u0300 An\u200B ")).toBe("UBND xã Hoà An");
    expect(cleanText("Thuỷ lợi")).toBe("Thuỷ lợi");
  });
});

describe("nameKey", () => {
  it.each([
    ["UBND xã Hòa An", "UBND xã Hoà An"],
    ["Chi cục Thủy lợi", "Chi cục Thuỷ lợi"],
    ["UBND xã Hòa An", "ubnd xa\u0303 Ho\u0300a An"],
    ["Sở Giao thông - Vận tải", "sở giao thông-vận tải"],
    ["UBND  Phường 1", "UBND phường 1 "],
    ["Sở Y Tế", "SỞ Y TẾ"],
  ])("treats %s and %s as the same name", (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  it.each([
    ["UBND xã Tân Bình", "UBND xã Tân Bính"],
    ["UBND xã Mỹ An", "UBND xã My An"],
    ["UBND xã An Bình A", "UBND xã An Bình B"],
    ["UBND phường 1", "UBND phường 11"],
    ["Sở Tư pháp", "Sở Tu pháp"],
    ["Đức Thọ", "Dức Thọ"],
  ])("keeps %s and %s apart", (a, b) => {
    expect(nameKey(a)).not.toBe(nameKey(b));
  });
});

describe("foldText", () => {
  it("drops diacritics for pattern matching", () => {
    expect(foldText("UBND Thị trấn Đức Phổ")).toBe("ubnd thi tran duc pho");
  });
});

describe("unitKey", () => {
  it.each([
    ["Ủy ban nhân dân phường An Lộc", "UBND phường An Lộc"],
    ["UBND xã Tân Bình", "Uỷ ban nhân dân xã Tân Bình"],
    ["TP. Hồng Ngự", "Thành phố Hồng Ngự"],
    ["TP Cao Lãnh", "thành phố Cao Lãnh"],
    ["TX. Hồng Ngự", "Thị xã Hồng Ngự"],
    ["UBND TT. Sa Rài", "UBND thị trấn Sa Rài"],
    ["H. Thanh Bình", "Huyện Thanh Bình"],
    ["UBND P. 2", "UBND Phường 2"],
    ["Phường 01", "Phường 1"],
    ["Sở Giao thông – Vận tải", "Sở Giao thông - Vận tải"],
    ["Văn phòng HĐND & UBND huyện Tân Hồng", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện Tân Hồng"],
  ])("treats %s and %s as the same unit", (a, b) => {
    expect(unitKey(a)).toBe(unitKey(b));
  });

  it.each([
    ["Phường 1", "Phường 11"],
    ["Phường 1", "Phường 10"],
    ["UBND xã Hòa An", "UBND xã Hóa An"],
    ["Huyện Cao Lãnh", "Thành phố Cao Lãnh"],
    ["UBND xã Tân Bình", "UBND xã Tân Bính"],
    ["Sở Tư pháp", "Sở Tu pháp"],
    ["Hội H. Nông dân", "Hội Nông dân"],
  ])("keeps %s and %s apart", (a, b) => {
    expect(unitKey(a)).not.toBe(unitKey(b));
  });
});
