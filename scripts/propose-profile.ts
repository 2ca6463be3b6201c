/**
 * Prints the proposed profile for a file Hyoka does not know, as JSON for `--profile`:
 *
 *   npx tsx scripts/propose-profile.ts FILE [--name NAME] [--header-row N] [--municipality CODE:NAME] > my-city.json
 *   npm run import -- FILE --profile my-city.json --dry-run
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { proposeColumns } from '../db/import/propose/propose';
import { profileFromProposals } from '../db/import/propose/proposal-profile';
import { columnsOf, guessHeaderRow, sampleSheet } from '../db/import/propose/sample-sheet';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { name: { type: 'string' }, 'header-row': { type: 'string' }, municipality: { type: 'string' }, sheet: { type: 'string' } },
});
const file = positionals[0];
if (!file) {
  console.error('使い方 / usage: npx tsx scripts/propose-profile.ts FILE [--name NAME] [--header-row N] [--municipality CODE:NAME]');
  process.exit(2);
}
const sample = await sampleSheet(basename(file), new Uint8Array(readFileSync(file)), values.sheet ? { sheet: values.sheet } : {});
if (!('rows' in sample)) {
  console.error(`${sample.message.ja}\n${sample.message.en}`);
  process.exit(1);
}
const headerRow = values['header-row'] ? Number(values['header-row']) : guessHeaderRow(sample);
const columns = columnsOf(sample, { from: headerRow, to: headerRow });
const [code, ...name] = (values.municipality ?? '').split(':');
const profile = profileFromProposals(proposeColumns(columns), columns, {
  name: values.name ?? 'proposed',
  kind: sample.kind,
  headerRow,
  ...(sample.sheetName ? { sheet: sample.sheetName } : {}),
  ...(code && name.length > 0 ? { municipality: { code, name: name.join(':') } } : {}),
});
console.log(JSON.stringify(profile, null, 2));
