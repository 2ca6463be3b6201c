import { describe, expect, it } from 'vitest';
import { isMunicipalityCode, quotedCode } from '@/db/domain/municipality-code';
import { headerDelimiter } from '@/db/import/delimiter';

describe('headerDelimiter (the header row decides; comma whenever it has one)', () => {
  it.each([
    ['市区町村コード,事業名,事業内容\n019999,見守り,a;b;c;d\n', ','],
    ['\uFEFF市区町村コード,事業名\n', ','],
    ['市区町村コード;事業名;事業内容\n019999;見守り;"a,b"\n', ';'],
    ['市区町村コード\t事業名\t事業内容\n', '\t'],
    ['市区町村コード|事業名\n', '|'],
    ['"市区町村;コード",事業名\n', ','],
    ['"市区,町村"\t事業名\t事業内容\n', '\t'],
    ['事業名\n見守り;a;b;c\n', ','],
    ['', ','],
    ['市区町村コード;事業名\r\n019999,見守り\r\n', ';'],
  ] as const)('%j → %j', (text, expected) => expect(headerDelimiter(text)).toBe(expected));
});

describe('isMunicipalityCode (5 or 6 digits)', () => {
  it.each([
    ['14214', true],
    ['142140', true],
    ['019999', true],
    ['1421', false],
    ['1421400', false],
    ['14214a', false],
    ['', false],
    [' 142140', false],
    ['1'.repeat(10_000), false],
  ] as const)('%j → %j', (code, expected) => expect(isMunicipalityCode(code)).toBe(expected));

  it('quotes an over-long code cut short, with its length', () => {
    expect(quotedCode('142140')).toBe('142140');
    expect(quotedCode('9'.repeat(8000))).toBe(`${'9'.repeat(20)}…（8,000文字 / 8,000 chars）`);
  });
});
