#!/usr/bin/env node
/**
 * Merge benchmark (not a test). Generates N realistic submissions (--n, default 1000; several
 * sizes: --n 1000,10000), then prints, in one run and side by side for each N:
 *  - the floor: reading every file's bytes, inflating every part and decoding it as text
 *    (one thread) — what any reader of these files must at least pay;
 *  - the merge (`kehoach-iso merge`, read + merge + write the consolidated workbook) with
 *    1 and with 2 read workers, each in a process of its own so its peak memory is its own;
 *  - the bare exceljs load of the same files (one thread; at N above --exceljs-max, default
 *    2000, measured on the first --exceljs-max files and scaled, as printed);
 *  - pandas.read_excel of PL1 when Debian's python3-pandas is present (same sampling);
 * with the ratios the targets are stated in; then what this machine gives a second core for
 * this work (the same read loop in one process, and in two at once). Also --plan 50000: one
 * plan of that many agencies, validated and merged three times in turn (the fastest time, all three, the highest peak).
 * Also --national 10000: that many files with their task tables merged, 5 more merged into the result
 * with --into, the result validated (times, peaks, how many sheets the hidden store takes).
 * Usage: npm run bench [-- --n 1000,10000] [-- --plan 50000] [-- --national 10000]
 */
const { mkdtempSync, readFileSync, existsSync, rmSync, writeFileSync, mkdirSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { execFileSync, spawnSync } = require("node:child_process");
const { parseArgs } = require("node:util");
const { generate, bigPlan } = require("./bench-files");

const { values: opts } = parseArgs({
  options: {
    n: { type: "string", default: "1000" },
    plan: { type: "string" },
    national: { type: "string" },
    "exceljs-max": { type: "string", default: "2000" },
    keep: { type: "boolean", default: false },
  },
});
const SIZES = opts.n.split(",").map(Number).filter((n) => n > 0);
const EXCELJS_MAX = Number(opts["exceljs-max"]);
const CLI = join(__dirname, "..", "dist", "cli", "main.js");

const s = (ms) => (ms / 1000).toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + " s";
const mb = (kb) => Math.round(kb / 1024).toLocaleString("vi-VN") + " MB";
const x = (r) => r.toLocaleString("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }) + "×";

/** Run a measured step in a child process of its own: wall time and the child's own peak RSS. */
function child(code, args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["-e", code, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`bước đo lỗi: ${r.stderr || r.stdout}`);
  const out = JSON.parse(r.stdout.trim().split("\n").pop());
  return { ms, ...out };
}

const FLOOR = `
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { openZip, readEntry } = require(${JSON.stringify(join(__dirname, "..", "dist", "adapters", "xlsx", "zip.js"))});
const { nodeZip } = require(${JSON.stringify(join(__dirname, "..", "dist", "cli", "nodeZip.js"))});
const dir = process.argv[1];
const t = performance.now();
let chars = 0;
const decoder = new TextDecoder();
for (const f of readdirSync(dir)) {
  const zip = openZip(new Uint8Array(readFileSync(join(dir, f))));
  for (const e of zip.entries.values()) chars += decoder.decode(readEntry(zip, e, nodeZip, 1 << 30)).length;
}
console.log(JSON.stringify({ inner: performance.now() - t, chars, rss: process.resourceUsage().maxRSS }));
`;

const MERGE = `
const { mergeFiles } = require(${JSON.stringify(join(__dirname, "..", "dist", "cli", "merge.js"))});
const [dir, out, jobs] = process.argv.slice(1);
const t = performance.now();
mergeFiles({ inputs: [dir], out, jobs: Number(jobs) }, () => {}).then((o) => {
  console.log(JSON.stringify({ inner: performance.now() - t, agencies: o.result.plan.agencies.length, files: o.result.files.length, rss: process.resourceUsage().maxRSS }));
});
`;

const EXCELJS = `
const ExcelJS = require("exceljs");
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const [dir, max] = process.argv.slice(1);
const files = readdirSync(dir).sort().slice(0, Number(max));
(async () => {
  const t = performance.now();
  for (const f of files) await new ExcelJS.Workbook().xlsx.load(readFileSync(join(dir, f)));
  console.log(JSON.stringify({ inner: performance.now() - t, files: files.length, rss: process.resourceUsage().maxRSS }));
})();
`;

/** The same reading loop (in one thread, no workers), in one process and in two at once: what the machine gives a second core for this work. */
const READ_LOOP = `
const { readdirSync, readFileSync } = require("node:fs");
const { join } = require("node:path");
const { readSubmission } = require(${JSON.stringify(join(__dirname, "..", "dist", "adapters", "xlsx", "readSubmission.js"))});
const { nodeZip } = require(${JSON.stringify(join(__dirname, "..", "dist", "cli", "nodeZip.js"))});
const [dir, max] = process.argv.slice(1);
const files = readdirSync(dir).sort().slice(0, Number(max));
(async () => {
  const t = performance.now();
  for (const f of files) await readSubmission(f, 0, new Uint8Array(readFileSync(join(dir, f))), {}, { codec: nodeZip });
  console.log(JSON.stringify({ inner: performance.now() - t, rss: process.resourceUsage().maxRSS }));
})();
`;

function secondCore(dir) {
  const args = ["-e", READ_LOOP, dir, "500"];
  const alone = child(READ_LOOP, [dir, "500"]).inner;
  const { spawn } = require("node:child_process");
  const run = () =>
    new Promise((resolve, reject) => {
      const p = spawn(process.execPath, args);
      let out = "";
      p.stdout.on("data", (d) => (out += d));
      p.on("close", (code) => (code === 0 ? resolve(JSON.parse(out.trim()).inner) : reject(new Error("vòng đọc lỗi"))));
    });
  return Promise.all([run(), run()]).then((both) => ({ alone, together: Math.max(...both) }));
}

function pandas(dir, max) {
  const py = "/usr/bin/python3";
  if (!existsSync(py)) return null;
  try {
    execFileSync(py, ["-c", "import pandas, openpyxl"], { stdio: "ignore" });
  } catch {
    return null;
  }
  const script = `import glob,time,pandas as pd\nfs=sorted(glob.glob(${JSON.stringify(join(dir, "*.xlsx"))}))[:${max}]\nt=time.perf_counter()\nfor f in fs: pd.read_excel(f, sheet_name="PL1 Danh sách cơ quan", header=4)\nprint(time.perf_counter()-t, len(fs))`;
  const [sec, n] = execFileSync(py, ["-c", script]).toString().trim().split(" ").map(Number);
  return { ms: sec * 1000, files: n };
}

function row(label, ...cells) {
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}

function benchFiles(root, N) {
  const dir = join(root, `n${N}`);
  mkdirSync(dir);
  console.log(`\nTạo ${N.toLocaleString("vi-VN")} tệp nộp mẫu trong ${dir} …`);
  const g = performance.now();
  generate(dir, N);
  console.log(`  xong trong ${s(performance.now() - g)}`);
  const floor = child(FLOOR, [dir]);
  const one = child(MERGE, [dir, join(root, `out-${N}-1.xlsx`), "1"]);
  const two = child(MERGE, [dir, join(root, `out-${N}-2.xlsx`), "2"]);
  const sample = Math.min(N, EXCELJS_MAX);
  const exc = child(EXCELJS, [dir, String(sample)]);
  const excMs = exc.inner * (N / exc.files);
  const pd = pandas(dir, sample);
  return { N, dir, agencies: two.agencies, floor, one, two, excMs, excSampled: exc.files < N, pd: pd && { ms: pd.ms * (N / pd.files), sampled: pd.files < N } };
}

function printCores(c) {
  console.log(`\nMáy này cho lõi thứ hai bao nhiêu (cùng vòng đọc 500 tệp, không worker): một tiến trình ${s(c.alone)}; hai tiến trình cùng lúc ${s(c.together)} mỗi tiến trình — hai lõi đọc được ${x((2 * c.alone) / c.together)} so với một (2× là lý tưởng; mục tiêu 2 luồng ≥ 1,5× không thể vượt con số này).`);
}

function printFiles(results) {
  console.log("\n## Tổng hợp N tệp (mỗi bước một tiến trình riêng; thời gian tính cả khởi động)\n");
  row("", ...results.map((r) => `${r.N.toLocaleString("vi-VN")} tệp (${r.agencies.toLocaleString("vi-VN")} cơ quan)`));
  row("---", ...results.map(() => "---"));
  row("đọc + giải nén + giải mã (sàn, 1 luồng)", ...results.map((r) => s(r.floor.inner)));
  row("tổng hợp, 1 luồng đọc", ...results.map((r) => s(r.one.ms)));
  row("tổng hợp, 2 luồng đọc", ...results.map((r) => s(r.two.ms)));
  row("2 luồng nhanh hơn 1 luồng (mục tiêu ≥ 1,5×)", ...results.map((r) => x(r.one.ms / r.two.ms)));
  row("tổng hợp / sàn (mục tiêu ≤ 5×)", ...results.map((r) => x(r.two.ms / r.floor.inner)));
  row("chỉ nạp bằng exceljs, 1 luồng", ...results.map((r) => s(r.excMs) + (r.excSampled ? ` (đo ${EXCELJS_MAX.toLocaleString("vi-VN")} tệp, nhân tỷ lệ)` : "")));
  row("tổng hợp / exceljs (mục tiêu ≤ 0,5×)", ...results.map((r) => x(r.two.ms / r.excMs)));
  row("pandas.read_excel PL1", ...results.map((r) => (r.pd ? s(r.pd.ms) + (r.pd.sampled ? " (mẫu, nhân tỷ lệ)" : "") : "không có python3-pandas")));
  row("bộ nhớ đỉnh tổng hợp, 1 luồng (RSS cả tiến trình)", ...results.map((r) => mb(r.one.rss)));
  row("bộ nhớ đỉnh tổng hợp, 2 luồng", ...results.map((r) => mb(r.two.rss)));
  if (results.length > 1) {
    const base = results[0];
    for (const r of results.slice(1)) {
      console.log(`\nBộ nhớ đỉnh ${r.N.toLocaleString("vi-VN")} tệp / ${base.N.toLocaleString("vi-VN")} tệp (2 luồng): ${x(r.two.rss / base.two.rss)} (mục tiêu ≤ 1,3×)`);
      // The ratio falls when the fixed part grows (the read workers' heaps): what each file adds is said too.
      const perThousand = ((r.two.rss - base.two.rss) / ((r.N - base.N) / 1000));
      console.log(`Mỗi 1.000 tệp thêm ${mb(perThousand)} bộ nhớ đỉnh (2 luồng; đỉnh ở ${base.N.toLocaleString("vi-VN")} tệp: ${mb(base.two.rss)}).`);
    }
  }
}

const PLAN_RUNS = 3;

/** The command line as a user runs it, timed; a preloaded hook reports the process's own peak RSS on exit. */
function cliRunner(dir) {
  const hook = join(dir, "rss-hook.js");
  const rssFile = join(dir, "rss.txt");
  writeFileSync(hook, `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));`);
  return (args) => {
    const t = performance.now();
    const r = spawnSync(process.execPath, ["-r", hook, CLI, ...args], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const ms = performance.now() - t;
    if (r.status !== 0 && r.status !== 1) throw new Error(`kehoach-iso ${args[0]} lỗi: ${r.stderr.slice(-2000)}`);
    return { ms, rssKb: Number(readFileSync(rssFile, "utf8")) };
  };
}

function benchPlan(root, agencies) {
  const dir = join(root, `plan${agencies}`);
  mkdirSync(dir);
  const file = join(dir, "ke-hoach-lon.xlsx");
  writeFileSync(file, bigPlan(agencies));
  const run = cliRunner(dir);
  // A few seconds each on a shared machine whose speed swings ±30 %: three runs each, taken in turn,
  // the fastest shown with all three beside it, and the highest peak of the three.
  const runs = { validate: [], merge: [] };
  for (let i = 0; i < PLAN_RUNS; i++) {
    runs.validate.push(run(["validate", file]));
    // A new -o each time: every run alike (none first checks and replaces an earlier output).
    runs.merge.push(run(["merge", file, "-o", join(root, `plan-out-${i}.xlsx`)]));
  }
  const shown = (list) => [
    `${s(Math.min(...list.map((r) => r.ms)))} (${list.map((r) => s(r.ms)).join(" · ")})`,
    mb(Math.max(...list.map((r) => r.rssKb))),
  ];
  console.log(`\n## Một kế hoạch ${agencies.toLocaleString("vi-VN")} cơ quan (cả khởi động dòng lệnh; ${PLAN_RUNS} lần xen kẽ)\n`);
  row("", "thời gian nhanh nhất (cả các lần)", "bộ nhớ đỉnh cao nhất");
  row("---", "---", "---");
  row("validate (mục tiêu ≤ 2 s)", ...shown(runs.validate));
  row("merge (mục tiêu ≤ 5 s, ≤ 400 MB)", ...shown(runs.merge));
}

/**
 * The national case (--national N): N files with their task tables merged into one workbook, then
 * 5 more merged into it with --into (its hidden store read again), then that workbook validated.
 */
function benchNational(root, N) {
  const dir = join(root, `national${N}`);
  const more = join(root, "national-more");
  mkdirSync(dir);
  mkdirSync(more);
  console.log(`\nTạo ${N.toLocaleString("vi-VN")} tệp nộp có bảng nhiệm vụ trong ${dir} …`);
  generate(dir, N, { tasks: true });
  generate(more, 5, { tasks: true });
  const run = cliRunner(root);
  const out = join(root, "national.xlsx");
  const merged = run(["merge", dir, "-o", out, "--jobs", "2"]);
  const bytes = new Uint8Array(readFileSync(out));
  const { openZip } = require(join(__dirname, "..", "dist", "adapters", "xlsx", "zip.js"));
  const { sheetNames } = require(join(__dirname, "..", "dist", "adapters", "xlsx", "openWorkbook.js"));
  const { nodeZip } = require(join(__dirname, "..", "dist", "cli", "nodeZip.js"));
  const stores = sheetNames(bytes, { codec: nodeZip }).filter((n) => n.startsWith("Dữ liệu nguồn"));
  const largest = Math.max(...[...openZip(bytes).entries.values()].map((e) => e.size));
  const into = run(["merge", more, "-o", join(root, "national-2.xlsx"), "--into", out]);
  const validate = run(["validate", out]);
  console.log(`\n## Cả nước: ${N.toLocaleString("vi-VN")} tệp có bảng nhiệm vụ (cả khởi động dòng lệnh)\n`);
  row("", "thời gian", "bộ nhớ đỉnh");
  row("---", "---", "---");
  row(`merge ${N.toLocaleString("vi-VN")} tệp, 2 luồng`, s(merged.ms), mb(merged.rssKb));
  row("merge 5 tệp mới --into bản tổng hợp đó", s(into.ms), mb(into.rssKb));
  row("validate bản tổng hợp đó", s(validate.ms), mb(validate.rssKb));
  console.log(`\nBản tổng hợp ${mb(bytes.length / 1024)}; dữ liệu nguồn trong ${stores.length} trang ẩn; phần XML lớn nhất ${mb(largest / 1024)} (giới hạn đọc một phần 50 MB).`);
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), "kh-bench-"));
  try {
    // --n 0: none (only --plan or --national).
    if (SIZES.length > 0) {
      const results = SIZES.map((N) => benchFiles(root, N));
      printFiles(results);
      printCores(await secondCore(results[0].dir));
    }
    if (opts.plan) benchPlan(root, Number(opts.plan));
    if (opts.national) benchNational(root, Number(opts.national));
  } finally {
    if (opts.keep) console.log(`\nCác tệp giữ lại ở ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

void main();
