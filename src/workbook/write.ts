/**
 * The plan rendered as a workbook grid: values, live formulas with their cached
 * results, styles, merges, dropdowns and print setup. Writers only translate this.
 */
import { computeBudget, formRate, trainingClasses } from "../core/budget";
import { EXTRA_FORMS, WORK_FORMS, formLabel } from "../core/forms";
import { arrangeAgencies } from "../core/grouping";
import type { Plan } from "../core/model";
import { cellAddress, columnLetters } from "../core/problems";
import { toRoman } from "../core/roman";
import { TOO_LARGE_WORDS, WORDS_LIMIT, numberWords, tripleWords } from "../core/words";

const WORDS_LIMIT_FORMULA = `10^${Math.log10(WORDS_LIMIT)}`;
import { formatVnNumber, trieuToDong } from "../core/numbers";
import type { CellValue, DefinedName, SheetGrid, StyleName, WorkbookGrid } from "./grid";
import { SheetBuilder } from "./sheetBuilder";
import { sheetRef } from "./grid";
import {
  AGENCY_COLUMNS, BUDGET_COLUMNS, FORM_CONTENT, FORMATS, GROUP_COLUMNS, GROUPS_TITLE, INFO_ROWS, INFO_TITLE,
  INSPECTION_CONTENT, MAINTAIN_CONTENT, PL1_CAPTION, PL1_TITLE, PL2_CAPTION, PL2_TITLE, RATE_ROWS,
  RATES_TITLE, SHEETS, SPARE_AGENCY_ROWS, SPARE_TASK_ROWS, TABLE_HEADER_ROW, TASK_COLUMNS, TASKS_CAPTION,
  TASKS_TITLE, TOTAL_AGENCIES_LABEL, TOTAL_LABEL, TRAINING_CONTENT, UNIT_LINE, WORDS_PREFIX, MIN_AGENCY_ROWS, UNGROUPED_NOTE,
  type ColumnSpec, type InfoKey,
} from "./layout";

export interface WriteOptions {
  /** Empty agency rows after the list (defaults to SPARE_AGENCY_ROWS). */
  spareAgencyRows?: number;
  /** Empty task rows after the tasks (defaults to SPARE_TASK_ROWS). */
  spareTaskRows?: number;
}

function colOf<K extends string>(cols: ColumnSpec<K>[], key: K): number {
  return cols.findIndex((c) => c.key === key) + 1;
}

const abs = (row: number, col: number) => `$${columnLetters(col)}$${row}`;

function attachmentLine(plan: Plan): { f: string; v: string } {
  const { number, date, issuer } = plan.info;
  return {
    f: `"(Kèm theo Kế hoạch số "&KH_So&" ngày "&KH_Ngay&" của "&KH_CoQuan&")"`,
    v: `(Kèm theo Kế hoạch số ${number} ngày ${date} của ${issuer})`,
  };
}

function titleLine(base: string, plan: Plan): { f: string; v: string } {
  return {
    f: `"${base} "&UPPER(KH_DiaBan)&" NĂM "&KH_Nam`,
    v: `${base} ${plan.info.area.toLocaleUpperCase("vi")} NĂM ${plan.info.year}`,
  };
}

function infoValue(plan: Plan, key: InfoKey): CellValue {
  switch (key) {
    case "issuer": return plan.info.issuer;
    case "number": return plan.info.number;
    case "date": return plan.info.date;
    case "year": return plan.info.year;
    case "area": return plan.info.area;
    case "level": return plan.info.level;
    case "levels": return plan.info.levels;
    case "trainingPerClass": return plan.rates.trainingPerClass;
    case "peoplePerClass": return plan.rates.peoplePerClass;
    case "inspectionLumpSum": return plan.rates.inspectionLumpSum;
    case "classes": return plan.training.classes;
    case "participants": return plan.training.participants;
  }
}

interface InfoSheet {
  grid: SheetGrid;
  names: DefinedName[];
  /** Absolute reference of each group's rate cell, by group id. */
  groupRate: Map<string, string>;
  /** Absolute reference of each group's rate cell for a form, by "id:form". */
  formRate: Map<string, string>;
  /** The range holding the group labels (dropdown source). */
  groupLabels: string;
}

