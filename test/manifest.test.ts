/**
 * manifest.xml checked offline (Microsoft's validator needs the network): well-formed
 * XML, and what Excel needs to load a task pane with a Home-tab button.
 */
import { REQUIRED_EXCEL_API } from "../src/adapters/office/excelWorkbook";
import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";

interface Node { name: string; attrs: Record<string, string>; children: Node[]; text: string }

function parse(xml: string): Node {
  const parser = new SaxesParser({ xmlns: false });
  const root: Node = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  parser.on("opentag", (t) => {
    const n: Node = { name: t.name, attrs: t.attributes, children: [], text: "" };
    stack[stack.length - 1].children.push(n);
    stack.push(n);
  });
  parser.on("text", (t) => (stack[stack.length - 1].text += t));
  parser.on("closetag", () => stack.pop());
  parser.write(xml).close();
  return root.children[0];
}

const all = (n: Node, name: string): Node[] => [...(n.name === name ? [n] : []), ...n.children.flatMap((c) => all(c, name))];
const one = (n: Node, name: string): Node => {
  const found = all(n, name);
  expect(found.length).toBeGreaterThan(0);
  return found[0];
};

const ROOT = join(__dirname, "..");
const manifest = parse(readFileSync(join(ROOT, "manifest.xml"), "utf8"));

describe("manifest.xml", () => {
  it("is a task-pane add-in for Excel with a GUID id and a version", () => {
    expect(manifest.name).toBe("OfficeApp");
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(one(manifest, "Id").text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(one(manifest, "Version").text).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(all(manifest, "Host").map((h) => h.attrs.Name ?? h.attrs["xsi:type"])).toEqual(["Workbook", "Workbook"]);
  });

  it("has a Vietnamese display name, the ExcelApi requirement set and an https source location", () => {
    expect(one(manifest, "DisplayName").attrs.DefaultValue).toBe("Kế hoạch ISO");
    expect(one(manifest, "DefaultLocale").text).toBe("vi-VN");
    const set = all(manifest, "Set").find((s) => s.attrs.Name === "ExcelApi")!;
    // The lowest set the basic flows need, so volume-licensed Office 2019 (ExcelApi 1.7) lists the add-in.
    expect(set.attrs.MinVersion).toBe(REQUIRED_EXCEL_API);
    expect(Number(set.attrs.MinVersion)).toBeLessThanOrEqual(1.7);
    expect(one(one(manifest, "DefaultSettings"), "SourceLocation").attrs.DefaultValue).toMatch(/^https:\/\//);
  });

  it("puts a group named like the add-in on the Home tab, with a button per flow opening the pane at that flow", () => {
    expect(one(manifest, "OfficeTab").attrs.id).toBe("TabHome");
    const text = (id: string) => all(manifest, "bt:String").concat(all(manifest, "bt:Url")).find((s) => s.attrs.id === id)!.attrs.DefaultValue;
    const group = one(manifest, "Group");
    expect(text(group.children.find((c) => c.name === "Label")!.attrs.resid)).toBe(one(manifest, "DisplayName").attrs.DefaultValue);
    const buttons = all(group, "Control").map((control) => {
      expect(one(control, "Action").attrs["xsi:type"]).toBe("ShowTaskpane");
      expect(one(control, "TaskpaneId").text).toBe("KeHoachIsoPane");
      return [text(one(control, "Label").attrs.resid), new URL(text(one(control, "SourceLocation").attrs.resid)).search];
    });
    // The pane's own tabs, in the same order (src/taskpane/components/App.tsx reads ?flow=).
    expect(buttons).toEqual([["Tạo mẫu", "?flow=scaffold"], ["Kiểm tra", "?flow=check"], ["Kinh phí", "?flow=budget"], ["Tổng hợp", "?flow=merge"]]);
  });

  it("points its help links at the help page the build ships", () => {
    const urls = [one(manifest, "SupportUrl").attrs.DefaultValue, ...all(manifest, "bt:Url").filter((u) => u.attrs.id === "GetStarted.LearnMoreUrl").map((u) => u.attrs.DefaultValue)];
    expect(urls.length).toBe(2);
    for (const url of urls) expect(new URL(url).pathname).toBe("/help.html");
    expect(existsSync(join(ROOT, "assets", "help.html"))).toBe(true);
  });

  it("resolves every resid and ships every icon it names", () => {
    const defined = new Set(all(manifest, "bt:Image").concat(all(manifest, "bt:Url"), all(manifest, "bt:String")).map((n) => n.attrs.id).filter(Boolean));
    const used: string[] = [];
    const walk = (n: Node): void => {
      if (n.attrs.resid) used.push(n.attrs.resid);
      n.children.forEach(walk);
    };
    walk(manifest);
    expect(used.length).toBeGreaterThan(5);
    for (const id of used) expect(defined.has(id) ? id : `missing ${id}`).toBe(id);
    const sizes = all(manifest, "bt:Image").filter((n) => n.attrs.DefaultValue).map((n) => n.attrs.DefaultValue);
    for (const url of [...sizes, one(manifest, "IconUrl").attrs.DefaultValue, one(manifest, "HighResolutionIconUrl").attrs.DefaultValue]) {
      const file = join(ROOT, new URL(url).pathname);
      expect(existsSync(file) ? url : `no file for ${url}`).toBe(url);
    }
  });
});
