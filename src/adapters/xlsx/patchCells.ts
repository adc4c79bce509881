/**
 * Changing a few input cells of the user's own .xlsx and nothing else: every other part of the
 * package (other sheets, columns, comments, styles, the hidden store of a consolidated workbook)
 * is kept byte for byte, except that formula cells lose their saved results: the workbook is
 * marked to recalculate on open (Excel honours it), and LibreOffice, which by default keeps saved
 * results of .xlsx files, computes a formula that has none — so both show the new figures. What
 * the user wrote (values, formulas, styles) is unchanged but for the edited cells. The zip is read and written with JSZip (well kept, already under exceljs); the edit
 * itself is a targeted replacement of one `<c>` element, never a re-rendering of the sheet.
 */
import JSZip from "jszip";
import { parseRels, parseWorkbookPart, relsPathOf, resolveTarget, workbookPathOf } from "./readOoxml";

export interface NumberEdit {
  sheet: string;
  /** A1 address. */
  cell: string;
  value: number;
}

/** Why the file cannot be edited in place (Vietnamese, for the user). */
export class PatchRefused extends Error {}

function part(zip: JSZip, path: string): JSZip.JSZipObject | null {
  const lower = path.toLowerCase();
  return zip.file(new RegExp(`^${lower.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "i"))[0] ?? null;
}

/** Sheet name (lower case) → its part path, read as the file reader reads them (./readOoxml). */
async function sheetParts(zip: JSZip): Promise<{ workbook: string; sheets: Map<string, string> }> {
  const bytes = async (path: string) => (await part(zip, path)?.async("uint8array")) ?? null;
  const workbook = workbookPathOf(await bytes("_rels/.rels"));
  const wbBytes = await bytes(workbook);
  const relsBytes = await bytes(relsPathOf(workbook));
  if (!wbBytes || !relsBytes) throw new PatchRefused("tệp không có phần sổ tính (workbook.xml)");
  const rels = parseRels(relsBytes, relsPathOf(workbook));
  const sheets = new Map<string, string>();
  for (const s of parseWorkbookPart(wbBytes, workbook).sheets) {
    const rel = rels.find((r) => r.id === s.rid);
    if (rel) sheets.set(s.name.toLowerCase(), resolveTarget(workbook, rel.target));
  }
  return { workbook, sheets };
}

/** The sheet XML with the cell's element holding `value`; its style kept, its type and any old value dropped. */
function setCell(xml: string, sheet: string, cell: string, value: number): string {
  const re = new RegExp(`<((?:\\w+:)?)c\\b(?=[^>]*\\sr\\s*=\\s*["']${cell}["'])([^>]*?)(/>|>([\\s\\S]*?)</\\1c>)`);
  const m = re.exec(xml);
  if (!m) throw new PatchRefused(`không tìm thấy ô ${cell} trong trang "${sheet}"`);
  const [whole, prefix, attrs, , inner = ""] = m;
  if (/<(?:\w+:)?f\b/.test(inner)) throw new PatchRefused(`ô ${cell} ở trang "${sheet}" là công thức, không ghi đè`);
  const kept = attrs.replace(/\s+t\s*=\s*(?:"[^"]*"|'[^']*')/, "");
  const replacement = `<${prefix}c${kept}><${prefix}v>${String(value)}</${prefix}v></${prefix}c>`;
  return xml.slice(0, m.index) + replacement + xml.slice(m.index + whole.length);
}

/** The sheet XML with every formula cell's saved result (and its type) removed. */
function dropCachedResults(xml: string): string {
  return xml.replace(/<((?:\w+:)?)c\b([^>]*?)(?<!\/)>((?:(?!<\/\1c>)[\s\S])*?)<\/\1c>/g, (whole, prefix: string, attrs: string, inner: string) => {
    if (!/<(?:\w+:)?f\b/.test(inner)) return whole;
    const kept = attrs.replace(/\s+t\s*=\s*(?:"[^"]*"|'[^']*')/, "");
    return `<${prefix}c${kept}>${inner.replace(new RegExp(`<${prefix}v\\b[^>]*?(?:/>|>[\\s\\S]*?</${prefix}v>)`, "g"), "")}</${prefix}c>`;
  });
}

/** Mark the workbook to recalculate every formula when opened. */
function recalcOnLoad(xml: string): string {
  const calcPr = /<((?:\w+:)?)calcPr\b([^>]*?)(\/?)>/.exec(xml);
  if (calcPr) {
    const attrs = calcPr[2].replace(/\s+fullCalcOnLoad\s*=\s*(?:"[^"]*"|'[^']*')/, "");
    return xml.replace(calcPr[0], `<${calcPr[1]}calcPr${attrs} fullCalcOnLoad="1"${calcPr[3]}>`);
  }
  const prefix = /<((?:\w+:)?)workbook\b/.exec(xml)?.[1] ?? "";
  const after = new RegExp(`</${prefix}definedNames>|</${prefix}sheets>`);
  const anchor = [...xml.matchAll(new RegExp(after, "g"))].pop();
  if (!anchor || anchor.index === undefined) throw new PatchRefused("phần sổ tính không có danh sách trang");
  const at = anchor.index + anchor[0].length;
  return `${xml.slice(0, at)}<${prefix}calcPr fullCalcOnLoad="1"/>${xml.slice(at)}`;
}

/** The .xlsx with the given number cells changed; everything else as it was. */
export async function patchCells(bytes: Uint8Array, edits: readonly NumberEdit[]): Promise<Uint8Array> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new PatchRefused("tệp không phải .xlsx đọc được");
  }
  const { workbook, sheets } = await sheetParts(zip);
  const bySheet = new Map<string, NumberEdit[]>();
  for (const e of edits) bySheet.set(e.sheet, [...(bySheet.get(e.sheet) ?? []), e]);
  for (const sheet of bySheet.keys()) if (!sheets.has(sheet.toLowerCase())) throw new PatchRefused(`tệp không có trang "${sheet}"`);
  for (const [key, path] of sheets) {
    const file = part(zip, path);
    if (!file) continue;
    const original = await file.async("string");
    let xml = original;
    for (const e of [...bySheet].filter(([name]) => name.toLowerCase() === key).flatMap(([, list]) => list)) {
      xml = setCell(xml, e.sheet, e.cell.replace(/\$/g, "").toUpperCase(), e.value);
    }
    xml = dropCachedResults(xml);
    if (xml !== original) zip.file(file.name, xml);
  }
  const wb = part(zip, workbook)!;
  zip.file(wb.name, recalcOnLoad(await wb.async("string")));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
