/**
 * Seed 001 submissions written the ways people really fill them: the standard
 * workbook, decomposed Unicode, the other tone-mark placement, stray spaces and blank
 * rows, STT typed as "01", no group column, a renamed sheet with moved columns, and
 * files re-saved by LibreOffice.
 */
import ExcelJS from "exceljs";
import type { SampleSubmission } from "../../src/samples/dongThapSubmissions";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import type { WorkbookGrid } from "../../src/workbook/grid";
import { resaveWithLibreOffice } from "./libreoffice";

export type Hand = "standard" | "nfd" | "tones" | "sloppy" | "renamed" | "libreoffice";

const otherTones = (s: string) =>
  s.replace(/òa/g, "oà").replace(/óa/g, "oá").replace(/ủy/g, "uỷ").replace(/ùy/g, "uỳ").replace(/ụy/g, "uỵ").replace(/Hòa/g, "Hoà").replace(/Thủy/g, "Thuỷ");

async function bytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array((await wb.xlsx.writeBuffer()));
}

/** A hand-made workbook: a Thông tin sheet (issuer, area, year) and a PL1 in the printed form. */
async function handMade(s: SampleSubmission, hand: Exclude<Hand, "standard" | "libreoffice">): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const info = wb.addWorksheet(hand === "renamed" ? "TT chung" : "Thông tin");
  const text = (v: string) => (hand === "nfd" ? v.normalize("NFD") : hand === "tones" ? otherTones(v) : hand === "sloppy" ? `  ${v.replace(/ /g, "  ")} ` : v);
  info.addRows([["Cơ quan ban hành:", text(s.plan.info.issuer)], ["Năm kế hoạch", hand === "sloppy" ? "2022" : 2022], ["Địa bàn", text(s.plan.info.area)], ["Ngày ban hành", s.plan.info.date]]);
  const ws = wb.addWorksheet(hand === "renamed" ? "Danh sach don vi" : "Phụ lục 1");
  ws.addRow(["DANH SÁCH CƠ QUAN ÁP DỤNG"]);
  ws.addRow([]);
  const header = hand === "renamed" ? ["Ghi chú", "Tên cơ quan, đơn vị", "Nhóm", "TT"] : ["STT", "Tên cơ quan", "Ghi chú"];
  ws.addRow(header);
  s.plan.agencies.forEach((a, i) => {
    if (hand === "sloppy") ws.addRow([]);
    const stt = hand === "sloppy" ? String(i + 1).padStart(2, "0") : i + 1;
    if (hand === "renamed") ws.addRow(["", text(a.name), "", stt]);
    else ws.addRow([stt, text(a.name), ""]);
  });
  return bytes(wb);
}

export async function writeInHand(s: SampleSubmission, hand: Hand): Promise<Uint8Array> {
  if (hand === "standard") return writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 3 }));
  if (hand === "libreoffice") return resaveWithLibreOffice(await writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 3 })));
  return handMade(s, hand);
}

/** The hand each sample file is written in; the province-level file stays standard (it carries the rates). */
export function handFor(s: SampleSubmission, i: number): Hand {
  if (s.plan.info.level === "Tỉnh") return "standard";
  const hands: Hand[] = ["standard", "nfd", "tones", "sloppy", "renamed"];
  if (i === 3 || i === 33) return "libreoffice";
  return hands[i % hands.length];
}

export function withoutCachedResults(grid: WorkbookGrid): WorkbookGrid {
  for (const s of grid.sheets) for (const row of s.rows) for (const c of row ?? []) if (c?.f !== undefined) c.v = null;
  return grid;
}
