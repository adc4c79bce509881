#!/usr/bin/env python3
"""Hand-made plan workbooks (test inputs) for kehoach-iso.

    make.py build STAGE   write raw workbooks under STAGE/raw/<fmt>/<dir>/ and every
                          expected.json / README.md under test/hands/
    make.py fixzip STAGE  fix the zip entries' time stamps (byte-identical reruns)
    make.py verify STAGE  re-open the LibreOffice-saved files and check that every cell the
                          expected answers point to holds what they say

make.sh runs both with the LibreOffice re-save in between.  Nothing here reads the
product's code: the answers come from seed 001 and from what this script wrote.
"""
import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import seed001  # noqa: E402
from lib import (A, B, Book, G, H, LEADS_CITY, LEADS_DISTRICT, LEADS_SO, LEADS_XA, M, S, T, X,  # noqa: E402
                 abbr, area_text, count_lines, full_ubnd, list_title, nfc, nfd, no_ubnd, pad_number,
                 standard_items, subgroup_text, tone_new, tone_old, write_budget, write_info, write_list,
                 stamp_zip, write_tasks)
from seed001 import G_CM, G_HUYEN, G_SO, G_XA, GROUPS, PROVINCE  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
OUT = os.path.join(ROOT, "test", "hands")

AGENCIES, DEPTS, CHICUC, DISTRICTS = seed001.load()
BY_NAME = {}
for _a in AGENCIES:
    BY_NAME.setdefault(_a["name"], []).append(_a)
D = {d["area"]: d for d in DISTRICTS}


def ag(name, area=None):
    """A seed agency by its exact seed name (and area when the name is shared)."""
    c = BY_NAME[name]
    if area:
        c = [a for a in c if a["area"] == area]
    assert len(c) == 1, (name, area, c)
    return c[0]


def synth(name, area, group, parent=None):
    """An agency that is not in seed 001 (used only in single-file and pair cases)."""
    return seed001._agency(None, name, area, group, district=area if group in (G_HUYEN, G_XA) else None,
                           parent=parent)


def dt(y, m, d):
    return datetime.date(y, m, d)


