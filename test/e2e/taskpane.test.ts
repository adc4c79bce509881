/**
 * End to end, in a real browser: the built task pane (dist/web) served on localhost and
 * driven in Debian's Chromium through playwright-core, in browser mode (outside Excel).
 * Screenshots of each flow go to test-output/screens/.
 */
import { createServer, type Server } from "node:http";
import { mkdirSync, mkdtempSync, readFileSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type Browser, type Page } from "playwright-core";
import { computeBudget } from "../../src/core/budget";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { dongThap2022Plan } from "../../src/samples/dongThap2022";
import { buildWorkbook } from "../../src/workbook/write";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { openBytes } from "../helpers/open";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { readPlan } from "../../src/workbook/read";
import { SHEETS } from "../../src/workbook/layout";

const ROOT = join(__dirname, "..", "..");
const WEB = join(ROOT, "dist", "web");
const SCREENS = join(ROOT, "test-output", "screens");
const CHROMIUM = "/usr/bin/chromium";
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".png": "image/png", ".xml": "application/xml" };

let server: Server;
let base: string;
let browser: Browser;
let page: Page;
const files = mkdtempSync(join(tmpdir(), "kh-e2e-"));

beforeAll(async () => {
  if (!existsSync(join(WEB, "taskpane.html"))) throw new Error("dist/web chưa được build: chạy npm run build");
  mkdirSync(SCREENS, { recursive: true });
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0])).replace(/^(\.\.[/\\])+/, "");
    const file = join(WEB, path === "/" ? "taskpane.html" : path);
    if (!file.startsWith(WEB) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const s of dongThapSubmissions()) writeFileSync(join(files, s.file), await writeXlsx(buildWorkbook(s.plan, { spareAgencyRows: 3 })));
  writeFileSync(join(files, "hong.xlsx"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 420, height: 900 }, locale: "vi-VN" });
  page = await context.newPage();
  // No network here: office.js from Microsoft's CDN fails at once, as it does outside Office.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await page.goto(`${base}/taskpane.html`);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

/** One flow's panel (every panel stays in the page; the others are hidden). */
const panel = (name: string) => page.getByRole("region", { name, includeHidden: true });

async function downloadOf(click: () => Promise<void>): Promise<Uint8Array> {
  const [download] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), click()]);
  const path = join(files, `tai-ve-${Date.now()}.xlsx`);
  await download.saveAs(path);
  return new Uint8Array(readFileSync(path));
}

it("says plainly that it is not inside Excel, and makes a template", async () => {
  await page.getByText("Đang mở trong trình duyệt, không ở trong Excel").waitFor();
  await page.screenshot({ path: join(SCREENS, "1-tao-mau.png"), fullPage: true });
  const bytes = await downloadOf(() => page.getByRole("button", { name: "Tải mẫu kế hoạch (.xlsx)" }).click());
  const { plan, sheets, problems } = readPlan(await openBytes(bytes));
  expect(sheets.agencies).toBe(SHEETS.agencies);
  expect(plan.tasks.length).toBeGreaterThan(5);
  expect(problems).toEqual([]);
  await page.getByText("Đã tạo mẫu kế hoạch").waitFor();
});

it("merges seed 001's submissions into 150 agencies and 2.620, a corrupt file reported and skipped", async () => {
  await page.getByRole("tab", { name: "Tổng hợp" }).click();
  const names = dongThapSubmissions().map((s) => s.file);
  await page.getByLabel("Chọn các tệp gửi đến (.xlsx, .xls, .ods)").setInputFiles([...names, "hong.xlsx"].map((n) => join(files, n)));
  await page.getByText(`${names.length + 1}/${names.length + 1} tệp đã đọc`).waitFor({ timeout: 60_000 });
  const broken = page.locator('li[data-file="hong.xlsx"]');
  await expect(broken.textContent()).resolves.toContain("Bị loại");
  await expect(broken.textContent()).resolves.toContain("bị hỏng hoặc không đầy đủ (không tìm thấy mục lục của tệp nén");
  const bytes = await downloadOf(() => page.getByRole("button", { name: "Tổng hợp và tải xuống (.xlsx)" }).click());
  await page.getByText("Tổng hợp: 150 cơ quan, 2.620 triệu đồng").waitFor();
  await page.screenshot({ path: join(SCREENS, "2-tong-hop.png"), fullPage: true });
  const { plan } = readPlan(await openBytes(bytes));
  expect(plan.agencies).toHaveLength(150);
  expect(computeBudget(plan).total).toBe(2620);
  expect(plan.declared!.total!.amount).toBe(2620);
  writeFileSync(join(files, "tong-hop.xlsx"), bytes);
});

