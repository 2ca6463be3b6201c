/** 取組内容の改善 (Action): the director's review and the future direction, newest year first. */
import { formatYearIn } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import type { ProjectYear } from '@/db/queries/project-sheet';
import type { SheetText } from './text';

export function ActionSection({ years, locale, t }: { years: ProjectYear[]; locale: Locale; t: SheetText }) {
  const a = t.action;
  return (
    <section id="action" className="sheet-section panel" data-testid="section-action" aria-labelledby="action-title">
      <h2 id="action-title" className="pdca action">
        {a.title}
      </h2>
      <div className="year-blocks">
        {[...years].reverse().map((y) => (
          <div key={y.fiscalYear} className="year-block">
            <h4>{formatYearIn(y.fiscalYear, locale)}</h4>
            <dl className="text-fields compact">
              <div>
                <dt>{a.direction}</dt>
                <dd className={y.direction ? 'direction' : 'missing'}>{y.direction || a.none}</dd>
              </div>
              <div>
                <dt>{a.review}</dt>
                <dd className={y.review ? 'prose' : 'missing'}>{y.review || a.none}</dd>
              </div>
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}
