"""Write the spec workbook with openpyxl.

usage: gen_openpyxl.py OUT.xlsx [--1904]

openpyxl stores formulas WITHOUT cached values (it cannot calculate), so the
formula cells of this file read as empty.
"""
import datetime
import sys
import time
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.styles import Alignment, Font

from spec import SPEC

FIXED = datetime.datetime(2022, 3, 20, 8, 30)


class _FrozenClock:
    """zipfile stamps writestr() entries with time.localtime(time.time()); openpyxl
    writes every part that way. Freezing that clock (only inside zipfile) makes two
    runs byte-identical without touching anything else openpyxl writes."""
    @staticmethod
    def time():
        return FIXED.timestamp()

    @staticmethod
    def localtime(_t=None):
        return FIXED.timetuple()


zipfile.time = _FrozenClock


def build(epoch1904=False):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if epoch1904:
        wb.epoch = CALENDAR_MAC_1904
    # fixed document properties so two runs give the same docProps/core.xml
    wb.properties.creator = "reader-corpus"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    for sh in SPEC["sheets"]:
        ws = wb.create_sheet(sh["name"])
        ws.sheet_state = sh["state"]
        for col, width in sh["colWidths"].items():
            ws.column_dimensions[col].width = width
        for c in sh["cells"]:
            cell = ws[c["addr"]]
            kind = c["kind"]
            if kind == "formula":
                cell.value = "=" + c["formula"]
            elif kind == "date":
                cell.value = datetime.datetime.fromisoformat(c["value"])
                cell.number_format = c["numFmt"]
            elif kind == "string":
                cell.value = c["value"]
                # openpyxl would otherwise guess types for strings that start with "="
                cell.data_type = "s"
                if "\n" in c["value"]:
                    cell.alignment = Alignment(wrap_text=True)
            else:
                cell.value = c["value"]
        for rng in sh["merges"]:
            ws.merge_cells(rng)
        for r in sh["hiddenRows"]:
            ws.row_dimensions[r].hidden = True
        if sh["name"].startswith("PL1"):
            ws["A1"].font = Font(bold=True)
    return wb


if __name__ == "__main__":
    out = sys.argv[1]
    wb = build(epoch1904="--1904" in sys.argv[2:])
    wb.save(out)
