#!/usr/bin/env python3
"""The province's season (SPEC §7): hand-made inputs and expected answers for
"who should send / who has not sent yet" and "compared with last year".

    season.py build STAGE   write raw workbooks under STAGE/raw/<case>/..., and every
                            expected.json, mapping.csv and README.md under test/hands/season/
    season.py fixzip STAGE  fix the zip entries' time stamps of the LibreOffice-saved files
    season.py verify STAGE  re-open the LibreOffice-saved files and check that every agency,
                            group, area, STT and total the expected answers point to is there

season.sh runs all three with the LibreOffice re-save in between.  Nothing here reads the
product's code: the answers come from seed 001 (shared/seeds/001_…, via seed001.py), from
test/hands/province/expected.json (to pick two single-agency files to withhold) and from
what this script wrote.

Cases
  last-year/  last year's (2021) consolidated Phụ lục 1 of Đồng Tháp = the expected list for
              test/hands/province/ (seed 001, 2022), with 2 agencies missing and 1 under a
              former name; plus the 2 province files a test withholds ("not yet sent").
  reorg/      a province slice across the 1/7/2025 reorganisation: last year's (2025,
              three-level) consolidated workbook, this year's (2026, two-level) files, and a
              mapping of old units to new ones with one rename left out.
"""
import csv
import datetime
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import seed001  # noqa: E402
from lib import (A, B, Book, G, H, LEADS_SO, LEADS_XA, S, T, X, count_lines, write_budget,  # noqa: E402
                 stamp_zip, write_info, write_list, write_tasks)
from seed001 import G_CM, G_SO, G_XA, GROUPS, PROVINCE  # noqa: E402

ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
HANDS = os.path.join(ROOT, "test", "hands")
OUT = os.path.join(HANDS, "season")
GENERATED = os.path.join(HERE, "season-generated.txt")
RATE = 15

AGENCIES, DEPTS, CHICUC, DISTRICTS = seed001.load()
D = {d["area"]: d for d in DISTRICTS}


def dt(y, m, d):
    return datetime.date(y, m, d)


def seed_ag(name, area=None):
    c = [a for a in AGENCIES if a["name"] == name and (area is None or a["area"] == area)]
    assert len(c) == 1, (name, area, c)
    return c[0]


def key(name, area):
    return area + "|" + name


def gline(counts):
    """[{group, count, rate, amount}] in the standard group order, every group listed."""
    return [{"group": g, "count": counts.get(g, 0), "rate": RATE, "amount": counts.get(g, 0) * RATE}
            for g in GROUPS]


def by_group(rows):
    out = {}
    for r in rows:
        out[r["group"]] = out.get(r["group"], 0) + 1
    return out


FILES = []     # {rel, book, checks, date}
README = []    # markdown lines per case
WRITTEN = []   # non-workbook files written under OUT (relative)


def register(rel, bk, date, extra_checks=None):
    """Record a workbook to be saved under STAGE/raw/<rel> and checked after the re-save."""
    lc = bk.list_cols
    checks = []
    for r in bk.agencies:
        row = r["row"]
        c = {"sheet": r["sheet"], "cell": r["cell"], "text": r["written"]}
        if "group" in lc and r.get("group_cell") is not None:
            c["group"] = {"cell": f"{lc['group']}{row}", "text": r["group_cell"]}
        if "area" in lc and r.get("area_cell") is not None:
            c["area"] = {"cell": f"{lc['area']}{row}", "text": r["area_cell"]}
        checks.append(c)
    FILES.append({"rel": rel, "book": bk, "date": date, "checks": {"agencies": checks, **(extra_checks or {})}})


# ======================================================================= case 1

LY = "last-year"
LY_FILE = "Tong hop ISO 2021 - Phu luc 1 (ban trinh ky).xlsx"
LY_SHEET = "Phụ lục 1"

# chosen by hand (see README): one department and one commune missing from last year's list
ABSENT = [("Sở Ngoại vụ", PROVINCE), ("UBND xã Gáo Giồng", "huyện Cao Lãnh")]
# one commune under its former name: a xã that became a phường (same group, same area)
RENAMED = {"old": "UBND xã Tân Qui Đông", "new": "UBND phường Tân Qui Đông", "area": "thành phố Sa Đéc",
           "group": G_XA}
# two files of test/hands/province/ a test leaves out ("has not sent yet")
WITHHELD = ["KH ISO 2022 - So TTTT.xls", "KH ISO 2022 Thanh tra tinh.xlsx"]

LY_NOTES = {"Sở Khoa học và Công nghệ": "Cơ quan thường trực",
            "UBND thành phố Hồng Ngự": "Công bố lại năm 2020",
            "UBND huyện Tháp Mười": "Công bố lại năm 2020"}

SEC_I = ("I", "Sở, ban, ngành Tỉnh")
SEC_II = ("II", "Các đơn vị trực thuộc sở, ban, ngành")
SEC_III = ("III", "UBND huyện, thị xã, thành phố")


def province_expected():
    with open(os.path.join(HANDS, "province", "expected.json"), encoding="utf-8") as f:
        return json.load(f)


