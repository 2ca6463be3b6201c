/**
 * Saved profiles (the mapping step's result) on both drivers: versions per municipality and
 * name, recognition of a file by its headers, the nearest profile with what changed, and the
 * exported JSON importing exactly what the saved profile imports (page = command line).
 * The CSV is written by hand: an unknown city's export with A–F grades and money in 円.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { commitUpload, stageUpload } from '../../db/import/pending';
import { parseProfile } from '../../db/import/profiles';
import { proposeColumns } from '../../db/import/propose/propose';
import { profileFromProposals } from '../../db/import/propose/proposal-profile';
import { columnsOf, sampleSheet } from '../../db/import/propose/sample-sheet';
import { exportProfileJson, listSavedProfiles, nearestSavedProfile, recogniseProfile, savedProfileVersions, saveProfile } from '../../db/import/saved-profiles';
import { DRIVERS, freshDatabase } from '../support/databases';
import { dec } from '../support/read-back';

const CSV = `管理番号,事務事業の名称,評価年,担当部名,担当課名,決算額（円）,総合評価
0086,見守り事業,令和5年度,福祉部,福祉課,1234000,A
0102,子育て相談,令和5年度,福祉部,子育て課,560000,F
0215,道路補修,令和5年度,建設部,道路課,78000000,C
0301,図書館運営,令和5年度,教育部,生涯学習課,9000000,B
0302,公民館講座,令和5年度,教育部,生涯学習課,450000,E
0303,文化祭,令和5年度,教育部,生涯学習課,300000,D
`;
const bytes = new TextEncoder().encode(CSV);
const CITY = { code: '999002', name: '見本町' };

async function proposedProfile(name: string) {
  const sample = await sampleSheet('city.csv', bytes);
  if (!('rows' in sample)) throw new Error(sample.message.en);
  const columns = columnsOf(sample, { from: 1, to: 1 });
  return { headers: columns.map((c) => c.header), profile: profileFromProposals(proposeColumns(columns), columns, { name, kind: 'csv' }) };
}

const contents = (handle: DbHandle) =>
  queryRows<{ code: string; year: number; cost: string; section: string; grade: string; band: string }>(
    handle.db,
    sql`select p.code, e.fiscal_year as year, e.project_cost::text as cost, s.name as section, g.code as grade, g.band::text as band
        from evaluations e join projects p on p.id = e.project_id join sections s on s.id = p.section_id
        join ratings r on r.evaluation_id = e.id join rating_grades g on g.id = r.grade_id order by 1`,
  );

describe.each(DRIVERS)('saved profiles on %s', (driver) => {
  let handle: DbHandle;
  let other: DbHandle;
  beforeAll(async () => {
    [handle, other] = await Promise.all([freshDatabase(driver), freshDatabase(driver)]);
  });
  afterAll(async () => {
    await handle?.close();
    await other?.close();
  });

  it('saves versions per municipality and name, with who and when', async () => {
    const { headers, profile } = await proposedProfile('mihon-town');
    const first = await saveProfile(handle.db, { profile, municipality: CITY, headers, savedBy: '取込 太郎' });
    const second = await saveProfile(handle.db, {
      profile: { ...profile, moneyUnit: '千円' },
      municipality: CITY,
      headers,
      savedBy: '取込 花子',
      savedByUserId: 'u2',
    });
    expect(first.ok && second.ok).toBe(true);
    if (!first.ok || !second.ok) return;
    expect([first.saved.version, second.saved.version]).toEqual([1, 2]);
    expect(second.saved.savedBy).toBe('取込 花子');
    expect(second.saved.profile.municipality).toEqual(CITY);
    expect((await listSavedProfiles(handle.db, CITY.code)).map((s) => [s.name, s.version])).toEqual([['mihon-town', 2]]);
    expect((await savedProfileVersions(handle.db, CITY.code, 'mihon-town')).map((s) => s.savedBy)).toEqual(['取込 花子', '取込 太郎']);
  });

  it('refuses an invalid profile with a message in Japanese and English', async () => {
    const outcome = await saveProfile(handle.db, { profile: { version: 1, name: 'Bad Name' }, municipality: CITY, headers: ['a'], savedBy: 'x' });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message.ja).toContain('取込設定を保存できません');
      expect(outcome.message.en).toContain('cannot be saved');
    }
  });

  it('recognises a file by its headers (width and spaces aside) and finds the nearest otherwise', async () => {
    const { headers } = await proposedProfile('mihon-town');
    const wide = headers.map((h) => ` ${h.replace('0', '０')} `);
    expect((await recogniseProfile(handle.db, wide))?.version).toBe(2);
    const renamed = headers.map((h) => (h === '総合評価' ? '総合判定' : h));
    expect(await recogniseProfile(handle.db, renamed)).toBeNull();
    const nearest = await nearestSavedProfile(handle.db, renamed);
    expect(nearest).toMatchObject({ added: ['総合判定'], removed: ['総合評価'] });
    expect(nearest?.saved.name).toBe('mihon-town');
    expect(await nearestSavedProfile(handle.db, ['まったく', '別の', '表'])).toBeNull();
  });

  it('imports the same through the saved profile and through its exported JSON', async () => {
    const saved = (await listSavedProfiles(handle.db, CITY.code))[0]!;
    const viaPage = await importFile(handle.db, bytes, { fileName: 'city.csv', profile: saved.profile });
    expect(viaPage.errors).toEqual([]);
    const exported = parseProfile(JSON.parse(exportProfileJson(saved)));
    expect(exported.ok).toBe(true);
    if (!exported.ok) return;
    const viaCli = await importFile(other.db, bytes, { fileName: 'city.csv', profile: exported.profile });
    expect(viaCli.errors).toEqual([]);
    const [a, b] = await Promise.all([contents(handle), contents(other)]);
    expect(a).toEqual(b);
    expect(a.map((r) => [r.code, r.year, dec(r.cost), r.section, r.grade, r.band])).toEqual([
      ['0086', 2023, '1234', '福祉課', 'A', 'good'],
      ['0102', 2023, '560', '子育て課', 'F', 'poor'],
      ['0215', 2023, '78000', '道路課', 'C', 'middle'],
      ['0301', 2023, '9000', '生涯学習課', 'B', 'good'],
      ['0302', 2023, '450', '生涯学習課', 'E', 'poor'],
      ['0303', 2023, '300', '生涯学習課', 'D', 'middle'],
    ]);
  });

  it('commits a checked upload with the saved profile it was checked with', async () => {
    const saved = (await listSavedProfiles(handle.db, CITY.code))[0]!;
    const third = await freshDatabase(driver);
    try {
      await saveProfile(third.db, { profile: saved.profile, municipality: CITY, headers: saved.headers, savedBy: '取込 太郎' });
      const staged = await stageUpload(third.db, bytes, { fileName: 'city.csv', createdBy: '取込 太郎', profile: saved.profile, municipality: CITY });
      expect(staged.outcome.errors).toEqual([]);
      expect(staged.pendingId).not.toBeNull();
      const commit = await commitUpload(third.db, staged.pendingId!, '取込 太郎');
      expect(commit.status).toBe('committed');
      expect(await contents(third)).toEqual(await contents(other));
    } finally {
      await third.close();
    }
  });
});
