/**
 * Vietnamese text handling: display cleaning and the comparison key.
 *
 * The display form keeps the user's spelling (tone-mark placement, case) and only
 * removes what no reader can see: decomposed Unicode, non-breaking and zero-width
 * spaces, runs of spaces. The comparison key is what two names must share to be the
 * same agency: case, NFC/NFD and tone-mark placement (`Hòa`/`Hoà`, `Thủy`/`Thuỷ`) do
 * not matter; any difference in letters, modifiers (ă â ê ô ơ ư đ) or tones does.
 */

import { formatVnNumber } from "./numbers";

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;

/**
 * Text that is already clean: printable ASCII and precomposed Latin letters (Vietnamese's
 * among them, all stable under NFC), words separated by single spaces. Most cells are; they
 * are returned as they are, without normalising or copying them.
 */
const ALREADY_CLEAN = /^[!-~\u00C0-\u024F\u1E00-\u1EFF]+(?: [!-~\u00C0-\u024F\u1E00-\u1EFF]+)*$/;

/** NFC, visible spaces only, single spaces, trimmed. Spelling is kept. */
export function cleanText(input: string): string {
  if (ALREADY_CLEAN.test(input)) return input;
  return input.normalize("NFC").replace(INVISIBLE, "").replace(ODD_SPACES, " ").trim();
}

/** Every memo's turn of generation (see `memo`), so that a reader can turn them over between workbooks. */
const MEMOS: Array<() => void> = [];

/** Vietnamese tone marks as combining characters (after NFD). */
const TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"] as const;
/** Private-use characters that stand for a tone in a key; they never occur in names. */
const TONE_TAG = ["\uE001", "\uE002", "\uE003", "\uE004", "\uE005"] as const;

/**
 * Memoises a pure string function: keys and folds of the same header and label texts
 * are asked for on every row of every file. Two generations: an entry asked for in this
 * generation or the one before is kept. A generation ends when the newer one fills (so a
 * working set larger than the bound, a plan of 50.000 names each asked for several times,
 * is not recomputed on every call the way one cache emptied when full would be) and when
 * `nextGeneration` is called — by the reader, at each workbook — so that what one file
 * asked for (its names) is gone two files later while what every file asks for (headers,
 * common words) stays: a read of 10.000 files holds no more than a read of two.
 * Made at module level only: each memo made is kept in the list of generations for good.
 */
export function memo(fn: (s: string) => string, limit = 50_000): (s: string) => string {
  let young = new Map<string, string>();
  let old = new Map<string, string>();
  MEMOS.push(() => {
    old = young;
    young = new Map();
  });
  return (s: string) => {
    let v = young.get(s);
    if (v !== undefined) return v;
    v = old.get(s);
    if (v === undefined) v = fn(s);
    if (young.size >= limit) {
      old = young;
      young = new Map();
    }
    young.set(s, v);
    return v;
  };
}

/** Begin a new generation in every memo (see `memo`). */
export function nextGeneration(): void {
  for (const turn of MEMOS) turn();
}

/**
 * The comparison key of a name. Idempotent on its own output's inputs: names that
 * differ only in case, Unicode composition, tone placement, spacing or spacing around
 * punctuation share a key.
 */
export const nameKey = memo(computeNameKey);

function computeNameKey(input: string): string {
  // toLowerCase is toLocaleLowerCase("vi"): Vietnamese has no casing rules of its own (V8 tailors
  // only tr, az, lt and el), and the locale's lookup costs more than the lowering.
  return cleanText(input)
    .toLowerCase()
    .replace(/\s*([-–—,.;:/()])\s*/g, "$1")
    .replace(WORD, keyWord);
}

/** A word of a name: what lies between spaces and punctuation. */
const WORD = /[^\s\-–—,.;:/()]+/g;

/**
 * A word's key: its letters without tone marks (NFC), then its tones in the order written, as
 * tags: `Hòa` and `Hoà` share one.
 */
function wordKey(word: string): string {
  let base = "";
  let tone = "";
  for (const ch of word.normalize("NFD")) {
    const i = TONES.indexOf(ch as (typeof TONES)[number]);
    if (i >= 0) tone += TONE_TAG[i];
    else base += ch;
  }
  return base.normalize("NFC") + tone;
}

/**
 * What `wordKey` makes of each precomposed Latin letter alone (U+00C0–U+024F, U+1E00–U+1EFF:
 * Vietnamese's among them), as [letter without tones, tags]. A word of ASCII and these letters is
 * keyed letter by letter, the same as `wordKey`: each letter is stable under NFC and decomposes to
 * a base letter then marks, so the word's decomposition is its letters' one after another and no
 * two letters compose. Any other character sends the word to `wordKey`.
 */
const LETTER_KEY: Array<readonly [string, string] | undefined> = [];
for (const [from, to] of [[0xc0, 0x24f], [0x1e00, 0x1eff]] as const) {
  for (let c = from; c <= to; c++) {
    const key = wordKey(String.fromCharCode(c));
    const letter = key.replace(/[\uE001-\uE005]+$/, "");
    LETTER_KEY[c] = [letter, key.slice(letter.length)];
  }
}