function buildInfo(plan: Plan): InfoSheet {
  const s = new SheetBuilder(SHEETS.info, GROUP_COLUMNS.map((c) => c.width), false);
  const names: DefinedName[] = [];
  s.banner(1, GROUP_COLUMNS.length, { v: INFO_TITLE, style: "title" });
  let row = 3;
  for (const spec of INFO_ROWS) {
    s.value(row, 1, spec.label, "label");
    s.value(row, 2, infoValue(plan, spec.key), "input");
    names.push({ name: spec.name, sheet: SHEETS.info, ref: abs(row, 2) });
    row++;
  }
  row++;
  s.banner(row++, GROUP_COLUMNS.length, { v: RATES_TITLE, style: "caption" });
  for (const spec of RATE_ROWS) {
    s.value(row, 1, spec.label, "label");
    s.value(row, 2, infoValue(plan, spec.key), spec.kind === "money" ? "inputMoney" : "input");
    names.push({ name: spec.name, sheet: SHEETS.info, ref: abs(row, 2) });
    row++;
  }
  row++;
  s.banner(row++, GROUP_COLUMNS.length, { v: GROUPS_TITLE, style: "caption" });
  s.header(row++, GROUP_COLUMNS);
  const first = row;
  const groupRate = new Map<string, string>();
  const formRateRefs = new Map<string, string>();
  const gc = (k: (typeof GROUP_COLUMNS)[number]["key"]) => colOf(GROUP_COLUMNS, k);
  for (const g of plan.groups) {
    s.value(row, gc("label"), g.label, "input");
    s.value(row, gc("rate"), g.rate, "inputMoney");
    for (const f of EXTRA_FORMS) {
      s.value(row, gc(f), formRate(g, f), "inputMoney");
      formRateRefs.set(`${g.id}:${f}`, `${sheetRef(SHEETS.info)}!${abs(row, gc(f))}`);
    }
    s.value(row, gc("section"), g.section, "input");
    s.value(row, gc("id"), g.id, "text");
    groupRate.set(g.id, `${sheetRef(SHEETS.info)}!${abs(row, gc("rate"))}`);
    row++;
  }
  const groupLabels = `${sheetRef(SHEETS.info)}!${abs(first, 1)}:${abs(Math.max(first, row - 1), 1)}`;
  names.push({ name: NAME_GROUP_TABLE, sheet: SHEETS.info, ref: `${abs(first, 1)}:${abs(Math.max(first, row - 1), GROUP_COLUMNS.length)}` });
  return { grid: s.finish(), names, groupRate, formRate: formRateRefs, groupLabels };
}

function buildTasks(plan: Plan, opts: WriteOptions): SheetGrid {
  const withSource = plan.tasks.some((t) => t.source !== undefined);
  const cols = withSource ? TASK_COLUMNS : TASK_COLUMNS.filter((c) => c.key !== "source");
  const s = new SheetBuilder(SHEETS.tasks, cols.map((c) => c.width));
  s.banner(1, cols.length, { v: TASKS_CAPTION, style: "caption" });
  s.banner(2, cols.length, { v: TASKS_TITLE, style: "title" });
  const att = attachmentLine(plan);
  s.banner(3, cols.length, { v: att.v, f: att.f, style: "subtitle" });
  s.header(TABLE_HEADER_ROW, cols);
  let row = TABLE_HEADER_ROW + 1;
  for (const t of plan.tasks) {
    const isSection = /^[IVXLC]+$/.test(t.tt.trim());
    cols.forEach((c, i) => s.value(row, i + 1, t[c.key] ?? null, isSection ? "section" : c.style));
    row++;
  }
  for (let i = 0; i < (opts.spareTaskRows ?? SPARE_TASK_ROWS); i++) s.blankRow(row++, cols);
  s.grid.printTitleRows = [TABLE_HEADER_ROW, TABLE_HEADER_ROW];
  s.grid.freezeRows = TABLE_HEADER_ROW;
  return s.finish();
}

interface AgencySheet {
  grid: SheetGrid;
  names: DefinedName[];
}

