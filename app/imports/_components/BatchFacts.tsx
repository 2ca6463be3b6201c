/** The facts of a batch as a definition list, and its counts as figures. */
import { formatBytes, formatCount, formatDateTime } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import type { ImportBatchDetail } from '@/db/queries/imports';
import type { ImportText } from '../_lib/text';
import { StatusBadge, userLabel } from './StatusBadge';

export function BatchFacts({ batch, text, locale, withStatus = false }: { batch: ImportBatchDetail; text: ImportText; locale: Locale; withStatus?: boolean }) {
  const f = text.facts;
  const m = batch.report.municipality;
  return (
    <dl className="facts" data-testid="batch-facts">
      <div className="fact-file">
        <dt>{f.file}</dt>
        <dd className="file-name">{batch.fileName}</dd>
      </div>
      <div>
        <dt>{f.encoding}</dt>
        <dd data-testid="fact-encoding">{batch.encoding}</dd>
      </div>
      {batch.report.layout && (
        <div>
          <dt>{f.layout}</dt>
          <dd>{batch.report.layout === 'long' ? f.long : f.wide}</dd>
        </div>
      )}
      <div>
        <dt>{f.rows}</dt>
        <dd data-testid="fact-rows">{formatCount(batch.rows, f.rowsUnit)}</dd>
      </div>
      {batch.byteLength !== null && (
        <div>
          <dt>{f.size}</dt>
          <dd>{formatBytes(batch.byteLength)}</dd>
        </div>
      )}
      {m && (
        <div>
          <dt>{f.municipalityGiven}</dt>
          <dd>{m.name ? `${m.code} ${m.name}` : m.code}</dd>
        </div>
      )}
      {batch.report.profile && batch.report.profile !== 'hyoka' && (
        <div>
          <dt>{f.profile}</dt>
          <dd data-testid="fact-profile">{batch.report.profile}</dd>
        </div>
      )}
      {batch.hasMapping && (
        <div>
          <dt>{f.mapping}</dt>
          <dd>{f.mappingUsed}</dd>
        </div>
      )}
      <div>
        <dt>{f.createdBy}</dt>
        <dd>{userLabel(batch.createdBy, text.users)}</dd>
      </div>
      <div>
        <dt>{f.startedAt}</dt>
        <dd>{formatDateTime(batch.startedAt, locale)}</dd>
      </div>
      {withStatus && (
        <div>
          <dt>{f.status}</dt>
          <dd>
            <StatusBadge status={batch.status} text={text.status} />
          </dd>
        </div>
      )}
    </dl>
  );
}

/** Big figures: would-insert / update / unchanged (pending, committed) or rejected rows (failed). */
export function BatchCounts({ batch, text }: { batch: ImportBatchDetail; text: ImportText }) {
  const c = text.counts;
  const figure = (key: string, label: string, value: number, tone = '') => (
    <div className={`count ${tone}`} data-testid={`count-${key}`}>
      <dt>{label}</dt>
      <dd>
        {formatCount(value)}
        <small>{c.unit}</small>
      </dd>
    </div>
  );
  if (batch.status === 'failed') {
    return (
      <dl className="counts">
        {figure('rejected', c.rejected, batch.rejected, 'bad')}
        {figure('errors', c.errors, batch.report.errorCount, 'bad')}
        {figure('warnings', c.warnings, batch.warnings, batch.warnings > 0 ? 'caution' : '')}
      </dl>
    );
  }
  const pending = batch.status === 'pending';
  return (
    <dl className="counts">
      {figure('inserted', pending ? c.wouldInsert : c.insert, batch.inserted, batch.inserted > 0 ? 'good' : '')}
      {figure('updated', pending ? c.wouldUpdate : c.update, batch.updated)}
      {figure('unchanged', pending ? c.wouldKeep : c.unchanged, batch.unchanged, 'quiet')}
      {figure('warnings', c.warnings, batch.warnings, batch.warnings > 0 ? 'caution' : '')}
    </dl>
  );
}
