/**
 * The project sheet (事務事業評価シート) for one project, every evaluated fiscal year at once,
 * in the sheet's own PDCA order: header, Plan, Do (costs), Check (indicators, ratings), Action.
 * `?municipality=CODE` picks the city when several share the project code (default: the first).
 */
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { formatYearIn } from '@/app/lib/format';
import { getLocale, pick } from '@/app/lib/i18n';
import { href, param, type SearchParams } from '@/app/lib/search-params';
import { getDb } from '@/db/client';
import { findProject, getIndicatorYears, getProjectYears, getRatingYears, getSheetHeader, listProjectMunicipalities } from '@/db/queries/project-sheet';
import { listRatingCriteria } from '@/db/queries/projects';
import { getSimilarProjects } from '@/db/queries/compare';
import { getExplanations } from '@/db/queries/explain';
import { projectAttainment } from '@/db/domain/metrics';
import { ActionSection } from './action-section';
import { CheckSection } from './check-section';
import { DoSection } from './do-section';
import { SheetHeaderSection } from './header-section';
import { PlanSection } from './plan-section';
import { SimilarSection } from './similar-section';
import { SHEET_TEXT } from './text';
import '@/app/styles/projects.css';

export default async function ProjectSheetPage({ params, searchParams }: { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> }) {
  await connection();
  const locale = await getLocale();
  const t = pick(SHEET_TEXT, locale);
  const code = safeDecode((await params).code);
  const db = await getDb();
  const municipalities = await listProjectMunicipalities(db, code);
  const requested = param(await searchParams, 'municipality');
  const municipality = municipalities.find((m) => m.code === requested) ?? municipalities[0];
  const project = municipality ? await findProject(db, municipality.code, code) : null;
  if (!municipality || !project) notFound();

  const [header, years, indicatorYears, ratingYears, criteria, similar] = await Promise.all([
    getSheetHeader(db, project.id),
    getProjectYears(db, project.id),
    getIndicatorYears(db, project.id),
    getRatingYears(db, project.id),
    listRatingCriteria(db, municipality.id),
    getSimilarProjects(db, municipality.id, project.code),
  ]);
  if (!header) notFound();
  const newestYear = years.at(-1)?.fiscalYear;
  const newest = years.at(-1);
  const own = {
    municipalityName: municipality.name,
    totalCost: newest?.totalCost ?? null,
    costPerCitizen: newest?.costPerCitizen ?? null,
    attainment: projectAttainment(indicatorYears.filter((i) => i.fiscalYear === newestYear).map((i) => i.attainment)),
  };
  const explanation = newestYear === undefined ? undefined : (await getExplanations(db, municipality.id, newestYear, [project.code], locale)).get(project.code);
  const deepest = header.policy.at(-1);
  const compareHref =
    deepest && deepest.level > 0 && newestYear !== undefined
      ? href('/compare', { municipality: municipality.code, year: String(newestYear), policy: deepest.path })
      : null;
  const backToList = href('/projects', { municipality: municipality.code, year: newestYear === undefined ? undefined : String(newestYear) });

  return (
    <article className="project-sheet" data-testid="project-sheet">
      <nav className="sheet-tools" aria-label={t.sections}>
        <a href={backToList}>{t.back}</a>
        <span className="sheet-toc">
          <a href="#plan">Plan</a>
          <a href="#do">Do</a>
          <a href="#check">Check</a>
          <a href="#action">Action</a>
        </span>
        {municipalities.length > 1 && (
          <span className="other-municipalities">
            {t.otherMunicipalities}{' '}
            {municipalities
              .filter((m) => m.code !== municipality.code)
              .map((m) => (
                <a key={m.code} href={href(`/projects/${encodeURIComponent(code)}`, { municipality: m.code })}>
                  {m.name}
                </a>
              ))}
          </span>
        )}
      </nav>

      <p className="sheet-kind">
        {t.sheetTitle} ・ {municipality.name}
      </p>
      <h1 className="sheet-title">
        <span className="sheet-code">{project.code}</span> {project.name}
      </h1>
      {explanation && newestYear !== undefined && (
        <p className="sheet-explain" data-testid="project-explanation">
          <span className="sheet-explain-year">{formatYearIn(newestYear, locale)}</span> {explanation}
        </p>
      )}

      <SheetHeaderSection project={project} header={header} years={years.map((y) => y.fiscalYear)} locale={locale} t={t} />
      <PlanSection project={project} t={t} />
      <DoSection years={years} locale={locale} t={t} />
      <CheckSection
        indicatorYears={indicatorYears}
        ratingYears={ratingYears}
        criteria={criteria}
        fiscalYears={years.map((y) => y.fiscalYear)}
        locale={locale}
        t={t}
      />
      <ActionSection years={years} locale={locale} t={t} />
      <SimilarSection similar={similar} own={own} compareHref={compareHref} locale={locale} />
    </article>
  );
}

/** Route parameters may arrive percent-encoded (e.g. a code with Japanese characters). */
function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
