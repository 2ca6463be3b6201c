/**
 * Issue 18's done-when: a profile saved in the mapping step, exported as JSON and imported on the
 * command line (`node --import tsx scripts/import.ts FILE --profile saved.json`) gives the same
 * database as the page. One fresh database takes the page's path (mappingStep → saveProfile →
 * stageUpload → commitUpload), a second one the real CLI process with the exported file; their
 * projects, evaluations, costs, rating schemes and ratings are compared row by row, ids and
 * times aside. The file is a city's own sheet in CP932 with a two-row header and A–F grades, so
 * the profile carries a new rating scheme and the municipality (the file has no column for it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db, type DbHandle } from '../../db/client';
import { importFile } from '../../db/import/load';
import { commitUpload, stageUpload } from '../../db/import/pending';
import { parseProfile } from '../../db/import/profiles';
import { choicesFrom, mappingStep } from '../../db/import/propose/mapping-step';
import { recordRejectedUpload } from '../../db/import/rejected';
import { exportProfileJson, saveProfile } from '../../db/import/saved-profiles';
import { DRIVERS, freshDatabase, freshPostgresUrl } from '../support/databases';

const rows = [
  ['事業', '', '', '担当', '費用', '', '評価', ''],
  ['番号', '名称', '年度', '課', '決算額（円）', '職員人件費', '総合', '理由'],
  ['K-01', '見守り事業', '令和5年度', '福祉課', '1234000', '200', 'A', '順調'],
  ['K-02', '子育て相談', '令和5年度', '子育て課', '2000000', '300', 'F', '利用が少ない'],
  ['K-03', '道路補修', '令和5年度', '道路課', '500000', '100', 'C', ''],
  ['K-04', '図書館運営', '令和5年度', '生涯学習課', '9000000', '1500', 'B', '来館者増'],
];
const bytes = new Uint8Array(iconv.encode(`${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'cp932'));
const CITY = { code: '999301', name: 'ひかり町' };
const FORM: Record<string, string> = { from: '1', to: '2', c5: '人件費合計', code: CITY.code, city: CITY.name, name: 'hikari-town' };

const work = mkdtempSync(join(tmpdir(), 'hyoka-profile-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A row without its ids, foreign keys and times: what two databases can share. */
function plain(row: Record<string, unknown>): string {
  const kept = Object.entries(row).filter(([k]) => !/^id$|_id$|_at$/.test(k));
  return JSON.stringify(Object.fromEntries(kept.sort(([a], [b]) => a.localeCompare(b))));
}

async function contents(db: Db) {
  const q = async (query: ReturnType<typeof sql>) => (await queryRows<{ row: Record<string, unknown> }>(db, query)).map((r) => plain(r.row)).sort();
  return {
    municipalities: await q(sql`select to_jsonb(m) as row from municipalities m`),
    projects: await q(
      sql`select to_jsonb(p) || jsonb_build_object('m', m.code, 'section', s.name, 'department', d.name) as row
            from projects p join municipalities m on m.id = p.municipality_id
            left join sections s on s.id = p.section_id left join departments d on d.id = s.department_id`,
    ),
    evaluations: await q(
      sql`select to_jsonb(e) - 'content_hash' || jsonb_build_object('project', p.code) as row from evaluations e join projects p on p.id = e.project_id`,
    ),
    schemes: await q(
      sql`select to_jsonb(g) || jsonb_build_object('criterion', c.key, 'scheme', s.name) as row
            from rating_grades g join rating_criteria c on c.id = g.criterion_id join rating_schemes s on s.id = c.scheme_id`,
    ),
    ratings: await q(
      sql`select to_jsonb(r) || jsonb_build_object('project', p.code, 'year', e.fiscal_year, 'criterion', c.key, 'grade', g.code, 'band', g.band) as row
            from ratings r join evaluations e on e.id = r.evaluation_id join projects p on p.id = e.project_id
            join rating_grades g on g.id = r.grade_id join rating_criteria c on c.id = g.criterion_id`,
    ),
  };
}

describe.each(DRIVERS)('saved profile: the page and the command line give the same database (%s)', (driver) => {
  it('imports through the mapping step, then through the CLI with the exported JSON, to equal data', { timeout: 240_000 }, async () => {
    // (a) The page's path, into one fresh database.
    const page = await freshDatabase(driver);
    let json: string;
    let viaPage: Awaited<ReturnType<typeof contents>>;
    try {
      const refused = await importFile(page.db, bytes, { fileName: 'hikari-r5.csv', dryRun: true });
      expect(refused.ok).toBe(false);
      const batchId = await recordRejectedUpload(page.db, bytes, refused, { createdBy: 'test' });
      const step = await mappingStep(
        page.db,
        batchId,
        choicesFrom((name) => FORM[name]),
      );
      expect(step?.check.ok && step.check.outcome.errors).toEqual([]);
      const headers = step!.sample.rows.find((r) => r.line === step!.headerTo)!.cells;
      const saved = await saveProfile(page.db, { profile: step!.profile, municipality: CITY, headers, savedBy: 'test' });
      if (!saved.ok) throw new Error(saved.message.en);
      const parsed = parseProfile(step!.profile);
      if (!parsed.ok) throw new Error(parsed.error);
      const staged = await stageUpload(page.db, bytes, { fileName: 'hikari-r5.csv', createdBy: 'test', profile: parsed.profile, municipality: CITY });
      expect(staged.outcome.errors).toEqual([]);
      expect((await commitUpload(page.db, staged.pendingId!, 'test')).status).toBe('committed');
      json = exportProfileJson(saved.saved);
      viaPage = await contents(page.db);
    } finally {
      await page.close();
    }
    // The exported file carries the municipality: the CLI needs no --municipality.
    expect(JSON.parse(json).municipality).toEqual(CITY);
    expect(viaPage.evaluations).toHaveLength(4);
    expect(viaPage.ratings).toHaveLength(4);

    // (b) The real CLI with the exported JSON, into a second fresh database.
    const dir = mkdtempSync(join(work, `${driver}-`));
    const profilePath = join(dir, 'saved.json');
    const filePath = join(dir, 'hikari-r5.csv');
    writeFileSync(profilePath, json);
    writeFileSync(filePath, bytes);
    const url = driver === 'postgres' ? await freshPostgresUrl() : '';
    const pgliteDir = join(dir, 'pglite');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import.ts', filePath, '--profile', profilePath], {
      env: { ...process.env, DATABASE_URL: url, HYOKA_PGLITE_DIR: pgliteDir, HYOKA_PGLITE_WORKER: '0' },
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const cli: DbHandle = await openDatabase(driver === 'postgres' ? { url } : { pgliteDir, pgliteWorker: false });
    try {
      // (c) The same projects, evaluations (costs included), schemes and ratings.
      const viaCli = await contents(cli.db);
      expect(viaCli).toEqual(viaPage);
    } finally {
      await cli.close();
    }
  });
});
