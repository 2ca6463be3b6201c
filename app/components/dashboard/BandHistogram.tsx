/**
 * Projects by band of the indicator measure (attainment, or the share of indicators improved on
 * the year before): one column per band, linked to the projects behind it where it has a link.
 */
import { LinkedBarChart, type LinkedBar } from '@/app/components/charts/LinkedBarChart';
import { formatCount, formatPercent } from '@/app/lib/format';
import { pick } from '@/app/lib/i18n';
import type { DashboardScope } from './dashboard-scope';
import { Panel } from './Panel';
import { DASHBOARD_TEXT } from './text';

export interface BandColumn {
  label: string;
  count: number;
  colour: string;
  /** The projects of the band; none for a band without projects or a measure without a filter. */
  href?: string;
  /** What a screen reader announces; by default the band, its count and share. */
  ariaLabel?: string;
}

export function BandHistogram({
  scope,
  title,
  caption,
  testId,
  projectCount,
  bands,
}: {
  scope: DashboardScope;
  title: string;
  caption: string;
  testId: string;
  /** Projects in the scope: what the shares divide. */
  projectCount: number;
  bands: BandColumn[];
}) {
  const t = pick(DASHBOARD_TEXT, scope.locale);
  return (
    <Panel name="histogram" title={title}>
      <p className="caption">{caption}</p>
      <div data-testid={testId} className="chart">
        <LinkedBarChart
          name={title}
          format="count"
          orientation="columns"
          height={260}
          data={bands.map((b): LinkedBar => {
            const share = t.share(formatCount(b.count), formatPercent(projectCount ? b.count / projectCount : null));
            return {
              label: b.label,
              value: b.count,
              valueText: formatCount(b.count),
              colour: b.colour,
              href: b.href,
              ariaLabel: b.ariaLabel ?? `${b.label}: ${share}`,
              tooltip: [b.label, share, ...(b.href ? [t.tooltipGoTo] : [])],
            };
          })}
        />
      </div>
    </Panel>
  );
}
