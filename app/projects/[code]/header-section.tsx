/** The sheet's header block: who runs the project, where it sits in the policy tree, its period and type. */
import { formatYearIn } from '@/app/lib/format';
import type { Locale } from '@/app/lib/i18n';
import { href } from '@/app/lib/search-params';
import type { SheetHeader } from '@/db/queries/project-sheet';
import type { Project } from '@/db/schema';
import type { SheetText } from './text';

/** `/policies/1/2/3` (built by the policies page): each path segment encoded on its own. */
function policyHref(path: string, municipalityCode: string): string {
  return href(`/policies/${path.split('/').map(encodeURIComponent).join('/')}`, { municipality: municipalityCode });
}

export function SheetHeaderSection({
  project,
  header,
  years,
  locale,
  t,
}: {
  project: Project;
  header: SheetHeader;
  years: number[];
  locale: Locale;
  t: SheetText;
}) {
  const h = t.header;
  const period =
    project.startFiscalYear === null
      ? null
      : `${formatYearIn(project.startFiscalYear, locale)} 〜 ${project.endFiscalYear === null ? h.periodOpen : formatYearIn(project.endFiscalYear, locale)}`;
  return (
    <section className="sheet-header panel" aria-label={t.sheetTitle} data-testid="sheet-header">
      <dl className="sheet-fields">
        <div>
          <dt>{h.code}</dt>
          <dd data-testid="sheet-code">{project.code}</dd>
        </div>
        <div>
          <dt>{h.municipality}</dt>
          <dd>{header.municipalityName}</dd>
        </div>
        <div>
          <dt>{h.organisation}</dt>
          <dd>{[header.department, header.section].filter(Boolean).join(' ／ ') || t.empty}</dd>
        </div>
        <div className="span-all">
          <dt>{h.policy}</dt>
          <dd>
            {header.policy.length === 0 ? (
              t.empty
            ) : (
              <ol className="policy-path" data-testid="policy-path">
                {header.policy.map((step) => (
                  <li key={step.path} className={`level-${step.level}`}>
                    {step.level === 0 ? (
                      <span className="pillar">{step.name}</span>
                    ) : (
                      <a href={policyHref(step.path, header.municipalityCode)}>
                        {step.number && <span className="policy-number">{step.number}</span>}
                        {step.name}
                      </a>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </dd>
        </div>
        <div>
          <dt>{h.period}</dt>
          <dd>{period ?? t.empty}</dd>
        </div>
        <div>
          <dt>{h.administrativeType}</dt>
          <dd>{project.administrativeType ?? t.empty}</dd>
        </div>
        <div>
          <dt>{h.legalBasis}</dt>
          <dd>{project.legalBasis ?? t.empty}</dd>
        </div>
        <div>
          <dt>{h.budgetNames}</dt>
          <dd>{project.budgetNames ?? t.empty}</dd>
        </div>
        <div>
          <dt>{h.evaluatedYears}</dt>
          <dd>{evaluatedYears(years, locale, t)}</dd>
        </div>
      </dl>
    </section>
  );
}

/** `令和2年度 (2020) 〜 令和6年度 (2024)（5年度）`, or the years one by one when some are missing. */
function evaluatedYears(years: number[], locale: Locale, t: SheetText): string {
  if (years.length === 0) return t.empty;
  const first = years[0]!;
  const last = years.at(-1)!;
  if (years.length === 1) return formatYearIn(first, locale);
  if (last - first + 1 === years.length) return `${formatYearIn(first, locale)} 〜 ${formatYearIn(last, locale)}${t.header.yearCount(years.length)}`;
  return years.map((y) => formatYearIn(y, locale)).join(locale === 'en' ? ', ' : '、');
}
