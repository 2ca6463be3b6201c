import { describe, expect, it } from 'vitest';
import { highlight, isNgramTerm, likePattern, MAX_TERMS, searchTerms, snippet } from '../../db/domain/search-text';

const marked = (segments: { text: string; match: boolean }[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('');

describe('searchTerms', () => {
  it.each([
    ['子育て支援', ['子育て支援']],
    ['  子育て　ＳＤＧｓ  子育て ', ['子育て', 'sdgs']],
    ['ｻﾎﾟｰﾄ', ['サポート']],
    ['Ａ－１', ['a-1']],
    ['', []],
    ['　 ', []],
  ])('%j → %j', (query, terms) => expect(searchTerms(query)).toEqual(terms));

  it('keeps at most MAX_TERMS terms', () => {
    expect(searchTerms(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_TERMS);
  });
});

describe('likePattern', () => {
  it.each([
    ['支援', '%支援%'],
    ['50%_off', '%50\\%\\_off%'],
    ['a\\b', '%a\\\\b%'],
  ])('%j → %j', (term, pattern) => expect(likePattern(term)).toBe(pattern));
});

describe('isNgramTerm', () => {
  it.each([
    ['市', true],
    ['健診', true],
    ['𠮷野', true], // two characters, three UTF-16 units
    ['%_', true],
    ['子育て', false], // a trigram: the trigram index answers it
    ['', false],
    ['a\u001f', false], // the n-gram function's own cutting mark
  ])('%j → %j', (term, expected) => expect(isNgramTerm(term)).toBe(expected));
});

describe('highlight', () => {
  it.each([
    ['子育て支援事業', ['支援'], '子育て[支援]事業'],
    ['ＳＤＧｓ推進件数', ['sdgs'], '[ＳＤＧｓ]推進件数'],
    // ｻﾎﾟｰﾄ is 5 characters in the text, サポート 4 after NFKC: the whole original is marked.
    ['ｻﾎﾟｰﾄ体制', ['サポート'], '[ｻﾎﾟｰﾄ]体制'],
    ['ガッコウとｶﾞｯｺｳ', ['がっこう'], 'ガッコウとｶﾞｯｺｳ'],
    ['ガッコウとｶﾞｯｺｳ', ['ガッコウ'], '[ガッコウ]と[ｶﾞｯｺｳ]'],
    ['支援と支援', ['支援'], '[支援]と[支援]'],
    ['子育て支援', ['子育て', '育て支'], '[子育て支]援'],
    ['<b>支援</b>', ['支援'], '<b>[支援]</b>'],
    ['なし', ['支援'], 'なし'],
  ])('%j with %j → %j', (text, terms, expected) => expect(marked(highlight(text, terms))).toBe(expected));
});

describe('snippet', () => {
  const long = `${'あ'.repeat(100)}支援${'い'.repeat(100)}`;
  it('cuts a long text around its first match', () => {
    expect(marked(snippet(long, ['支援'], 3))).toBe('…あああ[支援]いいい…');
  });
  it('keeps a short text whole', () => {
    expect(marked(snippet('子育て支援', ['支援'], 10))).toBe('子育て[支援]');
  });
  it('starts a long text without a match at its beginning', () => {
    expect(marked(snippet(long, ['なし'], 3))).toBe('ああああああ…');
  });
});
