import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { IMPORT_HEAP_MB, IMPORT_NODE_FLAGS } from '@/db/import/limits';

// `npm run import` and the bench/load scripts must run the importer with the same heap limit:
// the peak memory docs/benchmarks.md reports is measured with it.
describe('the importer heap limit', () => {
  it('package.json runs `npm run import` with IMPORT_NODE_FLAGS', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    expect(scripts.import).toBe(`node ${IMPORT_NODE_FLAGS.join(' ')} scripts/import.ts`);
    expect(IMPORT_NODE_FLAGS).toContain(`--max-old-space-size=${IMPORT_HEAP_MB}`);
  });
});
