'use server';
/**
 * Importing a profile JSON file from /imports/profiles: saved as the next version of its name
 * for the municipality (db/import/saved-profiles.ts importProfileJson), or refused with the
 * problem named in both languages.
 */
import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { importProfileJson, PROFILE_FILE_MAX_BYTES } from '@/db/import/saved-profiles';

export type ProfileImportState =
  | null
  | { ok: true; name: string; version: number }
  | { ok: false; problem: 'no-file' | 'too-large' | 'bad-city' }
  | { ok: false; message: { ja: string; en: string } };

export async function importProfileAction(_previous: ProfileImportState, formData: FormData): Promise<ProfileImportState> {
  const user = await requirePermission('import', '/imports/profiles');
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, problem: 'no-file' };
  if (file.size > PROFILE_FILE_MAX_BYTES) return { ok: false, problem: 'too-large' };
  const code = String(formData.get('code') ?? '').trim();
  const city = String(formData.get('city') ?? '').trim();
  if ((code || city) && !(/^\d{6}$/.test(code) && city)) return { ok: false, problem: 'bad-city' };
  const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  const saved = await importProfileJson(await getDb(), text, {
    ...(code ? { municipality: { code, name: city } } : {}),
    savedBy: user.name,
    savedByUserId: user.id,
  });
  if (!saved.ok) return { ok: false, message: saved.message };
  revalidatePath('/imports/profiles');
  return { ok: true, name: saved.saved.name, version: saved.saved.version };
}
