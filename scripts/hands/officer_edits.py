#!/usr/bin/env python3
"""An officer's hand edits to a consolidated workbook, done the way a person does them in Excel.

    python3 officer_edits.py IN.xlsx OUT.xlsx EDITS.json [--sheet NAME]
    python3 officer_edits.py --self-test

EDITS.json (every key optional):
    {"rename": [{"from": NAME, "to": NAME}],
     "note":   [{"name": NAME, "note": TEXT}],
     "group":  [{"name": NAME, "group": LABEL}],
     "delete": [NAME],
     "add":    [{"after": NAME, "name": NAME, "group": LABEL, "area": AREA, "note": TEXT, "stt": N | "next"}]}
Any edit that names a row may carry "area": AREA to tell apart two rows of the same name
(seed 001: UBND xã Tân Bình of huyện Thanh Bình and of huyện Châu Thành); a delete entry is
then {"name": NAME, "area": AREA} instead of a bare NAME; for "add", whose "area" is the new
row's, the named row's area goes in "afterArea".

What it does (SPEC §7, "the officer's corrections"):
  * opens IN with openpyxl and edits only the Phụ lục 1 sheet: a sheet whose header row has a cell
    "Tên cơ quan…" (not PL2's "Tên cơ quan thực hiện / nội dung"); its name does not matter ("PL1 Danh
    sách cơ quan", "Phụ lục 1", …). When several sheets qualify (a report sheet listing agencies), the
    one whose header has the most of STT / Nhóm cơ quan / Địa bàn / Ghi chú wins, then the one named like
    Phụ lục 1, then the first; --sheet NAME forces it;
  * finds the columns by header text (Tên cơ quan, Nhóm cơ quan, Địa bàn…, Ghi chú, STT), never by
    letter, also when the header takes two rows;
  * finds a row by the text of its name cell after trimming (and Unicode NFC, and runs of spaces
    collapsed: what a person sees), case and tone marks as written;
  * rename / note / group: types over the cell;
  * delete: deletes the whole row (rows below move up; no blank row is left);
  * add: inserts a row right after the named row, with that row's formatting, and types name, group,
    area and note; STT is left blank (what a person often does) unless "stt" is a number or "next"
    (the STT of the row above + 1; rows below are not renumbered);
  * edits are applied in this order: rename, group, note, delete, add (so "after" and "name" refer to
    names as they are after the renames);
  * like Excel, a row deletion or insertion moves merged cells, row heights / hidden rows, data
    validations, conditional formats, tables, the auto-filter and every formula reference (in any
    sheet, and in defined names) that points at the edited sheet; nothing else in other sheets is
    changed. openpyxl does not keep formulas' cached values: re-save OUT through LibreOffice (or
    Excel) before reading what it displays.
  * refuses with exit code 2 and a message, writing nothing, when a named row is not found, is found
    twice without an "area" that tells them apart, a needed column is missing, no Phụ lục 1 sheet is
    found, or EDITS.json is malformed.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from copy import copy

import openpyxl
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange


class Refuse(Exception):
    pass


# ------------------------------------------------------------------ text

def shown(v):
    """The text a person sees in a cell, trimmed: NFC, NBSP as space, runs of spaces collapsed."""
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    s = unicodedata.normalize("NFC", str(v)).replace("\u00a0", " ")
    return " ".join(s.split())


def folded(v):
    return shown(v).casefold()


# ------------------------------------------------------------------ finding the list

HEADER_KEYS = {
    "name": lambda t: t.startswith("tên cơ quan") and "thực hiện" not in t,
    "group": lambda t: t.startswith("nhóm"),
    "area": lambda t: t.startswith("địa bàn"),
    "note": lambda t: t.startswith("ghi chú"),
    "stt": lambda t: t in ("stt", "tt", "số tt", "số thứ tự"),
}


def _header_cells(ws, r):
    found = {}
    for c in range(1, (ws.max_column or 1) + 1):
        t = folded(ws.cell(row=r, column=c).value)
        if not t:
            continue
        for k, test in HEADER_KEYS.items():
            if k not in found and test(t):
                found[k] = c
                break
    return found


_LIST_TITLE = re.compile(r"pl\s*0?1\b|ph[uụ] l[uụ]c (1|i)\b|danh s[aá]ch", re.I)


def find_list(wb, sheet=None):
    """(worksheet, header row, first data row, {key: column}) of the Phụ lục 1 list.
    Every sheet with a 'Tên cơ quan' header row is a candidate (a consolidated workbook may also
    have a report sheet naming agencies); the one whose header has the most of STT / Nhóm / Địa bàn /
    Ghi chú wins, then one whose name looks like Phụ lục 1, then the first."""
    if sheet is not None:
        if sheet not in wb.sheetnames:
            raise Refuse(f"no sheet named '{sheet}'")
        found = _find_in(wb[sheet])
        if found is None:
            raise Refuse(f"sheet '{sheet}' has no header row with 'Tên cơ quan'")
        return found
    best = None
    for i, ws in enumerate(wb.worksheets):
        found = _find_in(ws)
        if found is None:
            continue
        cols = found[3]
        score = (sum(k in cols for k in ("stt", "group", "area", "note")),
                 1 if _LIST_TITLE.search(ws.title) else 0, -i)
        if best is None or score > best[0]:
            best = (score, found)
    if best is None:
        raise Refuse("no sheet has a header row with 'Tên cơ quan' (the Phụ lục 1 list)")
    return best[1]


def _find_in(ws):
    for r in range(1, min(ws.max_row or 0, 60) + 1):
        cols = _header_cells(ws, r)
        if "name" not in cols:
            continue
        row_text = " ".join(folded(ws.cell(row=r, column=c).value) for c in range(1, (ws.max_column or 1) + 1))
        if "số tiền" in row_text or "định mức" in row_text:
            continue
        first = r + 1
        below = _header_cells(ws, r + 1)
        below.pop("name", None)
        if below and not any(isinstance(ws.cell(row=r + 1, column=c).value, (int, float))
                             for c in range(1, (ws.max_column or 1) + 1)):
            for k, c in below.items():
                cols.setdefault(k, c)
            first = r + 2
        return ws, r, first, cols
    return None


# ------------------------------------------------------------------ rows and references

_REF = re.compile(
    r"(?<![A-Za-z0-9_.\u00C0-\u1EF9$])"
    r"(?:(?P<sheet>'(?:[^']|'')+'|[A-Za-z0-9_.\u00C0-\u1EF9]+)!)?"
    r"(?P<c1>\$?[A-Z]{1,3})(?P<r1>\$?)(?P<n1>\d+)"
    r"(?::(?P<c2>\$?[A-Z]{1,3})(?P<r2>\$?)(?P<n2>\d+))?"
    r"(?![A-Za-z0-9_(\u00C0-\u1EF9])")


def _sheet_of(token, here):
    if token is None:
        return here
    if token.startswith("'"):
        return token[1:-1].replace("''", "'")
    return token


def _shift_pair(a, b, at, n):
    """Rows a..b of a reference after inserting n>0 rows before row `at` or deleting row `at` (n=-1).
    Returns (a, b) or None when the reference is deleted."""
    if n > 0:
        if a >= at:
            return a + n, b + n
        if b >= at:
            return a, b + n
        return a, b
    if a == at and b == at:
        return None
    na = a - 1 if a > at else a
    nb = b - 1 if b >= at else b
    return na, nb


def shift_formula(f, target, here, at, n):
    """Rewrite the references to sheet `target` in formula f (written in sheet `here`)."""
    if not isinstance(f, str) or not f.startswith("="):
        return f
    parts = f.split('"')
    for i in range(0, len(parts), 2):          # outside string literals only
        def rep(m):
            if _sheet_of(m.group("sheet"), here) != target:
                return m.group(0)
            a = int(m.group("n1"))
            b = int(m.group("n2")) if m.group("n2") else a
            s = _shift_pair(a, b, at, n)
            pre = (m.group("sheet") + "!") if m.group("sheet") else ""
            if s is None:
                return pre + "#REF!"
            out = f"{pre}{m.group('c1')}{m.group('r1')}{s[0]}"
            if m.group("n2"):
                out += f":{m.group('c2')}{m.group('r2')}{s[1]}"
            return out
        parts[i] = _REF.sub(rep, parts[i])
    return '"'.join(parts)


def _shift_sqref(text, at, n):
    out = []
    for rng in str(text).split():
        m = re.fullmatch(r"(\$?[A-Z]{1,3})(\$?)(\d+)(?::(\$?[A-Z]{1,3})(\$?)(\d+))?", rng)
        if not m:
            out.append(rng)
            continue
        a = int(m.group(3))
        b = int(m.group(6)) if m.group(6) else a
        s = _shift_pair(a, b, at, n)
        if s is None:
            continue
        r = f"{m.group(1)}{m.group(2)}{s[0]}"
        if m.group(6):
            r += f":{m.group(4)}{m.group(5)}{s[1]}"
        out.append(r)
    return " ".join(out)


def _defined_names(wb):
    dn = wb.defined_names
    if hasattr(dn, "definedName"):
        return list(dn.definedName)
    return list(dn.values())


def change_rows(wb, ws, at, n, mirror=None):
    """Insert n>0 rows before row `at`, or delete row `at` (n=-1), and move what Excel moves."""
    merged = []
    for m in list(ws.merged_cells.ranges):
        if m.max_row >= at:                      # ranges wholly above the edit stay as they are
            merged.append((m.min_row, m.min_col, m.max_row, m.max_col))
            ws.unmerge_cells(str(m))
    dims = dict(ws.row_dimensions.items())
    if n > 0:
        ws.insert_rows(at, n)
        if mirror is not None:
            mirror.insert_rows(at, n)
    else:
        ws.delete_rows(at, 1)
        if mirror is not None:
            mirror.delete_rows(at, 1)
    for (r1, c1, r2, c2) in merged:
        s = _shift_pair(r1, r2, at, n)
        if s is None:
            continue
        if s[0] == s[1] and c1 == c2:
            continue
        ws.merge_cells(start_row=s[0], start_column=c1, end_row=s[1], end_column=c2)
    for k in list(ws.row_dimensions.keys()):
        del ws.row_dimensions[k]
    for k, d in dims.items():
        if n < 0 and k == at:
            continue
        nk = k + n if k >= (at if n > 0 else at + 1) else k
        nd = copy(d)
        nd.index = nk
        ws.row_dimensions[nk] = nd
    # formulas everywhere that point at this sheet
    for other in wb.worksheets:
        for row in other.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.value = shift_formula(c.value, ws.title, other.title, at, n)
    for d in _defined_names(wb):
        if d.attr_text:
            d.attr_text = shift_formula("=" + d.attr_text, ws.title, None, at, n)[1:]
    keep = []
    for dv in ws.data_validations.dataValidation:
        sq = _shift_sqref(dv.sqref, at, n)
        if sq:
            dv.sqref = MultiCellRange(sq)
            keep.append(dv)
    ws.data_validations.dataValidation = keep
    cfs = list(ws.conditional_formatting)
    if cfs:
        new = ConditionalFormattingList()
        for cf in cfs:
            sq = _shift_sqref(cf.sqref, at, n)
            if sq:
                for rule in cf.rules:
                    new.add(sq, rule)
        ws.conditional_formatting = new
    for t in ws.tables.values():
        t.ref = _shift_sqref(t.ref, at, n) or t.ref
        if t.autoFilter is not None and t.autoFilter.ref:
            t.autoFilter.ref = t.ref
    if ws.auto_filter.ref:
        ws.auto_filter.ref = _shift_sqref(ws.auto_filter.ref, at, n) or None


# ------------------------------------------------------------------ the edits

class Sheet:
    def __init__(self, wb, wbv, sheet=None):
        self.wb = wb
        self.ws, self.header, self.first, self.cols = find_list(wb, sheet)
        self.wsv = wbv[self.ws.title] if wbv is not None else None

    def text(self, r, key):
        c = self.cols.get(key)
        if c is None:
            return ""
        v = self.ws.cell(row=r, column=c).value
        if isinstance(v, str) and v.startswith("=") and self.wsv is not None:
            v = self.wsv.cell(row=r, column=c).value
        return shown(v)

    def find(self, name, area=None, what="row"):
        want = shown(name)
        hits = [r for r in range(self.first, (self.ws.max_row or 0) + 1) if self.text(r, "name") == want]
        if area is not None:
            if "area" not in self.cols:
                raise Refuse(f"{what} '{name}': 'area' given but the sheet has no Địa bàn column")
            hits = [r for r in hits if folded(self.text(r, "area")) == folded(area)]
        if not hits:
            raise Refuse(f"{what} '{name}'" + (f" ({area})" if area else "") +
                         f" not found in column {get_column_letter(self.cols['name'])} of '{self.ws.title}'")
        if len(hits) > 1:
            raise Refuse(f"{what} '{name}' is on rows {hits} of '{self.ws.title}': give \"area\" to say which")
        return hits[0]

    def col(self, key, what):
        if key not in self.cols:
            label = {"group": "Nhóm cơ quan", "area": "Địa bàn", "note": "Ghi chú", "stt": "STT"}[key]
            raise Refuse(f"{what}: the sheet '{self.ws.title}' has no '{label}' column")
        return self.cols[key]

    def put(self, r, key, value, what):
        c = self.col(key, what)
        self.ws.cell(row=r, column=c).value = value
        if self.wsv is not None:
            try:
                self.wsv.cell(row=r, column=c).value = value
            except AttributeError:       # a merged cell in the values copy: only used for lookups
                pass


def _need(d, keys, what):
    if not isinstance(d, dict):
        raise Refuse(f"{what}: expected an object, got {d!r}")
    for k in keys:
        if not isinstance(d.get(k), str) or not d[k].strip():
            raise Refuse(f"{what}: missing '{k}'")


def apply_edits(wb, edits, wbv=None, sheet=None):
    if not isinstance(edits, dict):
        raise Refuse("EDITS.json must hold an object")
    unknown = set(edits) - {"rename", "note", "group", "delete", "add"}
    if unknown:
        raise Refuse(f"EDITS.json: unknown key(s) {sorted(unknown)}")
    sh = Sheet(wb, wbv, sheet)
    log = []
    for e in edits.get("rename", []):
        _need(e, ["from", "to"], "rename")
        r = sh.find(e["from"], e.get("area"), "rename")
        sh.put(r, "name", e["to"], "rename")
        log.append(f"rename row {r}: {e['from']} -> {e['to']}")
    for e in edits.get("group", []):
        _need(e, ["name", "group"], "group")
        r = sh.find(e["name"], e.get("area"), "group")
        sh.put(r, "group", e["group"], "group")
        log.append(f"group row {r}: {e['name']} -> {e['group']}")
    for e in edits.get("note", []):
        _need(e, ["name"], "note")
        r = sh.find(e["name"], e.get("area"), "note")
        sh.put(r, "note", e.get("note"), "note")
        log.append(f"note row {r}: {e['name']}")
    for e in edits.get("delete", []):
        if isinstance(e, str):
            e = {"name": e}
        _need(e, ["name"], "delete")
        r = sh.find(e["name"], e.get("area"), "delete")
        change_rows(wb, sh.ws, r, -1, sh.wsv)
        log.append(f"delete row {r}: {e['name']}")
    for e in edits.get("add", []):
        _need(e, ["after", "name"], "add")
        r = sh.find(e["after"], e.get("afterArea"), "add after")
        for k in ("group", "area", "note"):
            if e.get(k) is not None:
                sh.col(k, "add")
        change_rows(wb, sh.ws, r + 1, 1, sh.wsv)
        n = r + 1
        for c in range(1, (sh.ws.max_column or 1) + 1):
            src, dst = sh.ws.cell(row=r, column=c), sh.ws.cell(row=n, column=c)
            if src.has_style:
                dst._style = copy(src._style)
        if r in sh.ws.row_dimensions and sh.ws.row_dimensions[r].ht:
            sh.ws.row_dimensions[n].height = sh.ws.row_dimensions[r].ht
        sh.put(n, "name", e["name"], "add")
        for k in ("group", "area", "note"):
            if e.get(k) is not None:
                sh.put(n, k, e[k], "add")
        stt = e.get("stt")
        if stt == "next":
            above = sh.ws.cell(row=r, column=sh.col("stt", "add")).value
            try:
                stt = int(str(above).strip()) + 1
            except ValueError:
                raise Refuse(f"add '{e['name']}': stt 'next' but the row above has STT {above!r}")
        if stt is not None:
            sh.put(n, "stt", stt, "add")
        log.append(f"add row {n}: {e['name']} (after {e['after']})")
    return sh, log


def run(src, dst, edits_path, sheet=None):
    try:
        with open(edits_path, encoding="utf-8") as f:
            edits = json.load(f)
    except (OSError, ValueError) as ex:
        raise Refuse(f"cannot read EDITS.json: {ex}")
    try:
        wb = openpyxl.load_workbook(src)
        wbv = openpyxl.load_workbook(src, data_only=True)
    except Exception as ex:   # noqa: BLE001
        raise Refuse(f"cannot open {src}: {ex}")
    sh, log = apply_edits(wb, edits, wbv, sheet)
    wb.save(dst)
    return sh, log


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    sheet = None
    if len(argv) == 6 and argv[4] == "--sheet":
        sheet = argv[5]
        argv = argv[:4]
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        sh, log = run(argv[1], argv[2], argv[3], sheet)
    except Refuse as ex:
        print(f"officer_edits: refused: {ex}", file=sys.stderr)
        return 2
    print(f"officer_edits: sheet '{sh.ws.title}', header row {sh.header}")
    for line in log:
        print("  " + line)
    return 0


# ------------------------------------------------------------------ self-test

def _toy(path):
    """Thông tin, then PL2 (its header also starts with 'Tên cơ quan'), then the list with columns
    moved (Địa bàn before Nhóm), a two-row header, a name with stray spaces, one name twice in two
    districts, a bold row, a hidden row, a formula under the list, a merged signature block; PL2
    formulas point into the list. Rows of the list:
      5 I | 6 Sở Tài Chính | 7 ' Sở  Nội vụ ' | 8 II | 9 Tân Bình (Thanh Bình) | 10 Tân Mỹ (bold)
      11 Tân Bình (Châu Thành) | 12 Tân Phú (hidden) | 13 Tổng cộng, E13 =COUNTA(B9:B12) | 15 B15:C15 merged"""
    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Thông tin"
    info["A1"], info["B1"] = "Định mức duy trì, cải tiến", 15
    rep = wb.create_sheet("Báo cáo tổng hợp")      # a report naming agencies: not the list
    rep["A1"], rep["B1"], rep["C1"] = "Tệp", "Tên cơ quan", "Lý do"
    rep["A2"], rep["B2"], rep["C2"] = "KH ISO 2022.xlsx", "Sở Tài Chính", "gửi 2 lần"
    pl2 = wb.create_sheet("PL2 Kinh phí")
    pl1 = wb.create_sheet("PL1 Danh sách cơ quan")
    pl1["A1"] = "Phụ lục 1"
    pl1.merge_cells("A1:E1")
    pl1["A3"], pl1["B3"], pl1["C3"], pl1["E3"] = "STT", "Tên cơ quan", "Phân loại", "Ghi chú"
    pl1.merge_cells("C3:D3")
    pl1["C4"], pl1["D4"] = "Địa bàn / đơn vị cấp trên", "Nhóm cơ quan"
    for c in "ABE":
        pl1.merge_cells(f"{c}3:{c}4")
    rows = [("I", "Sở, ban, ngành Tỉnh", None, None, None),
            (1, "Sở Tài Chính", "tỉnh Đồng Tháp", "Cơ quan cấp sở, ngành", None),
            (2, " Sở  Nội vụ ", "tỉnh Đồng Tháp", "Cơ quan cấp sở, ngành", None),
            ("II", "UBND huyện, thị xã, thành phố", None, None, None),
            (3, "UBND xã Tân Bình", "huyện Thanh Bình", "Cơ quan cấp xã", None),
            (4, "UBND xã Tân Mỹ", "huyện Thanh Bình", "Cơ quan cấp xã", None),
            (5, "UBND xã Tân Bình", "huyện Châu Thành", "Cơ quan cấp xã", None),
            (6, "UBND xã Tân Phú", "huyện Châu Thành", "Cơ quan cấp xã", "cũ"),
            (None, "Tổng cộng: 6 cơ quan", None, None, "=COUNTA(B9:B12)")]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            pl1.cell(row=5 + i, column=j + 1, value=v)
    pl1["B10"].font = openpyxl.styles.Font(name="Times New Roman", bold=True)
    pl1.row_dimensions[12].hidden = True
    pl1["B15"] = "NGƯỜI LẬP BIỂU"
    pl1.merge_cells("B15:C15")
    pl2["A1"], pl2["B1"], pl2["C1"], pl2["D1"] = "STT", "Tên cơ quan thực hiện / nội dung", "Số lượng", "Số tiền"
    pl2["B2"] = "Cơ quan cấp xã"
    pl2["C2"] = "=COUNTIF('PL1 Danh sách cơ quan'!$D$6:$D$12,\"Cơ quan cấp xã\")"
    pl2["D2"] = "=C2*'Thông tin'!B1"
    pl2["C3"] = "='PL1 Danh sách cơ quan'!B12"
    pl2["C4"] = "='PL1 Danh sách cơ quan'!B9"
    pl2["E1"] = "B9 là chữ, không phải ô"
    wb.create_sheet("Nội dung thực hiện")["A1"] = "Tên cơ quan"     # after the list: never chosen
    wb.save(path)


def self_test():
    ok = True

    def check(cond, msg):
        nonlocal ok
        if not cond:
            ok = False
            print("FAIL", msg)

    tmp = tempfile.mkdtemp(prefix="officer-edits-")
    try:
        src = os.path.join(tmp, "in.xlsx")
        dst = os.path.join(tmp, "out.xlsx")
        _toy(src)
        edits = {"rename": [{"from": "Sở Tài Chính", "to": "Sở Tài chính"}],
                 "group": [{"name": "UBND xã Tân Mỹ", "group": "Cơ quan cấp huyện"}],
                 "note": [{"name": "Sở Nội vụ", "note": "đã kiểm tra"},
                          {"name": "UBND xã Tân Bình", "area": "huyện Châu Thành", "note": "trùng tên, khác huyện"}],
                 "delete": [{"name": "UBND xã Tân Bình", "area": "huyện Thanh Bình"}],
                 "add": [{"after": "UBND xã Tân Mỹ", "name": "UBND xã Tân Huề", "group": "Cơ quan cấp xã",
                          "area": "huyện Thanh Bình", "note": "bổ sung", "stt": "next"},
                         {"after": "Sở Nội vụ", "name": "Sở Ngoại vụ", "group": "Cơ quan cấp sở, ngành",
                          "area": "tỉnh Đồng Tháp"}]}
        ep = os.path.join(tmp, "edits.json")
        with open(ep, "w", encoding="utf-8") as f:
            json.dump(edits, f, ensure_ascii=False)
        check(main(["x", src, dst, ep]) == 0, "edits applied")
        wb = openpyxl.load_workbook(dst)
        ws = wb["PL1 Danh sách cơ quan"]
        got = [tuple(ws.cell(row=r, column=c).value for c in range(1, 6)) for r in range(5, 14)]
        want = [("I", "Sở, ban, ngành Tỉnh", None, None, None),
                (1, "Sở Tài chính", "tỉnh Đồng Tháp", "Cơ quan cấp sở, ngành", None),
                (2, " Sở  Nội vụ ", "tỉnh Đồng Tháp", "Cơ quan cấp sở, ngành", "đã kiểm tra"),
                (None, "Sở Ngoại vụ", "tỉnh Đồng Tháp", "Cơ quan cấp sở, ngành", None),
                ("II", "UBND huyện, thị xã, thành phố", None, None, None),
                (4, "UBND xã Tân Mỹ", "huyện Thanh Bình", "Cơ quan cấp huyện", None),
                (5, "UBND xã Tân Huề", "huyện Thanh Bình", "Cơ quan cấp xã", "bổ sung"),
                (5, "UBND xã Tân Bình", "huyện Châu Thành", "Cơ quan cấp xã", "trùng tên, khác huyện"),
                (6, "UBND xã Tân Phú", "huyện Châu Thành", "Cơ quan cấp xã", "cũ")]
        for g, w in zip(got, want):
            check(g == w, f"row {g} != {w}")
        check(ws["B14"].value == "Tổng cộng: 6 cơ quan", f"total row now 14: {ws['B14'].value!r}")
        check(ws["E14"].value == "=COUNTA(B10:B13)", f"formula under the list {ws['E14'].value!r}")
        check(ws["B11"].font.bold and not ws["B8"].font.bold, "an added row takes the formatting of the row above")
        check(ws.row_dimensions[13].hidden and not ws.row_dimensions[12].hidden, "hidden row moved 12 -> 13")
        merged = sorted(str(m) for m in ws.merged_cells.ranges)
        check(merged == sorted(["A1:E1", "C3:D3", "A3:A4", "B3:B4", "E3:E4", "B16:C16"]), f"merged cells {merged}")
        check(all(ws.cell(row=r, column=2).value for r in range(5, 15)), "no blank row left in the list")
        p2 = wb["PL2 Kinh phí"]
        check(p2["C2"].value == "=COUNTIF('PL1 Danh sách cơ quan'!$D$6:$D$13,\"Cơ quan cấp xã\")",
              f"PL2 range {p2['C2'].value!r}")
        check(p2["C3"].value == "='PL1 Danh sách cơ quan'!B13", f"PL2 ref to the last row {p2['C3'].value!r}")
        check(p2["C4"].value == "='PL1 Danh sách cơ quan'!#REF!", f"PL2 ref to the deleted row {p2['C4'].value!r}")
        check(p2["D2"].value == "=C2*'Thông tin'!B1" and p2["E1"].value == "B9 là chữ, không phải ô",
              "other references and texts untouched")
        check(wb["Thông tin"]["B1"].value == 15 and wb["Nội dung thực hiện"]["A1"].value == "Tên cơ quan"
              and wb["Báo cáo tổng hợp"]["B2"].value == "Sở Tài Chính", "other sheets untouched")
        # what a reader sees after the LibreOffice re-save (when soffice is there)
        if shutil.which("soffice"):
            home = os.path.join(tmp, "lo")
            r = subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{home}",
                                "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
                                os.path.join(tmp, "re"), dst], capture_output=True, env=dict(os.environ, HOME=tmp))
            re_p = os.path.join(tmp, "re", "out.xlsx")
            check(r.returncode == 0 and os.path.exists(re_p), "LibreOffice re-save")
            if os.path.exists(re_p):
                v = openpyxl.load_workbook(re_p, data_only=True)
                check(v["PL1 Danh sách cơ quan"]["E14"].value == 4, "COUNTA after the re-save")
                check(v["PL2 Kinh phí"]["C2"].value == 3, f"PL2 count after the re-save {v['PL2 Kinh phí']['C2'].value!r}")
                check(v["PL1 Danh sách cơ quan"]["B11"].value == "UBND xã Tân Huề", "added row after the re-save")
        else:
            print("(soffice not found: re-save check skipped)")
        # refusals: exit 2, nothing written
        for bad, why in [({"delete": ["UBND xã Không Có"]}, "missing name"),
                         ({"note": [{"name": "UBND xã Tân Bình", "note": "x"}]}, "two rows of that name, no area"),
                         ({"rename": [{"from": "sở tài chính", "to": "x"}]}, "case differs from the cell"),
                         ({"add": [{"after": "UBND xã Không Có", "name": "x"}]}, "missing 'after' row"),
                         ({"group": [{"name": "Sở Tài Chính"}]}, "no group given"),
                         ({"renam": []}, "unknown key")]:
            with open(ep, "w", encoding="utf-8") as f:
                json.dump(bad, f, ensure_ascii=False)
            out2 = os.path.join(tmp, "refused.xlsx")
            check(main(["x", src, out2, ep]) == 2, f"refuse: {why}")
            check(not os.path.exists(out2), f"nothing written: {why}")
        # the list sheet is found by its header whatever its name; a sheet without Ghi chú refuses a note
        wb = openpyxl.load_workbook(src)
        wb["PL1 Danh sách cơ quan"].title = "Phụ lục 1"
        wb.save(src)
        with open(ep, "w", encoding="utf-8") as f:
            json.dump({"note": [{"name": "UBND xã Tân Phú", "note": "mới"}]}, f, ensure_ascii=False)
        check(main(["x", src, dst, ep]) == 0, "sheet named 'Phụ lục 1'")
        check(openpyxl.load_workbook(dst)["Phụ lục 1"]["E12"].value == "mới", "note on 'Phụ lục 1'")
        wb = openpyxl.load_workbook(src)
        wb["Phụ lục 1"]["E3"] = None
        wb.save(src)
        out3 = os.path.join(tmp, "nonote.xlsx")
        check(main(["x", src, out3, ep]) == 2 and not os.path.exists(out3), "no Ghi chú column: refused")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("officer_edits self-test:", "ok" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
