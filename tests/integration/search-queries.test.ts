/**
 * Search across the sheets (db/queries/search.ts) and the /projects `q` filter that shares its
 * matching, on both drivers: Japanese inside compounds, full- and half-width forms and the kana
 * variants NFKC unifies, every municipality and year, ranking, paging, LIKE metacharacters.
 */
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { canonicalHeader } from '../../db/import/format';
import { loadCsvFile } from '../../db/import/load';
import { listMunicipalities } from '../../db/queries/overview';
import { listProjects } from '../../db/queries/projects';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { likePattern, searchTerms } from '../../db/domain/search-text';
import { COMMON_PIECE_SHARE, searchProjects, textContains } from '../../db/queries/search';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';

const hikari = { 市区町村コード: '999001', 市区町村名: 'ひかり市' };
const midori = { 市区町村コード: '999002', 市区町村名: 'みどり町' };
const s1 = { 事業番号: 'S1', 事業名: '子育て支援事業', 目的: '子育て世帯の負担を軽減する。', 指標1名: 'ＳＤＧｓ推進件数' };
const rows = [
  { ...hikari, ...s1, 年度: '令和5年度', 所管部長による総評: '継続する。' },
  // Half-width katakana in the 2022 総評: ｻﾎﾟｰﾄ is サポート after NFKC.
  { ...hikari, ...s1, 年度: '令和4年度', 所管部長による総評: 'ｻﾎﾟｰﾄ体制を見直す。' },
  { ...hikari, 年度: '令和5年度', 事業番号: 'S2', 事業名: 'ファミリー・サポート事業', 目的: '地域で子育てを支える。' },
  { ...hikari, 年度: '令和5年度', 事業番号: 'S3', 事業名: '道路維持管理', 事業内容: '舗装補修を行う（50%_off）。' },
  // Another municipality, evaluated in 2022 only: found all the same.
  { ...midori, 年度: '令和4年度', 事業番号: 'K1', 事業名: '放課後児童クラブ運営', 主な対象: '小学生', 事業内容: '放課後に子育て支援を行う。' },
];

