#!/usr/bin/env bash
# The main job on a fresh machine: the 42 workbooks that seed 001's departments,
# attached units and districts send (Đồng Tháp 2022), merged into the provincial
# appendix — 150 agencies, 2.620 triệu đồng — in the official order of the expected list
# (seed 001's own Phụ lục 1, as last year's consolidated list would be), with who has sent;
# plus the standard template. Files go to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI="node dist/cli/main.js"
rm -rf out/nop
mkdir -p out
$CLI template -o out/mau-ke-hoach-2026.xlsx --year 2026 --levels 2 --force
$CLI sample -o out/danh-sach-du-kien.xlsx --force
$CLI sample-submissions -o out/nop
$CLI status out/nop --expected out/danh-sach-du-kien.xlsx
$CLI merge out/nop -o out/tong-hop-dong-thap-2022.xlsx --expected out/danh-sach-du-kien.xlsx
$CLI budget out/tong-hop-dong-thap-2022.xlsx
