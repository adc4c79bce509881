/**
 * A strict fake of Excel for the Office.js flows: an in-memory workbook behind the part of the
 * Excel JavaScript API the adapter uses, with Excel's rules enforced the way Excel enforces them.
 *
 * - Nothing happens until `context.sync()`: calls queue actions, applied in order at sync; the
 *   first failing action throws a RichApi.Error with Excel's code, the earlier ones stay applied
 *   (Excel has no transactions), the later ones are dropped.
 * - Load before read: reading a property that was not loaded and synced throws PropertyNotLoaded.
 * - Request and response sizes: each sync's serialized request (JSON, non-ASCII escaped as
 *   \uXXXX, plus a per-action envelope) and response are measured; over 5 MB Excel on the web
 *   refuses them (RequestPayloadSizeLimitExceeded / ResponsePayloadSizeLimitExceeded).
 * - Sheet names (31 characters, no : \ / ? * [ ], no leading or trailing ', not "History"),
 *   unique without regard to case; defined names (Excel's characters, not a cell address,
 *   unique in their scope without regard to case); row height ≤ 409 pt; protected sheets refuse
 *   writes; the last visible sheet cannot be deleted or hidden.
 * - Renaming a sheet rewrites the references to it in every formula and name, as Excel does;
 *   deleting one turns them into #REF!, and takes its own (sheet-scoped) names with it.
 * - Formulas are stored, not calculated: a formula cell's value is the one the test gave, or empty.
 *
 * Written from Excel's documented behaviour, not from the adapter's code.
 */
import type { ExcelApi } from "../../src/adapters/office/excelWorkbook";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** The JSON envelope of one action or object path in a request (ids, action type, names). */
const ENVELOPE = 120;
const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

export class RichApiError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = "RichApi.Error";
  }
}

type Scalar = string | number | boolean;

export interface CellState {
  /** "=…" for a formula, else the value (text typed with a leading ' is stored without it). */
  input: Scalar;
  /** Text typed with Excel's prefix ' : never a formula or a number, even if it looks like one. */
  literal?: boolean;
  /** A formula's value, as the test gives it (the fake does not calculate). */
  value?: Scalar;
  format?: string;
  error?: boolean;
}

export interface NameState {
  name: string;
  /** "='Sheet'!$A$1" */
  formula: string;
}

export interface SheetState {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  cells: Map<string, CellState>;
  heights: Map<number, number>;
  hiddenColumns: Set<number>;
  names: NameState[];
  protected: boolean;
  merges: string[];
  validations: Array<{ range: string; source: string }>;
  conditions: Array<{ range: string; formula: string }>;
  frozenRows: number;
  print: Record<string, unknown>;
  /** What Excel shows in a cell (0-based), when a test needs it (dates). */
  text?: (row: number, col: number) => string;
}

export interface SheetInit {
  name: string;
  visibility?: SheetState["visibility"];
  /** Top-left of `rows`, 0-based. */
  at?: [number, number];
  /** Values ("" = empty); a string starting with "=" is a formula without a value. */
  rows?: unknown[][];
  /** Formulas over `rows`: "=…" makes the cell a formula whose value is the one in `rows`. */
  formulas?: unknown[][];
  formats?: string[][];
  /** Cells given as Excel errors ("#N/A"). */
  errors?: boolean[][];
  text?: (row: number, col: number) => string;
  names?: NameState[];
  protected?: boolean;
}

interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** JSON as office.js sends it, non-ASCII escaped: the bytes a value costs in a request or response. */
export function jsonBytes(value: unknown): number {
  const s = JSON.stringify(value) ?? "";
  let extra = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) extra += 5;
  return s.length + extra;
}

/** A formula cell (not text that merely starts with "="). */
export const isFormula = (c: CellState | undefined): boolean => !!c && !c.literal && typeof c.input === "string" && c.input.startsWith("=");

const upper = (s: string) => s.normalize("NFC").toLocaleUpperCase("vi");

function colNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
function letters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** "A1", "$B$2:$C$9", "A:C", "5:7" on a sheet. */
export function parseAddress(address: string): Rect {
  const a = address.replace(/\$/g, "").toUpperCase();
  const cols = /^([A-Z]+):([A-Z]+)$/.exec(a);
  if (cols) return { row: 0, col: colNumber(cols[1]) - 1, rows: MAX_ROWS, cols: colNumber(cols[2]) - colNumber(cols[1]) + 1 };
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows) return { row: Number(rows[1]) - 1, col: 0, rows: Number(rows[2]) - Number(rows[1]) + 1, cols: MAX_COLS };
  const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
  if (!m) throw new RichApiError("InvalidArgument", `Địa chỉ không hợp lệ: ${address}`);
  const r1 = Number(m[2]) - 1;
  const c1 = colNumber(m[1]) - 1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colNumber(m[3]) - 1 : c1;
  return { row: r1, col: c1, rows: r2 - r1 + 1, cols: c2 - c1 + 1 };
}

const rectAddress = (r: Rect) => `${letters(r.col + 1)}${r.row + 1}:${letters(r.col + r.cols)}${r.row + r.rows}`;

function sheetRefText(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !/^[A-Z]{1,3}\d+$/i.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** A formula's references to a sheet: 'Name'! or Name!, without regard to case. */
function refPattern(name: string): RegExp {
  const quoted = `'${name.replace(/'/g, "''").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}'!`;
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? `|(?<![\\w.'])${name.replace(/\./g, "\\.")}!` : "";
  return new RegExp(`${quoted}${bare}`, "giu");
}

function nameRule(name: string): string | null {
  if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name) || name.length > 255) return "invalid characters";
  if (/^[A-Z]{1,3}\d+$/i.test(name) && colNumber(name.replace(/\d+$/, "")) <= MAX_COLS) return "looks like a cell";
  if (/^(R\d*C?\d*|C\d*)$/i.test(name)) return "looks like an R1C1 reference";
  return null;
}

function sheetRule(name: string): string | null {
  if (name.length === 0 || [...name].length > 31) return "length";
  if (/[\\/?*:[\]]/.test(name)) return "characters";
  if (name.startsWith("'") || name.endsWith("'")) return "apostrophe";
  if (upper(name) === "HISTORY") return "reserved";
  return null;
}

interface Action {
  kind: string;
  bytes: number;
  apply: () => void;
  /** For a load: the bytes of its result, known once applied. */
  response?: () => number;
}

/** Where a test makes Excel fail: the action kind and what it is about. */
export type FailWhen = (kind: string, about: string) => string | undefined;

export class FakeExcel implements ExcelApi {
  sheets: SheetState[] = [];
  names: NameState[] = [];
  calculationMode = "Automatic";
  /** Serialized size of each sync's request and response. */
  requests: number[] = [];
  responses: number[] = [];
  syncs = 0;
  runs = 0;
  failWhen?: FailWhen;
  private nextId = 1;

  constructor(init: { sheets?: SheetInit[]; names?: NameState[] } = {}) {
    for (const s of init.sheets ?? [{ name: "Sheet1" }]) this.addSheetState(s);
    this.names = [...(init.names ?? [])];
  }

  private addSheetState(init: SheetInit): SheetState {
    const s: SheetState = {
      id: `{${this.nextId++}}`,
      name: init.name,
      visibility: init.visibility ?? "Visible",
      cells: new Map(),
      heights: new Map(),
      hiddenColumns: new Set(),
      names: [...(init.names ?? [])],
      protected: init.protected ?? false,
      merges: [],
      validations: [],
      conditions: [],
      frozenRows: 0,
      print: {},
      text: init.text,
    };
    const [r0, c0] = init.at ?? [0, 0];
    init.rows?.forEach((row, i) =>
      row.forEach((v, j) => {
        const f = init.formulas?.[i]?.[j];
        const format = init.formats?.[i]?.[j];
        const error = init.errors?.[i]?.[j];
        if (typeof f === "string" && f.startsWith("=")) s.cells.set(`${r0 + i},${c0 + j}`, { input: f, value: v === "" ? undefined : (v as Scalar), format, error });
        else if (v !== "" && v !== null && v !== undefined) s.cells.set(`${r0 + i},${c0 + j}`, { input: v as Scalar, format, error });
        else if (format) s.cells.set(`${r0 + i},${c0 + j}`, { input: "", format });
      }),
    );
    this.sheets.push(s);
    return s;
  }

