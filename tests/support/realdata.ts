/**
 * Real files published by public bodies live in the project's shared/ folder, beside the
 * repository (../shared from the repo root, in a checkout and in CI alike), never in the repo.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function realDataFile(relative: string): string {
  const path = join(repoRoot, '..', 'shared', 'realdata', relative);
  if (!existsSync(path)) throw new Error(`Real-data file missing: ${path} (shared/ must sit beside the repository)`);
  return path;
}
