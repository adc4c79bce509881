"""The writer-neutral SPEC of the reader corpus "plan" workbook.

Everything a writer script puts into a fixture comes from here, and every
`*.expected.json` is derived from here (see expected.py), never from reading a
fixture back.

Run as `python3 spec.py` to dump the spec as JSON for the Node writers.

Cell kinds in the spec:
  string   value: str
  number   value: int | float
  bool     value: bool
  date     value: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS"; numFmt given
  formula  formula: text without "=", result: {"type", "value"} = what a
           calculating writer caches (what Excel would show)
"""
import datetime
import json
import sys
import unicodedata

SHEET_INFO = "Thông tin"
SHEET_PL1 = "PL1 Danh sách cơ quan"
SHEET_OLD = "KH 'cũ' & mới (2)"

DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"


def long_text(n=5000):
    """Exactly n code points of Vietnamese text (all in the BMP)."""
    unit = "Kế hoạch duy trì, cải tiến HTQLCL theo TCVN ISO 9001:2015 của Ủy ban nhân dân xã. "
    s = unit * (n // len(unit) + 1)
    return s[:n - 3] + "HẾT"


INFO_CELLS = [
    # row 1: header
    ("A1", "string", "Mục"),
    ("B1", "string", "Giá trị"),
    ("A2", "string", "Ngày ban hành"),
    ("B2", "date", "2022-03-20", DATE_FMT),
    ("A3", "string", "Số cơ quan áp dụng"),
    ("B3", "number", 15),
    ("A4", "string", "Gấp đôi (công thức)"),
    ("B4", "formula", "B3*2", {"type": "number", "value": 30}),
    # row 5 is deliberately empty (variants put <v></v> / <f> without <v> there)
    ("A6", "string", "Thời điểm họp ban chỉ đạo"),
    ("B6", "date", "2022-03-20T08:30:00", DATETIME_FMT),
    ("A7", "string", "Đã phê duyệt"),
    ("B7", "bool", True),
    ("A8", "string", "Đã hủy bỏ"),
    ("B8", "bool", False),
    ("A9", "string", "Cấp (công thức chuỗi)"),
    ("B9", "formula", 'CONCATENATE("UBND ","xã")', {"type": "string", "value": "UBND xã"}),
    ("A10", "string", "Cấp (chữ)"),
    ("B10", "string", "UBND xã"),
    ("A11", "string", "Lỗi tra cứu"),
    ("B11", "formula", "NA()", {"type": "error", "value": "#N/A"}),
    ("A12", "string", "Lỗi chia cho không"),
    ("B12", "formula", "1/0", {"type": "error", "value": "#DIV/0!"}),
    ("A13", "string", "Mã đơn vị"),
    ("B13", "string", "0015"),
    ("A14", "string", "Khoảng trắng đầu cuối"),
    ("B14", "string", "  Ban chỉ đạo ISO  "),
    ("A15", "string", "Xuống dòng"),
    ("B15", "string", "Dòng một: Quyết định\nDòng hai: Kế hoạch"),
    ("A16", "string", "Ký tự cần thoát"),
    ("B16", "string", "<Quyết định> & \"Kế hoạch\" 'ISO' a<b>c"),
    ("A17", "string", "Ngoài BMP"),
    ("B17", "string", "𝔸 ký hiệu toán, 😀 biểu tượng cảm xúc"),
    ("A18", "string", "Chuỗi dài 5000 ký tự"),
    ("B18", "string", long_text()),
]

AGENCIES = [
    # STT, name, group, area, note (None = empty)
    (1, "UBND xã Tân Bình", "Cấp xã", "Huyện Tân Bình", None),
    (2, "Sở Khoa học và Công nghệ", "Cấp tỉnh", "Tỉnh Đồng Nai", ("string", "15")),
    (3, "UBND Phường 1", "Cấp xã", "Quận Gò Vấp", ("number", -3)),
    (4, "Sở Tư pháp", "Cấp tỉnh", "Tỉnh Đồng Nai", ("number", 7.5)),
    (5, "UBND huyện Định Quán", "Cấp huyện", "Tỉnh Đồng Nai", ("number", 123456789012)),
    (6, "Văn phòng Đăng ký đất đai", "Đơn vị sự nghiệp", "Tỉnh Đồng Nai", None),
    (7, "UBND xã Phú Lợi", "Cấp xã", "Huyện Định Quán", ("string", "Đã áp dụng từ năm 2019")),
    (8, "Bộ phận Một cửa liên thông (chung)", None, "Huyện Tân Bình", None),  # B10:C10 merged
    (9, "Chi cục Thuế khu vực", "Cơ quan ngành dọc", "Tỉnh Đồng Nai", None),
    (10, "Ủy ban nhân dân thị trấn Định Quán", "Cấp xã", "Huyện Định Quán", ("string", "Hàng ẩn")),  # row 12 hidden
    (11, "Sở Nội vụ", "Cấp tỉnh", "Tỉnh Đồng Nai", None),
    (12, "UBND phường Tân Định", "Cấp xã", "Quận 1", ("string", "Chuyển đổi ISO 9001:2015")),
]


def pl1_cells():
    cells = [
        ("A1", "string", "PHỤ LỤC 1. DANH SÁCH CƠ QUAN ÁP DỤNG HTQLCL"),
        ("A2", "string", "STT"),
        ("B2", "string", "Tên cơ quan"),
        ("C2", "string", "Nhóm cơ quan"),
        ("D2", "string", "Địa bàn"),
        ("E2", "string", "Ghi chú"),
    ]
    for i, (stt, name, group, area, note) in enumerate(AGENCIES):
        r = 3 + i
        cells.append((f"A{r}", "number", stt))
        cells.append((f"B{r}", "string", name))
        if group is not None:
            cells.append((f"C{r}", "string", group))
        cells.append((f"D{r}", "string", area))
        if note is not None:
            cells.append((f"E{r}", note[0], note[1]))
    return cells


OLD_CELLS = [
    ("A1", "string", "Năm kế hoạch"),
    ("B1", "number", 2021),
    ("A2", "string", "Trạng thái"),
    ("B2", "string", "Đã thay thế bởi kế hoạch mới"),
    ("A3", "string", "Số bản lưu"),
    ("B3", "number", 3),
]


def _cell(t):
    addr, kind, value = t[0], t[1], t[2]
    c = {"addr": addr, "kind": kind}
    if kind == "formula":
        c["formula"] = value
        c["result"] = t[3]
    else:
        c["value"] = value
        if kind == "date":
            c["numFmt"] = t[3]
            c["serial1900"] = serial(value, 1900)
            c["serial1904"] = serial(value, 1904)
    return c


def serial(iso, system):
    """Excel serial number of an ISO date/datetime (no 1900 leap-bug range here)."""
    dt = datetime.datetime.fromisoformat(iso)
    base = datetime.datetime(1899, 12, 30) if system == 1900 else datetime.datetime(1904, 1, 1)
    delta = dt - base
    return delta.days + delta.seconds / 86400


SPEC = {
    "sheets": [
        {
            "name": SHEET_INFO,
            "state": "visible",
            "cells": [_cell(t) for t in INFO_CELLS],
            "merges": [],
            "hiddenRows": [],
            "colWidths": {"A": 30, "B": 45},
        },
        {
            "name": SHEET_PL1,
            "state": "visible",
            "cells": [_cell(t) for t in pl1_cells()],
            "merges": ["A1:E1", "B10:C10"],
            "hiddenRows": [12],
            "colWidths": {"A": 6, "B": 38, "C": 20, "D": 20, "E": 28},
        },
        {
            "name": SHEET_OLD,
            "state": "hidden",
            "cells": [_cell(t) for t in OLD_CELLS],
            "merges": [],
            "hiddenRows": [],
            "colWidths": {"A": 20, "B": 34},
        },
    ]
}


def _check():
    for sh in SPEC["sheets"]:
        assert len(sh["name"]) <= 31 and not any(ch in sh["name"] for ch in ':\\/?*[]')
        for c in sh["cells"]:
            for s in (c.get("value"), c.get("formula"), (c.get("result") or {}).get("value")):
                if isinstance(s, str):
                    assert unicodedata.normalize("NFC", s) == s, s
    assert len(long_text()) == 5000 and all(ord(ch) < 0x10000 for ch in long_text())


_check()

if __name__ == "__main__":
    json.dump(SPEC, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
