/** The lazily loaded chunk: everything that needs exceljs in the browser. */
export { readSubmission } from "../adapters/xlsx/readSubmission";
export { openWorkbook, UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
export { writeXlsx } from "../adapters/xlsx/writeXlsx";
