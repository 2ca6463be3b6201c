'use server';
/**
 * The import page's server actions: commit or discard what was checked, roll a batch back (the
 * upload itself goes to the route handler upload/route.ts, which streams it). Each ends in a redirect to a page that reads the result from the database,
 * so a reload or a shared link shows the same thing; only form mistakes come back as state.
 */
import { redirect } from 'next/navigation';
import { requirePermission } from '@/app/lib/auth';
import { getDb } from '@/db/client';
import type { Message } from '@/db/domain/numbers';
import { commitUpload, discardUpload, originalFile } from '@/db/import/pending';
import { recordRejectedUpload } from '@/db/import/rejected';
import { rollbackBatch } from '@/db/import/rollback';
import { attributeImport } from '@/db/import/attribution';
import { IMPORT_TEXT } from './_lib/text';

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

/** Imports exactly the bytes that were checked. */
export async function commitAction(formData: FormData): Promise<void> {
  const user = await requirePermission('import', '/imports');
  const id = batchId(formData);
  if (id === null) redirect('/imports');
  const db = await getDb();
  const createdBy = user.name;
  const original = await originalFile(db, id);
  const commit = await commitUpload(db, id, createdBy);
  // A second click or another tab: the page says which import the upload became, or that it is gone.
  if (commit.status === 'already-committed') redirect(`/imports?already=${commit.batchId}#preview`);
  if (commit.status === 'gone') redirect(`/imports?batch=${id}#preview`);
  const { outcome } = commit;
  if (outcome.ok && outcome.result) {
    await attributeImport(db, outcome.result.batchId, 'import.committed', user, { checkedBatchId: id });
    redirect(`/imports?done=${outcome.result.batchId}#preview`);
  }
  // The data changed since the check (another import, a rating scheme): keep what went wrong, drop the preview.
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
