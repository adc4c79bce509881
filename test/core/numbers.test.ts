import { formatVnNumber, parseVnNumber, sumTrieu, timesTrieu } from "../../src/core/numbers";

describe("parseVnNumber", () => {
  it.each([
    ["2.620", 2620],
    ["7,5", 7.5],
    ["1.234,5", 1234.5],
    ["1.234.567", 1234567],
    ["15", 15],
    ["01", 1],
    [" 2 620 ", 2620],
    ["-3,25", -3.25],
    [42, 42],
  ])("reads %p as %p", (input, value) => {
    expect(parseVnNumber(input)).toEqual({ ok: true, value });
  });

  it.each(["", "abc", "15 triệu", "1,234.5", "2.62", "1..2", "--1", "NaN"])("rejects %p with a message", (input) => {
    const r = parseVnNumber(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
  });

  it("tells the user how to write a decimal typed with a point", () => {
    const r = parseVnNumber("7.5");
    expect(r).toEqual({ ok: false, message: expect.stringContaining("7,5") });
  });
});

describe("formatVnNumber", () => {
  it.each([
    [2620, "2.620"],
    [7.5, "7,5"],
    [1234.5, "1.234,5"],
    [0, "0"],
    [-1620, "-1.620"],
    [1000000, "1.000.000"],
    [0.0004, "0"],
  ])("writes %p as %p", (value, text) => {
    expect(formatVnNumber(value)).toBe(text);
  });
});

describe("money arithmetic", () => {
  it("sums triệu exactly", () => {
    expect(sumTrieu([0.1, 0.2])).toBe(0.3);
    expect(timesTrieu(3, 7.5)).toBe(22.5);
    expect(timesTrieu(108, 15)).toBe(1620);
  });
});
