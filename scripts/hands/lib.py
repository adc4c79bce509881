"""Writers for hand-made plan workbooks.

Every writer records where it put things (sheet, 1-based row, cell) so that the
expected answers are derived from what was actually written, not typed twice.
"""
import datetime
import os
import re
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from seed001 import G_CM, G_HUYEN, G_SO, G_XA, PROVINCE

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# ---------------------------------------------------------------- text helpers

def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def nfd(s):
    return unicodedata.normalize("NFD", s)


_OLD = {"òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
        "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ"}
_NEW = {v: k for k, v in _OLD.items()}


def tone_old(s):
    """Hòa -> Hoà, Thủy -> Thuỷ (tone mark on the second vowel, old style)."""
    def rep(m):
        return _OLD[m.group(0).lower()] if m.group(0).islower() else m.group(0)
    return re.sub(r"(?:òa|óa|ỏa|õa|ọa|ùy|úy|ủy|ũy|ụy)(?![a-zA-Zà-ỹĐđ])", rep, s)


def tone_new(s):
    """Hoà -> Hòa, Thuỷ -> Thủy (tone mark on the first vowel, new style)."""
    def rep(m):
        return _NEW[m.group(0)]
    return re.sub(r"(?:oà|oá|oả|oã|oạ|uỳ|uý|uỷ|uỹ|uỵ)(?![a-zA-Zà-ỹĐđ])", rep, s)


def full_ubnd(s):
    return s.replace("UBND ", "Ủy ban nhân dân ", 1)


def abbr(s):
    """Abbreviations listed in SPEC §5: TP., TT., P., H., TX."""
    s = re.sub(r"\b[Tt]hành phố ", "TP. ", s)
    s = re.sub(r"\b[Tt]hị trấn ", "TT. ", s)
    s = re.sub(r"\b[Tt]hị xã ", "TX. ", s)
    s = re.sub(r"\b[Pp]hường ", "P. ", s)
    s = re.sub(r"\b[Hh]uyện ", "H. ", s)
    return s


def no_ubnd(s):
    if s.startswith("UBND "):
        s = s[5:]
        return s[0].upper() + s[1:]
    return s


def pad_number(s):
    return re.sub(r"(?<=\s)(\d)$", r"0\1", s)


def area_text(area, style):
    """Render a canonical area ('huyện Tân Hồng', 'thành phố Cao Lãnh', 'tỉnh Đồng Tháp')."""
    if style in (None, "blank"):
        return None
    if style == "canon":
        return area
    if style == "title":
        return area[0].upper() + area[1:]
    if style == "abbr":
        return abbr(area[0].upper() + area[1:])
    if style == "upper":
        return area.upper()
    if style == "province":
        return PROVINCE
    raise ValueError(style)


def subgroup_text(area, style="title"):
    if style == "title":
        return "- " + area[0].upper() + area[1:]
    if style == "abbr":
        return "- " + abbr(area[0].upper() + area[1:])
    if style == "upper":
        return "- " + area.upper()
    if style == "plain":
        return area[0].upper() + area[1:]
    raise ValueError(style)


# ---------------------------------------------------------- numbers in words

_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def _read3(n, full):
    h, t, u = n // 100, (n // 10) % 10, n % 10
    out = []
    if full or h:
        out += [_DIGITS[h], "trăm"]
    if t == 0:
        if u and (full or h):
            out.append("linh")
    elif t == 1:
        out.append("mười")
    else:
        out += [_DIGITS[t], "mươi"]
    if u:
        if u == 1 and t >= 2:
            out.append("mốt")
        elif u == 5 and t >= 1:
            out.append("lăm")
        else:
            out.append(_DIGITS[u])
    return out


def words_trieu(n):
    """n triệu đồng in words: 2620 -> 'Hai tỷ sáu trăm hai mươi triệu đồng'."""
    n = int(round(n))
    if n == 0:
        return "Không đồng"
    ty, tr = divmod(n, 1000)
    out = []
    if ty:
        out += _read3(ty, False) + ["tỷ"]
    if tr:
        out += _read3(tr, bool(ty)) + ["triệu"]
    s = " ".join(out) + " đồng"
    return s[0].upper() + s[1:]


def vn_number(n):
    """2620 -> '2.620' (Vietnamese thousands separator)."""
    return f"{int(n):,}".replace(",", ".")


# ------------------------------------------------------------------- the book

