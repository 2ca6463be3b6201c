/**
 * Committing a checked (staged) upload safely: the commit's own import transaction claims the
 * pending batch, so of two commits of one upload exactly one imports, and it refuses the upload
 * when the project-years it covers changed since the check (another import or a rollback), so a
 * commit never silently overwrites rows its preview did not show.
 */
import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { importBatches } from '../schema';
import type { Problem } from './problems';
import type { Tx } from './write-common';

/** The pending batch an import commits, and the state basis its check saw (StateBasis.digest). */
export interface StagedClaim {
  pendingId: number;
  basis: string | undefined;
}

/** The pending batch was already committed (or discarded) by someone else. */
export class AlreadyClaimed extends Error {
  constructor(readonly pendingId: number) {
    super(`pending upload ${pendingId} was already claimed`);
    this.name = 'AlreadyClaimed';
  }
}

/**
 * Deletes the pending batch inside the import's transaction (after the import lock): a second
 * commit finds nothing to claim; a failed import rolls back and the pending batch is there again.
 */
export async function claimStaged(tx: Tx, claim: StagedClaim): Promise<void> {
  const claimed = await tx
    .delete(importBatches)
    .where(and(eq(importBatches.id, claim.pendingId), eq(importBatches.status, 'pending')))
    .returning({ id: importBatches.id });
  if (claimed.length === 0) throw new AlreadyClaimed(claim.pendingId);
}

/** The committed batch that a pending batch became (its report's `stagedAs`), if any. */
export async function batchCommittedFrom(tx: Pick<Tx, 'select'>, pendingId: number): Promise<number | null> {
  const [row] = await tx
    .select({ id: importBatches.id })
    .from(importBatches)
    .where(sql`${importBatches.status} <> 'pending' and (${importBatches.report}->>'stagedAs') = ${String(pendingId)}`)
    .limit(1);
  return row?.id ?? null;
}

/**
 * A digest of what the database holds for a file's project-years, in file order: for each, the
 * stored content hash and the batch that wrote it, or nothing. The check (a dry run) and the
 * commit compute it the same way before writing each row; equal digests mean that no import or
 * rollback touched those project-years in between. Other project-years do not enter it.
 */
export class StateBasis {
  private readonly hash = createHash('sha256');
  add(key: string, stored: { hash: string | null; batchId: number | null } | undefined): void {
    this.hash.update(stored ? `${key}\t${stored.hash ?? ''}\t${stored.batchId ?? ''}\n` : `${key}\t-\n`);
  }
  digest(): string {
    return this.hash.copy().digest('hex');
  }
}

export function staleProblem(fileName: string): Problem {
  return {
    severity: 'error',
    file: fileName,
    line: null,
    column: null,
    value: null,
    message: {
      ja: '確認した後に、このファイルと同じ事業・年度のデータが別の取込または取消で変更されました。何も書き込まれていません。最新のデータに対してもう一度ファイルを確認してから取り込んでください',
      en: 'Since this file was checked, another import or a rollback changed the same projects and years. Nothing was written. Check the file again against the current data, then commit it',
    },
  };
}