def case_last_year():
    prov = province_expected()
    absent = {key(n, a) for n, a in ABSENT}
    for n, a in ABSENT:
        seed_ag(n, a)
    ren = seed_ag(RENAMED["new"], RENAMED["area"])
    assert ren["group"] == RENAMED["group"]

    # ---- the withheld files: each sends exactly one agency, nobody else sends it, not the Sở KH&CN's
    files = {f["file"]: f for f in prov["files"]}
    dup_names = {(d["name"], d["area"]) for d in prov["duplicates"]}
    withheld = []
    for fn in WITHHELD:
        f = files[fn]
        assert f["agencies"] == 1, fn
        assert "Khoa học và Công nghệ" not in f["sender"]["issuer"], fn
        sent = [a for a in prov["agencies"] if a["file"] == fn]
        assert len(sent) == 1, fn
        a = sent[0]
        assert (a["name"], a["area"]) not in dup_names, fn
        assert key(a["name"], a["area"]) not in absent and a["name"] != RENAMED["new"]
        withheld.append({"file": fn, "name": a["name"], "group": a["group"], "area": a["area"],
                         "seedStt": a["stt"], "sheet": a["sheet"], "row": a["row"]})
    withheld_keys = {key(w["name"], w["area"]) for w in withheld}
    prov_by_key = {key(a["name"], a["area"]): a for a in prov["agencies"]}

    # ---- last year's list = seed 001 in order, minus ABSENT, RENAMED under its old name
    bk = Book()
    ws = bk.sheet(LY_SHEET)
    items = [T("Phụ lục 1"), T("DANH SÁCH CƠ QUAN ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN"),
             T("HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG THEO TIÊU CHUẨN QUỐC GIA"),
             T("TCVN ISO 9001 TỈNH ĐỒNG THÁP NĂM 2021"),
             T("(Kèm theo Kế hoạch số 298/KH-UBND ngày 21/12/2020 của", bold=False),
             T("Ủy ban nhân dân tỉnh Đồng Tháp)", bold=False), B(), H()]
    order = []
    n = 0

    def add(a):
        nonlocal n
        if key(a["name"], a["area"]) in absent:
            return
        name = RENAMED["old"] if a is ren else a["name"]
        rec = dict(a, name=name)
        n += 1
        kw = {"stt": n, "group": a["group"], "area": a["area"], "written": name}
        if a["name"] in LY_NOTES:
            kw["note"] = LY_NOTES[a["name"]]
        items.append(A(rec, **kw))
        order.append({"stt": n, "name": name, "group": a["group"], "area": a["area"], "seedStt": a["stt"]})

    items.append(S(*SEC_I))
    for a in DEPTS:
        add(a)
    items.append(S(*SEC_II))
    for a in CHICUC:
        add(a)
    # seed 001 prints the header again at the top of the page that starts section III
    items += [H(), S(*SEC_III)]
    for d in DISTRICTS:
        items.append(G(d["seed_label"]))   # verbatim, including the seed's '- Thành phố xã Sa Đéc'
        for a in d["members"]:
            add(a)
    items.append(X(f"Tổng cộng: {n} cơ quan, đơn vị", "total row"))
    write_list(bk, ws, items, ["stt", "name", "group", "area", "note"],
               col_widths={"stt": 6, "name": 40, "group": 34, "area": 26, "note": 22})
    for r in bk.agencies:
        ws.cell(row=r["row"], column=1).number_format = "00"
    total_row = max(r["row"] for r in bk.agencies) + 1
    header_rows = [x["row"] for x in bk.not_agencies if "header" in x["why"]]
    _print_setup(ws, header_rows[0])
    for o, r in zip(order, bk.agencies):
        assert o["name"] == r["written"]
        o["sheet"], o["row"] = r["sheet"], r["row"]
    register(f"{LY}/{LY_FILE}", bk, dt(2020, 12, 21),
             {"stt": [{"sheet": LY_SHEET, "cell": f"A{o['row']}", "value": o["stt"]} for o in order],
              "texts": [{"sheet": LY_SHEET, "cell": f"B{total_row}", "text": f"Tổng cộng: {n} cơ quan, đơn vị"}]
              + [{"sheet": LY_SHEET, "cell": f"B{r}", "text": "Tên cơ quan"} for r in header_rows]})
    assert n == 148

    # ---- this year: province folder minus the withheld files, merged with this expected list
    expected_keys = {key(o["name"], o["area"]) for o in order}
    renamed_old_key = key(RENAMED["old"], RENAMED["area"])
    renamed_new_key = key(RENAMED["new"], RENAMED["area"])

    def this_year(confirm_rename):
        """Last year's order with this year's names; agencies not on last year's list at the end of
        their group and area; the withheld agencies (not sent) left out."""
        base = []
        for o in order:
            k = key(o["name"], o["area"])
            if k == renamed_old_key:
                if not confirm_rename:
                    continue
                o = dict(o, name=RENAMED["new"])
                k = renamed_new_key
            if k in withheld_keys:
                continue
            base.append({"name": o["name"], "group": o["group"], "area": o["area"], "lastYearStt": o["stt"]})
        extra = [seed_ag(nm, ar) for nm, ar in ABSENT]
        if not confirm_rename:
            extra.append(ren)
        extra.sort(key=lambda a: a["stt"])   # arrival order does not matter; keep seed order among them
        for a in extra:
            last = max(i for i, b in enumerate(base) if b["group"] == a["group"] and b["area"] == a["area"])
            after = base[last]["name"]
            base.insert(last + 1, {"name": a["name"], "group": a["group"], "area": a["area"], "lastYearStt": None,
                                   "placed": f"not on last year's list: end of {a['group']} / {a['area']}, "
                                             f"after {after}"})
        for i, b in enumerate(base):
            b["stt"] = i + 1
            src = prov_by_key[key(b["name"], b["area"])]
            b["seedStt"] = src["stt"]
            b["file"] = src["file"]
        return [{k: b[k] for k in ("stt", "name", "group", "area", "lastYearStt", "seedStt", "file", "placed")
                 if k in b} for b in base]

    ty = this_year(True)
    ty_unconfirmed = this_year(False)
    assert len(ty) == 148 and len(ty_unconfirmed) == 148
    # where the unexpected ones land (checked, so the README's words cannot drift)
    pos = {b["name"]: b for b in ty}
    nm = [b["name"] for b in ty]
    assert nm[nm.index("Sở Ngoại vụ") - 1] == "Ban Quản lý Khu kinh tế" and nm[nm.index("Sở Ngoại vụ") + 1] == \
        "Chi cục Thủy lợi"
    i = [b["name"] for b in ty].index("UBND xã Gáo Giồng")
    assert ty[i - 1]["name"] == "UBND xã Mỹ Long" and ty[i + 1]["name"] == "UBND huyện Lấp Vò"
    j = [b["name"] for b in ty_unconfirmed].index(RENAMED["new"])
    assert ty_unconfirmed[j - 1]["name"] == "UBND phường An Hoà"
    assert pos[RENAMED["new"]]["lastYearStt"] == 44

    sent = [a for a in prov["agencies"] if a["file"] not in WITHHELD]
    counts = by_group(sent)
    matched = [a for a in sent if key(a["name"], a["area"]) in expected_keys]
    assert len(sent) == 148 and len(matched) == 145

    absent_list = []
    for nm, ar in ABSENT:
        a = seed_ag(nm, ar)
        p = prov_by_key[key(nm, ar)]
        absent_list.append({"name": nm, "group": a["group"], "area": ar, "seedStt": a["stt"], "file": p["file"],
                            "sheet": p["sheet"], "row": p["row"]})
    p = prov_by_key[renamed_new_key]
    old_row = next(o for o in order if o["name"] == RENAMED["old"])
    exp = {
        "class": "expected list (SPEC §7): last year's consolidated Phụ lục 1 says who should send; near the deadline "
                 "the officer needs who has not sent yet; its order is the order of this year's Phụ lục 1",
        "file": LY_FILE,
        "sheet": LY_SHEET,
        "year": 2021,
        "seed": "shared/seeds/001_e621a2b685069261.txt, Phụ lục 1 (seed order), changed only as listed below",
        "thisYearFolder": "test/hands/province (seed 001, plan year 2022), without the files in 'withheld'",
        "order": order,
        "count": len(order),
        "byGroup": gline(by_group(order)),
        "absentFromLastYear": absent_list,
        "renamed": {"old": RENAMED["old"], "new": RENAMED["new"], "area": RENAMED["area"], "group": RENAMED["group"],
                    "lastYear": {"sheet": LY_SHEET, "row": old_row["row"], "stt": old_row["stt"]},
                    "thisYear": {"file": p["file"], "sheet": p["sheet"], "row": p["row"]},
                    "expected": "suggested as a likely rename (same group, same area, same proper name, level word "
                                "xã -> phường) for a person to confirm; never matched silently: SPEC §5 and the seed "
                                "keep 'xã' and 'thị trấn'/'phường' of one name apart (UBND thị trấn Mỹ An and UBND xã "
                                "Mỹ An are two agencies of huyện Tháp Mười)"},
        "withheld": withheld,
        "notYetSent": [{"name": w["name"], "group": w["group"], "area": w["area"], "lastYearStt":
                        next(o["stt"] for o in order if o["name"] == w["name"])} for w in withheld],
        "notYetSentNote": "after the rename is confirmed. Until then 'UBND xã Tân Qui Đông' (thành phố Sa Đéc) is "
                          "also unmatched on the expected list; it must be shown with its suggested match 'UBND "
                          "phường Tân Qui Đông', not as a plain 'not sent'.",
        "unexpected": [{"name": a["name"], "group": a["group"], "area": a["area"]} for a in absent_list],
        "unexpectedNote": "sent this year, not on last year's list. 'UBND phường Tân Qui Đông' is also not on it by "
                          "name: it is the suggested rename, not an unexpected agency once confirmed.",
        "matching": {"thisYearAgencies": len(sent), "matchedByNameAndArea": len(matched),
                     "suggestedRename": 1, "unexpected": 2, "expectedNotSent": 2,
                     "check": "148 sent = 145 matched + 1 suggested rename + 2 unexpected; 148 expected = 145 matched "
                              "+ 1 suggested rename (old name) + 2 not sent"},
        "thisYearOrder": ty,
        "thisYearOrderRule": "last year's order (seed 001's order) with this year's names and without the 2 agencies "
                             "not sent; an agency not on last year's list goes at the end of its own group and area "
                             "(SPEC §7): Sở Ngoại vụ (Cơ quan cấp sở, ngành / tỉnh Đồng Tháp) after Ban Quản lý Khu "
                             "kinh tế, the last department, before section II; UBND xã Gáo Giồng (Cơ quan cấp xã / "
                             "huyện Cao Lãnh) after UBND xã Mỹ Long, the last commune of huyện Cao Lãnh, before "
                             "UBND huyện Lấp Vò. With the rename confirmed, UBND phường Tân Qui Đông keeps the place "
                             "of UBND xã Tân Qui Đông (last year STT 44, between UBND phường 2 and UBND xã Tân "
                             "Khánh Đông). STT runs 1..148.",
        "thisYearOrderRenameNotConfirmed": ty_unconfirmed,
        "thisYearOrderRenameNotConfirmedRule": "same, but UBND phường Tân Qui Đông is then itself an agency not on "
                                               "last year's list and goes after UBND phường An Hoà, the last commune "
                                               "of thành phố Sa Đéc, before UBND thành phố Hồng Ngự",
        "thisYearByGroup": gline(counts),
        "thisYearTotals": {"perAgency": len(sent) * RATE, "sectionII": 370, "total": len(sent) * RATE + 370,
                           "note": "148 agencies × 15 = 2.220, plus the Sở KH&CN's section II lines carried from its "
                                   "file (kiểm tra 70, đào tạo 6 × 50 = 300) = 2.590; province/expected.json gives 2.620 "
                                   "with all 150"},
        "notAgencies": [{"sheet": x["sheet"], "row": x["row"], "why": x["why"]} for x in bk.not_agencies],
        "note": "Names are seed 001's spelling. The sub-group rows are the seed's own text, including its typo "
                "'- Thành phố xã Sa Đéc' (the Địa bàn column says 'thành phố Sa Đéc'). The header is printed twice, "
                "as in the seed (page break before section III). STT cells are numbers shown as 01, 02, …",
    }
    README.append(_readme_last_year(exp))
    return exp