  /** A sheet by name, as Excel finds it (without regard to case). */
  sheet(name: string): SheetState | undefined {
    return this.sheets.find((s) => upper(s.name) === upper(name));
  }

  /** What a cell holds: its formula ("=…") or value; undefined when empty. */
  input(sheet: string, address: string): Scalar | undefined {
    const r = parseAddress(address);
    const v = this.sheet(sheet)?.cells.get(`${r.row},${r.col}`)?.input;
    return v === "" ? undefined : v;
  }

  /** The formula a name has for a formula on this sheet: the sheet's own name first, then the workbook's. */
  resolve(sheet: string, name: string): string | undefined {
    const own = this.sheet(sheet)?.names.find((n) => upper(n.name) === upper(name));
    return (own ?? this.names.find((n) => upper(n.name) === upper(name)))?.formula;
  }

  /**
   * The user inserts rows above `before` (0-based) on a sheet: its cells move down and the names
   * pointing at them follow (as Excel does; the fake does not shift other formulas' references).
   */
  insertRows(sheet: string, before: number, count: number): void {
    const s = this.sheet(sheet)!;
    s.cells = new Map([...s.cells].map(([key, c]) => {
      const [r, col] = key.split(",").map(Number);
      return [`${r >= before ? r + count : r},${col}`, c];
    }));
    const shift = (f: string) =>
      f.replace(refPattern(s.name), "\u0000").replace(/\u0000(\$?[A-Z]+\$?)(\d+)(?::(\$?[A-Z]+\$?)(\d+))?/g, (_m, c1: string, r1: string, c2?: string, r2?: string) => {
        const move = (r: string) => String(Number(r) > before ? Number(r) + count : Number(r));
        return `${sheetRefText(s.name)}!${c1}${move(r1)}${c2 ? `:${c2}${move(r2!)}` : ""}`;
      });
    for (const sh of this.sheets) for (const n of sh.names) n.formula = shift(n.formula);
    for (const n of this.names) n.formula = shift(n.formula);
  }

  /** Everything a user sees and keeps, for before/after comparisons. */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: [...s.cells.entries()].sort(), names: s.names })),
      names: this.names,
    };
  }

  private fail(kind: string, about: string): void {
    const code = this.failWhen?.(kind, about);
    if (code) throw new RichApiError(code, `Injected failure of ${kind} ${about}`);
  }

  private rename(s: SheetState, to: string): void {
    const rule = sheetRule(to);
    if (rule) throw new RichApiError("InvalidArgument", `The sheet name is not valid (${rule}).`);
    const other = this.sheet(to);
    if (other && other !== s) throw new RichApiError("ItemAlreadyExists", "The resource being created already exists.");
    this.fail("renameSheet", `${s.name}>${to}`);
    const pattern = refPattern(s.name);
    const ref = `${sheetRefText(to)}!`;
    this.rewrite((f) => f.replace(pattern, ref));
    s.name = to;
  }

  private rewrite(change: (formula: string) => string): void {
    for (const sh of this.sheets) {
      for (const c of sh.cells.values()) if (isFormula(c)) c.input = change(c.input as string);
      for (const n of sh.names) n.formula = change(n.formula);
      for (const v of sh.validations) v.source = change(v.source);
    }
    for (const n of this.names) n.formula = change(n.formula);
  }

  private deleteSheet(s: SheetState): void {
    const visible = this.sheets.filter((x) => x.visibility === "Visible");
    if (visible.length === 1 && visible[0] === s) throw new RichApiError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
    this.fail("deleteSheet", s.name);
    this.sheets.splice(this.sheets.indexOf(s), 1);
    const pattern = refPattern(s.name);
    this.rewrite((f) => f.replace(new RegExp(`${pattern.source}(\\$?[A-Z]+\\$?\\d+(:\\$?[A-Z]+\\$?\\d+)?)`, "giu"), "#REF!"));
  }

  private addName(scope: SheetState | null, name: string, reference: string): NameState {
    if (nameRule(name)) throw new RichApiError("InvalidArgument", `The name is not valid (${nameRule(name)}).`);
    const list = scope ? scope.names : this.names;
    if (list.some((n) => upper(n.name) === upper(name))) throw new RichApiError("ItemAlreadyExists", "The resource being created already exists.");
    const target = this.target(reference);
    if (!target) throw new RichApiError("InvalidArgument", `The reference is not valid: ${reference}`);
    this.fail("addName", `${scope?.name ?? "(sổ)"}!${name}`);
    const n = { name, formula: reference.startsWith("=") ? reference : `=${reference}` };
    list.push(n);
    return n;
  }

  /** The sheet and cells a reference "='Sheet'!$A$1:$B$2" points to, or null. */
  target(reference: string): { sheet: SheetState; rect: Rect } | null {
    const m = /^=?(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/i.exec(reference);
    if (!m) return null;
    const sheet = this.sheet(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
    return sheet ? { sheet, rect: parseAddress(m[3]) } : null;
  }

  async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
    this.runs++;
    const ctx = new Context(this);
    return batch(ctx as unknown as Excel.RequestContext);
  }

  /* ---------- used by the proxies ---------- */

  _addSheet(name: string): SheetState {
    const rule = sheetRule(name);
    if (rule) throw new RichApiError("InvalidArgument", `The sheet name is not valid (${rule}).`);
    if (this.sheet(name)) throw new RichApiError("ItemAlreadyExists", "The resource being created already exists.");
    this.fail("addSheet", name);
    return this.addSheetState({ name });
  }
  _rename = (s: SheetState, to: string) => this.rename(s, to);
  _delete = (s: SheetState) => this.deleteSheet(s);
  _addName = (scope: SheetState | null, name: string, ref: string) => this.addName(scope, name, ref);
  _fail = (kind: string, about: string) => this.fail(kind, about);
}

