/**
 * The first cut of the import pipeline: a Hyoka CSV v1 file (bytes) → database, all or nothing.
 * decode → read rows (collecting every problem) → check the file as a whole → write in one
 * transaction. Any error means nothing is written and ImportRejected lists every problem.
 */
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { Db } from '../client';
import { ImportRejected, type Problem } from './problems';
import { readCanonicalCsv, type SheetRecord } from './read-canonical';
import { writeRecords, type WriteResult } from './write';

export interface LoadOptions {
  fileName: string;
  createdBy?: string;
}

export interface LoadResult extends WriteResult {
  encoding: string;
  warnings: Problem[];
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise Shift_JIS (CP932). */
export function decode(bytes: Uint8Array): { text: string; encoding: string } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(hasBom ? bytes.subarray(3) : bytes);
    return { text, encoding: hasBom ? 'UTF-8 (BOM)' : 'UTF-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'cp932'), encoding: 'Shift_JIS (CP932)' };
  }
}

/** A project may appear once per fiscal year in a file; a second row is an error, not a silent overwrite. */
function findDuplicates(fileName: string, records: SheetRecord[]): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  for (const r of records) {
    const key = `${r.municipalityCode}|${r.projectCode}|${r.fiscalYear}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, r.line);
      continue;
    }
    problems.push({
      severity: 'error',
      file: fileName,
      line: r.line,
      column: '事業番号',
      value: r.projectCode,
      message: {
        ja: `事業番号「${r.projectCode}」の${r.fiscalYear}年度は${first}行目にもあります（同じ事業・年度は1行だけにしてください）`,
        en: `Project "${r.projectCode}" for FY${r.fiscalYear} already appears on line ${first} (one row per project and year)`,
      },
    });
  }
  return problems;
}

export async function loadCsvFile(db: Db, bytes: Uint8Array, options: LoadOptions): Promise<LoadResult> {
  const { text, encoding } = decode(bytes);
  const { records, problems } = readCanonicalCsv(options.fileName, text);
  problems.push(...findDuplicates(options.fileName, records));
  if (records.length === 0 && problems.length === 0) {
    problems.push({
      severity: 'error',
      file: options.fileName,
      line: null,
      column: null,
      value: null,
      message: { ja: 'データ行がありません', en: 'The file has no data rows' },
    });
  }
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  if (errors.length > 0) throw new ImportRejected(problems);

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const result = await writeRecords(
    db,
    records,
    { fileName: options.fileName, sha256, encoding, createdBy: options.createdBy ?? 'system' },
    warnings,
  );
  return { ...result, encoding, warnings };
}
