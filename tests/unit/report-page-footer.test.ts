import { describe, expect, it } from 'vitest';
import { cssString, pageFooterCss } from '../../app/report/page-footer';

describe('cssString', () => {
  it.each([
    ['データ時点 2026年12月4日', '"データ時点 2026年12月4日"'],
    ['Data as of Dec 4, 2026', '"Data as of Dec 4, 2026"'],
    // What could end the string, the rule or the <style> element is written as a hex escape.
    ['a"b', '"a\\22 b"'],
    ['a\\b', '"a\\5c b"'],
    ['</style><script>', '"\\3c /style\\3e \\3c script\\3e "'],
    ['x}y;\nz', '"x\\7d y;\\a z"'],
    ['', '""'],
  ])('%j → %s', (text, css) => {
    expect(cssString(text)).toBe(css);
  });
});

describe('pageFooterCss', () => {
  it('puts the text at the bottom left and the page numbers at the bottom right', () => {
    const css = pageFooterCss('データ時点 2026年12月4日');
    expect(css).toMatch(/@bottom-left \{ content: "データ時点 2026年12月4日";/);
    expect(css).toMatch(/@bottom-right \{ content: counter\(page\) " \/ " counter\(pages\);/);
  });
});