/** A proxy's loaded properties: readable only after load() and sync(). */
class Loaded {
  private values = new Map<string, unknown>();
  set(p: string, v: unknown) {
    this.values.set(p, v);
  }
  get(p: string, what: string): unknown {
    if (!this.values.has(p)) throw new RichApiError("PropertyNotLoaded", `The property '${p}' of ${what} is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`);
    return this.values.get(p);
  }
}

class Context {
  queue: Action[] = [];
  constructor(readonly excel: FakeExcel) {}
  get workbook() {
    return new WorkbookProxy(this);
  }
  push(kind: string, bytes: number, apply: () => void, response?: () => number): void {
    this.queue.push({ kind, bytes: bytes + ENVELOPE, apply, response });
  }
  async sync(): Promise<void> {
    const excel = this.excel;
    excel.syncs++;
    const actions = this.queue;
    this.queue = [];
    const request = actions.reduce((n, a) => n + a.bytes, 0);
    excel.requests.push(request);
    if (request > PAYLOAD_LIMIT) throw new RichApiError("RequestPayloadSizeLimitExceeded", `The request payload size (${request}) has exceeded the limit.`);
    let response = 0;
    for (const a of actions) {
      a.apply();
      response += a.response?.() ?? 0;
    }
    excel.responses.push(response);
    if (response > PAYLOAD_LIMIT) throw new RichApiError("ResponsePayloadSizeLimitExceeded", `The response payload size (${response}) has exceeded the limit.`);
    await Promise.resolve();
  }
}

class WorkbookProxy {
  constructor(private readonly ctx: Context) {}
  get worksheets() {
    return new SheetsProxy(this.ctx);
  }
  get names() {
    return new NamesProxy(this.ctx, null);
  }
  get application() {
    const ctx = this.ctx;
    const loaded = new Loaded();
    return {
      load(spec: string) {
        ctx.push("load", jsonBytes(spec), () => loaded.set("calculationMode", ctx.excel.calculationMode), () => 30);
      },
      get calculationMode() {
        return loaded.get("calculationMode", "Application");
      },
    };
  }
}

function loadSpec(spec: string | string[]): string[] {
  return (Array.isArray(spec) ? spec : spec.split(",")).map((p) => p.trim()).filter(Boolean);
}

