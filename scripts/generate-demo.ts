/**
 * `npm run generate:demo [-- OUT_DIR] [--municipalities N] [--projects N] [--single-file]`
 *
 * Writes demo cities as Hyoka CSV files (UTF-8 with BOM), one per municipality and fiscal year,
 * or one file with everything (--single-file), to open in a spreadsheet or feed to
 * `npm run import`. Without options it writes the demo the first start loads; with
 * `--municipalities 20 --projects 1000 --single-file` it makes the 100,000-row benchmark file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCli } from './cli-args';
import { DEFAULT_DEMO, generateDemoRows, syntheticMunicipalities, toCsv, type DemoOptions } from '../db/demo/generate';
import { demoFiles } from '../db/demo/seed';

const USAGE = 'usage: npm run generate:demo [-- OUT_DIR] [--municipalities N] [--projects N] [--single-file]';
const { values, positionals } = parseCli(USAGE, {
  allowPositionals: true,
  options: {
    municipalities: { type: 'string' },
    projects: { type: 'string' },
    'single-file': { type: 'boolean', default: false },
  },
});
const outDir = positionals[0] ?? '.data/demo';
mkdirSync(outDir, { recursive: true });

const options: DemoOptions = { ...DEFAULT_DEMO };
if (values.municipalities || values.projects) {
  options.municipalities = syntheticMunicipalities(Number(values.municipalities ?? 1), Number(values.projects ?? 600));
}

if (values['single-file']) {
  const { header, rows } = generateDemoRows(options);
  const file = join(outDir, `demo-${rows.length}-rows.csv`);
  writeFileSync(file, '\uFEFF' + toCsv(header, rows), 'utf8');
  console.log(`${file}: ${rows.length}行`);
} else {
  for (const file of demoFiles(options)) {
    writeFileSync(join(outDir, file.fileName), '\uFEFF' + file.csv, 'utf8');
    console.log(`${join(outDir, file.fileName)}: ${file.rows}行`);
  }
}
