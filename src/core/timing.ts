/**
 * The *Thời gian* column of the task table, parsed into a structure. Forms seen in the
 * seeds: `Quý I/2023`, `Tháng 5/2023`, `Tháng 6 và tháng 11/2023`,
 * `trước ngày 15/11/2023`, `trước ngày 15 tháng 3 năm 2023`, `Thường xuyên`,
 * `Hàng năm`, `Định kỳ hàng năm`, `Khi có sự thay đổi …`; free text may follow a
 * recognised lead (`Tháng 12/2023 (hoặc khi có …)`).
 */
import { fromRoman } from "./roman";
import { cleanText, foldText } from "./text";

export type Timing =
  | { kind: "quarter"; quarters: number[]; year: number | null; rest: string }
  | { kind: "month"; months: number[]; year: number | null; rest: string }
  | { kind: "deadline"; day: number; month: number; year: number | null; rest: string }
  | { kind: "continuous"; rest: string }
  | { kind: "yearly"; rest: string }
  | { kind: "onEvent"; rest: string };

function validDate(day: number, month: number, year: number | null): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = new Date(Date.UTC(year ?? 2024, month, 0)).getUTCDate();
  return day <= days;
}

function yearOf(text: string | undefined): number | null {
  return text === undefined ? null : Number(text);
}

/** Parse a Thời gian cell; null when no recognised form leads the text. */
export function parseTiming(input: string): Timing | null {
  const text = cleanText(input);
  const folded = foldText(text);
  let m: RegExpMatchArray | null;

  m = folded.match(/^quy ([ivx]+(?:\s*(?:,|va|-)\s*(?:quy )?[ivx]+)*)(?:\s*\/\s*(\d{4})|\s+nam\s+(\d{4}))?/);
  if (m) {
    const quarters = m[1].split(/\s*(?:,|va|-)\s*(?:quy )?/).map((q) => fromRoman(q));
    if (quarters.every((q): q is number => q !== null && q >= 1 && q <= 4)) {
      return { kind: "quarter", quarters, year: yearOf(m[2] ?? m[3]), rest: text.slice(m[0].length).trim() };
    }
    return null;
  }

  m = folded.match(/^thang (\d{1,2}(?:\s*(?:,|va|-)\s*(?:thang )?\d{1,2})*)(?:\s*\/\s*(\d{4})|\s+nam\s+(\d{4}))?/);
  if (m) {
    const months = m[1].split(/\s*(?:,|va|-)\s*(?:thang )?/).map(Number);
    if (months.every((n) => n >= 1 && n <= 12)) {
      return { kind: "month", months, year: yearOf(m[2] ?? m[3]), rest: text.slice(m[0].length).trim() };
    }
    return null;
  }

  m =
    folded.match(/^(?:dinh ky |hoan thanh )?truoc ngay (\d{1,2})\s*\/\s*(\d{1,2})(?:\s*\/\s*(\d{4}))?/) ??
    folded.match(/^(?:dinh ky |hoan thanh )?truoc ngay (\d{1,2}) thang (\d{1,2})(?: nam (\d{4}))?/);
  if (m) {
    const day = Number(m[1]);
    const month = Number(m[2]);
    const year = yearOf(m[3]);
    if (!validDate(day, month, year)) return null;
    return { kind: "deadline", day, month, year, rest: text.slice(m[0].length).trim() };
  }

  m = folded.match(/^thuong xuyen/);
  if (m) return { kind: "continuous", rest: text.slice(m[0].length).replace(/^[,;\s]+/, "") };

  m = folded.match(/^(?:dinh ky )?hang nam/);
  if (m) return { kind: "yearly", rest: text.slice(m[0].length).trim() };

  m = folded.match(/^khi (?:co|can)/);
  if (m) return { kind: "onEvent", rest: text };

  return null;
}

/** The year the timing names, if any. */
export function timingYear(t: Timing): number | null {
  return "year" in t ? t.year : null;
}

/**
 * A day as plans write it: dd/mm/yyyy. A calendar date read from a cell is a UTC date; a moment
 * (a file's time, today) is shown in the user's own time zone (`local`).
 */
export function dayText(d: Date, local = false): string {
  const [day, month, year] = local ? [d.getDate(), d.getMonth() + 1, d.getFullYear()] : [d.getUTCDate(), d.getUTCMonth() + 1, d.getUTCFullYear()];
  return `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/${year}`;
}
