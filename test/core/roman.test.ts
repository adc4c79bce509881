import { fromRoman, toRoman } from "../../src/core/roman";

describe("Roman numerals", () => {
  it("round-trips 1..50", () => {
    for (let n = 1; n <= 50; n++) expect(fromRoman(toRoman(n))).toBe(n);
  });
  it.each([["IV", 4], ["ix", 9], ["XIV", 14]])("reads %s", (s, n) => expect(fromRoman(s)).toBe(n));
  it.each(["IIII", "VX", "", "A", "IIV"])("rejects %p", (s) => expect(fromRoman(s)).toBeNull());
});
