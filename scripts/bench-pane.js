#!/usr/bin/env node
/**
 * Task pane benchmark (not a test): N generated submissions (default 1000) merged by the command
 * line and, in the same run, by the task pane in Chromium (browser mode, the built dist/web), side
 * by side: the pane's time to read and merge them against the CLI's, and the longest task on the
 * page's main thread while it does (Long Tasks API). Targets (#11): pane ≤ 2× CLI, no task > 200 ms.
 * Usage: npm run build && node scripts/bench-pane.js [N]
 */
const { mkdtempSync, readdirSync, readFileSync, existsSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join, extname, normalize } = require("node:path");
const { createServer } = require("node:http");
const { execFileSync } = require("node:child_process");
const { chromium } = require("playwright-core");
const { generate } = require("./bench-files");

const N = Number(process.argv[2] ?? 1000);
const WEB = join(__dirname, "..", "dist", "web");
const seconds = (ms) => (ms / 1000).toFixed(2) + " s";

async function pane(dir) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    const file = join(WEB, path === "/" ? "taskpane.html" : path);
    if (!file.startsWith(WEB) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": extname(file) === ".html" ? "text/html; charset=utf-8" : "text/javascript" }).end(readFileSync(file));
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
    await page.addInitScript(() => {
      window.__tasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__tasks.push([e.startTime, e.duration]);
      }).observe({ type: "longtask", buffered: true });
      // When the browser hands the chosen files to the page: building the file list of 1.000 files
      // is the browser's own work, in the task that ends with this event.
      document.addEventListener("change", () => (window.__handed ??= performance.now()), true);
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/taskpane.html?flow=merge`);
    await page.getByRole("tab", { name: "Tổng hợp" }).waitFor();
    const files = readdirSync(dir).map((f) => join(dir, f));
    // The page's own loading (parsing the bundle) is counted apart: from here, only reading and merging.
    await new Promise((r) => setTimeout(r, 500));
    const loading = await page.evaluate(() => Math.max(0, ...window.__tasks.map(([, d]) => d)));
    await page.evaluate(() => (window.__tasks = []));
    const t0 = performance.now();
    await page.getByLabel("Chọn các tệp gửi đến (.xlsx, .xls, .ods)").setInputFiles(files);
    await page.getByText(`${N}/${N} tệp đã đọc`).waitFor({ timeout: 600_000 });
    const read = performance.now() - t0;
    const [download] = await Promise.all([
      page.waitForEvent("download", { timeout: 600_000 }),
      page.getByRole("button", { name: "Tổng hợp và tải xuống (.xlsx)" }).click(),
    ]);
    await download.path();
    const total = performance.now() - t0;
    const { longest, handover } = await page.evaluate(() => {
      const tasks = window.__tasks;
      const at = window.__handed;
      return {
        longest: Math.max(0, ...tasks.filter(([s]) => s >= at).map(([, d]) => d)),
        handover: Math.max(0, ...tasks.filter(([s, d]) => s < at && s + d >= at).map(([, d]) => d)),
      };
    });
    const lanes = await page.evaluate(() => Math.max(2, Math.min(4, navigator.hardwareConcurrency ?? 2)));
    return { read, total, longest, handover, loading, lanes };
  } finally {
    await browser.close();
    server.close();
  }
}

(async () => {
  if (!existsSync(join(WEB, "taskpane.html"))) throw new Error("dist/web chưa được build: chạy npm run build");
  const dir = mkdtempSync(join(tmpdir(), "kh-bench-pane-"));
  try {
    console.log(`Tạo ${N} tệp nộp mẫu …`);
    await generate(dir, N);
    const c0 = performance.now();
    execFileSync(process.execPath, [join(__dirname, "..", "dist", "cli", "main.js"), "merge", dir, "-o", join(dir, "..", "bench-pane-cli.xlsx")], { stdio: "ignore" });
    const cli = performance.now() - c0;
    const p = await pane(dir);
    console.log("");
    console.log(`Tệp: ${N}; máy: ${require("node:os").cpus().length} lõi; ngăn tác vụ đọc ${p.lanes} tệp một lúc`);
    console.log(`Dòng lệnh (kehoach-iso merge, cả khởi động):     ${seconds(cli)}`);
    console.log(`Ngăn tác vụ, đọc xong mọi tệp:                    ${seconds(p.read)}`);
    console.log(`Ngăn tác vụ, đọc + tổng hợp + tải xuống:          ${seconds(p.total)} — ${(p.total / cli).toFixed(2)}× dòng lệnh (mục tiêu ≤ 2×)`);
    console.log(`Việc dài nhất trên luồng chính khi đọc và gộp:    ${p.longest.toFixed(0)} ms (mục tiêu ≤ 200 ms)`);
    console.log(`  trình duyệt dựng danh sách ${N} tệp được chọn:     ${p.handover.toFixed(0)} ms (việc của trình duyệt, trước khi trang nhận tệp)`);
    console.log(`  khi tải trang, trước khi chọn tệp:              ${p.loading.toFixed(0)} ms`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
