'use client';

/**
 * 100 % stacked horizontal bars: one row per group (まちづくり目標), one segment per category
 * (a rating grade, or not rated), each segment a link to the projects behind it. Shares,
 * counts, links and tooltips are prepared on the server.
 */
import { Bar, BarChart, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { CategoryTick } from './CategoryTick';
import { useNarrowScreen } from './use-narrow-screen';
import { TooltipLines, type WithTooltip } from './TooltipLines';

export interface StackSeries {
  key: string;
  colour: string;
}

export interface StackRow extends WithTooltip {
  label: string;
  /** Per series key: share of the row in percent (0–100). */
  shares: Record<string, number>;
  hrefs: Record<string, string>;
  ariaLabels: Record<string, string>;
}

export function StackedShareBars({ rows, series, name, labelWidth = 110 }: { rows: StackRow[]; series: StackSeries[]; name: string; labelWidth?: number }) {
  const labelRoom = useNarrowScreen() ? Math.min(labelWidth, 124) : labelWidth;
  return (
    <BarChart
      responsive
      data={rows}
      layout="vertical"
      margin={{ top: 0, right: 12, bottom: 0, left: 4 }}
      style={{ width: '100%', height: rows.length * 34 + 30 }}
      barCategoryGap={5}
      accessibilityLayer
      role="img"
      aria-label={name}
    >
      <XAxis type="number" domain={[0, 100]} ticks={[0, 25, 50, 75, 100]} tickFormatter={(v: number) => `${v}%`} fontSize={11} />
      <YAxis type="category" dataKey="label" width={labelRoom} interval={0} tick={<CategoryTick fontSize={13} maxWidth={labelRoom - 8} />} />
      <Tooltip content={TooltipLines} cursor={{ fill: 'rgba(31, 95, 168, 0.08)' }} />
      {series.map((s) => (
        <Bar
          key={s.key}
          dataKey={(row: StackRow) => row.shares[s.key] ?? 0}
          stackId="share"
          isAnimationActive={false}
          shape={(props: BarShapeProps) => <Segment {...props} seriesKey={s.key} colour={s.colour} />}
        />
      ))}
    </BarChart>
  );
}

function Segment(props: BarShapeProps & { seriesKey: string; colour: string }) {
  const row = props.payload as StackRow;
  const href = row.hrefs[props.seriesKey];
  if (!props.width || props.width <= 0) return null;
  const rect = <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={props.colour} stroke="#fff" strokeWidth={1} />;
  if (!href) return rect;
  return (
    <a href={href} aria-label={row.ariaLabels[props.seriesKey]} className="chart-link">
      {rect}
    </a>
  );
}
