import { cleanText, foldText, nameKey } from "../../src/core/text";

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