class Book:
    """An openpyxl workbook plus the record of what was written where."""

    def __init__(self, font="Times New Roman", size=12):
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.font = font
        self.size = size
        self.agencies = []       # {agency, written, sheet, row, cell}
        self.not_agencies = []   # {sheet, row, why, text}
        self.multi = []          # {sheet, cell, names}
        self.ignored = []        # {sheet, why}
        self.hidden_rows = []    # {sheet, row, name}
        self.info = {}           # label key -> "Sheet!B3"
        self.info_values = {}
        self.budget = {}
        self.task_leads = []     # {sheet, row, text}

    def sheet(self, title, hidden=False):
        ws = self.wb.create_sheet(title)
        if hidden:
            ws.sheet_state = "hidden"
        return ws

    def put(self, ws, row, col, value, bold=False, italic=False, wrap=False, fmt=None,
            center=False, border=False, font=None, size=None):
        c = ws.cell(row=row, column=col, value=value)
        c.font = Font(name=font or self.font, size=size or self.size, bold=bold, italic=italic)
        if wrap or center:
            c.alignment = Alignment(wrap_text=wrap, horizontal="center" if center else None,
                                    vertical="center" if center else None)
        if fmt:
            c.number_format = fmt
        if border:
            c.border = BOX
        return c


def sref(ws, cell):
    return f"'{ws.title}'!{cell}"


# ------------------------------------------------------------- Thông tin sheet

INFO_LABELS = {
    "std": {
        "issuer": "Cơ quan ban hành", "so": "Số kế hoạch", "date": "Ngày ban hành",
        "year": "Năm kế hoạch", "area": "Địa bàn", "cap": "Cấp lập kế hoạch",
        "rate": "Định mức duy trì, cải tiến", "train": "Định mức đào tạo, tập huấn",
        "people": "Số người mỗi lớp", "kiemtra": "Kinh phí kiểm tra (trọn gói)",
    },
    "alt": {
        "issuer": "Đơn vị:", "so": "Số KH:", "date": "Ngày ký:", "year": "Năm:",
        "area": "Địa phương:", "cap": "Cấp:", "rate": "Mức chi duy trì ISO:",
        "train": "Mức chi 1 lớp tập huấn:", "people": "Học viên/lớp:", "kiemtra": "Kiểm tra:",
    },
}
INFO_UNITS = {"rate": "triệu đồng/cơ quan", "train": "triệu đồng/lớp", "people": "người/lớp",
              "kiemtra": "triệu đồng"}


def write_info(book, ws, v, style="std", r0=1, c0=1, date_mode="date", rate_mode="num",
               title=True, order=None, blank_between=False):
    """v: dict issuer, so, date (datetime.date), year, area, cap, rate, train, people, kiemtra.
    A value of None leaves the cell empty (the label is still written)."""
    labels = INFO_LABELS[style]
    r = r0
    if title:
        book.put(ws, r, c0, "THÔNG TIN KẾ HOẠCH", bold=True)
        r += 2
    keys = order or ["issuer", "so", "date", "year", "area", "cap", "rate", "train", "people", "kiemtra"]
    for k in keys:
        if k not in v and k not in ("train", "people"):
            continue
        val = v.get(k, {"train": 50, "people": 75}.get(k))
        book.put(ws, r, c0, labels[k], bold=style == "std")
        cell = ws.cell(row=r, column=c0 + 1)
        if val is not None:
            if k == "date":
                if date_mode == "date":
                    book.put(ws, r, c0 + 1, val, fmt="dd/mm/yyyy")
                elif date_mode == "datetime":
                    book.put(ws, r, c0 + 1, datetime.datetime.combine(val, datetime.time(9, 30)),
                             fmt="dd/mm/yyyy hh:mm")
                elif date_mode == "text":
                    book.put(ws, r, c0 + 1, val.strftime("%d/%m/%Y"))
                elif date_mode == "words":
                    book.put(ws, r, c0 + 1, f"ngày {val.day:02d} tháng {val.month:02d} năm {val.year}")
            elif k in ("rate", "train", "people", "kiemtra", "year") and rate_mode == "text":
                book.put(ws, r, c0 + 1, str(val))
            else:
                book.put(ws, r, c0 + 1, val)
        if k in INFO_UNITS:
            book.put(ws, r, c0 + 2, INFO_UNITS[k], italic=True)
        book.info[k] = sref(ws, cell.coordinate)
        book.info[k + "_abs"] = f"'{ws.title}'!${get_column_letter(c0 + 1)}${r}"
        book.info_values[k] = val
        r += 2 if blank_between else 1
    ws.column_dimensions[get_column_letter(c0)].width = 34
    ws.column_dimensions[get_column_letter(c0 + 1)].width = 44
    ws.column_dimensions[get_column_letter(c0 + 2)].width = 20
    return r


