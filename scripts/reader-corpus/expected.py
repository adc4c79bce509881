"""Write OUTDIR/X.expected.json for every fixture, derived from the SPEC (spec.py) and
the table of writer behaviour below — never from reading a fixture back.

usage: expected.py OUTDIR
"""
import copy
import json
import os
import sys

from spec import SPEC, SHEET_INFO, SHEET_OLD
import variants

LO = "LibreOffice 7.4.7.2 (soffice --convert-to) from openpyxl-basic.xlsx"
LO1904 = "LibreOffice 7.4.7.2 (soffice --convert-to) from openpyxl-1904.xlsx"
GN = "Gnumeric ssconvert 1.12.55 from openpyxl-basic.xlsx"
SHEETJS = "SheetJS 0.20.3 (@e965/xlsx) XLSX.writeFile"

ALL_FORMULAS = {"formulas": "cached"}

# What each writer does that changes what a reader must see, relative to the spec.
#   formulas: "cached" (the writer stores the spec result) or "none" (no cached value:
#             the cell reads empty); noResult: formula cells written without a result.
#   dropCells: cells the writer does not write at all, with why.
#   visibleSheets: sheets whose hidden state the writer does not write.
#   truncate: strings the writer cuts to N UTF-16 code units.
#   boolAsNumber: booleans the writer stores as the numbers 1 / 0.
FIXTURES = {
    "openpyxl-basic.xlsx": dict(writer="openpyxl 3.0.9", formulas="none"),
    "openpyxl-1904.xlsx": dict(writer="openpyxl 3.0.9, workbook epoch CALENDAR_MAC_1904 (date1904)", formulas="none"),
    "lo-basic.xlsx": dict(writer=LO, **ALL_FORMULAS),
    "lo-basic.xls": dict(writer=LO + ", filter 'MS Excel 97' (BIFF8)", **ALL_FORMULAS),
    "lo-basic.ods": dict(
        writer=LO + ", ODF spreadsheet", **ALL_FORMULAS,
        # LibreOffice has no boolean cell type: it imports t="b" as =TRUE()/=FALSE() and
        # its ODS export writes those as office:value-type="float" 1/0 (text TRUE/FALSE).
        boolAsNumber={(SHEET_INFO, "B7"), (SHEET_INFO, "B8")}),
    "lo-1904.xlsx": dict(writer=LO1904, **ALL_FORMULAS),
    "lo-1904.xls": dict(writer=LO1904 + ", filter 'MS Excel 97' (BIFF8)", **ALL_FORMULAS),
    "gnumeric-basic.xlsx": dict(
        writer=GN, formulas="cached",
        visibleSheets={SHEET_OLD: "Gnumeric 1.12.55's xlsx exporter writes no state attribute on <sheet>: "
                                  "the sheet is imported as hidden but exported as visible"}),
    "gnumeric-basic.xls": dict(writer=GN + ", BIFF8", formulas="cached"),
    "exceljs-basic.xlsx": dict(
        writer="ExcelJS 4.4.0 (formulas given {formula, result}; 'Thông tin'!B4 given no result; B10 as rich text)",
        formulas="cached", noResult={(SHEET_INFO, "B4")}),
    "sheetjs-basic.xlsx": dict(writer=SHEETJS + ", bookType xlsx (formula cells given v)", formulas="cached"),
    "sheetjs-basic.xls": dict(
        writer=SHEETJS + ", bookType biff8 (formula cells given v; the BIFF8 writer stores values only)",
        formulas="cached",
        # write_ws_biff8_cell: LABEL record, String(cell.v).slice(0,255). (bookSST: true would
        # use the SST, but SheetJS 0.20.3 never finishes writing a string that needs CONTINUE.)
        truncate={(SHEET_INFO, "B18"): 255}),
    "sheetjs-basic.ods": dict(
        writer=SHEETJS + ", bookType ods (formula cells given v)", formulas="cached",
        dropCells={(SHEET_INFO, "B11"): "SheetJS's ODS writer writes an error cell as an empty <table:table-cell/>",
                   (SHEET_INFO, "B12"): "SheetJS's ODS writer writes an error cell as an empty <table:table-cell/>"},
        visibleSheets={SHEET_OLD: "SheetJS's ODS writer gives every table the style ta1 (table:display=\"true\")"}),
}

