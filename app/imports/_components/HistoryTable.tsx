/** The import history: newest first, paged through ?page=, each row linking to its report. */
import { formatCount, formatDateTime } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import type { ImportHistoryPage } from '@/db/queries/imports';
import type { ImportText } from '../_lib/text';
import { StatusBadge, userLabel } from './StatusBadge';

export function HistoryTable({ history, params, text, locale }: { history: ImportHistoryPage; params: SearchParams; text: ImportText; locale: Locale }) {
  const t = text.history;
  const c = text.counts;
  const f = text.facts;
  // Paging links drop the preview (it belongs to one moment) and land on the history.
  const pageHref = (page: number) => `${href('/imports', params, { page: page === 1 ? undefined : page, batch: undefined, done: undefined })}#history`;
  return (
    <section className="panel history" id="history" data-testid="history">
      <h2>{t.heading}</h2>
      {history.rows.length === 0 ? (
        <p className="muted">{t.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="data history-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t.id}
                </th>
                <th scope="col">{f.file}</th>
                <th scope="col">{f.createdBy}</th>
                <th scope="col">{t.when}</th>
                <th scope="col">{f.encoding}</th>
                <th scope="col" className="num">
                  {c.insert}
                </th>
                <th scope="col" className="num">
                  {c.update}
                </th>
                <th scope="col" className="num">
                  {c.unchanged}
                </th>
                <th scope="col" className="num">
                  {c.rejected}
                </th>
                <th scope="col" className="num">
                  {c.warnings}
                </th>
                <th scope="col">{f.status}</th>
              </tr>
            </thead>
            <tbody>
              {history.rows.map((b) => {
                const wrote = b.status === 'committed' || b.status === 'rolled_back' || b.status === 'pending';
                const count = (v: number) => (wrote ? formatCount(v) : '—');
                return (
                  <tr key={b.id} data-testid={`history-row-${b.id}`} className={b.status === 'pending' ? 'tentative' : undefined}>
                    <td data-label={t.id} className="num">
                      <a href={`/imports/${b.id}`}>#{b.id}</a>
                    </td>
                    <td data-label={f.file} className="file-name">
                      <a href={b.status === 'pending' ? `/imports?batch=${b.id}#preview` : `/imports/${b.id}`}>{b.fileName}</a>
                    </td>
                    <td data-label={f.createdBy}>{userLabel(b.createdBy, text.users)}</td>
                    <td data-label={t.when} className="when">
                      {formatDateTime(b.startedAt, locale)}
                    </td>
                    <td data-label={f.encoding} className="encoding">
                      {b.encoding}
                    </td>
                    <td data-label={c.insert} className="num">
                      {count(b.inserted)}
                    </td>
                    <td data-label={c.update} className="num">
                      {count(b.updated)}
                    </td>
                    <td data-label={c.unchanged} className="num">
                      {count(b.unchanged)}
                    </td>
                    <td data-label={c.rejected} className={`num${b.rejected > 0 ? ' bad' : ''}`}>
                      {b.status === 'failed' ? formatCount(b.rejected) : '—'}
                    </td>
                    <td data-label={c.warnings} className="num">
                      {formatCount(b.warnings)}
                    </td>
                    <td data-label={f.status}>
                      <StatusBadge status={b.status} text={text.status} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {/* Phones: one compact card per import instead of an eleven-column table. */}
      {history.rows.length > 0 && (
        <ul className="history-cards">
          {history.rows.map((b) => (
            <li key={b.id} data-testid={`history-card-${b.id}`}>
              <div className="card-head">
                <a href={b.status === 'pending' ? `/imports?batch=${b.id}#preview` : `/imports/${b.id}`}>
                  <span className="muted">#{b.id}</span> <span className="file-name">{b.fileName}</span>
                </a>
                <StatusBadge status={b.status} text={text.status} />
              </div>
              <div className="card-meta muted">
                {userLabel(b.createdBy, text.users)} · {formatDateTime(b.startedAt, locale)} · {b.encoding}
              </div>
              <div className="card-counts">
                {b.status === 'failed' ? (
                  <span className="bad">
                    {c.rejected} {formatCount(b.rejected)}
                  </span>
                ) : (
                  <>
                    <span>
                      {c.insert} {formatCount(b.inserted)}
                    </span>
                    <span>
                      {c.update} {formatCount(b.updated)}
                    </span>
                    <span>
                      {c.unchanged} {formatCount(b.unchanged)}
                    </span>
                  </>
                )}
                <span>
                  {c.warnings} {formatCount(b.warnings)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {history.pageCount > 1 && (
        <nav className="pager" aria-label={t.heading}>
          {history.page > 1 ? <a href={pageHref(history.page - 1)}>{t.prev}</a> : <span />}
          <span className="muted">{t.page(history.page, history.pageCount, history.total)}</span>
          {history.page < history.pageCount ? <a href={pageHref(history.page + 1)}>{t.next}</a> : <span />}
        </nav>
      )}
    </section>
  );
}