# -------------------------------------------------------- Nội dung thực hiện

LEADS_DISTRICT = {"office": "Văn phòng UBND huyện", "noivu": "Phòng Nội vụ", "tkiso": "Tổ thư ký ISO",
                  "lead": "Chủ tịch UBND huyện", "coord": "UBND các xã, thị trấn",
                  "units": "Các phòng chuyên môn thuộc UBND huyện"}
LEADS_CITY = {"office": "Văn phòng HĐND và UBND thành phố", "noivu": "Phòng Nội vụ", "tkiso": "Tổ thư ký ISO",
              "lead": "Chủ tịch UBND thành phố", "coord": "UBND các phường, xã",
              "units": "Các phòng chuyên môn thuộc UBND thành phố"}
LEADS_SO = {"office": "Văn phòng Sở", "noivu": "Phòng Tổ chức cán bộ", "tkiso": "Tổ thư ký ISO",
            "lead": "Giám đốc Sở", "coord": "Các chi cục, đơn vị trực thuộc",
            "units": "Các phòng chuyên môn thuộc Sở"}
LEADS_XA = {"office": "Văn phòng - Thống kê", "noivu": "Công chức Văn phòng - Thống kê", "tkiso": "Tổ thư ký ISO",
            "lead": "Chủ tịch UBND xã", "coord": "Bộ phận Một cửa",
            "units": "Các công chức chuyên môn"}


def task_rows(L, year=2022):
    y = year
    return [
        ("I", "Chính sách và mục tiêu chất lượng", None, None, None, None, None, None),
        (1, "Mục tiêu chất lượng", f"Xây dựng, ban hành mục tiêu chất lượng năm {y} của cơ quan và các bộ phận",
         "Quyết định ban hành mục tiêu chất lượng", L["tkiso"], L["units"], f"Quý I/{y}", "Lãnh đạo phê duyệt"),
        (None, None, "Theo dõi, đánh giá việc thực hiện mục tiêu chất lượng", "Báo cáo kết quả thực hiện mục tiêu",
         L["office"], L["units"], f"Tháng 6 và tháng 11/{y}", "Báo cáo lãnh đạo"),
        (2, "Chính sách chất lượng", "Rà soát chính sách chất lượng, phổ biến đến toàn thể cán bộ, công chức",
         "Chính sách chất lượng phù hợp", L["lead"], L["tkiso"], "Định kỳ hàng năm", ""),
        ("II", "Duy trì, cải tiến Hệ thống quản lý chất lượng", None, None, None, None, None, None),
        (1, "Rà soát, cập nhật quy trình", "Cập nhật các thủ tục hành chính mới, sửa đổi vào HTQLCL",
         "Quy trình được cập nhật, ban hành", L["tkiso"], L["units"],
         "Khi có sự thay đổi văn bản quy phạm pháp luật, thủ tục hành chính", "Lãnh đạo phê duyệt"),
        (None, None, "Trình ký ban hành quy trình sửa đổi, bổ sung", "Quyết định ban hành quy trình",
         L["noivu"], L["tkiso"], "Thường xuyên", "Lãnh đạo phê duyệt"),
        (2, "Niêm yết, công khai", "Niêm yết chính sách, mục tiêu chất lượng và quy trình tại Bộ phận Một cửa",
         "Công khai đầy đủ", L["office"], L["coord"], "Thường xuyên", ""),
        (3, "Đánh giá nội bộ", "Thành lập đoàn đánh giá, thực hiện đánh giá nội bộ HTQLCL",
         "Báo cáo đánh giá nội bộ", L["tkiso"], L["units"], f"Tháng 5/{y}", "Báo cáo lãnh đạo"),
        (4, "Họp xem xét của lãnh đạo", "Tổ chức họp xem xét của lãnh đạo về HTQLCL (tối thiểu 01 lần/năm)",
         "Biên bản họp xem xét", L["lead"], L["tkiso"], f"Quý IV/{y}", ""),
        (5, "Công bố lại", "Công bố lại HTQLCL phù hợp TCVN ISO 9001:2015 khi điều chỉnh, mở rộng phạm vi",
         "Quyết định công bố lại", L["noivu"], L["tkiso"], "Khi có sự thay đổi phạm vi áp dụng", "Báo cáo Sở KH&CN"),
        ("III", "Báo cáo", None, None, None, None, None, None),
        (1, "Báo cáo 6 tháng", "Báo cáo tình hình áp dụng, duy trì HTQLCL 6 tháng đầu năm",
         "Báo cáo gửi Sở Khoa học và Công nghệ", L["office"], L["tkiso"], f"trước ngày 15/6/{y}", "Báo cáo Sở KH&CN"),
        (2, "Báo cáo năm", "Báo cáo kết quả áp dụng, duy trì HTQLCL năm",
         "Báo cáo gửi Sở Khoa học và Công nghệ", L["office"], L["tkiso"], f"trước ngày 15/11/{y}", "Báo cáo Sở KH&CN"),
    ]


