/**
 * 検索: projects of every municipality and year whose sheets contain the words typed in the
 * header's search box (事業名, 目的, 対象, 事業内容, 総評, indicator names), best first, with the
 * matching words marked. The query lives in the URL, so a search can be linked and printed.
 */
import { connection } from 'next/server';
import { Pagination } from '@/app/components/Pagination';
import { formatCount, formatYearIn } from '@/app/lib/format';
import { getLocale, type Locale, pick } from '@/app/lib/i18n';
import { href, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { highlight, snippet } from '@/db/domain/search-text';
import { type SearchHit, searchProjects } from '@/db/queries/search';
import { Highlighted } from './Highlighted';
import { readSearchRequest } from './search-request';
import { SEARCH_TEXT as TEXT } from './text';
import '@/app/styles/search.css';

export default async function SearchPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const locale = await getLocale();
  const t = pick(TEXT, locale);
  const request = readSearchRequest(await searchParams);
  const result = await searchProjects(await getDb(), request.q, request.page);

  return (
    <div className="search-page">
      <h1>{request.q ? t.titleFor(request.q) : t.title}</h1>
      <search className="filters search-form">
        <form method="get" action="/search">
          <input type="search" name="q" defaultValue={request.q} aria-label={t.title} />
          <button type="submit">{t.title}</button>
        </form>
      </search>
      <p className="subtitle">{t.hint}</p>
      {result.terms.length === 0 ? (
        <p className="empty">{t.empty}</p>
      ) : result.total === 0 ? (
        <p className="empty" data-testid="search-count" data-count={0}>
          {t.none}
        </p>
      ) : (
        <>
          <p className="subtitle" data-testid="search-count" data-count={result.total} data-capped={result.capped}>
            {result.capped ? t.atLeast(formatCount(result.total)) : t.count(formatCount(result.total))}
          </p>
          <ol className="search-hits" start={(result.page - 1) * result.pageSize + 1}>
            {result.hits.map((hit) => (
              <Hit key={hit.projectId} hit={hit} terms={result.terms} t={t} locale={locale} />
            ))}
          </ol>
          <Pagination
            page={result.page}
            pageCount={result.pageCount}
            pageHref={(n) => href('/search', { q: request.q }, { page: n > 1 ? n : undefined })}
            label={t.pages}
            locale={locale}
          />
        </>
      )}
    </div>
  );
}

function Hit({ hit, terms, t, locale }: { hit: SearchHit; terms: string[]; t: (typeof TEXT)['ja']; locale: Locale }) {
  const fields: [string, string | null][] = [
    [t.purpose, hit.purpose],
    [t.target, hit.targetDescription],
    [t.content, hit.content],
  ];
  const years =
    hit.firstFiscalYear !== null && hit.lastFiscalYear !== null
      ? t.years(formatYearIn(hit.firstFiscalYear, locale), formatYearIn(hit.lastFiscalYear, locale))
      : null;
  return (
    <li className="search-hit" data-testid="search-hit">
      <a className="hit-name" href={href(`/projects/${encodeURIComponent(hit.code)}`, { municipality: hit.municipalityCode })}>
        <span className="hit-code">
          <Highlighted segments={highlight(hit.code, terms)} />
        </span>{' '}
        <Highlighted segments={highlight(hit.name, terms)} />
      </a>
      <p className="hit-meta">
        {hit.municipalityName}
        {hit.department ? ` ・ ${hit.department}` : ''}
        {years ? ` ・ ${years}` : ''}
      </p>
      <dl className="hit-fields">
        {/* Only the fields where a term appears: the reason the project is listed. */}
        {fields.map(([label, text]) =>
          text && snippet(text, terms).some((s) => s.match) ? (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                <Highlighted segments={snippet(text, terms)} />
              </dd>
            </div>
          ) : null,
        )}
        {hit.indicators.length > 0 && (
          <div>
            <dt>{t.indicators}</dt>
            <dd>
              {hit.indicators.map((name, i) => (
                <span key={name} className="hit-indicator">
                  {i > 0 ? '、' : ''}
                  <Highlighted segments={highlight(name, terms)} />
                </span>
              ))}
            </dd>
          </div>
        )}
        {hit.review && (
          <div>
            <dt>{t.review(formatYearIn(hit.review.fiscalYear, locale))}</dt>
            <dd>
              <Highlighted segments={snippet(hit.review.text, terms)} />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
}
