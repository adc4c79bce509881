/**
 * The benchmarks' submissions: N realistic files made from seed 001's units — district files
 * (10–30 agencies) and department and unit files (1–3) — each with its own names and area.
 */
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { dongThapSubmissions } = require("../dist/samples/dongThapSubmissions");
const { buildWorkbook } = require("../dist/workbook/write");
const { writeXlsx } = require("../dist/adapters/xlsx/writeXlsx");

async function generate(dir, N) {
  // Realistic shapes: district files (10–30 agencies), department and unit files (1–3).
  const samples = dongThapSubmissions();
  const districts = samples.filter((s) => s.file.startsWith("xa-huyen"));
  const others = samples.filter((s) => !s.file.startsWith("xa-huyen"));
  for (let i = 0; i < N; i++) {
    const src = i % 4 === 0 ? districts[i % districts.length] : others[i % others.length];
    const tag = `${String(i).padStart(4, "0")}`;
    const plan = {
      ...src.plan,
      info: { ...src.plan.info, issuer: `${src.plan.info.issuer} ${tag}`, area: `${src.plan.info.area} ${tag}` },
      agencies: src.plan.agencies.flatMap((a) => (i % 4 === 0 ? [a, { ...a, name: `${a.name} B` }] : [a])).map((a) => ({ ...a, name: `${a.name} ${tag}` })),
    };
    writeFileSync(join(dir, `nop-${tag}.xlsx`), await writeXlsx(buildWorkbook(plan, { spareAgencyRows: 10 })));
  }
}

module.exports = { generate };