it("adds a corrected file later without duplicating", async () => {
  const district = dongThapSubmissions().find((s) => s.file.startsWith("xa-huyen-05"))!;
  const corrected = { ...district.plan, info: { ...district.plan.info, date: "25/11/2021" }, agencies: district.plan.agencies.slice(0, -1) };
  writeFileSync(join(files, "xa-huyen-05-sua.xlsx"), await writeXlsx(buildWorkbook(corrected)));
  await page.getByLabel("Chọn các tệp gửi đến (.xlsx, .xls, .ods)").setInputFiles([join(files, "xa-huyen-05-sua.xlsx")]);
  await page.getByText(/44\/44 tệp đã đọc/).waitFor();
  const bytes = await downloadOf(() => page.getByRole("button", { name: "Tổng hợp và tải xuống (.xlsx)" }).click());
  const { plan } = readPlan(await openBytes(bytes));
  expect(plan.agencies).toHaveLength(149);
  // The result has the focus, above the list; the list filters by status; one file can be taken out.
  await expect(page.evaluate(() => document.activeElement?.className.includes("status") === true)).resolves.toBe(true);
  const list = panel("Tổng hợp").getByRole("list", { name: "Các tệp" });
  await panel("Tổng hợp").getByLabel("Hiện các tệp").selectOption("rejected");
  await expect(list.locator(":scope > li").evaluateAll((items) => items.map((li) => li.getAttribute("data-file")))).resolves.toEqual(["hong.xlsx"]);
  await panel("Tổng hợp").getByRole("button", { name: "Bỏ tệp hong.xlsx khỏi danh sách" }).click();
  await page.getByText("Đã bỏ hong.xlsx khỏi danh sách.").waitFor();
  await panel("Tổng hợp").getByLabel("Hiện các tệp").selectOption("all");
  await expect(list.locator(":scope > li").count()).resolves.toBe(43);
  // Adding the same files again lists none of them twice.
  await page.getByLabel("Chọn các tệp gửi đến (.xlsx, .xls, .ods)").setInputFiles([join(files, "xa-huyen-05-sua.xlsx")]);
  await page.getByText("Đã có trong danh sách, không thêm lần nữa: xa-huyen-05-sua.xlsx.").waitFor();
  await expect(list.locator(":scope > li").count()).resolves.toBe(43);
});

it("says who has not sent against an expected list, without writing; then merges in the list's order with Theo dõi nộp", async () => {
  // Last year's list: seed 001 and one unit that has sent nothing this year.
  const seed = dongThap2022Plan();
  const list = { ...seed, agencies: [...seed.agencies, { name: "Ban Dân tộc", groupId: "so-nganh", area: "", note: "" }] };
  writeFileSync(join(files, "tong-hop-2021.xlsx"), await writeXlsx(buildWorkbook(list)));
  await panel("Tổng hợp").getByLabel("Danh sách dự kiến: bản tổng hợp năm trước hay sổ có danh sách cơ quan — không bắt buộc").setInputFiles([join(files, "tong-hop-2021.xlsx")]);
  await page.getByText("Danh sách dự kiến: tong-hop-2021.xlsx (151 cơ quan)").waitFor();
  await panel("Tổng hợp").getByRole("button", { name: "Ai chưa gửi?" }).click();
  const notSent = panel("Tổng hợp").getByRole("list", { name: "Cơ quan chưa gửi" });
  await notSent.waitFor();
  // The corrected district file dropped one commune; Ban Dân tộc sent nothing.
  const dropped = dongThapSubmissions().find((s) => s.file.startsWith("xa-huyen-05"))!.plan.agencies.at(-1)!.name;
  // In the list's order: Ban Dân tộc is printed with the departments (section I), the commune in section III.
  await expect(notSent.locator("li").allTextContents()).resolves.toEqual([expect.stringContaining("Ban Dân tộc"), expect.stringContaining(dropped)]);
  await page.getByText("Chưa gửi: 2/151 cơ quan").waitFor();
  const bytes = await downloadOf(() => page.getByRole("button", { name: "Tổng hợp và tải xuống (.xlsx)" }).click());
  const raw = await openBytes(bytes);
  const tracking = raw.sheets.find((s) => s.name === SHEETS.tracking)!;
  expect(tracking.rows.filter((r) => r[4] === "CHƯA GỬI").map((r) => r[1])).toEqual(["Ban Dân tộc", dropped]);
  const { plan } = readPlan(raw);
  expect(plan.agencies.map((a) => a.name)).toEqual(seed.agencies.map((a) => a.name).filter((n) => n !== dropped));
});