DEPT_ISSUER = {
    "VP UBND Tỉnh": ("Văn phòng UBND tỉnh Đồng Tháp", "KH-VPUBND"),
    "Sở Xây dựng": ("Sở Xây dựng tỉnh Đồng Tháp", "KH-SXD"),
    "Sở Kế hoạch và Đầu tư": ("Sở Kế hoạch và Đầu tư tỉnh Đồng Tháp", "KH-SKHĐT"),
    "Sở Tài nguyên và Môi trường": ("Sở Tài nguyên và Môi trường tỉnh Đồng Tháp", "KH-STNMT"),
    "Sở Khoa học và Công nghệ": ("Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "KH-SKHCN"),
    "Sở Tài Chính": ("Sở Tài chính tỉnh Đồng Tháp", "KH-STC"),
    "Sở Tư Pháp": ("Sở Tư pháp tỉnh Đồng Tháp", "KH-STP"),
    "Sở Nội vụ": ("Sở Nội vụ tỉnh Đồng Tháp", "KH-SNV"),
    "Sở Ngoại vụ": ("Sở Ngoại vụ tỉnh Đồng Tháp", "KH-SNgV"),
    "Sở Nông nghiệp và PTNT": ("Sở Nông nghiệp và Phát triển nông thôn tỉnh Đồng Tháp", "KH-SNN"),
    "Sở Lao động, Thương binh và Xã hội": ("Sở Lao động - Thương binh và Xã hội tỉnh Đồng Tháp", "KH-SLĐTBXH"),
    "Sở Giao thông - Vận tải": ("Sở Giao thông vận tải tỉnh Đồng Tháp", "KH-SGTVT"),
    "Sở Y Tế": ("Sở Y tế tỉnh Đồng Tháp", "KH-SYT"),
    "Sở Công Thương": ("Sở Công Thương tỉnh Đồng Tháp", "KH-SCT"),
    "Sở Giáo dục và Đào tạo": ("Sở Giáo dục và Đào tạo tỉnh Đồng Tháp", "KH-SGDĐT"),
    "Sở Thông tin - Truyền thông": ("Sở Thông tin và Truyền thông tỉnh Đồng Tháp", "KH-STTTT"),
    "Sở Văn hóa, Thể thao và Du lịch": ("Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp", "KH-SVHTTDL"),
    "Cục thuế Tỉnh": ("Cục Thuế tỉnh Đồng Tháp", "KH-CT"),
    "Thanh tra Tỉnh": ("Thanh tra tỉnh Đồng Tháp", "KH-TTr"),
    "Ban Quản lý Khu kinh tế": ("Ban Quản lý Khu kinh tế tỉnh Đồng Tháp", "KH-BQLKKT"),
    "Chi cục Kiểm Lâm": ("Chi cục Kiểm lâm tỉnh Đồng Tháp", "KH-CCKL"),
    "Chi cục Thủy lợi": ("Chi cục Thủy lợi tỉnh Đồng Tháp", "KH-CCTL"),
}


def dept_sender(name, no, date, **kw):
    issuer, suffix = DEPT_ISSUER[name]
    s = {"issuer": issuer, "area": PROVINCE, "so": f"{no}/{suffix}", "date": date, "cap": "Sở", "kind": "so"}
    s.update(kw)
    return s


def district_sender(area, no, date, **kw):
    d = D[area]
    s = {"issuer": d["ubnd"]["name"], "area": area, "so": f"{no}/KH-UBND", "date": date, "cap": "Huyện",
         "kind": "city" if d["kind"] == "thành phố" else "district"}
    s.update(kw)
    return s


def commune_sender(a, no, date, area_known=True, **kw):
    s = {"issuer": a["name"], "area": a["area"] if area_known else None, "so": f"{no}/KH-UBND", "date": date,
         "cap": "Xã", "kind": "xa"}
    s.update(kw)
    return s


LEADS = {"district": LEADS_DISTRICT, "city": LEADS_CITY, "so": LEADS_SO, "xa": LEADS_XA}

STD_SHEETS = {"info": "Thông tin", "tasks": "Nội dung thực hiện", "list": "PL1 Danh sách cơ quan",
              "budget": "PL2 Kinh phí"}


def dept_blocks(head, subs, sec=("I", "Sở, ban, ngành"), sec2=("II", "Các đơn vị trực thuộc")):
    if not subs:
        return [{"section": None, "agencies": [head]}]
    return [{"section": sec, "agencies": [head]}, {"section": sec2, "agencies": subs}]


def district_blocks(area, members=None, sub_style="title", sections=None):
    d = D[area]
    members = members if members is not None else d["members"]
    if sections:
        return [{"section": sections[0], "subgroup": None, "agencies": [m for m in members if m["group"] == G_HUYEN]},
                {"section": sections[1], "subgroup": None, "agencies": [m for m in members if m["group"] == G_XA]}]
    return [{"subgroup": subgroup_text(area, sub_style) if sub_style else None, "agencies": members}]


def make_book(sender, blocks, *, rate=15, font="Times New Roman", sheets=None, order=None,
              info=None, info_values=None, tasks=True, record_leads=False,
              list_items=None, list_opts=None, item_opts=None, trailer=None, lead_items=None,
              budget=None, single_sheet=False, post=None, title=True, title_issuer=None,
              empty_original=None, hidden_old=None, split_at=None, split_title="PL1 (tiếp)"):
    """Build one plan workbook.  Returns the Book (with its record)."""
    bk = Book(font=font)
    names = dict(STD_SHEETS)
    names.update(sheets or {})
    order = order or ["info", "tasks", "list", "budget"]
    if not tasks:
        order = [k for k in order if k != "tasks"]
    ws = {}
    if single_sheet:
        one = bk.sheet(names["list"])
        ws = {k: one for k in order}
    else:
        for k in order:
            if k == "list" and hidden_old is not None:
                h = bk.sheet(names["list"], hidden=True)
                ws["hidden_old"] = h
                ws["list"] = bk.sheet(hidden_old["visible_name"])
                continue
            if k == "list" and empty_original is not None:
                ws["empty"] = bk.sheet(names["list"])
                ws["list"] = bk.sheet(empty_original)
                continue
            ws[k] = bk.sheet(names[k])
            if k == "list" and split_at is not None:
                ws["list2"] = bk.sheet(split_title)
    # ---- Thông tin
    iv = {"issuer": sender.get("issuer_written", sender["issuer"]), "so": sender.get("so"),
          "date": sender.get("date"), "year": 2022,
          "area": sender.get("area_written", sender.get("area")), "cap": sender.get("cap"), "rate": rate,
          "train": 50, "people": 75}
    if sender.get("kiemtra") is not None:
        iv["kiemtra"] = sender["kiemtra"]
    iv.update(info_values or {})
    io = dict(info or {})
    info_end = write_info(bk, ws["info"], iv, **io)
    # ---- tasks
    if tasks:
        write_tasks(bk, ws["tasks"], LEADS[sender["kind"]], record_leads=record_leads,
                    r0=(info_end + 2) if single_sheet else 1)
    # ---- list
    lo = dict(list_opts or {})
    cols = lo.pop("cols", ["stt", "name", "group", "area", "note"])
    if single_sheet:
        lo.setdefault("r0", info_end + 1)
    if list_items is None:
        items = []
        if title:
            items += list_title(title_issuer or sender.get("issuer_written", sender["issuer"]), sender.get("so"),
                                sender.get("date"))
        items += [H()]
        items += lead_items or []
        items += standard_items(blocks, **(item_opts or {}))
        items += trailer or []
    else:
        items = list_items
    if split_at is not None:
        ag_idx = [i for i, it in enumerate(items) if it[0] in ("agency", "multi")]
        cut = ag_idx[split_at]
        first, second = items[:cut], items[cut:]
        end = write_list(bk, ws["list"], first, cols, **lo)
        second = [T("Phụ lục 1 (tiếp theo)"), B(), H()] + second
        write_list(bk, ws["list2"], second, cols, **{k: v for k, v in lo.items() if k != "r0"})
    else:
        end = write_list(bk, ws["list"], items, cols, **lo)
    if empty_original is not None:
        e = ws["empty"]
        eitems = list_title("……………", None, None) + [H()] + [
            ("agency", {"name": ""}, {"stt": i, "written": None}) for i in range(1, 11)]
        _write_empty(bk, e, eitems, cols)
        bk.ignored.append({"sheet": e.title, "why": "empty template sheet (STT only, no names); "
                           "the filled copy is '" + empty_original + "'"})
    if hidden_old is not None:
        h = ws["hidden_old"]
        hitems = list_title(sender["issuer"], hidden_old.get("so"), hidden_old.get("date"), year=2021) + [H()]
        hitems += standard_items(hidden_old["blocks"], **(item_opts or {}))
        write_list(bk, h, hitems, cols, record=False)
        bk.ignored.append({"sheet": h.title, "why": "hidden sheet holding last year's (2021) list"})
    # ---- budget
    bo = dict(budget or {})
    ags = [r["agency"] for r in bk.agencies]
    lines = bo.pop("lines", None) or count_lines(ags, bo.pop("labels", None))
    mode = bo.pop("mode", "values")
    if mode == "formula":
        rows = [r["row"] for r in bk.agencies]
        bo["list_ref"] = (bk.list_cols["sheet"], bk.list_cols["group"], min(rows), max(rows))
        bo["rate_ref"] = bk.info["rate_abs"]
    if single_sheet:
        bo.setdefault("r0", end + 2)
    write_budget(bk, ws["budget"], lines, rate, mode=mode, **bo)
    if post:
        post(bk, ws)
    bk.sender = sender
    bk.rate = rate
    return bk


def _write_empty(bk, ws, items, cols):
    pos = {k: 1 + i for i, k in enumerate(cols)}
    r = 1
    from lib import BOX, HEADERS
    for it in items:
        if it[0] == "title":
            bk.put(ws, r, 1, it[1], bold=it[2])
        elif it[0] == "header":
            for k in cols:
                if HEADERS["std"].get(k):
                    bk.put(ws, r, pos[k], HEADERS["std"][k], bold=True, border=True)
        elif it[0] == "agency":
            bk.put(ws, r, pos["stt"], it[2]["stt"], border=True)
            for k in cols[1:]:
                ws.cell(row=r, column=pos[k]).border = BOX
        r += 1


# ---------------------------------------------------------------- registry

FILES = []     # {rel, fmt, book, expected}
FOLDERS = []   # {rel, expected}
README = []    # (section, path, class, answer)


def final_name(rel, fmt):
    base, _ = os.path.splitext(rel)
    return base + "." + fmt


def file_expected(bk, rel, fmt, cls, note=None, sender=None, as_written=(), **extra):
    """as_written: seed names whose written form differs from the seed by more than SPEC §5 folds
    (e.g. 'Xã Tân Phú' without 'UBND'); the expected name is then the cell text, with seedName."""
    s = sender or {"issuer": nfc(bk.sender.get("issuer_written", bk.sender["issuer"])),
                   "area": bk.sender.get("area")}
    ags = []
    for r in bk.agencies:
        a = r["agency"]
        e = {"name": a["name"], "area": a["area"], "group": a["group"], "sheet": r["sheet"], "row": r["row"]}
        if a["name"] in as_written:
            e["name"] = " ".join(nfc(r["written"]).split())
            e["seedName"] = a["name"]
        elif r["written"] != a["name"]:
            e["written"] = r["written"]
        if r.get("formula"):
            e["formula"] = r["formula"]
        if a.get("stt"):
            e["seedStt"] = a["stt"]
        ags.append(e)
    exp = {"file": os.path.basename(final_name(rel, fmt)), "class": cls, "sender": s, "agencies": ags}
    na = [{"sheet": x["sheet"], "row": x["row"], "why": x["why"]} for x in bk.not_agencies]
    na += [{"sheet": x["sheet"], "row": x["row"], "why": "task lead / partner in the task table: " + x["text"]}
           for x in bk.task_leads]
    exp["notAgencies"] = na
    exp["multiNameCells"] = [{"sheet": m["sheet"], "cell": m["cell"], "names": m["names"]} for m in bk.multi]
    if bk.ignored:
        exp["ignoredSheets"] = bk.ignored
    if bk.hidden_rows:
        exp["hiddenRows"] = [{"sheet": h["sheet"], "row": h["row"], "name": h["name"]} for h in bk.hidden_rows]
    exp["rate"] = bk.rate
    exp["perAgencyTotal"] = len(bk.agencies) * bk.rate
    b = bk.budget
    exp["declared"] = {"perAgencyTotal": b["declaredPerAgency"], "total": b["declaredTotal"],
                       "totalCell": b["totalCell"]}
    mism = [{"cell": ln["countCell"], "declared": ln["declaredCount"], "computed": ln["count"]}
            for ln in b["lines"] if ln["declaredCount"] != ln["count"]]
    mism += [{"cell": ln["amountCell"], "declared": ln["declaredAmount"], "computed": ln["amount"]}
             for ln in b["lines"] if ln["declaredAmount"] != ln["amount"]]
    if mism:
        exp["declaredDiffers"] = mism
    if b["sectionII"]:
        exp["otherLines"] = [{"name": x["name"], "quantity": x["qty"], "amount": x["amount"], "cell": x["cell"]}
                             for x in b["sectionII"]]
    exp.update(extra)
    if note:
        exp["note"] = note
    return exp


def emit(rel, bk, cls, answer, fmt="xlsx", note=None, readme=True, section="Single-file cases", **extra):
    exp = file_expected(bk, rel, fmt, cls, note=note, **extra)
    if "{multi}" in answer:
        answer = answer.replace("{multi}", ", ".join(m["sheet"] + "!" + m["cell"] for m in exp["multiNameCells"]))
    if "{hidden}" in answer:
        answer = answer.replace("{hidden}", ", ".join(f"{h['sheet']} row {h['row']}" for h in exp["hiddenRows"]))
    if "{diff}" in answer:
        answer = answer.replace("{diff}", ", ".join(f"{d['cell']}: {d['declared']} vs {d['computed']}"
                                                    for d in exp["declaredDiffers"]))
    FILES.append({"rel": rel, "fmt": fmt, "book": bk, "expected": exp})
    if readme:
        README.append((section, final_name(rel, fmt), cls, answer))
    return exp


def folder(rel, cls, answer, members, *, total=None, replaced=(), possible=(), extra=None, note=None,
           rate=15, section="Pair and group cases (one folder each)"):
    """members: list of emitted file records (dicts from FILES) kept or replaced."""
    replaced_files = {r["file"] for r in replaced}
    kept = []
    merged = {}
    order = []
    for f in members:
        fname = os.path.relpath(os.path.join(OUT, final_name(f["rel"], f["fmt"])), os.path.join(OUT, rel))
        if fname in replaced_files:
            continue
        kept.append(fname)
        for r in f["book"].agencies:
            a = r["agency"]
            key = a["key"] if a["area"] else a["key"] + "#" + fname
            if key not in merged:
                merged[key] = {"name": a["name"], "area": a["area"], "group": a["group"], "file": fname, "files": []}
                order.append(key)
            merged[key]["files"].append(fname)
    ags = [merged[k] for k in order]
    n = len(ags)
    exp = {"class": cls, "agencies": ags, "kept": kept, "replaced": list(replaced),
           "possibleDuplicates": list(possible)}
    exp["total"] = total if total is not None else n * rate
    if extra:
        exp.update(extra)
    if note:
        exp["note"] = note
    FOLDERS.append({"rel": rel, "expected": exp})
    README.append((section, rel + "/", cls, answer))
    return exp


def sig(title_right, role_right, person_right, maker="Người lập biểu", maker_name="Nguyễn Thị Thu Hà",
        left="name", right="area"):
    return [B(),
            X(maker, "signature block", col=left, more={right: title_right}),
            X(None, "signature block", more={right: role_right}),
            X("(Ký, ghi rõ họ tên)", "signature block", col=left, more={right: "(Ký tên, đóng dấu)"}),
            B(), B(),
            X(maker_name, "signature block (person's name)", col=left, more={right: person_right})]


# ================================================================ cases

def case_sheet_renamed():
    sec = "Single-file cases"
    # 1a Tân Hồng, "Phu luc 1"
    d = "huyện Tân Hồng"
    bk = make_book(district_sender(d, 118, dt(2021, 12, 14)), district_blocks(d), record_leads=True,
                   sheets={"list": "Phu luc 1"})
    emit("sheet-renamed-phu-luc-1.xlsx", bk, "wrong sheet read: agency sheet renamed 'Phu luc 1'",
         "7 agencies of huyện Tân Hồng from 'Phu luc 1'; no task lead (Văn phòng UBND huyện, Phòng Nội vụ, "
         "Tổ thư ký ISO) is an agency; 105")
    # 1b Tam Nông, "DS co quan", tasks first, list last
    d = "huyện Tam Nông"
    bk = make_book(district_sender(d, 201, dt(2021, 12, 17)), district_blocks(d), record_leads=True,
                   sheets={"list": "DS co quan"}, order=["tasks", "info", "budget", "list"])
    emit("sheet-renamed-ds-co-quan.xlsx", bk, "wrong sheet read: agency sheet renamed 'DS co quan', placed last",
         "9 agencies of huyện Tam Nông from 'DS co quan'; the task table (first sheet) yields none; 135")
    # 1c Sở NN&PTNT, "PL 01"
    head = ag("Sở Nông nghiệp và PTNT")
    subs = [a for a in CHICUC if a["parent"] == head["name"]]
    bk = make_book(dept_sender(head["name"], 512, dt(2021, 12, 20)), dept_blocks(head, subs), record_leads=True,
                   sheets={"list": "PL 01", "budget": "PL 02", "tasks": "Nội dung"},
                   item_opts={"area": lambda a: PROVINCE if a is head else head["name"]})
    emit("sheet-renamed-pl-01.xlsx", bk, "wrong sheet read: agency sheet renamed 'PL 01' (budget 'PL 02')",
         "6 agencies (Sở Nông nghiệp và PTNT + 5 chi cục), area tỉnh Đồng Tháp; 90")
    # 1d Lai Vung, "Phụ lục I", tasks "Kế hoạch", budget "Phụ lục II"
    d = "huyện Lai Vung"
    bk = make_book(district_sender(d, 156, dt(2021, 12, 9)), district_blocks(d), record_leads=True,
                   sheets={"list": "Phụ lục I", "tasks": "Kế hoạch", "budget": "Phụ lục II"},
                   order=["info", "list", "tasks", "budget"])
    emit("sheet-renamed-phu-luc-i.xlsx", bk, "wrong sheet read: agency sheet renamed 'Phụ lục I' (tasks in 'Kế hoạch')",
         "10 agencies of huyện Lai Vung from 'Phụ lục I'; 150")
    # 1e Tháp Mười, "Danh sach" + stray Sheet1/Sheet2
    d = "huyện Tháp Mười"

    def extra_sheets(bk, ws):
        bk.sheet("Sheet1")
        s2 = bk.sheet("Sheet2")
        bk.put(s2, 1, 1, "Nháp: liên hệ Phòng Nội vụ - đ/c Tâm 0277.3851xxx")
        bk.put(s2, 2, 1, "UBND xã Mỹ Quý gửi bổ sung sau")
    bk = make_book(district_sender(d, 301, dt(2021, 12, 23)), district_blocks(d), record_leads=True,
                   sheets={"list": "Danh sach"}, post=extra_sheets)
    bk.ignored.append({"sheet": "Sheet2", "why": "scratch notes (mentions UBND xã Mỹ Quý, which is listed once in "
                       "'Danh sach')"})
    emit("sheet-renamed-danh-sach.xlsx", bk, "wrong sheet read: agency sheet renamed 'Danh sach', stray Sheet1/Sheet2",
         "11 agencies of huyện Tháp Mười from 'Danh sach'; the scratch line in Sheet2 is not an agency; 165")


def case_sheet_variants():
    # 2 empty original + filled copy
    d = "huyện Lấp Vò"
    bk = make_book(district_sender(d, 211, dt(2021, 12, 15)), district_blocks(d),
                   empty_original="PL1 Danh sách cơ quan (2)")
    emit("empty-original-filled-copy.xlsx", bk,
         "wrong sheet read: empty standard sheet beside its filled Excel copy '(2)'",
         "10 agencies of huyện Lấp Vò from 'PL1 Danh sách cơ quan (2)'; the standard-named sheet is empty; 150")
    # 3 split over two sheets
    d = "huyện Cao Lãnh"
    bk = make_book(district_sender(d, 274, dt(2021, 12, 16)), district_blocks(d), split_at=8)
    emit("list-split-two-sheets.xlsx", bk, "agencies lost: list continued on a second sheet 'PL1 (tiếp)'",
         "14 agencies of huyện Cao Lãnh: 8 on 'PL1 Danh sách cơ quan', 6 on 'PL1 (tiếp)'; 210")
    # 4 hidden last year + visible PL1 2022
    d = "huyện Châu Thành"
    old = [m for m in D[d]["members"] if m["name"] != "UBND xã Tân Phú Trung"] + [
        synth("UBND xã Hòa Tân", d, G_XA)]
    bk = make_book(district_sender(d, 190, dt(2021, 12, 13)), district_blocks(d),
                   hidden_old={"visible_name": "PL1 2022", "so": "88/KH-UBND", "date": dt(2020, 12, 18),
                               "blocks": district_blocks(d, members=old)})
    emit("hidden-last-year.xlsx", bk,
         "wrong sheet read: last year's list on a hidden sheet under the standard name",
         "11 agencies of huyện Châu Thành from visible 'PL1 2022' (incl. UBND xã Tân Phú Trung, not UBND xã Hòa Tân "
         "of the hidden 2021 list); 165")


def case_columns():
    # 5 chủ quản column left of đơn vị áp dụng
    head = ag("Sở Y Tế")
    subs = [a for a in CHICUC if a["parent"] == head["name"]]
    bk = make_book(dept_sender(head["name"], 1502, dt(2021, 12, 21)), dept_blocks(head, subs),
                   list_opts={"cols": ["stt", "chuquan", "ap", "group", "note"]},
                   item_opts={"extra": lambda a: {"chuquan": "UBND tỉnh Đồng Tháp" if a is head else "Sở Y tế"}})
    emit("chu-quan-column.xlsx", bk, "wrong column read: 'Cơ quan chủ quản' left of 'Đơn vị áp dụng'",
         "3 agencies from column C (Sở Y Tế, Chi cục Dân số - KHHGD, Chi cục An toàn Vệ sinh thực phẩm), not "
         "'UBND tỉnh Đồng Tháp' / 'Sở Y tế' of column B; 45")
    # 6 abbreviated headers
    d = "thành phố Hồng Ngự"
    bk = make_book(district_sender(d, 143, dt(2021, 12, 10)), district_blocks(d),
                   list_opts={"headers": "abbr"})
    emit("abbreviated-headers.xlsx", bk, "header not recognised: 'TT | Tên CQ, ĐV | Nhóm | Địa bàn | GC'",
         "7 agencies of thành phố Hồng Ngự; 105")
    # 26 columns moved, inserted column
    d = "huyện Thanh Bình"
    bk = make_book(district_sender(d, 233, dt(2021, 12, 22)), district_blocks(d),
                   list_opts={"cols": ["stt", "group", "qd", "name", "area", "note"]},
                   item_opts={"extra": lambda a: {"qd": f"{100 + a['stt']}/QĐ-UBND"}})
    emit("columns-moved.xlsx", bk,
         "wrong column read: Nhóm cơ quan and an inserted 'Số QĐ công bố' column left of Tên cơ quan",
         "10 agencies of huyện Thanh Bình read from column D; 150")


def case_signature():
    cuc = ag("Cục thuế Tỉnh")
    subs = [synth(n, PROVINCE, G_CM, parent="Cục thuế Tỉnh") for n in
            ["Chi cục Thuế thành phố Cao Lãnh", "Chi cục Thuế thành phố Sa Đéc", "Chi cục Thuế khu vực Hồng Ngự",
             "Chi cục Thuế huyện Tháp Mười", "Chi cục Thuế huyện Lấp Vò", "Chi cục Thuế huyện Châu Thành"]]
    tr = [X("Cộng: 7 cơ quan", "total row"), B(),
          X("Ghi chú: danh sách gồm 7 cơ quan", "note under the list")] + \
        sig("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Trần Văn Bình")
    bk = make_book(dept_sender("Cục thuế Tỉnh", 3921, dt(2021, 12, 24)), dept_blocks(cuc, subs),
                   item_opts={"area": lambda a: PROVINCE if a is cuc else "Cục Thuế tỉnh Đồng Tháp"}, trailer=tr)
    emit("signature-block.xlsx", bk, "non-agency rows read as agencies: totals, notes and a signature block under the list",
         "7 agencies (Cục thuế Tỉnh + 6 Chi cục Thuế, not in seed 001); 'Cộng', 'Ghi chú', 'Người lập biểu', "
         "'Nguyễn Thị Thu Hà', 'KT. CỤC TRƯỞNG', 'PHÓ CỤC TRƯỞNG', 'Trần Văn Bình' are not agencies; 105",
         note="The 6 Chi cục Thuế are not in seed 001 (the province counts only Cục thuế Tỉnh); area column "
              "holds the parent unit, the true area is the province.")


def case_multi():
    d = "huyện Tam Nông"
    mem = D[d]["members"]
    pt, pd_ = ag("UBND xã Phú Thọ"), ag("UBND xã Phú Đức")
    items = list_title("UBND huyện Tam Nông", "205/KH-UBND", dt(2021, 12, 17)) + [H(), G("- Huyện Tam Nông")]
    n = 0
    for a in mem:
        if a is pd_:
            continue
        if a is pt:
            items.append(M([pt, pd_], "UBND xã Phú Thọ\nUBND xã Phú Đức", stt=f"{n + 1}\n{n + 2}", group=G_XA,
                           area=d))
            n += 2
            continue
        n += 1
        items.append(A(a, stt=n, group=a["group"], area=d))
    bk = make_book(district_sender(d, 205, dt(2021, 12, 17)), None, list_items=items)
    emit("two-names-one-cell.xlsx", bk, "agency lost: two communes in one cell (Alt+Enter)",
         "9 agencies of huyện Tam Nông; {multi} holds UBND xã Phú Thọ and UBND xã Phú Đức; 135")


def case_area():
    # 9a blank area under sub-group row, Thông tin area blank
    d = "huyện Thanh Bình"
    bk = make_book(district_sender(d, 240, dt(2021, 12, 20), area_written=None), district_blocks(d),
                   item_opts={"area": lambda a: None})
    emit("blank-area-under-subgroup.xlsx", bk,
         "area lost: area cells blank, area given only by the sub-group row '- Huyện Thanh Bình'",
         "10 agencies, area huyện Thanh Bình from the sub-group row (UBND xã Tân Bình and UBND xã Tân Phú of Thanh "
         "Bình, not Châu Thành); 150")
    # 9b district file, area blank, no sub-group rows -> area from sender
    d = "huyện Châu Thành"
    bk = make_book(district_sender(d, 195, dt(2021, 12, 15)), district_blocks(d, sub_style=None),
                   item_opts={"area": lambda a: None})
    emit("district-blank-area.xlsx", bk, "area lost: district file with blank area cells and no sub-group rows",
         "11 agencies, area huyện Châu Thành taken from the sender (Thông tin: UBND huyện Châu Thành); 165")
    # 9c two districts in one file, sub-groups only
    tb, ct = "huyện Thanh Bình", "huyện Châu Thành"
    blocks = [{"section": ("III", "UBND huyện, thị xã, thành phố"), "subgroup": "- Huyện Thanh Bình",
               "agencies": D[tb]["members"]},
              {"subgroup": "- Huyện Châu Thành", "agencies": D[ct]["members"]}]
    bk = make_book(dept_sender("Sở Khoa học và Công nghệ", 980, dt(2021, 12, 27), cap="Sở"), blocks,
                   item_opts={"area": lambda a: None}, title_issuer="Sở Khoa học và Công nghệ (tổng hợp đợt 1)")
    emit("subgroup-two-districts.xlsx", bk,
         "false merge / wrong area: same-named communes of two districts, area only in sub-group rows",
         "21 agencies: Thanh Bình's 10 then Châu Thành's 11; UBND xã Tân Bình and UBND xã Tân Phú appear twice, "
         "once per district, and stay 2 agencies each; 315",
         note="A partial consolidation (đợt 1) made by the Sở KH&CN officer; the sender is the Sở but the agencies' "
              "areas are the districts of their sub-group rows.")
    # 10 area holds the province
    d = "huyện Lấp Vò"
    bk = make_book(district_sender(d, 219, dt(2021, 12, 16)), district_blocks(d),
                   item_opts={"area": lambda a: PROVINCE})
    emit("area-holds-province.xlsx", bk,
         "wrong area: area cells say 'tỉnh Đồng Tháp' for communes under the sub-group row '- Huyện Lấp Vò'",
         "10 agencies, area huyện Lấp Vò (from sub-group row/sender), not tỉnh Đồng Tháp; 150")


def case_typed_groups():
    # Tân Hồng: cap huyen / Cấp xã, TT. Sa Rài, Xã without UBND, Văn phòng HĐND và UBND huyện
    d = "huyện Tân Hồng"
    vp = synth("Văn phòng HĐND và UBND huyện Tân Hồng", d, G_HUYEN)
    mem = [D[d]["ubnd"], vp] + D[d]["communes"]
    gl = {G_HUYEN: "cap huyen", G_XA: "Cấp xã"}
    nm = {"UBND thị trấn Sa Rài": "UBND TT. Sa Rài", "UBND xã Tân Công Chí": "Xã Tân Công Chí",
          "UBND xã Bình Phú": "Xã Bình Phú"}
    bk = make_book(district_sender(d, 121, dt(2021, 12, 14)), district_blocks(d, members=mem),
                   item_opts={"group": lambda a: gl[a["group"]], "name": lambda a: nm.get(a["name"], a["name"])})
    emit("typed-groups-tan-hong.xlsx", bk,
         "wrong group: typed group labels ('cap huyen', 'Cấp xã'), 'UBND TT.', 'Xã …' without UBND, a district office",
         "8 agencies; Văn phòng HĐND và UBND huyện Tân Hồng is Cơ quan cấp huyện (not a provincial department); "
         "TT. Sa Rài and Xã Tân Công Chí / Xã Bình Phú are Cơ quan cấp xã; 120",
         as_written=("UBND xã Tân Công Chí", "UBND xã Bình Phú"),
         note="Văn phòng HĐND và UBND huyện Tân Hồng is not in seed 001 (the seed counts only UBND huyện Tân Hồng). "
              "'Xã Tân Công Chí' / 'Xã Bình Phú' (no 'UBND') are expected as written: dropping 'UBND' is not one of "
              "SPEC §5's folds; seedName gives the seed's spelling. What this case tests is their group and area.")
    # Cao Lãnh city: UBND TP., UBND P. n
    d = "thành phố Cao Lãnh"
    gl = {G_HUYEN: "Cấp huyện", G_XA: "Cấp xã"}
    bk = make_book(district_sender(d, 412, dt(2021, 12, 8)), district_blocks(d, sub_style="abbr"),
                   item_opts={"group": lambda a: gl[a["group"]], "name": lambda a: abbr(a["name"]),
                              "area": lambda a: area_text(a["area"], "abbr")})
    emit("typed-groups-cao-lanh-city.xlsx", bk,
         "wrong group / false merge: 'UBND TP. Cao Lãnh', 'UBND P. 1', 'UBND P. 11', typed labels 'Cấp huyện'/'Cấp xã'",
         "12 agencies of thành phố Cao Lãnh; UBND P. 1 and UBND P. 11 are different; UBND TP. Cao Lãnh is Cơ quan "
         "cấp huyện; 180")
    # Hồng Ngự city written with its pre-2020 name
    d = "thành phố Hồng Ngự"
    tx = synth("UBND thị xã Hồng Ngự", d, G_HUYEN)
    mem = [tx] + D[d]["communes"]
    gl = {G_HUYEN: "HUYỆN", G_XA: "XÃ"}
    bk = make_book(district_sender(d, 147, dt(2021, 12, 10)), district_blocks(d, members=mem),
                   item_opts={"group": lambda a: gl[a["group"]],
                              "name": lambda a: "UBND TX. Hồng Ngự" if a is tx else abbr(a["name"])})
    emit("typed-groups-hong-ngu-city.xlsx", bk,
         "wrong group / silent rename: 'UBND TX. Hồng Ngự' (old name of thành phố Hồng Ngự), labels 'HUYỆN'/'XÃ'",
         "7 agencies; 'UBND TX. Hồng Ngự' is Cơ quan cấp huyện, kept as UBND thị xã Hồng Ngự (TX. ≠ TP.: a person "
         "decides it is now UBND thành phố Hồng Ngự); 105",
         note="Hồng Ngự became a city in 2020; seed 001 calls it 'UBND thành phố Hồng Ngự'. The abbreviation rule maps "
              "TX. to Thị xã only; equating it with Thành phố would be a silent rename.")
    # a Sở with CẤP SỞ
    head = ag("Sở Tài nguyên và Môi trường")
    subs = [a for a in CHICUC if a["parent"] == head["name"]]
    gl = {G_SO: "CẤP SỞ", G_CM: "Đơn vị trực thuộc"}
    bk = make_book(dept_sender(head["name"], 2230, dt(2021, 12, 21)), dept_blocks(head, subs),
                   item_opts={"group": lambda a: gl[a["group"]]})
    emit("typed-groups-so.xlsx", bk, "wrong group: typed labels 'CẤP SỞ', 'Đơn vị trực thuộc'",
         "3 agencies: Sở Tài nguyên và Môi trường (Cơ quan cấp sở, ngành), Chi cục Bảo vệ môi trường and Chi cục "
         "Quản lý Đất đai (Cơ quan chuyên môn thuộc sở, ngành); 45")
    # Thanh Bình: 'Xã Tân Phú' without UBND, 'TT. Thanh Bình', labels 'huyện'/'xã'
    d = "huyện Thanh Bình"
    gl = {G_HUYEN: "huyện", G_XA: "xã"}
    bk = make_book(district_sender(d, 236, dt(2021, 12, 21)), district_blocks(d),
                   item_opts={"group": lambda a: gl[a["group"]],
                              "name": lambda a: abbr(no_ubnd(a["name"])) if a["group"] == G_XA else a["name"]})
    emit("typed-groups-thanh-binh.xlsx", bk,
         "wrong group: commune names without 'UBND' ('Xã Tân Phú', 'TT. Thanh Bình'), labels 'huyện'/'xã'",
         "10 agencies of huyện Thanh Bình, 9 of them Cơ quan cấp xã; 'TT. Thanh Bình' is the thị trấn, not UBND "
         "huyện Thanh Bình; 150",
         as_written=tuple(a["name"] for a in D[d]["communes"]),
         note="Commune names are written without 'UBND' and are expected as written (seedName gives the seed's "
              "spelling): dropping 'UBND' is not one of SPEC §5's folds.")


def case_text():
    # 14a .VnTime font on Unicode text
    d = "huyện Tháp Mười"
    bk = make_book(district_sender(d, 305, dt(2021, 12, 23)), district_blocks(d), font=".VnTime")
    emit("vntime-font.xlsx", bk, "garbled names: Unicode text in cells whose font is '.VnTime' (TCVN3 font name)",
         "11 agencies of huyện Tháp Mười, names as Unicode (no TCVN3 conversion: the text is already Unicode); 165")
    # 14b special characters in notes
    d = "huyện Hồng Ngự"
    notes = {"UBND huyện Hồng Ngự": "Mở rộng phạm vi × 2 lĩnh vực",
             "UBND xã Thường Phước 2": "½ năm đầu đã đánh giá nội\u00adbộ",
             "UBND xã Long Thuận": "Áp dụng «Một cửa điện tử»",
             "UBND xã Phú Thuận A": "© Mẫu của Sở KH&CN",
             "UBND xã Long Khánh B": "\u00d0Ã CÔNG BỐ LẠI"}
    bk = make_book(district_sender(d, 170, dt(2021, 12, 11)), district_blocks(d),
                   item_opts={"note": lambda a: notes.get(a["name"])})
    emit("special-chars-notes.xlsx", bk,
         "crash / mangled text: ×, ½, «», ©, soft hyphen (U+00AD), 'Ð' (U+00D0) in Ghi chú",
         "10 agencies of huyện Hồng Ngự; notes carried as written; 150")
    # 17 NFD, stray spaces, tone placement
    d = "thành phố Sa Đéc"
    tr = {"UBND thành phố Sa Đéc": "  UBND  thành phố Sa Đéc ",
          "UBND phường 2": nfd("UBND phường 2"),
          "UBND phường Tân Qui Đông": nfd("UBND phường Tân Qui Đông"),
          "UBND xã Tân Khánh Đông": "UBND\u00a0xã Tân Khánh Đông",
          "UBND xã Tân Qui Tây": nfd("UBND xã  Tân Qui Tây"),
          "UBND phường An Hoà": tone_new("UBND phường An Hoà") + " "}
    bk = make_book(district_sender(d, 160, dt(2021, 12, 9)), district_blocks(d),
                   item_opts={"name": lambda a: tr.get(a["name"], a["name"])})
    emit("unicode-nfd-spaces.xlsx", bk,
         "duplicate/garbled names: decomposed Unicode (NFD), double/leading/trailing spaces, NBSP, 'An Hòa' vs seed 'An Hoà'",
         "9 agencies of thành phố Sa Đéc, names equal to the seed's after normalisation; 135")
    # 18 numbers typed as text
    d = "thành phố Cao Lãnh"
    bk = make_book(district_sender(d, 415, dt(2021, 12, 8)), district_blocks(d),
                   info={"date_mode": "text", "rate_mode": "text"}, item_opts={"stt": "text2"},
                   budget={"mode": "text"})
    emit("numbers-as-text.xlsx", bk,
         "wrong sums: STT '01', rate '15', counts and amounts typed as text ('165', '180'), date as text '08/12/2021'",
         "12 agencies of thành phố Cao Lãnh; rate 15; declared total '180' read as 180; 180")


def case_layout():
    # 19 header on two merged rows, list starts at B8, blank rows
    d = "huyện Hồng Ngự"
    blocks = district_blocks(d)
    items = list_title("UBND huyện Hồng Ngự", "172/KH-UBND", dt(2021, 12, 12)) + [B(), H()]
    std = standard_items(blocks)
    for i, it in enumerate(std):
        items.append(it)
        if it[0] == "agency" and i in (3, 7):
            items.append(B())
    bk = make_book(district_sender(d, 172, dt(2021, 12, 12)), None, list_items=items,
                   list_opts={"r0": 2, "c0": 2, "header2": True})
    emit("header-two-rows-merged.xlsx", bk,
         "header not found: table starts at B2, header on two merged rows, blank rows inside the list",
         "10 agencies of huyện Hồng Ngự in column C; 150")
    # 20 seed's own printed form: STT | Tên cơ quan | Ghi chú, sections, repeated headers
    head = ag("Sở Nông nghiệp và PTNT")
    subs = [a for a in CHICUC if a["parent"] == head["name"]]
    items = list_title("Sở Nông nghiệp và PTNT", "515/KH-SNN", dt(2021, 12, 20)) + [H(), S("I", "Sở, ban, ngành Tỉnh"),
                                                                                     A(head, stt="01")]
    items += [S("II", "Các đơn vị trực thuộc sở, ban, ngành")]
    for i, a in enumerate(subs):
        if i == 3:
            items += [B(), H()]
        items.append(A(a, stt=f"{i + 2:02d}"))
    items.append(X(f"Tổng cộng: {len(subs) + 1} cơ quan, đơn vị", "total row"))
    bk = make_book(dept_sender(head["name"], 515, dt(2021, 12, 20)), None, list_items=items,
                   list_opts={"cols": ["stt", "name", "note"], "headers": "seed"})
    emit("seed-form-no-group-column.xlsx", bk,
         "wrong group: seed 001's printed form (STT | Tên cơ quan | Ghi chú), group only from section rows, "
         "header repeated mid-list",
         "6 agencies: Sở Nông nghiệp và PTNT (cấp sở, ngành) + 5 chi cục (chuyên môn thuộc sở, ngành); 90")
    # 21 STT restarting per section
    d = "huyện Tam Nông"
    bk = make_book(district_sender(d, 207, dt(2021, 12, 18)),
                   district_blocks(d, sections=[("I", "UBND huyện"), ("II", "UBND xã, thị trấn")]),
                   item_opts={"stt_per_section": True})
    emit("stt-restart-per-section.xlsx", bk, "agencies lost/merged: STT restarts at 1 in each section",
         "9 agencies of huyện Tam Nông (STT 1, then 1..8); 135")
    # 27 hidden row
    d = "huyện Cao Lãnh"
    hide = ag("UBND xã Mỹ Long")
    bk = make_book(district_sender(d, 280, dt(2021, 12, 17)), district_blocks(d),
                   item_opts={"extra": lambda a: {"hidden_row": True} if a is hide else None})
    emit("hidden-row.xlsx", bk, "undeclared agency counted: an agency row hidden (not deleted) by the user",
         "13 visible agencies of huyện Cao Lãnh (195); hidden row {hidden} (UBND xã Mỹ Long) is named in the report, not counted",
         note="What the workbook shows is what was declared (SPEC §4): a hidden row does not print. The tool must "
              "not count it silently, nor drop it silently: it names it.")


def case_budget():
    # 22 PL2 typed over formulas, differs from PL1
    d = "huyện Lai Vung"
    bk = make_book(district_sender(d, 158, dt(2021, 12, 10)), district_blocks(d),
                   budget={"declared": {G_XA: (8, 120)}})
    emit("pl2-declared-differs.xlsx", bk,
         "silent overwrite: PL2 typed over its formulas says 8 communes / 120 while PL1 lists 9",
         "10 agencies; computed 150, declared 135 ({diff}) reported with cells, not replaced")
    # 25 another rate
    d = "huyện Tháp Mười"
    bk = make_book(district_sender(d, 309, dt(2021, 12, 24)), district_blocks(d), rate=10, budget={"mode": "formula"})
    emit("other-rate.xlsx", bk, "wrong rate: the unit's own rate is 10 triệu đồng/cơ quan, PL2 as live formulas",
         "11 agencies × 10 = 110 (the file's own rate); a merge at 15 names this file as using another rate")
    # 24 Thông tin labels moved, values in D, datetime
    head = ag("Sở Giao thông - Vận tải")
    bk = make_book(dept_sender(head["name"], 2871, dt(2021, 12, 28), issuer_written="SỞ GIAO THÔNG VẬN TẢI"),
                   dept_blocks(head, []), info={"style": "alt", "r0": 3, "c0": 3, "date_mode": "datetime",
                                                "blank_between": True})
    emit("thong-tin-moved-labels.xlsx", bk,
         "sender unknown: Thông tin with other labels ('Đơn vị:', 'Số KH:', 'Ngày ký:'), block at C5, date with a time",
         "1 agency Sở Giao thông - Vận tải; sender SỞ GIAO THÔNG VẬN TẢI, 28/12/2021; 15")


def case_formats():
    d = "huyện Tân Hồng"
    bk = make_book(district_sender(d, 119, dt(2021, 12, 14)), district_blocks(d))
    emit("old-excel-97.xls", bk, "file refused: Excel 97-2003 .xls", "7 agencies of huyện Tân Hồng; 105", fmt="xls")
    head = ag("Sở Tư Pháp")
    bk = make_book(dept_sender(head["name"], 1408, dt(2021, 12, 22)), dept_blocks(head, []))
    emit("libreoffice.ods", bk, "file refused: OpenDocument .ods", "1 agency Sở Tư Pháp; 15", fmt="ods")


# ----------------------------------------------------------- pair cases

def pair(folder_rel, a_rel, bk_a, b_rel, bk_b, cls, answer, relation, cls_a, cls_b, note=None, **fold):
    ea = emit(f"{folder_rel}/{a_rel}", bk_a, cls_a, "", readme=False)
    eb = emit(f"{folder_rel}/{b_rel}", bk_b, cls_b, "", readme=False)
    ea[relation] = os.path.basename(eb["file"])
    eb[relation] = os.path.basename(ea["file"])
    folder(folder_rel, cls, answer, [FILES[-2], FILES[-1]], note=note, **fold)


def case_same_agency():
    # An Lộc: Ủy ban nhân dân / UBND, TP. Hồng Ngự / Thành phố Hồng Ngự
    d = "thành phố Hồng Ngự"
    anloc = ag("UBND phường An Lộc")
    a = make_book(district_sender(d, 150, dt(2021, 12, 10)), district_blocks(d, sub_style="abbr"),
                  item_opts={"name": lambda x: full_ubnd(x["name"]), "area": lambda x: area_text(x["area"], "abbr")})
    b = make_book(commune_sender(anloc, 61, dt(2021, 12, 12), area_written="Thành phố Hồng Ngự"),
                  [{"agencies": [anloc]}], item_opts={"area": lambda x: "Thành phố Hồng Ngự"})
    pair("same-agency-an-loc", "same-agency-an-loc-a.xlsx", a, "same-agency-an-loc-b.xlsx", b,
         "duplicate not merged: 'Ủy ban nhân dân phường An Lộc' (TP. Hồng Ngự) = 'UBND phường An Lộc' (Thành phố Hồng Ngự)",
         "7 agencies; UBND phường An Lộc once, sent by both files; 105", "sameAs",
         "same agency, spelled 'Ủy ban nhân dân …', area 'TP. Hồng Ngự'", "same agency, own file, area 'Thành phố Hồng Ngự'")
    # Tân Mỹ: H. Thanh Bình / Huyện Thanh Bình (a Tân Mỹ also exists in Lấp Vò)
    d = "huyện Thanh Bình"
    tanmy = ag("UBND xã Tân Mỹ", d)
    a = make_book(district_sender(d, 238, dt(2021, 12, 21)), district_blocks(d, sub_style="abbr"),
                  item_opts={"area": lambda x: "H. Thanh Bình"})
    b = make_book(commune_sender(tanmy, 45, dt(2021, 12, 23), area_written="Huyện Thanh Bình"),
                  [{"agencies": [tanmy]}], item_opts={"area": lambda x: "Huyện Thanh Bình"})
    pair("same-agency-tan-my", "same-agency-tan-my-a.xlsx", a, "same-agency-tan-my-b.xlsx", b,
         "duplicate not merged: 'UBND xã Tân Mỹ' in 'H. Thanh Bình' = in 'Huyện Thanh Bình'",
         "10 agencies; UBND xã Tân Mỹ (huyện Thanh Bình) once, sent by both; 150", "sameAs",
         "same agency, area 'H. Thanh Bình'", "same agency, own file, area 'Huyện Thanh Bình'")
    # Phường 01 / Phường 1 (Sa Đéc)
    d = "thành phố Sa Đéc"
    p1 = ag("UBND phường 1", d)
    a = make_book(district_sender(d, 163, dt(2021, 12, 9)), district_blocks(d),
                  item_opts={"name": lambda x: pad_number(x["name"]) if x is p1 else x["name"]})
    b = make_book(commune_sender(p1, 77, dt(2021, 12, 14)), [{"agencies": [p1]}])
    pair("same-agency-phuong-01", "same-agency-phuong-01-a.xlsx", a, "same-agency-phuong-01-b.xlsx", b,
         "duplicate not merged: 'UBND phường 01' = 'UBND phường 1' (same number, Sa Đéc)",
         "9 agencies; UBND phường 1 (thành phố Sa Đéc) once, sent by both; 135", "sameAs",
         "same agency written 'UBND phường 01'", "same agency, own file, 'UBND phường 1'")
    # An Hoà NFC old tone / An Hòa NFD new tone
    anhoa = ag("UBND phường An Hoà")
    a = make_book(district_sender(d, 164, dt(2021, 12, 9)), district_blocks(d))
    b = make_book(commune_sender(anhoa, 52, dt(2021, 12, 15), issuer_written=nfd("UBND phường An Hòa")),
                  [{"agencies": [anhoa]}], item_opts={"name": lambda x: nfd(tone_new(x["name"]))})
    pair("same-agency-an-hoa", "same-agency-an-hoa-a.xlsx", a, "same-agency-an-hoa-b.xlsx", b,
         "duplicate not merged: 'An Hoà' (NFC, old tone placement) = 'An Hòa' (NFD, new placement)",
         "9 agencies; UBND phường An Hoà once, sent by both; 135", "sameAs",
         "same agency, 'UBND phường An Hoà' (NFC)", "same agency, own file, NFD 'UBND phường An Hòa'")
    # Thủy lợi / Thuỷ lợi
    head = ag("Sở Nông nghiệp và PTNT")
    subs = [x for x in CHICUC if x["parent"] == head["name"]]
    tl = ag("Chi cục Thủy lợi")
    a = make_book(dept_sender(head["name"], 520, dt(2021, 12, 20)), dept_blocks(head, subs))
    b = make_book(dept_sender(tl["name"], 33, dt(2021, 12, 22), cap="Chi cục",
                              issuer_written="Chi cục Thuỷ lợi tỉnh Đồng Tháp"),
                  [{"agencies": [tl]}], item_opts={"name": lambda x: tone_old(x["name"])})
    pair("same-agency-thuy-loi", "same-agency-thuy-loi-a.xlsx", a, "same-agency-thuy-loi-b.xlsx", b,
         "duplicate not merged: 'Chi cục Thủy lợi' = 'Chi cục Thuỷ lợi' (tone placement), both tỉnh Đồng Tháp",
         "6 agencies; Chi cục Thủy lợi once, sent by both; 90", "sameAs",
         "same agency in its Sở's list", "same agency, own file, 'Chi cục Thuỷ lợi'")


def case_different():
    # Phường 1 / 2 / 3 of Cao Lãnh vs Sa Đéc
    a = make_book(district_sender("thành phố Cao Lãnh", 420, dt(2021, 12, 8)), district_blocks("thành phố Cao Lãnh"))
    b = make_book(district_sender("thành phố Sa Đéc", 166, dt(2021, 12, 9)), district_blocks("thành phố Sa Đéc"),
                  item_opts={"name": lambda x: x["name"].replace("phường", "Phường") if x["name"][-1].isdigit()
                             else x["name"]})
    pair("different-phuong-1-two-cities", "different-phuong-1-two-cities-a.xlsx", a,
         "different-phuong-1-two-cities-b.xlsx", b,
         "false merge: 'UBND Phường 1/2/3' of thành phố Cao Lãnh vs of thành phố Sa Đéc",
         "21 agencies; Phường 1, 2 and 3 twice each (once per city); 315", "differentFrom",
         "Cao Lãnh city list", "Sa Đéc city list, written 'UBND Phường 1' exactly as Cao Lãnh's")
    # Phường 1 vs Phường 11 (both Cao Lãnh)
    p1, p11 = ag("UBND Phường 1"), ag("UBND phường 11")
    a = make_book(commune_sender(p1, 90, dt(2021, 12, 13)), [{"agencies": [p1]}])
    b = make_book(commune_sender(p11, 91, dt(2021, 12, 13)), [{"agencies": [p11]}])
    pair("different-phuong-1-vs-11", "different-phuong-1-vs-11-a.xlsx", a, "different-phuong-1-vs-11-b.xlsx", b,
         "false merge: 'UBND Phường 1' vs 'UBND phường 11' (same city, different number)",
         "2 agencies; 30", "differentFrom", "Phường 1's own file", "Phường 11's own file")
    # Hòa An vs Hóa An
    ha = ag("UBND xã Hòa An")
    hoa = synth("UBND xã Hóa An", "thành phố Cao Lãnh", G_XA)
    a = make_book(commune_sender(ha, 70, dt(2021, 12, 13)), [{"agencies": [ha]}])
    b = make_book(commune_sender(hoa, 71, dt(2021, 12, 14)), [{"agencies": [hoa]}])
    pair("different-hoa-an-tone", "different-hoa-an-tone-a.xlsx", a, "different-hoa-an-tone-b.xlsx", b,
         "false merge: 'UBND xã Hòa An' vs 'UBND xã Hóa An' (grave vs acute: different names)",
         "2 agencies, not possible duplicates of each other; 30", "differentFrom",
         "xã Hòa An's own file", "'xã Hóa An' file (synthetic name: only the tone differs)",
         note="Hóa An is not in seed 001 (a ward of that name exists in Biên Hòa, Đồng Nai); it is here only to test "
              "that tones are never folded.")
    # xã Mỹ An vs thị trấn Mỹ An (Tháp Mười)
    ttma, xma = ag("UBND thị trấn Mỹ An"), ag("UBND xã Mỹ An")
    a = make_book(commune_sender(ttma, 12, dt(2021, 12, 15), issuer_written="UBND TT. Mỹ An"), [{"agencies": [ttma]}],
                  item_opts={"name": lambda x: "UBND TT. Mỹ An"})
    b = make_book(commune_sender(xma, 13, dt(2021, 12, 16)), [{"agencies": [xma]}])
    pair("different-my-an-xa-thi-tran", "different-my-an-xa-thi-tran-a.xlsx", a,
         "different-my-an-xa-thi-tran-b.xlsx", b,
         "false merge: 'UBND TT. Mỹ An' (thị trấn) vs 'UBND xã Mỹ An', both huyện Tháp Mười",
         "2 agencies; 30", "differentFrom", "thị trấn Mỹ An, written 'UBND TT. Mỹ An'", "xã Mỹ An")
    # Tân Bình, one side's area unknown -> possible duplicate
    d = "huyện Thanh Bình"
    tb = ag("UBND xã Tân Bình", d)
    unknown = dict(tb)
    unknown.update({"area": None, "key": "?|UBND xã Tân Bình", "stt": None})
    a = make_book(district_sender(d, 241, dt(2021, 12, 21)), district_blocks(d))
    b = make_book(commune_sender(unknown, 55, dt(2021, 12, 22), area_known=False), [{"agencies": [unknown]}],
                  item_opts={"area": lambda x: None}, title_issuer="UBND xã Tân Bình")
    ea = emit("possible-duplicate-tan-binh/possible-duplicate-tan-binh-a.xlsx", a,
              "Thanh Bình list with UBND xã Tân Bình", "", readme=False)
    eb = emit("possible-duplicate-tan-binh/possible-duplicate-tan-binh-b.xlsx", b,
              "UBND xã Tân Bình's own file, no area anywhere", "", readme=False,
              note="Two communes are called xã Tân Bình in seed 001 (huyện Thanh Bình, huyện Châu Thành); "
                   "nothing in this file says which.")
    ea["possibleDuplicateOf"] = eb["file"]
    eb["possibleDuplicateOf"] = ea["file"]
    folder("possible-duplicate-tan-binh",
           "false merge vs missed duplicate: same name 'UBND xã Tân Bình', one side's area unknown",
           "11 agencies kept (both Tân Bình rows), shown as 'có thể trùng'; 165",
           [FILES[-2], FILES[-1]],
           possible=[{"name": "UBND xã Tân Bình",
                      "files": [ea["file"], eb["file"]]}])


def case_senders():
    sec = "Sender identity (one folder each)"
    # 15a three files with the same name
    units = [("huyen-thap-muoi", district_sender("huyện Tháp Mười", 311, dt(2021, 12, 24)),
              district_blocks("huyện Tháp Mười")),
             ("so-tu-phap", dept_sender("Sở Tư Pháp", 1411, dt(2021, 12, 22)), dept_blocks(ag("Sở Tư Pháp"), [])),
             ("tp-sa-dec", district_sender("thành phố Sa Đéc", 167, dt(2021, 12, 9)), district_blocks("thành phố Sa Đéc"))]
    recs = []
    for folder_name, snd, blocks in units:
        bk = make_book(snd, blocks)
        emit(f"thu-den/{folder_name}/KH ISO 2022.xlsx", bk, "same file name, different sender", "", readme=False)
        recs.append(FILES[-1])
    folder("thu-den", "file replaced by name: three different units' files all named 'KH ISO 2022.xlsx'",
           "3 files kept (Tháp Mười 11, Sở Tư Pháp 1, Sa Đéc 9): 21 agencies, none replaced; 315", recs, section=sec)
    # 15b Sở first file + supplement with its chi cục
    head = ag("Sở Nông nghiệp và PTNT")
    subs = [x for x in CHICUC if x["parent"] == head["name"]]
    a = make_book(dept_sender(head["name"], 530, dt(2021, 12, 20)), dept_blocks(head, []))
    b = make_book(dept_sender(head["name"], 561, dt(2022, 1, 5)),
                  [{"section": ("II", "Các đơn vị trực thuộc (bổ sung)"), "agencies": subs}],
                  item_opts={"area": lambda x: head["name"]})
    emit("so-supplement/KH ISO 2022 - So NN&PTNT.xlsx", a, "Sở's first file (itself only)", "", readme=False)
    emit("so-supplement/KH ISO 2022 - So NN&PTNT - bo sung chi cuc.xlsx", b,
         "same Sở, later supplement listing its chi cục", "", readme=False)
    folder("so-supplement", "file wrongly replaced: a Sở's supplement (its chi cục) after its first file; lists do not overlap",
           "both kept: 6 agencies (Sở Nông nghiệp và PTNT + 5 chi cục); 90", FILES[-2:], section=sec)
    # 15c templates pre-filled by the province, filled by two districts
    pre = {"issuer": "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", "so": "      /KH-SKHCN", "date": dt(2021, 11, 25),
           "area": PROVINCE, "cap": None, "kind": "district"}
    recs = []
    for fname, area, edit_title in [("Mau KH ISO 2022.xlsx", "huyện Tam Nông", True),
                                    ("Mau KH ISO 2022 (1).xlsx", "huyện Lai Vung", False)]:
        snd = dict(pre)
        bk = make_book(snd, district_blocks(area),
                       title_issuer=D[area]["ubnd"]["name"] if edit_title else "……………………")
        ex = emit(f"prefilled-template/{fname}", bk, "template with Thông tin pre-filled by the province", "",
                  readme=False, sender={"issuer": D[area]["ubnd"]["name"], "area": area,
                                        "thongTinIssuer": pre["issuer"]})
        ex["note"] = ("Thông tin still holds what the province pre-filled; the sender is read from the list " +
                      ("and the PL1 title." if edit_title else "(the PL1 title was not edited either)."))
        recs.append(FILES[-1])
    folder("prefilled-template", "file wrongly replaced: two districts filled the same province-pre-filled template "
           "(same Thông tin issuer 'Sở Khoa học và Công nghệ tỉnh Đồng Tháp')",
           "both kept: Tam Nông 9 + Lai Vung 10 = 19 agencies, senders from the lists, neither is the province's plan; 285",
           recs, section=sec)
    # 15d two communes named Phường 1 each send their own file
    p1cl, p1sd = ag("UBND Phường 1"), ag("UBND phường 1", "thành phố Sa Đéc")
    a = make_book(commune_sender(p1cl, 92, dt(2021, 12, 13), issuer_written="UBND Phường 1",
                                 area_written="Phường 1, thành phố Cao Lãnh"), [{"agencies": [p1cl]}])
    b = make_book(commune_sender(p1sd, 78, dt(2021, 12, 14), issuer_written="UBND Phường 1",
                                 area_written="thành phố Sa Đéc"),
                  [{"agencies": [p1sd]}], item_opts={"name": lambda x: "UBND Phường 1"})
    emit("two-phuong-1-senders/Ke hoach ISO P1.xlsx", a, "Phường 1 of Cao Lãnh", "", readme=False)
    emit("two-phuong-1-senders/KH duy tri ISO 2022 - Phuong 1.xlsx", b, "Phường 1 of Sa Đéc", "", readme=False)
    folder("two-phuong-1-senders", "file wrongly replaced: two different 'UBND Phường 1' (Cao Lãnh, Sa Đéc) send their own "
           "file, same issuer text", "both kept: 2 agencies; 30", FILES[-2:], section=sec)
    # 15e corrected file replaces the first one
    d = "huyện Lấp Vò"
    dropped = ag("UBND xã Hội An Đông")
    lh = ag("UBND xã Long Hưng B")
    first = make_book(district_sender(d, 215, dt(2021, 12, 10)), district_blocks(d))
    later = make_book(district_sender(d, 215, dt(2021, 12, 22)),
                      district_blocks(d, members=[m for m in D[d]["members"] if m is not dropped]),
                      item_opts={"name": lambda x: full_ubnd(x["name"]) if x is lh else x["name"]})
    emit("corrected-file/Lap Vo - KH ISO 2022.xlsx", first, "first file (10 agencies, 10/12/2021)", "", readme=False)
    emit("corrected-file/KH ISO 2022 Lap Vo da sua.xlsx", later,
         "corrected file (9 agencies, 22/12/2021, one dropped)", "", readme=False)
    folder("corrected-file", "duplicate or lost agencies: a unit's corrected later file beside its first file",
           "the 22/12/2021 file replaces the 10/12/2021 one (name order is the reverse); 9 agencies; dropped "
           "UBND xã Hội An Đông is named; 135", FILES[-2:], section=sec,
           replaced=[{"file": "Lap Vo - KH ISO 2022.xlsx", "by": "KH ISO 2022 Lap Vo da sua.xlsx",
                      "dropped": ["UBND xã Hội An Đông"]}],
           note="Alphabetical file order puts the corrected file first; only Thông tin (same issuer, same số, later "
                "Ngày ban hành) and the overlapping list say which is newer.")


def case_province_plan():
    sec = "Sender identity (one folder each)"
    vp, ct, yt = ag("VP UBND Tỉnh"), ag("Sở Công Thương"), ag("Sở Y Tế")
    ii = [("Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan", 150,
           "Chi cho Đoàn kiểm tra: đi lại, ăn ở, công tác phí, lập báo cáo,...", None, 70),
          ("Đào tạo tập huấn kỹ năng duy trì, cải tiến, đánh giá nội bộ cho cơ quan hành chính", 6,
           "50 triệu/lớp (Báo cáo viên, hội trường, tài liệu,...)", 50, 300)]
    prov = make_book({"issuer": "UBND tỉnh Đồng Tháp", "area": PROVINCE, "so": "    /KH-UBND", "date": dt(2021, 12, 30),
                      "cap": "Tỉnh", "kind": "so", "kiemtra": 70},
                     [{"section": ("I", "Sở, ban, ngành Tỉnh"), "agencies": [vp, ct, yt]}], rate=20,
                     budget={"extra": ii})
    so = make_book(dept_sender(ct["name"], 1990, dt(2021, 12, 15), cap="Cấp tỉnh"), dept_blocks(ct, []))
    emit("province-own-plan/KH ISO 2022 UBND tinh (du thao).xlsx", prov,
         "the province's own plan (UBND tỉnh, Cấp 'Tỉnh', rate 20)", "", readme=False)
    emit("province-own-plan/KH ISO 2022 - So Cong Thuong.xlsx", so,
         "a Sở that wrote 'Cấp tỉnh' in Cấp lập kế hoạch", "", readme=False)
    folder("province-own-plan", "wrong consolidating plan: a Sở writing 'Cấp tỉnh' taken as the province's plan",
           "the UBND tỉnh file is the province's plan (rate 20); Sở Công Thương's file is an input at rate 15, named; "
           "3 agencies × 20 + 70 + 300 = 430", FILES[-2:], section=sec, total=430, rate=20,
           extra={"provincialPlan": "KH ISO 2022 UBND tinh (du thao).xlsx",
                  "notProvincialPlan": ["KH ISO 2022 - So Cong Thuong.xlsx"],
                  "rateDiffers": [{"file": "KH ISO 2022 - So Cong Thuong.xlsx", "rate": 15, "consolidatingRate": 20}]},
           note="Sở Công Thương is listed by both files: one agency. Total uses the province plan's rate (SPEC §5: "
                "per-agency lines are recomputed at the consolidating plan's own rates).")


# ------------------------------------------------------------- the province

def case_province():
    P = "province"
    files = []   # (rel, fmt, book, hand description)

    def add(rel, bk, hand, fmt="xlsx"):
        files.append((rel, fmt, bk, hand))

    dep = {a["name"]: a for a in DEPTS}

    def subs_of(name):
        return [x for x in CHICUC if x["parent"] == name]

    # ---- departments
    n = "VP UBND Tỉnh"
    add("KH ISO 2022 - VP UBND Tinh.xlsx",
        make_book(dept_sender(n, 2104, dt(2021, 12, 13)), dept_blocks(dep[n], []), budget={"mode": "formula"}),
        "the standard template filled as intended (baseline; PL2 live formulas)")
    n = "Sở Xây dựng"
    add("KH ISO 2022 - So Xay dung.xlsx",
        make_book(dept_sender(n, 3380, dt(2021, 12, 16)), dept_blocks(dep[n], []), sheets={"list": "Phu luc 1"},
                  info={"date_mode": "text"}),
        "agency sheet renamed 'Phu luc 1'; date typed as text")
    n = "Sở Kế hoạch và Đầu tư"
    add("Ke hoach ISO 2022 SKHDT.xls",
        make_book(dept_sender(n, 2912, dt(2021, 12, 17)), dept_blocks(dep[n], []), list_opts={"headers": "abbr"}),
        ".xls (Excel 97); abbreviated headers 'TT | Tên CQ, ĐV | Nhóm | Địa bàn | GC'", fmt="xls")
    n = "Sở Tài nguyên và Môi trường"
    head = dep[n]
    add("KH duy tri ISO nam 2022_STNMT.xlsx",
        make_book(dept_sender(n, 2235, dt(2021, 12, 21)), dept_blocks(head, subs_of(n)),
                  list_opts={"cols": ["stt", "chuquan", "ap", "group", "note"]},
                  item_opts={"extra": lambda a: {"chuquan": "UBND tỉnh Đồng Tháp" if a is head else
                                                 "Sở Tài nguyên và Môi trường"}}),
        "'Cơ quan chủ quản' column left of 'Đơn vị áp dụng' (the chi cục's chủ quản is the Sở itself)")
    n = "Sở Khoa học và Công nghệ"
    head = dep[n]
    ii = [("Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan", 150,
           "Chi cho Đoàn kiểm tra: đi lại, ăn ở, công tác phí, lập báo cáo,...", None, 70),
          ("Đào tạo tập huấn kỹ năng duy trì, cải tiến, đánh giá nội bộ cho cơ quan hành chính", 6,
           "06 lớp (75 người/ lớp); 50 triệu/lớp (Báo cáo viên, hội trường, tài liệu, nước uống, băng ron, trang trí, "
           "văn phòng phẩm,...)", 50, 300)]
    add("KH ISO 2022 SKHCN (gui tong hop).xlsx",
        make_book(dept_sender(n, 1150, dt(2021, 12, 10), kiemtra=70), dept_blocks(head, subs_of(n)),
                  budget={"extra": ii}, item_opts={"area": lambda a: PROVINCE if a is head else n}),
        "the Sở KH&CN: its own line, Chi cục TCĐLCL, and section II: kiểm tra 70 (150 cơ quan) and 6 classes × 50 = "
        "300, typed numbers")
    n = "Sở Tài Chính"
    add("Kế hoạch ISO năm 2022 - Sở Tài chính.xlsx",
        make_book(dept_sender(n, 4012, dt(2021, 12, 20)), dept_blocks(dep[n], []),
                  item_opts={"name": lambda a: "Sở Tài chính"},
                  trailer=[X("Cộng: 01 cơ quan", "total row")] + sig("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC",
                                                                      "Phạm Thị Hồng Nhung",
                                                                      maker_name="Lê Thị Kim Loan")),
        "Vietnamese file name; name written 'Sở Tài chính' (case); 'Cộng' row and signature block under the list")
    n = "Sở Tư Pháp"
    add("STP_KH ISO 2022.xlsx",
        make_book(dept_sender(n, 1420, dt(2021, 12, 22)), dept_blocks(dep[n], []),
                  item_opts={"name": lambda a: "Sở Tư pháp"}, empty_original="PL1 Danh sách cơ quan (2)"),
        "empty standard sheet beside its filled copy 'PL1 Danh sách cơ quan (2)'")
    n = "Sở Nội vụ"
    old = [dep[n], synth("Ban Tôn giáo", PROVINCE, G_CM, parent=n), synth("Ban Thi đua - Khen thưởng", PROVINCE,
                                                                           G_CM, parent=n)]
    add("KH ISO 2022 (So Noi vu).xlsx",
        make_book(dept_sender(n, 1777, dt(2021, 12, 14)), dept_blocks(dep[n], []),
                  hidden_old={"visible_name": "PL1 2022", "so": "1502/KH-SNV", "date": dt(2020, 12, 11),
                              "blocks": dept_blocks(old[0], old[1:])}),
        "last year's list (with Ban Tôn giáo, Ban Thi đua - Khen thưởng) on a hidden sheet under the standard name; "
        "this year's on 'PL1 2022'")
    n = "Sở Ngoại vụ"
    add("ke hoach iso 2022 ngoai vu.ods",
        make_book(dept_sender(n, 611, dt(2021, 12, 15)), dept_blocks(dep[n], []), list_opts={"r0": 3, "c0": 2}),
        ".ods; list table starting at B8", fmt="ods")
    n = "Sở Nông nghiệp và PTNT"
    head = dep[n]
    subs = subs_of(n)
    items = list_title("Sở Nông nghiệp và PTNT", "540/KH-SNN", dt(2021, 12, 20)) + [
        H(), S("I", "Sở, ban, ngành Tỉnh"), A(head, stt="01"), S("II", "Các đơn vị trực thuộc sở, ban, ngành")]
    for i, a in enumerate(subs):
        items.append(A(a, stt=f"{i + 2:02d}", written=tone_old(a["name"])))
    items.append(X("Tổng cộng: 06 cơ quan, đơn vị", "total row"))
    add("KH ISO 2022 - So NN&PTNT.xlsx",
        make_book(dept_sender(n, 540, dt(2021, 12, 20)), None, list_items=items,
                  list_opts={"cols": ["stt", "name", "note"], "headers": "seed"}),
        "seed's printed form (STT | Tên cơ quan | Ghi chú, sections I/II, no group column); 'Thuỷ' old tone placement; "
        "lists Chi cục Kiểm Lâm, which also sends its own file")
    n = "Sở Lao động, Thương binh và Xã hội"
    add("KH ISO 2022 So LDTBXH.xlsx",
        make_book(dept_sender(n, 2450, dt(2021, 12, 18), issuer_written=nfd(DEPT_ISSUER[n][0])),
                  dept_blocks(dep[n], []), item_opts={"name": lambda a: nfd(a["name"])},
                  list_opts={"cols": ["stt", "group", "name", "area", "note"]}),
        "all text in decomposed Unicode (NFD); Nhóm cơ quan column left of Tên cơ quan")
    n = "Sở Giao thông - Vận tải"
    add("KH ISO 2022 SGTVT.xlsx",
        make_book(dept_sender(n, 2871, dt(2021, 12, 28), issuer_written="SỞ GIAO THÔNG VẬN TẢI"),
                  dept_blocks(dep[n], []), info={"style": "alt", "r0": 3, "c0": 3, "date_mode": "datetime",
                                                 "blank_between": True}),
        "Thông tin with other labels in C5:D21 (every other row), issuer in capitals, date with a time")
    n = "Sở Y Tế"
    head = dep[n]
    add("KH ISO 2022 - So Y te.xlsx",
        make_book(dept_sender(n, 1508, dt(2021, 12, 21)), dept_blocks(head, subs_of(n)), split_at=1,
                  item_opts={"area": lambda a: PROVINCE if a is head else "Sở Y tế"}),
        "list split: the Sở on 'PL1 Danh sách cơ quan', its 2 chi cục on 'PL1 (tiếp)'")
    n = "Sở Công Thương"
    add("KH ISO 2022 SCT final.xlsx",
        make_book(dept_sender(n, 1995, dt(2021, 12, 15)), dept_blocks(dep[n], []), font=".VnTime",
                  item_opts={"note": lambda a: "Mở rộng × 3 TTHC; «Một cửa»; nội\u00adbộ; \u00d0Ã CÔNG BỐ ©2021 ½"}),
        "'.VnTime' font on Unicode text; ×, ½, «», ©, soft hyphen, U+00D0 in Ghi chú")
    n = "Sở Giáo dục và Đào tạo"
    add("KH ISO SGDDT 2022.xlsx",
        make_book(dept_sender(n, 3001, dt(2021, 12, 24)), dept_blocks(dep[n], []), info={"rate_mode": "text"},
                  item_opts={"stt": "text2"}, list_opts={"header2": True}, budget={"mode": "text"}),
        "numbers typed as text (STT '01', rate '15', PL2 '15'); header on two merged rows")
    n = "Sở Thông tin - Truyền thông"
    add("KH ISO 2022 - So TTTT.xls",
        make_book(dept_sender(n, 1230, dt(2021, 12, 19)), dept_blocks(dep[n], []),
                  item_opts={"group": lambda a: "CẤP SỞ"}),
        ".xls (Excel 97); typed group 'CẤP SỞ'", fmt="xls")
    n = "Sở Văn hóa, Thể thao và Du lịch"
    add("KH ISO 2022 So VHTTDL.xlsx",
        make_book(dept_sender(n, 2601, dt(2021, 12, 23)), dept_blocks(dep[n], []),
                  item_opts={"name": lambda a: " Sở  Văn hoá, Thể thao\u00a0và Du lịch "}),
        "name with stray/double spaces and NBSP and old tone placement 'Văn hoá'")
    n = "Cục thuế Tỉnh"
    add("KH ISO 2022 Cuc Thue.xlsx",
        make_book(dept_sender(n, 3925, dt(2021, 12, 24)), dept_blocks(dep[n], []),
                  item_opts={"name": lambda a: "Cục Thuế tỉnh"},
                  trailer=[X("Ghi chú: danh sách gồm 01 cơ quan", "note under the list")] +
                  sig("KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Trần Văn Bình")),
        "name 'Cục Thuế tỉnh' (case); note and signature block 'KT. CỤC TRƯỞNG / PHÓ CỤC TRƯỞNG' under the list")
    n = "Thanh tra Tỉnh"
    add("KH ISO 2022 Thanh tra tinh.xlsx",
        make_book(dept_sender(n, 902, dt(2021, 12, 12)), dept_blocks(dep[n], []), sheets={"list": "DS co quan"},
                  order=["tasks", "info", "list", "budget"], item_opts={"stt": None}),
        "agency sheet 'DS co quan' after a full task table; no STT")
    n = "Ban Quản lý Khu kinh tế"
    add("KH ISO 2022 BQL KKT.xlsx",
        make_book(dept_sender(n, 455, dt(2021, 12, 16)), dept_blocks(dep[n], []), single_sheet=True,
                  sheets={"list": "Kế hoạch"}, tasks=False),
        "everything on one sheet 'Kế hoạch': Thông tin block, list, budget; no task table")
    kl = ag("Chi cục Kiểm Lâm")
    add("KH ISO 2022 - Chi cuc Kiem lam.xlsx",
        make_book(dept_sender(kl["name"], 71, dt(2021, 12, 22), cap="Chi cục"), [{"agencies": [kl]}],
                  item_opts={"name": lambda a: "Chi cục Kiểm lâm", "area": lambda a: PROVINCE}),
        "a chi cục sending its own file although its Sở lists it too (same agency, both tỉnh Đồng Tháp)")

    # ---- districts
    d = "thành phố Cao Lãnh"
    gl = {G_HUYEN: "Cấp huyện", G_XA: "Cấp xã"}
    add("ke hoach duy tri HTQLCL 2022 TP Cao Lanh (final).xlsx",
        make_book(district_sender(d, 425, dt(2021, 12, 8)), district_blocks(d, sub_style="abbr"),
                  item_opts={"group": lambda a: gl[a["group"]], "name": lambda a: abbr(a["name"]),
                             "area": lambda a: area_text(a["area"], "abbr")}),
        "abbreviations 'UBND TP. Cao Lãnh', 'UBND P. 1', 'UBND P. 11'; typed labels 'Cấp huyện'/'Cấp xã'; "
        "area 'TP. Cao Lãnh'")
    d = "thành phố Sa Đéc"
    items = list_title("UBND thành phố Sa Đéc", "168/KH-UBND", dt(2021, 12, 9)) + [H(), G(D[d]["seed_label"])]
    for i, a in enumerate(D[d]["members"]):
        items.append(A(a, stt=i + 1, group=a["group"], area=None,
                       written=tone_new(a["name"]) if "Hoà" in a["name"] else a["name"]))
    add("KH 2022 ISO Sa Dec.xls",
        make_book(district_sender(d, 168, dt(2021, 12, 9)), None, list_items=items),
        ".xls (Excel 97); seed's own sub-group typo '- Thành phố xã Sa Đéc', blank area cells; 'An Hòa'", fmt="xls")
    d = "thành phố Hồng Ngự"
    add("KHISO2022_TPHN.xlsx",
        make_book(district_sender(d, 151, dt(2021, 12, 10), issuer_written="Ủy ban nhân dân thành phố Hồng Ngự"),
                  district_blocks(d), rate=12,
                  item_opts={"name": lambda a: full_ubnd(a["name"]), "area": lambda a: "Thành phố Hồng Ngự"}),
        "names 'Ủy ban nhân dân …'; the unit's own rate 12 (named as another rate; recomputed at 15)")
    d = "huyện Hồng Ngự"
    pa, pb = ag("UBND xã Phú Thuận A"), ag("UBND xã Phú Thuận B")
    items = list_title("UBND huyện Hồng Ngự", "175/KH-UBND", dt(2021, 12, 12)) + [H(), G("- Huyện Hồng Ngự")]
    k = 0
    for a in D[d]["members"]:
        if a is pb:
            continue
        if a is pa:
            items.append(M([pa, pb], "UBND xã Phú Thuận A\nUBND xã Phú Thuận B", stt=f"{k + 1}, {k + 2}",
                           group=G_XA, area=d))
            k += 2
            continue
        k += 1
        items.append(A(a, stt=k, group=a["group"], area=d))
    add("KH ISO huyen Hong Ngu 2022.xlsx",
        make_book(district_sender(d, 175, dt(2021, 12, 12)), None, list_items=items, list_opts={"header2": True}),
        "two communes in one cell (Alt+Enter: Phú Thuận A / Phú Thuận B); header on two merged rows")
    d = "huyện Tân Hồng"
    tta = synth("UBND xã Tân Thành A", d, G_XA)
    first_mem = D[d]["members"][:6] + [tta] + D[d]["members"][6:]
    add("KH ISO 2022 Tan Hong.xlsx",
        make_book(district_sender(d, 122, dt(2021, 12, 10)), district_blocks(d, members=first_mem)),
        "first file (10/12/2021), lists UBND xã Tân Thành A, which the corrected file drops")
    add("KH ISO 2022 Tan Hong (2).xlsx",
        make_book(district_sender(d, 122, dt(2021, 12, 27)), district_blocks(d),
                  item_opts={"name": lambda a: abbr(a["name"]) if "thị trấn" in a["name"] else a["name"]}),
        "corrected file (27/12/2021) replacing the first; 'UBND TT. Sa Rài'")
    d = "huyện Tam Nông"
    add("Tam Nong_KH duy tri ISO 2022.xlsx",
        make_book(district_sender(d, 210, dt(2021, 12, 18)), district_blocks(d, sub_style="upper"),
                  item_opts={"name": lambda a: tone_new(a["name"]).upper(), "area": lambda a: PROVINCE}),
        "names in CAPITALS ('UBND XÃ HÒA BÌNH' for seed 'Hoà Bình'); area cells 'tỉnh Đồng Tháp' under sub-group "
        "'- HUYỆN TAM NÔNG'")
    d = "huyện Thanh Bình"
    add("KH ISO 2022 - H Thanh Binh.xlsx",
        make_book(district_sender(d, 244, dt(2021, 12, 21), area_written=None), district_blocks(d),
                  item_opts={"area": lambda a: None,
                             "name": lambda a: a["name"].replace(" xã ", " Xã ") if a["name"] in
                             ("UBND xã Tân Phú", "UBND xã Tân Bình") else a["name"]}),
        "blank area cells under '- Huyện Thanh Bình', Thông tin Địa bàn blank; 'UBND Xã Tân Phú', 'UBND Xã Tân Bình'")
    d = "huyện Cao Lãnh"
    mem = D[d]["members"]
    items = list_title("UBND huyện Cao Lãnh", "282/KH-UBND", dt(2021, 12, 17)) + [H(), S("I", "UBND huyện"),
                                                                                  A(mem[0], stt=1, group=G_HUYEN, area=d),
                                                                                  S("II", "UBND xã, thị trấn")]
    for i, a in enumerate(mem[1:]):
        if i == 7:
            items.append(X("STT", "repeated header (copied from Word)", col="stt",
                           more={"name": "Tên cơ quan", "note": "Ghi chú"}))
        items.append(A(a, stt=i + 1, group=G_XA, area=d))
    items.append(X("Cộng: 14 cơ quan (01 huyện, 13 xã, thị trấn)", "total row"))
    add("KH ISO 2022 huyen Cao Lanh.xlsx",
        make_book(district_sender(d, 282, dt(2021, 12, 17)), None, list_items=items),
        "STT restarts per section; a header row pasted from Word in mid-list; 'Cộng' row")
    d = "huyện Lấp Vò"
    add("LAP VO - KH ISO 2022.xlsx",
        make_book(district_sender(d, 222, dt(2021, 12, 16)), district_blocks(d), split_at=6,
                  trailer=sig("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "Nguyễn Văn Hùng",
                              maker="PHÓ CHỦ TỊCH", maker_name="Võ Thị Mỹ Dung")),
        "list split over 'PL1 Danh sách cơ quan' and 'PL1 (tiếp)'; signature block 'TM. ỦY BAN NHÂN DÂN'")
    d = "huyện Lai Vung"
    mem = D[d]["members"]

    def lv_extra(a):
        if a is mem[0]:
            return {"formula": "='Thông tin'!B3", "merge_name": True}
        return {"merge_name": True}
    add("KH ISO 2022 Lai Vung.xlsx",
        make_book(district_sender(d, 159, dt(2021, 12, 10)), district_blocks(d),
                  list_opts={"cols": ["stt", "name", "name2", "area", "group", "note"]},
                  item_opts={"extra": lv_extra}),
        "first name is a formula ='Thông tin'!B3; name cells merged over two columns; Địa bàn before Nhóm")
    d = "huyện Châu Thành"
    add("KH ISO 2022 Chau Thanh.xlsx",
        make_book(district_sender(d, 199, dt(2021, 12, 15)), district_blocks(d, sub_style=None),
                  sheets={"list": "PL 01"}, item_opts={"area": lambda a: None}),
        "sheet 'PL 01'; no sub-group rows and blank area cells (area from the sender); xã Tân Bình and xã Tân Phú")
    d = "huyện Tháp Mười"
    items = list_title("UBND huyện Tháp Mười", "312/KH-UBND", dt(2021, 12, 24)) + [H(), G("- Huyện Tháp Mười")]
    for i, a in enumerate(D[d]["members"]):
        items.append(A(a, stt=i + 1, group=a["group"], area=d))
        if i in (4, 8):
            items.append(B())
    add("KH ISO 2022 Thap Muoi.xlsx",
        make_book(district_sender(d, 312, dt(2021, 12, 24)), None, list_items=items, info={"date_mode": "text"},
                  budget={"declared": {G_XA: (9, 135)}}),
        "PL2 typed over its formula: 9 communes / 135 where PL1 lists 10; blank rows in the list; date as text")

    # ---- emit files
    exps = {}
    hands = []
    for rel, fmt, bk, hand in files:
        e = emit(f"{P}/{rel}", bk, "province: " + hand, "", fmt=fmt, readme=False)
        e["hand"] = hand
        exps[rel] = (e, bk, fmt)
        hands.append({"file": e["file"], "sender": e["sender"], "agencies": len(bk.agencies), "hand": hand})
    # ---- junk files that arrive in the same folder
    junk = [("~$KH ISO 2022 - So Xay dung.xlsx", "Excel owner/lock file (165 bytes), not a workbook"),
            ("KH ISO 2022 So Noi vu (ban ky).pdf", "signed scan (PDF), not a workbook")]
    replaced_first = "KH ISO 2022 Tan Hong.xlsx"
    # ---- the 150, in seed order
    src = {}
    for rel, (e, bk, fmt) in exps.items():
        if rel == replaced_first:
            continue
        for r in bk.agencies:
            src.setdefault(r["agency"]["key"], []).append(
                {"file": e["file"], "sheet": r["sheet"], "row": r["row"],
                 **({"written": r["written"]} if r["written"] != r["agency"]["name"] else {})})
    out = []
    for a in AGENCIES:
        s = src.get(a["key"])
        assert s, ("missing in province", a["name"], a["area"])
        e = {"stt": a["stt"], "name": a["name"], "area": a["area"], "group": a["group"], **s[0]}
        if len(s) > 1:
            e["alsoFrom"] = s[1:]
        out.append(e)
    extra_keys = set(src) - {a["key"] for a in AGENCIES}
    assert not extra_keys, extra_keys
    by_group = [{"group": g, "count": sum(1 for a in AGENCIES if a["group"] == g),
                 "rate": 15, "amount": 15 * sum(1 for a in AGENCIES if a["group"] == g)} for g in GROUPS]
    mism = []
    for rel, (e, bk, fmt) in exps.items():
        for m in e.get("declaredDiffers", []):
            mism.append({"file": e["file"], **m})
    exp = {
        "class": "the whole province: seed 001's 150 agencies sent by 34 workbooks from 33 units, each filled by a "
                 "different hand",
        "seed": "shared/seeds/001_e621a2b685069261.txt (Phụ lục 1 and 2)",
        "agencies": out,
        "byGroup": by_group,
        "sectionI": 2250,
        "sectionII": [{"name": "Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan",
                       "quantity": 150, "amount": 70, "file": "KH ISO 2022 SKHCN (gui tong hop).xlsx"},
                      {"name": "Đào tạo tập huấn kỹ năng duy trì, cải tiến, đánh giá nội bộ cho cơ quan hành chính",
                       "classes": 6, "ratePerClass": 50, "peoplePerClass": 75, "amount": 300,
                       "file": "KH ISO 2022 SKHCN (gui tong hop).xlsx"}],
        "total": 2620,
        "totalInWords": "Hai tỷ sáu trăm hai mươi triệu đồng",
        "files": hands,
        "kept": [h["file"] for h in hands if h["file"] != replaced_first],
        "replaced": [{"file": replaced_first, "by": "KH ISO 2022 Tan Hong (2).xlsx",
                      "dropped": ["UBND xã Tân Thành A"]}],
        "duplicates": [{"name": "Chi cục Kiểm Lâm", "area": PROVINCE,
                        "files": ["KH ISO 2022 - So NN&PTNT.xlsx", "KH ISO 2022 - Chi cuc Kiem lam.xlsx"]}],
        "possibleDuplicates": [],
        "refused": [{"file": f, "why": w} for f, w in junk],
        "rateDiffers": [{"file": "KHISO2022_TPHN.xlsx", "rate": 12, "consolidatingRate": 15}],
        "declaredDiffers": mism,
        "notAgencies": "see each file's record in 'filesDetail'",
        "note": "Names are the seed's exact spelling; 'written' shows the cell text where a hand wrote it otherwise "
                "(differences are only case, Unicode form, spaces, tone placement and the abbreviations SPEC §5 "
                "lists: UBND/Ủy ban nhân dân, TP./TX./TT./H./P.). The folder also holds expected.json, which a merge "
                "reports as not a workbook. No file here is the provincial plan: the Sở KH&CN's file is its own "
                "unit plan (Cấp lập kế hoạch 'Sở') that also carries section II (kiểm tra 70, 6 lớp × 50); however "
                "a tool treats it, its 2 agencies count and its section II lines are carried. Rate 15 throughout "
                "except KHISO2022_TPHN.xlsx (12), which is recomputed at 15 and named.",
    }
    exp["filesDetail"] = [e for (e, bk, fmt) in exps.values()]
    FOLDERS.append({"rel": P, "expected": exp, "junk": junk})
    README.append(("The whole province", P + "/",
                   "everything at once: 34 workbooks from 33 units, each filled by its own hand, plus 2 files that are not workbooks",
                   "150 agencies in seed order (20/10/12/108), total 2.620; Tân Hồng's first file replaced "
                   "(drops UBND xã Tân Thành A); Chi cục Kiểm Lâm sent twice = 1; TP Hồng Ngự rate 12 named; "
                   "Tháp Mười PL2 135 vs 150 named; lock file and PDF refused"))


# ================================================================= output

def _dumps(v, ind):
    """JSON with one line per object inside lists (readable diffs, small files)."""
    pad = " " * ind
    if isinstance(v, dict) and (ind < 2 and any(isinstance(x, (list, dict)) for x in v.values()) or
                                any(isinstance(x, list) and x and isinstance(x[0], dict) for x in v.values())):
        inner = ",\n".join(f"{pad} {json.dumps(k, ensure_ascii=False)}: {_dumps(x, ind + 1)}" for k, x in v.items())
        return "{\n" + inner + "\n" + pad + "}"
    if isinstance(v, list) and v and (ind <= 2 or isinstance(v[0], dict)):
        inner = ",\n".join(pad + " " + _dumps(x, ind + 1) for x in v)
        return "[\n" + inner + "\n" + pad + "]"
    return json.dumps(v, ensure_ascii=False)


def write_json(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = _dumps(data, 0)
    assert json.loads(text) == data
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def lock_file_bytes():
    name = "Nguyen Van A".encode()
    b = bytes([len(name)]) + name + b" " * (53 - len(name)) + bytes([len(name), 0]) + \
        "Nguyen Van A".encode("utf-16-le") + b"\x20\x00" * 20
    return (b + b"\x00" * 165)[:165]


PDF = b"""%PDF-1.4
1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj
2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj
4 0 obj<</Length 58>>stream
BT /F1 14 Tf 72 760 Td (KE HOACH ISO 2022 - SO NOI VU) Tj ET
endstream endobj
5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj
trailer<</Root 1 0 R>>
%%EOF
"""


def build(stage):
    msg = seed001.check_against_seed()
    print(msg)
    case_sheet_renamed()
    case_sheet_variants()
    case_columns()
    case_signature()
    case_multi()
    case_area()
    case_typed_groups()
    case_text()
    case_layout()
    case_budget()
    case_formats()
    case_same_agency()
    case_different()
    case_senders()
    case_province_plan()
    case_province()
    raw = os.path.join(stage, "raw")
    manifest = []
    for f in FILES:
        rel = f["rel"]
        fmt = f["fmt"]
        base = os.path.splitext(rel)[0] + ".xlsx"
        p = os.path.join(raw, fmt, base)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        wb = f["book"].wb
        when = datetime.datetime.combine(f["book"].sender.get("date") or dt(2021, 12, 1), datetime.time(8, 0))
        wb.properties.created = when
        wb.properties.modified = when
        wb.properties.creator = "Tổ thư ký ISO"
        wb.save(p)
        final = final_name(rel, fmt)
        exp_path = os.path.join(OUT, os.path.splitext(final)[0] + ".expected.json")
        if not final.startswith("province/"):
            write_json(exp_path, f["expected"])
        manifest.append({"final": final, "fmt": fmt, "checks": checks_for(f)})
    for fo in FOLDERS:
        write_json(os.path.join(OUT, fo["rel"], "expected.json"), fo["expected"])
        for name, _ in fo.get("junk", []):
            p = os.path.join(OUT, fo["rel"], name)
            with open(p, "wb") as fh:
                fh.write(lock_file_bytes() if name.startswith("~$") else PDF)
    write_json(os.path.join(stage, "manifest.json"), manifest)
    write_readme()
    gen = ["README.md"] + [m["final"] for m in manifest]
    gen += [os.path.splitext(m["final"])[0] + ".expected.json" for m in manifest if not m["final"].startswith("province/")]
    for fo in FOLDERS:
        gen.append(fo["rel"] + "/expected.json")
        gen += [fo["rel"] + "/" + n for n, _ in fo.get("junk", [])]
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "generated.txt"), "w", encoding="utf-8") as f:
        f.write("# files under test/hands/ written by make.sh (it deletes only these before regenerating)\n")
        f.write("\n".join(sorted(gen)) + "\n")
    print(f"{len(FILES)} workbooks, {len(FOLDERS)} folder cases staged in {raw}")


