/** Problems as a table: file, line, column, value, message (in the reader's language). */
import type { Locale } from '@/app/lib/i18n';
import type { Problem } from '@/db/import/problems';
import type { ImportText } from '../_lib/text';

export function ProblemTable({
  problems,
  total,
  kind,
  text,
  locale,
}: {
  problems: Problem[];
  /** How many there were in all (only the first ones may have been kept). */
  total: number;
  kind: 'error' | 'warning';
  text: ImportText['problems'];
  locale: Locale;
}) {
  if (problems.length === 0) return null;
  return (
    <section className={`problems problems-${kind}`} data-testid={`problems-${kind}`}>
      <h3>
        {kind === 'error' ? text.errorsHeading : text.warningsHeading}
        <span className="count-pill">{total.toLocaleString('ja-JP')}</span>
      </h3>
      {total > problems.length && <p className="hint">{text.omitted(problems.length, total)}</p>}
      <div className="table-scroll">
        <table className="data problem-table stack-table">
          <thead>
            <tr>
              <th scope="col">{text.file}</th>
              <th scope="col" className="num">
                {text.line}
              </th>
              <th scope="col">{text.column}</th>
              <th scope="col">{text.value}</th>
              <th scope="col">{text.message}</th>
            </tr>
          </thead>
          <tbody>
            {problems.map((p, i) => (
              <tr key={i}>
                <td data-label={text.file} className="file-name">
                  {p.file || '—'}
                </td>
                <td data-label={text.line} className="num">
                  {p.line ?? text.fileLevel}
                </td>
                <td data-label={text.column}>{p.column ?? '—'}</td>
                <td data-label={text.value} className="value">
                  {p.value === null ? '—' : p.value === '' ? <span className="muted">{text.empty}</span> : <code>{p.value}</code>}
                </td>
                <td data-label={text.message} className="message" lang={locale}>
                  {p.message[locale]}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
