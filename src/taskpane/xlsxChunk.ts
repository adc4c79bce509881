/** The lazily loaded chunk: everything that needs exceljs in the browser. */
export { writeXlsx } from "../adapters/xlsx/writeXlsx";
export { patchCells, PatchRefused } from "../adapters/xlsx/patchCells";
