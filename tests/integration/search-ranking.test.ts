/**
 * The search's ranking bound (db/queries/search.ts) on both drivers: when more projects hold every
 * term in code or 事業名 than the search ranks (`rankCap`), it ranks those alone, says the total is
 * a lower bound, and its pages are exactly the first places of the full ranking; name matches come
 * before any other place. The cap is lowered here so that a few rows cross it.
 */
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DbHandle, queryRows } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { COMMON_PIECE_SHARE, searchProjects } from '../../db/queries/search';
import { DRIVERS, freshDatabase } from '../support/databases';

const minami = { 市区町村コード: '999011', 市区町村名: 'みなみ市', 年度: '令和5年度' };
const kita = { 市区町村コード: '999012', 市区町村名: 'きた町', 年度: '令和5年度' };
const rows = [
  { ...minami, 事業番号: 'A1', 事業名: '橋りょう補修事業' },
  { ...minami, 事業番号: 'A2', 事業名: '橋梁長寿命化' },
  { ...minami, 事業番号: 'A3', 事業名: '道路維持', 目的: '橋の点検を行う。' },
  { ...minami, 事業番号: 'A4', 事業名: '公園管理', 所管部長による総評: '橋の架け替えを検討する。' },
  { ...minami, 事業番号: 'A5', 事業名: '図書館運営' },
  { ...kita, 事業番号: 'B1', 事業名: '歩道橋整備' },
  { ...kita, 事業番号: 'B2', 事業名: '橋' },
];

describe.each(DRIVERS)('search ranking bound on %s', (driver) => {
  let handle: DbHandle;
  const keys = (page: Awaited<ReturnType<typeof searchProjects>>) => page.hits.map((h) => `${h.municipalityCode}:${h.code}`);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(1);
    const csv = Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => (r as Record<string, string>)[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'search-ranking-test.csv' });
  });
  afterAll(() => handle?.close());

  it('ranks every name match before project text, indicators and 総評', async () => {
    const page = await searchProjects(handle.db, '橋');
    expect(page).toMatchObject({ total: 6, capped: false, pageCount: 1 });
    // B2 is the name itself (closest), then names starting with 橋 (shorter first), then the
    // name with 橋 inside a word, then 目的 (A3) and 総評 (A4).
    expect(keys(page)).toEqual(['999012:B2', '999011:A2', '999011:A1', '999012:B1', '999011:A3', '999011:A4']);
    expect(page.hits.map((h) => h.score)).toEqual([8, 8, 8, 8, 4, 1]);
  });

  it('caps the count and ranks the name matches alone when they exceed the cap, with and without statistics', async () => {
    const check = async () => {
      const exact = keys(await searchProjects(handle.db, '橋'));
      // Four names hold 橋: more than a cap of 3, so three are ranked and the total is 「3件以上」.
      const capped = await searchProjects(handle.db, '橋', 1, 20, 3);
      expect(capped).toMatchObject({ total: 3, capped: true, page: 1, pageCount: 1 });
      expect(keys(capped)).toEqual(exact.slice(0, 3));
      // Paged one at a time: the same places, and a page past the cap shows the last one.
      const second = await searchProjects(handle.db, '橋', 2, 1, 3);
      expect(second).toMatchObject({ total: 3, capped: true, page: 2, pageCount: 3 });
      expect(keys(second)).toEqual(exact.slice(1, 2));
      expect(keys(await searchProjects(handle.db, '橋', 9, 1, 3))).toEqual(exact.slice(2, 3));
      // Not more names than the cap: the exact ranking and total, A3 and A4 included.
      expect(await searchProjects(handle.db, '橋', 1, 20, 4)).toMatchObject({ total: 6, capped: false });
      // Two terms: only A1's name holds both, not more than a cap of 1, so the search is exact.
      expect(await searchProjects(handle.db, '橋 事業', 1, 20, 1)).toMatchObject({ total: 1, capped: false });
    };
    await check(); // before ANALYZE: 橋 goes through the n-gram index
    await handle.db.execute(sql`analyze`);
    const [stat] = await queryRows<{ share: number }>(
      handle.db,
      sql`select e.share from pg_stats s cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
          where s.tablename = 'projects_search_ngrams' and e.piece = '橋'`,
    );
    expect(Number(stat?.share)).toBeGreaterThanOrEqual(COMMON_PIECE_SHARE);
    await check(); // after: 橋 is a common piece, the capped page comes from the closest names (GiST)
  });
});