def _print_setup(ws, header_row):
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = 30 / 25.4
    ws.page_margins.right = 15 / 25.4
    ws.page_margins.top = 20 / 25.4
    ws.page_margins.bottom = 20 / 25.4
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "&P"


def _stt(e, name):
    return next(b["stt"] for b in e["thisYearOrder"] if b["name"] == name)


def _readme_last_year(e):
    w = e["withheld"]
    return "\n".join([
        "## `last-year/`: the expected list (who should send, who has not sent yet)", "",
        f"`{e['file']}`: the Sở KH&CN's copy of last year's (2021) consolidated Phụ lục 1, one sheet "
        f"'{e['sheet']}': title block, header `STT | Tên cơ quan | Nhóm cơ quan | Địa bàn / đơn vị cấp trên | Ghi chú`, "
        "sections I / II / III, the seed's sub-group rows (no STT), STT 1..148 (shown 01, 02, …), the header "
        "printed again before section III as in the seed, a 'Tổng cộng: 148 cơ quan, đơn vị' row. Order = seed "
        "001's order. It differs from seed 001 in exactly three places:", "",
        f"* absent: **{e['absentFromLastYear'][0]['name']}** (seed STT {e['absentFromLastYear'][0]['seedStt']}) and "
        f"**{e['absentFromLastYear'][1]['name']}** ({e['absentFromLastYear'][1]['area']}, seed STT "
        f"{e['absentFromLastYear'][1]['seedStt']}): both arrive this year unexpected;",
        f"* former name: **{e['renamed']['old']}** ({e['renamed']['area']}, last year's STT "
        f"{e['renamed']['lastYear']['stt']}, row {e['renamed']['lastYear']['row']}) arrives as "
        f"**{e['renamed']['new']}**: a tool suggests it as a likely rename and does not match it silently.", "",
        "This year = `test/hands/province/` minus two single-agency files a test withholds:", "",
        f"* `{w[0]['file']}` → not yet sent: **{w[0]['name']}**",
        f"* `{w[1]['file']}` → not yet sent: **{w[1]['name']}**", "",
        "Expected answers (`last-year/expected.json`): `order` (148 rows with sheet and row), `absentFromLastYear`, "
        "`renamed`, `withheld`, `notYetSent`, `unexpected`, `matching` (148 sent = 145 matched + 1 suggested rename + "
        "2 unexpected), `thisYearOrder` (rename confirmed) and `thisYearOrderRenameNotConfirmed`, "
        "`thisYearByGroup` (18 / 10 / 12 / 108) and `thisYearTotals` (2.220 + 370 = 2.590).", "",
        "Where the unexpected go (SPEC §7: end of their own group and area): Sở Ngoại vụ right after Ban Quản lý "
        f"Khu kinh tế, the last department (new STT {_stt(e, 'Sở Ngoại vụ')}), before section II; UBND xã Gáo Giồng "
        f"right after UBND xã Mỹ Long, the last commune of huyện Cao Lãnh (new STT {_stt(e, 'UBND xã Gáo Giồng')}), "
        "before UBND huyện Lấp Vò. "
        "If the rename is not confirmed, UBND phường Tân Qui Đông goes after UBND phường An Hoà (end of thành phố "
        "Sa Đéc); confirmed, it keeps last year's place.", ""])


# ======================================================================= case 2

RG = "reorg"
RG_LAST = "Tong hop ISO 2025.xlsx"
P_NEW = "tỉnh Đồng Tháp"   # the province keeps its name after merging with Tiền Giang (1/7/2025)

RG_DEPTS = ["VP UBND Tỉnh", "Sở Xây dựng", "Sở Tài nguyên và Môi trường", "Sở Khoa học và Công nghệ",
            "Sở Nông nghiệp và PTNT", "Sở Y Tế"]
RG_CHICUC = ["Chi cục Thủy lợi", "Chi cục An toàn Vệ sinh thực phẩm", "Chi cục Kiểm Lâm"]
RG_DISTRICTS = ["huyện Hồng Ngự", "huyện Tân Hồng"]   # seed order

NEW_SO = "Sở Nông nghiệp và Môi trường"
NEW_TT = "Trung tâm Phục vụ hành chính công tỉnh"

# new commune -> old communes (huyện), following the province's 2025 draft (Đề án, April 2025) as
# reported in the press; the test does not depend on its historical accuracy
MERGES = [
    ("UBND xã Tân Hồng", "huyện Tân Hồng", ["UBND thị trấn Sa Rài", "UBND xã Tân Công Chí", "UBND xã Bình Phú"]),
    ("UBND xã Tân Hộ Cơ", "huyện Tân Hồng", ["UBND xã Tân Hộ Cơ", "UBND xã Tân Thành B"]),
    ("UBND xã An Phước", "huyện Tân Hồng", ["UBND xã An Phước"]),
    ("UBND xã Thường Phước", "huyện Hồng Ngự", ["UBND xã Thường Thới Tiền", "UBND xã Thường Phước 2",
                                               "UBND xã Thường Phước 1"]),
    ("UBND xã Long Phú Thuận", "huyện Hồng Ngự", ["UBND xã Long Thuận", "UBND xã Phú Thuận A",
                                                 "UBND xã Phú Thuận B"]),
    ("UBND xã Long Khánh", "huyện Hồng Ngự", ["UBND xã Long Khánh A", "UBND xã Long Khánh B"]),
]
# only renamed (xã -> phường), LEFT OUT of mapping.csv: a tool may only suggest it
ONLY_RENAMED = ("UBND xã Thường Lạc", "huyện Hồng Ngự", "UBND phường Thường Lạc")
DEPT_MERGE = (NEW_SO, ["Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và PTNT"])

