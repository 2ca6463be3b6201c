/**
 * Saved profiles as files and as a start for next year's file, on both drivers: the list page's
 * data (newest per name, versions), a profile JSON imported as the next version (refusals name
 * the problem and the key, a municipality is required when the JSON has none), the export's
 * file name, and a near match (a renamed column) opening the mapping step with the saved
 * profile's choices and only the changed column to look at.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { recordRejectedUpload } from '../../db/import/rejected';
import { overProfile, startFromProfile } from '../../db/import/propose/from-profile';
import { choicesFrom, mappingStep } from '../../db/import/propose/mapping-step';
import { nearUpload, recogniseUpload } from '../../db/import/propose/recognise-upload';
import {
  exportProfileJson,
  importProfileJson,
  listSavedProfiles,
  PROFILE_FILE_MAX_BYTES,
  profileFileName,
  savedProfileVersions,
  saveProfile,
} from '../../db/import/saved-profiles';
import { DRIVERS, freshDatabase } from '../support/databases';

const HEADER = '管理番号,事務事業の名称,評価年,担当部名,担当課名,決算額（千円）,総合評価';
const BODY = `0086,見守り事業,令和5年度,福祉部,福祉課,1234,A
0102,子育て相談,令和5年度,福祉部,子育て課,560,F
0215,道路補修,令和5年度,建設部,道路課,78000,C
`;
const csv = (header: string) => new TextEncoder().encode(`${header}\n${BODY}`);
const CITY = { code: '999003', name: '試験町' };
const form = (fields: Record<string, string>) => choicesFrom((name) => fields[name]);

describe.each(DRIVERS)('saved profile files and near matches on %s', (driver) => {
  let handle: DbHandle;
  let batchId: number;
  let savedId: number;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
    const bytes = csv(HEADER);
    const refused = await importFile(handle.db, bytes, { fileName: 'shiken-r5.csv', dryRun: true });
    batchId = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
    const step = await mappingStep(handle.db, batchId, form({ code: CITY.code, city: CITY.name, name: 'shiken-town', c3: '' }));
    const headers = step!.sample.rows.find((r) => r.line === step!.headerTo)!.cells;
    const saved = await saveProfile(handle.db, { profile: step!.profile, municipality: CITY, headers, savedBy: '取込 太郎' });
    if (!saved.ok) throw new Error(saved.message.en);
    savedId = saved.saved.id;
  }, 120_000);
  afterAll(() => handle?.close());

  it('imports an exported profile as the next version, keeping the header row for recognition', async () => {
    const [first] = await listSavedProfiles(handle.db, CITY.code);
    const json = exportProfileJson(first!);
    const outcome = await importProfileJson(handle.db, json, { savedBy: '取込 花子' });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.saved).toMatchObject({ name: 'shiken-town', version: 2, savedBy: '取込 花子', municipality: CITY });
    expect(outcome.saved.headers).toEqual(first!.headers);
    expect((await savedProfileVersions(handle.db, CITY.code, 'shiken-town')).map((v) => v.version)).toEqual([2, 1]);
    expect((await listSavedProfiles(handle.db)).map((p) => [p.name, p.version])).toEqual([['shiken-town', 2]]);
    expect((await recogniseUpload(handle.db, 'shiken-r6.csv', csv(HEADER)))?.version).toBe(2);
    expect(profileFileName(outcome.saved)).toBe('profile-999003-shiken-town-v2.json');
    expect(profileFileName({ ...outcome.saved, name: '../x"; y' })).toBe('profile-999003-___x___y-v2.json');
  });

  it('refuses a file that is not JSON, not a profile, or has no municipality, naming the problem', async () => {
    const notJson = await importProfileJson(handle.db, '{ "name": ', { savedBy: 'x' });
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.message.ja).toContain('JSONとして読めません');

    const array = await importProfileJson(handle.db, '[]', { savedBy: 'x' });
    expect(!array.ok && array.message.en).toContain('not an object');

    const [saved] = await listSavedProfiles(handle.db, CITY.code);
    const { municipality: _drop, ...withoutCity } = JSON.parse(exportProfileJson(saved!));
    const noCity = await importProfileJson(handle.db, JSON.stringify(withoutCity), { savedBy: 'x' });
    expect(noCity.ok).toBe(false);
    if (!noCity.ok) {
      expect(noCity.message.ja).toContain('自治体（municipality）がありません');
      expect(noCity.message.en).toContain('no municipality');
    }
    // With the municipality from the form, the same file is taken, for that municipality.
    const other = { code: '999004', name: '別町' };
    const given = await importProfileJson(handle.db, JSON.stringify(withoutCity), { savedBy: 'x', municipality: other });
    expect(given.ok && given.saved).toMatchObject({ version: 1, municipality: other });

    const badKey = await importProfileJson(handle.db, JSON.stringify({ ...withoutCity, moneyUnit: '万円' }), { savedBy: 'x', municipality: other });
    expect(badKey.ok).toBe(false);
    if (!badKey.ok) {
      expect(badKey.message.ja).toContain('キー: moneyUnit');
      expect(badKey.message.en).toContain('key: moneyUnit');
    }
    const badCode = await importProfileJson(handle.db, JSON.stringify(withoutCity), { savedBy: 'x', municipality: { code: '12', name: 'x' } });
    expect(!badCode.ok && badCode.message.en).toContain('municipality.code');

    const huge = await importProfileJson(handle.db, ' '.repeat(PROFILE_FILE_MAX_BYTES + 1), { savedBy: 'x' });
    expect(!huge.ok && huge.message.ja).toContain('大きすぎます');
    expect((await savedProfileVersions(handle.db, CITY.code, 'shiken-town')).length).toBe(2);
  });

  it("opens next year's file with a renamed column from the saved profile, only that column changed", async () => {
    const renamed = HEADER.replace('総合評価', '総合判定');
    const bytes = csv(renamed);
    expect(await recogniseUpload(handle.db, 'shiken-r6.csv', bytes)).toBeNull();
    const near = await nearUpload(handle.db, 'shiken-r6.csv', bytes);
    expect(near).toMatchObject({ added: ['総合判定'], removed: ['総合評価'] });
    expect(near?.saved.version).toBe(2);

    const refused = await importFile(handle.db, bytes, { fileName: 'shiken-r6.csv', dryRun: true });
    const next = await recordRejectedUpload(handle.db, bytes, refused, { createdBy: 'test' });
    const start = await startFromProfile(handle.db, next, near!.saved.id);
    expect(start).not.toBeNull();
    expect([...start!.changed]).toEqual([6]);
    const fresh = await mappingStep(handle.db, next, form({}));
    // Without the saved profile Hyoka proposes 部名 for 担当部名; the user had chosen to ignore it.
    expect(fresh!.proposals[3]!.field).toBe('部名');
    // The unchanged columns carry the saved profile's choices; the renamed one is Hyoka's proposal.
    expect(Object.keys(start!.choices.fields).map(Number)).toEqual([0, 1, 2, 3, 4, 5]);
    const step = await mappingStep(
      handle.db,
      next,
      overProfile(start, form({}), () => false),
    );
    expect(step!.proposals.map((p) => p.field ?? '')).toEqual(['事業番号', '事業名', '年度', '', '課名', '事業費合計', fresh!.proposals[6]!.field ?? '']);
    expect(step!.profile.municipality).toEqual(CITY);
    expect(step!.profile.name).toBe('shiken-town');
    // The user's choice wins over the saved profile's.
    const chosen = await mappingStep(
      handle.db,
      next,
      overProfile(start, form({ c5: '', name: 'renamed' }), (n) => n === 'name' || n === 'c5'),
    );
    expect(chosen!.proposals[5]!.field).toBeNull();
    expect(chosen!.profile.name).toBe('renamed');
    // An unknown saved id is no start.
    expect(await startFromProfile(handle.db, next, savedId + 9999)).toBeNull();
    // An unrelated header is no near match.
    expect(await nearUpload(handle.db, 'x.csv', new TextEncoder().encode('a,b,c\n1,2,3\n'))).toBeNull();
  });
});
