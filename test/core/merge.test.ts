import { computeBudget } from "../../src/core/budget";
import { mergeSubmissions, type Submission } from "../../src/core/merge";
import type { Agency, Plan } from "../../src/core/model";
import { newPlan } from "../../src/workbook/plan";

const base = (): Plan => ({ ...newPlan({ year: 2022, levels: 3, standardTasks: false }), info: { ...newPlan({ year: 2022, levels: 3, standardTasks: false }).info, area: "tỉnh Đồng Tháp" } });

function sub(file: string, agencies: Array<Partial<Agency> & { name: string }>, patch: { issuer?: string; date?: string; modified?: number; area?: string; plan?: Partial<Plan> } = {}): Submission {
  const plan = newPlan({ year: 2022, levels: 3, standardTasks: false });
  return {
    file,
    modified: patch.modified ?? 1000,
    outcome: {
      kind: "read",
      problems: [],
      plan: {
        ...plan,
        info: { ...plan.info, issuer: patch.issuer ?? file, date: patch.date ?? "01/11/2021", area: patch.area ?? "tỉnh Đồng Tháp" },
        agencies: agencies.map((a, i) => ({ groupId: null, area: "", note: "", at: { sheet: "PL1", row: 6 + i, col: 2 }, ...a })),
        ...patch.plan,
      },
    },
  };
}

const invariant = (r: ReturnType<typeof mergeSubmissions>) => {
  for (const f of r.files) expect(f.read).toBe(f.kept + f.duplicates + f.rejected + f.replaced);
  expect(r.totals.read).toBe(r.totals.kept + r.totals.duplicates + r.totals.rejected + r.totals.replaced);
  expect(r.plan.agencies).toHaveLength(r.totals.kept);
};

