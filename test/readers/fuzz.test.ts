/**
 * Seeded mutation test of the file reader: mutants of real submissions (byte flips, cuts,
 * XML edits re-zipped) must each be refused with a reason or read exactly like their
 * original: never a crash, never a hang, never different data read as if it were fine.
 * Set FUZZ_SEED to explore other mutants; a failure names the seed and the mutant.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { UnreadableWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { writeXlsx } from "../../src/adapters/xlsx/writeXlsx";
import { pakoZip } from "../../src/adapters/xlsx/pakoZip";
import { openWorkbook } from "../../src/adapters/xlsx/openWorkbook";
import { dongThapSubmissions } from "../../src/samples/dongThapSubmissions";
import { buildWorkbook } from "../../src/workbook/write";
import type { RawWorkbook } from "../../src/workbook/grid";
import { openBytes } from "../helpers/open";
import { resaveWithLibreOffice } from "../helpers/libreoffice";
import { rng, type Rng } from "../helpers/rng";

const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const CORPUS = join(__dirname, "corpus");


type Outcome = { ok: true; raw: RawWorkbook } | { ok: false; reason: string };

async function outcome(bytes: Uint8Array, browser = false): Promise<Outcome> {
  try {
    return { ok: true, raw: browser ? await openWorkbook(bytes, { codec: pakoZip }) : await openBytes(bytes) };
  } catch (e) {
    if (e instanceof UnreadableWorkbook) return { ok: false, reason: e.reason };
    throw e;
  }
}

/** XML edits that keep the meaning: the reader must read the same values. */
const KEEP: Array<[string, (xml: string, r: Rng) => string | Uint8Array]> = [
  ["attributes in single quotes", (x) => x.replace(/<[^!?/][^>]*>/g, (tag) => tag.replace(/(\s[\w:]+)="([^"']*)"/g, "$1='$2'"))],
  ["a comment between two elements", (x, r) => insertBetween(x, r, "<!-- chú thích -->")],
  ["a processing instruction between two elements", (x, r) => insertBetween(x, r, "<?kehoach thu?>")],
  ["a byte-order mark", (x) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(x)])],
  ["UTF-16LE with its mark", (x) => utf16(x.replace(/^<\?xml[^>]*\?>/, '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>'))],
  ["text in CDATA", (x) => x.replace(/<((?:\w+:)?t)( [^>]*)?>([^<&\]]+)<\/\1>/g, "<$1$2><![CDATA[$3]]></$1>")],
  ["non-ASCII letters as character references", (x) => x.replace(/>([^<]*)</g, (_m, t: string) => `>${t.replace(/[^\x00-\x7f]/gu, (c) => `&#${c.codePointAt(0)};`)}<`)],
];

/** XML edits that break it: the reader must refuse (or, if by chance harmless, read the same). */
const BREAK: Array<[string, (xml: string, r: Rng) => string]> = [
  ["a closing tag removed", (x, r) => {
    const closes = [...x.matchAll(/<\/[\w:]+>/g)];
    const m = r.pick(closes);
    return m ? x.slice(0, m.index) + x.slice(m.index + m[0].length) : x + "<";
  }],
  ["cut in the middle", (x, r) => x.slice(0, Math.max(1, r.int(x.length - 1)))],
  ["a DOCTYPE", (x) => x.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE x [<!ENTITY e "e">]>')],
  ["an attribute repeated", (x) => x.replace(/<([\w:]+) ([\w:]+="[^"]*")/, "<$1 $2 $2")],
  ["a stray ampersand", (x, r) => insertInText(x, r, "& ")],
];

function insertBetween(x: string, r: Rng, what: string): string {
  const spots = [...x.matchAll(/></g)].map((m) => m.index + 1);
  const at = spots.length ? r.pick(spots) : x.length;
  return x.slice(0, at) + what + x.slice(at);
}

function insertInText(x: string, r: Rng, what: string): string {
  const spots = [...x.matchAll(/>[^<]+</g)].map((m) => m.index + 1);
  const at = spots.length ? r.pick(spots) : x.indexOf(">") + 1;
  return x.slice(0, at) + what + x.slice(at);
}

function utf16(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 + 2 * i] = c & 0xff;
    out[3 + 2 * i] = c >> 8;
  }
  return out;
}

async function rezip(original: Uint8Array, part: string, edit: (xml: string) => string | Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(original);
  const xml = await zip.file(part)!.async("string");
  zip.file(part, edit(xml));
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

async function originals(): Promise<Array<[string, Uint8Array]>> {
  const sub = dongThapSubmissions().find((s) => s.file.startsWith("xa-huyen-01"))!;
  const ours = await writeXlsx(buildWorkbook(sub.plan, { spareAgencyRows: 5 }));
  // Files written by other programs (see test/readers/corpus/README.md).
  const others = readdirSync(CORPUS)
    .filter((f) => ["openpyxl-basic.xlsx", "gnumeric-basic.xlsx", "lo-basic.xlsx"].includes(f))
    .map((f): [string, Uint8Array] => [f, new Uint8Array(readFileSync(join(CORPUS, f)))]);
  return [["exceljs (ours)", ours], ["LibreOffice re-save", resaveWithLibreOffice(ours)], ...others];
}

describe(`mutants of real workbooks (seed ${SEED})`, () => {
  let files: Array<[string, Uint8Array]> = [];
  beforeAll(async () => {
    files = await originals();
  }, 60_000);

  it("byte flips and cuts: refused with a reason, or read exactly like the original", async () => {
    const r = rng(SEED);
    let refused = 0;
    let same = 0;
    for (const [name, bytes] of files) {
      const base = await outcome(bytes);
      expect(base.ok).toBe(true);
      for (let i = 0; i < 45; i++) {
        const m = new Uint8Array(bytes);
        let what: string;
        if (i % 9 === 8) {
          const len = r.int(bytes.length);
          what = `cut at ${len}`;
          const got = await outcome(m.subarray(0, len));
          expect([name, what, got.ok]).toEqual([name, what, false]);
          refused++;
          continue;
        }
        const at = r.int(m.length);
        const x = 1 + r.int(255);
        m[at] ^= x;
        what = `byte ${at} xor ${x}`;
        const started = Date.now();
        const got = await outcome(m, i % 2 === 1);
        expect(Date.now() - started).toBeLessThan(5000);
        if (got.ok) {
          expect([name, what, got.raw]).toEqual([name, what, (base as { raw: RawWorkbook }).raw]);
          same++;
        } else {
          expect(got.reason.length).toBeGreaterThan(10);
          refused++;
        }
      }
    }
    // Most flips land in compressed data and must be caught (CRC-32), not read.
    expect(refused).toBeGreaterThan(same);
  });

  it("XML edits that keep the meaning read the same; edits that break it are refused, naming the part", async () => {
    const r = rng(SEED + 1);
    for (const [name, bytes] of files) {
      const base = await outcome(bytes);
      const zip = await JSZip.loadAsync(bytes);
      const parts = Object.keys(zip.files).filter((p) => /^xl\/(workbook\.xml|sharedStrings\.xml|styles\.xml|worksheets\/[^/]+\.xml|_rels\/workbook\.xml\.rels)$/i.test(p));
      for (const [what, edit] of KEEP) {
        for (let k = 0; k < 2; k++) {
          const part = r.pick(parts);
          const got = await outcome(await rezip(bytes, part, (xml) => edit(xml, r)));
          expect([name, part, what, got]).toEqual([name, part, what, base]);
        }
      }
      for (const [what, edit] of BREAK) {
        for (let k = 0; k < 3; k++) {
          const part = r.pick(parts);
          const got = await outcome(await rezip(bytes, part, (xml) => edit(xml, r)));
          if (got.ok) expect([name, part, what, got]).toEqual([name, part, what, base]);
          else expect([name, part, what, got.reason]).toEqual([name, part, what, expect.stringContaining(part)]);
        }
      }
    }
  }, 120_000);
});