TASK_HEADER = ["TT", "Nội dung", "Nội dung thực hiện", "Kết quả đạt được", "Cơ quan thực hiện (chủ trì)",
               "Cơ quan phối hợp", "Thời gian", "Phê duyệt / báo cáo"]


def write_tasks(book, ws, leads, year=2022, r0=1, record_leads=False):
    book.put(ws, r0, 1, "NỘI DUNG THỰC HIỆN", bold=True)
    r = r0 + 2
    for i, h in enumerate(TASK_HEADER):
        book.put(ws, r, i + 1, h, bold=True, wrap=True, border=True, center=True)
    r += 1
    for row in task_rows(leads, year):
        roman = isinstance(row[0], str)
        for i, v in enumerate(row):
            if v is not None:
                book.put(ws, r, i + 1, v, bold=roman, wrap=True, border=True)
        if record_leads and row[4]:
            book.task_leads.append({"sheet": ws.title, "row": r, "text": row[4]})
            if row[5]:
                book.task_leads.append({"sheet": ws.title, "row": r, "text": row[5]})
        r += 1
    for col, w in zip("ABCDEFGH", [5, 24, 40, 28, 26, 26, 22, 18]):
        ws.column_dimensions[col].width = w
    return r


# ------------------------------------------------------------- agency list

HEADERS = {
    "std": {"stt": "STT", "name": "Tên cơ quan", "group": "Nhóm cơ quan",
            "area": "Địa bàn / đơn vị cấp trên", "note": "Ghi chú", "chuquan": "Cơ quan chủ quản",
            "ap": "Đơn vị áp dụng", "qd": "Số QĐ công bố", "name2": None},
    "abbr": {"stt": "TT", "name": "Tên CQ, ĐV", "group": "Nhóm", "area": "Địa bàn", "note": "GC"},
    "upper": {"stt": "STT", "name": "TÊN CƠ QUAN, ĐƠN VỊ", "group": "NHÓM CƠ QUAN", "area": "ĐỊA BÀN",
              "note": "GHI CHÚ"},
    "seed": {"stt": "STT", "name": "Tên cơ quan", "note": "Ghi chú"},
}


def T(text, bold=True):
    return ("title", text, bold)


def B():
    return ("blank",)


def H():
    return ("header",)


def S(stt, text):
    return ("section", stt, text)


def G(text):
    return ("subgroup", text)


def A(agency, **kw):
    return ("agency", agency, kw)


def M(agencies, written, **kw):
    return ("multi", agencies, written, kw)


def X(text, why, col="name", more=None):
    """A non-agency text row (total, note, signature...). more: {colkey: text}."""
    return ("text", text, why, col, more or {})