export const NAME_PL1_GROUPS = "PL1_Nhom";
export const NAME_AGENCY_COUNT = "TongCoQuan";
export const NAME_PL1_NAMES = "PL1_Ten";
export const NAME_PL1_STT = "PL1_STT";
export const NAME_PL1_FORMS = "PL1_HinhThuc";
export const NAME_FORMS = "DS_HinhThuc";
export const NAME_TOTAL = "TongTien";
export const NAME_TOTAL_DONG = "TongDong";
export const NAME_TOTAL_WORDS = "TongBangChu";
export const NAME_DIGIT_WORDS = "ChuSo";
/** Thông tin's group table, label to id: rates are saved into it by group id, wherever its rows have moved. */
export const NAME_GROUP_TABLE = "DM_BangNhom";

function buildAgencies(plan: Plan, info: InfoSheet, opts: WriteOptions): AgencySheet {
  // The row id column only in a consolidated list (hidden); a plan's own list has none.
  const withIds = plan.agencies.some((a) => a.rowId);
  const cols = AGENCY_COLUMNS.filter((col) => withIds || col.key !== "rowId");
  const s = new SheetBuilder(SHEETS.agencies, cols.map((c) => c.width));
  const shown = cols.length - (withIds ? 1 : 0);
  const c = (k: (typeof cols)[number]["key"]) => colOf(cols, k);
  s.banner(1, shown, { v: PL1_CAPTION, style: "caption" });
  const title = titleLine(PL1_TITLE, plan);
  s.banner(2, shown, { v: title.v, f: title.f, style: "title" });
  const att = attachmentLine(plan);
  s.banner(3, shown, { v: att.v, f: att.f, style: "subtitle" });
  s.header(TABLE_HEADER_ROW, cols);
  const labelOf = new Map(plan.groups.map((g) => [g.id, g.label]));
  const first = TABLE_HEADER_ROW + 1;
  const arranged = arrangeAgencies(plan.agencies, plan.groups, plan.info.area);
  const spare = opts.spareAgencyRows ?? SPARE_AGENCY_ROWS;
  // The list is the streamed body: a national roll-up's 60.000 rows are made as they are written.
  const next = s.stream(first, function* (b) {
    let row = first;
    let stt = 0;
    for (const [i, section] of arranged.entries()) {
      b.blankRow(row, cols);
      b.value(row, c("stt"), toRoman(i + 1), "section");
      b.value(row, c("name"), section.title, "section");
      yield* b.drain(++row);
      for (const sg of section.subGroups) {
        if (sg.area !== null) {
          b.blankRow(row, cols);
          b.value(row, c("name"), `- ${sg.area}`, "subgroup");
          yield* b.drain(++row);
        }
        for (const a of sg.agencies) {
          b.value(row, c("stt"), ++stt, "textCenter");
          b.value(row, c("name"), a.name, "text");
          b.value(row, c("group"), a.groupId ? labelOf.get(a.groupId) ?? null : a.groupText ?? null, "text");
          b.value(row, c("area"), a.area, "text");
          b.value(row, c("note"), a.note, "text");
          b.value(row, c("form"), a.form ? formLabel(a.form) : null, "textCenter");
          if (withIds) b.value(row, c("rowId"), a.rowId ?? null, "text");
          yield* b.drain(++row);
        }
      }
    }
    for (let i = 0; i < spare; i++) b.blankRow(row++, cols);
  });
  // Formulas, the dropdown and the highlight reach far below the rows shown, so a list pasted
  // in without the add-in is counted whole; the total stands above the table, out of their way.
  const last = Math.max(next - 1, first + MIN_AGENCY_ROWS - 1);
  const groupCol = c("group");
  const L = (k: (typeof cols)[number]["key"]) => columnLetters(c(k));
  s.grid.validations.push({
    range: `${cellAddress(first, groupCol)}:${cellAddress(last, groupCol)}`,
    source: info.groupLabels,
    title: "Nhóm cơ quan",
    prompt: "Chọn nhóm cơ quan (dùng để tính kinh phí).",
    error: "Nhóm cơ quan phải là một nhóm trong bảng ở trang Thông tin.",
  });
  s.grid.validations.push({
    range: `${cellAddress(first, c("form"))}:${cellAddress(last, c("form"))}`,
    source: NAME_FORMS,
    title: "Hình thức",
    prompt: "Hình thức: để trống nếu duy trì, cải tiến; chọn Xây dựng mới hoặc Mở rộng nếu có (tính theo định mức riêng ở trang Thông tin).",
    error: "Hình thức phải là Duy trì, cải tiến; Xây dựng mới; hoặc Mở rộng.",
  });
  // An agency row (a name, an STT that is a number or blank, not a "- Huyện …" sub-group) without a group.
  s.grid.conditionalFormats = [{
    range: `${cellAddress(first, 1)}:${cellAddress(last, cols.length)}`,
    formula: `AND($${L("name")}${first}<>"",$${L("group")}${first}="",LEFT($${L("name")}${first},2)<>"- ",OR($${L("stt")}${first}="",ISNUMBER($${L("stt")}${first})))`,
    fill: UNGROUPED_FILL,
  }];
  const totalRow = TABLE_HEADER_ROW - 1;
  s.value(totalRow, c("name"), `${TOTAL_AGENCIES_LABEL}:`, "caption");
  const counted = plan.agencies.filter((a) => (a.groupId !== null && labelOf.has(a.groupId)) || a.groupText).length;
  s.formula(totalRow, c("group"), `COUNTIF(${NAME_PL1_GROUPS},"?*")`, counted, "caption", FORMATS.agencyTotal);
  const ungrouped = ungroupedNote(plan);
  s.formula(totalRow, c("area"), ungrouped.f, ungrouped.v, "warning");
  s.grid.printTitleRows = [TABLE_HEADER_ROW, TABLE_HEADER_ROW];
  s.grid.freezeRows = TABLE_HEADER_ROW;
  if (withIds) s.grid.hiddenColumns = [c("rowId")];
  s.grid.uniqueTextColumns = withIds ? [c("name"), c("rowId")] : [c("name")];
  const range = (col: number) => `${abs(first, col)}:${abs(last, col)}`;
  const names: DefinedName[] = [
    { name: NAME_PL1_GROUPS, sheet: SHEETS.agencies, ref: range(groupCol) },
    { name: NAME_PL1_NAMES, sheet: SHEETS.agencies, ref: range(c("name")) },
    { name: NAME_PL1_STT, sheet: SHEETS.agencies, ref: range(c("stt")) },
    { name: NAME_PL1_FORMS, sheet: SHEETS.agencies, ref: range(c("form")) },
    { name: NAME_AGENCY_COUNT, sheet: SHEETS.agencies, ref: abs(totalRow, groupCol) },
  ];
  return { grid: s.finish(), names };
}

