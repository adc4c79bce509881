"""Check that oracle.py (openpyxl) agrees with every *.expected.json of an xlsx/xlsm
fixture, skipping the cells listed in its oracleExceptions. Exits 1 on any disagreement.

usage: check.py CORPUSDIR [FIXTURE...]

An oracleExceptions entry is {"sheet": S, "cell": A, "reason": R}; sheet and cell "*"
skip the whole file. Both refusing counts as agreement (the oracle's message is not
compared with refuseMentions: openpyxl's XML errors do not name the part).
"""
import json
import math
import os
import sys

import oracle


def same(a, b):
    if a is None or b is None:
        return a == b
    if a["type"] != b["type"]:
        return False
    x, y = a["value"], b["value"]
    if a["type"] == "number":
        return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)
    return x == y


def compare(exp, got):
    """List of disagreements (strings)."""
    skip = {(e["sheet"], e["cell"]) for e in exp.get("oracleExceptions", [])}
    if ("*", "*") in skip:
        return []
    errs = []
    if exp["refuse"] or got["refuse"]:
        if exp["refuse"] != got["refuse"]:
            errs.append(f"refuse: expected {exp['refuse']}, oracle {got['refuse']} ({got.get('refuseMentions', '')})")
        return errs
    en = [(s["name"], s["hidden"]) for s in exp["sheets"]]
    gn = [(s["name"], s["hidden"]) for s in got["sheets"]]
    if en != gn:
        errs.append(f"sheets: expected {en}, oracle {gn}")
        return errs
    for es, gs in zip(exp["sheets"], got["sheets"]):
        for addr in sorted(set(es["cells"]) | set(gs["cells"])):
            if (es["name"], addr) in skip:
                continue
            a, b = es["cells"].get(addr), gs["cells"].get(addr)
            if not same(a, b):
                short = lambda c: None if c is None else {**c, "value": str(c["value"])[:60]}
                errs.append(f"{es['name']}!{addr}: expected {short(a)}, oracle {short(b)}")
    return errs


def main(corpus, names):
    if not names:
        names = sorted(f for f in os.listdir(corpus) if f.endswith((".xlsx", ".xlsm")))
    bad = 0
    for name in names:
        with open(os.path.join(corpus, name + ".expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        errs = compare(exp, oracle.read(os.path.join(corpus, name)))
        skipped = len(exp.get("oracleExceptions", []))
        print(f"{'ok  ' if not errs else 'FAIL'} {name}" + (f"  ({skipped} oracle exception(s))" if skipped else ""))
        for e in errs:
            print("     " + e)
        bad += bool(errs)
    print(f"{len(names) - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
