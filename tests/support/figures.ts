/** Reads the number out of a displayed figure: `13,191,292千円` → 13191292, `568事業` → 568, `−1.5%` → -1.5. */
export function figure(text: string | null | undefined): number {
  const m = text?.replace(/−/g, '-').match(/-?[\d,]+(\.\d+)?/);
  if (!m) throw new Error(`no number in ${JSON.stringify(text)}`);
  return Number(m[0].replace(/,/g, ''));
}