/** Light red behind an agency row that has no group (the budget cannot count it). */
const UNGROUPED_FILL = "FFFFC7CE";

/** "N dòng chưa chọn nhóm — chưa tính": rows of PL1 with a name, no group, and an STT that is a number or blank. */
function ungroupedNote(plan: Plan): { f: string; v: string } {
  const n = `SUMPRODUCT((${NAME_PL1_NAMES}<>"")*(${NAME_PL1_GROUPS}="")*(LEFT(${NAME_PL1_NAMES},2)<>"- ")*(((${NAME_PL1_STT}="")+ISNUMBER(${NAME_PL1_STT}))>0))`;
  const count = plan.agencies.filter((a) => a.groupId === null && !a.groupText).length;
  return { f: `IF(${n}>0,${n}&"${UNGROUPED_NOTE}","")`, v: count > 0 ? `${count}${UNGROUPED_NOTE}` : "" };
}

function buildBudget(plan: Plan, info: InfoSheet): { grid: SheetGrid; names: DefinedName[] } {
  const cols = BUDGET_COLUMNS;
  const s = new SheetBuilder(SHEETS.budget, cols.map((c) => c.width));
  const c = (k: (typeof cols)[number]["key"]) => colOf(cols, k);
  const L = (k: (typeof cols)[number]["key"]) => columnLetters(c(k));
  const budget = computeBudget(plan);
  const lines = budget.sections.flatMap((x) => x.lines);
  const whole = [...lines.map((l) => l.amount), ...lines.map((l) => l.rate ?? 0)].every((x) => Number.isInteger(x));
  const moneyFmt = whole ? FORMATS.money : FORMATS.moneyDecimal;
  const money = (row: number, col: number, f: string | null, v: CellValue, style: StyleName = "money") =>
    f === null ? s.value(row, col, v, style, moneyFmt) : s.formula(row, col, f, v, style, moneyFmt);

  s.banner(1, cols.length, { v: PL2_CAPTION, style: "caption" });
  const title = titleLine(PL2_TITLE, plan);
  s.banner(2, cols.length, { v: title.v, f: title.f, style: "title" });
  const att = attachmentLine(plan);
  s.banner(3, cols.length, { v: att.v, f: att.f, style: "subtitle" });
  s.value(4, cols.length, UNIT_LINE, "unit");
  s.header(TABLE_HEADER_ROW, cols);
  let row = TABLE_HEADER_ROW + 1;
  const sectionRows: number[] = [];
  const maintainRow = new Map<string, number>();
  for (const section of budget.sections) {
    const head = row++;
    sectionRows.push(head);
    s.blankRow(head, cols);
    s.value(head, c("stt"), section.roman, "section");
    s.value(head, c("label"), section.title, "section");
    const firstLine = row;
    for (const line of section.lines) {
      s.blankRow(row, cols);
      s.value(row, c("label"), line.label, "text");
      const q = `${L("quantity")}${row}`;
      const r = `${L("rate")}${row}`;
      if (line.kind === "perAgency" && line.form) {
        // Rows of the group whose Hình thức is this form (counted off the group's duy trì line).
        const group = maintainRow.get(line.groupId!)!;
        s.formula(row, c("quantity"), `COUNTIFS(${NAME_PL1_GROUPS},${L("label")}${group},${NAME_PL1_FORMS},"${formLabel(line.form)}")`, line.quantity, "count");
        if (!section.lines.some((l, i) => l.form === line.form && i < section.lines.indexOf(line))) s.value(row, c("content"), FORM_CONTENT[line.form], "text");
        money(row, c("rate"), info.formRate.get(`${line.groupId!}:${line.form}`)!, line.rate);
        money(row, c("amount"), `${q}*${r}`, line.amount);
      } else if (line.kind === "perAgency") {
        const group = plan.groups.find((g) => g.id === line.groupId)!;
        const others = EXTRA_FORMS.filter((f) => formRate(group, f) !== null)
          .map((f) => `-COUNTIFS(${NAME_PL1_GROUPS},${L("label")}${row},${NAME_PL1_FORMS},"${formLabel(f)}")`).join("");
        s.formula(row, c("quantity"), `COUNTIF(${NAME_PL1_GROUPS},${L("label")}${row})${others}`, line.quantity, "count");
        maintainRow.set(line.groupId!, row);
        if (row === firstLine) s.value(row, c("content"), MAINTAIN_CONTENT, "text");
        money(row, c("rate"), info.groupRate.get(line.groupId!)!, line.rate);
        money(row, c("amount"), `${q}*${r}`, line.amount);
      } else if (line.kind === "inspection") {
        s.formula(row, c("quantity"), `COUNTIF(${NAME_PL1_GROUPS},"?*")`, line.quantity, "count");
        s.value(row, c("content"), INSPECTION_CONTENT, "text");
        money(row, c("amount"), "DM_KiemTra", line.amount);
        s.value(row, c("note"), "Trọn gói", "text");
      } else if (line.kind === "training") {
        s.formula(
          row, c("quantity"),
          "IF(ISNUMBER(DT_SoLop),DT_SoLop,IF(ISNUMBER(DT_SoNguoi),ROUNDUP(DT_SoNguoi/DM_NguoiLop,0),0))",
          trainingClasses(plan), "count", FORMATS.classes,
        );
        s.formula(row, c("content"), `DM_DaoTao&" triệu/lớp, "&DM_NguoiLop&" người/lớp (${TRAINING_CONTENT})"`,
          `${formatVnNumber(plan.rates.trainingPerClass)} triệu/lớp, ${plan.rates.peoplePerClass} người/lớp (${TRAINING_CONTENT})`, "text");
        money(row, c("rate"), "DM_DaoTao", line.rate);
        money(row, c("amount"), `${q}*${r}`, line.amount);
      } else {
        s.value(row, c("quantity"), line.quantity ?? line.quantityText, "count");
        if (line.content) s.value(row, c("content"), line.content, "text");
        money(row, c("rate"), null, line.rate);
        money(row, c("amount"), null, line.amount);
        if (line.note) s.value(row, c("note"), line.note, "text");
      }
      row++;
    }
    const perAgency = section.lines.filter((l) => l.kind === "perAgency" && !l.form).length;
    if (perAgency > 1) {
      // One "Nội dung chi" for all per-agency lines, as the seed prints it.
      s.grid.merges.push(`${L("content")}${firstLine}:${L("content")}${firstLine + perAgency - 1}`);
    }
    const sum = row > firstLine ? `SUM(${L("amount")}${firstLine}:${L("amount")}${row - 1})` : "0";
    money(head, c("amount"), sum, section.total, "total");
  }
  const totalRow = row++;
  s.blankRow(totalRow, cols);
  s.value(totalRow, c("label"), TOTAL_LABEL, "section");
  money(totalRow, c("amount"), sectionRows.map((r) => `${L("amount")}${r}`).join("+"), budget.total, "total");
  const ungrouped = ungroupedNote(plan);
  s.formula(totalRow, c("note"), ungrouped.f, ungrouped.v, "warning");
  const wordsRow = row + 0;
  s.banner(wordsRow, cols.length, {
    v: `${WORDS_PREFIX}${budget.totalWords}.`,
    f: `"${WORDS_PREFIX}"&IF(LEFT(${NAME_TOTAL_WORDS},1)="(",${NAME_TOTAL_WORDS},UPPER(LEFT(${NAME_TOTAL_WORDS},1))&MID(${NAME_TOTAL_WORDS},2,1000)&" đồng")&"."`,
    style: "words",
  });
  s.grid.printTitleRows = [TABLE_HEADER_ROW, TABLE_HEADER_ROW];
  s.grid.freezeRows = TABLE_HEADER_ROW;
  s.grid.protect = true;
  return { grid: s.finish(), names: [{ name: NAME_TOTAL, sheet: SHEETS.budget, ref: abs(totalRow, c("amount")) }] };
}