def checks_for(f):
    bk = f["book"]
    multi = {(x["sheet"], x["cell"]): x["written"] for x in bk.multi}
    return {"agencies": [{"sheet": r["sheet"], "cell": r["cell"],
                          "text": multi.get((r["sheet"], r["cell"]), r["written"])} for r in bk.agencies],
            "hidden": [x["sheet"] for x in bk.ignored if "hidden" in x["why"]],
            "hiddenRows": [{"sheet": h["sheet"], "row": h["row"]} for h in bk.hidden_rows],
            "total": {"cell": bk.budget["totalCell"], "value": bk.budget["declaredTotal"]},
            "font": bk.font}


def write_readme():
    lines = ["# Hand-made plan workbooks (test inputs)", "",
             "Generated by `scripts/hands/make.sh` (openpyxl, then re-saved by LibreOffice as a province receives "
             "them). Do not edit by hand: change `scripts/hands/make.py` and run `bash scripts/hands/make.sh`.", "",
             "Every agency list comes from seed 001 (Đồng Tháp, Kế hoạch duy trì, cải tiến HTQLCL năm 2022, "
             "Phụ lục 1: 150 agencies = 20 + 10 + 12 + 108; Phụ lục 2: 2.250 + 70 + 300 = 2.620 triệu đồng). "
             "Names not in the seed are marked in the case's `note`.", "",
             "## Expected answers", "",
             "* `<case>.expected.json` beside each single file: `sender`, `agencies` (in order, with the sheet and "
             "1-based row of the name; `name` is the seed's spelling, `written` the cell text when it differs), "
             "`notAgencies` (rows that must not become agencies: headers, section and sub-group rows, totals, notes, "
             "signatures, task-table leads), `multiNameCells`, `ignoredSheets`, `hiddenRows`, `rate`, "
             "`perAgencyTotal` (agencies × the file's own rate), `declared` (what its PL2 shows) and "
             "`declaredDiffers` (PL2 cells that differ from PL1 × rate).",
             "* `<folder>/expected.json` for pair and group cases: the merged `agencies` (each distinct agency once, "
             "with every file that sent it), `kept`, `replaced` (with `dropped` names), `possibleDuplicates`, "
             "`total`. Files inside a folder also have their own `.expected.json` with `sameAs`, `differentFrom` or "
             "`possibleDuplicateOf`.",
             "* `province/expected.json`: the 150 agencies in seed order with the file, sheet and row each came "
             "from, per-group counts, section II lines, `total` 2620, `replaced`, `duplicates`, `refused`, "
             "`rateDiffers`, `declaredDiffers`, and `filesDetail` (every file's own record).",
             "* A folder's `expected.json` (and the `.expected.json` files) sit next to the workbooks: a harness "
             "should copy only the workbooks, or expect the JSON files to be reported as not workbooks.", "",
             "Areas are written `huyện X`, `thành phố X` (communes and the district People's Committee) and "
             "`tỉnh Đồng Tháp` (departments and their chi cục). Money in triệu đồng.", ""]
    cur = None
    for section, path, cls, answer in README:
        if section != cur:
            lines += ["", f"## {section}", "", "| file | class of failure | expected |", "|---|---|---|"]
            cur = section
        lines.append(f"| `{path}` | {cls.replace('|', chr(92) + '|')} | {answer.replace('|', chr(92) + '|')} |")
    prov = next((fo for fo in FOLDERS if fo["rel"] == "province"), None)
    if prov:
        lines += ["", "### The province's files and their hands", "",
                  "| file | sender | agencies | hand (deviations) |", "|---|---|---|---|"]
        for h in prov["expected"]["files"]:
            lines.append(f"| `{h['file']}` | {h['sender']['issuer']} | {h['agencies']} | "
                         f"{h['hand'].replace('|', chr(92) + '|')} |")
        for name, why in prov.get("junk", []):
            lines.append(f"| `{name}` | — | — | {why} |")
    lines += ["", "## Traps that come from the seed itself", "",
              "* Same commune names in different districts: UBND Phường 1/2/3 (TP Cao Lãnh and TP Sa Đéc), "
              "UBND xã Tân Bình and UBND xã Tân Phú (Thanh Bình and Châu Thành), UBND xã Bình Thành and UBND xã "
              "Tân Mỹ (Thanh Bình and Lấp Vò).",
              "* Same place, different level: UBND thị trấn Mỹ An / UBND xã Mỹ An (Tháp Mười), UBND thị trấn Mỹ "
              "Thọ / UBND xã Mỹ Thọ (huyện Cao Lãnh), UBND thị trấn Lấp Vò / UBND huyện Lấp Vò, thành phố and "
              "huyện Cao Lãnh, thành phố and huyện Hồng Ngự.",
              "* Prefixes of one another: UBND xã An Bình (huyện Cao Lãnh) / An Bình A, An Bình B (TP Hồng Ngự); "
              "UBND xã Tân Hội / Tân Hội Trung; UBND Phường 1 / phường 11.",
              "* Tone placement inside the seed: 'An Hoà', 'Hoà Bình', 'Mỹ Hoà' beside 'Hòa An', 'An Hòa', 'Hòa Long'.",
              "* The seed's own typo in a sub-group row: '- Thành phố xã Sa Đéc'.", ""]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


