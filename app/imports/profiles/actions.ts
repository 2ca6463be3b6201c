'use server';
/**
 * Importing a profile JSON file from /imports/profiles: saved as the next version of its name
 * for the municipality (db/import/saved-profiles.ts importProfileJson), or refused with the
 * problem named in both languages.
 */
import { revalidatePath } from 'next/cache';
import { requirePermission } from '@/app/lib/auth';
import { getLocale, pick } from '@/app/lib/i18n';
import { getDb } from '@/db/client';
import { importProfileJson, PROFILE_FILE_MAX_BYTES } from '@/db/import/saved-profiles';
import { PROFILES_TEXT } from './text';

/** The answer shown above the button: saved, or the problem (in the user's language; a refusal of the file in both). */
export type ProfileImportState = null | { ok: boolean; message: string };

export async function importProfileAction(_previous: ProfileImportState, formData: FormData): Promise<ProfileImportState> {
  const user = await requirePermission('import', '/imports/profiles');
  const t = pick(PROFILES_TEXT, await getLocale());
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0) return { ok: false, message: t.noFile };
  if (file.size > PROFILE_FILE_MAX_BYTES) return { ok: false, message: t.tooLarge };
  const code = String(formData.get('code') ?? '').trim();
  const city = String(formData.get('city') ?? '').trim();
  if ((code || city) && !(/^\d{6}$/.test(code) && city)) return { ok: false, message: t.badCity };
  const text = new TextDecoder('utf-8').decode(await file.arrayBuffer());
  const saved = await importProfileJson(await getDb(), text, {
    ...(code ? { municipality: { code, name: city } } : {}),
    savedBy: user.name,
    savedByUserId: user.id,
  });
  if (!saved.ok) return { ok: false, message: `${saved.message.ja} / ${saved.message.en}` };
  revalidatePath('/imports/profiles');
  return { ok: true, message: t.imported(saved.saved.name, saved.saved.version) };
}