/**
 * Formulas that read a whole number of đồng in Vietnamese words, the way core/words does:
 * the absolute value split into six groups of three digits (below WORDS_LIMIT = 10^18), each
 * read from the digit words (named DIGIT_WORDS) with the mốt/tư/lăm/linh rules and "không
 * trăm" when a higher group is non-zero; the three top groups are read as a number of tỷ;
 * negatives read "âm …". `at(i)` places helper cells; returns the cells and the words.
 */
export function wordsFormulas(dong: string, at: (i: number) => string): { cells: Array<[string, string, string]>; words: string } {
  const a = `ABS(${dong})`;
  // The digits as text: exact for every amount read (≤ 10^15), where INT(x/10^k) is not
  // (LibreOffice rounds to 15 significant digits before taking the integer part).
  const groupOf = (k: number) => `VALUE(MID(TEXT(${a},"000000000000000000"),${1 + 3 * (5 - k)},3))`;
  const groups: Array<[string, number, string]> = [
    // label, power of 1000, scale word
    ["Phần triệu tỷ", 5, "triệu"],
    ["Phần nghìn tỷ", 4, "nghìn"],
    ["Phần tỷ", 3, ""],
    ["Phần triệu", 2, "triệu"],
    ["Phần nghìn", 1, "nghìn"],
    ["Phần đơn vị", 0, ""],
  ];
  const cells: Array<[string, string, string]> = [];
  const parts: string[] = [];
  groups.forEach(([label, k, scale], i) => {
    const v = at(2 * i);
    const w = at(2 * i + 1);
    const full = k === 5 ? "FALSE" : `${a}>=10^${3 * (k + 1)}`;
    const h = `INT(${v}/100)`;
    const t = `MOD(INT(${v}/10),10)`;
    const u = `MOD(${v},10)`;
    const digit = (d: string) => `INDEX(${NAME_DIGIT_WORDS},${d}+1)`;
    const hundreds = `IF(OR(${h}>0,${full}),${digit(h)}&" trăm","")`;
    const tens = `IF(${t}=0,IF(AND(${u}>0,OR(${h}>0,${full})),"linh",""),IF(${t}=1,"mười",${digit(t)}&" mươi"))`;
    const units = `IF(${u}=0,"",IF(AND(${u}=1,${t}>=2),"mốt",IF(AND(${u}=4,${t}>=2),"tư",IF(AND(${u}=5,${t}>=1),"lăm",${digit(u)}))))`;
    cells.push([label, v, groupOf(k)]);
    cells.push([`${label} bằng chữ`, w, `IF(${v}=0,"",TRIM(${hundreds}&" "&${tens}&" "&${units}))`]);
    parts.push(`${w}&IF(${v}>0,"${scale ? " " + scale : ""}","")`);
    if (k === 3) parts.push(`IF(${a}>=10^9,"tỷ","")`);
  });
  const words = at(groups.length * 2);
  cells.push([
    "Bằng chữ", words,
    `IF(${a}>${WORDS_LIMIT_FORMULA},"${TOO_LARGE_WORDS}",IF(${dong}=0,"không",IF(${dong}<0,"âm ","")&TRIM(${parts.join('&" "&')})))`,
  ]);
  return { cells, words };
}

