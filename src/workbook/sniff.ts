/** What a file is, from its first bytes, before any parser sees it. */

export type FileKind = "xlsx" | "cfb" | "empty" | "unknown";

/**
 * `xlsx`: a zip (PK\x03\x04). `cfb`: an OLE compound file — a legacy .xls, or an
 * .xlsx protected with a password to open (Office encrypts those into a CFB container).
 */
export function sniffWorkbook(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return "empty";
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "cfb";
  return "unknown";
}

/** The Vietnamese reason a file of this kind cannot be read, or null when it may be read. */
export function unreadableReason(kind: FileKind): string | null {
  switch (kind) {
    case "xlsx": return null;
    case "empty": return "tệp rỗng (0 byte)";
    case "cfb": return "tệp Excel 97-2003 (.xls) hoặc tệp .xlsx có đặt mật khẩu mở; hãy lưu lại thành .xlsx không mật khẩu";
    case "unknown": return "không phải tệp Excel .xlsx";
  }
}

/** Largest submission read (bytes); a plan workbook is tens of KB, a large one a few MB. */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Why a file of this size is not read, or null when its size is fine. */
export function tooLargeReason(bytes: number): string | null {
  return bytes > MAX_FILE_BYTES ? `tệp quá lớn (${Math.round(bytes / 1048576)} MB; tối đa ${MAX_FILE_BYTES / 1048576} MB)` : null;
}
