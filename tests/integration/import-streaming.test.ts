/**
 * Files larger than one write chunk (WRITE_CHUNK rows), streamed: what must hold across chunks
 * holds — an error in the last chunk rolls back the chunks already written, a project-year
 * repeated in another chunk is found, a re-import that changes a project in every year keeps the
 * project's pre-batch state for rollback (its years sit in different chunks), and a bulk load
 * leaves exactly the same constraints behind. Both drivers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DbHandle } from '../../db/client';
import { demoHeader, demoRows, syntheticMunicipalities } from '../../db/demo/generate';
import { IDENTITY_COLUMNS } from '../../db/import/format';
import { importFile } from '../../db/import/load';
import { rollbackBatch } from '../../db/import/rollback';
import { WRITE_CHUNK } from '../../db/import/write';
import { DRIVERS_AND_WORKER, freshDatabase } from '../support/databases';
import { fingerprint } from '../support/fingerprint';

const TIMEOUT = 300_000;
// One city of 2,500 projects over five years: ≈12,000 rows, a project's years in different chunks.
const header = demoHeader();
const rows = [...demoRows({ seed: 7, fromYear: 2020, toYear: 2024, municipalities: syntheticMunicipalities(1, 2_500) })];
const csv = (data: Record<string, string>[]) =>
  '\uFEFF' + Papa.unparse({ fields: header, data: data.map((r) => header.map((h) => r[h] ?? '')) }, { newline: '\r\n' });
const bytes = (data: Record<string, string>[]) => new TextEncoder().encode(csv(data));
const DATA_TABLES = ['projects', 'evaluations', 'ratings', 'indicators', 'indicator_values', 'municipality_populations'];

const constraints = (handle: DbHandle) =>
  queryRows<{ name: string; definition: string }>(
    handle.db,
    sql`select conrelid::regclass::text || '.' || conname as name, pg_get_constraintdef(oid) as definition
        from pg_constraint where connamespace = 'public'::regnamespace order by 1`,
  );

/** The planner's row estimate for a query (what EXPLAIN says, before running it). */
async function plannedRows(handle: DbHandle, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(handle.db, sql`explain (format json) ${query}`);
  return row!['QUERY PLAN'][0].Plan['Plan Rows'];
}

