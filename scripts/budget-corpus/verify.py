#!/usr/bin/python3
"""Check test/budget-corpus/expected.json against LibreOffice's recalculation.

Usage:
    /usr/bin/python3 scripts/budget-corpus/verify.py [CORPUS_DIR]

For every variant: confirms the file has no cached values, converts it with
LibreOffice headless (private throw-away profile with "always recalculate on
load" for OOXML, no macros), reads the recalculated cached values with openpyxl
(data_only=True) and compares them with the hand-worked figures.  A mismatch
means someone is wrong: find out who, never copy LibreOffice's number.
"""
import json
import os
import subprocess
import sys
import tempfile

import openpyxl

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
           xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    corpus = argv[1] if len(argv) > 1 else os.path.join(here, "..", "..", "test", "budget-corpus")
    with open(os.path.join(corpus, "expected.json"), encoding="utf-8") as f:
        expected = json.load(f)
    sheet = expected["sheet"]
    failures = 0
    with tempfile.TemporaryDirectory(prefix="budget-corpus-") as tmp:
        profile = os.path.join(tmp, "profile")
        os.makedirs(os.path.join(profile, "user"))
        with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
            f.write(XCU)
        out = os.path.join(tmp, "out")
        files = [os.path.join(corpus, v["file"]) for v in expected["variants"]]
        subprocess.run(["soffice", "-env:UserInstallation=file://" + profile, "--headless",
                        "--convert-to", "xlsx", "--outdir", out] + files,
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        for v in expected["variants"]:
            src = openpyxl.load_workbook(os.path.join(corpus, v["file"]), data_only=True)[sheet]
            lo = openpyxl.load_workbook(os.path.join(out, v["file"]), data_only=True)[sheet]
            checks = [("total", v["total_cell"], v["total"])]
            checks += [("total(dup)", c, v["total"]) for c in v.get("other_total_cells", [])]
            checks += [("section " + k, v["section_cells"][k], n) for k, n in v["sections"].items()]
            problems = []
            for what, cell, want in checks:
                got = lo[cell].value
                if got != want:
                    problems.append("%s %s: LibreOffice %r, expected %r" % (what, cell, got, want))
            cached = src[v["total_cell"]].value
            note = "no cached values" if cached is None else "source has a value in %s (%r)" % (v["total_cell"], cached)
            status = "OK  " if not problems else "FAIL"
            failures += bool(problems)
            print("%s %-24s total %s=%s  sections %s  [%s]" % (
                status, v["file"], v["total_cell"], lo[v["total_cell"]].value,
                {k: lo[c].value for k, c in v["section_cells"].items()}, note))
            for p in problems:
                print("     " + p)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main(sys.argv)