LEADS_VP = {"office": "Phòng Hành chính - Tổ chức", "noivu": "Phòng Hành chính - Tổ chức", "tkiso": "Tổ thư ký ISO",
            "lead": "Chánh Văn phòng", "coord": "Các phòng, đơn vị thuộc Văn phòng",
            "units": "Các phòng, đơn vị thuộc Văn phòng"}
LEADS_PHUONG = dict(LEADS_XA, lead="Chủ tịch UBND phường")

# this year's workbooks: (file, issuer, so, date, Thông tin địa bàn, cấp, leads, sections, agencies, hand)
# agencies: (name, group, area written in PL1, note)
THIS_YEAR = [
    ("KH ISO 2026 - VP UBND tinh.xlsx", "Văn phòng UBND tỉnh Đồng Tháp", "86/KH-VPUBND", dt(2025, 12, 12),
     P_NEW, "Sở", LEADS_VP, "dept",
     [("VP UBND Tỉnh", G_SO, P_NEW, None),
      (NEW_TT, G_CM, P_NEW, "Áp dụng HTQLCL riêng từ năm 2026 (trước đây trong HTQLCL của Văn phòng)")],
     "VP UBND tỉnh with its new attached unit, Trung tâm Phục vụ hành chính công tỉnh (the one new agency)"),
    ("Ke hoach ISO 2026_So Nong nghiep va Moi truong.xlsx", "Sở Nông nghiệp và Môi trường tỉnh Đồng Tháp",
     "152/KH-SNNMT", dt(2025, 12, 17), P_NEW, "Sở", LEADS_SO, "dept",
     [(NEW_SO, G_SO, P_NEW, "Hợp nhất Sở Nông nghiệp và PTNT và Sở Tài nguyên và Môi trường từ 01/3/2025"),
      ("Chi cục Thủy lợi", G_CM, P_NEW, None), ("Chi cục Kiểm Lâm", G_CM, P_NEW, None)],
     "the merged department (Sở NN&PTNT + Sở TN&MT, 2025) with two chi cục"),
    ("KH ISO 2026 So Xay dung.xlsx", "Sở Xây dựng tỉnh Đồng Tháp", "311/KH-SXD", dt(2025, 12, 15), P_NEW, "Sở",
     LEADS_SO, "dept", [("Sở Xây dựng", G_SO, P_NEW, None)], "unchanged department"),
    ("KH duy tri ISO 2026 - SKHCN.xlsx", "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "205/KH-SKHCN",
     dt(2025, 12, 10), P_NEW, "Sở", LEADS_SO, "dept", [("Sở Khoa học và Công nghệ", G_SO, P_NEW, None)],
     "unchanged department (the collecting Sở's own unit plan)"),
    ("Ke hoach ISO 2026 So Y te (gui So KHCN).xlsx", "Sở Y tế tỉnh Đồng Tháp", "98/KH-SYT", dt(2025, 12, 19),
     P_NEW, "Sở", LEADS_SO, "dept",
     [("Sở Y Tế", G_SO, P_NEW, None), ("Chi cục An toàn Vệ sinh thực phẩm", G_CM, P_NEW, None)],
     "unchanged department with its chi cục; PL2 live formulas"),
    ("KH ISO 2026 - UBND xa Tan Hong.xlsx", "UBND xã Tân Hồng", "12/KH-UBND", dt(2025, 12, 22), "xã Tân Hồng",
     "Xã", LEADS_XA, "none",
     [("UBND xã Tân Hồng", G_XA, "xã Tân Hồng", "Sắp xếp từ thị trấn Sa Rài, xã Tân Công Chí, xã Bình Phú")],
     "new commune from 3 old ones; Địa bàn written as the commune itself; no section row"),
    ("KH ISO 2026 xa Tan Ho Co.xlsx", "UBND xã Tân Hộ Cơ", "09/KH-UBND", dt(2025, 12, 18), P_NEW, "Xã",
     LEADS_XA, "xa", [("UBND xã Tân Hộ Cơ", G_XA, P_NEW, None)],
     "new commune keeping the name of one of its 2 old ones (Tân Hộ Cơ + Tân Thành B)"),
    ("Ke hoach ISO 2026_xa An Phuoc.xlsx", "UBND xã An Phước", "21/KH-UBND", dt(2025, 12, 23), P_NEW, "Xã",
     LEADS_XA, "xa", [("UBND xã An Phước", G_XA, P_NEW, None)],
     "new commune with the same name as its one old commune on the list (xã Tân Phước, also merged in, was not)"),
    ("KH ISO 2026 - UBND xa Thuong Phuoc.xlsx", "UBND xã Thường Phước", "15/KH-UBND", dt(2025, 12, 16), P_NEW,
     "Xã", LEADS_XA, "xa", [("UBND xã Thường Phước", G_XA, P_NEW, None)],
     "new commune from 3 old ones (Thường Thới Tiền, Thường Phước 1, Thường Phước 2)"),
    ("KH ISO nam 2026 Long Khanh.xlsx", "UBND xã Long Khánh", "11/KH-UBND", dt(2025, 12, 24), P_NEW, "Xã",
     LEADS_XA, "xa", [("UBND xã Long Khánh", G_XA, P_NEW, None)], "new commune from Long Khánh A and B"),
    ("KH ISO 2026 xa Long Phu Thuan (final).xlsx", "UBND xã Long Phú Thuận", "17/KH-UBND", dt(2025, 12, 26),
     P_NEW, "Xã", LEADS_XA, "xa", [("UBND xã Long Phú Thuận", G_XA, P_NEW, None)],
     "new commune from 3 old ones (Long Thuận, Phú Thuận A, Phú Thuận B)"),
    ("Ke hoach ISO 2026 - Phuong Thuong Lac.xlsx", "UBND phường Thường Lạc", "08/KH-UBND", dt(2025, 12, 29),
     "phường Thường Lạc", "Xã", LEADS_PHUONG, "xa", [("UBND phường Thường Lạc", G_XA, P_NEW, None)],
     "the former xã Thường Lạc, now a phường (only renamed as far as this list goes); not in mapping.csv"),
]
SEC_XA = ("I", "UBND xã, phường, đặc khu")


def rg_last_year():
    """The 2025 slice in seed order: [(agency dict, section, subgroup)]."""
    rows = []
    for n in RG_DEPTS:
        rows.append(seed_ag(n))
    for n in RG_CHICUC:
        rows.append(seed_ag(n))
    for d in RG_DISTRICTS:
        rows += D[d]["members"]
    order = [a["stt"] for a in rows]
    assert order == sorted(order)
    return rows


