#!/usr/bin/python3
"""Build the PL2 budget corpus: variant workbooks made by editing the sample.

Usage:
    cd /work/main && node dist/cli/main.js sample -o /tmp/bc/sample.xlsx --force
    /usr/bin/python3 scripts/budget-corpus/make.py /tmp/bc/sample.xlsx test/budget-corpus

Each variant is what a clerk would get by editing the sample by hand in Excel
(no add-in): typing over cells, inserting rows, rewriting a SUM.  Row inserts
follow Excel's rules (references at or below the insert point move down, a range
that spans the insert point grows, defined names and merged cells move too).

openpyxl saves formulas WITHOUT cached values, so every file written here is the
"no cached values" case: a reader must recalculate (or treat the formulas) to
know what Excel would display.  The expected displayed figures are hand-worked
in test/budget-corpus/expected.json (not produced by this script).

Output is deterministic: fixed document dates and fixed zip entry timestamps.
Requires openpyxl (3.0.9 tested, /usr/bin/python3).
"""
import datetime
import os
import re
import sys
import zipfile
from copy import copy

import openpyxl
from openpyxl.formula.tokenizer import Tokenizer, Token
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

PL2 = "PL2 Kinh phí"
INFO = "Thông tin"
FIXED_DATE = datetime.datetime(2022, 1, 1, 0, 0, 0)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# ---------------------------------------------------------------------------
# Excel-like row insertion
# ---------------------------------------------------------------------------

_SHEET_RE = re.compile(r"^(?:'((?:[^']|'')+)'|([^'!]+))!(.*)$")
_CELL_RE = re.compile(r"^(\$?)([A-Z]{1,3})(\$?)(\d+)$")
_ROW_RE = re.compile(r"^(\$?)(\d+)$")


def _shift_part(part, at, n):
    """Shift one endpoint of a reference (A1, $A$1 or a bare row 5) if row >= at."""
    m = _CELL_RE.match(part)
    if m:
        row = int(m.group(4))
        if row >= at:
            row += n
        return "%s%s%s%d" % (m.group(1), m.group(2), m.group(3), row)
    m = _ROW_RE.match(part)
    if m:
        row = int(m.group(2))
        if row >= at:
            row += n
        return "%s%d" % (m.group(1), row)
    return part  # column-only reference or a name: rows do not move


def _shift_ref(ref, at, n):
    """ref is 'A1', 'A1:B2', '5:5' (no sheet prefix). Excel insert semantics:
    each endpoint at/after the insert row moves, so a spanning range grows."""
    parts = ref.split(":")
    if len(parts) > 2:
        return ref
    if not all(_CELL_RE.match(p) or _ROW_RE.match(p) or re.match(r"^\$?[A-Z]{1,3}$", p) for p in parts):
        return ref  # a defined name such as PL1_Nhom or DM_KiemTra
    return ":".join(_shift_part(p, at, n) for p in parts)


def _shift_operand(value, formula_sheet, target_sheet, at, n):
    m = _SHEET_RE.match(value)
    if m:
        sheet = m.group(1).replace("''", "'") if m.group(1) is not None else m.group(2)
        if sheet != target_sheet:
            return value
        prefix = value[: len(value) - len(m.group(3))]
        return prefix + _shift_ref(m.group(3), at, n)
    if formula_sheet != target_sheet:
        return value
    return _shift_ref(value, at, n)


def shift_formula(formula, formula_sheet, target_sheet, at, n):
    tok = Tokenizer(formula)
    # Guard: the tokenizer must reproduce the formula exactly, else leave it alone.
    if tok.render() != formula:
        raise RuntimeError("tokenizer round-trip failed for %r" % formula)
    changed = False
    for t in tok.items:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            new = _shift_operand(t.value, formula_sheet, target_sheet, at, n)
            if new != t.value:
                t.value = new
                changed = True
    return tok.render() if changed else formula


