/** The seed 001 plan as a model, read through the same reader users' files go through. */
import { defaultGroups } from "../core/groups";
import type { Plan } from "../core/model";
import type { RawWorkbook } from "../workbook/grid";
import { readPlan } from "../workbook/read";
import { DONG_THAP_2022_PL1 } from "./dongThap2022.data";

/** Phụ lục 1 of seed 001 as the raw sheet a user's workbook would give. */
export function dongThapPrintedSheet(): RawWorkbook {
  const rows = DONG_THAP_2022_PL1.split("\n").map((line) => line.split("\t").map((v) => (v === "" ? null : v)));
  return { sheets: [{ name: "Phụ lục 1", rows }] };
}

/** The seed 001 provincial plan: 150 agencies, rates of its Phụ lục 2. */
export function dongThap2022Plan(): Plan {
  const { plan } = readPlan(dongThapPrintedSheet(), { groups: defaultGroups(3) });
  return {
    ...plan,
    info: {
      issuer: "Ủy ban nhân dân tỉnh Đồng Tháp",
      number: "…/KH-UBND",
      date: "…/…/2021",
      year: 2022,
      area: "tỉnh Đồng Tháp",
      level: "Tỉnh",
      levels: 3,
    },
    rates: { trainingPerClass: 50, peoplePerClass: 75, inspectionLumpSum: 70 },
    training: { classes: 6, participants: null },
  };
}
