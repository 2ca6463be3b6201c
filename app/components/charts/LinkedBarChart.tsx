'use client';

/**
 * Bars, each one a link to the view behind it (an SVG anchor, so it works with the keyboard, a
 * middle click and without click handlers). Rows of horizontal bars for the まちづくり目標 and a
 * policy node's children; columns for the attainment histogram. Data arrives ready from the
 * server, tooltips and value labels already written in the reader's language.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Rectangle, ReferenceLine, Tooltip, XAxis, YAxis, type BarShapeProps } from 'recharts';
import { CategoryTick, ColumnTick } from './CategoryTick';
import { ACCENT } from './palette';
import { useNarrowScreen } from './use-narrow-screen';
import { TooltipLines, type WithTooltip } from './TooltipLines';
import { formatTick, type ValueFormat } from './value-format';

export interface LinkedBar extends WithTooltip {
  /** Axis label: short. */
  label: string;
  value: number;
  /** Printed at the end of the bar. */
  valueText?: string;
  /** Where the bar leads; no link without it. */
  href?: string;
  /** What a screen reader announces for the link. */
  ariaLabel: string;
  colour?: string;
}

export function LinkedBarChart({
  data,
  format,
  orientation = 'rows',
  reference,
  labelWidth = 150,
  height,
  ticks,
  name,
}: {
  data: LinkedBar[];
  format: ValueFormat;
  /** `rows`: one horizontal bar per row (labels on the left); `columns`: vertical bars. */
  orientation?: 'rows' | 'columns';
  /** A line across the value axis at this value (e.g. 1 = 100 % attainment). */
  reference?: number;
  /** Room for the row labels, in pixels (at most 40 % of the chart on a phone); longer labels are cut with `…`. */
  labelWidth?: number;
  height?: number;
  /** Round values for the value axis, computed on the server. */
  ticks?: number[];
  /** What the bars measure, for the chart's accessible name. */
  name: string;
}) {
  const rows = orientation === 'rows';
  const narrow = useNarrowScreen();
  const labelRoom = narrow ? Math.min(labelWidth, 132) : labelWidth;
  // A phone has room for every other tick label of the value axis.
  const valueTicks = narrow && ticks && ticks.length > 3 ? ticks.filter((_, i) => i % 2 === 0 || i === ticks.length - 1) : ticks;
  const valueAxis = { type: 'number' as const, tickFormatter: (v: number) => formatTick(format, v), fontSize: 12, domain: (ticks ? [0, ticks[ticks.length - 1]!] : [0, 'auto']) as [number, number | 'auto'], ticks: valueTicks, interval: 0 as const };
  const categoryAxis = { type: 'category' as const, dataKey: 'label', fontSize: 14, interval: 0 };
  return (
    <BarChart
      responsive
      data={data}
      layout={rows ? 'vertical' : 'horizontal'}
      margin={rows ? { top: 4, right: 64, bottom: 4, left: 4 } : { top: 24, right: 8, bottom: 4, left: 4 }}
      style={{ width: '100%', height: height ?? (rows ? Math.max(160, data.length * 44 + 36) : 280) }}
      accessibilityLayer
      role="img"
      aria-label={name}
    >
      <CartesianGrid horizontal={!rows} vertical={rows} stroke="#e3e7ed" />
      {rows ? (
        <>
          <XAxis {...valueAxis} />
          <YAxis {...categoryAxis} width={labelRoom} tick={<CategoryTick fontSize={narrow ? 13 : 14} maxWidth={labelRoom - 8} />} />
        </>
      ) : (
        <>
          <XAxis {...categoryAxis} tick={<ColumnTick fontSize={13} />} height={44} />
          <YAxis {...valueAxis} width={48} allowDecimals={false} />
        </>
      )}
      <Tooltip content={TooltipLines} cursor={{ fill: 'rgba(31, 95, 168, 0.08)' }} />
      {reference !== undefined &&
        (rows ? (
          <ReferenceLine x={reference} stroke="#1c2430" strokeDasharray="4 3" />
        ) : (
          <ReferenceLine y={reference} stroke="#1c2430" strokeDasharray="4 3" />
        ))}
      <Bar dataKey="value" isAnimationActive={false} shape={(props: BarShapeProps) => <BarLink {...props} />}>
        <LabelList dataKey="valueText" position={rows ? 'right' : 'top'} fontSize={13} fill="#1c2430" />
      </Bar>
    </BarChart>
  );
}

function BarLink(props: BarShapeProps) {
  const item = props.payload as LinkedBar;
  const rect = <Rectangle x={props.x} y={props.y} width={props.width} height={props.height} fill={item.colour ?? ACCENT} />;
  if (!item.href) return rect;
  return (
    <a href={item.href} aria-label={item.ariaLabel} className="chart-link">
      {rect}
    </a>
  );
}

