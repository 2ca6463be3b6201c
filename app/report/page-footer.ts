/**
 * The printed pages' footer for printing from the browser: the date of the data at the left and
 * "page / pages" at the right, drawn by CSS page-margin boxes (Chromium 131+). The text is data, so
 * it is written as a CSS string with every character that could end the string or the <style>
 * element escaped.
 */

/** `"…"`: a CSS string literal whose content is `text`, safe inside a <style> element. */
export function cssString(text: string): string {
  const escaped = [...text].map((ch) => (/^[\p{L}\p{N} .,:;()（）・/_+-]$/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `)).join('');
  return `"${escaped}"`;
}

export function pageFooterCss(footer: string): string {
  return `@page {
  @bottom-left { content: ${cssString(footer)}; font-size: 8pt; color: #555; }
  @bottom-right { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; }
}`;
}
