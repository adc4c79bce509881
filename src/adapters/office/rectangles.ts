/** Cells with the same key grouped into few rectangles, so formatting costs a handful of calls per sheet, not one per cell. */

export interface Rect {
  row: number; // 0-based
  col: number;
  rows: number;
  cols: number;
}

/** Rectangles covering the cells of each key (rows: 0-based grid of keys, undefined = none). */
export function rectanglesByKey<K extends string>(rows: ReadonlyArray<ReadonlyArray<K | undefined>>): Map<K, Rect[]> {
  const out = new Map<K, Rect[]>();
  // Runs per row, then stacked while the next row has the same run.
  const open = new Map<string, Rect>();
  rows.forEach((cells, r) => {
    const runs: Array<{ key: K; col: number; cols: number }> = [];
    cells.forEach((key, c) => {
      if (key === undefined) return;
      const last = runs[runs.length - 1];
      if (last && last.key === key && last.col + last.cols === c) last.cols++;
      else runs.push({ key, col: c, cols: 1 });
    });
    const seen = new Set<string>();
    for (const run of runs) {
      const id = `${run.key}\u0000${run.col}\u0000${run.cols}`;
      seen.add(id);
      const rect = open.get(id);
      if (rect && rect.row + rect.rows === r) rect.rows++;
      else {
        const fresh = { row: r, col: run.col, rows: 1, cols: run.cols };
        open.set(id, fresh);
        const list = out.get(run.key) ?? [];
        list.push(fresh);
        out.set(run.key, list);
      }
    }
  });
  return out;
}
