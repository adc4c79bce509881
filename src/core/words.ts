/**
 * Amounts in Vietnamese words ("Hai tỷ sáu trăm hai mươi triệu đồng").
 *
 * Rules: mốt (x1 for x ≥ 2), tư (x4 for x ≥ 2), lăm (x5 for x ≥ 1), linh (0 tens after
 * hundreds), "không trăm" for a group of three after a higher non-zero group, zero
 * groups are not read, and the part above a billion is read recursively ("một nghìn tỷ").
 * The workbook reproduces the same reading with formulas over the tables of
 * {@link tripleWords} (see workbook/layout), so both must stay on these functions.
 */

const DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"] as const;

/**
 * Words for 0..999. `full` is the reading after a higher non-zero group
 * ("không trăm linh năm"); otherwise the group leads the number ("năm").
 */
export function tripleWords(n: number, full: boolean): string {
  if (!Number.isInteger(n) || n < 0 || n > 999) throw new RangeError(`Nhóm ba chữ số không hợp lệ: ${n}`);
  if (n === 0) return full ? "" : DIGITS[0];
  const h = Math.floor(n / 100);
  const t = Math.floor(n / 10) % 10;
  const u = n % 10;
  const parts: string[] = [];
  if (h > 0 || full) parts.push(`${DIGITS[h]} trăm`);
  if (t === 0) {
    if (u > 0 && parts.length > 0) parts.push("linh");
  } else if (t === 1) {
    parts.push("mười");
  } else {
    parts.push(`${DIGITS[t]} mươi`);
  }
  if (u > 0) {
    if (u === 1 && t >= 2) parts.push("mốt");
    else if (u === 4 && t >= 2) parts.push("tư");
    else if (u === 5 && t >= 1) parts.push("lăm");
    else parts.push(DIGITS[u]);
  }
  return parts.join(" ");
}

const BILLION = 1_000_000_000;

function belowBillion(n: number, leading: boolean): string {
  const groups: Array<[number, string]> = [
    [Math.floor(n / 1_000_000), "triệu"],
    [Math.floor(n / 1000) % 1000, "nghìn"],
    [n % 1000, ""],
  ];
  const parts: string[] = [];
  let full = !leading;
  for (const [value, scale] of groups) {
    if (value === 0) continue;
    parts.push(scale ? `${tripleWords(value, full)} ${scale}` : tripleWords(value, full));
    full = true;
  }
  return parts.join(" ");
}

function readNumber(n: number, leading: boolean): string {
  if (n < BILLION) return belowBillion(n, leading);
  const high = Math.floor(n / BILLION);
  const low = n - high * BILLION;
  const head = `${readNumber(high, leading)} tỷ`;
  return low > 0 ? `${head} ${belowBillion(low, false)}` : head;
}

/**
 * Amounts read in words: up to 10^15 (một triệu tỷ), far above any plan. Excel and LibreOffice
 * keep 15 significant digits, so a larger figure is not exactly what anyone typed. The sheet's
 * formula has the same bound (workbook/write wordsFormulas).
 */
export const WORDS_LIMIT = 1e15;
export const TOO_LARGE_WORDS = "(số quá lớn để đọc)";

/** A whole number in lower-case words ("hai nghìn sáu trăm hai mươi"); negatives read "âm …". */
export function numberWords(n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Chỉ đọc được số nguyên: ${n}`);
  if (Math.abs(n) > WORDS_LIMIT) return TOO_LARGE_WORDS;
  if (n < 0) return `âm ${numberWords(-n)}`;
  if (n === 0) return DIGITS[0];
  return readNumber(n, true);
}

/** An amount of đồng in words, first letter capital, ending in "đồng". */
export function amountInWords(dong: number): string {
  const words = numberWords(Math.round(dong));
  if (words === TOO_LARGE_WORDS) return words;
  return `${words[0].toLocaleUpperCase("vi")}${words.slice(1)} đồng`;
}