class SheetsProxy {
  private readonly loaded = new Loaded();
  constructor(private readonly ctx: Context) {}
  load(spec: string) {
    const props = loadSpec(spec).map((p) => p.replace(/^items\/?/, "")).filter(Boolean);
    this.ctx.push("load", jsonBytes(spec), () => {
      const items = this.ctx.excel.sheets.map((s) => {
        const ws = new SheetProxy(this.ctx, () => s);
        ws.fill(props.length ? props : ["name", "visibility", "id", "position"]);
        return ws;
      });
      this.loaded.set("items", items);
    }, () => jsonBytes(this.ctx.excel.sheets.map((s) => ({ name: s.name, id: s.id, visibility: s.visibility }))));
  }
  get items(): SheetProxy[] {
    return this.loaded.get("items", "WorksheetCollection") as SheetProxy[];
  }
  add(name: string): SheetProxy {
    let made: SheetState | undefined;
    this.ctx.push("addSheet", jsonBytes(name), () => void (made = this.ctx.excel._addSheet(name)));
    return new SheetProxy(this.ctx, () => made ?? missing(name));
  }
  getItem(name: string): SheetProxy {
    let found: SheetState | undefined;
    this.ctx.push("getItem", jsonBytes(name), () => {
      found = this.ctx.excel.sheet(name);
      if (!found) throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
    });
    return new SheetProxy(this.ctx, () => found ?? missing(name));
  }
  getItemOrNullObject(name: string): SheetProxy {
    let found: SheetState | undefined;
    this.ctx.push("getItem", jsonBytes(name), () => void (found = this.ctx.excel.sheet(name)));
    return new SheetProxy(this.ctx, () => found ?? missing(name), () => found === undefined);
  }
}

function missing(name: string): never {
  throw new RichApiError("ItemNotFound", `The requested resource doesn't exist: ${name}`);
}

class SheetProxy {
  private readonly loaded = new Loaded();
  private synced = false;
  constructor(private readonly ctx: Context, readonly state: () => SheetState, private readonly isNull: () => boolean = () => false) {
    ctx.push("objectPath", 0, () => void (this.synced = true));
  }
  fill(props: string[]): void {
    const s = this.state();
    for (const p of props) this.loaded.set(p, (s as unknown as Record<string, unknown>)[p === "position" ? "id" : p]);
  }
  get isNullObject(): boolean {
    if (!this.synced) throw new RichApiError("PropertyNotLoaded", "isNullObject is known only after sync()");
    return this.isNull();
  }
  load(spec: string) {
    this.ctx.push("load", jsonBytes(spec), () => {
      if (!this.isNull()) this.fill(loadSpec(spec));
    }, () => 100);
  }
  get name(): string {
    return this.loaded.get("name", "Worksheet") as string;
  }
  set name(to: string) {
    this.ctx.push("renameSheet", jsonBytes(to), () => this.ctx.excel._rename(this.state(), to));
  }
  get id(): string {
    return this.loaded.get("id", "Worksheet") as string;
  }
  get visibility(): string {
    return this.loaded.get("visibility", "Worksheet") as string;
  }
  set visibility(v: string) {
    this.ctx.push("visibility", jsonBytes(v), () => {
      const s = this.state();
      const visible = this.ctx.excel.sheets.filter((x) => x.visibility === "Visible");
      if (v !== "Visible" && visible.length === 1 && visible[0] === s) throw new RichApiError("InvalidOperation", "A workbook must contain at least one visible worksheet.");
      s.visibility = v as SheetState["visibility"];
    });
  }
  get names() {
    return new NamesProxy(this.ctx, this);
  }
  delete() {
    this.ctx.push("deleteSheet", 0, () => this.ctx.excel._delete(this.state()));
  }
  activate() {
    this.ctx.push("activate", 0, () => void this.state());
  }
  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () => (address ? parseAddress(address) : { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS }), jsonBytes(address ?? ""));
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, this, () => ({ row, col, rows, cols }), 40);
  }
  getCell(row: number, col: number): RangeProxy {
    return this.getRangeByIndexes(row, col, 1, 1);
  }
  getUsedRangeOrNullObject(): RangeProxy {
    const used = (): Rect | null => {
      let r0 = Infinity, c0 = Infinity, r1 = -1, c1 = -1;
      for (const [key, cell] of this.state().cells) {
        if (cell.input === "" && cell.value === undefined) continue;
        const [r, c] = key.split(",").map(Number);
        r0 = Math.min(r0, r); c0 = Math.min(c0, c); r1 = Math.max(r1, r); c1 = Math.max(c1, c);
      }
      return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
    };
    return new RangeProxy(this.ctx, this, () => used() ?? { row: 0, col: 0, rows: 0, cols: 0 }, 20, () => used() === null);
  }
  get freezePanes() {
    return { freezeRows: (n: number) => this.ctx.push("freeze", 10, () => void (this.state().frozenRows = n)) };
  }
  get protection() {
    return {
      protect: (options?: unknown) => this.ctx.push("protect", jsonBytes(options ?? {}), () => void (this.state().protected = true)),
      unprotect: () => this.ctx.push("unprotect", 0, () => void (this.state().protected = false)),
    };
  }
  get pageLayout() {
    const set = (key: string, value: unknown) => this.ctx.push("pageLayout", jsonBytes(value), () => void (this.state().print[key] = value));
    return {
      set orientation(v: string) { set("orientation", v); },
      set paperSize(v: string) { set("paperSize", v); },
      set zoom(v: unknown) { set("zoom", v); },
      setPrintTitleRows: (rows: string) => set("titleRows", rows),
      setPrintMargins: (unit: string, margins: unknown) => set("margins", { unit, ...(margins as object) }),
      headersFooters: { defaultForAllPages: { set centerFooter(v: string) { set("centerFooter", v); } } },
    };
  }
}

