'use client';

/**
 * One figure over the fiscal years: a line with a point per year, each point a link to that
 * year's view; the selected year drawn larger. Data prepared on the server.
 */
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ACCENT } from './palette';
import { TooltipLines, type WithTooltip } from './TooltipLines';
import { formatTick, type ValueFormat } from './value-format';

export interface TrendPoint extends WithTooltip {
  label: string;
  /** Null where the figure is undefined that year (the line breaks). */
  value: number | null;
  href: string;
  ariaLabel: string;
  selected: boolean;
}

interface DotProps {
  cx?: number;
  cy?: number;
  payload?: TrendPoint;
  index?: number;
}

export function TrendChart({
  points,
  format,
  reference,
  name,
  zeroBased = true,
  ticks,
}: {
  points: TrendPoint[];
  format: ValueFormat;
  reference?: number;
  name: string;
  /** Start the value axis at zero (amounts); otherwise fit the data (ratios around 100 %). */
  zeroBased?: boolean;
  /** Round values for the value axis (computed on the server); the axis spans them. */
  ticks?: number[];
}) {
  return (
    <LineChart
      responsive
      data={points}
      margin={{ top: 16, right: 24, bottom: 4, left: 8 }}
      style={{ width: '100%', height: 240 }}
      accessibilityLayer
      role="img"
      aria-label={name}
    >
      <CartesianGrid vertical={false} stroke="#e3e7ed" />
      <XAxis dataKey="label" fontSize={13} interval={0} padding={{ left: 16, right: 16 }} />
      <YAxis
        tickFormatter={(v: number) => formatTick(format, v)}
        fontSize={12}
        width={72}
        domain={ticks ? [ticks[0]!, ticks[ticks.length - 1]!] : zeroBased ? [0, 'auto'] : ['auto', 'auto']}
        ticks={ticks}
        interval={0}
      />
      <Tooltip content={TooltipLines} />
      {reference !== undefined && <ReferenceLine y={reference} stroke="#1c2430" strokeDasharray="4 3" />}
      <Line
        dataKey="value"
        stroke={ACCENT}
        strokeWidth={3}
        isAnimationActive={false}
        connectNulls={false}
        dot={(props: DotProps) => <PointLink key={props.index} {...props} />}
        activeDot={false}
      />
    </LineChart>
  );
}

function PointLink({ cx, cy, payload }: DotProps) {
  if (cx === undefined || cy === undefined || !payload || payload.value === null) return <g />;
  return (
    <a href={payload.href} aria-label={payload.ariaLabel} className="chart-link">
      {/* A generous invisible target around the visible dot. */}
      <circle cx={cx} cy={cy} r={14} fill="transparent" />
      <circle cx={cx} cy={cy} r={payload.selected ? 8 : 5} fill={payload.selected ? ACCENT : '#fff'} stroke={ACCENT} strokeWidth={3} />
    </a>
  );
}
