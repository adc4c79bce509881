#!/usr/bin/env node
/**
 * kehoach-iso — the command line: template, sample, sample-submissions, validate, budget, merge
 * (each with --help). Arguments through node:util parseArgs. Exit codes: 0 clean, 1 validation
 * errors, 2 bad arguments or a file that cannot be read or written.
 */
import { readFileSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { join, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { computeBudget } from "../core/budget";
import { BUDGET_CODES, shownBudget } from "../core/declared";
import { dongToTrieu, formatVnNumber, sameTrieu, trieuToDong } from "../core/numbers";
import { hasErrors, sortProblems } from "../core/problems";
import { dongThap2022Plan } from "../samples/dongThap2022";
import { dongThapSubmissions } from "../samples/dongThapSubmissions";
import { newPlan } from "../workbook/plan";
import { readPlan } from "../workbook/read";
import { buildWorkbook } from "../workbook/write";
import { SHEETS, TEMPLATE_AGENCY_ROWS } from "../workbook/layout";
import { writeXlsx } from "../adapters/xlsx/writeXlsx";
import { nodeZip } from "./nodeZip";
import { FileProblem, save, WRITE_ERRORS } from "./save";
import { UnreadableWorkbook } from "../adapters/xlsx/openWorkbook";
import { checkInWorker, FILES_PER_LANE, openInWorker, sheetNamesInWorker } from "./readFiles";
import { budgetJson, budgetText, problemLine, problemsSummary } from "./format";
import { consolidateFiles, mergeFiles, MergeFailure, mergeJson, mergeSummary, trackingJson, type MergeArgs } from "./merge";
import { trackingLines } from "../workbook/submission";

export class UsageError extends Error {}

type OptionSpec = { type: "string" | "boolean"; short?: string };

interface Command {
  usage: string;
  about: string;
  options: Record<string, OptionSpec>;
  examples: string[];
}

const EXIT_CODES = "Mã thoát: 0 xong, không có lỗi; 1 có lỗi kiểm tra (vẫn in kết quả); 2 sai tham số hoặc không đọc/ghi được tệp.";

/** What --jobs does, said by merge and status alike (the rule is `defaultLanes`). */
const JOBS_HELP = `--jobs: số luồng đọc tệp (mặc định một luồng cho mỗi ${FILES_PER_LANE} tệp, không quá số lõi của máy).`;

const COMMANDS: Record<string, Command> = {
  template: {
    usage: "kehoach-iso template -o TỆP.xlsx [--year NĂM] [--levels 2|3] [--no-tasks] [--force]",
    about: "Ghi sổ kế hoạch mẫu (Thông tin, Nội dung thực hiện, PL1, PL2 với công thức sống).",
    options: { out: { type: "string", short: "o" }, year: { type: "string" }, levels: { type: "string" }, "no-tasks": { type: "boolean" }, force: { type: "boolean" } },
    examples: ["kehoach-iso template -o mau-2026.xlsx --year 2026 --levels 2"],
  },
  sample: {
    usage: "kehoach-iso sample -o TỆP.xlsx [--force]",
    about: "Ghi kế hoạch mẫu đã điền (Đồng Tháp 2022, 150 cơ quan, 2.620 triệu đồng).",
    options: { out: { type: "string", short: "o" }, force: { type: "boolean" } },
    examples: ["kehoach-iso sample -o dong-thap-2022.xlsx"],
  },
  "sample-submissions": {
    usage: "kehoach-iso sample-submissions -o THƯ_MỤC",
    about: "Ghi 42 tệp mà các sở, đơn vị và huyện của Đồng Tháp gửi cho kế hoạch 2022.",
    options: { out: { type: "string", short: "o" } },
    examples: ["kehoach-iso sample-submissions -o nop/"],
  },
  validate: {
    usage: "kehoach-iso validate TỆP [--json]",
    about: "Kiểm tra một sổ kế hoạch (.xlsx, .xlsm, .xls, .ods), nêu từng vấn đề với trang và ô.",
    options: { json: { type: "boolean" } },
    examples: ["kehoach-iso validate ke-hoach.xlsx", "kehoach-iso validate ke-hoach.xlsx --json > van-de.json"],
  },
  budget: {
    usage: "kehoach-iso budget TỆP [--json]",
    about: "In kinh phí của một sổ: số cơ quan theo nhóm × định mức, kiểm tra, đào tạo, tổng và bằng chữ.",
    options: { json: { type: "boolean" } },
    examples: ["kehoach-iso budget ke-hoach.xlsx"],
  },
  merge: {
    usage: "kehoach-iso merge TỆP_HOẶC_THƯ_MỤC... -o TỔNG_HỢP.xlsx [--plan KẾ_HOẠCH_TỈNH.xlsx] [--into BẢN_TỔNG_HỢP_CŨ.xlsx] [--expected DANH_SÁCH.xlsx] [--map CHUYỂN_ĐỔI.csv] [--json] [--jobs N] [--year NĂM] [--levels 2|3] [--force]",
    about:
      "Tổng hợp các tệp gửi đến thành phụ lục cấp tỉnh. Mọi tệp trong thư mục đều được nêu trong báo cáo. " +
      "--plan: kế hoạch của tỉnh (số, ngày, định mức); --into: gộp thêm vào bản tổng hợp lần trước. " +
      "--expected: danh sách dự kiến (bản tổng hợp năm trước hay sổ có danh sách cơ quan): ai đã gửi, ai chưa (trang \"Theo dõi nộp\"), " +
      "thứ tự Phụ lục 1 theo danh sách này, so sánh với năm trước (trang \"So với năm trước\"); được lưu lại cho các lần gộp sau. " +
      "--map: bảng chuyển đổi đơn vị cũ sang mới sau sáp nhập (CSV hay sổ tính, các cột Tên cũ, Địa bàn cũ, Tên mới, Địa bàn mới). " +
      "Những gì người tổng hợp sửa ở Phụ lục 1 của bản tổng hợp được giữ và áp dụng lại (trang \"Điều chỉnh\"). " +
      `${JOBS_HELP} ` +
      "-o không bao giờ ghi đè một tệp đầu vào hay một sổ không phải bản tổng hợp, trừ khi có --force.",
    options: {
      out: { type: "string", short: "o" }, plan: { type: "string" }, into: { type: "string" }, json: { type: "boolean" },
      jobs: { type: "string" }, year: { type: "string" }, levels: { type: "string" }, force: { type: "boolean" },
      expected: { type: "string" }, map: { type: "string" },
    },
    examples: [
      "kehoach-iso merge thu-den/ -o tong-hop-2022.xlsx --plan ke-hoach-tinh-2022.xlsx --expected tong-hop-2021.xlsx",
      "kehoach-iso merge thu-den/tuan-nay/ --into tong-hop-2022.xlsx -o tong-hop-2022.xlsx",
      "kehoach-iso merge thu-den/ -o tong-hop-2026.xlsx --expected tong-hop-2025.xlsx --map chuyen-doi-don-vi.csv",
    ],
  },
  status: {
    usage: "kehoach-iso status TỆP_HOẶC_THƯ_MỤC... [--expected DANH_SÁCH.xlsx] [--into BẢN_TỔNG_HỢP.xlsx] [--map CHUYỂN_ĐỔI.csv] [--json] [--jobs N]",
    about:
      "Ai đã gửi, ai chưa gửi: đọc các tệp gửi đến, đối chiếu với danh sách dự kiến và in ra, không ghi tệp nào. " +
      "Không có --expected thì dùng danh sách đã lưu trong bản tổng hợp (--into, hay bản tổng hợp nằm trong các tệp). " +
      JOBS_HELP,
    options: { expected: { type: "string" }, into: { type: "string" }, map: { type: "string" }, json: { type: "boolean" }, jobs: { type: "string" }, levels: { type: "string" }, year: { type: "string" } },
    examples: ["kehoach-iso status thu-den/ --expected tong-hop-2021.xlsx", "kehoach-iso status thu-den/ --into tong-hop-2022.xlsx --json"],
  },
};

const COMMON: Record<string, OptionSpec> = { help: { type: "boolean", short: "h" }, version: { type: "boolean" } };

function version(): string {
  // The package's own version, next to the compiled CLI (dist/cli/main.js → package.json).
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  return `kehoach-iso ${pkg.version}`;
}

const USAGE = [
  "Cách dùng: kehoach-iso LỆNH [tuỳ chọn]    (kehoach-iso LỆNH --help để xem chi tiết)",
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
  "  kehoach-iso --version",
  EXIT_CODES,
].join("\n");

function commandHelp(name: string): string {
  const c = COMMANDS[name];
  return [`Cách dùng: ${c.usage}`, "", c.about, "", "Ví dụ:", ...c.examples.map((e) => `  ${e}`), "", EXIT_CODES].join("\n");
}

interface Args {
  command: string;
  positional: string[];
  values: Record<string, string | boolean | undefined>;
}

export function parseCommandLine(argv: string[]): Args {
  const [command = "", ...rest] = argv;
  const spec = COMMANDS[command];
  if (!spec) return { command, positional: rest, values: {} };
  try {
    const { values, positionals } = parseArgs({ args: rest, options: { ...spec.options, ...COMMON }, allowPositionals: true, strict: true });
    return { command, positional: positionals, values: values };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const option = /'(-{1,2}[^' ]+)/.exec(msg)?.[1] ?? "";
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw new UsageError(`Lệnh ${command} không có tuỳ chọn ${option}.`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") throw new UsageError(`Thiếu giá trị sau ${option || "tuỳ chọn"}.`);
    throw new UsageError(`Tham số không hợp lệ: ${msg}`);
  }
}

function intFlag(args: Args, flag: string, fallback: number, allowed?: number[]): number {
  const v = args.values[flag];
  if (v === undefined) return fallback;
  const n = Number(v);
  if (typeof v !== "string" || !Number.isInteger(n) || (allowed && !allowed.includes(n))) {
    throw new UsageError(`Giá trị --${flag} không hợp lệ: ${String(v)}${allowed ? ` (chọn ${allowed.join(" hoặc ")})` : ""}.`);
  }
  return n;
}

function outPath(args: Args, what = "TỆP.xlsx (tệp sẽ ghi)"): string {
  const o = args.values.out;
  if (typeof o !== "string") throw new UsageError(`Thiếu -o ${what}.`);
  return resolve(o);
}

function onePath(args: Args): string {
  if (args.positional.length !== 1) throw new UsageError("Cần đúng một tệp sổ tính.");
  return args.positional[0];
}

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

/**
 * What -o may write over: nothing that is a folder; without --force, never an input of this run
 * and never a workbook that is not a consolidated one (an officer's own plan, a submission).
 */
async function checkOut(path: string, inputs: readonly string[], force: boolean): Promise<void> {
  const info = await stat(path).catch(() => null);
  if (!info) return;
  if (info.isDirectory()) throw new FileProblem(`Không ghi được ${path}: ${WRITE_ERRORS.EISDIR}.`);
  if (force) return;
  const real = await realpath(path);
  for (const input of inputs) {
    const root = await realpath(input).catch(() => resolve(input));
    if (real === root || real.startsWith(root + sep)) {
      throw new FileProblem(`Không ghi ${path}: đây là một tệp đầu vào của lần tổng hợp này; hãy chọn tên khác cho -o (hoặc thêm --force nếu thật sự muốn ghi đè).`);
    }
  }
  // Its sheet names only: last run's consolidation is not read whole just to be written over.
  const consolidated = await sheetNamesInWorker(path).then((names) => names.includes(SHEETS.store), () => false);
  if (!consolidated) {
    throw new FileProblem(`Không ghi đè ${path}: tệp đã có và không phải bản tổng hợp; hãy chọn tên khác cho -o (hoặc thêm --force để ghi đè).`);
  }
}

/** The reading and merging options merge and status share. */
function mergeOptions(args: Args): Omit<MergeArgs, "out"> {
  const text = (k: string) => {
    const v = args.values[k];
    return typeof v === "string" ? { [k]: v } : {};
  };
  return {
    inputs: args.positional,
    ...text("into"), ...text("plan"), ...text("expected"), ...text("map"),
    ...(args.values.jobs !== undefined ? { jobs: intFlag(args, "jobs", 1) } : {}),
    ...(args.values.year !== undefined ? { year: intFlag(args, "year", 0) } : {}),
    ...(args.values.levels !== undefined ? { levels: intFlag(args, "levels", 3, [2, 3]) as 2 | 3 } : {}),
  };
}

/** A workbook that cannot be read, said as the command line says it. */
function unreadable(path: string) {
  return (e: unknown): never => {
    if (e instanceof UnreadableWorkbook) throw new FileProblem(`Không đọc được tệp ${path}: ${e.reason}.`);
    throw e;
  };
}

async function loadPlan(path: string) {
  return readPlan(await openInWorker(path, true).catch(unreadable(path)));
}

const SHEET_ORDER = [SHEETS.info, SHEETS.tasks, SHEETS.agencies, SHEETS.budget];

export async function run(argv: string[], io: Io): Promise<number> {
  try {
    if (argv[0] === "--version" || argv[0] === "-v") {
      io.out(version());
      return 0;
    }
    if (argv.length === 0 || argv[0] === "help" || argv[0] === "--help" || argv[0] === "-h") {
      const topic = argv[0] === "help" ? argv[1] : undefined;
      io.out(topic && COMMANDS[topic] ? commandHelp(topic) : USAGE);
      return argv.length === 0 ? 2 : 0;
    }
    const args = parseCommandLine(argv);
    if (!COMMANDS[args.command]) throw new UsageError(`Không có lệnh "${args.command}".`);
    if (args.values.help) {
      io.out(commandHelp(args.command));
      return 0;
    }
    if (args.values.version) {
      io.out(version());
      return 0;
    }
    const force = args.values.force === true;
    const json = args.values.json === true;
    switch (args.command) {
      case "template": {
        const path = outPath(args);
        const year = intFlag(args, "year", new Date().getFullYear() + 1);
        const levels = intFlag(args, "levels", year >= 2026 ? 2 : 3, [2, 3]) as 2 | 3;
        const plan = newPlan({ year, levels, standardTasks: args.values["no-tasks"] !== true });
        await checkOut(path, [], force);
        await save(path, await writeXlsx(buildWorkbook(plan, { spareAgencyRows: TEMPLATE_AGENCY_ROWS }), { codec: nodeZip }));
        io.out(`Đã ghi mẫu kế hoạch năm ${year} (${levels} cấp chính quyền địa phương): ${path}`);
        return 0;
      }
      case "sample": {
        const path = outPath(args);
        await checkOut(path, [], force);
        await save(path, await writeXlsx(buildWorkbook(dongThap2022Plan()), { codec: nodeZip }));
        io.out(`Đã ghi kế hoạch mẫu (Đồng Tháp 2022, 150 cơ quan): ${path}`);
        return 0;
      }
      case "sample-submissions": {
        const dir = outPath(args, "THƯ_MỤC (nơi ghi các tệp)");
        const subs = dongThapSubmissions();
        for (const s of subs) await save(join(dir, s.file), await writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 5 }), { codec: nodeZip }));
        io.out(`Đã ghi ${subs.length} tệp kế hoạch mẫu của các sở, đơn vị trực thuộc, huyện (Đồng Tháp 2022) vào ${dir}`);
        return 0;
      }
      case "validate": {
        const path = onePath(args);
        const problems = await checkInWorker(path).catch(unreadable(path));
        const sorted = sortProblems(problems, SHEET_ORDER);
        if (json) {
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
        const shown = shownBudget(plan);
        const computed = computeBudget(plan);
        const declared = (plan.declared?.lines.length ?? 0) > 0;
        const differences = sortProblems(problems.filter((p) => BUDGET_CODES.has(p.code)), SHEET_ORDER);
        if (json) {
          io.out(JSON.stringify({
            file: path,
            from: declared ? "pl2" : "computed",
            ...budgetJson(shown),
            ...(declared ? { computed: budgetJson(computed) } : {}),
            differences: differences.map(({ severity, sheet, cell, code, message }) => ({ severity, sheet, cell, code, message })),
          }, null, 2));
        } else {
          io.out(declared ? `Kinh phí như Phụ lục 2 của tệp ghi: ${path}` : `Kinh phí tính từ Phụ lục 1 và định mức (tệp không có Phụ lục 2): ${path}`);
          io.out(budgetText(shown));
          if (declared) {
            io.out(`Tính từ Phụ lục 1 và định mức: ${formatVnNumber(computed.total)} triệu đồng${sameTrieu(computed.total, shown.total) ? " (khớp)" : ` — Phụ lục 2 ghi khác ${formatVnNumber(dongToTrieu(trieuToDong(shown.total) - trieuToDong(computed.total)))}`}.`);
          }
          for (const p of differences) io.out(problemLine(p, path));
        }
        if (hasErrors(problems)) {
          io.err(`Cảnh báo: ${path} có ${problemsSummary(problems)}; chạy "kehoach-iso validate ${path}" để xem từng ô.`);
          return 1;
        }
        return 0;
      }
      case "merge": {
        const out = outPath(args);
        const into = typeof args.values.into === "string" ? args.values.into : undefined;
        const plan = typeof args.values.plan === "string" ? args.values.plan : undefined;
        if (args.positional.length === 0 && !into) throw new UsageError("Cần ít nhất một tệp hoặc thư mục để tổng hợp.");
        await checkOut(out, [...args.positional, ...(plan ? [plan] : [])], force);
        const outcome = await mergeFiles({ ...mergeOptions(args), out }, io.err);
        if (json) io.out(JSON.stringify(mergeJson(outcome.result, outcome.notice, outcome), null, 2));
        else io.out(mergeSummary(outcome.result, out, outcome.notice, outcome));
        return 0;
      }
      case "status": {
        const into = typeof args.values.into === "string" ? args.values.into : undefined;
        if (args.positional.length === 0 && !into) throw new UsageError("Cần ít nhất một tệp hoặc thư mục đã gửi đến.");
        const done = await consolidateFiles(mergeOptions(args), () => undefined);
        if (!done.tracking) {
          io.err("Chưa có danh sách dự kiến: thêm --expected DANH_SÁCH.xlsx (bản tổng hợp năm trước hay sổ có danh sách cơ quan).");
          return 2;
        }
        if (json) io.out(JSON.stringify(trackingJson(done.tracking), null, 2));
        else io.out(trackingLines(done.tracking, true).join("\n"));
        return 0;
      }
      default:
        throw new UsageError(`Không có lệnh "${args.command}".`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${USAGE}`);
      return 2;
    }
    // A file that cannot be read or written, or a merge with nothing to merge: said plainly, exit 2.
    if (e instanceof FileProblem || e instanceof MergeFailure) {
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