def insert_rows(wb, ws, at, n):
    """Insert n empty rows before row `at` in ws, the way Excel does."""
    # merged ranges: remember, unmerge, re-merge shifted/grown after the move
    merges = []
    for mr in list(ws.merged_cells.ranges):
        if mr.max_row >= at:
            merges.append((mr.min_col, mr.min_row, mr.max_col, mr.max_row))
            ws.unmerge_cells(mr.coord)
    # row heights
    dims = {}
    for idx, rd in list(ws.row_dimensions.items()):
        if idx >= at:
            dims[idx] = (rd.ht, rd.hidden)
            del ws.row_dimensions[idx]
    ws.insert_rows(at, n)  # moves cells (values and styles), not formulas
    for idx, (ht, hidden) in dims.items():
        rd = ws.row_dimensions[idx + n]
        rd.ht = ht  # customHeight follows ht in openpyxl
        rd.hidden = hidden
    for c1, r1, c2, r2 in merges:
        r1 = r1 + n if r1 >= at else r1
        r2 = r2 + n if r2 >= at else r2
        ws.merge_cells(start_row=r1, start_column=c1, end_row=r2, end_column=c2)
    # formulas in every sheet
    for other in wb.worksheets:
        for row in other.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    if other is not ws and ws.title not in cell.value:
                        continue  # cannot refer to the sheet that grew
                    cell.value = shift_formula(cell.value, other.title, ws.title, at, n)
    # defined names (TongTien points at the PL2 grand total)
    for dn in wb.defined_names.definedName:
        if dn.attr_text:
            new = shift_formula("=" + dn.attr_text, None, ws.title, at, n)[1:]
            dn.attr_text = new
    # print titles of the sheet itself (header rows; never below the insert here)
    if ws.print_title_rows:
        old = ws.print_title_rows
        new = _shift_ref(old, at, n)
        if new != old:
            ws.print_title_rows = new.replace("$", "")


def copy_row_style(ws, src_row, dst_row, ncols=7):
    for col in range(1, ncols + 1):
        src = ws.cell(row=src_row, column=col)
        dst = ws.cell(row=dst_row, column=col)
        dst._style = copy(src._style)
    h = ws.row_dimensions[src_row].ht
    if h is not None:
        ws.row_dimensions[dst_row].ht = h


def copy_cell_style(ws, src, dst):
    ws[dst]._style = copy(ws[src]._style)


# ---------------------------------------------------------------------------
# Sanity checks on the sample layout (fail loudly if the sample changes)
# ---------------------------------------------------------------------------

EXPECTED_SAMPLE = {
    (PL2, "B6"): "Chi cho hoạt động duy trì, cải tiến",
    (PL2, "F6"): "=SUM(F7:F10)",
    (PL2, "B7"): "Cơ quan cấp sở, ngành",
    (PL2, "C7"): "=COUNTIF(PL1_Nhom,B7)",
    (PL2, "F7"): "=C7*E7",
    (PL2, "B10"): "Cơ quan cấp xã",
    (PL2, "A11"): "II",
    (PL2, "F11"): "=SUM(F12:F13)",
    (PL2, "F12"): "=DM_KiemTra",
    (PL2, "F13"): "=C13*E13",
    (PL2, "E13"): "=DM_DaoTao",
    (PL2, "B14"): "Tổng",
    (PL2, "F14"): "=F6+F11",
    (INFO, "B14"): 70,
    (INFO, "B15"): 6,
    (INFO, "B12"): 50,
    (INFO, "A20"): "Cơ quan cấp sở, ngành",
    (INFO, "B20"): 15,
    (INFO, "B23"): 15,
}


def check_sample(wb):
    for (sheet, addr), want in EXPECTED_SAMPLE.items():
        got = wb[sheet][addr].value
        if got != want:
            raise SystemExit("sample layout changed: %s!%s is %r, expected %r" % (sheet, addr, got, want))
    names = {dn.name: dn.attr_text for dn in wb.defined_names.definedName}
    for name, want in (("DM_KiemTra", "'Thông tin'!$B$14"), ("DT_SoLop", "'Thông tin'!$B$15"),
                       ("DT_SoNguoi", "'Thông tin'!$B$16"), ("TongTien", "'PL2 Kinh phí'!$F$14")):
        if names.get(name) != want:
            raise SystemExit("sample layout changed: name %s is %r" % (name, names.get(name)))


# ---------------------------------------------------------------------------
# Variants
# ---------------------------------------------------------------------------

def v_as_made(wb):
    """Unchanged sample (re-saved, so no cached values)."""


def v_typed_over(wb):
    info, ws = wb[INFO], wb[PL2]
    info["B14"] = 0      # DM_KiemTra
    info["B15"] = None   # DT_SoLop
    info["B16"] = None   # DT_SoNguoi
    ws["F12"] = 70       # typed over =DM_KiemTra
    ws["C13"] = 6        # typed over the số lớp formula; F13 stays =C13*E13


def v_two_inspections(wb):
    ws = wb[PL2]
    ws["F12"] = 40                       # typed over =DM_KiemTra (Thông tin still says 70)
    insert_rows(wb, ws, 13, 1)           # new row 13, inside SUM(F12:F13) -> SUM(F12:F14)
    copy_row_style(ws, 12, 13)
    ws["B13"] = "Kiểm tra đợt 2"
    ws["D13"] = "Chi cho Đoàn kiểm tra: đi lại, ăn ở, công tác phí, lập báo cáo,..."
    ws["F13"] = 30
    ws["G13"] = "Trọn gói"
    ws["F11"] = "=SUM(F12:F14)"          # what Excel's insert already made of it; stated explicitly
    ws["F15"] = "=F6+F11"                # grand total (moved from F14)


