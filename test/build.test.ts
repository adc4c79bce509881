/**
 * The task pane runs in old webviews too: Office 2016/2019 without WebView2 uses EdgeHTML 18,
 * which cannot parse `?.`, `??` or BigInt literals — a blank pane. Every script webpack emits
 * (the pane, its lazy chunks, the reader worker) must parse as ES2019. `npm test` builds first.
 */
import { Parser } from "acorn";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const WEB = join(__dirname, "..", "dist", "web");

it("emits only ES2019 JavaScript", () => {
  const scripts = readdirSync(WEB).filter((f) => f.endsWith(".js"));
  expect(scripts).toEqual(expect.arrayContaining(["reader.js", expect.stringMatching(/^taskpane\..*\.js$/)]));
  for (const f of scripts) {
    const source = readFileSync(join(WEB, f), "utf8");
    expect(() => Parser.parse(source, { ecmaVersion: 2019, sourceType: "script" })).not.toThrow();
  }
});

it("shows a loading state from the page itself, before office.js and the pane's script", () => {
  const html = readFileSync(join(WEB, "taskpane.html"), "utf8");
  // (The emitted page is minified: attributes may lose their quotes.)
  const root = html.search(/<div id="?root"?>/);
  expect(root).toBeGreaterThan(0);
  const officeJs = html.indexOf("office.js");
  expect(officeJs).toBeGreaterThan(root);
  expect(html.slice(root, officeJs)).toContain("Đang tải");
});