describe.each(DRIVERS_AND_WORKER)('streamed import of a multi-chunk file on %s', (driver) => {
  let handle: DbHandle;
  let firstBatch: number;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  }, TIMEOUT);
  afterAll(() => handle?.close());

  it('the file really spans several chunks', () => {
    expect(rows.length).toBeGreaterThan(2 * WRITE_CHUNK);
  });

  it(
    'an error in the last row rolls back every chunk already written, naming file, line and column',
    async () => {
      const before = await fingerprint(handle.db);
      const broken = rows.map((r, i) => (i === rows.length - 1 ? { ...r, [IDENTITY_COLUMNS.fiscalYear]: '令和99年度' } : r));
      const outcome = await importFile(handle.db, bytes(broken), { fileName: 'broken.csv' });
      expect(outcome.ok).toBe(false);
      expect(outcome.errors).toHaveLength(1);
      expect(outcome.errors[0]).toMatchObject({ file: 'broken.csv', line: rows.length + 1, column: IDENTITY_COLUMNS.fiscalYear });
      expect(outcome.errors[0]!.message.ja).toMatch(/年度/);
      expect(outcome.errors[0]!.message.en).toMatch(/令和99年度.*out of range/);
      expect(await fingerprint(handle.db)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'a project-year repeated in a later chunk is an error with both lines',
    async () => {
      const before = await fingerprint(handle.db);
      const outcome = await importFile(handle.db, bytes([...rows, rows[1]!]), { fileName: 'twice.csv' });
      expect(outcome.ok).toBe(false);
      expect(outcome.errors.map((e) => [e.line, e.column])).toEqual([[rows.length + 2, '事業番号']]);
      expect(outcome.errors[0]!.message.ja).toContain('3行目にもあります');
      expect(await fingerprint(handle.db)).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'imports from a file on disk, and the same file again changes nothing',
    async () => {
      const file = join(mkdtempSync(join(tmpdir(), 'hyoka-stream-')), 'city.csv');
      writeFileSync(file, csv(rows));
      const first = await importFile(handle.db, { path: file }, { fileName: 'city.csv' });
      expect(first.errors).toEqual([]);
      expect(first.result).toMatchObject({ rows: rows.length, inserted: rows.length, updated: 0, unchanged: 0 });
      firstBatch = first.result!.batchId;
      const [counts] = await queryRows<{ evaluations: number; stored: number }>(
        handle.db,
        sql`select (select count(*)::int from evaluations) as evaluations, (select byte_length from import_files where batch_id = ${firstBatch}) as stored`,
      );
      expect(counts).toEqual({ evaluations: rows.length, stored: Buffer.byteLength(csv(rows)) });
      const again = await importFile(handle.db, { path: file }, { fileName: 'city.csv' });
      expect(again.result).toMatchObject({ rows: rows.length, inserted: 0, updated: 0, unchanged: rows.length });
    },
    TIMEOUT,
  );

  it(
    'rolling back a re-import that renamed every project restores each project as it was before the batch',
    async () => {
      const before = await fingerprint(handle.db, { only: DATA_TABLES });
      // What autovacuum does on a server between two imports: statistics that know the earlier
      // batches only. The planner must still see how many rows the new batch wrote (rollups.ts) —
      // with a one-row estimate this import once took 486 s instead of 10 s.
      await handle.db.execute(sql`analyze`);
      const renamed = rows.map((r) => ({ ...r, [IDENTITY_COLUMNS.projectName]: `${r[IDENTITY_COLUMNS.projectName]}（改）` }));
      const outcome = await importFile(handle.db, bytes(renamed), { fileName: 'renamed.csv' });
      expect(outcome.result).toMatchObject({ inserted: 0, updated: rows.length, unchanged: 0 });
      const estimated = await plannedRows(handle, sql`select * from import_replaced where batch_id = ${sql.raw(String(outcome.result!.batchId))}`);
      expect(estimated).toBeGreaterThan(rows.length / 2);
      expect(estimated).toBeLessThan(rows.length * 2);
      expect(await fingerprint(handle.db, { only: DATA_TABLES })).not.toEqual(before);
      expect(await rollbackBatch(handle.db, outcome.result!.batchId, 'test')).toMatchObject({ ok: true, restored: rows.length, removed: 0 });
      expect(await fingerprint(handle.db, { only: DATA_TABLES })).toEqual(before);
    },
    TIMEOUT,
  );

  it(
    'a bulk load stores the same rows and leaves the same constraints',
    async () => {
      // Ids and batch numbers differ from the other database (rolled-back batches used some): counts.
      const count = async (h: DbHandle) => Object.fromEntries(Object.entries(await fingerprint(h.db, { only: DATA_TABLES })).map(([t, f]) => [t, f.rows]));
      const plain = await count(handle);
      const bulkHandle = await freshDatabase(driver);
      try {
        const defined = await constraints(bulkHandle);
        const outcome = await importFile(bulkHandle.db, bytes(rows), { fileName: 'city.csv', bulk: true });
        expect(outcome.result).toMatchObject({ rows: rows.length, inserted: rows.length });
        expect(await constraints(bulkHandle)).toEqual(defined);
        expect(await count(bulkHandle)).toEqual(plain);
      } finally {
        await bulkHandle.close();
      }
    },
    TIMEOUT,
  );
});

/**
 * The latest fiscal year's wording describes a project and its indicators, whatever chunk each
 * year sits in: a later chunk's older year must not overwrite it, and a newer year that says the
 * same thing again (which the writer does not write twice) still counts as the newest.
 */
describe.each(DRIVERS_AND_WORKER)('the latest year describes a project across chunks on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await freshDatabase(driver);
  }, TIMEOUT);
  afterAll(() => handle?.close());

  const code = IDENTITY_COLUMNS.projectCode;
  const year = IDENTITY_COLUMNS.fiscalYear;
  const name = IDENTITY_COLUMNS.projectName;
  const unit = '指標1単位';
  const [p, q] = [rows[0]![code]!, rows[1]![code]!];
  const yearRow = (projectCode: string, fy: number, changes: Record<string, string>) => ({
    ...rows.find((r) => r[code] === projectCode && r[year] === String(fy))!,
    ...changes,
  });
  const others = rows.filter((r) => r[code] !== p && r[code] !== q);
  // P: 2021 (chunk 1) and 2023 (chunk 2) say the same; 2022 (last chunk) says something else.
  // Q: 2024 comes first (chunk 1), 2020 last.
  const file = [
    yearRow(p, 2021, { [name]: '同じ名の事業', [unit]: '件' }),
    yearRow(q, 2024, { [name]: '最新の名の事業' }),
    ...others.slice(0, 6_000),
    yearRow(p, 2023, { [name]: '同じ名の事業', [unit]: '件' }),
    ...others.slice(6_000),
    yearRow(p, 2022, { [name]: '古い名の事業', [unit]: '回' }),
    yearRow(q, 2020, { [name]: '最古の名の事業' }),
  ];

  it('the file puts those years in three different chunks', () => {
    expect(file.length).toBeGreaterThan(2 * WRITE_CHUNK);
    expect(file.findIndex((r) => r[code] === p && r[year] === '2023')).toBeGreaterThanOrEqual(WRITE_CHUNK);
    expect(file.length - 2).toBeGreaterThanOrEqual(2 * WRITE_CHUNK);
    expect(rows.find((r) => r[code] === p)!['指標1名']).not.toBe('');
  });

  it(
    'keeps the newest year’s project name and indicator unit',
    async () => {
      const outcome = await importFile(handle.db, bytes(file), { fileName: 'years.csv' });
      expect(outcome.errors).toEqual([]);
      expect(outcome.result).toMatchObject({ rows: file.length, inserted: file.length });
      const described = await queryRows<{ code: string; name: string; unit: string | null }>(
        handle.db,
        sql`select p.code, p.name, i.unit from projects p left join indicators i on i.project_id = p.id and i.position = 1
          where p.code in (${p}, ${q}) order by p.code`,
      );
      expect(described.map((d) => [d.code, d.name])).toEqual(
        [
          [p, '同じ名の事業'],
          [q, '最新の名の事業'],
        ].sort(),
      );
      expect(described.find((d) => d.code === p)!.unit).toBe('件');
      const [counts] = await queryRows<{ evaluations: number; values: number }>(
        handle.db,
        sql`select (select count(*)::int from evaluations) as evaluations,
                 (select count(*)::int from indicator_values v join indicators i on i.id = v.indicator_id join projects p on p.id = i.project_id where p.code = ${p}) as values`,
      );
      expect(counts!.evaluations).toBe(file.length);
      // P's three years each carry their indicators' values, whichever path wrote them.
      expect(counts!.values).toBe(3 * file.filter((r) => r[code] === p).map((r) => [1, 2, 3].filter((n) => (r[`指標${n}名`] ?? '') !== '').length)[0]!);
    },
    TIMEOUT,
  );
});
