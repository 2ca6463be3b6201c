/**
 * Who imported: the logged-in user's id on a batch (pages show that user's current name), and
 * the activity log entry of each import step, written together.
 */
import { eq } from 'drizzle-orm';
import { recordActivity, type ActivityKind, type Actor } from '../activity';
import type { Db } from '../client';
import { importBatches } from '../schema';

export async function attributeImport(db: Db, batchId: number, kind: ActivityKind, actor: Actor, detail: Record<string, unknown> = {}): Promise<void> {
  await db.transaction(async (tx) => {
    const [batch] = await tx
      .update(importBatches)
      .set({ createdByUserId: actor.id })
      .where(eq(importBatches.id, batchId))
      .returning({ fileName: importBatches.fileName, status: importBatches.status, rows: importBatches.rowCount });
    await recordActivity(tx, { kind, actor, detail: { batchId, ...(batch ?? {}), ...detail } });
  });
}
