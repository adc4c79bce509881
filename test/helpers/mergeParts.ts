/** The merge flow's heavy parts in-process (the pane runs them in Web Workers): the product's own reader, merge and writer. */
import type { MergeParts } from "../../src/taskpane/flows/merge";
import { mergedOf } from "../../src/taskpane/flows/merge";
import { consolidate, existingFromRaw } from "../../src/workbook/consolidated";
import { submissionFromRaw } from "../../src/workbook/submission";
import { agencyList } from "../../src/core/season";
import { readPlan } from "../../src/workbook/read";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { openBytes } from "./open";

export const inProcessParts: MergeParts = {
  async read(file, groups) {
    const raw = await openBytes(new Uint8Array(await file.arrayBuffer()));
    const earlier = existingFromRaw(raw);
    if (earlier) return { earlier };
    return { submission: submissionFromRaw(file.name, file.lastModified, raw, groups ? { groups } : {}) };
  },
  async consolidate(fresh, existing, overrides, output, season) {
    const done = consolidate(fresh, existing, overrides, season);
    if (!done) return null;
    return mergedOf(done, output, output === "bytes" ? await writeXlsx(done.grid) : undefined);
  },
  async readList(file) {
    return agencyList(file.name, readPlan(await openBytes(new Uint8Array(await file.arrayBuffer()))).plan);
  },
};
