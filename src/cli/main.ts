#!/usr/bin/env node
/**
 * kehoach-iso — the command line.
 *   template -o FILE [--year N] [--levels 2|3] [--no-tasks]
 *   sample   -o FILE                       (the seed 001 plan, filled)
 *   validate FILE [--json]
 *   budget   FILE [--json]
 * Exit codes: 0 clean, 1 validation errors, 2 bad arguments or unreadable file.
 */
import { writeFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { computeBudget } from "../core/budget";
import { hasErrors, sortProblems } from "../core/problems";
import { dongThap2022Plan } from "../samples/dongThap2022";
import { dongThapSubmissions } from "../samples/dongThapSubmissions";
import { newPlan } from "../workbook/plan";
import { readPlan } from "../workbook/read";
import { buildWorkbook } from "../workbook/write";
import { SHEETS, TEMPLATE_AGENCY_ROWS } from "../workbook/layout";
import { writeXlsx } from "../adapters/xlsx/writeXlsx";
import { UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { openInWorker } from "./readFiles";
import { budgetJson, budgetText, problemLine, problemsSummary } from "./format";
import { mergeFiles, MergeFailure, mergeJson, mergeSummary } from "./merge";

export class UsageError extends Error {}

const USAGE = `Cách dùng:
  kehoach-iso template -o TỆP.xlsx [--year NĂM] [--levels 2|3] [--no-tasks]
  kehoach-iso sample -o TỆP.xlsx
  kehoach-iso sample-submissions -o THƯ_MỤC
  kehoach-iso validate TỆP.xlsx [--json]
  kehoach-iso budget TỆP.xlsx [--json]
  kehoach-iso merge TỆP_HOẶC_THƯ_MỤC... -o TỔNG_HỢP.xlsx [--into BẢN_TỔNG_HỢP_CŨ.xlsx] [--json] [--jobs N] [--year NĂM] [--levels 2|3]`;

interface Args {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(["-o", "--out", "--year", "--levels", "--into", "--jobs"]);
const BOOL_FLAGS = new Set(["--json", "--no-tasks"]);

export function parseArgs(argv: string[]): Args {
  const [command = "", ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (VALUE_FLAGS.has(a)) {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(`Thiếu giá trị sau ${a}.`);
      flags.set(a === "--out" ? "-o" : a, v);
    } else if (BOOL_FLAGS.has(a)) {
      flags.set(a, true);
    } else if (a.startsWith("-")) {
      throw new UsageError(`Không hiểu tuỳ chọn ${a}.`);
    } else {
      positional.push(a);
    }
  }
  return { command, positional, flags };
}

function intFlag(args: Args, flag: string, fallback: number, allowed?: number[]): number {
  const v = args.flags.get(flag);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || (allowed && !allowed.includes(n))) {
    throw new UsageError(`Giá trị ${flag} không hợp lệ: ${String(v)}${allowed ? ` (chọn ${allowed.join(" hoặc ")})` : ""}.`);
  }
  return n;
}

function outPath(args: Args, what = "TỆP.xlsx (tệp sẽ ghi)"): string {
  const o = args.flags.get("-o");
  if (typeof o !== "string") throw new UsageError(`Thiếu -o ${what}.`);
  return resolve(o);
}

function onePath(args: Args): string {
  if (args.positional.length !== 1) throw new UsageError("Cần đúng một tệp .xlsx.");
  return args.positional[0];
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

async function save(path: string, bytes: Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

export class FileProblem extends Error {}

async function loadPlan(path: string) {
  try {
    return readPlan(await openInWorker(path));
  } catch (e) {
    if (e instanceof UnreadableWorkbook) throw new FileProblem(`Không đọc được tệp ${path}: ${e.reason}.`);
    throw e;
  }
}

const SHEET_ORDER = [SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget];

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    const args = parseArgs(argv);
    switch (args.command) {
      case "template": {
        const path = outPath(args);
        const year = intFlag(args, "--year", new Date().getFullYear() + 1);
        const levels = intFlag(args, "--levels", year >= 2026 ? 2 : 3, [2, 3]) as 2 | 3;
        const plan = newPlan({ year, levels, standardTasks: !args.flags.has("--no-tasks") });
        await save(path, await writeXlsx(buildWorkbook(plan, { spareAgencyRows: TEMPLATE_AGENCY_ROWS })));
        io.out(`Đã ghi mẫu kế hoạch năm ${year} (${levels} cấp chính quyền địa phương): ${path}`);
        return 0;
      }
      case "sample": {
        const path = outPath(args);
        await save(path, await writeXlsx(buildWorkbook(dongThap2022Plan())));
        io.out(`Đã ghi kế hoạch mẫu (Đồng Tháp 2022, 150 cơ quan): ${path}`);
        return 0;
      }
      case "sample-submissions": {
        const dir = outPath(args, "THƯ_MỤC (nơi ghi các tệp)");
        const subs = dongThapSubmissions();
        for (const s of subs) await save(join(dir, s.file), await writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 5 })));
        io.out(`Đã ghi ${subs.length} tệp kế hoạch mẫu của các sở, đơn vị trực thuộc, huyện (Đồng Tháp 2022) vào ${dir}`);
        return 0;
      }
      case "validate": {
        const path = onePath(args);
        const { problems } = await loadPlan(path);
        const sorted = sortProblems(problems, SHEET_ORDER);
        if (args.flags.has("--json")) {
          io.out(JSON.stringify({ file: path, problems: sorted.map(({ severity, sheet, cell, code, message }) => ({ severity, sheet, cell, code, message })) }, null, 2));
        } else {
          for (const p of sorted) io.out(problemLine(p, path));
          io.out(`${path}: ${problemsSummary(sorted)}`);
        }
        return hasErrors(problems) ? 1 : 0;
      }
      case "budget": {
        const path = onePath(args);
        const { plan, problems } = await loadPlan(path);
        const budget = computeBudget(plan);
        if (args.flags.has("--json")) {
          io.out(JSON.stringify({ file: path, ...budgetJson(budget) }, null, 2));
        } else {
          io.out(`Kinh phí tính từ Phụ lục 1 và định mức: ${path}`);
          io.out(budgetText(budget));
        }
        if (hasErrors(problems)) {
          io.err(`Cảnh báo: ${path} có ${problemsSummary(problems)}; chạy "kehoach-iso validate ${path}" để xem từng ô.`);
          return 1;
        }
        return 0;
      }
      case "merge": {
        const out = outPath(args);
        if (args.positional.length === 0 && !args.flags.has("--into")) throw new UsageError("Cần ít nhất một tệp hoặc thư mục để tổng hợp.");
        const into = args.flags.get("--into");
        try {
          const outcome = await mergeFiles(
            {
              inputs: args.positional,
              out,
              ...(typeof into === "string" ? { into } : {}),
              ...(args.flags.has("--jobs") ? { jobs: intFlag(args, "--jobs", 1) } : {}),
              ...(args.flags.has("--year") ? { year: intFlag(args, "--year", 0) } : {}),
              ...(args.flags.has("--levels") ? { levels: intFlag(args, "--levels", 3, [2, 3]) as 2 | 3 } : {}),
            },
            io.err,
          );
          await save(out, outcome.bytes);
          if (args.flags.has("--json")) io.out(JSON.stringify(mergeJson(outcome.result), null, 2));
          else io.out(mergeSummary(outcome.result, out));
          return 0;
        } catch (e) {
          if (e instanceof MergeFailure) {
            io.err(e.message);
            return 2;
          }
          throw e;
        }
      }
      case "":
      case "help":
      case "--help":
        io.out(USAGE);
        return args.command === "" ? 2 : 0;
      default:
        throw new UsageError(`Không có lệnh "${args.command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return 2;
    }
    if (e instanceof FileProblem) {
      io.err(e.message);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  // exitCode, never process.exit(): stdout piped to another program must drain first (a pipe cuts at 64 KiB).
  run(process.argv.slice(2), { out: (s) => console.log(s), err: (s) => console.error(s) }).then(
    (code) => {
      process.exitCode = code;
    },
    (e) => {
      console.error(`Lỗi không lường trước: ${e instanceof Error ? e.stack : String(e)}`);
      process.exitCode = 3;
    },
  );
}
