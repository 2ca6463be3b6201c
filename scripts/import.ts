/**
 * `npm run import -- FILE.csv [FILE.csv …]`: loads Hyoka CSV files into the configured database
 * (DATABASE_URL, or the embedded PGlite). Each file is all-or-nothing; on errors every problem
 * is listed with file, line and column, in Japanese and English, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { openDatabase } from '../db/client';
import { loadCsvFile } from '../db/import/load';
import { ImportRejected, formatProblem } from '../db/import/problems';

const files = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  console.error('使い方 / usage: npm run import -- FILE.csv [FILE.csv …]');
  process.exit(2);
}

const handle = await openDatabase();
let failed = false;
try {
  for (const file of files) {
    const started = performance.now();
    try {
      const result = await loadCsvFile(handle.db, readFileSync(file), { fileName: basename(file), createdBy: process.env.USER ?? 'cli' });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `${file}: ${result.rows}行を取り込みました (新規 ${result.inserted}, 更新 ${result.updated}; ${result.encoding}; ` +
          `${seconds.toFixed(1)} s, ${Math.round(result.rows / seconds)} rows/s) — batch #${result.batchId}`,
      );
      for (const w of result.warnings) console.log(`  注意 / warning: ${formatProblem(w, 'ja')} / ${w.message.en}`);
    } catch (error) {
      if (!(error instanceof ImportRejected)) throw error;
      failed = true;
      console.error(`${file}: 取り込みを中止しました。何も書き込まれていません / import rejected, nothing was written:`);
      for (const p of error.problems) console.error(`  ${formatProblem(p, 'ja')}\n    ${p.message.en}`);
    }
  }
} finally {
  await handle.close();
}
process.exit(failed ? 1 : 0);
