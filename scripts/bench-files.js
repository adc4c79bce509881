/**
 * The benchmarks' submissions: N realistic files made from seed 001's units — district files
 * (10–30 agencies) and department and unit files (1–3) — each with its own names and area;
 * and one large plan of many agencies.
 */
const { writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { dongThapSubmissions } = require("../dist/samples/dongThapSubmissions");
const { dongThap2022Plan } = require("../dist/samples/dongThap2022");
const { buildWorkbook } = require("../dist/workbook/write");
const { writeXlsxSync } = require("../dist/adapters/xlsx/writeXlsx");
const { nodeZip } = require("../dist/cli/nodeZip");
const { standardTasks } = require("../dist/core/standardTasks");

/**
 * N submissions; `tasks`: each with a task table as units send it (the standard tasks of the plan's
 * year, their content as long as real plans' — ~8 KB of each file's records in the hidden store).
 */
function generate(dir, N, { tasks = false } = {}) {
  const table = tasks ? standardTasks(dongThapSubmissions()[0].plan.info.year) : [];
  // Realistic shapes: district files (10–30 agencies), department and unit files (1–3).
  const samples = dongThapSubmissions();
  const districts = samples.filter((s) => s.file.startsWith("xa-huyen"));
  const others = samples.filter((s) => !s.file.startsWith("xa-huyen"));
  const width = Math.max(4, String(N - 1).length);
  for (let i = 0; i < N; i++) {
    const src = i % 4 === 0 ? districts[i % districts.length] : others[i % others.length];
    const tag = String(i).padStart(width, "0");
    const plan = {
      ...src.plan,
      ...(tasks ? { tasks: table.map((t) => (t.content ? { ...t, content: `${t.content} — ${t.content.toLowerCase()} tại đơn vị ${tag}; ${t.content.toLowerCase()} theo kế hoạch`, result: `${t.result} (${tag})` } : t)) } : {}),
      info: { ...src.plan.info, issuer: `${src.plan.info.issuer} ${tag}`, area: `${src.plan.info.area} ${tag}` },
      agencies: src.plan.agencies.flatMap((a) => (i % 4 === 0 ? [a, { ...a, name: `${a.name} B` }] : [a])).map((a) => ({ ...a, name: `${a.name} ${tag}` })),
    };
    writeFileSync(join(dir, `nop-${tag}.xlsx`), writeXlsxSync(buildWorkbook(plan, { spareAgencyRows: 10 }), { codec: nodeZip }));
  }
}

/** One plan of `count` agencies (seed 001's, renamed and repeated), as .xlsx bytes. */
function bigPlan(count) {
  const seed = dongThap2022Plan();
  const agencies = Array.from({ length: count }, (_, i) => {
    const a = seed.agencies[i % seed.agencies.length];
    return { ...a, name: `${a.name} ${String(i).padStart(5, "0")}` };
  });
  return writeXlsxSync(buildWorkbook({ ...seed, agencies }), { codec: nodeZip });
}

module.exports = { generate, bigPlan };