def v_section_three(wb):
    ws = wb[PL2]
    insert_rows(wb, ws, 14, 2)           # before "Tổng"
    copy_row_style(ws, 11, 14)           # section row look
    copy_row_style(ws, 12, 15)           # line look
    copy_cell_style(ws, "E13", "E15")
    ws.row_dimensions[15].ht = None
    ws["A14"] = "III"
    ws["B14"] = "Chi khác"
    ws["F14"] = "=SUM(F15:F15)"
    ws["B15"] = "Hội nghị tổng kết"
    ws["C15"] = 1
    ws["D15"] = "Tổ chức hội nghị tổng kết việc duy trì, cải tiến HTQLCL"
    ws["E15"] = 25
    ws["F15"] = "=C15*E15"
    ws["F16"] = "=F6+F11+F14"            # grand total now includes III


def v_total_labels(wb):
    ws = wb[PL2]
    ws["B14"] = "Tổng cộng (I+II)"
    insert_rows(wb, ws, 15, 1)           # right after the total row, before "Bằng chữ"
    copy_row_style(ws, 14, 15)
    ws["B15"] = "Tổng cộng:"
    ws["F15"] = "=F6+F11"


def v_own_labels(wb):
    ws = wb[PL2]
    for row, label, count in ((7, "Các sở, ban, ngành tỉnh", 20),
                              (8, "Các chi cục, đơn vị thuộc sở", 10),
                              (9, "UBND các huyện, thị xã, thành phố", 12),
                              (10, "UBND các xã, phường, thị trấn", 108)):
        ws["B%d" % row] = label
        ws["C%d" % row] = count          # typed over =COUNTIF(...)
        assert ws["F%d" % row].value == "=C%d*E%d" % (row, row)


def v_big_rates(wb):
    info = wb[INFO]
    for row in range(20, 24):
        info["B%d" % row] = 1000000000


def v_district_extra(wb):
    ws = wb[PL2]
    insert_rows(wb, ws, 11, 1)           # after the four group lines, before section II
    copy_row_style(ws, 7, 11)
    copy_cell_style(ws, "D6", "D11")     # D7:D10 is merged; give D11 a plain wrapped cell
    ws.row_dimensions[11].ht = 32
    ws["B11"] = "Tập huấn cho cán bộ cấp xã"
    ws["C11"] = 1
    ws["D11"] = "Chi tổ chức lớp tập huấn (báo cáo viên, tài liệu, hội trường,...)"
    ws["E11"] = 20
    ws["F11"] = 20
    ws["F6"] = "=SUM(F7:F11)"            # section I sum extended by hand
    # after the insert: II is row 12 (=SUM(F13:F14)), total is row 15 (=F6+F12)


def v_mixed_typed_total(wb):
    ws = wb[PL2]
    ws["F14"] = 2700                     # typed over =F6+F11


VARIANTS = [
    ("as-made.xlsx", v_as_made),
    ("typed-over.xlsx", v_typed_over),
    ("two-inspections.xlsx", v_two_inspections),
    ("section-three.xlsx", v_section_three),
    ("total-labels.xlsx", v_total_labels),
    ("own-labels.xlsx", v_own_labels),
    ("big-rates.xlsx", v_big_rates),
    ("district-extra.xlsx", v_district_extra),
    ("mixed-typed-total.xlsx", v_mixed_typed_total),
]


def normalize_zip(path):
    """Rewrite the zip with fixed entry timestamps so output is byte-stable."""
    with zipfile.ZipFile(path) as zin:
        entries = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in entries:
            zi = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    os.replace(tmp, path)


def main(argv):
    if len(argv) != 3:
        raise SystemExit("usage: make.py SAMPLE.xlsx OUT_DIR")
    sample, out = argv[1], argv[2]
    os.makedirs(out, exist_ok=True)
    for name, edit in VARIANTS:
        wb = openpyxl.load_workbook(sample)
        check_sample(wb)
        edit(wb)
        wb.properties.created = FIXED_DATE
        wb.properties.modified = FIXED_DATE
        wb.properties.lastModifiedBy = "budget-corpus/make.py"
        path = os.path.join(out, name)
        wb.save(path)
        normalize_zip(path)
        print("wrote", path)


if __name__ == "__main__":
    main(sys.argv)