def write_list(book, ws, items, cols, headers="std", r0=1, c0=1, header2=False, record=True,
               col_widths=None):
    """cols: list of column keys. Returns next free row."""
    hdr = dict(HEADERS["std"])
    if isinstance(headers, str):
        hdr.update(HEADERS[headers])
    else:
        hdr.update(headers)
    pos = {k: c0 + i for i, k in enumerate(cols)}
    last = c0 + len(cols) - 1
    r = r0
    for it in items:
        kind = it[0]
        if kind == "title":
            book.put(ws, r, c0, it[1], bold=it[2], center=True)
            ws.merge_cells(start_row=r, start_column=c0, end_row=r, end_column=last)
            r += 1
        elif kind == "blank":
            r += 1
        elif kind == "header":
            if header2:
                # two header rows: STT, name, note merged vertically; group+area under one caption
                for k in cols:
                    c = pos[k]
                    if k in ("group", "area"):
                        continue
                    book.put(ws, r, c, hdr[k], bold=True, wrap=True, center=True, border=True)
                    ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
                gc = [pos[k] for k in cols if k in ("group", "area")]
                if gc:
                    book.put(ws, r, min(gc), "Phân loại", bold=True, center=True, border=True)
                    if len(gc) > 1:
                        ws.merge_cells(start_row=r, start_column=min(gc), end_row=r, end_column=max(gc))
                    for k in cols:
                        if k in ("group", "area"):
                            book.put(ws, r + 1, pos[k], hdr[k], bold=True, wrap=True, center=True, border=True)
                if record:
                    seen = any(x.get("sheet") == ws.title and x.get("why") == "header" for x in book.not_agencies)
                    book.not_agencies.append({"sheet": ws.title, "row": r, "why": "repeated header" if seen else "header"})
                r += 2
            else:
                for k in cols:
                    if hdr.get(k):
                        book.put(ws, r, pos[k], hdr[k], bold=True, wrap=True, center=True, border=True)
                if record and any(x.get("sheet") == ws.title and x.get("why") == "header" for x in book.not_agencies):
                    book.not_agencies.append({"sheet": ws.title, "row": r, "why": "repeated header"})
                elif record:
                    book.not_agencies.append({"sheet": ws.title, "row": r, "why": "header"})
                r += 1
        elif kind == "section":
            if "stt" in pos:
                book.put(ws, r, pos["stt"], it[1], bold=True, border=True)
            book.put(ws, r, pos.get("name", pos.get("ap")), it[2], bold=True, border=True)
            if record:
                book.not_agencies.append({"sheet": ws.title, "row": r, "why": "section row"})
            r += 1
        elif kind == "subgroup":
            book.put(ws, r, pos.get("name", pos.get("ap")), it[1], bold=True, italic=True, border=True)
            if record:
                book.not_agencies.append({"sheet": ws.title, "row": r, "why": "sub-group row"})
            r += 1
        elif kind in ("agency", "multi"):
            kw = it[-1]
            if kind == "agency":
                ags = [it[1]]
                written = kw.get("written", it[1]["name"])
            else:
                ags = it[1]
                written = it[2]
            namecol = pos["ap"] if "ap" in pos else pos["name"]
            for k in cols:
                v = None
                if k == "stt":
                    v = kw.get("stt")
                elif k in ("name", "ap"):
                    v = kw.get("formula") or written
                elif k in ("group", "area", "note", "chuquan", "qd"):
                    v = kw.get(k)
                if v is not None:
                    book.put(ws, r, pos[k], v, wrap=("\n" in str(v)), border=True,
                             fmt="@" if isinstance(v, str) and k == "stt" and v.isdigit() else None)
                else:
                    ws.cell(row=r, column=pos[k]).border = BOX
            if kw.get("merge_name") and "name2" in pos:
                ws.merge_cells(start_row=r, start_column=pos["name"], end_row=r, end_column=pos["name2"])
            cell = f"{get_column_letter(namecol)}{r}"
            if kw.get("hidden_row"):
                ws.row_dimensions[r].hidden = True
                book.hidden_rows.append({"sheet": ws.title, "row": r, "name": ags[0]["name"], "written": written,
                                         "agency": ags[0]})
            elif record:
                lines = written.split("\n") if kind == "multi" else [written]
                for a, w in zip(ags, lines):
                    book.agencies.append({"agency": a, "written": w, "sheet": ws.title, "row": r, "cell": cell,
                                          "formula": kw.get("formula"), "area_cell": kw.get("area"),
                                          "group_cell": kw.get("group")})
                if kind == "multi":
                    book.multi.append({"sheet": ws.title, "cell": cell, "names": [a["name"] for a in ags],
                                       "written": written})
            r += 1
        elif kind == "text":
            _, text, why, col, more = it
            if text is not None:
                book.put(ws, r, pos.get(col, c0), text, bold=why.startswith("signature"))
            for k, t in more.items():
                book.put(ws, r, pos.get(k, c0), t, bold=why.startswith("signature"))
            if record and why:
                book.not_agencies.append({"sheet": ws.title, "row": r, "why": why})
            r += 1
    widths = col_widths or {"stt": 6, "name": 42, "group": 30, "area": 28, "note": 26, "chuquan": 30,
                            "ap": 40, "qd": 18, "name2": 6}
    for k in cols:
        ws.column_dimensions[get_column_letter(pos[k])].width = widths.get(k, 14)
    book.list_cols = {"sheet": ws.title, **{k: get_column_letter(v) for k, v in pos.items()}}
    return r