it("lists a plan's problems by sheet, with their cells", async () => {
  const plan = dongThapSubmissions()[0].plan;
  const bad = { ...plan, agencies: [...plan.agencies, { name: "Hội Nông dân tỉnh", groupId: null, groupText: "Đoàn thể", area: "", note: "" }] };
  writeFileSync(join(files, "co-loi.xlsx"), await writeXlsx(buildWorkbook(bad)));
  await page.getByRole("tab", { name: "Kiểm tra" }).click();
  await panel("Kiểm tra").locator('input[type="file"]').setInputFiles([join(files, "co-loi.xlsx")]);
  await page.getByText("1 lỗi, 0 cảnh báo").waitFor();
  const section = page.getByRole("region", { name: `Trang ${SHEETS.agencies}` });
  await expect(section.textContent()).resolves.toMatch(/C\d+.*Đoàn thể/);
  await page.screenshot({ path: join(SCREENS, "3-kiem-tra.png"), fullPage: true });
});

it("shows the budget with the total in words, and recomputes when a rate changes", async () => {
  await page.getByRole("tab", { name: "Kinh phí" }).click();
  await panel("Kinh phí").locator('input[type="file"]').setInputFiles([join(files, "tong-hop.xlsx")]);
  await expect(page.getByTestId("budget-total").textContent()).resolves.toBe("2.620");
  await page.getByText("Bằng chữ: Hai tỷ sáu trăm hai mươi triệu đồng.").waitFor();
  const rate = page.getByLabel("Cơ quan cấp xã (triệu đồng/cơ quan)");
  await rate.fill("10");
  await rate.blur();
  await expect(page.getByTestId("budget-total").textContent()).resolves.toBe("2.080");
  await page.screenshot({ path: join(SCREENS, "4-kinh-phi.png"), fullPage: true });
  // Switching tabs keeps the work: the Kiểm tra results and the rate typed here are still there.
  await page.getByRole("tab", { name: "Kiểm tra" }).click();
  await page.getByText("1 lỗi, 0 cảnh báo").waitFor();
  await page.getByRole("tab", { name: "Kinh phí" }).click();
  await expect(page.getByTestId("budget-total").textContent()).resolves.toBe("2.080");
  // The download is the user's own consolidated workbook with the one rate changed: its report and
  // hidden store kept, named after it; LibreOffice computes the new total from it.
  const [event] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByRole("button", { name: "Tải sổ với định mức này (.xlsx)" }).click()]);
  expect(event.suggestedFilename()).toBe("tong-hop (định mức mới).xlsx");
  const path = join(files, "tong-hop-dinh-muc.xlsx");
  await event.saveAs(path);
  const bytes = new Uint8Array(readFileSync(path));
  const before = await openBytes(new Uint8Array(readFileSync(join(files, "tong-hop.xlsx"))));
  const after = await openBytes(bytes);
  expect(after.sheets.map((x) => x.name)).toEqual(before.sheets.map((x) => x.name));
  expect(after.sheets.find((x) => x.name === SHEETS.store)!.rows).toEqual(before.sheets.find((x) => x.name === SHEETS.store)!.rows);
  expect(readPlan(await openBytes(resaveWithLibreOffice(bytes))).plan.declared!.total!.amount).toBe(2080);
});

