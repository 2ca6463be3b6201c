import { describe, expect, it } from 'vitest';
import { listGradeText } from '@/app/projects/_components/list-grade';
import type { Band } from '@/db/domain/rating-scheme';

describe('a grade in a list column', () => {
  it.each<[string, Band, 'ja' | 'en', string]>([
    ['A', 'good', 'ja', 'A'],
    ['C', 'poor', 'en', 'C'],
    ['Ⅱ', 'middle', 'ja', 'Ⅱ'],
    ['N', 'not_comparable', 'ja', 'N'],
    ['未着手', 'poor', 'ja', '未着手'],
    ['見直し余地がある', 'poor', 'ja', '要改善'],
    ['見直し余地がある', 'poor', 'en', 'Poor'],
    ['結びついている', 'good', 'ja', '良好'],
    ['一律に比較できない', 'not_comparable', 'ja', '比較不可'],
    ['概ね順調', 'middle', 'ja', '中位'],
  ])('%s (%s, %s) reads %s', (code, band, locale, expected) => {
    expect(listGradeText({ code, band }, locale)).toBe(expected);
  });
});
