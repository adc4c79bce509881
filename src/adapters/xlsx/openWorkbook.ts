/** Opening a submitted file: sniff it, then parse it, with a Vietnamese reason when that fails. */
import { sniffWorkbook, unreadableReason } from "../../workbook/sniff";
import type { RawWorkbook } from "../../workbook/grid";
import { readXlsx } from "./readXlsx";
import { HostileFile, leanReadXlsx, LeanReadUnsupported, LimitExceeded } from "./leanRead";
import { listEntries, ZipError, type InflateRaw } from "./zip";

export class UnreadableWorkbook extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnreadableWorkbook";
  }
}

export interface OpenOptions {
  /** Raw-deflate inflater; when given, the lean reader is used (exceljs only for what it does not support). */
  inflate?: InflateRaw;
}

/** Raw values of a workbook's bytes, or UnreadableWorkbook with the reason. */
export async function openWorkbook(bytes: Uint8Array, opts: OpenOptions = {}): Promise<RawWorkbook> {
  const reason = unreadableReason(sniffWorkbook(bytes));
  if (reason) throw new UnreadableWorkbook(reason);
  try {
    // The zip's table of contents, checked before any parser: a cut or broken file gets a plain reason.
    listEntries(bytes);
  } catch (e) {
    if (e instanceof ZipError) throw new UnreadableWorkbook(`tệp .xlsx bị hỏng hoặc không đầy đủ (${e.message})`);
    throw e;
  }
  if (opts.inflate) {
    try {
      return leanReadXlsx(bytes, opts.inflate);
    } catch (e) {
      if (e instanceof ZipError) throw new UnreadableWorkbook(`tệp .xlsx bị hỏng hoặc không đầy đủ (${e.message})`);
      if (e instanceof LimitExceeded) throw new UnreadableWorkbook(`tệp vượt giới hạn đọc: ${e.message}`);
      if (e instanceof HostileFile) throw new UnreadableWorkbook(`tệp bị từ chối: ${e.message}`);
      if (!(e instanceof LeanReadUnsupported)) throw e;
    }
  }
  try {
    return await readXlsx(bytes);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new UnreadableWorkbook(`tệp .xlsx bị hỏng hoặc không đầy đủ (${detail})`);
  }
}
