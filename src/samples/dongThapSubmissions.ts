/**
 * Seed 001 split the way it reaches the Sở KH&CN: one workbook per department
 * (the Sở KH&CN's own carries the inspection lump sum and the training classes and
 * says cấp "Tỉnh"), one per attached unit, one per district (its UBND and communes).
 * Merged, they give seed 001's Phụ lục 1 and 2: 150 agencies, 2.620 triệu đồng.
 */
import type { Agency, Plan, Training } from "../core/model";
import { foldText } from "../core/text";
import { arrangeAgencies } from "../core/grouping";
import { dongThap2022Plan } from "./dongThap2022";

export interface SampleSubmission {
  /** File name, ordered so that districts come in seed 001's order. */
  file: string;
  plan: Plan;
}

const PROVINCE = "tỉnh Đồng Tháp";

function slug(text: string): string {
  return foldText(text).replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

export function dongThapSubmissions(): SampleSubmission[] {
  const province = dongThap2022Plan();
  const sections = arrangeAgencies(province.agencies, province.groups, province.info.area);
  const submission = (
    file: string,
    issuer: string,
    area: string,
    agencies: Agency[],
    own: { level?: string; inspection?: number; training?: Training } = {},
  ): SampleSubmission => ({
    file,
    plan: {
      ...province,
      info: { ...province.info, issuer, area, level: own.level ?? "Cơ quan", number: "", date: "15/11/2021" },
      rates: { ...province.rates, inspectionLumpSum: own.inspection ?? 0 },
      training: own.training ?? { classes: null, participants: null },
      agencies: agencies.map((a) => ({ name: a.name, groupId: a.groupId, area: a.area, note: a.note })),
      tasks: [],
      extraLines: [],
    },
  });
  const out: SampleSubmission[] = [];
  const [departments, attached, districts] = sections;
  departments.subGroups[0].agencies.forEach((a, i) => {
    const file = `so-${String(i + 1).padStart(2, "0")}-${slug(a.name)}.xlsx`;
    if (foldText(a.name) === "so khoa hoc va cong nghe") {
      out.push(
        submission(file, "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", PROVINCE, [a], {
          level: "Tỉnh",
          inspection: province.rates.inspectionLumpSum,
          training: { ...province.training },
        }),
      );
    } else {
      out.push(submission(file, a.name, PROVINCE, [a]));
    }
  });
  attached.subGroups[0].agencies.forEach((a, i) => {
    out.push(submission(`truc-thuoc-${String(i + 1).padStart(2, "0")}-${slug(a.name)}.xlsx`, a.name, PROVINCE, [a]));
  });
  districts.subGroups.forEach((sg, i) => {
    const area = sg.area ?? "";
    out.push(submission(`xa-huyen-${String(i + 1).padStart(2, "0")}-${slug(area)}.xlsx`, sg.agencies[0].name, area, sg.agencies));
  });
  return out;
}
