/** docs/import.md's reference section is what the importer really accepts. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReferenceMarkdown, withReference } from '../../db/import/alias-table';
import { HEADER_ALIASES } from '../../db/import/headers';

const DOC = readFileSync('docs/import.md', 'utf8');

describe('docs/import.md', () => {
  it('has an up-to-date alias table (run `npx tsx scripts/import-doc.ts` when this fails)', () => {
    expect(withReference(DOC)).toBe(DOC);
  });

  it('names every alias of every column', () => {
    const reference = importReferenceMarkdown();
    for (const [column, aliases] of Object.entries(HEADER_ALIASES)) {
      for (const name of [column, ...aliases]) expect(reference, name).toContain(`\`${name}\``);
    }
  });

  it('shows the CLI and the tested mapping file as its example', async () => {
    expect(DOC).toContain('npm run import -- FILE.csv --municipality CODE[:NAME] --mapping MAP.json --dry-run');
    const example = /```json\n([\s\S]*?)\n```/.exec(DOC)?.[1];
    const { mappingFileSchema } = await import('../../db/import/headers');
    expect(mappingFileSchema.safeParse(JSON.parse(example!)).success).toBe(true);
    // The example is the mapping fixture the variations test imports.
    expect(JSON.parse(example!)).toEqual(JSON.parse(readFileSync('tests/fixtures/imports/mapped.mapping.json', 'utf8')));
  });
});
