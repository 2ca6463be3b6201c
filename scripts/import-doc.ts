/**
 * `npx tsx scripts/import-doc.ts` — rewrites the generated reference section of docs/import.md
 * (alias table, indicator fields, long layout, grades) from the importer's own tables.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { withReference } from '../db/import/alias-table';

const path = 'docs/import.md';
const before = readFileSync(path, 'utf8');
const after = withReference(before);
writeFileSync(path, after);
console.log(before === after ? `${path}: already up to date` : `${path}: reference section rewritten`);
