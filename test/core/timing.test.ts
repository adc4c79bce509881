import { parseTiming } from "../../src/core/timing";

describe("parseTiming", () => {
  it.each([
    ["Quý I/2023", { kind: "quarter", quarters: [1], year: 2023, rest: "" }],
    ["Quý IV/2023", { kind: "quarter", quarters: [4], year: 2023, rest: "" }],
    ["Tháng 5/2023", { kind: "month", months: [5], year: 2023, rest: "" }],
    ["Tháng 6 và tháng 11/2023", { kind: "month", months: [6, 11], year: 2023, rest: "" }],
    ["Tháng 12/2023 (hoặc khi có sự thay đổi danh mục TTHC)", { kind: "month", months: [12], year: 2023, rest: "(hoặc khi có sự thay đổi danh mục TTHC)" }],
    ["trước ngày 15/11/2023", { kind: "deadline", day: 15, month: 11, year: 2023, rest: "" }],
    ["Trước ngày 15 tháng 3 năm 2023", { kind: "deadline", day: 15, month: 3, year: 2023, rest: "" }],
    ["Thường xuyên", { kind: "continuous", rest: "" }],
    ["Thường xuyên, khi có sự thay đổi về nhân sự", { kind: "continuous", rest: "khi có sự thay đổi về nhân sự" }],
    ["Hàng năm", { kind: "yearly", rest: "" }],
    ["Hằng năm", { kind: "yearly", rest: "" }],
    ["Định kỳ hàng năm", { kind: "yearly", rest: "" }],
    ["Khi có sự thay đổi về tổ chức của cơ quan", { kind: "onEvent", rest: "Khi có sự thay đổi về tổ chức của cơ quan" }],
  ])("reads %p", (text, expected) => {
    expect(parseTiming(text)).toEqual(expected);
  });

  it.each(["Tháng 13/2023", "trước ngày 31/2/2023", "Quý V/2023", "sớm", "Tổ chức đào tạo"])("does not understand %p", (text) => {
    expect(parseTiming(text)).toBeNull();
  });
});
