/**
 * 市区町村コード: the 全国地方公共団体コード of JIS X 0401/0402 — 5 digits, or 6 with the check
 * digit. Only the shape is checked, not the check digit: fictional towns (demo data, tests) and
 * cities that drop it must still load.
 */
export function isMunicipalityCode(code: string): boolean {
  return /^\d{5,6}$/.test(code);
}

/** A cell as quoted in a problem report: an over-long value is cut, not repeated in full. */
export function quotedCode(value: string, max = 20): string {
  if (value.length <= max) return value;
  const n = value.length.toLocaleString('en-US');
  return `${value.slice(0, max)}…（${n}文字 / ${n} chars）`;
}
