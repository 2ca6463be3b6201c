/**
 * Loads the demo city on first start: the generator writes Hyoka CSV files in memory, one per
 * municipality and fiscal year, and the real importer loads them, so the demo takes the same
 * path as a city's own files.
 */
import type { Db } from '../client';
import { parseFiscalYear } from '../domain/fiscal-year';
import { IDENTITY_COLUMNS } from '../import/format';
import { loadCsvFile } from '../import/load';
import { hasAnyEvaluation } from '../import/write';
import { DEFAULT_DEMO, generateDemoRows, toCsv, type DemoOptions } from './generate';

export interface SeededFile {
  fileName: string;
  rows: number;
}

/** Loads the demo when the database holds no evaluation yet; returns the files it loaded. */
export async function seedDemoIfEmpty(db: Db, options: DemoOptions = DEFAULT_DEMO): Promise<SeededFile[]> {
  if (await hasAnyEvaluation(db)) return [];
  return loadDemo(db, options);
}

export async function loadDemo(db: Db, options: DemoOptions = DEFAULT_DEMO): Promise<SeededFile[]> {
  const loaded: SeededFile[] = [];
  for (const file of demoFiles(options)) {
    const result = await loadCsvFile(db, new TextEncoder().encode(file.csv), { fileName: file.fileName, createdBy: 'demo' });
    loaded.push({ fileName: file.fileName, rows: result.rows });
  }
  return loaded;
}

/** The demo as CSV files, one per municipality and fiscal year, as a city would export them. */
export function demoFiles(options: DemoOptions = DEFAULT_DEMO): (SeededFile & { csv: string })[] {
  const { header, rows } = generateDemoRows(options);
  const files = new Map<string, Record<string, string>[]>();
  for (const row of rows) {
    const year = parseFiscalYear(row[IDENTITY_COLUMNS.fiscalYear]);
    const fileName = `demo-${row[IDENTITY_COLUMNS.municipalityCode]}-${year.ok ? year.value : 'unknown'}.csv`;
    files.set(fileName, [...(files.get(fileName) ?? []), row]);
  }
  return [...files].map(([fileName, fileRows]) => ({ fileName, rows: fileRows.length, csv: toCsv(header, fileRows) }));
}