describe("mergeSubmissions", () => {
  it("keeps one row for an agency two files send, whatever the spelling, and names both files", () => {
    const r = mergeSubmissions(
      [
        sub("huyen-a.xlsx", [{ name: "UBND xã Hòa An", area: "Thành phố Cao Lãnh" }, { name: "UBND thành phố Cao Lãnh", area: "Thành phố Cao Lãnh" }]),
        sub("xa-hoa-an.xlsx", [{ name: "UBND xã  Hoà An", area: "thành phố Cao Lãnh" }]),
        sub("huyen-b.xlsx", [{ name: "UBND xã Hòa An", area: "Huyện Lấp Vò" }]),
      ],
      base(),
    );
    invariant(r);
    // Official order: the district before its communes, whatever the files are called.
    expect(r.plan.agencies.map((a) => [a.name, a.groupId, a.area])).toEqual([
      ["UBND thành phố Cao Lãnh", "cap-huyen", "Thành phố Cao Lãnh"],
      ["UBND xã Hòa An", "cap-xa", "Thành phố Cao Lãnh"],
      ["UBND xã Hòa An", "cap-xa", "Huyện Lấp Vò"],
    ]);
    expect(r.duplicates).toEqual([{ name: "UBND xã Hòa An", area: "Thành phố Cao Lãnh", files: ["huyen-a.xlsx", "xa-hoa-an.xlsx"] }]);
    expect(r.files.find((f) => f.file === "xa-hoa-an.xlsx")).toEqual(expect.objectContaining({ read: 1, kept: 0, duplicates: 1 }));
  });

  it("lets the newer file of a unit replace the older one (plan date, then file time)", () => {
    const old = sub("tan-hong.xlsx", [{ name: "UBND huyện Tân Hồng" }, { name: "UBND xã Bình Phú" }], { issuer: "UBND huyện Tân Hồng", date: "01/11/2021", area: "Huyện Tân Hồng" });
    const fixed = sub("tan-hong-sua.xlsx", [{ name: "UBND huyện Tân Hồng" }, { name: "UBND xã Bình Phú" }, { name: "UBND xã An Phước" }], { issuer: "UBND  huyện Tân Hồng", date: "20/11/2021", area: "Huyện Tân Hồng" });
    const r = mergeSubmissions([fixed, old], base());
    invariant(r);
    expect(r.plan.agencies.map((a) => a.name)).toEqual(["UBND huyện Tân Hồng", "UBND xã Bình Phú", "UBND xã An Phước"]);
    expect(r.files.find((f) => f.file === "tan-hong.xlsx")).toEqual(expect.objectContaining({ status: "replaced", replacedBy: "tan-hong-sua.xlsx", replaced: 2, kept: 0 }));

    const sameDate = mergeSubmissions([sub("a.xlsx", [{ name: "Sở Y tế" }], { issuer: "Sở Y tế", modified: 5 }), sub("b.xlsx", [{ name: "Sở Y Tế" }, { name: "Sở Nội vụ" }], { issuer: "Sở Y tế", modified: 9 })], base());
    expect(sameDate.plan.agencies.map((a) => a.name)).toEqual(["Sở Y Tế", "Sở Nội vụ"]);
  });

  it("reports a row it cannot place with the file, sheet, cell and reason", () => {
    const r = mergeSubmissions([sub("hoi.xlsx", [{ name: "Hội Nông dân", groupText: "Đoàn thể", groupAt: { sheet: "PL1", row: 7, col: 3 } }, { name: "Sở Nội vụ" }])], base());
    invariant(r);
    expect(r.files[0].rejected).toBe(1);
    expect(r.files[0].status).toBe("warning");
    expect(r.files[0].problems).toEqual([expect.objectContaining({ severity: "error", code: "UNKNOWN_GROUP", sheet: "PL1", cell: "C7", message: expect.stringContaining("Hội Nông dân") })]);
  });

  it("recomputes per-agency lines at the consolidating rates and names a file that used another", () => {
    const other = sub("xa.xlsx", [{ name: "UBND xã Mỹ An", groupId: "cap-xa" }]);
    if (other.outcome.kind === "read") other.outcome.plan.groups = other.outcome.plan.groups.map((g) => ({ ...g, rate: 20 }));
    const r = mergeSubmissions([other], base());
    expect(computeBudget(r.plan).sections[0].lines.find((l) => l.groupId === "cap-xa")!.amount).toBe(15);
    expect(r.files[0].problems).toEqual([expect.objectContaining({ code: "RATE_DIFFERS", message: expect.stringContaining("20") })]);
  });

  it("keeps the province's own kiểm tra and đào tạo in section II, and carries every other unit's lines with their unit, never summed into II", () => {
    const line = (amount: number, section = "II") => ({ section, label: "Hội nghị tổng kết", quantity: 1, quantityText: "1", content: "", rate: null, amount, note: "" });
    const r = mergeSubmissions(
      [
        sub("khcn.xlsx", [], { issuer: "Sở Khoa học và Công nghệ", plan: { rates: { trainingPerClass: 50, peoplePerClass: 75, inspectionLumpSum: 70 }, training: { classes: 6, participants: null }, extraLines: [line(10)] } }),
        sub("noi-vu.xlsx", [], { issuer: "Sở Nội vụ", plan: { rates: { trainingPerClass: 50, peoplePerClass: 75, inspectionLumpSum: 5.5 }, training: { classes: 1, participants: null }, extraLines: [line(2.5), { ...line(25, "III"), sectionTitle: "Chi khác", label: "Thuê tư vấn" }] } }),
      ],
      base(),
      "khcn.xlsx",
    );
    expect(r.plan.rates.inspectionLumpSum).toBe(70);
    expect(r.plan.training.classes).toBe(6);
    expect(r.plan.extraLines.map((l) => [l.section, l.label, l.amount, l.source ?? null])).toEqual([
      ["II", "Hội nghị tổng kết", 10, null],
      ["II", "Sở Nội vụ: Tổ chức kiểm tra việc áp dụng, duy trì và cải tiến HTQLCL tại các cơ quan", 5.5, "Sở Nội vụ"],
      ["II", "Sở Nội vụ: Đào tạo tập huấn kỹ năng duy trì, cải tiến, đánh giá nội bộ cho cơ quan hành chính", 50, "Sở Nội vụ"],
      ["II", "Sở Nội vụ: Hội nghị tổng kết", 2.5, "Sở Nội vụ"],
      ["III", "Sở Nội vụ: Thuê tư vấn", 25, "Sở Nội vụ"],
    ]);
    expect(r.plan.extraLines[1].note).toBe("Do Sở Nội vụ gửi (tệp noi-vu.xlsx)");
    const budget = computeBudget(r.plan);
    expect(budget.sections.map((s) => [s.roman, s.title, s.total])).toEqual([
      ["I", expect.any(String), 0],
      ["II", expect.any(String), 70 + 300 + 10 + 5.5 + 50 + 2.5],
      ["III", "Chi khác", 25],
    ]);
  });

  it("keeps the province's own task table as the plan's, and each unit's task table apart, named with its unit and file", () => {
    const task = (content: string) => ({ tt: "1", content, action: "", result: "", lead: "", partner: "", timing: "Quý I/2022", approval: "" });
    const r = mergeSubmissions(
      [
        sub("b.xlsx", [], { issuer: "Sở Y tế", plan: { tasks: [task("Đánh giá nội bộ")] } }),
        sub("a.xlsx", [], { issuer: "Sở Nội vụ", plan: { tasks: [task("Rà soát quy trình")] } }),
        sub("tinh.xlsx", [], { issuer: "Sở Khoa học và Công nghệ", plan: { tasks: [task("Kiểm tra việc duy trì")] } }),
      ],
      base(),
      "tinh.xlsx",
    );
    expect(r.plan.tasks.map((t) => t.content)).toEqual(["Kiểm tra việc duy trì"]);
    expect(r.unitTasks.map((u) => [u.unit, u.file, u.tasks.map((t) => t.content)])).toEqual([
      ["Sở Nội vụ", "a.xlsx", ["Rà soát quy trình"]],
      ["Sở Y tế", "b.xlsx", ["Đánh giá nội bộ"]],
    ]);
  });

  it("gives the same result whatever order the files arrive in, and keeps rejected files in the report", () => {
    const subs = [
      sub("c.xlsx", [{ name: "UBND xã Tân Bình", area: "Huyện Thanh Bình" }, { name: "Sở Y tế" }]),
      sub("a.xlsx", [{ name: "Sở Y Tế" }, { name: "Chi cục Kiểm lâm" }]),
      { file: "hong.xlsx", modified: 1, outcome: { kind: "rejected", reason: "tệp .xlsx bị hỏng" } } as Submission,
      sub("b.xlsx", [{ name: "UBND xã Tân Bình", area: "Huyện Châu Thành" }]),
    ];
    const one = mergeSubmissions(subs, base());
    const two = mergeSubmissions([...subs].reverse(), base());
    expect(two.plan).toEqual(one.plan);
    expect(two.files).toEqual(one.files);
    expect(one.files.map((f) => [f.file, f.status])).toEqual([["a.xlsx", "ok"], ["b.xlsx", "ok"], ["c.xlsx", "ok"], ["hong.xlsx", "rejected"]]);
    invariant(one);
  });
});