# ================================================================= fixzip

def fixzip(stage):
    """Give every zip entry of the LibreOffice-saved .xlsx/.ods a fixed time stamp, so that
    regenerating gives byte-identical files (the entries' contents are LibreOffice's, untouched)."""
    manifest = json.load(open(os.path.join(stage, "manifest.json"), encoding="utf-8"))
    for m in manifest:
        if m["fmt"] in ("xlsx", "ods"):
            stamp_zip(os.path.join(OUT, m["final"]), (2021, 12, 1, 8, 0, 0))


# ================================================================= verify

def verify(stage):
    import openpyxl
    manifest = json.load(open(os.path.join(stage, "manifest.json"), encoding="utf-8"))
    # xls/ods: convert back to xlsx in a temp dir to read them with openpyxl
    back = tempfile.mkdtemp(prefix="hands-verify-")
    others = [m for m in manifest if m["fmt"] != "xlsx"]
    if others:
        home = tempfile.mkdtemp()
        cmd = ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{home}/lo",
               "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", back] + \
              [os.path.join(OUT, m["final"]) for m in others]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       env=dict(os.environ, HOME=home))
    bad = 0
    for m in manifest:
        p = os.path.join(OUT, m["final"])
        if not os.path.exists(p):
            print("MISSING", m["final"])
            bad += 1
            continue
        rp = p if m["fmt"] == "xlsx" else os.path.join(back, os.path.splitext(os.path.basename(p))[0] + ".xlsx")
        wb = openpyxl.load_workbook(rp, data_only=True)
        c = m["checks"]
        for a in c["agencies"]:
            v = wb[a["sheet"]][a["cell"]].value
            if v != a["text"]:
                print("CELL", m["final"], a["sheet"], a["cell"], repr(v), "!=", repr(a["text"]))
                bad += 1
            if m["fmt"] == "xlsx" and c["font"] != "Times New Roman":
                fn = wb[a["sheet"]][a["cell"]].font.name
                if fn != c["font"]:
                    print("FONT", m["final"], a["cell"], fn)
                    bad += 1
        for s in c["hidden"]:
            if wb[s].sheet_state != "hidden":
                print("NOT HIDDEN", m["final"], s)
                bad += 1
        for h in c["hiddenRows"]:
            if not wb[h["sheet"]].row_dimensions[h["row"]].hidden:
                print("ROW NOT HIDDEN", m["final"], h)
                bad += 1
        sh, cell = c["total"]["cell"].rsplit("!", 1)
        v = wb[sh][cell].value
        want = c["total"]["value"]
        if isinstance(v, str):
            v = int(v.replace(".", ""))
        if v != want:
            print("TOTAL", m["final"], c["total"]["cell"], repr(v), "!=", want)
            bad += 1
    shutil.rmtree(back, ignore_errors=True)
    total = 0
    for root, _, fs in os.walk(OUT):
        total += sum(os.path.getsize(os.path.join(root, f)) for f in fs)
    print(f"verified {len(manifest)} workbooks, {bad} problem(s); test/hands is {total / 1e6:.2f} MB")
    if bad:
        sys.exit(1)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("build", "fixzip", "verify"):
        sys.exit(__doc__)
    {"build": build, "fixzip": fixzip, "verify": verify}[sys.argv[1]](sys.argv[2])