VARIANT_WRITER = {
    "var-single-quotes.xlsx": "every attribute single-quoted, in every XML part",
    "var-comments-pi.xlsx": "XML comments and processing instructions inside <row>, <c>, <si> (and before the root)",
    "var-cdata.xlsx": "the text of every <t> and <v> in a CDATA section",
    "var-char-refs.xlsx": "every non-ASCII character as a numeric character reference; ' \" > as predefined entities",
    "var-ns-prefix.xlsx": "a namespace prefix on every element (<x:worksheet xmlns:x=\"…main\">), in every XML part",
    "var-utf8-bom.xlsx": "a UTF-8 BOM at the start of every XML part",
    "var-utf16.xlsx": "every XML part re-encoded as UTF-16LE with BOM, encoding=\"UTF-16\"",
    "var-sharedstrings-case.xlsx": "shared strings part stored as xl/SharedStrings.xml; rels and [Content_Types].xml still say xl/sharedStrings.xml",
    "var-zip64.xlsx": "every entry written with zipfile force_zip64=True: a ZIP64 extra field in each local header (real sizes also in the 32-bit fields)",
    "var-zip64-full.xlsx": "ZIP64 throughout: 0xFFFFFFFF sizes/offsets in local and central headers, values only in ZIP64 extra fields, ZIP64 end-of-central-directory record and locator",
    "var-data-descriptor.xlsx": "written to a non-seekable stream: flag bit 3, zero CRC/sizes in local headers, data descriptors",
    "var-stored.xlsx": "every entry STORED (no compression)",
    "var-empty-v.xlsx": "'Thông tin'!B5 added as <c r=\"B5\"><v></v></c> (empty)",
    "var-formula-no-v.xlsx": "'Thông tin'!C5 added as <c r=\"C5\"><f>1+1</f></c>, no cached value (empty)",
    "var-inline-rich.xlsx": "'Thông tin'!B10 as t=\"inlineStr\" with two rich runs \"UBND \" + \"xã\"",
    "var-phonetic.xlsx": "two shared strings with <rPh> phonetic runs (not part of the text)",
    "var-xstring-escapes.xlsx": "'Thông tin'!B15's shared string uses _x000D_ _x000A_ _x0009_ _x005F_ escapes",
    "var-merged-values.xlsx": "values left in cells covered by merged ranges (PL1 B1, E1, C10): must read empty",
    "var-very-hidden.xlsx": "the third sheet state=\"veryHidden\"",
    "var-macro-content-type.xlsm": "workbook part content type application/vnd.ms-excel.sheet.macroEnabled.main+xml (no VBA project)",
}

BAD_WRITER = {
    "bad-sst-missing-si-end.xlsx": "the first </si> of the shared strings removed (not well-formed)",
    "bad-truncated-sheet.xlsx": "xl/worksheets/sheet2.xml cut in the middle",
    "bad-doctype.xlsx": "a <!DOCTYPE worksheet [<!ENTITY …>]> in xl/worksheets/sheet1.xml",
    "bad-crc-flipped-byte.xlsx": "one byte of the deflated xl/worksheets/sheet2.xml flipped; it still inflates to well-formed XML, only the CRC-32 differs",
    "bad-central-crc.xlsx": "the CRC-32 of xl/worksheets/sheet1.xml in the central directory is wrong (local header and data are right)",
}

