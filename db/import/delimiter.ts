/**
 * Which character separates the values: read from the header row alone. A comma wins whenever
 * the header row has one; another delimiter only when the header row uses it and no comma.
 * (Papaparse's guess weighs every row alike, so a text cell like `a;b;c;d` in a short file
 * could turn the whole file `;`-separated.)
 */
const OTHERS = ['\t', ';', '|'] as const;

export function headerDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || OTHERS.includes(c as (typeof OTHERS)[number]))) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.has(',')) return ',';
  let best = ',';
  let most = 0;
  for (const d of OTHERS) {
    const n = counts.get(d) ?? 0;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}
