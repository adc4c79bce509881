/**
 * A strict fake of Excel's read side: properties throw unless they were loaded and synced
 * first (as Excel's PropertyNotLoaded), and every sync is counted. Cells are given as Excel
 * returns them: values (dates as serial numbers), valueTypes, numberFormat, and the text
 * Excel shows for a cell.
 */
import type { ExcelApi } from "../../src/adapters/office/excelWorkbook";

export interface FakeSheet {
  name: string;
  visibility?: "Visible" | "Hidden" | "VeryHidden";
  rowIndex: number;
  columnIndex: number;
  values: unknown[][];
  valueTypes?: string[][];
  numberFormat?: string[][];
  /** As Excel returns them: "=…" for a formula, else the value. Defaults to the values (no formulas). */
  formulas?: unknown[][];
  /** What Excel shows in the cell at (row, col) of the sheet, 0-based. */
  text?: (row: number, col: number) => string;
}

class Loadable {
  private readonly pending = new Set<string>();
  private readonly loaded = new Set<string>();
  constructor(private readonly props: Record<string, unknown>) {}
  load(spec: string): void {
    for (const p of spec.split(",").map((s) => s.trim())) this.pending.add(p);
  }
  sync(): void {
    for (const p of this.pending) this.loaded.add(p);
    this.pending.clear();
  }
  get(p: string): unknown {
    if (!this.loaded.has(p)) throw new Error(`PropertyNotLoaded: ${p}`);
    return this.props[p];
  }
}

export function strictExcel(sheets: FakeSheet[]): ExcelApi & { syncs: number } {
  const objects: Loadable[] = [];
  const track = (l: Loadable) => (objects.push(l), l);
  const api = {
    syncs: 0,
    async run<T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> {
      const items = sheets.map((s) => {
        const sheetProps = track(new Loadable({ name: s.name, visibility: s.visibility ?? "Visible" }));
        const empty = s.values.length === 0;
        return {
          get name() {
            return sheetProps.get("name");
          },
          get visibility() {
            return sheetProps.get("visibility");
          },
          _props: sheetProps,
          getUsedRangeOrNullObject() {
            const rows = s.values.length;
            const cols = s.values[0]?.length ?? 0;
            const r = track(new Loadable({
              values: s.values,
              valueTypes: s.valueTypes ?? s.values.map((row) => row.map((v) => (v === "" ? "Empty" : typeof v === "number" ? "Double" : typeof v === "boolean" ? "Boolean" : "String"))),
              numberFormat: s.numberFormat ?? s.values.map((row) => row.map(() => "General")),
              formulas: s.formulas ?? s.values,
              rowIndex: s.rowIndex,
              columnIndex: s.columnIndex,
              rowCount: rows,
              columnCount: cols,
            }));
            return new Proxy(r, {
              get(target, p: string) {
                if (p === "isNullObject") return empty;
                if (p === "load") return target.load.bind(target);
                return target.get(p);
              },
            });
          },
          getCell(row: number, col: number) {
            const c = track(new Loadable({ text: [[s.text?.(row, col) ?? ""]] }));
            return new Proxy(c, { get: (t, p: string) => (p === "load" ? t.load.bind(t) : t.get(p)) });
          },
        };
      });
      const sheetItems = track(new Loadable({ items }));
      const context = {
        workbook: {
          worksheets: {
            load(spec: string) {
              sheetItems.load("items");
              const props = spec.split(",").map((p) => p.trim().replace(/^items\//, "")).filter((p) => p !== "items");
              for (const it of items) if (props.length) it._props.load(props.join(","));
            },
            get items() {
              return sheetItems.get("items");
            },
          },
        },
        sync: () => {
          api.syncs++;
          for (const o of objects) o.sync();
          return Promise.resolve();
        },
      };
      return batch(context as unknown as Excel.RequestContext);
    },
  };
  return api;
}