class NamesProxy {
  private readonly loaded = new Loaded();
  constructor(private readonly ctx: Context, private readonly scope: SheetProxy | null) {}
  private list(): NameState[] {
    return this.scope ? this.scope.state().names : this.ctx.excel.names;
  }
  load(spec: string) {
    this.ctx.push("load", jsonBytes(spec), () => this.loaded.set("items", this.list().map((n) => new NameProxy(this.ctx, () => n, this.scope, true))), () => jsonBytes(this.list()));
  }
  get items(): NameProxy[] {
    return this.loaded.get("items", "NamedItemCollection") as NameProxy[];
  }
  add(name: string, reference: string): NameProxy {
    let made: NameState | undefined;
    this.ctx.push("addName", jsonBytes([name, reference]), () => void (made = this.ctx.excel._addName(this.scope ? this.scope.state() : null, name, reference)));
    return new NameProxy(this.ctx, () => made ?? missing(name), this.scope, false);
  }
  getItemOrNullObject(name: string): NameProxy {
    let found: NameState | undefined;
    this.ctx.push("getName", jsonBytes(name), () => void (found = this.list().find((n) => upper(n.name) === upper(name))));
    return new NameProxy(this.ctx, () => found ?? missing(name), this.scope, false, () => found === undefined);
  }
}

class NameProxy {
  private readonly loaded = new Loaded();
  private synced = false;
  constructor(private readonly ctx: Context, private readonly state: () => NameState, private readonly scope: SheetProxy | null, filled: boolean, private readonly isNull: () => boolean = () => false) {
    if (filled) {
      this.fill();
      this.synced = true;
    } else ctx.push("objectPath", 0, () => void (this.synced = true));
  }
  private fill() {
    const n = this.state();
    this.loaded.set("name", n.name);
    this.loaded.set("formula", n.formula);
    this.loaded.set("type", "Range");
  }
  get isNullObject(): boolean {
    if (!this.synced) throw new RichApiError("PropertyNotLoaded", "isNullObject is known only after sync()");
    return this.isNull();
  }
  load(spec: string) {
    this.ctx.push("load", jsonBytes(spec), () => void (this.isNull() || this.fill()), () => 100);
  }
  get name(): string {
    return this.loaded.get("name", "NamedItem") as string;
  }
  get formula(): string {
    return this.loaded.get("formula", "NamedItem") as string;
  }
  delete() {
    this.ctx.push("deleteName", 0, () => {
      const n = this.state();
      const list = this.scope ? this.scope.state().names : this.ctx.excel.names;
      list.splice(list.indexOf(n), 1);
    });
  }
  getRange(): RangeProxy {
    let target: { sheet: SheetState; rect: Rect } | null = null;
    this.ctx.push("getRange", 0, () => {
      target = this.ctx.excel.target(this.state().formula);
      if (!target) throw new RichApiError("InvalidReference", `The name does not refer to a range: ${this.state().formula}`);
    });
    const sheet = new SheetProxy(this.ctx, () => target?.sheet ?? missing(this.state().name));
    return new RangeProxy(this.ctx, sheet, () => target?.rect ?? missing(this.state().name), 0);
  }
}

