#!/usr/bin/env node
/**
 * XML benchmark (not a test): the XML parts of N generated submissions (--n, default 1000),
 * decoded once, then parsed by saxes (through ./xml's wrapper) and by ./xmlScan, in turn, three
 * rounds each (--rounds), with the same counting handler; prints the fastest round of each side
 * by side. Why ./xmlScan exists: see its header.
 * Usage: npm run build:cli && node scripts/bench-xml.js [--n 1000] [--rounds 3] [--dir DIR]
 */
const { mkdtempSync, readdirSync, readFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { parseArgs } = require("node:util");
const { generate } = require("./bench-files");
const dist = join(__dirname, "..", "dist");
const { openZip, readEntry } = require(join(dist, "adapters", "xlsx", "zip.js"));
const { nodeZip } = require(join(dist, "cli", "nodeZip.js"));
const { decodePart, saxesParse } = require(join(dist, "adapters", "xlsx", "xml.js"));
const { scannable, scanXml } = require(join(dist, "adapters", "xlsx", "xmlScan.js"));

const { values: opts } = parseArgs({ options: { n: { type: "string", default: "1000" }, rounds: { type: "string", default: "3" }, dir: { type: "string" } } });
const N = Number(opts.n);
const root = opts.dir ? null : mkdtempSync(join(tmpdir(), "kh-bench-xml-"));
const dir = opts.dir ?? join(root, "files");
if (!opts.dir) generate(dir, N);

const parts = [];
for (const f of readdirSync(dir).sort().slice(0, N)) {
  const zip = openZip(new Uint8Array(readFileSync(join(dir, f))));
  for (const [name, e] of zip.entries) if (/\.(xml|rels)$/.test(name)) parts.push(decodePart(readEntry(zip, e, nodeZip, 1 << 30), name));
}
const chars = parts.reduce((a, t) => a + t.length, 0);

// Events as a handler sees them: text outside the root is left out (saxes reports the line break
// after the declaration, which no handler reads).
let events = 0;
let depth = 0;
const h = {
  open: () => (events++, depth++),
  text: (t) => (events += depth > 0 && t.length > 0 ? 1 : 0),
  close: () => (events++, depth--),
};
const engines = {
  saxes: (t) => saxesParse(t, "p", h),
  xmlScan: (t) => {
    const start = scannable(t);
    if (start < 0) saxesParse(t, "p", h);
    else scanXml(t, start, h);
  },
};
const best = { saxes: Infinity, xmlScan: Infinity };
const counts = {};
for (let r = 0; r < Number(opts.rounds); r++)
  for (const [name, run] of Object.entries(engines)) {
    events = 0;
    const t = performance.now();
    for (const p of parts) run(p);
    best[name] = Math.min(best[name], performance.now() - t);
    counts[name] = events;
  }
const scanned = parts.filter((t) => scannable(t) >= 0).length;
console.log(`${parts.length.toLocaleString("vi-VN")} phần XML (${(chars / 1e6).toLocaleString("vi-VN")} triệu ký tự) của ${N.toLocaleString("vi-VN")} tệp; xmlScan nhận ${scanned.toLocaleString("vi-VN")} phần`);
for (const [name, ms] of Object.entries(best)) console.log(`${name.padEnd(8)} ${ms.toFixed(0).padStart(6)} ms   ${(chars / ms / 1000).toFixed(0)} triệu ký tự/s   ${counts[name]} sự kiện`);
console.log(`saxes / xmlScan: ${(best.saxes / best.xmlScan).toFixed(2)}×`);
if (counts.saxes !== counts.xmlScan) { console.error("số sự kiện khác nhau!"); process.exitCode = 1; }
if (root) rmSync(root, { recursive: true, force: true });
