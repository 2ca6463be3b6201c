/**
 * Profiles users made in the mapping step, kept in the database per municipality and name, each
 * save a new version. Stored and exported as the same JSON as the shipped profiles, so a saved
 * profile exported to a file gives the same import on the command line (`--profile saved.json`).
 * A file whose headers match a saved profile's is recognised and imported with it.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { savedProfiles } from '../schema';
import { headerKey } from './apply-profile';
import { parseProfile } from './profiles';
import type { ImportProfile } from './profiles/schema';

export type SavedProfileRow = typeof savedProfiles.$inferSelect;

export interface SavedProfile {
  id: number;
  municipality: { code: string; name: string };
  name: string;
  version: number;
  profile: ImportProfile;
  headers: string[];
  savedBy: string;
  savedAt: Date;
}

/** The header row as recognition compares it: each header without width or spaces; empty ones left out. */
export function headerKeys(headers: readonly string[]): string[] {
  return headers.map(headerKey).filter((k) => k !== '');
}

/** One text per header row, for the index. */
export function headerSignature(headers: readonly string[]): string {
  return headerKeys(headers).join('\u001f');
}

/** What a file's header row has that a saved one lacks, and the other way round (keys, in file order). */
export function headerChanges(saved: readonly string[], file: readonly string[]): { added: string[]; removed: string[] } {
  const before = new Set(headerKeys(saved));
  const now = headerKeys(file);
  const after = new Set(now);
  return { added: now.filter((k) => !before.has(k)), removed: headerKeys(saved).filter((k) => !after.has(k)) };
}

function toSaved(row: SavedProfileRow): SavedProfile {
  const parsed = parseProfile(row.profile);
  // Only valid profiles are stored (saveProfile parses first); a failure here is a broken database.
  if (!parsed.ok) throw new Error(`saved_profiles ${row.id}: ${parsed.error}`);
  return {
    id: row.id,
    municipality: { code: row.municipalityCode, name: row.municipalityName },
    name: row.name,
    version: row.version,
    profile: parsed.profile,
    headers: row.headers,
    savedBy: row.savedBy,
    savedAt: row.savedAt,
  };
}

export type SaveOutcome = { ok: true; saved: SavedProfile } | { ok: false; message: { ja: string; en: string } };

/**
 * Saves a profile (JSON as the shipped ones) as the next version of its name for the
 * municipality. The municipality is written into the profile, so the exported JSON imports the
 * file on its own.
 */
export async function saveProfile(
  db: Db,
  input: { profile: unknown; municipality: { code: string; name: string }; headers: readonly string[]; savedBy: string; savedByUserId?: string | null },
): Promise<SaveOutcome> {
  const withCity = typeof input.profile === 'object' && input.profile !== null ? { ...input.profile, municipality: input.municipality } : input.profile;
  const parsed = parseProfile(withCity);
  if (!parsed.ok) {
    return {
      ok: false,
      message: {
        ja: `取込設定を保存できません。内容に誤りがあります（${parsed.error}）。対応付けを見直してください`,
        en: `The profile cannot be saved: ${parsed.error}. Check the mapping`,
      },
    };
  }
  const profile = parsed.profile;
  const keys = headerKeys(input.headers);
  // Two saves of one name at the same moment: the unique index refuses the second, which retries.
  for (let attempt = 0; ; attempt++) {
    try {
      const [row] = await db
        .insert(savedProfiles)
        .values({
          municipalityCode: input.municipality.code,
          municipalityName: input.municipality.name,
          name: profile.name,
          version: sql`(select coalesce(max(${savedProfiles.version}), 0) + 1 from ${savedProfiles} where ${savedProfiles.municipalityCode} = ${input.municipality.code} and ${savedProfiles.name} = ${profile.name})`,
          profile: withCity as Record<string, unknown>,
          headers: keys,
          headerSignature: keys.join('\u001f'),
          savedBy: input.savedBy,
          savedByUserId: input.savedByUserId ?? null,
        })
        .returning();
      return { ok: true, saved: toSaved(row!) };
    } catch (error) {
      if (attempt >= 3 || !String((error as { code?: string }).code ?? (error as Error).message).match(/23505|duplicate key/)) throw error;
    }
  }
}

/** The newest version of each saved profile, of one municipality or all, newest first. */
export async function listSavedProfiles(db: Db, municipalityCode?: string): Promise<SavedProfile[]> {
  const rows = await db
    .selectDistinctOn([savedProfiles.municipalityCode, savedProfiles.name])
    .from(savedProfiles)
    .where(municipalityCode ? eq(savedProfiles.municipalityCode, municipalityCode) : undefined)
    .orderBy(savedProfiles.municipalityCode, savedProfiles.name, desc(savedProfiles.version));
  return rows.map(toSaved).sort((a, b) => b.savedAt.getTime() - a.savedAt.getTime() || b.id - a.id);
}

/** Every version of one saved profile, newest first (who saved what, when). */
export async function savedProfileVersions(db: Db, municipalityCode: string, name: string): Promise<SavedProfile[]> {
  const rows = await db
    .select()
    .from(savedProfiles)
    .where(and(eq(savedProfiles.municipalityCode, municipalityCode), eq(savedProfiles.name, name)))
    .orderBy(desc(savedProfiles.version));
  return rows.map(toSaved);
}