def case_reorg():
    last = rg_last_year()
    assert len(last) == 26
    # ---- last year's consolidated workbook (2025, three levels)
    bk = Book()
    wsi = bk.sheet("Thông tin")
    wsl = bk.sheet("PL1 Danh sách cơ quan")
    wsb = bk.sheet("PL2 Kinh phí")
    write_info(bk, wsi, {"issuer": "UBND tỉnh Đồng Tháp", "so": "412/KH-UBND", "date": dt(2024, 12, 20),
                         "year": 2025, "area": PROVINCE, "cap": "Tỉnh", "rate": RATE, "train": 50, "people": 75})
    items = [T("Phụ lục 1"), T("DANH SÁCH CƠ QUAN ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"),
             T("THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001:2015 TỈNH ĐỒNG THÁP NĂM 2025"),
             T("(Kèm theo Kế hoạch số 412/KH-UBND ngày 20/12/2024 của Ủy ban nhân dân tỉnh Đồng Tháp)", bold=False),
             B(), H(), S(*SEC_I)]
    n = 0
    lastrows = []

    def add(a):
        nonlocal n
        n += 1
        items.append(A(a, stt=n, group=a["group"], area=a["area"]))
        lastrows.append({"stt": n, "name": a["name"], "group": a["group"], "area": a["area"], "seedStt": a["stt"]})

    for a in last[:6]:
        add(a)
    items.append(S(*SEC_II))
    for a in last[6:9]:
        add(a)
    items.append(S(*SEC_III))
    for d in RG_DISTRICTS:
        items.append(G(D[d]["seed_label"]))
        for a in D[d]["members"]:
            add(a)
    items.append(X(f"Tổng cộng: {n} cơ quan, đơn vị", "total row"))
    write_list(bk, wsl, items, ["stt", "name", "group", "area", "note"])
    _print_setup(wsl, 6)
    rows = [r["row"] for r in bk.agencies]
    write_budget(bk, wsb, count_lines([r["agency"] for r in bk.agencies]), RATE, mode="formula",
                 list_ref=(wsl.title, bk.list_cols["group"], min(rows), max(rows)), rate_ref=bk.info["rate_abs"])
    for o, r in zip(lastrows, bk.agencies):
        o["sheet"], o["row"] = r["sheet"], r["row"]
    pl2 = [{"group": ln["label"], "countCell": ln["countCell"], "count": ln["count"], "amountCell": ln["amountCell"],
            "amount": ln["amount"]} for ln in bk.budget["lines"]]
    register(f"{RG}/{RG_LAST}", bk, dt(2024, 12, 20),
             {"values": [{"ref": x["countCell"], "value": x["count"]} for x in pl2] +
                        [{"ref": x["amountCell"], "value": x["amount"]} for x in pl2] +
                        [{"ref": bk.budget["totalCell"], "value": 390},
                         {"ref": bk.info["rate"].replace("'", ""), "value": RATE},
                         {"ref": bk.info["year"].replace("'", ""), "value": 2025}]})

    # ---- this year's files (2026, two levels)
    thisrows = []
    files = []
    for (fname, issuer, so, date, area, cap, leads, secs, ags, hand) in THIS_YEAR:
        b = Book()
        wi, wt, wl, wb = (b.sheet("Thông tin"), b.sheet("Nội dung thực hiện"), b.sheet("PL1 Danh sách cơ quan"),
                          b.sheet("PL2 Kinh phí"))
        write_info(b, wi, {"issuer": issuer, "so": so, "date": date, "year": 2026, "area": area, "cap": cap,
                           "rate": RATE, "train": 50, "people": 75})
        write_tasks(b, wt, leads, year=2026)
        its = [T("Phụ lục 1"), T("DANH SÁCH CƠ QUAN ÁP DỤNG, DUY TRÌ VÀ CẢI TIẾN HỆ THỐNG QUẢN LÝ CHẤT LƯỢNG"),
               T("THEO TIÊU CHUẨN QUỐC GIA TCVN ISO 9001:2015 NĂM 2026"),
               T(f"(Kèm theo Kế hoạch số {so} ngày {date.strftime('%d/%m/%Y')} của {issuer})", bold=False), B(), H()]
        k = 0
        recs = []
        for i, (name, group, awritten, note) in enumerate(ags):
            if secs == "dept" and i == 0:
                its.append(S(*SEC_I))
            if secs == "dept" and i == 1:
                its.append(S(*SEC_II))
            if secs == "xa" and i == 0:
                its.append(S(*SEC_XA))
            k += 1
            a = {"name": name, "group": group, "area": P_NEW, "stt": None}
            kw = {"stt": k, "group": group, "area": awritten}
            if note:
                kw["note"] = note
            its.append(A(a, **kw))
            recs.append((name, group, awritten))
        write_list(b, wl, its, ["stt", "name", "group", "area", "note"])
        lrows = [r["row"] for r in b.agencies]
        formula = "formula" in hand
        write_budget(b, wb, count_lines([r["agency"] for r in b.agencies]), RATE,
                     mode="formula" if formula else "values",
                     **({"list_ref": (wl.title, b.list_cols["group"], min(lrows), max(lrows)),
                         "rate_ref": b.info["rate_abs"]} if formula else {}))
        total = len(ags) * RATE
        register(f"{RG}/2026/{fname}", b, date,
                 {"values": [{"ref": b.budget["totalCell"], "value": total},
                             {"ref": b.info["year"].replace("'", ""), "value": 2026},
                             {"ref": b.info["area"].replace("'", ""), "value": area},
                             {"ref": b.info["issuer"].replace("'", ""), "value": issuer}]})
        for (name, group, awritten), r in zip(recs, b.agencies):
            e = {"name": name, "group": group, "area": P_NEW, "file": fname, "sheet": r["sheet"], "row": r["row"]}
            if awritten != P_NEW:
                e["areaWritten"] = awritten
            thisrows.append(e)
        files.append({"file": fname, "sender": {"issuer": issuer, "area": area}, "agencies": len(ags),
                      "total": total, "hand": hand})

    # ---- mapping.csv (many-to-one allowed; ONLY_RENAMED left out)
    mapping = []
    for new, oldd, olds in MERGES:
        for o in olds:
            seed_ag(o, oldd)
            mapping.append({"Tên cũ": o, "Địa bàn cũ": oldd, "Tên mới": new, "Địa bàn mới": P_NEW})
    for o in DEPT_MERGE[1]:
        seed_ag(o, PROVINCE)
        mapping.append({"Tên cũ": o, "Địa bàn cũ": PROVINCE, "Tên mới": DEPT_MERGE[0], "Địa bàn mới": P_NEW})
    # mapping in the order of last year's list (how an officer types it down the old list)
    stt = {key(r["name"], r["area"]): r["stt"] for r in lastrows}
    mapping.sort(key=lambda m: stt[key(m["Tên cũ"], m["Địa bàn cũ"])])
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["Tên cũ", "Địa bàn cũ", "Tên mới", "Địa bàn mới"], lineterminator="\r\n")
    w.writeheader()
    w.writerows(mapping)
    os.makedirs(os.path.join(OUT, RG), exist_ok=True)
    with open(os.path.join(OUT, RG, "mapping.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())
    WRITTEN.append(f"{RG}/mapping.csv")

    # ---- the comparison, agency by agency
    L = {key(r["name"], r["area"]): r for r in lastrows}
    N = {key(r["name"], r["area"]): r for r in thisrows}
    assert len(L) == 26 and len(N) == 16

    def ref(r):
        return {"name": r["name"], "group": r["group"], "area": r["area"]}

    kept_plain = [ref(L[k]) for k in L if k in N]          # same name, same area (tỉnh Đồng Tháp)
    assert len(kept_plain) == 7
    # with the mapping
    tgt = {}
    for m in mapping:
        tgt.setdefault(key(m["Tên mới"], m["Địa bàn mới"]), []).append(key(m["Tên cũ"], m["Địa bàn cũ"]))
    for t in tgt:
        assert t in N, t
    merged, kept_map, renamed_map = [], [], []
    for t, olds in tgt.items():
        if len(olds) > 1:
            merged.append({"new": ref(N[t]), "from": [ref(L[o]) for o in olds]})
        elif L[olds[0]]["name"] == N[t]["name"]:
            kept_map.append({"old": ref(L[olds[0]]), "new": ref(N[t])})
        else:
            renamed_map.append({"old": ref(L[olds[0]]), "new": ref(N[t])})
    used_old = {o for olds in tgt.values() for o in olds} | {k for k in L if k in N}
    used_new = set(tgt) | {k for k in N if k in L}
    sug_old = key(ONLY_RENAMED[0], ONLY_RENAMED[1])
    sug_new = key(ONLY_RENAMED[2], P_NEW)
    removed_m = [ref(L[k]) for k in L if k not in used_old and k != sug_old]
    added_m = [ref(N[k]) for k in N if k not in used_new and k != sug_new]
    assert [r["name"] for r in removed_m] == ["UBND huyện Hồng Ngự", "UBND huyện Tân Hồng"]
    assert [r["name"] for r in added_m] == [NEW_TT]
    suggested_m = [{"old": ref(L[sug_old]), "new": ref(N[sug_new]),
                    "why": "same group (Cơ quan cấp xã), same proper name 'Thường Lạc', level word xã -> phường; "
                           "not in mapping.csv"}]
    # without the mapping
    removed_n = [ref(L[k]) for k in L if k not in N]
    added_n = [ref(N[k]) for k in N if k not in L]
    assert len(removed_n) == 19 and len(added_n) == 9

    def pair(o, oa, nn, na, why):
        assert key(o, oa) in L and key(nn, na) in N, (o, nn)
        return {"old": {"name": o, "area": oa}, "new": {"name": nn, "area": na}, "why": why}

    must = [pair(*ONLY_RENAMED[:2], ONLY_RENAMED[2], P_NEW,
                 "same proper name, level word xã -> phường, same group"),
            pair("UBND xã Tân Hộ Cơ", "huyện Tân Hồng", "UBND xã Tân Hộ Cơ", P_NEW,
                 "identical name; the area changed from the abolished district to the province, so SPEC §5's "
                 "'same name in the same địa bàn' does not hold by itself"),
            pair("UBND xã An Phước", "huyện Tân Hồng", "UBND xã An Phước", P_NEW, "identical name; area changed "
                 "as above")]
    may = [pair("UBND xã Long Khánh A", "huyện Hồng Ngự", "UBND xã Long Khánh", P_NEW, "name contains the new name"),
           pair("UBND xã Long Khánh B", "huyện Hồng Ngự", "UBND xã Long Khánh", P_NEW, "name contains the new name"),
           pair("UBND xã Thường Phước 1", "huyện Hồng Ngự", "UBND xã Thường Phước", P_NEW, "name contains the new name"),
           pair("UBND xã Thường Phước 2", "huyện Hồng Ngự", "UBND xã Thường Phước", P_NEW, "name contains the new name"),
           pair("Sở Nông nghiệp và PTNT", PROVINCE, NEW_SO, P_NEW, "shares 'Sở Nông nghiệp và'"),
           pair("Sở Tài nguyên và Môi trường", PROVINCE, NEW_SO, P_NEW, "shares 'Môi trường'")]
    never = [pair("UBND huyện Tân Hồng", "huyện Tân Hồng", "UBND xã Tân Hồng", P_NEW,
                  "different group: the district's UBND was abolished (Cơ quan cấp huyện), xã Tân Hồng is a new "
                  "commune; a name suggester must not pair across groups")]

    lc, tc = by_group(lastrows), by_group(thisrows)
    diff = []
    for g in GROUPS:
        a, b_ = lc.get(g, 0), tc.get(g, 0)
        diff.append({"group": g, "lastYear": {"count": a, "amount": a * RATE},
                     "thisYear": {"count": b_, "amount": b_ * RATE},
                     "difference": {"count": b_ - a, "amount": (b_ - a) * RATE}})
    exp = {
        "class": "compared with last year across the 1/7/2025 reorganisation (SPEC §3, §7): districts abolished, "
                 "communes merged or renamed, two departments merged, one new agency; a mapping of old units to new "
                 "ones lets last year's list match this year's",
        "rate": RATE,
        "lastYear": {"file": RG_LAST, "year": 2025, "sheet": "PL1 Danh sách cơ quan", "agencies": lastrows,
                     "byGroup": gline(lc), "total": len(lastrows) * RATE, "pl2": pl2,
                     "pl2Total": {"cell": bk.budget["totalCell"], "value": 390}},
        "thisYear": {"folder": "2026", "year": 2026, "files": files, "agencies": thisrows, "byGroup": gline(tc),
                     "total": len(thisrows) * RATE,
                     "areaNote": "two-level government: every agency's area is the province. One file writes its "
                                 "commune itself in the Địa bàn column ('xã Tân Hồng', see areaWritten): that is the "
                                 "commune, inside tỉnh Đồng Tháp, and matches mapping.csv's 'tỉnh Đồng Tháp'."},
        "difference": diff,
        "totalDifference": {"lastYear": len(lastrows) * RATE, "thisYear": len(thisrows) * RATE,
                            "difference": (len(thisrows) - len(lastrows)) * RATE,
                            "count": len(thisrows) - len(lastrows)},
        "mapping": {"file": "mapping.csv", "encoding": "UTF-8 without BOM, CRLF line ends, header row",
                    "rows": mapping, "leftOut": {"old": ONLY_RENAMED[0], "oldArea": ONLY_RENAMED[1],
                                                 "new": ONLY_RENAMED[2], "newArea": P_NEW},
                    "notMapped": ["UBND huyện Hồng Ngự", "UBND huyện Tân Hồng"],
                    "notMappedNote": "the districts' UBND have no successor (abolished); they are removed"},
        "withMapping": {
            "kept": kept_plain + [x["new"] for x in kept_map],
            "keptViaMapping": kept_map,
            "merged": merged,
            "renamed": renamed_map,
            "removed": removed_m,
            "added": added_m,
            "suggested": suggested_m,
            "afterConfirmingSuggestion": {"renamed": [{"old": suggested_m[0]["old"], "new": suggested_m[0]["new"]}],
                                          "removed": removed_m, "added": added_m},
            "beforeConfirming": "the suggested pair counts as 1 removed (UBND xã Thường Lạc) + 1 added (UBND phường "
                                "Thường Lạc), shown together for a person to confirm",
            "check": "26 last year = 7 kept + 1 kept via mapping (An Phước) + 15 merged into 6 + 2 removed + 1 "
                     "suggested; 16 this year = 7 + 1 + 6 merged + 1 added + 1 suggested",
        },
        "withoutMapping": {
            "kept": kept_plain,
            "renamed": [],
            "removed": removed_n,
            "added": added_n,
            "suggested": {"mustInclude": must, "mayInclude": may, "mustNotInclude": never},
            "note": "without a mapping nothing across the reorganisation is matched silently: every commune's area "
                    "changed (district -> province), so only the 7 province-level units with the same name and area "
                    "are kept; 19 removed, 9 added. A tool must surface at least the 3 'mustInclude' pairs for a "
                    "person to confirm; it may surface the 'mayInclude' ones; none of them is a match until confirmed.",
        },
        "note": "Names are seed 001's spelling for every unit that existed in 2022; the new names (Sở Nông nghiệp và "
                "Môi trường, Trung tâm Phục vụ hành chính công tỉnh, the new communes) follow the 2025 reforms. "
                "Money in triệu đồng at 15 per agency for every group; per-agency lines only (section II of the "
                "Sở KH&CN is province-wide and not part of this slice).",
    }
    README.append(_readme_reorg(exp))
    return exp


def _readme_reorg(e):
    out = ["## `reorg/`: last year vs this year across the 1/7/2025 reorganisation", "",
           f"`{RG_LAST}`: last year's (2025, three levels) consolidated workbook of a slice of Đồng Tháp: "
           "'Thông tin' (UBND tỉnh, năm 2025, định mức 15), 'PL1 Danh sách cơ quan' (6 departments, 3 chi cục, "
           "huyện Hồng Ngự and huyện Tân Hồng with their UBND and 9 + 6 communes, seed 001's names and order), "
           "'PL2 Kinh phí' (COUNTIF formulas over PL1 × the rate: 90 + 45 + 30 + 225 = 390).", "",
           "`2026/`: this year's files, one per unit as in two-level government (every agency sends its own plan "
           "to the Sở KH&CN; no district collects): 'Thông tin' (issuer, Địa bàn, Năm 2026), a 2026 task table, "
           "PL1, PL2.", "", "| file | agencies | hand |", "|---|---|---|"]
    for f in e["thisYear"]["files"]:
        names = ", ".join(a["name"] for a in e["thisYear"]["agencies"] if a["file"] == f["file"])
        out.append(f"| `{f['file']}` | {names} | {f['hand']} |")
    out += ["", "`mapping.csv` (UTF-8, header `Tên cũ,Địa bàn cũ,Tên mới,Địa bàn mới`): the 15 old communes "
            "merged into 6 new ones and the 2 departments merged into Sở Nông nghiệp và Môi trường. Left out on "
            "purpose: UBND xã Thường Lạc → UBND phường Thường Lạc (only renamed), which a tool may only *suggest*. "
            "The districts' UBND are not mapped (abolished).", "", "Expected (`reorg/expected.json`):", "",
            "| group | 2025 | 2026 | difference |", "|---|---|---|---|"]
    for d in e["difference"]:
        out.append(f"| {d['group']} | {d['lastYear']['count']} × 15 = {d['lastYear']['amount']} | "
                   f"{d['thisYear']['count']} × 15 = {d['thisYear']['amount']} | "
                   f"{d['difference']['count']:+d} / {d['difference']['amount']:+d} |")
    t = e["totalDifference"]
    out += [f"| total | 26 → {t['lastYear']} | 16 → {t['thisYear']} | {t['count']:+d} / {t['difference']:+d} |", "",
            "* with the mapping: kept 7 unchanged + UBND xã An Phước (1 → 1, same name); merged: Sở Nông nghiệp và "
            "Môi trường ← 2 Sở, UBND xã Tân Hồng ← 3, Tân Hộ Cơ ← 2, Thường Phước ← 3, Long Phú Thuận ← 3, Long "
            "Khánh ← 2; removed: UBND huyện Hồng Ngự, UBND huyện Tân Hồng; added: Trung tâm Phục vụ hành chính công "
            "tỉnh; suggested (for a person to confirm): UBND xã Thường Lạc → UBND phường Thường Lạc;",
            "* without the mapping: kept only the 7 unchanged province-level units; 19 removed, 9 added, nothing "
            "renamed; suggestions must include Thường Lạc, Tân Hộ Cơ and An Phước (identical names whose area "
            "changed), may include Long Khánh A/B, Thường Phước 1/2 and the two Sở; must not pair UBND huyện Tân "
            "Hồng with UBND xã Tân Hồng (different group).", ""]
    return "\n".join(out)


# ======================================================================= output

def write_json(path, data):
    sys.path.insert(0, HERE)
    import make   # the same JSON layout as the other expected answers
    make.write_json(path, data)


def build(stage):
    print(seed001.check_against_seed())
    os.makedirs(OUT, exist_ok=True)
    ly = case_last_year()
    rg = case_reorg()
    raw = os.path.join(stage, "raw")
    manifest = []
    for f in FILES:
        p = os.path.join(raw, f["rel"])
        os.makedirs(os.path.dirname(p), exist_ok=True)
        wb = f["book"].wb
        when = datetime.datetime.combine(f["date"], datetime.time(8, 0))
        wb.properties.created = when
        wb.properties.modified = when
        wb.properties.creator = "Nguyễn Thị Thu Hà"
        wb.save(p)
        manifest.append({"rel": f["rel"], "checks": f["checks"]})
    write_json(os.path.join(OUT, LY, "expected.json"), ly)
    write_json(os.path.join(OUT, RG, "expected.json"), rg)
    WRITTEN.extend([f"{LY}/expected.json", f"{RG}/expected.json"])
    with open(os.path.join(stage, "manifest.json"), "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, ensure_ascii=False, indent=1)
    write_readme()
    gen = sorted(["README.md"] + WRITTEN + [m["rel"] for m in manifest])
    with open(GENERATED, "w", encoding="utf-8") as fh:
        fh.write("# files under test/hands/season/ written by season.sh (it deletes only these before regenerating)\n")
        fh.write("\n".join(gen) + "\n")
    print(f"{len(FILES)} workbooks staged in {raw}")


def write_readme():
    lines = ["# The province's season (test inputs)", "",
             "Generated by `scripts/hands/season.sh` (`season.py` writes with openpyxl, LibreOffice re-saves, then "
             "every agency cell the answers point to is checked in the re-saved file). Do not edit by hand.", "",
             "SPEC §7: the expected list (last year's Phụ lục 1: who should send, who has not sent yet, the order of "
             "this year's list) and the comparison with last year (added, removed, renamed, counts and money per "
             "group) across the 1/7/2025 reorganisation. Every answer is worked out agency by agency from seed 001 "
             "(`shared/seeds/001_…`, Đồng Tháp 2022, Phụ lục 1) and from what the script wrote; it is in each "
             "folder's `expected.json`. Money in triệu đồng, 15 per agency. The expected.json / mapping.csv files "
             "sit next to the workbooks: copy only the workbooks when merging a folder, or expect them to be "
             "reported as not workbooks.", ""]
    lines += README
    lines += ["## Decisions where SPEC is silent (the answers follow them)", "",
              "* A name that differs only in the level word (xã → phường, like xã Tân Qui Đông → phường Tân Qui "
              "Đông, xã Thường Lạc → phường Thường Lạc) is a *suggested* rename for a person to confirm, never a "
              "silent match: SPEC §5 and seed 001 keep UBND thị trấn Mỹ An and UBND xã Mỹ An apart.",
              "* 'End of its group and area' (SPEC §7): a department goes after the last department of section I; a "
              "commune after the last commune of its district, before the next district's UBND. Until a rename is "
              "confirmed, the new name is itself an agency not on last year's list.",
              "* Two-level government: every 2026 agency's area is the province. A commune writing itself in the "
              "Địa bàn column ('xã Tân Hồng') is inside the province and matches mapping.csv's 'tỉnh Đồng Tháp'.",
              "* Across the reorganisation, without a mapping, an identical commune name whose area changed from "
              "its district to the province (xã Tân Hộ Cơ, xã An Phước) is suggested, not kept silently: SPEC §5's "
              "'same name in the same địa bàn' does not hold. The 7 province-level units with the same name and "
              "area are kept.",
              "* The districts' UBND have no successor: not in mapping.csv, removed. A name suggester does not pair "
              "across groups (UBND huyện Tân Hồng ≠ UBND xã Tân Hồng).",
              "* Counts and money per group are section I only (per-agency lines at 15); section II (the Sở KH&CN's "
              "inspection and training) is province-wide and not compared.",
              "* mapping.csv is UTF-8 without BOM; a tool reading an Excel-saved CSV should also accept a BOM.", ""]
    lines += ["## Officer's corrections: `scripts/hands/officer_edits.py`", "",
              "Not run by season.sh. A test calls `python3 scripts/hands/officer_edits.py IN.xlsx OUT.xlsx "
              "EDITS.json` on a consolidated workbook the tool wrote, re-saves OUT through LibreOffice, and merges "
              "late files into it (SPEC §7: the officer's corrections survive every later merge). The script edits "
              "the sheet whose header row has 'Tên cơ quan' as a person would in Excel: rename / note / group change "
              "in place, delete removes the row (rows below move up), add inserts a row after a named one (STT left "
              "blank unless given). Columns are found by header text. A name that is not found (or found twice "
              "without an `area`, or `afterArea` for add, to tell them apart) stops it with exit code 2 and nothing written. "
              "`python3 scripts/hands/officer_edits.py --self-test` checks it on a toy sheet.", "",
              "Like Excel, a deletion or insertion moves every reference to the edited rows (PL2's COUNTIF ranges "
              "shrink or grow), but a row added right after the last row of a range falls outside it: a PL2 formula "
              "`COUNTIF(PL1!$C$8:$C$36, …)` does not count an agency added after row 36. That is what a person's "
              "workbook shows (SPEC §4: the displayed figures are the declaration); the tool recomputes from PL1 "
              "and names the cell. Static texts ('Tổng cộng: 26 cơ quan', 'Bằng chữ: …') are not updated either.", ""]
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def fixzip(stage):
    manifest = json.load(open(os.path.join(stage, "manifest.json"), encoding="utf-8"))
    for m in manifest:
        stamp_zip(os.path.join(OUT, m["rel"]), (2025, 12, 1, 8, 0, 0))


def _cell(wb, ref):
    sh, c = ref.rsplit("!", 1)
    return wb[sh.strip("'")][c].value


def verify(stage):
    import openpyxl
    manifest = json.load(open(os.path.join(stage, "manifest.json"), encoding="utf-8"))
    bad = 0

    def fail(*a):
        nonlocal bad
        bad += 1
        print(*a)

    books = {}
    for m in manifest:
        p = os.path.join(OUT, m["rel"])
        if not os.path.exists(p):
            fail("MISSING", m["rel"])
            continue
        wb = openpyxl.load_workbook(p, data_only=True)
        books[m["rel"]] = wb
        c = m["checks"]
        for a in c["agencies"]:
            ws = wb[a["sheet"]]
            if ws[a["cell"]].value != a["text"]:
                fail("NAME", m["rel"], a["cell"], repr(ws[a["cell"]].value), "!=", repr(a["text"]))
            for k in ("group", "area"):
                if k in a and ws[a[k]["cell"]].value != a[k]["text"]:
                    fail(k.upper(), m["rel"], a[k]["cell"], repr(ws[a[k]["cell"]].value), "!=", repr(a[k]["text"]))
        for s in c.get("stt", []):
            if wb[s["sheet"]][s["cell"]].value != s["value"]:
                fail("STT", m["rel"], s["cell"], wb[s["sheet"]][s["cell"]].value, "!=", s["value"])
        for t in c.get("texts", []):
            if wb[t["sheet"]][t["cell"]].value != t["text"]:
                fail("TEXT", m["rel"], t["cell"], repr(wb[t["sheet"]][t["cell"]].value))
        for v in c.get("values", []):
            got = _cell(wb, v["ref"])
            if isinstance(got, datetime.datetime) or got != v["value"]:
                fail("VALUE", m["rel"], v["ref"], repr(got), "!=", repr(v["value"]))
    # the expected answers against the re-saved files (sheet, row), so JSON and files cannot drift
    ly = json.load(open(os.path.join(OUT, LY, "expected.json"), encoding="utf-8"))
    wb = books[f"{LY}/{LY_FILE}"]
    if wb.sheetnames != [LY_SHEET]:
        fail("SHEETS", wb.sheetnames)
    ws = wb[LY_SHEET]
    for o in ly["order"]:
        got = (ws.cell(o["row"], 1).value, ws.cell(o["row"], 2).value, ws.cell(o["row"], 3).value,
               ws.cell(o["row"], 4).value)
        if got != (o["stt"], o["name"], o["group"], o["area"]):
            fail("ORDER", o, got)
    names = [ws.cell(r, 2).value for r in range(1, ws.max_row + 1)]
    for a in ly["absentFromLastYear"]:
        if a["name"] in names:
            fail("ABSENT PRESENT", a["name"])
    if ly["renamed"]["new"] in names or ws.cell(ly["renamed"]["lastYear"]["row"], 2).value != ly["renamed"]["old"]:
        fail("RENAME", ly["renamed"])
    stts = [ws.cell(r, 1).value for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, int)]
    if stts != list(range(1, 149)):
        fail("STT RUN", stts[:5], len(stts))
    if ws.print_title_rows is None:
        fail("PRINT TITLES")
    # the province files named in the answers hold those agencies at that sheet and row
    refs = [(w["file"], w["sheet"], w["row"], w["name"]) for w in ly["withheld"]]
    refs += [(a["file"], a["sheet"], a["row"], a["name"]) for a in ly["absentFromLastYear"]]
    t = ly["renamed"]["thisYear"]
    refs.append((t["file"], t["sheet"], t["row"], ly["renamed"]["new"]))
    back = tempfile.mkdtemp(prefix="season-verify-")
    try:
        srcs = sorted({os.path.join(HANDS, "province", f) for f, _, _, _ in refs})
        for p in srcs:
            if not os.path.exists(p):
                fail("PROVINCE FILE MISSING", p)
        home = os.path.join(back, "home")
        subprocess.run(["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{home}/lo",
                        "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", back] + srcs, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ, HOME=home))
        for f, sheet, row, name in refs:
            wbp = openpyxl.load_workbook(os.path.join(back, os.path.splitext(f)[0] + ".xlsx"), data_only=True)
            cells = [" ".join(str(c.value).split()) for c in wbp[sheet][row] if c.value is not None]
            if name not in cells:
                fail("PROVINCE ROW", f, sheet, row, name, cells)
    finally:
        shutil.rmtree(back, ignore_errors=True)
    rg = json.load(open(os.path.join(OUT, RG, "expected.json"), encoding="utf-8"))
    wb = books[f"{RG}/{RG_LAST}"]
    for o in rg["lastYear"]["agencies"]:
        ws = wb[o["sheet"]]
        got = (ws.cell(o["row"], 1).value, ws.cell(o["row"], 2).value, ws.cell(o["row"], 3).value,
               ws.cell(o["row"], 4).value)
        if got != (o["stt"], o["name"], o["group"], o["area"]):
            fail("RG LAST", o, got)
    for a in rg["thisYear"]["agencies"]:
        ws = books[f"{RG}/2026/{a['file']}"][a["sheet"]]
        got = (ws.cell(a["row"], 2).value, ws.cell(a["row"], 3).value, ws.cell(a["row"], 4).value)
        if got != (a["name"], a["group"], a.get("areaWritten", a["area"])):
            fail("RG THIS", a, got)
    in_folder = sorted(f for f in os.listdir(os.path.join(OUT, RG, "2026")))
    if in_folder != sorted(f["file"] for f in rg["thisYear"]["files"]):
        fail("2026 FOLDER", in_folder)
    with open(os.path.join(OUT, RG, "mapping.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    if rows != rg["mapping"]["rows"]:
        fail("MAPPING")
    last = {(a["name"], a["area"]) for a in rg["lastYear"]["agencies"]}
    this = {(a["name"], a["area"]) for a in rg["thisYear"]["agencies"]}
    for r in rows:
        if (r["Tên cũ"], r["Địa bàn cũ"]) not in last or (r["Tên mới"], r["Địa bàn mới"]) not in this:
            fail("MAPPING ROW", r)
    total = sum(os.path.getsize(os.path.join(r_, f)) for r_, _, fs in os.walk(OUT) for f in fs)
    print(f"verified {len(manifest)} workbooks and both expected.json, {bad} problem(s); "
          f"test/hands/season is {total / 1e6:.2f} MB")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("build", "fixzip", "verify"):
        sys.exit(__doc__)
    {"build": build, "fixzip": fixzip, "verify": verify}[sys.argv[1]](sys.argv[2])
