import { officeIsDark } from "../../src/taskpane/theme";

it.each([
  ["#1F1F1F", true], // Office's Black theme
  ["#262626", true], // Dark Gray
  ["#FFFFFF", false], // White and Colorful
  ["#E6E6E6", false], // Colorful's pane
  ["", false],
])("Office's pane background %p is dark: %p", (color, dark) => {
  expect(officeIsDark({ context: { officeTheme: { bodyBackgroundColor: color } } })).toBe(dark);
});

it("is light when Office gives no theme (Excel 2016, the browser)", () => {
  expect(officeIsDark({})).toBe(false);
  expect(officeIsDark({ context: {} })).toBe(false);
});
