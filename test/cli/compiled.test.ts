/**
 * The built command line (dist/, what `npx kehoach-iso` runs), as a subprocess: this
 * is the path where submissions are read in worker threads.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "dist", "cli", "main.js");

it("merges seed 001's sample submissions with two worker threads, a broken file among them", () => {
  const dir = mkdtempSync(join(tmpdir(), "kh-bin-"));
  execFileSync("node", [BIN, "sample-submissions", "-o", join(dir, "nop")]);
  writeFileSync(join(dir, "nop", "hong.xlsx"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 9, 9, 9]));
  const r = spawnSync("node", [BIN, "merge", join(dir, "nop"), "-o", join(dir, "tong-hop.xlsx"), "--json", "--jobs", "2"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  const json = JSON.parse(r.stdout);
  expect([json.agencies, json.total]).toEqual([150, 2620]);
  expect(json.files).toHaveLength(43);
  expect(json.files.find((f: { file: string }) => f.file === "hong.xlsx")).toEqual(
    expect.objectContaining({ status: "rejected", reason: expect.stringContaining("bị hỏng") }),
  );
  expect(r.stderr.match(/^\[\d+\/43\] /gm)).toHaveLength(43);
  const budget = spawnSync("node", [BIN, "budget", join(dir, "tong-hop.xlsx"), "--json"], { encoding: "utf8" });
  expect(budget.status).toBe(0);
  expect(JSON.parse(budget.stdout).total).toBe(2620);
});
