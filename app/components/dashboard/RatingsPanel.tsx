/** Rating distributions: every criterion over the scope, and one criterion by the level below. */
import { BAND_LABELS, gradeText } from '@/db/domain/rating-scheme';
import { BAND_COLOURS, BAND_TEXTURES } from '@/app/components/charts/palette';
import { StackedShareBars, type StackRow, type StackSeries } from '@/app/components/charts/StackedShareBars';
import { formatCount, formatPercent } from '@/app/lib/format';
import { COMMON, pick } from '@/app/lib/i18n';
import type { RatingCounts, RatingCriterionInfo } from '@/db/queries/overview';
import type { ChildFigures } from '@/db/queries/policies';
import { cityYearHref } from './scope-params';
import { DASHBOARD_TEXT } from './text';
import { Panel } from './Panel';
import { childFullName, childLabel, childLevelOf, type DashboardData, type DashboardScope } from './dashboard-scope';

const NOT_RATED = 'none';

export async function RatingDistributions({ scope, data }: { scope: DashboardScope; data: DashboardData }) {
  const [kpis, children, ratings] = await Promise.all([data.kpis, data.children, data.ratings]);
  const t = pick(DASHBOARD_TEXT, scope.locale);
  const common = pick(COMMON, scope.locale);
  const childLevel = childLevelOf(scope, t);
  const { criteria, groups } = ratings;
  if (criteria.length === 0) return null;
  const { state } = scope;
  // The whole scope first, then each group with evaluations this year.
  const total = {
    label: t.ratingsTotal,
    full: t.ratingsTotal,
    total: kpis.projectCount,
    path: scope.policyPath,
    byCriterion: sumCounts(
      criteria,
      groups.map((g) => g.byCriterion),
    ),
  };
  // A 施策 has no level below: its projects are one group, the same as the total.
  const leaf = children.length === 0;
  // One per scope: the briefing pack shows the overview's and every goal's on one page.
  const switchId = scope.policyPath === null ? 'rating-criteria' : `rating-criteria-${scope.policyPath}`;
  const title = leaf ? t.ratingsPlain : t.ratings(t.childrenOf(childLevel));
  const rows = [
    total,
    ...groups
      .filter((g) => g.total > 0 && !leaf)
      .map((g) => {
        const child = { node: g.node } as ChildFigures;
        // Projects outside the tree, or directly on the node, have no policy filter of their own.
        return {
          label: childLabel(child, scope, t),
          full: childFullName(child, scope, t),
          total: g.total,
          path: g.node ? g.node.path : undefined,
          byCriterion: g.byCriterion,
        };
      }),
  ];
  const label = (x: { labelJa: string; labelEn: string }) => (scope.locale === 'ja' ? x.labelJa : x.labelEn);
  const seriesOf = (c: RatingCriterionInfo): StackSeries[] => [
    ...c.grades.map((g) => ({ key: g.code, colour: BAND_COLOURS[g.band], texture: BAND_TEXTURES[g.band] })),
    { key: NOT_RATED, colour: BAND_COLOURS.not_rated, texture: BAND_TEXTURES.not_rated },
  ];
  const chartRow = (r: (typeof rows)[number], c: RatingCriterionInfo, rowLabel: string, prefix = ''): StackRow => {
    const counts = r.byCriterion[c.key] ?? { byGrade: {}, notRated: 0 };
    const entries = [
      ...c.grades.map((g) => ({ key: g.code, name: gradeText(g, scope.locale), n: counts.byGrade[g.code] ?? 0 })),
      { key: NOT_RATED, name: common.notRated, n: counts.notRated },
    ];
    const of = (n: number) => (r.total ? n / r.total : 0);
    return {
      label: rowLabel,
      shares: Object.fromEntries(entries.map((e) => [prefix + e.key, of(e.n) * 100])),
      hrefs: Object.fromEntries(
        entries
          .filter((e) => e.n > 0 && r.path !== undefined)
          .map((e) => [prefix + e.key, cityYearHref('/projects', state, { policy: r.path ?? undefined, rating: `${c.key}:${e.key}` })]),
      ),
      ariaLabels: Object.fromEntries(entries.map((e) => [prefix + e.key, t.ratingLink(r.full, label(c), e.name, formatCount(e.n))])),
      tooltip: [`${r.full} — ${label(c)}`, ...entries.map((e) => `${e.name}: ${t.share(formatCount(e.n), formatPercent(of(e.n)))}`)],
    };
  };
  // Every criterion for the scope as a whole in one chart; one criterion by the level below on
  // request (`?criterion=`): eight criteria by nine goals, each segment a link, weighed 200 kB.
  const overallSeries = criteria.flatMap((c) => seriesOf(c).map((s) => ({ ...s, key: `${c.key}:${s.key}` })));
  const overallRows = criteria.map((c) => chartRow(total, c, label(c), `${c.key}:`));
  const bands = [...new Set(criteria.flatMap((c) => c.grades.map((g) => g.band)))];
  const selected = leaf ? undefined : criteria.find((c) => c.key === scope.ratingCriterion);
  const basePath = scope.basePath;
  return (
    <Panel name="ratings" title={title}>
      <p className="caption">{t.ratingsCaption}</p>
      <figure className="rating-chart" data-testid="ratings-overall">
        <figcaption>
          <strong>{t.ratingsAllCriteria(t.ratingsTotal)}</strong>
          <ul className="legend">
            {[...bands.map((b) => ({ key: b, name: BAND_LABELS[b][scope.locale] })), { key: 'not_rated' as const, name: common.notRated }].map((b) => (
              <li key={b.key}>
                <span className={`swatch texture-${BAND_TEXTURES[b.key]}`} style={{ backgroundColor: BAND_COLOURS[b.key] }} />
                {b.name}
              </li>
            ))}
          </ul>
        </figcaption>
        <div className="chart">
          <StackedShareBars rows={overallRows} series={overallSeries} name={`${title}: ${t.ratingsTotal}`} labelWidth={172} />
        </div>
      </figure>
      {!leaf && (
        <nav className="criterion-switch" id={switchId} aria-label={t.ratingsByCriterion}>
          {criteria.map((c) => (
            <a
              key={c.key}
              href={`${cityYearHref(basePath, state, { criterion: c.key })}#${switchId}`}
              aria-current={c.key === selected?.key ? 'true' : undefined}
            >
              {label(c)}
            </a>
          ))}
        </nav>
      )}
      {selected && (
        <figure className="rating-chart" data-testid={`ratings-${selected.key}`}>
          <figcaption>
            <strong>{label(selected)}</strong>
            <ul className="legend">
              {seriesOf(selected).map((s) => {
                const grade = selected.grades.find((g) => g.code === s.key);
                return (
                  <li key={s.key}>
                    <span className={`swatch texture-${s.texture}`} style={{ backgroundColor: s.colour }} />
                    {grade ? gradeText(grade, scope.locale) : common.notRated}
                  </li>
                );
              })}
            </ul>
          </figcaption>
          <div className="chart">
            <StackedShareBars
              rows={rows.map((r) => chartRow(r, selected, r.label))}
              series={seriesOf(selected)}
              name={`${title}: ${label(selected)}`}
              labelWidth={scope.policyPath === null ? 124 : 172}
            />
          </div>
        </figure>
      )}
    </Panel>
  );
}

function sumCounts(criteria: RatingCriterionInfo[], all: Record<string, RatingCounts>[]): Record<string, RatingCounts> {
  return Object.fromEntries(
    criteria.map((c) => {
      const byGrade = Object.fromEntries(c.grades.map((g) => [g.code, all.reduce((n, x) => n + (x[c.key]?.byGrade[g.code] ?? 0), 0)]));
      return [c.key, { byGrade, notRated: all.reduce((n, x) => n + (x[c.key]?.notRated ?? 0), 0) }];
    }),
  );
}
