/** Opening a submitted file: sniff it, then parse it, with a Vietnamese reason when that fails. */
import { sniffWorkbook, unreadableReason } from "../../workbook/sniff";
import type { RawWorkbook } from "../../workbook/grid";
import { readXlsx } from "./readXlsx";

export class UnreadableWorkbook extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnreadableWorkbook";
  }
}

/** Raw values of a workbook's bytes, or UnreadableWorkbook with the reason. */
export async function openWorkbook(bytes: Uint8Array): Promise<RawWorkbook> {
  const reason = unreadableReason(sniffWorkbook(bytes));
  if (reason) throw new UnreadableWorkbook(reason);
  try {
    return await readXlsx(bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new UnreadableWorkbook(`tệp .xlsx bị hỏng hoặc không đầy đủ (${detail})`);
  }
}
