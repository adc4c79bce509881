/**
 * Names and visibility of an OpenDocument spreadsheet's sheets, read from content.xml with the
 * conformant parser: SheetJS leaves entities in ODS sheet names ("KH &apos;cũ&apos;") and does
 * not report hidden sheets (a table style with table:display="false").
 */
import { parseXml } from "./xml";
import { entryOf, readEntry, ZipError, type ZipArchive, type ZipCodec } from "./zip";

export interface SheetInfo {
  name: string;
  hidden: boolean;
}

export function odsSheets(zip: ZipArchive, codec: ZipCodec, maxBytes: number): SheetInfo[] {
  const entry = entryOf(zip, "content.xml");
  if (!entry) throw new ZipError('thiếu phần "content.xml" của tệp OpenDocument');
  const hiddenStyles = new Set<string>();
  const tables: Array<{ name: string; style: string }> = [];
  let style = "";
  parseXml(readEntry(zip, entry, codec, maxBytes), "content.xml", {
    open(name, a) {
      if (name === "style" && a.family === "table") style = a.name ?? "";
      else if (name === "table-properties" && style && a.display === "false") hiddenStyles.add(style);
      else if (name === "table" && a.name !== undefined) tables.push({ name: a.name, style: a["style-name"] ?? "" });
    },
    close(name) {
      if (name === "style") style = "";
    },
  });
  return tables.map((t) => ({ name: t.name, hidden: hiddenStyles.has(t.style) }));
}