describe("who sent a file, and when one replaces another", () => {
  it("never takes a file name for a sender: the same name in three senders' folders keeps all three", () => {
    const r = mergeSubmissions(
      [
        sub("so-xay-dung/KH ISO 2022.xlsx", [{ name: "Sở Xây dựng" }], { issuer: "Sở Xây dựng" }),
        sub("so-y-te/KH ISO 2022.xlsx", [{ name: "Sở Y tế" }], { issuer: "Sở Y tế" }),
        sub("so-noi-vu/KH ISO 2022.xlsx", [{ name: "Sở Nội vụ" }], { issuer: "Sở Nội vụ" }),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies.map((a) => a.name).sort()).toEqual(["Sở Nội vụ", "Sở Xây dựng", "Sở Y tế"]);
    expect(r.files.every((f) => f.status !== "replaced")).toBe(true);
  });

  it("keeps a sender's supplement whose list does not overlap its first file", () => {
    const r = mergeSubmissions(
      [
        sub("so-nn.xlsx", [{ name: "Sở Nông nghiệp và PTNT" }], { issuer: "Sở Nông nghiệp và PTNT", date: "01/03/2022" }),
        sub("so-nn-bo-sung.xlsx", [{ name: "Chi cục Thủy lợi" }, { name: "Chi cục Kiểm lâm" }], { issuer: "Sở Nông nghiệp và PTNT", date: "15/03/2022" }),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies).toHaveLength(3);
  });

  it("keeps templates the province pre-filled with its own Thông tin, filled by different districts", () => {
    const prefilled = { issuer: "Sở Khoa học và Công nghệ tỉnh Đồng Tháp", area: "tỉnh Đồng Tháp" };
    const r = mergeSubmissions(
      [
        sub("tan-hong.xlsx", [{ name: "UBND huyện Tân Hồng" }, { name: "UBND xã Tân Thành A", area: "Huyện Tân Hồng" }], prefilled),
        sub("hong-ngu.xlsx", [{ name: "UBND huyện Hồng Ngự" }, { name: "UBND xã Thường Thới Tiền", area: "Huyện Hồng Ngự" }], prefilled),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies).toHaveLength(4);
  });

  it("replaces a sender's file by its later one with a largely same list, naming what the later one dropped", () => {
    const who = { issuer: "UBND huyện Tân Hồng", area: "Huyện Tân Hồng" };
    const r = mergeSubmissions(
      [
        sub("Ke hoach ISO.xlsx", [{ name: "UBND huyện Tân Hồng" }, { name: "UBND xã Tân Thành A" }, { name: "UBND xã Tân Thành B" }], { ...who, date: "01/03/2022" }),
        sub("Ke hoach ISO (sua).xlsx", [{ name: "UBND huyện Tân Hồng" }, { name: "UBND xã Tân Thành A" }], { ...who, date: "20/03/2022" }),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies.map((a) => a.name)).toEqual(["UBND huyện Tân Hồng", "UBND xã Tân Thành A"]);
    const old = r.files.find((f) => f.file === "Ke hoach ISO.xlsx")!;
    expect(old).toEqual(expect.objectContaining({ status: "replaced", replacedBy: "Ke hoach ISO (sua).xlsx", replaced: 3 }));
    expect(old.reason).toContain("Không còn trong tệp mới: UBND xã Tân Thành B");
    expect(r.files.find((f) => f.file === "Ke hoach ISO (sua).xlsx")!.problems.map((p) => p.message).join(" ")).toContain("UBND xã Tân Thành B");
  });

  it("never replaces between two communes of the same name in different districts", () => {
    const r = mergeSubmissions(
      [
        sub("a/phuong-1.xlsx", [{ name: "UBND Phường 1", area: "Thành phố Cao Lãnh" }], { issuer: "UBND Phường 1", area: "Phường 1, thành phố Cao Lãnh" }),
        sub("b/phuong-1.xlsx", [{ name: "UBND Phường 1", area: "Thành phố Sa Đéc" }], { issuer: "UBND Phường 1", area: "Phường 1, thành phố Sa Đéc" }),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies.map((a) => a.area)).toEqual(["Thành phố Cao Lãnh", "Thành phố Sa Đéc"]);
  });
});

describe("same agency, different agency", () => {
  it("one agency written with abbreviations is one row", () => {
    const r = mergeSubmissions(
      [
        sub("a.xlsx", [{ name: "Ủy ban nhân dân phường An Lộc", area: "Thành phố Hồng Ngự" }, { name: "UBND xã Tân Bình", area: "Huyện Thanh Bình" }]),
        sub("b.xlsx", [{ name: "UBND phường An Lộc", area: "TP. Hồng Ngự" }, { name: "UBND xã Tân Bình", area: "H. Thanh Bình" }]),
      ],
      base(),
    );
    invariant(r);
    expect(r.plan.agencies).toHaveLength(2);
    expect(r.totals.duplicates).toBe(2);
  });

  it("same-named communes whose district is unknown are kept apart and shown as possible duplicates, with both files", () => {
    const r = mergeSubmissions(
      [
        sub("so-a.xlsx", [{ name: "UBND Phường 1" }], { area: "tỉnh Đồng Tháp" }),
        sub("so-b.xlsx", [{ name: "UBND Phường 1", area: "tỉnh Đồng Tháp" }], { area: "tỉnh Đồng Tháp" }),
        sub("sa-dec.xlsx", [{ name: "UBND Phường 1" }], { issuer: "UBND thành phố Sa Đéc", area: "Thành phố Sa Đéc" }),
      ],
      base(),
    );
    invariant(r);
    // Sa Đéc's own file names its district, the departments' files do not: the unknown ones come last, for a person to place.
    expect(r.plan.agencies.map((a) => a.area)).toEqual(["Thành phố Sa Đéc", "", ""]);
    expect(r.totals.duplicates).toBe(0);
    expect(r.possibleDuplicates).toEqual([
      { name: "UBND Phường 1", entries: [{ area: "Thành phố Sa Đéc", file: "sa-dec.xlsx" }, { area: "", file: "so-a.xlsx" }, { area: "", file: "so-b.xlsx" }] },
    ]);
    expect(r.plan.agencies.every((a) => a.note.includes("Có thể trùng"))).toBe(true);
  });

  it("never makes Phường 1 and Phường 11, or Hòa An and Hóa An, one", () => {
    const r = mergeSubmissions(
      [sub("a.xlsx", [{ name: "UBND Phường 1", area: "Thành phố Cao Lãnh" }, { name: "UBND xã Hòa An", area: "Thành phố Cao Lãnh" }]),
        sub("b.xlsx", [{ name: "UBND Phường 11", area: "Thành phố Cao Lãnh" }, { name: "UBND xã Hóa An", area: "Thành phố Cao Lãnh" }])],
      base(),
    );
    expect(r.plan.agencies).toHaveLength(4);
    expect(r.possibleDuplicates).toEqual([]);
  });
});
