/** The merge flow's heavy parts in-process (the pane runs them in Web Workers): the product's own reader, merge and writer. */
import type { MergeParts } from "../../src/taskpane/flows/merge";
import { mergedOf } from "../../src/taskpane/flows/merge";
import { chosenFile, consolidate } from "../../src/workbook/consolidated";
import { agencyList } from "../../src/core/season";
import { readPlan } from "../../src/workbook/read";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { openBytes } from "./open";

export const inProcessParts: MergeParts = {
  async read(file, groups) {
    return chosenFile(file.name, file.lastModified, await openBytes(new Uint8Array(await file.arrayBuffer())), groups ? { groups } : {});
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
