/**
 * Vietnamese text handling: display cleaning and the comparison key.
 *
 * The display form keeps the user's spelling (tone-mark placement, case) and only
 * removes what no reader can see: decomposed Unicode, non-breaking and zero-width
 * spaces, runs of spaces. The comparison key is what two names must share to be the
 * same agency: case, NFC/NFD and tone-mark placement (`Hòa`/`Hoà`, `Thủy`/`Thuỷ`) do
 * not matter; any difference in letters, modifiers (ă â ê ô ơ ư đ) or tones does.
 */

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
const TONE_SET = new Set<string>(TONES);
/** Private-use characters that stand for a tone in a key; they never occur in names. */
const TONE_TAG = ["\uE001", "\uE002", "\uE003", "\uE004", "\uE005"] as const;

/** One word's key; words recur across names (Ủy, ban, xã…), so each is worked out once. */
const keyWord = memo(computeKeyWord);

function computeKeyWord(word: string): string {
  let base = "";
  let tone = "";
  for (const ch of word.normalize("NFD")) {
    if (TONE_SET.has(ch)) {
      const i = TONES.indexOf(ch as (typeof TONES)[number]);
      tone += TONE_TAG[i];
    } else {
      base += ch;
    }
  }
  return base.normalize("NFC") + tone;
}

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
  const text = cleanText(input)
    .toLocaleLowerCase("vi")
    .replace(/\s*([-–—,.;:/()])\s*/g, "$1");
  return text
    .split(/(\s+|[-–—,.;:/()])/)
    .map((part) => (/^[\s\-–—,.;:/()]*$/.test(part) ? part : keyWord(part)))
    .join("");
}

/**
 * How plans abbreviate administrative names, each written out: "UBND" is "Ủy ban nhân dân",
 * "TP." "Thành phố", "TX." "Thị xã", "TT." "Thị trấn", "H." "Huyện", "P." "Phường", "Q." "Quận",
 * "&" "và"; "Phường 01" is "Phường 1". Single letters need their dot (an "H" alone is no huyện).
 */
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/(^|[\s(,])ubnd(?=[\s,.)]|$)/g, "$1ủy ban nhân dân"],
  [/(^|[\s(,])hđnd(?=[\s,.)]|$)/g, "$1hội đồng nhân dân"],
  [/(^|[\s(,])tp\.\s*|(^|[\s(,])tp\s+/g, "$1$2thành phố "],
  [/(^|[\s(,])tx\.\s*|(^|[\s(,])tx\s+/g, "$1$2thị xã "],
  [/(^|[\s(,])tt\.\s*/g, "$1thị trấn "],
  [/(^|[\s(,])h\.\s*/g, "$1huyện "],
  [/(^|[\s(,])p\.\s*/g, "$1phường "],
  [/(^|[\s(,])q\.\s*/g, "$1quận "],
  [/\s*&\s*/g, " và "],
  [/[\u2010-\u2015\u2212]/g, "-"],
  [/(^|[^\d.,])0+(?=\d)/g, "$1"],
];

/**
 * The key under which two written names are the same agency or the same area: nameKey, with
 * the usual abbreviations written out. Different numbers (Phường 1 / Phường 11) and different
 * tones (Hòa / Hóa) stay different.
 */
export const unitKey = memo((input: string) => {
  let text = cleanText(input).toLocaleLowerCase("vi").normalize("NFC");
  for (const [re, to] of ABBREVIATIONS) text = text.replace(re, to);
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
