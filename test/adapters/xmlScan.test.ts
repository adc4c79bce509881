/**
 * ./xmlScan against saxes (the conformant parser it stands in front of): on every XML part of
 * every workbook in the test tree (written by Excel, LibreOffice, Gnumeric, openpyxl, exceljs,
 * SheetJS and by hand), on hand-picked edge cases, and on seeded random mutants of real parts.
 * Each document gives the same outcome both ways: the same events (as ./xml's handler sees them),
 * or a refusal. Text outside the root is not compared: saxes reports the line break between the
 * declaration and the root as text, which no handler reads.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { nodeZip } from "../../src/cli/nodeZip";
import { openZip, readEntry } from "../../src/adapters/xlsx/zip";
import { decodePart, HostileFile, MalformedPart, parseXmlText, saxesParse, type XmlHandler } from "../../src/adapters/xlsx/xml";
import { scannable } from "../../src/adapters/xlsx/xmlScan";
import { rng } from "../helpers/rng";

type Outcome = { events: string[] } | { refused: "malformed" | "hostile" };

function outcome(parse: (h: XmlHandler) => void): Outcome {
  const events: string[] = [];
  let depth = 0;
  let text = "";
  const flush = () => {
    if (text !== "") events.push(`text ${JSON.stringify(text)}`);
    text = "";
  };
  try {
    parse({
      open(name, attrs) {
        flush();
        depth++;
        events.push(`open ${name} ${JSON.stringify(Object.entries(attrs))}`);
      },
      text(t) {
        if (depth > 0) text += t;
      },
      close(name) {
        flush();
        depth--;
        events.push(`close ${name}`);
      },
    });
  } catch (e) {
    if (e instanceof HostileFile) return { refused: "hostile" };
    if (e instanceof MalformedPart) return { refused: "malformed" };
    throw e;
  }
  return { events };
}

const bySaxes = (text: string) => outcome((h) => saxesParse(text, "p", h));
const byReader = (text: string) => outcome((h) => parseXmlText(text, "p", h));

/** A DOCTYPE inside the root is refused by both, saxes as malformed, the scanner as hostile: both refuse. */
const refusedAlike = (a: Outcome, b: Outcome) => "refused" in a && "refused" in b;
function expectSame(text: string): void {
  const want = bySaxes(text);
  const got = byReader(text);
  if (refusedAlike(want, got)) return;
  expect({ text, outcome: got }).toEqual({ text, outcome: want });
}

function workbooks(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...workbooks(p));
    else if (/\.(xlsx|xlsm|xltx)$/i.test(name)) out.push(p);
  }
  return out;
}

/** Every XML part (under 2 MB) of every workbook in the test tree that opens as a zip. */
function realParts(): Array<{ file: string; part: string; text: string }> {
  const out: Array<{ file: string; part: string; text: string }> = [];
  for (const file of workbooks(join(__dirname, ".."))) {
    let zip;
    try {
      zip = openZip(new Uint8Array(readFileSync(file)));
    } catch {
      continue;
    }
    for (const [part, entry] of zip.entries) {
      if (!/\.(xml|rels|vml)$/i.test(part)) continue;
      try {
        out.push({ file, part, text: decodePart(readEntry(zip, entry, nodeZip, 2 << 20), part) });
      } catch {
        /* a damaged or oversized part: the corpus tests say what happens to it */
      }
    }
  }
  return out;
}

const PARTS = realParts();