def standard_items(blocks, stt="int", group=None, area=None, name=None, note=None, section_rows=True,
                   subgroup_rows=True, stt_per_section=False, extra=None):
    """blocks: [{section: (roman, text) | None, subgroup: text | None, agencies: [...]}]
    group/area/name/note: functions agency -> cell text (or None)."""
    items = []
    n = 0
    for b in blocks:
        if b.get("section") and section_rows:
            items.append(S(*b["section"]))
            if stt_per_section:
                n = 0
        if b.get("subgroup") and subgroup_rows:
            items.append(G(b["subgroup"]))
        for a in b["agencies"]:
            n += 1
            if stt == "int":
                s = n
            elif stt == "text2":
                s = f"{n:02d}"
            elif stt == "text":
                s = str(n)
            else:
                s = None
            kw = {"stt": s,
                  "group": group(a) if group else a["group"],
                  "area": area(a) if area else a["area"],
                  "written": name(a) if name else a["name"]}
            if note:
                kw["note"] = note(a)
            if extra:
                kw.update(extra(a) or {})
            items.append(A(a, **kw))
    return items


def list_title(issuer, so, date, year=2022, caps=False, label="Phụ lục 1"):
    lines = [T(label), T("DANH SÁCH CƠ QUAN ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"),
             T(f"THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001:2015 NĂM {year}")]
    d = date.strftime("%d/%m/%Y") if date else "     /    /2021"
    lines.append(T(f"(Kèm theo Kế hoạch số {so or '     '} ngày {d} của {issuer})", bold=False))
    lines.append(B())
    return lines


# ------------------------------------------------------------------- PL2

