/**
 * Opening a submitted file: what it is comes from its bytes (never its name), then the reader
 * for that format; anything that cannot be read gets a true Vietnamese reason.
 * - Office Open XML (.xlsx, .xlsm, .xltx, .xltm): ./readOoxml.
 * - Excel 97-2003 (.xls) and OpenDocument (.ods): SheetJS, loaded only when such a file appears.
 * - .xlsb, Word files, password-protected .xlsx, anything else: refused with what it is.
 */
import { sniffWorkbook, unreadableReason } from "../../workbook/sniff";
import type { RawWorkbook } from "../../workbook/grid";
import { OoxmlReader } from "./readOoxml";
import { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from "./sheetRules";
import { HostileFile, MalformedPart } from "./xml";
import { odsSheets } from "./odsSheets";
import { entryOf, openZip, readEntry, ZipError, ZipLimit, type ZipArchive, type ZipCodec } from "./zip";

export class UnreadableWorkbook extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "UnreadableWorkbook";
  }
}

export interface OpenOptions {
  /** Inflate and CRC-32 (Node's zlib, or pako in the browser). */
  codec: ZipCodec;
  limits?: ReadLimits;
  /**
   * Opened for its plan or its hidden store (merge --into, --plan, --expected, validate, budget):
   * a consolidated workbook's output-only reports are not read (a national roll-up's task report
   * has more rows than a sheet may have to be read). A mapping table is opened whole.
   */
  planOnly?: boolean;
}

const sheetJs = () => import(/* webpackChunkName: "sheetjs" */ "./readSheetJs");

const SAVE_AS_XLSX = "hãy mở bằng Excel và lưu thành .xlsx (Sổ làm việc Excel)";

/** What a zip holds: a workbook format, or why it is not one. */
type ZipKind = "ooxml" | "xlsb" | "ods" | { notWorkbook: string };

/** Names of a zip's parts say what kind of document it is. */
function zipKind(zip: ZipArchive, codec: ZipCodec): ZipKind {
  if (entryOf(zip, "xl/workbook.bin")) return "xlsb";
  const mimetype = entryOf(zip, "mimetype");
  if (mimetype) {
    const type = new TextDecoder().decode(readEntry(zip, mimetype, codec, 1024)).trim();
    if (type === "application/vnd.oasis.opendocument.spreadsheet" || type === "application/vnd.oasis.opendocument.spreadsheet-template") return "ods";
    if (type.includes("opendocument.text")) return { notWorkbook: "không phải sổ tính (văn bản OpenDocument .odt)" };
    return { notWorkbook: `không phải sổ tính (tệp ${type.slice(0, 60)})` };
  }
  if (entryOf(zip, "_rels/.rels") || entryOf(zip, "xl/workbook.xml") || entryOf(zip, "[Content_Types].xml")) {
    if (entryOf(zip, "word/document.xml")) return { notWorkbook: "không phải sổ tính (tài liệu Word .docx)" };
    if (entryOf(zip, "ppt/presentation.xml")) return { notWorkbook: "không phải sổ tính (bản trình chiếu PowerPoint .pptx)" };
    return "ooxml";
  }
  if (entryOf(zip, "content.xml")) return "ods";
  return { notWorkbook: "không phải sổ tính (tệp nén .zip)" };
}

/** A reader's error as UnreadableWorkbook with its reason; anything else (a fault of ours) as it is. */
function asUnreadable(e: unknown): never {
  const reason = reasonOf(e);
  if (reason) throw new UnreadableWorkbook(reason);
  throw e;
}

function reasonOf(e: unknown): string | null {
  if (e instanceof UnreadableWorkbook) return e.reason;
  if (e instanceof ZipError) return `tệp bị hỏng hoặc không đầy đủ (${e.message})`;
  if (e instanceof MalformedPart) return `tệp bị hỏng: ${e.message}`;
  if (e instanceof ZipLimit || e instanceof LimitExceeded) return `tệp vượt giới hạn đọc: ${e.message}`;
  if (e instanceof HostileFile) return `tệp bị từ chối: ${e.message}`;
  return null;
}

