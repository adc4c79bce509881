/**
 * Names typed in the pre-Unicode Vietnamese encodings still arrive: TCVN3 (ABC, fonts
 * .VnTime, .VnArial…) and VNI (fonts VNI-Times…). Read as Unicode they are garbage
 * ("Së Y tÕ", "Sôû Y teá"). This module detects them — by the cell's font when known,
 * otherwise by characters Vietnamese Unicode never uses — and converts them only when
 * the result reads as Vietnamese syllables; otherwise the text is reported as unclear.
 */
import { foldText } from "./text";

export type LegacyEncoding = "tcvn3" | "vni";

/* TCVN3 (ABC): one byte per Vietnamese letter. Lower case; .VnTime capitals without tones on the right. */
const TCVN3 = new Map<string, string>();
const TCVN3_LIST: Array<[string, string]> = [
  ["µ", "à"], ["¸", "á"], ["¶", "ả"], ["·", "ã"], ["¹", "ạ"],
  ["¨", "ă"], ["»", "ằ"], ["¾", "ắ"], ["¼", "ẳ"], ["½", "ẵ"], ["Æ", "ặ"],
  ["©", "â"], ["Ç", "ầ"], ["Ê", "ấ"], ["È", "ẩ"], ["É", "ẫ"], ["Ë", "ậ"],
  ["®", "đ"],
  ["Ì", "è"], ["Ð", "é"], ["Î", "ẻ"], ["Ï", "ẽ"], ["Ñ", "ẹ"],
  ["ª", "ê"], ["Ò", "ề"], ["Õ", "ế"], ["Ó", "ể"], ["Ô", "ễ"], ["Ö", "ệ"],
  ["×", "ì"], ["Ý", "í"], ["Ø", "ỉ"], ["Ü", "ĩ"], ["Þ", "ị"],
  ["ß", "ò"], ["ã", "ó"], ["á", "ỏ"], ["â", "õ"], ["ä", "ọ"],
  ["«", "ô"], ["å", "ồ"], ["è", "ố"], ["æ", "ổ"], ["ç", "ỗ"], ["é", "ộ"],
  ["¬", "ơ"], ["ê", "ờ"], ["í", "ớ"], ["ë", "ở"], ["ì", "ỡ"], ["î", "ợ"],
  ["ï", "ù"], ["ó", "ú"], ["ñ", "ủ"], ["ò", "ũ"], ["ô", "ụ"],
  ["\u00ad", "ư"], ["õ", "ừ"], ["ø", "ứ"], ["ö", "ử"], ["÷", "ữ"], ["ù", "ự"],
  ["ú", "ỳ"], ["ý", "ý"], ["û", "ỷ"], ["ü", "ỹ"], ["þ", "ỵ"],
  ["¡", "Ă"], ["¢", "Â"], ["£", "Ê"], ["¤", "Ô"], ["¥", "Ơ"], ["¦", "Ư"], ["§", "Đ"],
];
for (const [from, to] of TCVN3_LIST) TCVN3.set(from, to);

/* VNI: a base letter followed by mark characters (ø ù û õ ï tones, â ê modifiers, combined forms). */
const VNI_LIST: Array<[string, string]> = (() => {
  const tones = ["ø", "ù", "û", "õ", "ï"]; // huyền sắc hỏi ngã nặng
  const list: Array<[string, string]> = [];
  const add = (seq: string, uni: string) => {
    list.push([seq, uni]);
    list.push([seq.toUpperCase(), uni.toUpperCase()]);
  };
  const toned = (base: string, forms: string) => [...forms].forEach((u, i) => add(base + tones[i], u));
  toned("a", "àáảãạ");
  toned("e", "èéẻẽẹ");
  toned("o", "òóỏõọ");
  toned("u", "ùúủũụ");
  toned("y", "ỳýỷỹ");
  toned("ô", "ờớởỡợ"); // ô is VNI's ơ
  toned("ö", "ừứửữự"); // ö is VNI's ư
  const circ = ["â", "à", "á", "å", "ã", "ä"]; // circumflex alone, then with each tone
  for (const [b, forms] of [["a", "âầấẩẫậ"], ["e", "êềếểễệ"], ["o", "ôồốổỗộ"]] as const) [...forms].forEach((u, i) => add(b + circ[i], u));
  const breve = ["ê", "è", "é", "ú", "ü", "ë"];
  [..."ăằắẳẵặ"].forEach((u, i) => add("a" + breve[i], u));
  for (const [seq, uni] of [["ì", "ì"], ["í", "í"], ["æ", "ỉ"], ["ó", "ĩ"], ["ò", "ị"], ["î", "ỵ"], ["ô", "ơ"], ["ö", "ư"], ["ñ", "đ"]] as const) add(seq, uni);
  return list.sort((x, y) => y[0].length - x[0].length);
})();