export async function savedProfileById(db: Db, id: number): Promise<SavedProfile | null> {
  const [row] = await db.select().from(savedProfiles).where(eq(savedProfiles.id, id));
  return row ? toSaved(row) : null;
}

/**
 * The saved profile made for exactly this header row (the newest, when several were), or null.
 * Only a profile's newest version counts: an older one was replaced on purpose.
 */
export async function recogniseProfile(db: Db, headers: readonly string[]): Promise<SavedProfile | null> {
  const signature = headerSignature(headers);
  if (signature === '') return null;
  const candidates = await db
    .select()
    .from(savedProfiles)
    .where(eq(savedProfiles.headerSignature, signature))
    .orderBy(desc(savedProfiles.savedAt), desc(savedProfiles.id));
  for (const row of candidates) {
    const [newest] = await db
      .select({ version: sql<number>`max(${savedProfiles.version})` })
      .from(savedProfiles)
      .where(and(eq(savedProfiles.municipalityCode, row.municipalityCode), eq(savedProfiles.name, row.name)));
    if (newest && Number(newest.version) === row.version) return toSaved(row);
  }
  return null;
}

/**
 * The saved profile nearest to a header row that none matches exactly (fewest changed columns,
 * sharing at least half of them), with what changed: next year's file with one column renamed.
 */
export async function nearestSavedProfile(db: Db, headers: readonly string[]): Promise<{ saved: SavedProfile; added: string[]; removed: string[] } | null> {
  const file = headerKeys(headers);
  let best: { saved: SavedProfile; added: string[]; removed: string[] } | null = null;
  for (const saved of await listSavedProfiles(db)) {
    const changes = headerChanges(saved.headers, headers);
    const shared = file.length - changes.added.length;
    if (shared * 2 < Math.max(file.length, saved.headers.length)) continue;
    if (!best || changes.added.length + changes.removed.length < best.added.length + best.removed.length) best = { saved, ...changes };
  }
  return best;
}

/** A saved profile as the JSON file the command line takes (`--profile saved.json`). */
export function exportProfileJson(saved: SavedProfile): string {
  return `${JSON.stringify(saved.profile, null, 2)}\n`;
}

/** Largest profile JSON file taken (the shipped ones are a few kB). */
export const PROFILE_FILE_MAX_BYTES = 256 * 1024;

/** The saved profile's file names: `profile-<code>-<name>-v<N>.json`, nothing else in them. */
export function profileFileName(saved: Pick<SavedProfile, 'municipality' | 'name' | 'version'>): string {
  const safe = (s: string) => s.replace(/[^a-z0-9-]/gi, '_');
  return `profile-${safe(saved.municipality.code)}-${safe(saved.name)}-v${saved.version}.json`;
}

/**
 * A profile JSON file (as exported, or written by hand as docs/import.md shows) saved as the
 * next version of its name for the municipality. The municipality comes from the form when
 * given, else from the JSON; without either the file is refused. Every refusal names the
 * problem (and the key) in both languages. A new version keeps the header row of the version
 * before it, so next year's file is still recognised.
 */
export async function importProfileJson(
  db: Db,
  text: string,
  input: { municipality?: { code: string; name: string }; savedBy: string; savedByUserId?: string | null },
): Promise<SaveOutcome> {
  if (Buffer.byteLength(text, 'utf8') > PROFILE_FILE_MAX_BYTES) {
    return {
      ok: false,
      message: {
        ja: `取込設定のファイルが大きすぎます（上限 ${PROFILE_FILE_MAX_BYTES / 1024} KB）。取込設定のJSONファイルを選んでください`,
        en: `The profile file is too large (the limit is ${PROFILE_FILE_MAX_BYTES / 1024} KB). Choose a profile JSON file`,
      },
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      message: {
        ja: `JSONとして読めません（${why}）。書き出した取込設定のファイルを選んでください`,
        en: `Not valid JSON (${why}). Choose an exported profile file`,
      },
    };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      message: {
        ja: 'JSONの最上位がオブジェクト（{ … }）ではありません。取込設定のファイルを選んでください',
        en: 'The JSON is not an object ({ … }). Choose a profile file',
      },
    };
  }
  const inFile = (json as { municipality?: unknown }).municipality;
  const municipality =
    input.municipality ??
    (typeof inFile === 'object' &&
    inFile !== null &&
    typeof (inFile as { code?: unknown }).code === 'string' &&
    typeof (inFile as { name?: unknown }).name === 'string'
      ? { code: (inFile as { code: string }).code, name: (inFile as { name: string }).name }
      : undefined);
  if (!municipality) {
    return {
      ok: false,
      message: {
        ja: '取込設定に自治体（municipality）がありません。自治体コード（6桁）と自治体名を入れてください',
        en: 'The profile has no municipality ("municipality"). Enter the municipality code (6 digits) and name',
      },
    };
  }
  const parsed = parseProfile({ ...json, municipality });
  if (!parsed.ok) {
    return {
      ok: false,
      message: {
        ja: `取込設定の内容に誤りがあります（キー: ${parsed.error}）。該当するキーを直してください`,
        en: `The profile is not valid (key: ${parsed.error}). Correct that key`,
      },
    };
  }
  const [before] = await savedProfileVersions(db, municipality.code, parsed.profile.name);
  return saveProfile(db, { profile: json, municipality, headers: before?.headers ?? [], savedBy: input.savedBy, savedByUserId: input.savedByUserId });
}
