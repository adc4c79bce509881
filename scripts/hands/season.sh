#!/usr/bin/env bash
# Regenerate test/hands/season/: season.py writes each workbook with openpyxl, LibreOffice
# re-saves it (as a province receives it), then every agency the expected answers point to
# is checked in the re-saved file.  officer_edits.py is NOT run here (tests call it).
# Usage: bash scripts/hands/season.sh        (needs /usr/bin/python3 with openpyxl, soffice)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$root/test/hands/season"
py=/usr/bin/python3
export PYTHONDONTWRITEBYTECODE=1
start=$(date +%s)

stage="$(mktemp -d /tmp/season-stage.XXXXXX)"
lohome="$(mktemp -d /tmp/season-home.XXXXXX)"
trap 'rm -rf "$stage" "$lohome"' EXIT

# shellcheck source=common.sh
. "$here/common.sh"
clean_generated "$here/season-generated.txt" "$out"

"$py" "$here/season.py" build "$stage"

# one LibreOffice call per folder (files of one folder never share a name)
n=0
while IFS= read -r -d '' dir; do
  rel="${dir#"$stage/raw"}"
  rel="${rel#/}"
  files=()
  while IFS= read -r -d '' f; do files+=("$f"); done < <(find "$dir" -maxdepth 1 -name '*.xlsx' -type f -print0 | sort -z)
  [ ${#files[@]} -eq 0 ] && continue
  mkdir -p "$out/$rel"
  HOME="$lohome" soffice --headless --norestore "-env:UserInstallation=file://$lohome/lo" \
    --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$out/$rel" "${files[@]}" >/dev/null 2>&1
  n=$((n + ${#files[@]}))
done < <(find "$stage/raw" -type d -print0)
echo "LibreOffice re-saved $n workbooks"

"$py" "$here/season.py" fixzip "$stage"
"$py" "$here/season.py" verify "$stage"
echo "season.sh took $(( $(date +%s) - start )) s"