def write_budget(book, ws, lines, rate, mode="values", r0=1, list_ref=None, rate_ref=None,
                 extra=None, declared=None, title=True, headers="std", c0=1):
    """lines: [(group label, count)] for section I (count = true count from PL1).
    mode: 'values' | 'text' | 'formula'.  list_ref: (sheet title, group col letter, first row, last row).
    extra: [(name, qty_text_or_number, content, rate_text, amount)] for section II (Sở KH&CN).
    declared: {group label: (count, amount)} typed over what PL1 computes."""
    declared = declared or {}
    cs = [c0 + i for i in range(7)]
    r = r0
    if title:
        book.put(ws, r, c0, "Phụ lục 2", bold=True)
        r += 1
        book.put(ws, r, c0, "KINH PHÍ DUY TRÌ, CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG", bold=True)
        r += 1
        book.put(ws, r, c0 + 5, "ĐVT: Triệu đồng", italic=True)
        r += 1
    hdrs = ["STT", "Tên cơ quan thực hiện / nội dung", "Số lượng", "Nội dung chi", "Định mức", "Số tiền",
            "Ghi chú"] if headers == "std" else \
        ["STT", "TÊN CƠ QUAN THỰC HIỆN", "SỐ LƯỢNG", "NỘI DUNG CHI", "ĐỊNH MỨC", "SỐ TIỀN", "GHI CHÚ"]
    for c, h in zip(cs, hdrs):
        book.put(ws, r, c, h, bold=True, wrap=True, center=True, border=True)
    r += 1
    L = get_column_letter
    q, rt, amt = L(cs[2]), L(cs[4]), L(cs[5])

    def num(v):
        if mode == "text":
            return vn_number(v) if isinstance(v, (int, float)) else v
        return v

    sec_row = r
    book.put(ws, r, cs[0], "I", bold=True, border=True)
    book.put(ws, r, cs[1], "Chi cho hoạt động duy trì, cải tiến", bold=True, border=True)
    r += 1
    first = r
    per_decl = 0
    per_true = 0
    cells = []
    for label, count in lines:
        dc, da = declared.get(label, (count, count * rate))
        book.put(ws, r, cs[1], label, border=True)
        book.put(ws, r, cs[3], f"Chi cho hoạt động duy trì và cải tiến {rate} triệu đồng/ cơ quan", wrap=True,
                 border=True)
        if mode == "formula" and label not in declared:
            sh, gcol, a, b = list_ref
            book.put(ws, r, cs[2], f"=COUNTIF('{sh}'!${gcol}${a}:${gcol}${b},\"{label}\")", border=True)
            book.put(ws, r, cs[4], f"={rate_ref}", border=True)
            book.put(ws, r, cs[5], f"={q}{r}*{rt}{r}", border=True)
        else:
            book.put(ws, r, cs[2], num(dc), border=True)
            book.put(ws, r, cs[4], num(rate) if mode != "text" else str(rate), border=True)
            book.put(ws, r, cs[5], num(da), border=True)
        cells.append({"label": label, "countCell": f"{ws.title}!{q}{r}", "amountCell": f"{ws.title}!{amt}{r}",
                      "declaredCount": dc, "declaredAmount": da, "count": count, "amount": count * rate})
        per_decl += da
        per_true += count * rate
        r += 1
    last = r - 1
    if mode == "formula":
        book.put(ws, sec_row, cs[5], f"=SUM({amt}{first}:{amt}{last})", bold=True, border=True)
    else:
        book.put(ws, sec_row, cs[5], num(per_decl), bold=True, border=True)
    total_decl = per_decl
    ii_rows = []
    if extra:
        sec2 = r
        book.put(ws, r, cs[0], "II", bold=True, border=True)
        book.put(ws, r, cs[1], "Chi cho hoạt động quản lý của Sở Khoa học và Công nghệ", bold=True, border=True)
        r += 1
        f2 = r
        s2 = 0
        for name, qty, content, rtext, amount in extra:
            book.put(ws, r, cs[1], name, wrap=True, border=True)
            book.put(ws, r, cs[2], qty, border=True)
            book.put(ws, r, cs[3], content, wrap=True, border=True)
            if rtext is not None:
                book.put(ws, r, cs[4], rtext, border=True)
            book.put(ws, r, cs[5], amount, border=True)
            ii_rows.append({"name": name, "qty": qty, "amount": amount, "cell": f"{ws.title}!{amt}{r}"})
            s2 += amount
            r += 1
        if mode == "formula":
            book.put(ws, sec2, cs[5], f"=SUM({amt}{f2}:{amt}{r - 1})", bold=True, border=True)
        else:
            book.put(ws, sec2, cs[5], s2, bold=True, border=True)
        total_decl += s2
        book.put(ws, r, cs[1], "Tổng", bold=True, border=True)
        if mode == "formula":
            book.put(ws, r, cs[5], f"={amt}{sec_row}+{amt}{sec2}", bold=True, border=True)
        else:
            book.put(ws, r, cs[5], num(total_decl), bold=True, border=True)
    else:
        book.put(ws, r, cs[1], "Tổng cộng", bold=True, border=True)
        if mode == "formula":
            book.put(ws, r, cs[5], f"={amt}{sec_row}", bold=True, border=True)
        else:
            book.put(ws, r, cs[5], num(total_decl), bold=True, border=True)
    total_cell = f"{ws.title}!{amt}{r}"
    r += 1
    book.put(ws, r, cs[1], f"Bằng chữ: {words_trieu(total_decl)}", italic=True)
    r += 1
    for c, w in zip(cs, [6, 46, 12, 46, 12, 12, 14]):
        ws.column_dimensions[L(c)].width = w
    book.budget = {"sheet": ws.title, "lines": cells, "sectionII": ii_rows, "declaredPerAgency": per_decl,
                   "computedPerAgency": per_true, "declaredTotal": total_decl, "totalCell": total_cell}
    return r


def count_lines(agencies, labels=None):
    """[(label, count)] in standard group order, only groups present."""
    from seed001 import GROUPS
    out = []
    for g in GROUPS:
        n = sum(1 for a in agencies if a["group"] == g)
        if n:
            out.append(((labels or {}).get(g, g), n))
    return out


def stamp_zip(path, date_time):
    """Give every entry of a saved .xlsx/.ods one fixed time stamp, so regenerating gives
    byte-identical files (the entries' contents are untouched)."""
    import zipfile
    with zipfile.ZipFile(path) as z:
        entries = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for i, data in entries:
            n = zipfile.ZipInfo(i.filename, date_time=date_time)
            n.compress_type = i.compress_type
            n.external_attr = i.external_attr
            n.create_system = 0
            z.writestr(n, data, compress_type=i.compress_type, compresslevel=6)
    os.replace(tmp, path)
