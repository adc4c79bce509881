/**
 * An independent reader of Vietnamese number words back to a number, for testing
 * amountInWords by round trip (not built from its code).
 */
const DIGIT: Record<string, number> = { không: 0, một: 1, mốt: 1, hai: 2, ba: 3, bốn: 4, tư: 4, năm: 5, lăm: 5, sáu: 6, bảy: 7, tám: 8, chín: 9 };

function below1000(tokens: string[]): number {
  let i = 0;
  let value = 0;
  const digit = () => {
    const d = DIGIT[tokens[i]];
    if (d === undefined) throw new Error(`not a digit: ${tokens[i]} in "${tokens.join(" ")}"`);
    i++;
    return d;
  };
  if (tokens[i + 1] === "trăm") {
    value += digit() * 100;
    i++;
  }
  if (tokens[i] === "linh") {
    i++;
    value += digit();
  } else if (tokens[i] === "mười") {
    i++;
    value += 10;
    if (i < tokens.length) value += digit();
  } else if (tokens[i + 1] === "mươi") {
    value += digit() * 10;
    i++;
    if (i < tokens.length) value += digit();
  } else if (i < tokens.length) value += digit();
  if (i !== tokens.length) throw new Error(`left over: ${tokens.slice(i).join(" ")}`);
  return value;
}

function belowBillion(tokens: string[]): number {
  let total = 0;
  let rest = tokens;
  for (const [scale, factor] of [["triệu", 1e6], ["nghìn", 1e3]] as const) {
    const at = rest.indexOf(scale);
    if (at >= 0) {
      total += below1000(rest.slice(0, at)) * factor;
      rest = rest.slice(at + 1);
    }
  }
  return rest.length > 0 ? total + below1000(rest) : total;
}

function read(tokens: string[]): number {
  const at = tokens.lastIndexOf("tỷ");
  if (at < 0) return belowBillion(tokens);
  const low = tokens.slice(at + 1);
  return read(tokens.slice(0, at)) * 1e9 + (low.length > 0 ? belowBillion(low) : 0);
}

/** "Hai tỷ sáu trăm hai mươi triệu đồng" → 2620000000. */
export function wordsToNumber(words: string): number {
  const tokens = words.replace(/ đồng$/, "").toLocaleLowerCase("vi").split(" ");
  return tokens.length === 1 && tokens[0] === "không" ? 0 : read(tokens);
}
