/**
 * Results that are shown once and never stored: the problems of a rejected upload, a refused
 * rollback. A route handler keeps them here (server memory, a few minutes) and redirects to a
 * page with `?result=<id>`, so the same page shows them with or without JavaScript and the
 * database stays exactly as it was. A random id: nobody can read someone else's result by guessing.
 */
import { randomUUID } from 'node:crypto';
import type { Message } from '@/db/domain/numbers';
import type { Problem } from '@/db/import/problems';

export type FlashResult =
  | {
      kind: 'rejected';
      fileName: string;
      /** What the importer made of the file, when it got that far. */
      encoding: string | null;
      rows: number | null;
      errors: Problem[];
      /** How many errors there were in all (the list kept is capped). */
      errorCount: number;
      warnings: Problem[];
    }
  | { kind: 'refused'; message: Message };

const TTL_MS = 30 * 60 * 1000;
const MAX_ENTRIES = 200;
/** A file with an error on every row can have thousands; the first ones say what is wrong. */
export const MAX_PROBLEMS_KEPT = 1000;

interface Entry {
  value: FlashResult;
  expires: number;
}

// On globalThis: route handlers and pages are separate bundles, each with its own module copy.
const key = Symbol.for('hyoka.imports.flash');
type GlobalWithFlash = typeof globalThis & { [key]?: Map<string, Entry> };

function store(): Map<string, Entry> {
  const g = globalThis as GlobalWithFlash;
  return (g[key] ??= new Map());
}

export function putFlash(value: FlashResult): string {
  const entries = store();
  const now = Date.now();
  for (const [id, entry] of entries) if (entry.expires < now) entries.delete(id);
  // Oldest first (a Map keeps insertion order): drop the oldest beyond the cap.
  while (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const id = randomUUID();
  const kept: FlashResult =
    value.kind === 'rejected'
      ? { ...value, errors: value.errors.slice(0, MAX_PROBLEMS_KEPT), warnings: value.warnings.slice(0, MAX_PROBLEMS_KEPT) }
      : value;
  entries.set(id, { value: kept, expires: now + TTL_MS });
  return id;
}

/** The result, or null when the id is unknown or expired (the page then says so). */
export function getFlash(id: string | undefined): FlashResult | null {
  if (!id) return null;
  const entry = store().get(id);
  if (!entry || entry.expires < Date.now()) return null;
  return entry.value;
}