describe.each(DRIVERS_AND_WORKER)('search across the sheets on %s', (driver) => {
  let handle: DbHandle;
  let hikariId: number;
  const found = async (q: string) => (await searchProjects(handle.db, q)).hits.map((h) => `${h.municipalityCode}:${h.code}`);
  const listed = async (q: string, fiscalYear: number) =>
    (await listProjects(handle.db, { municipalityId: hikariId, fiscalYear, q }, { sort: 'code', dir: 'asc' })).rows.map((r) => r.code);

  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const header = canonicalHeader(1);
    const csv = Papa.unparse({ fields: header, data: rows.map((r) => header.map((h) => (r as Record<string, string>)[h] ?? '')) });
    await loadCsvFile(handle.db, new TextEncoder().encode(csv), { fileName: 'search-test.csv' });
    hikariId = (await listMunicipalities(handle.db)).find((m) => m.code === '999001')!.id;
  });
  afterAll(() => handle?.close());

  it('finds a word inside a compound, in every municipality and year, name matches first', async () => {
    // 支援 is two characters (no trigram: a scan), 育て支 three (the trigram index).
    expect(await found('支援')).toEqual(['999001:S1', '999002:K1']);
    expect(await found('育て支')).toEqual(['999001:S1', '999002:K1']);
    expect(await found('小学生')).toEqual(['999002:K1']); // 主な対象
    expect(await found('子育て')).toEqual(['999001:S1', '999001:S2', '999002:K1']);
  });

  it('treats full-width and half-width forms alike', async () => {
    expect(await found('sdgs')).toEqual(['999001:S1']); // the indicator ＳＤＧｓ推進件数
    expect(await found('ＳＤＧＳ')).toEqual(['999001:S1']);
    expect(await found('ｓｄｇｓ推進')).toEqual(['999001:S1']);
    expect(await found('s1')).toEqual(['999001:S1']); // the code
    expect(await found('Ｓ１')).toEqual(['999001:S1']);
  });

  it('unifies the kana variants NFKC unifies, ranking the name above a 総評', async () => {
    // サポート: S2's name; ｻﾎﾟｰﾄ: S1's 2022 総評. Either spelling finds both.
    expect(await found('サポート')).toEqual(['999001:S2', '999001:S1']);
    expect(await found('ｻﾎﾟｰﾄ')).toEqual(['999001:S2', '999001:S1']);
    const page = await searchProjects(handle.db, 'ｻﾎﾟｰﾄ');
    expect(page.terms).toEqual(['サポート']);
    expect(page.hits[1]).toMatchObject({ name: '子育て支援事業', review: { fiscalYear: 2022, text: 'ｻﾎﾟｰﾄ体制を見直す。' } });
    expect(page.hits[1]!.score).toBeLessThan(page.hits[0]!.score);
  });

  it('needs every term, across fields, split on any space', async () => {
    expect(await found('子育て 負担')).toEqual(['999001:S1']); // 事業名 + 目的
    expect(await found('子育て　放課後')).toEqual(['999002:K1']); // ideographic space
    expect(await found('sdgs 継続')).toEqual(['999001:S1']); // indicator + 総評
    expect(await found('子育て 道路')).toEqual([]);
    const page = await searchProjects(handle.db, 'ｓｄｇｓ 推進');
    expect(page.hits[0]!.indicators).toEqual(['ＳＤＧｓ推進件数']);
  });

  it('answers one- and two-character terms exactly as LIKE alone does', async () => {
    // LIKE on the three search_text columns, without the n-gram index's condition: the truth.
    const byLike = async (q: string) => {
      const conditions = searchTerms(q).map(
        (term) => sql`(p.search_text like ${likePattern(term)}
          or exists (select 1 from indicators i where i.project_id = p.id and i.search_text like ${likePattern(term)})
          or exists (select 1 from evaluations e where e.project_id = p.id and e.search_text like ${likePattern(term)}))`,
      );
      const rows = await queryRows<{ key: string }>(
        handle.db,
        sql`select m.code || ':' || p.code as key from projects p join municipalities m on m.id = p.municipality_id
            where ${sql.join(conditions, sql` and `)} order by 1`,
      );
      return rows.map((r) => r.key);
    };
    const cases: [string, string[]][] = [
      ['支援', ['999001:S1', '999002:K1']], // two characters inside 子育て支援事業
      ['援', ['999001:S1', '999002:K1']], // one character
      ['ﾎﾟ', ['999001:S1', '999001:S2']], // half-width ﾎﾟ is ポ: S2's name, S1's 2022 総評
      ['ポー', ['999001:S1', '999001:S2']],
      ['ｓ', ['999001:S1', '999001:S2', '999001:S3']], // ｓ is s: S1's code and ＳＤＧｓ, S2 and S3's codes
      ['Ｓ１', ['999001:S1']], // two characters across code and nothing else
      ['小', ['999002:K1']], // 主な対象 小学生
      ['%_', ['999001:S3']], // LIKE metacharacters, literally
      ['ぞ', []],
      ['援 小', ['999002:K1']], // every term, both short
    ];
    const check = async () => {
      for (const [q, expected] of cases) {
        const found = (await searchProjects(handle.db, q)).hits.map((h) => `${h.municipalityCode}:${h.code}`).sort();
        expect(found, q).toEqual(expected);
        expect(found, q).toEqual(await byLike(q));
      }
    };
    await check(); // no statistics yet: every short term through the n-gram index
    // After ANALYZE, a piece in most rows (援 is in two of four projects) is searched by LIKE alone.
    await handle.db.execute(sql`analyze`);
    const common = await queryRows<{ share: number }>(
      handle.db,
      sql`select e.share from pg_stats s cross join lateral unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) as e(piece, share)
          where s.tablename = 'projects_search_ngrams' and e.piece = '援'`,
    );
    expect(Number(common[0]?.share)).toBeGreaterThanOrEqual(COMMON_PIECE_SHARE);
    await check();
    expect(await listed('援', 2023)).toEqual(['S1']);
    expect(await listed('ﾎﾟ', 2022)).toEqual(['S1']); // the 2022 総評
    expect(await listed('ﾎﾟ', 2023)).toEqual(['S2']);
  });

  it('search_ngrams holds every one- and two-character piece of a text', async () => {
    const text = '健診\n𠮷野 ａ%_ｶﾞ';
    const chars = [...text];
    const pieces = chars.flatMap((c, i) => (i + 1 < chars.length ? [c, c + chars[i + 1]] : [c]));
    const [row] = await queryRows<{ held: boolean; pieces: string[] }>(
      handle.db,
      sql`select search_ngrams(${text}) @> array[${sql.join(
        pieces.map((p) => sql`${p}::text`),
        sql`, `,
      )}] as held, search_ngrams(${text}) as pieces`,
    );
    expect(row!.held).toBe(true);
    expect(new Set(row!.pieces)).toEqual(new Set([...pieces, ''])); // '' where a cut meets the end
  });

  it('lets the planner answer a short term from the n-gram index of each table', async () => {
    // Forbidding the sequential scan shows the index matches the query's expression (a tiny
    // table would otherwise be scanned); on the bench database the planner picks it unforced.
    for (const table of ['projects', 'evaluations', 'indicators']) {
      const plan = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const rows = await queryRows<{ 'QUERY PLAN': string }>(
          tx,
          sql`explain select 1 from ${sql.identifier(table)} where ${textContains(sql`search_text`, '健診')}`,
        );
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
      expect(plan).toContain(`${table}_search_ngrams`);
    }
  });

  it('matches LIKE metacharacters literally and binds the query', async () => {
    expect(await found('%')).toEqual(['999001:S3']);
    expect(await found('50%_')).toEqual(['999001:S3']);
    expect(await found('_')).toEqual(['999001:S3']);
    expect(await found("%' or 1=1 --")).toEqual([]);
    expect(await found('   ')).toEqual([]);
  });

  it('pages the ranked hits and clamps a page past the end', async () => {
    const second = await searchProjects(handle.db, '子育て', 2, 2);
    expect(second).toMatchObject({ total: 3, page: 2, pageCount: 2, pageSize: 2 });
    expect(second.hits.map((h) => h.code)).toEqual(['K1']);
    const past = await searchProjects(handle.db, '子育て', 99, 2);
    expect(past.page).toBe(2);
    expect(past.hits.map((h) => h.code)).toEqual(['K1']);
  });

  it('filters the project list with the same matching, on that year', async () => {
    expect(await listed('ＳＤＧＳ', 2023)).toEqual(['S1']);
    expect(await listed('子育て', 2023)).toEqual(['S1', 'S2']);
    // The half-width 総評 is 2022's: in 2023 only S2's name matches.
    expect(await listed('サポート', 2023)).toEqual(['S2']);
    expect(await listed('サポート', 2022)).toEqual(['S1']);
    expect(await listed('50%', 2023)).toEqual(['S3']);
  });
});
