import { classifyLegacy, decodeTcvn3, decodeVni } from "../../src/core/legacyEncoding";

describe("legacy Vietnamese encodings", () => {
  it.each([
    ["Së Khoa häc vµ C«ng nghÖ", "Sở Khoa học và Công nghệ"],
    ["§ång Th¸p", "Đồng Tháp"],
    ["UBND x· Hßa An", "UBND xã Hòa An"],
    ["Chi côc Thñy lîi", "Chi cục Thủy lợi"],
    ["Hµ Néi", "Hà Nội"],
  ])("converts TCVN3 %p by its characters", (legacy, unicode) => {
    expect(decodeTcvn3(legacy)).toBe(unicode);
    expect(classifyLegacy(legacy)).toEqual({ kind: "converted", encoding: "tcvn3", text: unicode });
  });

  it.each([
    ["Sôû Khoa hoïc vaø Coâng ngheä", "Sở Khoa học và Công nghệ"],
    ["Ñoàng Thaùp", "Đồng Tháp"],
    ["UBND xaõ Hoøa An", "UBND xã Hòa An"],
    ["Chi cuïc Thuûy lôïi", "Chi cục Thủy lợi"],
    ["Haø Noäi", "Hà Nội"],
  ])("converts VNI %p by its characters", (legacy, unicode) => {
    expect(decodeVni(legacy)).toBe(unicode);
    expect(classifyLegacy(legacy)).toEqual({ kind: "converted", encoding: "vni", text: unicode });
  });

  it.each(["Sở Khoa học và Công nghệ", "UBND xã Tân Công Chí", "Chi cục Thuỷ lợi", "UBND phường An Hoà", "Thanh tra Tỉnh", "Sở Y Tế", "VP UBND Tỉnh", "Đức Phổ"])(
    "leaves Unicode %p alone",
    (text) => expect(classifyLegacy(text)).toEqual({ kind: "unicode" }),
  );

  it("trusts the font: .VnTime text converts, .VnTimeH gives capitals", () => {
    expect(classifyLegacy("Së Y tÕ", ".VnTime")).toEqual({ kind: "converted", encoding: "tcvn3", text: "Sở Y tế" });
    expect(classifyLegacy("Së y tÕ", ".VnTimeH")).toEqual({ kind: "converted", encoding: "tcvn3", text: "SỞ Y TẾ" });
    expect(classifyLegacy("Sôû Y teá", "VNI-Times")).toEqual({ kind: "converted", encoding: "vni", text: "Sở Y tế" });
    expect(classifyLegacy("UBND", ".VnTime")).toEqual({ kind: "unicode" });
  });

  it("flags what looks legacy but decodes to nonsense, rather than guess", () => {
    expect(classifyLegacy("×ÞßÐ¶·¹ þþþ")).toEqual(expect.objectContaining({ kind: "unclear" }));
  });
});

describe("what never triggers legacy detection, and what decides a tie", () => {
  it("Unicode Vietnamese typed into a cell with a .VnTime font stays as it is", () => {
    expect(classifyLegacy("Sở Khoa học và Công nghệ", ".VnTime")).toEqual({ kind: "unicode" });
  });

  it.each(["Diện tích 2 × 3 m", "½ kinh phí", "«Chất lượng»", "© 2022", "Thư\u00ADviện", "ÐOÀN THỂ", "Ghi chú: 3 × 50 © ½"])(
    "typographic symbols alone are ordinary text: %s",
    (text) => {
      expect(classifyLegacy(text)).toEqual({ kind: "unicode" });
    },
  );

  it("real TCVN3 text in a .VnTime cell is converted", () => {
    expect(classifyLegacy("Së Y tÕ", ".VnTime")).toEqual({ kind: "converted", encoding: "tcvn3", text: "Sở Y tế" });
  });
});
