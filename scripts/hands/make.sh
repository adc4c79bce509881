#!/usr/bin/env bash
# Regenerate test/hands/: openpyxl writes each workbook, LibreOffice re-saves it
# (xlsx, or xls / ods for the cases that arrive in those formats), then every
# expected cell is checked in the re-saved file.
# Usage: bash scripts/hands/make.sh        (needs /usr/bin/python3 with openpyxl, soffice)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/test/hands"
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
start=$(date +%s)

stage="$(mktemp -d /tmp/hands-stage.XXXXXX)"
lohome="$(mktemp -d /tmp/hands-home.XXXXXX)"
trap 'rm -rf "$stage" "$lohome"' EXIT

# shellcheck source=common.sh
. "$here/common.sh"
clean_generated "$here/generated.txt" "$out"

"$py" "$here/make.py" build "$stage"

filter_for() {
  case "$1" in
    xlsx) echo 'xlsx:Calc MS Excel 2007 XML' ;;
    xls)  echo 'xls:MS Excel 97' ;;
    ods)  echo 'ods:calc8' ;;
  esac
}

# one LibreOffice call per (format, folder): files of one folder never share a name
n=0
for fmtdir in "$stage"/raw/*/; do
  fmt="$(basename "$fmtdir")"
  while IFS= read -r -d '' dir; do
    rel="${dir#"$fmtdir"}"
    files=()
    while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -maxdepth 1 -name '*.xlsx' -type f -print0 | sort -z)
    [ ${#files[@]} -eq 0 ] && continue
    mkdir -p "$out/$rel"
    HOME="$lohome" soffice --headless --norestore "-env:UserInstallation=file://$lohome/lo" \
      --convert-to "$(filter_for "$fmt")" --outdir "$out/$rel" "${files[@]}" >/dev/null 2>&1
    n=$((n + ${#files[@]}))
  done < <(find "$fmtdir" -type d -print0)
done
echo "LibreOffice re-saved $n workbooks"

"$py" "$here/make.py" fixzip "$stage"
"$py" "$here/make.py" verify "$stage"
echo "make.sh took $(( $(date +%s) - start )) s"
