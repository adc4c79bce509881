/**
 * Vietnamese number convention: `.` groups thousands, `,` marks decimals
 * (`2.620`, `7,5`, `1.234,5`). Money in the plans is in triệu đồng; inside the core
 * amounts are summed as whole đồng so that totals are exact.
 */

export type ParseResult = { ok: true; value: number } | { ok: false; message: string };

const GROUPED = /^-?\d{1,3}(\.\d{3})+(,\d+)?$/;
const PLAIN = /^-?\d+(,\d+)?$/;

/** Parse a number typed the Vietnamese way, or a number already stored as one. */
export function parseVnNumber(input: unknown): ParseResult {
  if (typeof input === "number") {
    return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, message: "không phải là số hữu hạn" };
  }
  if (typeof input !== "string") return { ok: false, message: "không phải là số" };
  const text = input.normalize("NFC").replace(/[\s\u00A0\u202F]/g, "");
  if (text === "") return { ok: false, message: "ô trống, cần một số" };
  if (GROUPED.test(text) || PLAIN.test(text)) {
    return { ok: true, value: Number(text.replace(/\./g, "").replace(",", ".")) };
  }
  if (/^-?\d+\.\d{1,2}$|^-?\d+\.\d{4,}$/.test(text)) {
    return { ok: false, message: `"${input}" dùng dấu chấm thập phân; theo quy ước Việt Nam hãy viết ${text.replace(".", ",")}` };
  }
  return { ok: false, message: `"${input}" không phải là số (viết như 2.620 hoặc 7,5)` };
}

/** Format with `.` thousands and `,` decimals; at most `maxDecimals` decimals, no trailing zeros. */
export function formatVnNumber(value: number, maxDecimals = 3): string {
  if (!Number.isFinite(value)) throw new RangeError(`Không định dạng được ${value}`);
  const fixed = Math.abs(value).toFixed(maxDecimals);
  const [intPart, decPart = ""] = fixed.split(".");
  const grouped = intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const decimals = decPart.replace(/0+$/, "");
  const sign = value < 0 && (Number(intPart) !== 0 || decimals !== "") ? "-" : "";
  return sign + grouped + (decimals ? "," + decimals : "");
}

export const DONG_PER_TRIEU = 1_000_000;

/** triệu đồng → whole đồng. */
export function trieuToDong(trieu: number): number {
  return Math.round(trieu * DONG_PER_TRIEU);
}

/** whole đồng → triệu đồng. */
export function dongToTrieu(dong: number): number {
  return dong / DONG_PER_TRIEU;
}

/** The same amount of money: equal to the đồng (figures in triệu đồng carry float noise). */
export function sameTrieu(a: number, b: number): boolean {
  return trieuToDong(a) === trieuToDong(b);
}

/** Exact sum of amounts in triệu đồng (summed as đồng). */
export function sumTrieu(values: readonly number[]): number {
  return dongToTrieu(values.reduce((acc, v) => acc + trieuToDong(v), 0));
}

/** Exact product count × rate in triệu đồng. */
export function timesTrieu(count: number, rate: number): number {
  return dongToTrieu(Math.round(count * trieuToDong(rate)));
}
