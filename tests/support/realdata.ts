/**
 * Real files published by public bodies live in the project's shared/ folder, beside the
 * repository (../shared from the repo root, in a checkout and in CI alike), never in the repo.
 * A clone without it still runs `npm test`: the suites that read real data are skipped with a
 * notice — except under CI, where a missing folder fails them, so it cannot go unnoticed.
 * HYOKA_SHARED_DIR points at another shared/ folder.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The realdata folder: ../shared/realdata unless HYOKA_SHARED_DIR names another shared/ folder. */
export function realDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.HYOKA_SHARED_DIR || join(repoRoot, '..', 'shared'), 'realdata');
}

/** The path of a real-data file (whether or not it exists: check with realDataReady first). */
export function realDataFile(relative: string): string {
  return join(realDataDir(), relative);
}

/**
 * Whether every file in `relatives` is there. When one is missing: under CI an error (the suite
 * fails), otherwise false with a notice naming ../shared/realdata — for `describe.skipIf(!…)`.
 */
export function realDataReady(...relatives: string[]): boolean {
  const missing = relatives.map(realDataFile).filter((path) => !existsSync(path));
  if (missing.length === 0) return true;
  const message = `Real data missing: ${missing.join(', ')} — ../shared/realdata must sit beside the repository (or set HYOKA_SHARED_DIR)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message}; skipping these tests.`);
  return false;
}
