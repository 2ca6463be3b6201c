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
import { searchProjects } from '../../db/queries/search';
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
