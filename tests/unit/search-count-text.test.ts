/** The search page says when its total is a lower bound (more projects match than it ranks). */
import { describe, expect, it } from 'vitest';
import { SEARCH_TEXT } from '../../app/search/text';
import { formatCount } from '../../app/lib/format';
import { SEARCH_RANK_CAP } from '../../db/queries/search';

describe('search count text', () => {
  it.each([
    ['ja', SEARCH_TEXT.ja, '1,000件以上', '1,234事業'],
    ['en', SEARCH_TEXT.en, '1,000+ projects', '1,234 projects'],
  ] as const)('%s: a capped total reads as a lower bound, an exact one as a count', (_, t, atLeast, exact) => {
    expect(t.atLeast(formatCount(SEARCH_RANK_CAP))).toContain(atLeast);
    expect(t.count(formatCount(1234))).toBe(exact);
    expect(t.count(formatCount(1234))).not.toMatch(/以上|\+/);
  });
});
