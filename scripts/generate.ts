/**
 * `npm run generate -- OUT.csv [--rows N] [--municipalities N] [--projects N] [--from YEAR] [--to YEAR] [--seed N]`
 *
 * Writes a deterministic, realistic Hyoka CSV export (the format `npm run import` reads) for
 * municipalities × projects × fiscal years, streaming to disk. With --rows it makes exactly N
 * evaluation rows, adding cities of --projects projects (default 1,000) over --from…--to
 * (default 2020–2024) until N is reached: `--rows 1000000` is the 1 M-row benchmark file.
 */
import { parseCli } from './cli-args';
import { DEFAULT_DEMO, syntheticMunicipalities, type DemoOptions } from '../db/demo/generate';
import { writeDemoCsv } from '../db/demo/csv-file';

const USAGE = 'usage: npm run generate -- OUT.csv [--rows N] [--municipalities N] [--projects N] [--from YEAR] [--to YEAR] [--seed N]';
const { values, positionals } = parseCli(USAGE, {
  allowPositionals: true,
  options: {
    rows: { type: 'string' },
    municipalities: { type: 'string' },
    projects: { type: 'string', default: '1000' },
    from: { type: 'string', default: String(DEFAULT_DEMO.fromYear) },
    to: { type: 'string', default: String(DEFAULT_DEMO.toYear) },
    seed: { type: 'string', default: String(DEFAULT_DEMO.seed) },
  },
});
const file = positionals[0];
if (!file) {
  console.error(USAGE);
  process.exit(2);
}
const rows = values.rows ? Number(values.rows) : undefined;
const projects = Number(values.projects);
const fromYear = Number(values.from);
const toYear = Number(values.to);
// Not every project is evaluated every year (some start or end inside the span): one spare city.
const cities = values.municipalities ? Number(values.municipalities) : Math.ceil((rows ?? 0) / (projects * (toYear - fromYear + 1) * 0.9)) + 1;
if (![projects, fromYear, toYear, cities].every(Number.isInteger) || cities < 1 || projects < 1 || toYear < fromYear) {
  console.error(USAGE);
  process.exit(2);
}
const options: DemoOptions = { seed: Number(values.seed), fromYear, toYear, municipalities: syntheticMunicipalities(cities, projects) };
const written = await writeDemoCsv(file, options, rows);
console.log(`${file}: ${written}行`);