async function openCompound(bytes: Uint8Array, limits: ReadLimits): Promise<RawWorkbook> {
  const { compoundKind, readWithSheetJs } = await sheetJs();
  let kind;
  try {
    kind = compoundKind(bytes);
  } catch {
    throw new UnreadableWorkbook("tệp Excel 97-2003 (.xls) bị hỏng: không đọc được cấu trúc tệp");
  }
  switch (kind) {
    case "encrypted-ooxml":
      throw new UnreadableWorkbook("tệp .xlsx có đặt mật khẩu mở; hãy bỏ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hoá bằng mật khẩu) rồi gửi lại");
    case "word":
      throw new UnreadableWorkbook("không phải sổ tính (tài liệu Word .doc)");
    case "other":
      throw new UnreadableWorkbook("tệp dạng OLE nhưng không có sổ tính Excel 97-2003 bên trong");
    case "xls":
      try {
        return readWithSheetJs(bytes, limits);
      } catch (e) {
        if (e instanceof LimitExceeded) throw e;
        const msg = e instanceof Error ? e.message : String(e);
        if (/password|encrypt/i.test(msg)) throw new UnreadableWorkbook("tệp Excel 97-2003 (.xls) có đặt mật khẩu mở; hãy bỏ mật khẩu rồi gửi lại");
        throw new UnreadableWorkbook(`tệp Excel 97-2003 (.xls) bị hỏng (${msg.slice(0, 120)}); ${SAVE_AS_XLSX}`);
      }
  }
}

async function openZipped(bytes: Uint8Array, codec: ZipCodec, limits: ReadLimits, planOnly: boolean): Promise<RawWorkbook> {
  const zip = openZip(bytes, limits.maxEntries);
  const odd = [...zip.entries.values()].find((e) => e.name.split("/").some((seg) => seg === "..") || /^[a-zA-Z]:/.test(e.name) || e.name.includes("\u0000"));
  if (odd) throw new HostileFile(`tệp nén chứa đường dẫn bất thường "${odd.name.slice(0, 80)}"`);
  const kind = zipKind(zip, codec);
  if (kind === "ooxml") return new OoxmlReader(zip, codec, limits).read(planOnly);
  if (kind === "xlsb") throw new UnreadableWorkbook(`định dạng .xlsb (sổ nhị phân) chưa hỗ trợ — ${SAVE_AS_XLSX}`);
  if (kind === "ods") {
    const sheets = odsSheets(zip, codec, limits.maxPartBytes);
    const { readWithSheetJs } = await sheetJs();
    try {
      return readWithSheetJs(bytes, limits, sheets);
    } catch (e) {
      if (e instanceof LimitExceeded) throw e;
      throw new UnreadableWorkbook(`tệp OpenDocument (.ods) bị hỏng (${(e instanceof Error ? e.message : String(e)).slice(0, 120)})`);
    }
  }
  throw new UnreadableWorkbook(kind.notWorkbook);
}

/** Raw values of a workbook's bytes, or UnreadableWorkbook with the reason. */
export async function openWorkbook(bytes: Uint8Array, opts: OpenOptions): Promise<RawWorkbook> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const kind = sniffWorkbook(bytes);
  try {
    if (kind === "xlsx") return await openZipped(bytes, opts.codec, limits, opts.planOnly ?? false);
    if (kind === "cfb") return await openCompound(bytes, limits);
  } catch (e) {
    asUnreadable(e);
  }
  throw new UnreadableWorkbook(unreadableReason(kind) ?? "không phải tệp sổ tính");
}

/**
 * The names of all a workbook's sheets, hidden ones and our "Danh mục" too (which openWorkbook
 * leaves out), from its workbook part alone (the .xlsx family): no sheet is read, so asking what a
 * large file is costs next to nothing. Null for other formats (open those whole);
 * UnreadableWorkbook with the reason, as openWorkbook.
 */
export function sheetNames(bytes: Uint8Array, opts: OpenOptions): string[] | null {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  if (sniffWorkbook(bytes) !== "xlsx") return null;
  try {
    const zip = openZip(bytes, limits.maxEntries);
    return zipKind(zip, opts.codec) === "ooxml" ? new OoxmlReader(zip, opts.codec, limits).sheetNames() : null;
  } catch (e) {
    asUnreadable(e);
  }
}
