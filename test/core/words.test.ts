import { amountInWords, numberWords, tripleWords } from "../../src/core/words";

describe("amountInWords", () => {
  it.each([
    [2_620_000_000, "Hai tỷ sáu trăm hai mươi triệu đồng"],
    [0, "Không đồng"],
    [15_000_000, "Mười lăm triệu đồng"],
    [21_000_000, "Hai mươi mốt triệu đồng"],
    [24_000_000, "Hai mươi tư triệu đồng"],
    [14_000_000, "Mười bốn triệu đồng"],
    [11_000_000, "Mười một triệu đồng"],
    [105_000_000, "Một trăm linh năm triệu đồng"],
    [370_000_000, "Ba trăm bảy mươi triệu đồng"],
    [1_005_000, "Một triệu không trăm linh năm nghìn đồng"],
    [1_000_005, "Một triệu không trăm linh năm đồng"],
    [2_000_000_000, "Hai tỷ đồng"],
    [1_000_500_000_000, "Một nghìn tỷ năm trăm triệu đồng"],
    [1_000_000_000_000_000, "Một triệu tỷ đồng"],
    [1_250_000, "Một triệu hai trăm năm mươi nghìn đồng"],
    [7_500_000, "Bảy triệu năm trăm nghìn đồng"],
  ])("reads %p", (dong, words) => {
    expect(amountInWords(dong)).toBe(words);
  });
});

describe("tripleWords", () => {
  it("reads a group after a higher one in full", () => {
    expect(tripleWords(5, true)).toBe("không trăm linh năm");
    expect(tripleWords(5, false)).toBe("năm");
    expect(tripleWords(0, true)).toBe("");
    expect(tripleWords(15, true)).toBe("không trăm mười lăm");
    expect(tripleWords(101, false)).toBe("một trăm linh một");
  });

  it("rejects what is not a group of three digits", () => {
    expect(() => tripleWords(1000, false)).toThrow(RangeError);
  });
});

describe("numberWords", () => {
  it("reads negatives", () => {
    expect(numberWords(-15)).toBe("âm mười lăm");
  });
});

describe("big and negative amounts", () => {
  it("reads a thousand tỷ and more, up to 10^15 đồng", () => {
    expect(numberWords(1_000_000_000_000)).toBe("một nghìn tỷ");
    expect(numberWords(1_000_000_000_000_000)).toBe("một triệu tỷ");
    expect(amountInWords(-2_620_000_000)).toBe("Âm hai tỷ sáu trăm hai mươi triệu đồng");
  });
  it("says a figure above 10^15 đồng is too large to read, without throwing (2^53 and beyond)", () => {
    for (const n of [1e15 + 1, 2 ** 53, 2 ** 53 + 2, 1e21, -(2 ** 60)]) {
      expect(numberWords(n)).toBe("(số quá lớn để đọc)");
      expect(amountInWords(n)).toBe("(số quá lớn để đọc)");
    }
  });
});