function valueType(c: CellState | undefined): string {
  const v = c && (isFormula(c) ? c.value : c.input);
  if (c?.error) return "Error";
  if (v === undefined || v === "") return "Empty";
  return typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String";
}

class RangeProxy {
  private readonly loaded = new Loaded();
  private synced = false;
  constructor(
    private readonly ctx: Context,
    private readonly sheet: SheetProxy,
    private readonly rect: () => Rect,
    pathBytes: number,
    private readonly isNull: () => boolean = () => false,
  ) {
    ctx.push("objectPath", pathBytes, () => void (this.synced = true));
  }
  get isNullObject(): boolean {
    if (!this.synced) throw new RichApiError("PropertyNotLoaded", "isNullObject is known only after sync()");
    return this.isNull();
  }
  private grid<T>(f: (c: CellState | undefined, row: number, col: number) => T): T[][] {
    const r = this.rect();
    const s = this.sheet.state();
    return Array.from({ length: r.rows }, (_, i) => Array.from({ length: r.cols }, (_, j) => f(s.cells.get(`${r.row + i},${r.col + j}`), r.row + i, r.col + j)));
  }
  load(spec: string) {
    const props = loadSpec(spec);
    let bytes = 0;
    this.ctx.push("load", jsonBytes(spec), () => {
      if (this.isNull()) return;
      const r = this.rect();
      if (r.rows * r.cols > 5_000_000) throw new RichApiError("ResponsePayloadSizeLimitExceeded", "The range is too large to load.");
      const s = this.sheet.state();
      for (const p of props) {
        let v: unknown;
        if (p === "values") v = this.grid((c) => (c === undefined ? "" : isFormula(c) ? c.value ?? "" : c.input));
        else if (p === "formulas") v = this.grid((c) => (c === undefined ? "" : c.input));
        else if (p === "valueTypes") v = this.grid(valueType);
        else if (p === "numberFormat") v = this.grid((c) => c?.format ?? "General");
        else if (p === "text") v = this.grid((c, row, col) => s.text?.(row, col) ?? String(c === undefined ? "" : isFormula(c) ? c.value ?? "" : c.input));
        else if (p === "rowIndex") v = r.row;
        else if (p === "columnIndex") v = r.col;
        else if (p === "rowCount") v = r.rows;
        else if (p === "columnCount") v = r.cols;
        else if (p === "address") v = `${sheetRefText(s.name)}!${rectAddress(r)}`;
        else throw new RichApiError("InvalidArgument", `Unknown property ${p}`);
        this.loaded.set(p, v);
        bytes += jsonBytes(v);
      }
    }, () => bytes);
  }
  private read(p: string): unknown {
    return this.loaded.get(p, "Range");
  }
  get values() { return this.read("values") as unknown[][]; }
  get formulas() { return this.read("formulas") as unknown[][]; }
  get valueTypes() { return this.read("valueTypes") as string[][]; }
  get numberFormat() { return this.read("numberFormat") as string[][]; }
  get text() { return this.read("text") as string[][]; }
  get rowIndex() { return this.read("rowIndex") as number; }
  get columnIndex() { return this.read("columnIndex") as number; }
  get rowCount() { return this.read("rowCount") as number; }
  get columnCount() { return this.read("columnCount") as number; }
  get address() { return this.read("address") as string; }
  get worksheet(): SheetProxy {
    return this.sheet;
  }

