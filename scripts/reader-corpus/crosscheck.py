"""Second opinion for the fixtures openpyxl cannot read (.xls, .ods): LibreOffice
converts each to .xlsx, and oracle.py reads that. Exits 1 on any disagreement with
the expected JSON. (LibreOffice is then the reader being trusted, so this checks the
expected answers of those formats against one more reader, not against the truth.)

usage: crosscheck.py CORPUSDIR [--all]     --all: also the xlsx/xlsm fixtures (informative:
                                           prints LibreOffice's disagreements, exits 0)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import check
import oracle

# Where LibreOffice's reading legitimately differs from the expected answer.
LO_EXCEPTIONS = {
    "lo-basic.ods": {("Thông tin", "B7"), ("Thông tin", "B8")},  # float 1/0 in the file; LO re-derives
                                                                 # a boolean format from =TRUE()/=FALSE()
}


def main(corpus, everything):
    exts = (".xls", ".ods") + ((".xlsx", ".xlsm") if everything else ())
    names = sorted(f for f in os.listdir(corpus) if f.endswith(exts) and not f.startswith("bad-"))
    tmp = tempfile.mkdtemp()
    try:
        src = {}
        for n in names:
            alias = "x-" + n.replace(".", "_") + os.path.splitext(n)[1]
            shutil.copy(os.path.join(corpus, n), os.path.join(tmp, alias))
            src[n] = os.path.join(tmp, "out", os.path.splitext(alias)[0] + ".xlsx")
        subprocess.run(
            ["soffice", "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/prof",
             "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", os.path.join(tmp, "out")]
            + [os.path.join(tmp, "x-" + n.replace(".", "_") + os.path.splitext(n)[1]) for n in names],
            env={**os.environ, "HOME": tmp}, check=True, capture_output=True)
        bad = 0
        for n in names:
            with open(os.path.join(corpus, n + ".expected.json"), encoding="utf-8") as f:
                exp = json.load(f)
            exp["oracleExceptions"] = [{"sheet": sh, "cell": c} for sh, c in LO_EXCEPTIONS.get(n, ())]
            if not os.path.exists(src[n]):
                errs = ["LibreOffice could not convert it"]
            else:
                errs = check.compare(exp, oracle.read(src[n]))
            print(f"{'ok  ' if not errs else 'DIFF'} {n} (read by LibreOffice)")
            for e in errs:
                print("     " + e)
            bad += bool(errs) and n.endswith((".xls", ".ods"))
        print(f"{len(names) - bad} passed, {bad} failed")
        return 1 if bad else 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--all" in sys.argv[2:]))
