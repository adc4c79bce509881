import { parseCellAddress } from "../../src/core/problems";
import { rng } from "../helpers/rng";

/** What an A1 address is, as a regular expression (parseCellAddress reads it by characters). */
function byPattern(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
  return { row: Number(m[2]), col };
}

describe("parseCellAddress", () => {
  it.each([
    ["A1", { row: 1, col: 1 }],
    ["$B$7", { row: 7, col: 2 }],
    ["XFD1048576", { row: 1_048_576, col: 16_384 }],
    ["AA01", { row: 1, col: 27 }],
    ["A0", { row: 0, col: 1 }],
    ["", null],
    ["A", null],
    ["1", null],
    ["a1", null],
    ["ABCD1", null],
    ["A1:B2", null],
    ["$$A1", null],
    ["A$$1", null],
    ["A1$", null],
    [" A1", null],
    ["A1 ", null],
  ])("%j", (ref, want) => {
    expect(parseCellAddress(ref)).toEqual(want);
  });

  it("agrees with the pattern on random strings of address characters", () => {
    const r = rng(Number(process.env.FUZZ_SEED ?? 20261207));
    const alphabet = ["$", "A", "B", "Z", "X", "F", "D", "a", "0", "1", "9", " ", ":", "-"];
    for (let k = 0; k < 20_000; k++) {
      let ref = "";
      for (let n = r.int(9); n > 0; n--) ref += r.pick(alphabet);
      expect([ref, parseCellAddress(ref)]).toEqual([ref, byPattern(ref)]);
    }
  });
});