  private write(kind: string, matrix: unknown[][], put: (c: CellState | undefined, v: unknown) => CellState | undefined): void {
    this.ctx.push(kind, jsonBytes(matrix), () => {
      const r = this.rect();
      const s = this.sheet.state();
      if (s.protected) throw new RichApiError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet.");
      if (matrix.length !== r.rows || matrix.some((row) => row.length !== r.cols)) throw new RichApiError("InvalidArgument", "The number of rows or columns in the input array doesn't match the size or dimensions of the range.");
      this.ctx.excel._fail(kind, `${s.name}!${rectAddress(r)}`);
      matrix.forEach((row, i) =>
        row.forEach((v, j) => {
          const key = `${r.row + i},${r.col + j}`;
          const next = put(s.cells.get(key), v);
          if (next) s.cells.set(key, next);
          else s.cells.delete(key);
        }),
      );
    });
  }
  set values(m: unknown[][]) {
    this.write("setValues", m, (c, v) => {
      if (v === "" || v === null) return c?.format ? { input: "", format: c.format } : undefined;
      if (typeof v === "string" && v.startsWith("'")) return { input: v.slice(1), literal: true, format: c?.format };
      if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return { input: Number(v), format: c?.format };
      return { input: v as Scalar, format: c?.format };
    });
  }
  set formulas(m: unknown[][]) {
    this.values = m;
  }
  set numberFormat(m: unknown[][]) {
    this.write("setNumberFormat", m, (c, v) => ({ input: c?.input ?? "", value: c?.value, format: String(v) }));
  }
  get format(): unknown {
    const push = (key: string, v: unknown) => {
      this.ctx.push("format", jsonBytes(v), () => {
        if (key === "rowHeight") {
          if (typeof v !== "number" || v < 0 || v > 409) throw new RichApiError("InvalidArgument", "The argument is invalid or missing or has an incorrect format.");
          const r = this.rect();
          for (let i = 0; i < r.rows; i++) this.sheet.state().heights.set(r.row + i, v);
        }
      });
    };
    const node = (path: string): unknown =>
      new Proxy({}, {
        get: (_t, p: string) => (p === "getItem" ? (edge: string) => node(`${path}.${edge}`) : node(`${path}.${p}`)),
        set: (_t, p: string, v: unknown) => (push(path ? `${path}.${p}` : p, v), true),
      });
    return node("");
  }
  set columnHidden(v: boolean) {
    this.ctx.push("columnHidden", jsonBytes(v), () => {
      const r = this.rect();
      for (let i = 0; i < r.cols; i++) this.sheet.state().hiddenColumns.add(r.col + i);
    });
  }
  merge() {
    this.ctx.push("merge", 0, () => void this.sheet.state().merges.push(rectAddress(this.rect())));
  }
  select() {
    this.ctx.push("select", 0, () => void this.rect());
  }
  get dataValidation() {
    const at = () => rectAddress(this.rect());
    const push = (v: unknown, apply: (s: SheetState) => void) => this.ctx.push("dataValidation", jsonBytes(v), () => apply(this.sheet.state()));
    return {
      set rule(rule: { list?: { source: string } }) {
        push(rule, (s) => s.validations.push({ range: at(), source: rule.list?.source ?? "" }));
      },
      set prompt(p: unknown) {
        push(p, () => undefined);
      },
      set errorAlert(p: unknown) {
        push(p, () => undefined);
      },
    };
  }
  get conditionalFormats() {
    return {
      add: (type: string) => {
        if (type !== "Custom") throw new Error(`conditional format type ${type}`);
        const entry = { range: "", formula: "" };
        this.ctx.push("conditionalFormat", 20, () => {
          entry.range = rectAddress(this.rect());
          this.sheet.state().conditions.push(entry);
        });
        const ctx = this.ctx;
        return {
          custom: {
            rule: { set formula(f: string) { ctx.push("conditionalFormat", jsonBytes(f), () => void (entry.formula = f)); } },
            format: { fill: { set color(c: string) { ctx.push("conditionalFormat", jsonBytes(c), () => undefined); } } },
          },
        };
      },
    };
  }
}
