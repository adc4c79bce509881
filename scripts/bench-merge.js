#!/usr/bin/env node
/**
 * Merge benchmark (not a test): generates N realistic submissions (default 1000),
 * then prints in one run: merge time, time per file, peak memory, the ratio of merge
 * time to the bare single-threaded exceljs load of the same files, and — when Debian's
 * python3-pandas is present — a plain pandas read of the same files.
 * Usage: npm run build:cli && node scripts/bench-merge.js [N]
 */
const { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { execFileSync } = require("node:child_process");
const ExcelJS = require("exceljs");
const { generate } = require("./bench-files");
const { mergeFiles } = require("../dist/cli/merge");

const N = Number(process.argv[2] ?? 1000);
const seconds = (ms) => (ms / 1000).toFixed(2) + " s";

async function bareLoad(dir) {
  const start = performance.now();
  for (const f of readdirSync(dir)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, f)));
  }
  return performance.now() - start;
}

function pandasRead(dir) {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) return null;
  try {
    execFileSync(py, ["-c", "import pandas, openpyxl"], { stdio: "ignore" });
  } catch {
    return null;
  }
  const script = `import glob,time,pandas as pd\nt=time.perf_counter()\nfor f in sorted(glob.glob(${JSON.stringify(join(dir, "*.xlsx"))})): pd.read_excel(f, sheet_name=None)\nprint(time.perf_counter()-t)`;
  return Number(execFileSync(py, ["-c", script]).toString().trim()) * 1000;
}

(async () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-bench-"));
  try {
    console.log(`Tạo ${N} tệp nộp mẫu trong ${dir} …`);
    const g0 = performance.now();
    await generate(dir, N);
    console.log(`  xong trong ${seconds(performance.now() - g0)}`);

    const bare = await bareLoad(dir);
    const m0 = performance.now();
    const outcome = await mergeFiles({ inputs: [dir], out: join(dir, "..", "bench-out.xlsx") }, () => {});
    const merge = performance.now() - m0;
    const peak = process.resourceUsage().maxRSS / 1024;
    const pandas = pandasRead(dir);

    console.log("");
    console.log(`Tệp: ${N}; cơ quan sau tổng hợp: ${outcome.result.plan.agencies.length}; dòng đọc: ${outcome.result.totals.read}`);
    console.log(`Tổng hợp (đọc song song, gộp, ghi bản tổng hợp): ${seconds(merge)} — ${(merge / N).toFixed(1)} ms/tệp`);
    console.log(`Chỉ nạp bằng exceljs, một luồng:                 ${seconds(bare)} — tỷ lệ tổng hợp / nạp = ${(merge / bare).toFixed(2)}× (mục tiêu ≤ 1,0×)`);
    console.log(`Bộ nhớ đỉnh (RSS, cả các luồng đọc):              ${peak.toFixed(0)} MB (mục tiêu < 1.024 MB)`);
    if (pandas === null) console.log("pandas: không có python3-pandas (apt-get install python3-pandas python3-openpyxl) — bỏ qua");
    else console.log(`pandas.read_excel cùng các tệp:                  ${seconds(pandas)} — tổng hợp nhanh hơn ${(pandas / merge).toFixed(1)}× (mục tiêu ≥ 3×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();