# Where openpyxl (oracle.py) legitimately disagrees with the spec. "*" = whole file.
ORACLE_EXCEPTIONS = {
    "var-xstring-escapes.xlsx": [
        {"sheet": SHEET_INFO, "cell": "B15",
         "reason": "openpyxl 3.0.9 does not decode _xHHHH_ escapes in shared strings (it only deletes 'x005F_'), "
                   "so it reads '…Quyết định_x000D__x000A_Dòng hai…'"}],
    "var-sharedstrings-case.xlsx": [
        {"sheet": "*", "cell": "*",
         "reason": "openpyxl opens the part named in [Content_Types].xml with a case-sensitive zipfile lookup and fails "
                   "with KeyError 'xl/sharedStrings.xml'; OPC part names are case-insensitive"}],
    "bad-doctype.xlsx": [
        {"sheet": "*", "cell": "*",
         "reason": "openpyxl without defusedxml parses a DOCTYPE with internal entities silently instead of refusing"}],
}


def expected_cell(c, prof, sheet):
    """The {type, value} a reader must give for spec cell c, or None for empty."""
    key = (sheet, c["addr"])
    if key in prof.get("dropCells", {}):
        return None
    kind = c["kind"]
    if kind == "formula":
        if prof["formulas"] == "none" or key in prof.get("noResult", set()):
            return None
        r = c["result"]
        return None if r["type"] == "string" and r["value"] == "" else dict(r)
    if kind == "string":
        v = c["value"][:prof.get("truncate", {}).get(key, len(c["value"]))]
        return None if v == "" else {"type": "string", "value": v}
    if kind == "number":
        return {"type": "number", "value": c["value"]}
    if kind == "bool":
        if key in prof.get("boolAsNumber", set()):
            return {"type": "number", "value": int(c["value"])}
        return {"type": "boolean", "value": c["value"]}
    if kind == "date":
        v = c["value"]
        return {"type": "date", "value": v[:10] if v.endswith("T00:00:00") or len(v) == 10 else v}
    raise ValueError(kind)


def from_spec(file, prof):
    sheets = []
    for sh in SPEC["sheets"]:
        cells = {}
        for c in sh["cells"]:
            e = expected_cell(c, prof, sh["name"])
            if e is not None:
                cells[c["addr"]] = e
        hidden = sh["state"] != "visible" and sh["name"] not in prof.get("visibleSheets", {})
        sheets.append({"name": sh["name"], "hidden": hidden, "cells": cells})
    out = {"file": file, "writer": prof["writer"], "refuse": False, "sheets": sheets,
           "oracleExceptions": ORACLE_EXCEPTIONS.get(file, [])}
    return out


def all_expected():
    res = {name: from_spec(name, prof) for name, prof in FIXTURES.items()}
    base = res["lo-basic.xlsx"]
    for name, what in VARIANT_WRITER.items():
        e = copy.deepcopy(base)
        e["file"] = name
        e["writer"] = "hand-edited from lo-basic.xlsx: " + what
        e["oracleExceptions"] = ORACLE_EXCEPTIONS.get(name, [])
        if name == "var-xstring-escapes.xlsx":
            # the one variant whose content differs from its base on purpose
            e["sheets"][0]["cells"]["B15"] = {"type": "string", "value": variants.XSTRING_VALUE}
        res[name] = e
    for name, what in BAD_WRITER.items():
        res[name] = {"file": name, "writer": "hand-edited from lo-basic.xlsx: " + what, "refuse": True,
                     "refuseMentions": variants.BAD_PARTS[name], "sheets": [],
                     "oracleExceptions": ORACLE_EXCEPTIONS.get(name, [])}
    return res


def main(outdir):
    made = {f for f in os.listdir(outdir) if f.endswith((".xlsx", ".xlsm", ".xls", ".ods"))}
    exp = all_expected()
    assert made == set(exp), ("fixtures without expected answers or the reverse", made ^ set(exp))
    for name, e in exp.items():
        with open(os.path.join(outdir, name + ".expected.json"), "w", encoding="utf-8") as f:
            json.dump(e, f, ensure_ascii=False, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
