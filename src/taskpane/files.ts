/**
 * Files in the browser: reading submissions and writing .xlsx downloads. exceljs is
 * loaded here, on first use, never with the task pane itself.
 */
import type { RawWorkbook, WorkbookGrid } from "../workbook/grid";
import { tooLargeReason } from "../workbook/sniff";

const xlsx = () => import(/* webpackChunkName: "xlsx" */ "./xlsxChunk");

async function fileBytes(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

/** Raw values of a workbook file, or an Error whose message is the Vietnamese reason. */
export async function openFile(file: File): Promise<RawWorkbook> {
  const { openWorkbook, UnreadableWorkbook, pakoZip } = await xlsx();
  const tooLarge = tooLargeReason(file.size);
  if (tooLarge) throw new Error(`Không đọc được tệp ${file.name}: ${tooLarge}.`);
  try {
    return await openWorkbook(await fileBytes(file), { codec: pakoZip });
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new Error(`Không đọc được tệp ${file.name}: ${e.reason}.`);
    throw e;
  }
}

export async function xlsxBytes(grid: WorkbookGrid): Promise<Uint8Array> {
  const { writeXlsx } = await xlsx();
  return writeXlsx(grid);
}

/** Offer bytes as a download. */
export function download(bytes: Uint8Array, fileName: string): void {
  const blob = new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