it("shows what the file's Phụ lục 2 says beside the rates' figure, names the cell that differs, and will not download while a rate is invalid", async () => {
  await page.getByRole("tab", { name: "Kinh phí" }).click();
  // A total typed as 2.700 over its formula (test/budget-corpus): the file says 2.700, the rates give 2.620.
  await panel("Kinh phí").locator('input[type="file"]').setInputFiles([join(__dirname, "..", "budget-corpus", "mixed-typed-total.xlsx")]);
  await page.getByText("Phụ lục 2 của tệp ghi: 2.700 triệu đồng").waitFor();
  await expect(page.getByTestId("budget-total").textContent()).resolves.toBe("2.620");
  const declared = page.getByTestId("declared");
  await expect(declared.textContent()).resolves.toContain("Phụ lục 2 của tệp ghi: 2.700 triệu đồng — khác số tính theo định mức ở trên (2.620)");
  await expect(declared.textContent()).resolves.toContain("ô F14: Tổng kinh phí là 2.700");
  const download = page.getByRole("button", { name: "Tải sổ với định mức này (.xlsx)" });
  await expect(download.count()).resolves.toBe(0);
  const rate = page.getByLabel("Cơ quan cấp xã (triệu đồng/cơ quan)");
  await rate.fill("10");
  await rate.blur();
  await expect(download.isEnabled()).resolves.toBe(true);
  await rate.fill("1.5.2");
  await expect(download.isEnabled()).resolves.toBe(false);
  await rate.fill("15");
  await expect(download.isEnabled()).resolves.toBe(true);
});

it("commits a rate with Enter, and stays readable at 320 px and usable at 270 px (Excel for Mac), every tab reachable", async () => {
  const rate = page.getByLabel("Cơ quan cấp xã (triệu đồng/cơ quan)");
  await rate.fill("20");
  await rate.press("Enter");
  await expect(page.getByTestId("budget-total").textContent()).resolves.toBe("3.160");
  for (const width of [320, 270]) {
    await page.setViewportSize({ width, height: 800 });
    // Nothing wider than the pane, every tab in view, Nội dung with room to read.
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(width);
    for (const name of ["Tạo mẫu", "Kiểm tra", "Kinh phí", "Tổng hợp"]) {
      const box = (await page.getByRole("tab", { name }).boundingBox())!;
      expect([name, box.x >= 0 && box.x + box.width <= width]).toEqual([name, true]);
    }
    const content = (await panel("Kinh phí").getByRole("columnheader", { name: "Nội dung" }).boundingBox())!;
    expect(content.width).toBeGreaterThan(width * 0.5);
    await expect(panel("Kinh phí").getByRole("columnheader", { name: "Số tiền (triệu đồng)" }).isVisible()).resolves.toBe(true);
    await page.screenshot({ path: join(SCREENS, `5-kinh-phi-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 420, height: 900 });
});

it("has no accessibility violations of its own (axe), in every flow", async () => {
  await page.addScriptTag({ content: readFileSync(require.resolve("axe-core/axe.min.js"), "utf8") });
  for (const name of ["Tạo mẫu", "Kiểm tra", "Kinh phí", "Tổng hợp"]) {
    await page.getByRole("tab", { name }).click();
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      // Fluent's focus manager (tabster) puts aria-hidden focus sentinels around the tab list: its own, not ours.
      return (await axe.run({ include: [["body"]], exclude: [["[data-tabster-dummy]"]] })).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
    expect([name, violations]).toEqual([name, []]);
  }
});

it("opens at the flow a ribbon button asks for, shows the first-run guide once, follows a dark theme, and ships its help page", async () => {
  const context = await browser.newContext({ viewport: { width: 320, height: 800 }, locale: "vi-VN", colorScheme: "dark" });
  const fresh = await context.newPage();
  await fresh.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  await fresh.goto(`${base}/taskpane.html?flow=merge`);
  await expect(fresh.getByRole("tab", { name: "Tổng hợp" }).getAttribute("aria-selected")).resolves.toBe("true");
  const guide = fresh.getByText("Bắt đầu", { exact: true });
  await guide.waitFor();
  const background = await fresh.evaluate(() => getComputedStyle(document.querySelector(".app")!).backgroundColor);
  const [r, g, b] = background.match(/\d+/g)!.map(Number);
  expect(r + g + b).toBeLessThan(3 * 80);
  await fresh.getByRole("button", { name: "Đã hiểu" }).click();
  await fresh.reload();
  await fresh.getByRole("tab", { name: "Tổng hợp" }).waitFor();
  await expect(fresh.getByText("Bắt đầu", { exact: true }).count()).resolves.toBe(0);
  const help = await fresh.request.get(`${base}/help.html`);
  expect(help.status()).toBe(200);
  expect(await help.text()).toContain("Kế hoạch ISO — Hướng dẫn sử dụng");
  await context.close();
});