/** `wordKey`, letter by letter where it can be (see LETTER_KEY): without normalising, twice as fast. */
function keyWord(word: string): string {
  let base = "";
  let tone = "";
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x80) {
      base += word[i];
      continue;
    }
    const parts = LETTER_KEY[c];
    if (parts === undefined) return wordKey(word);
    base += parts[0];
    tone += parts[1];
  }
  return base + tone;
}

/**
 * How plans abbreviate administrative names, each written out: "UBND" is "Ủy ban nhân dân",
 * "TP." "Thành phố", "TX." "Thị xã", "TT." "Thị trấn", "H." "Huyện", "P." "Phường", "Q." "Quận",
 * "&" "và"; "Phường 01" is "Phường 1". Single letters need their dot (an "H" alone is no huyện).
 */
const ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string, string]> = [
  // [pattern, written out, a text the pattern cannot match without: most names have none of them]
  [/(^|[\s(,])ubnd(?=[\s,.)]|$)/g, "$1ủy ban nhân dân", "ubnd"],
  [/(^|[\s(,])hđnd(?=[\s,.)]|$)/g, "$1hội đồng nhân dân", "hđnd"],
  [/(^|[\s(,])tp\.\s*|(^|[\s(,])tp\s+/g, "$1$2thành phố ", "tp"],
  [/(^|[\s(,])tx\.\s*|(^|[\s(,])tx\s+/g, "$1$2thị xã ", "tx"],
  [/(^|[\s(,])tt\.\s*/g, "$1thị trấn ", "tt."],
  [/(^|[\s(,])h\.\s*/g, "$1huyện ", "h."],
  [/(^|[\s(,])p\.\s*/g, "$1phường ", "p."],
  [/(^|[\s(,])q\.\s*/g, "$1quận ", "q."],
  [/\s*&\s*/g, " và ", "&"],
  [/[\u2010-\u2015\u2212]/g, "-", ""],
  [/(^|[^\d.,])0+(?=\d)/g, "$1", "0"],
];

/**
 * The key under which two written names are the same agency or the same area: nameKey, with
 * the usual abbreviations written out. Different numbers (Phường 1 / Phường 11) and different
 * tones (Hòa / Hóa) stay different.
 */
export const unitKey = memo((input: string) => {
  let text = cleanText(input).toLowerCase().normalize("NFC");
  for (const [re, to, hint] of ABBREVIATIONS) if (text.includes(hint)) text = text.replace(re, to);
  // Not nameKey's memo: this one already holds the answer, and the text is made anew each call.
  return computeNameKey(text);
});

/** Letters only, no diacritics, lower case: for recognising patterns (`Chi cục`, `UBND xã`). */
export const foldText = memo(computeFoldText);

function computeFoldText(input: string): string {
  return cleanText(input)
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** True when a text cell is empty after cleaning. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && cleanText(value) === "");
}

/** Upper-case the first letter, keep the rest. */
export function capitalizeFirst(text: string): string {
  return text.length === 0 ? text : text[0].toLocaleUpperCase("vi") + text.slice(1);
}

/** Longest text a cell may hold in Excel (what the merge writes ends up in cells). */
export const MAX_CELL_CHARS = 32_767;

/** How many items a note or a notice names before it says how many more. */
export const NAMED_IN_CELL = 10;

/** How a list is written in one cell (see `namedList`). */
export interface ListInCell<T> {
  /** Between two items. */
  separator: string;
  /** What the items are, for the count: "tệp", "dòng cùng tên". */
  what: string;
  show?: (item: T) => string;
  /** Name as many as fit in this many characters, rather than the first NAMED_IN_CELL. */
  within?: number;
  /** How many items there are when `items` holds only the first of them (at least NAMED_IN_CELL). */
  total?: number;
}

/**
 * Items of a list written in one cell, then how many more ("… và 1.490 tệp khác"): the first
 * NAMED_IN_CELL (a note, a notice: read by a person), or with `within`, as many as fit in that
 * many characters (a report's column of files: every one named while the cell can hold it). A
 * national roll-up's lists run to thousands (one agency sent by every district, a name shared by
 * hundreds of communes), and a cell holds at most 32.767 characters.
 */
export function namedList<T>(items: readonly T[], { separator, what, show = String, within, total = items.length }: ListInCell<T>): string {
  const more = (n: number) => `và ${formatVnNumber(n)} ${what} khác`;
  if (within === undefined) {
    const named = items.slice(0, NAMED_IN_CELL).map(show).join(separator);
    return total > NAMED_IN_CELL ? `${named} ${more(total - NAMED_IN_CELL)}` : named;
  }
  if (total === items.length) {
    const all = items.map(show).join(separator);
    if (all.length <= within) return all;
  }
  // Room kept for the count that follows.
  const room = more(total).length + 1;
  let out = "";
  let i = 0;
  for (; i < items.length; i++) {
    const next = (i > 0 ? separator : "") + show(items[i]);
    if (out.length + next.length + room > within) break;
    out += next;
  }
  return out ? `${out} ${more(total - i)}` : more(total - i);
}
