/**
 * `npm run generate:demo [-- OUT_DIR]`: writes the demo cities as Hyoka CSV files (UTF-8 with
 * BOM, one per municipality and fiscal year) so they can be opened in a spreadsheet or fed to
 * `npm run import`. The first start loads the same data directly; this is for looking at it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoFiles } from '../db/demo/seed';

const outDir = process.argv[2] ?? '.data/demo';
mkdirSync(outDir, { recursive: true });
for (const file of demoFiles()) {
  writeFileSync(join(outDir, file.fileName), '\uFEFF' + file.csv, 'utf8');
  console.log(`${join(outDir, file.fileName)}: ${file.rows}行`);
}
