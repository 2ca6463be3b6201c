/**
 * Page links under a long list: ← 前へ 1 … 4 5 [6] 7 8 … 12 次へ →. Lists are paged on the server
 * (the page number in the URL), so no page grows with the portfolio.
 */
import { defineText, pick, type Locale } from '@/app/lib/i18n';
import '@/app/styles/pagination.css';

const TEXT = defineText({
  ja: {
    previous: '前へ',
    next: '次へ',
    pageOf: (page: number, count: number) => `${page} / ${count}ページ`,
  },
  en: {
    previous: 'Previous',
    next: 'Next',
    pageOf: (page: number, count: number) => `Page ${page} of ${count}`,
  },
});

/** 1 … 4 5 [6] 7 8 … 12: the first, the last and two either side of the current page. */
export function pageNumbers(current: number, count: number): (number | null)[] {
  const shown = new Set([1, count]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= count) shown.add(n);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((n, i) => {
    if (i > 0 && n - sorted[i - 1]! > 1) out.push(null);
    out.push(n);
  });
  return out;
}

export function Pagination({
  page,
  pageCount,
  pageHref,
  label,
  locale,
}: {
  page: number;
  pageCount: number;
  /** The link to page `n` (page 1 without a page parameter). */
  pageHref: (n: number) => string;
  /** What the navigation is for, for screen readers. */
  label: string;
  locale: Locale;
}) {
  if (pageCount <= 1) return null;
  const t = pick(TEXT, locale);
  return (
    <nav className="pagination" aria-label={label} data-testid="pagination">
      {page > 1 ? (
        <a href={pageHref(page - 1)} rel="prev">
          ← {t.previous}
        </a>
      ) : (
        <span className="disabled">← {t.previous}</span>
      )}
      {pageNumbers(page, pageCount).map((n, i) =>
        n === null ? (
          <span key={`gap-${i}`} className="gap">
            …
          </span>
        ) : n === page ? (
          <span key={n} className="current" aria-current="page">
            {n}
          </span>
        ) : (
          <a key={n} href={pageHref(n)}>
            {n}
          </a>
        ),
      )}
      {page < pageCount ? (
        <a href={pageHref(page + 1)} rel="next">
          {t.next} →
        </a>
      ) : (
        <span className="disabled">{t.next} →</span>
      )}
      <span className="page-of" data-testid="page-of">
        {t.pageOf(page, pageCount)}
      </span>
    </nav>
  );
}