const VIETNAMESE_LETTERS = new Set(
  [..."aăâeêioôơuưy"].flatMap((v) => ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"].map((t) => (v + t).normalize("NFC"))).flatMap((c) => [c, c.toUpperCase()]),
);
for (const c of "bcdđghklmnpqrstvxfjwzBCDĐGHKLMNPQRSTVXFJWZ") VIETNAMESE_LETTERS.add(c);

/** Characters of an encoding's table that Vietnamese Unicode text never contains. */
const signal = (chars: Iterable<string>) => new Set([...chars].filter((c) => c.charCodeAt(0) > 0x7f && !VIETNAMESE_LETTERS.has(c)));
const TCVN3_SIGNAL = signal(TCVN3.keys());
const VNI_SIGNAL = signal(VNI_LIST.flatMap(([seq]) => [...seq]));

export function decodeTcvn3(text: string): string {
  let out = "";
  for (const ch of text) out += TCVN3.get(ch) ?? ch;
  return out;
}

export function decodeVni(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; ) {
    const hit = VNI_LIST.find(([seq]) => text.startsWith(seq, i));
    if (hit) {
      out += hit[1];
      i += hit[0].length;
    } else {
      out += text[i];
      i++;
    }
  }
  return out;
}

/** Vowel nuclei of Vietnamese syllables (tones removed). */
const NUCLEI = new Set(
  ("a ă â e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uơ uy ưa ưi ươ ưu yê " +
    "iêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu yêu").split(" "),
);
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?([aăâeêioôơuưy]{1,3})(ch|nh|ng|[cmnpt])?$/;

function isSyllable(folded: string): boolean {
  const m = folded.match(SYLLABLE);
  if (!m) return false;
  // "gi" and "qu" may lend their vowel to the nucleus (gì, quý).
  return NUCLEI.has(m[2]) || (m[1] === "gi" && m[2] === "") || ((m[1] === "qu" || m[1] === "gi") && NUCLEI.has(m[1][1] + m[2]));
}

/** Share (0..1) of the words with non-ASCII letters that read as Vietnamese syllables (one tone at most). */
export function vietnameseScore(text: string): number {
  const words = text.split(/[^\p{L}]+/u).filter((w) => /[^\x00-\x7f]/.test(w));
  if (words.length === 0) return 1;
  const ok = words.filter((w) => {
    if (![...w].every((c) => VIETNAMESE_LETTERS.has(c))) return false;
    const tones = (w.normalize("NFD").match(/[\u0300\u0301\u0303\u0309\u0323]/g) ?? []).length;
    const folded = w.toLowerCase().normalize("NFD").replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC");
    return tones <= 1 && isSyllable(folded) && foldText(w) !== "";
  });
  return ok.length / words.length;
}

/** Windows-1252's characters above U+00FF: what legacy bytes 0x80–0x9F read as. */
const CP1252_PUNCTUATION = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
/** Symbols typed as themselves in Unicode text; on their own they suggest no legacy code. */
const TYPOGRAPHIC = new Set("×÷½¼¾«»©®°±·§¶\u00AD\u00D0¡¿£¥¢¹²³ªº");

/** The encoding a font name says, if it is a legacy Vietnamese font. */
export function fontEncoding(font: string | undefined): LegacyEncoding | null {
  if (!font) return null;
  if (/^\.vn/i.test(font)) return "tcvn3";
  if (/^vni[- ]/i.test(font)) return "vni";
  return null;
}

export type LegacyVerdict =
  | { kind: "unicode" }
  | { kind: "converted"; encoding: LegacyEncoding; text: string }
  | { kind: "unclear"; encoding: LegacyEncoding | null };

/**
 * What to do with a text cell: leave it (Unicode), convert it (it reads as Vietnamese
 * once decoded), or report it as unclear (it looks legacy but decodes to nonsense).
 */
export function classifyLegacy(text: string, font?: string): LegacyVerdict {
  // A letter beyond Latin-1 (other than Windows-1252's punctuation, which legacy bytes read as)
  // can only have been typed in Unicode, whatever font the cell has.
  // (Checked code unit by code unit, without splitting the text: most cells are Unicode and end here.)
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0xff && !CP1252_PUNCTUATION.has(text[i])) return { kind: "unicode" };
  const hinted = fontEncoding(font);
  const hasSignal = (set: Set<string>) => [...text].some((c) => set.has(c) && !TYPOGRAPHIC.has(c));
  const candidates: LegacyEncoding[] = hinted ? [hinted] : [...(hasSignal(TCVN3_SIGNAL) ? ["tcvn3" as const] : []), ...(hasSignal(VNI_SIGNAL) ? ["vni" as const] : [])];
  if (candidates.length === 0) return { kind: "unicode" };
  if (hinted && !/[^\x00-\x7f]/.test(text)) return { kind: "unicode" }; // plain ASCII reads the same in every encoding
  const upper = hinted === "tcvn3" && /h$/i.test(font ?? ""); // .VnTimeH: capitals at the lower-case codes
  const best = candidates
    .map((encoding) => {
      let decoded = encoding === "tcvn3" ? decodeTcvn3(text) : decodeVni(text);
      if (upper) decoded = decoded.toLocaleUpperCase("vi");
      return { encoding, decoded, score: vietnameseScore(decoded) };
    })
    .sort((a, b) => b.score - a.score)[0];
  const threshold = hinted ? 0.5 : 0.8;
  // In a legacy-font cell Excel shows the decoded glyphs: the font decides a tie with the text as typed.
  const raw = vietnameseScore(text);
  if (best.score >= threshold && (hinted ? best.score >= raw : best.score > raw)) return { kind: "converted", encoding: best.encoding, text: best.decoded.normalize("NFC") };
  return { kind: "unclear", encoding: hinted ?? best.encoding };
}