describe("xmlScan reads as saxes does", () => {
  it("on every XML part of the test tree's workbooks, and it takes nearly all of them", () => {
    expect(PARTS.length).toBeGreaterThan(500);
    let taken = 0;
    for (const { text } of PARTS) {
      if (scannable(text) >= 0) taken++;
      expectSame(text);
    }
    // The scanner is there to be used: most real parts are of the shape it takes.
    expect(taken / PARTS.length).toBeGreaterThan(0.9);
  });

  it.each([
    ['<a b="1" b="2"/>', "a duplicate attribute"],
    ['<a x:b="1" y:b="2"/>', "two attributes of the same local name (the last is kept)"],
    ['<a x:b="1" x:b="2"/>', "a duplicate prefixed attribute"],
    ['<x:a xmlns:x="u" xmlns="v" c="1"><x:b/></x:a>', "namespace declarations left out, prefixes dropped"],
    ['<a xmlns:="u"/>', "an odd namespace-like attribute"],
    ['<a xmlns="u" xmlns="v"/>', "a namespace declared twice"],
    ['<a xmlns:x="u" b="1" xmlns:x="v"/>', "a prefix declared twice"],
    ['<a b="1" xmlns="u" b="2"/>', "a duplicate after a namespace declaration"],
    ['<a xmlnsb:c="1"/>', "a name that only starts like xmlns"],
    ['<a b:c:d="1"><e:f:g/></a>', "names with two colons"],
    ['<:a :b="1" c:="2"/>', "names starting or ending with a colon"],
    ['<a __proto__="1" constructor="2" toString="3" hasOwnProperty="4"/>', "attribute names of Object's own"],
    ['<a __proto__="1" __proto__="2"/>', "__proto__ twice"],
    ['<a x:y="1" __proto__="v"/>', "__proto__ beside a prefixed attribute"],
    ['<a x:__proto__="1" y:__proto__="2"/>', "two prefixed __proto__"],
    ["\uFEFF<a/>", "a byte-order mark left in the text (a second one; to saxes)"],
    ["<a b='1' c=\"'\" d='\"'/>", "either quote"],
    ['<a b = "1"\t\nc="2"/>', "spaces around = and between attributes"],
    ['<a b="1"c="2"/>', "no space between attributes"],
    ['<a b="x\ty\nz"/>', "tabs and line feeds in a value become spaces"],
    ['<a b="&#9;&#10;&amp;&lt;&gt;&quot;&apos;"/>', "character references in a value are kept as written"],
    ['<a b="<"/>', "< in a value"],
    ['<a b=">"/>', "> in a value"],
    ["<a b=1/>", "an unquoted value"],
    ["<a b/>", "an attribute without a value"],
    ['<a b="1/>', "an unclosed value"],
    ["<a>x &amp; y &#x1EA1; &#7841; &#65;</a>", "references in text"],
    ["<a>&#0;</a>", "a reference to a character XML forbids"],
    ["<a>&#xD800;</a>", "a reference to a surrogate"],
    ["<a>&#x110000;</a>", "a reference beyond Unicode"],
    ["<a>&#X41;</a>", "an upper-case X"],
    ["<a>&#x;</a>", "an empty hexadecimal reference"],
    ["<a>&nbsp;</a>", "an undeclared entity"],
    ["<a>& b</a>", "a bare ampersand"],
    ["<a>&amp</a>", "an unterminated reference"],
    ["<a>]]></a>", "]]> in text"],
    ["<a>]]</a>", "]] in text"],
    ["<a><![CDATA[<b>&amp;]]]]><![CDATA[>]]></a>", "CDATA"],
    ["<a><![CDATA[x</a>", "an unclosed CDATA"],
    ["<![CDATA[x]]><a/>", "CDATA before the root"],
    ["<a><!-- x --><!----></a>", "comments"],
    ["<a><!-- x -- y --></a>", "-- in a comment"],
    ["<a><!-- x ---></a>", "a comment ending in ---"],
    ["<a><!-- x</a>", "an unclosed comment"],
    ["<!-- before --><a/><!-- after -->", "comments outside the root"],
    ["<a/><b/>", "two roots"],
    ["x<a/>", "text before the root"],
    ["<a/>x", "text after the root"],
    ["<a/> \n\t", "spaces after the root"],
    ["", "no root"],
    [" \n", "only spaces"],
    ["<a>", "an unclosed root"],
    ["<a></b>", "a mismatched end tag"],
    ["<a></ab>", "an end tag longer than the open one"],
    ["<ab></a>", "an end tag shorter than the open one"],
    ["<a></a ></a>", "an extra end tag"],
    ["<a></a\n>", "a space before > in an end tag"],
    ["<a></ a>", "a space before the name of an end tag"],
    ["<a/ >", "a space inside />"],
    ["< a/>", "a space before a tag name"],
    ["<1a/>", "a name starting with a digit"],
    ["<-a/>", "a name starting with -"],
    ["<.a/>", "a name starting with ."],
    ["<a-b.c_d1/>", "name characters"],
    ["<tên_đơn_vị thuộc_tính=\"ạ\"/>", "Vietnamese names"],
    ["<a\u00B7b/>", "a middle dot inside a name"],
    ["<\u00B7a/>", "a middle dot starting a name"],
    ["<a\u0301/>", "a combining mark inside a name"],
    ["<\u{1F600}/>", "an emoji name"],
    ["<a\u{10000}/>", "a name with a character beyond the BMP"],
    ["<a>\u{1F600} ệ</a>", "text beyond the BMP"],
    ["<a>\u0001</a>", "a control character (to saxes)"],
    ["<a>\uFFFE</a>", "U+FFFE (to saxes)"],
    ["<a>x\r\ny\rz</a>", "carriage returns (to saxes)"],
    ['<a b="x\r\ny"/>', "a carriage return in a value (to saxes)"],
    ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<a/>', "a declaration"],
    ["<?xml version='1.0'?><a/>", "a short declaration"],
    ['<?xml version="1.1"?><a/>', "XML 1.1 (to saxes)"],
    ['<?xml version="1.0" standalone="yes" encoding="UTF-8"?><a/>', "a declaration out of order (to saxes)"],
    [' <?xml version="1.0"?><a/>', "a declaration not at the start (to saxes)"],
    ['<a><?xml version="1.0"?></a>', "a declaration inside (to saxes)"],
    ["<a><?pi data?></a>", "a processing instruction (to saxes)"],
    ["<!DOCTYPE a><a/>", "a DOCTYPE"],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "an internal entity"],
    ["<a><!DOCTYPE a></a>", "a DOCTYPE inside the root"],
    ["<a><!ELEMENT a></a>", "another declaration"],
    ["<a>", "the end inside a tag"],
    ["<a b=", "the end inside an attribute"],
    ["<a></", "the end inside an end tag"],
    ["<a><", "a lone < at the end"],
    ["<a>x</a", "an end tag without >"],
  ])("%j (%s)", (text) => {
    expectSame(text);
  });

  it("in time linear in the part: many prefixed attributes in one tag, many names beyond ASCII (each within a few times saxes's time)", () => {
    const cases = [
      `<r ${Array.from({ length: 40_000 }, (_, i) => `x:a${i}=""`).join(" ")}/>`,
      `<r>${"<ệ/>".repeat(160_000)}</r>`,
    ];
    for (const text of cases) {
      const time = (f: () => Outcome) => {
        const t = performance.now();
        const o = f();
        return { ms: performance.now() - t, o };
      };
      const want = time(() => bySaxes(text));
      const got = time(() => byReader(text));
      expect(got.o).toEqual(want.o);
      // Quadratic work on these is 10–20× saxes; linear is below it.
      expect(got.ms).toBeLessThan(want.ms * 4 + 100);
    }
  });

  it("on seeded random mutants of real parts", () => {
    const seed = Number(process.env.XMLSCAN_SEED ?? 20261207);
    const count = Number(process.env.XMLSCAN_MUTANTS ?? 6000);
    const { next: rnd, pick } = rng(seed);
    const FRAGMENTS = [
      "<", ">", "/", "/>", "</", "&", ";", '"', "'", "=", " ", "\t", "\n", "!", "-", "--", "]]>", "]]", "<![CDATA[", "<!--", "-->",
      "&amp;", "&#x41;", "&#0;", "&bogus;", ":", "x:", 'xmlns:y="u" ', 'a="1" ', 'b="2"', "ệ", "\u00B7", "1", ".", "_", "</x>", "<x>", "<x/>",
      "?", "<?", "<!DOCTYPE x>", "\r",
    ];
    const sources = PARTS.filter((p) => p.text.length < 6000 && scannable(p.text) >= 0);
    expect(sources.length).toBeGreaterThan(50);
    let refusedBoth = 0;
    /** Mutants the scanner took (the others went to saxes, compared with itself). */
    let scanned = 0;
    let readBoth = 0;
    for (let k = 0; k < count; k++) {
      let text = pick(sources).text;
      for (let ops = 1 + Math.floor(rnd() * 3); ops > 0; ops--) {
        const at = Math.floor(rnd() * (text.length + 1));
        const kind = rnd();
        if (kind < 0.5) text = text.slice(0, at) + pick(FRAGMENTS) + text.slice(at);
        else if (kind < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 5));
        else {
          const len = 1 + Math.floor(rnd() * 12);
          text = text.slice(0, at) + text.slice(at, at + len) + text.slice(at);
        }
      }
      // A cut through a surrogate pair: text no decoder gives (./xml decodes strictly).
      if (/\p{Cs}/u.test(text)) continue;
      const want = bySaxes(text);
      const got = byReader(text);
      if (scannable(text) >= 0) scanned++;
      if ("refused" in want) refusedBoth++;
      else readBoth++;
      if (refusedAlike(want, got)) continue;
      expect({ seed, mutant: k, text, outcome: got }).toEqual({ seed, mutant: k, text, outcome: want });
    }
    // Both kinds of outcome were exercised, not only one.
    expect(refusedBoth).toBeGreaterThan(count / 10);
    expect(readBoth).toBeGreaterThan(count / 10);
    expect(scanned).toBeGreaterThan(count / 2);
  });
});
