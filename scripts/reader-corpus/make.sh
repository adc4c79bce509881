#!/usr/bin/env bash
# Regenerate the spreadsheet-reader corpus under test/readers/corpus/.
#
#   bash scripts/reader-corpus/make.sh          # write fixtures + expected JSON, then check
#
# Needs: /usr/bin/python3 with openpyxl, LibreOffice (soffice), Gnumeric (ssconvert),
# Node 20 with node_modules/exceljs and node_modules/@e965/xlsx.
# See test/readers/corpus/README.md for what each fixture exercises.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/test/readers/corpus"
PY=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
start=$(date +%s)

# Old fixtures go first, so a fixture that is no longer made does not linger.
find "$OUT" -maxdepth 1 -type f \( -name '*.xlsx' -o -name '*.xlsm' -o -name '*.xls' -o -name '*.ods' -o -name '*.expected.json' \) -delete

cd "$HERE"
"$PY" spec.py > "$TMP/spec.json"

echo "== openpyxl"
"$PY" gen_openpyxl.py "$OUT/openpyxl-basic.xlsx"
"$PY" gen_openpyxl.py "$OUT/openpyxl-1904.xlsx" --1904

# LibreOffice names its output after the input, so give the input the wanted name.
lo_convert() { # FILTER OUTDIR INPUT...
  local filter="$1" outdir="$2"
  shift 2
  HOME="$TMP/lo-home" soffice --headless --norestore \
    -env:UserInstallation="file://$TMP/lo-prof-$$" \
    --convert-to "$filter" --outdir "$outdir" "$@" >"$TMP/lo.log" 2>&1 || { cat "$TMP/lo.log"; exit 1; }
}
echo "== LibreOffice"
mkdir -p "$TMP/lo-in" "$TMP/lo-out" "$TMP/lo-home"
cp "$OUT/openpyxl-basic.xlsx" "$TMP/lo-in/lo-basic.xlsx"
cp "$OUT/openpyxl-1904.xlsx" "$TMP/lo-in/lo-1904.xlsx"
lo_convert 'xlsx:Calc MS Excel 2007 XML' "$TMP/lo-out" "$TMP/lo-in/lo-basic.xlsx" "$TMP/lo-in/lo-1904.xlsx"
lo_convert 'xls:MS Excel 97' "$TMP/lo-out" "$TMP/lo-in/lo-basic.xlsx" "$TMP/lo-in/lo-1904.xlsx"
lo_convert 'ods' "$TMP/lo-out" "$TMP/lo-in/lo-basic.xlsx"
cp "$TMP"/lo-out/lo-basic.{xlsx,xls,ods} "$TMP"/lo-out/lo-1904.{xlsx,xls} "$OUT/"

echo "== Gnumeric ssconvert"
ssconvert "$OUT/openpyxl-basic.xlsx" "$OUT/gnumeric-basic.xlsx" >"$TMP/gn.log" 2>&1 || { cat "$TMP/gn.log"; exit 1; }
ssconvert "$OUT/openpyxl-basic.xlsx" "$OUT/gnumeric-basic.xls" >>"$TMP/gn.log" 2>&1 || { cat "$TMP/gn.log"; exit 1; }

echo "== ExcelJS"
node gen_exceljs.js "$TMP/spec.json" "$OUT/exceljs-basic.xlsx"

echo "== SheetJS"
node gen_sheetjs.js "$TMP/spec.json" "$OUT/sheetjs-basic.xlsx" "$OUT/sheetjs-basic.ods" "$OUT/sheetjs-basic.xls" 2>"$TMP/sheetjs.log" || { cat "$TMP/sheetjs.log"; exit 1; }

echo "== hand-edited XML/ZIP variants"
"$PY" variants.py "$OUT"

echo "== expected answers"
"$PY" expected.py "$OUT"

echo "== oracle agreement (openpyxl reads every xlsx/xlsm fixture)"
"$PY" check.py "$OUT"

echo "== second opinion on xls/ods (LibreOffice converts, openpyxl reads)"
"$PY" crosscheck.py "$OUT"

n=$(find "$OUT" -maxdepth 1 -type f \( -name '*.xlsx' -o -name '*.xlsm' -o -name '*.xls' -o -name '*.ods' \) | wc -l)
total=$(du -cb "$OUT" | tail -1 | cut -f1)
echo "done in $(( $(date +%s) - start )) s: $n fixtures; corpus folder $total bytes"
