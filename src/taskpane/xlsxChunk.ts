/** The lazily loaded chunk: everything that needs exceljs in the browser. */
export { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
export { writeXlsx } from "../adapters/xlsx/writeXlsx";
export { pakoZip } from "../adapters/xlsx/pakoZip";
