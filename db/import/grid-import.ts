/**
 * A workbook, or a CSV read through a profile other than Hyoka's own layout: small, so read whole.
 * decode (text files) → rows as a grid (read-xlsx.ts, or parseCsv), cut into batches → the row
 * flow (import-rows.ts: the profile stage of profile-stage.ts holds them to the end, where
 * apply-profile.ts filters, maps, converts and merges them → records) → check every record before writing
 * any (record-stage.ts), so all problems are listed → write in WRITE_CHUNK batches through the
 * same stage, in one transaction (write-stage.ts).
 */
import { createHash } from 'node:crypto';
import type { Db } from '../client';
import { ratingGradeColumn, ratingReasonColumn, separateClashingIndicators } from './apply-profile';
import { schemeOf } from './choose-profile';
import { checkBytes, checkText, decode } from './file-check';
import type { Grid } from './grid';
import { municipalityFor } from './municipality-lookup';
import { originalCopy } from './original-copy';
import { ImportReport, type ImportOutcome, type LoadOptions } from './outcome';
import type { Problem } from './problems';
import { AMOUNT_CAPS, type ImportProfile } from './profiles/schema';
import { RowFlow } from './import-rows';
import { profileStage } from './profile-stage';
import { parseCsv } from './read-canonical';
import { readXlsx } from './read-xlsx';
import { RecordStage, type ReadBatch } from './record-stage';
import { WRITE_CHUNK } from './write-common';
import { writeStage } from './write-stage';

export async function importGrid(db: Db, bytes: Uint8Array, options: LoadOptions, profile: ImportProfile, xlsx: boolean): Promise<ImportOutcome> {
  const { fileName } = options;
  // Signature and encoding checks for text; a workbook is read by the xlsx reader instead.
  const notCsv = xlsx ? null : checkBytes(fileName, bytes);
  const { text, encoding } = xlsx ? { text: '', encoding: 'xlsx' } : notCsv ? { text: '', encoding: '—' } : decode(bytes);
  const report = new ImportReport(options, profile.name, encoding);
  const unreadable = notCsv ?? (xlsx ? null : checkText(fileName, text));
  if (unreadable) {
    report.note([unreadable]);
    return report.outcome(null);
  }

  const municipality = await municipalityFor(db, fileName, options, profile);
  if (municipality && 'severity' in municipality) {
    report.note([municipality]);
    return report.outcome(null);
  }

  let grid: Grid | Problem;
  if (xlsx) {
    grid = await readXlsx(fileName, bytes, { sheet: options.sheet ?? profile.sheet });
  } else {
    const csv = parseCsv(text);
    grid = { kind: 'csv', sheetName: null, rows: [{ line: 1, cells: csv.header }, ...csv.rows.map((r) => ({ line: r.line, cells: r.values }))] };
  }
  if ('severity' in grid) {
    // Zip bytes under a .csv name that are no workbook either: say what a CSV reader would.
    const asText = /\.xls[xm]$/i.test(fileName) ? null : checkBytes(fileName, bytes);
    report.note([asText ?? grid]);
    return report.outcome(null);
  }
  const ratingColumns = profile.rating?.criteria.map((c) => ({ key: c.key, grade: ratingGradeColumn(c.key), reason: ratingReasonColumn(c.key) }));
  const flow = new RowFlow(report, profileStage(fileName, profile, grid.kind, grid.sheetName), {
    fileName,
    read: {
      mapping: options.mapping,
      municipality,
      ratingColumns,
      moneyUnit: profile.moneyUnit,
      headerLine: profile.headerRow,
      // Hyoka's own layout keeps the city scale; a profile of another layout chooses its own.
      ...(profile.layout === 'hyoka' ? {} : { maxMoneyThousandYen: AMOUNT_CAPS[profile.amountCap] }),
    },
    finish: profile.indicatorNameClash === 'suffix-kind' ? separateClashingIndicators : undefined,
  });
  // The sheet's rows in batches, as a streamed file's; the profile holds them to the end.
  const batches: ReadBatch[] = [];
  for (let i = 0; i < grid.rows.length; i += WRITE_CHUNK) {
    batches.push(flow.prepare(grid.rows.slice(i, i + WRITE_CHUNK).map((r) => ({ line: r.line, values: r.cells }))));
  }
  batches.push(flow.end());
  const records = batches.flatMap((b) => b.records);
  const problems = batches.flatMap((b) => b.problems);
  // Every record is checked before any is written, so every problem of the file is listed.
  const ratingScheme = schemeOf(profile);
  const stage = new RecordStage(report, { fileName, ratingScheme, today: options.today, onProgress: options.onProgress });
  await stage.check(db, { records, problems });
  stage.end();
  if (report.hasErrors) return report.outcome(null);

  const original = await originalCopy(bytes);
  const result = await writeStage(db, report, { ...options, encoding, ratingScheme, original }, async (writer) => {
    writer.own(report.owns!);
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      await stage.write(writer, records.slice(i, i + WRITE_CHUNK), () => writer.rowsWritten / records.length);
      if (report.hasErrors) return null;
    }
    return { sha256: createHash('sha256').update(bytes).digest('hex'), byteLength: bytes.length };
  });
  return report.outcome(result);
}
