/** Cell rules shared by every export, CSV and .xlsx alike. */

/** `225251.500` → `225251.5`, `818.000` → `818`: the same value without trailing zeros. */
export function plainDecimal(value: string | null): string {
  if (value === null) return '';
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}

/**
 * A cell Excel would run as a formula (it starts with =, +, -, @, a tab or a carriage return)
 * gets a leading apostrophe, so Excel shows it as text. Applied to every cell; the one exception
 * is a plain number this module wrote itself (`-12.3`, a fall in cost), which Excel reads as a
 * number and never as a formula. The full-width ＝ ＋ － ＠ are included: Japanese Excel may turn
 * them into their ASCII forms while reading, and a leading apostrophe costs nothing.
 */
export function safeCell(value: string | null): string {
  if (value === null) return '';
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  return /^[=+\-@\t\r＝＋－＠]/.test(value) ? `'${value}` : value;
}
