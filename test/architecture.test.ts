/**
 * One core, thin edges: the domain (src/core) and the workbook description
 * (src/workbook) import no library and touch no host (Node, Office, browser).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

const SRC = join(__dirname, "..", "src");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function imports(file: string): string[] {
  return [...readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)[^'"]*from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
}

const HOST_GLOBALS = /\b(process\.|Buffer\b|require\(|Office\.|Excel\.|window\.|document\.)/;

describe.each([
  ["core", ["./"]],
  ["workbook", ["./", "../core/"]],
])("src/%s", (folder, allowed) => {
  const dir = join(SRC, folder);
  it.each(files(dir).map((f) => [relative(SRC, f), f]))("%s imports only the core", (_name, file) => {
    for (const spec of imports(file)) {
      expect(allowed.some((prefix) => spec.startsWith(prefix)) ? spec : `forbidden import ${spec}`).toBe(spec);
    }
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    expect(code.match(HOST_GLOBALS)?.[0] ?? null).toBeNull();
  });
});
