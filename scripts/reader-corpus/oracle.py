"""An independent reading of an .xlsx/.xlsm with openpyxl, printed in the shape of the
corpus' *.expected.json files.

usage: /usr/bin/python3 scripts/reader-corpus/oracle.py FILE.xlsx

- load_workbook(data_only=True): formula cells give their cached value (None if none).
- Dates: openpyxl returns datetime for a number in a date-formatted cell, using the
  workbook's epoch (1900 or 1904). Printed as YYYY-MM-DD when the time is 00:00:00, else
  YYYY-MM-DDTHH:MM:SS (rounded to the second).
- Errors (#N/A, …) as type "error"; booleans as booleans; empty strings and None are
  left out; merged cells other than the top-left are MergedCell (value None): left out.
- A file openpyxl cannot load prints refuse: true with the exception as refuseMentions.
Always exits 0 after printing (2 on a usage error).
"""
import datetime
import json
import os
import sys
import warnings

import openpyxl
from openpyxl.cell.cell import MergedCell


def cell_json(cell):
    if isinstance(cell, MergedCell):
        return None
    v = cell.value
    if v is None:
        return None
    if cell.data_type == "e":
        return {"type": "error", "value": str(v)}
    if isinstance(v, bool):
        return {"type": "boolean", "value": v}
    if isinstance(v, datetime.datetime):
        v = v + datetime.timedelta(microseconds=500_000)
        v = v.replace(microsecond=0)
        if v.time() == datetime.time(0, 0):
            return {"type": "date", "value": v.date().isoformat()}
        return {"type": "date", "value": v.isoformat()}
    if isinstance(v, datetime.date):
        return {"type": "date", "value": v.isoformat()}
    if isinstance(v, (datetime.time, datetime.timedelta)):
        return {"type": "time", "value": str(v)}  # not in the corpus: time-only is ambiguous
    if isinstance(v, (int, float)):
        if isinstance(v, float) and v.is_integer() and abs(v) < 2 ** 53:
            v = int(v)
        return {"type": "number", "value": v}
    if isinstance(v, str):
        return None if v == "" else {"type": "string", "value": v}
    return {"type": type(v).__name__, "value": str(v)}


def read(path):
    name = os.path.basename(path)
    base = {"file": name, "writer": f"oracle: openpyxl {openpyxl.__version__} load_workbook(data_only=True)"}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path, data_only=True)
            sheets = []
            for ws in wb.worksheets:
                cells = {}
                for (_row, _col), cell in sorted(ws._cells.items()):
                    j = cell_json(cell)
                    if j is not None:
                        cells[cell.coordinate] = j
                sheets.append({"name": ws.title, "hidden": ws.sheet_state != "visible", "cells": cells})
    except Exception as e:  # the oracle's way of refusing
        return {**base, "refuse": True, "refuseMentions": f"{type(e).__name__}: {e}", "sheets": [], "oracleExceptions": []}
    return {**base, "refuse": False, "sheets": sheets, "oracleExceptions": []}


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    json.dump(read(sys.argv[1]), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
