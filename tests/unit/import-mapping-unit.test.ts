/**
 * A unit written in a mapping target (`執行額` → `事業費合計（円）`) is honoured for money
 * columns, and refused with a message where it cannot be: never dropped.
 */
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../../db/import/headers';

const IDENTITY = ['市区町村コード', '市区町村名', '年度', '事業番号', '事業名'];

describe('a unit in a mapping target', () => {
  it.each([
    ['事業費合計（円）', { canonical: '事業費合計', moneyUnit: '円' }],
    ['事業費合計(千円)', { canonical: '事業費合計', moneyUnit: '千円' }],
    ['トータルコスト（百万円）', { canonical: 'トータルコスト', moneyUnit: '百万円' }],
    ['事業費合計', { canonical: '事業費合計' }],
  ])('%s is read in its unit', (target, expected) => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '執行額'], { mapping: { columns: { 執行額: target } } });
    expect(mapped.problems).toEqual([]);
    expect(mapped.columns[5]).toEqual(expected);
  });

  it('the target unit wins over a unit in the source header', () => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '執行額（千円）'], { mapping: { columns: { '執行額（千円）': '事業費合計（円）' } } });
    expect(mapped.columns[5]).toEqual({ canonical: '事業費合計', moneyUnit: '円' });
  });

  it.each([
    ['事業費合計（人）', '人'],
    ['正規職員人数（円）', '円'],
  ])('%s is refused, naming the unit and the fix', (target, unit) => {
    const mapped = mapHeader('t.csv', [...IDENTITY, '執行額'], { mapping: { columns: { 執行額: target } } });
    const errors = mapped.problems.filter((p) => p.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message.ja).toContain(`「${unit}」`);
    expect(errors[0]!.message.ja).toContain('円・千円・百万円');
    expect(errors[0]!.message.en).toContain(unit);
  });
});
