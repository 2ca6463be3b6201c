'use server';
/**
 * The import page's server actions: check (stage) an upload, commit or discard what was checked,
 * roll a batch back. Each ends in a redirect to a page that reads the result from the database,
 * so a reload or a shared link shows the same thing; only form mistakes come back as state.
 */
import { redirect } from 'next/navigation';
import { requirePermission } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import type { Message } from '@/db/domain/numbers';
import { mappingFileSchema, type MappingFile } from '@/db/import/headers';
import { commitUpload, discardUpload, originalFile, stageUpload } from '@/db/import/pending';
import { recordRejectedUpload } from '@/db/import/rejected';
import { rollbackBatch } from '@/db/import/rollback';
import { attributeImport } from '@/db/import/attribution';
import { DEFAULT_PROFILE, findProfile } from '@/db/import/profiles';
import { IMPORT_TEXT } from './_lib/text';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_TEXT } from './_lib/limits';

export interface ActionState {
  error: Message | null;
}

const both = (pickText: (t: (typeof IMPORT_TEXT)['ja']) => string): Message => ({
  ja: pickText(IMPORT_TEXT.ja),
  en: pickText(IMPORT_TEXT.en),
});

function batchId(formData: FormData): number | null {
  const raw = String(formData.get('id') ?? '');
  return /^\d{1,9}$/.test(raw) ? Number(raw) : null;
}

async function readMapping(value: FormDataEntryValue | null): Promise<{ mapping?: MappingFile; error?: Message }> {
  if (!(value instanceof File) || value.size === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(await value.text());
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { error: both((t) => t.form.badMapping(detail)) };
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    return { error: both((t) => t.form.badMapping(detail)) };
  }
  return { mapping: parsed.data };
}

/** Checks the file (a dry run) and shows the result: a pending batch to commit, or the errors. */
export async function stageAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requirePermission('import', '/imports');
  const file = formData.get('file');
  if (!(file instanceof File) || file.size === 0 || file.name === '') return { error: both((t) => t.form.noFile) };
  if (file.size > MAX_UPLOAD_BYTES) return { error: both((t) => t.form.tooLarge(MAX_UPLOAD_TEXT)) };
  const code = String(formData.get('municipalityCode') ?? '').trim();
  const name = String(formData.get('municipalityName') ?? '').trim();
  if (name && !code) return { error: both((t) => t.form.nameWithoutCode) };
  const { mapping, error } = await readMapping(formData.get('mapping'));
  if (error) return { error };
  const profile = String(formData.get('profile') ?? DEFAULT_PROFILE);
  if (!findProfile(profile)) return { error: both((t) => t.form.badProfile(profile)) };

  const municipality = code ? { code, ...(name ? { name } : {}) } : undefined;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const db = await getDb();
  const createdBy = user.name;
  const staged = await stageUpload(db, bytes, { fileName: file.name, createdBy, mapping, municipality, profile });
  const id = staged.pendingId ?? (await recordRejectedUpload(db, bytes, staged.outcome, { createdBy, mapping, municipality }));
  await attributeImport(db, id, 'import.checked', user, { ok: staged.pendingId !== null });
  redirect(`/imports?batch=${id}#preview`);
}

/** Imports exactly the bytes that were checked. */
export async function commitAction(formData: FormData): Promise<void> {
  const user = await requirePermission('import', '/imports');
  const id = batchId(formData);
  if (id === null) redirect('/imports');
  const db = await getDb();
  const createdBy = user.name;
  const original = await originalFile(db, id);
  const outcome = await commitUpload(db, id, createdBy);
  // Already committed or discarded (a second click, another tab): the page says so.
  if (!outcome) redirect(`/imports?batch=${id}#preview`);
  if (outcome.ok && outcome.result) {
    await attributeImport(db, outcome.result.batchId, 'import.committed', user, { checkedBatchId: id });
    redirect(`/imports?done=${outcome.result.batchId}#preview`);
  }
  // The data changed since the check (e.g. a rating scheme): keep what went wrong, drop the preview.
  const failed = await recordRejectedUpload(db, original ? new Uint8Array(original.bytes) : new Uint8Array(), outcome, { createdBy });
  await discardUpload(db, id);
  redirect(`/imports?batch=${failed}#preview`);
}

export async function discardAction(formData: FormData): Promise<void> {
  const user = await requirePermission('import', '/imports');
  const id = batchId(formData);
  if (id !== null) await attributeImport(await getDb(), id, 'import.discarded', user);
  if (id !== null) await discardUpload(await getDb(), id);
  redirect('/imports');
}

/** Rolls a committed batch back; a refusal (a later import changed its rows) comes back as state. */
export async function rollbackAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const user = await requirePermission('rollback', '/imports');
  const id = batchId(formData);
  if (id === null) redirect('/imports');
  if (formData.get('confirm') !== 'yes') return { error: both((t) => t.rollback.confirmMissing) };
  const outcome = await rollbackBatch(await getDb(), id, user);
  if (!outcome.ok) return { error: outcome.message };
  redirect(`/imports/${id}`);
}