/** The values wordsFormulas' cells compute for an amount (the cached results written with them). */
export function wordsCached(dong: number): CellValue[] {
  // Every amount read is ≤ 10^15, a safe integer: plain arithmetic is exact (no BigInt, which older webviews lack).
  const a = dong === 0 || Math.abs(dong) > WORDS_LIMIT ? 0 : Math.abs(Math.round(dong));
  const cached: CellValue[] = [];
  for (let k = 5; k >= 0; k--) {
    const g = Math.floor(a / 1000 ** k) % 1000;
    cached.push(g, g === 0 ? "" : tripleWords(g, k < 5 && a >= 1000 ** (k + 1)));
  }
  cached.push(numberWords(Math.round(dong)));
  return cached;
}

/** The hidden sheet behind "Bằng chữ": the digit words and the reading of the total. */
function buildLists(plan: Plan): { grid: SheetGrid; names: DefinedName[] } {
  const s = new SheetBuilder(SHEETS.lists, [8, 12, 2, 24, 60, 2, 20], false);
  s.value(1, 1, "Chữ số");
  s.value(1, 2, "Đọc là");
  for (let d = 0; d <= 9; d++) {
    s.value(d + 2, 1, d);
    s.value(d + 2, 2, tripleWords(d, false));
  }
  const dong = trieuToDong(computeBudget(plan).total);
  s.value(1, 4, "Tổng kinh phí (đồng)");
  s.formula(1, 5, `ROUND(${NAME_TOTAL}*1000000,0)`, dong);
  const cached = wordsCached(dong);
  const { cells, words } = wordsFormulas("$E$1", (i) => `$E$${i + 2}`);
  cells.forEach(([label, , f], i) => {
    s.value(i + 2, 4, label);
    s.formula(i + 2, 5, f, cached[i]);
  });
  s.value(1, 7, "Hình thức");
  WORK_FORMS.forEach((f, i) => s.value(i + 2, 7, f.label));
  s.grid.hidden = true;
  s.grid.protect = true;
  return {
    grid: s.finish(),
    names: [
      { name: NAME_DIGIT_WORDS, sheet: SHEETS.lists, ref: "$B$2:$B$11" },
      { name: NAME_FORMS, sheet: SHEETS.lists, ref: `$G$2:$G$${WORK_FORMS.length + 1}` },
      { name: NAME_TOTAL_DONG, sheet: SHEETS.lists, ref: "$E$1" },
      { name: NAME_TOTAL_WORDS, sheet: SHEETS.lists, ref: words },
    ],
  };
}

/** The whole standard workbook for a plan. */
export function buildWorkbook(plan: Plan, opts: WriteOptions = {}): WorkbookGrid {
  const info = buildInfo(plan);
  const tasks = buildTasks(plan, opts);
  const agencies = buildAgencies(plan, info, opts);
  const budget = buildBudget(plan, info);
  const lists = buildLists(plan);
  return {
    sheets: [info.grid, tasks, agencies.grid, budget.grid, lists.grid],
    names: [...info.names, ...agencies.names, ...budget.names, ...lists.names],
  };
}
