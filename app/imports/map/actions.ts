'use server';
/**
 * The mapping step's save: the profile the user's choices make is saved under its name for the
 * municipality (a new version if the name exists), and the file is checked with it as any upload
 * is, ending on the import page's check result to commit or discard.
 */
import { redirect } from 'next/navigation';
import { requirePermission } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import { attributeImport } from '@/db/import/attribution';
import { originalFile, stageUpload } from '@/db/import/pending';
import { parseProfile } from '@/db/import/profiles';
import { choicesFrom, mappingStep } from '@/db/import/propose/mapping-step';
import { recordRejectedUpload } from '@/db/import/rejected';
import { saveProfile } from '@/db/import/saved-profiles';

export async function saveMappingAction(formData: FormData): Promise<void> {
  const user = await requirePermission('import', '/imports');
  const raw = String(formData.get('batch') ?? '');
  if (!/^\d{1,9}$/.test(raw)) redirect('/imports');
  const batchId = Number(raw);
  const get = (name: string) => {
    const v = formData.get(name);
    return typeof v === 'string' ? v : undefined;
  };
  const choices = choicesFrom(get, [...formData.keys()]);
  const back = new URLSearchParams();
  for (const [k, v] of formData.entries()) if (typeof v === 'string' && !k.startsWith('$')) back.set(k, v);
  if (!choices.municipality) redirect(`/imports/map?${back}&need=city#save`);
  const db = await getDb();
  const step = await mappingStep(db, batchId, choices);
  if (!step) redirect(`/imports/map?batch=${batchId}`);
  const headers = step.sample.rows.find((r) => r.line === step.headerTo)?.cells ?? [];
  const saved = await saveProfile(db, { profile: step.profile, municipality: choices.municipality, headers, savedBy: user.name, savedByUserId: user.id });
  if (!saved.ok) redirect(`/imports/map?${back}&failed=1#save`);
  const parsed = parseProfile(step.profile);
  const original = await originalFile(db, batchId);
  if (!parsed.ok || !original) redirect(`/imports/map?${back}&failed=1#save`);
  const bytes = new Uint8Array(original.bytes);
  const options = { fileName: original.fileName, createdBy: user.name, profile: parsed.profile, municipality: choices.municipality };
  const staged = await stageUpload(db, bytes, options);
  const id = staged.pendingId ?? (await recordRejectedUpload(db, bytes, staged.outcome, { createdBy: user.name, municipality: choices.municipality }));
  await attributeImport(db, id, 'import.checked', user, { ok: staged.pendingId !== null, savedProfile: saved.saved.name, version: saved.saved.version });
  redirect(`/imports?batch=${id}#preview`);
}
