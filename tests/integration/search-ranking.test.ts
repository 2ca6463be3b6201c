/**
 * The search's ranking bound (db/queries/search.ts) on both drivers: when more projects are in a
 * score tier (every term in code or 事業名; every term in the project text with all but one in
 * code or 事業名) than the search ranks (`rankCap`), it ranks that tier alone, says the total is a
 * lower bound, and its pages are exactly the first places of the full ranking; name matches come
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
      // Four names and A3's 目的 hold 橋: more than a cap of 4 in the project-text tier, which
      // ranks them alone; the page is still the exact first four (A3 is fifth).
      const inText = await searchProjects(handle.db, '橋', 1, 20, 4);
      expect(inText).toMatchObject({ total: 4, capped: true });
      expect(keys(inText)).toEqual(exact.slice(0, 4));
      // Not more in project text than the cap: the exact ranking and total, A4 (総評) included.
      expect(await searchProjects(handle.db, '橋', 1, 20, 5)).toMatchObject({ total: 6, capped: false });
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

const higashi = { 市区町村コード: '999021', 市区町村名: 'ひがし市', 年度: '令和5年度' };
const nishi = { 市区町村コード: '999022', 市区町村名: 'にし村', 年度: '令和5年度' };
/** Two terms: 16 both in the name, 12 one in the name and one in other project text, then 10, 9, 8. */
const twoTermRows = [
  { ...higashi, 事業番号: 'C1', 事業名: '放課後推進' }, // 16
  { ...higashi, 事業番号: 'C2', 事業名: '放課後児童クラブ', 目的: '児童の居場所づくりを推進する。' }, // 8 + 4
  { ...higashi, 事業番号: 'C3', 事業名: '放課後子ども教室運営', 目的: '地域の学びを推進する。' }, // 8 + 4
  { ...nishi, 事業番号: 'C4', 事業名: '学童保育推進', 目的: '放課後の居場所をつくる。' }, // 4 + 8
  { ...nishi, 事業番号: 'C5', 事業名: '居場所づくり', 目的: '放課後の居場所づくりを推進する。' }, // 4 + 4
  { ...nishi, 事業番号: 'C6', 事業名: '放課後見守り', 所管部長による総評: '推進体制を見直す。' }, // 8 + 1
  { ...higashi, 事業番号: 'C7', 事業名: '推進体制整備', 指標1名: '放課後の参加者数' }, // 2 + 8
  { ...higashi, 事業番号: 'C8', 事業名: '図書館運営', 目的: '読書を推進する。' }, // no 放課後
];

describe.each(DRIVERS)('search ranking tier of project text on %s', (driver) => {
  let handle: DbHandle;
  const keys = (page: Awaited<ReturnType<typeof searchProjects>>) => page.hits.map((h) => h.code);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(1);
    const csv = Papa.unparse({ fields: header, data: twoTermRows.map((r) => header.map((h) => (r as Record<string, string>)[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'search-ranking-tier-test.csv' });
  });
  afterAll(() => handle?.close());

  it('ranks a term in the name and one in the indicators or 総評 above both in other project text', async () => {
    const page = await searchProjects(handle.db, '放課後 推進');
    expect(page).toMatchObject({ total: 7, capped: false });
    expect(page.hits.map((h) => h.score)).toEqual([16, 12, 12, 12, 10, 9, 8]);
    expect(keys(page)[0]).toBe('C1');
    expect(keys(page).slice(4)).toEqual(['C7', 'C6', 'C5']);
  });

  it('ranks the project-text tier alone when it holds more than the cap, with and without statistics', async () => {
    const check = async () => {
      const exact = keys(await searchProjects(handle.db, '放課後 推進'));
      // One name holds both words (not more than a cap of 3), four are in the tier of score ≥ 12.
      const capped = await searchProjects(handle.db, '放課後 推進', 1, 20, 3);
      expect(capped).toMatchObject({ total: 3, capped: true, page: 1, pageCount: 1 });
      expect(keys(capped)).toEqual(exact.slice(0, 3));
      expect(capped.hits.map((h) => h.score)).toEqual([16, 12, 12]);
      const second = await searchProjects(handle.db, '放課後 推進', 2, 1, 3);
      expect(second).toMatchObject({ total: 3, capped: true, page: 2, pageCount: 3 });
      expect(keys(second)).toEqual(exact.slice(1, 2));
      expect(keys(await searchProjects(handle.db, '放課後 推進', 7, 1, 3))).toEqual(exact.slice(2, 3));
      // Not more than a cap of 4 in the tier: exact, C7 (10) and C6 (9) before C5 (8, both words in 目的).
      const whole = await searchProjects(handle.db, '放課後 推進', 1, 20, 4);
      expect(whole).toMatchObject({ total: 7, capped: false });
      expect(keys(whole)).toEqual(exact);
      // One term: four names and two other project texts hold 放課後, C7 only an indicator.
      const one = keys(await searchProjects(handle.db, '放課後'));
      expect(one).toHaveLength(7);
      const oneCapped = await searchProjects(handle.db, '放課後', 1, 20, 5);
      expect(oneCapped).toMatchObject({ total: 5, capped: true });
      expect(keys(oneCapped)).toEqual(one.slice(0, 5));
      // 推進, a piece of every project text once analysed: three names, seven project texts.
      const short = keys(await searchProjects(handle.db, '推進'));
      const shortCapped = await searchProjects(handle.db, '推進', 1, 20, 3);
      expect(shortCapped).toMatchObject({ total: 3, capped: true });
      expect(keys(shortCapped)).toEqual(short.slice(0, 3));
    };
    await check();
    await handle.db.execute(sql`analyze`);
    const [stat] = await queryRows<{ share: number }>(
      handle.db,
      sql`select e.share from pg_stats s cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
          where s.tablename = 'projects_search_ngrams' and e.piece = '推進'`,
    );
    expect(Number(stat?.share)).toBeGreaterThanOrEqual(COMMON_PIECE_SHARE);
    await check(); // after: 推進 is a common piece, the tier's names come nearest first (GiST)
  });
});
