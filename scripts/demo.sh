#!/usr/bin/env bash
# The main job on a fresh machine: the standard template, a filled sample (seed 001,
# Đồng Tháp 2022), its validation and its budget. Files go to out/.
set -euo pipefail
cd "$(dirname "$0")/.."
CLI="node dist/cli/main.js"
mkdir -p out
$CLI template -o out/mau-ke-hoach-2026.xlsx --year 2026 --levels 2
$CLI sample -o out/ke-hoach-dong-thap-2022.xlsx
$CLI validate out/ke-hoach-dong-thap-2022.xlsx
$CLI budget out/ke-hoach-dong-thap-2022.xlsx
