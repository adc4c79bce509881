/** What a file is, from its first bytes, before any parser sees it; which files of a folder are spreadsheets at all. */

export type FileKind = "xlsx" | "cfb" | "empty" | "text" | "unknown";

/**
 * `xlsx`: a zip (PK\x03\x04): .xlsx and its kin, .ods, .xlsb — the parts inside decide.
 * `cfb`: an OLE compound file — a legacy .xls, or an .xlsx protected with a password to
 * open (Office encrypts those into a compound file); its streams decide.
 */
export function sniffWorkbook(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "cfb";
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<table") || head.startsWith("<?xml") || /^[\p{L}\p{N}\s.,;:"'()/-]+$/u.test(head.slice(0, 200))) return "text";
  return "unknown";
}

/** The Vietnamese reason a file of this kind cannot be read, or null when it may be read. */
export function unreadableReason(kind: FileKind): string | null {
  switch (kind) {
    case "xlsx":
    case "cfb":
      return null;
    case "empty":
      return "tệp rỗng (0 byte)";
    case "text":
      return "không phải tệp sổ tính Excel (nội dung là văn bản hoặc trang HTML đổi đuôi); hãy mở bằng Excel và lưu thành .xlsx";
    case "unknown":
      return "không phải tệp sổ tính Excel (.xlsx, .xls, .ods)";
  }
}

/** Extensions of spreadsheet files: read (by content). */
export const SPREADSHEET_EXTENSIONS = [".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlt", ".ods", ".ots", ".xlsb", ".csv", ".et", ".ett"] as const;

/**
 * Why a file found in an input folder is not a spreadsheet to read (it is then listed as skipped),
 * or null when it should be read. Excel's lock files (~$…) and backups are never submissions.
 */
export function notSpreadsheetReason(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  if (base.startsWith("~$")) return "tệp khoá tạm của Excel (~$…), không phải sổ tính";
  if (base.startsWith(".~lock.")) return "tệp khoá tạm của LibreOffice, không phải sổ tính";
  const dot = base.lastIndexOf(".");
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : "";
  if ((SPREADSHEET_EXTENSIONS as readonly string[]).includes(ext)) return null;
  return `không phải sổ tính (${ext ? `tệp ${ext}` : "tệp không có đuôi"})`;
}

/** Largest submission read (bytes); a plan workbook is tens of KB, a large one a few MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file of this size is not read, or null when its size is fine. */
export function tooLargeReason(bytes: number): string | null {
  return bytes > MAX_FILE_BYTES ? `tệp quá lớn (${Math.round(bytes / 1048576)} MB; tối đa ${MAX_FILE_BYTES / 1048576} MB)` : null;
}
