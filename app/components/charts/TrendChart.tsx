'use client';

/**
 * One figure over the fiscal years: a line with a point per year, each point a link to that
 * year's view; the selected year drawn larger. Data prepared and drawn on the server (./svg.tsx).
 */
import { ACCENT } from './palette';
import { AXIS, Frame, GRID, INK, MarkLink, ValueAxis } from './svg';
import { formatTick, type ValueFormat } from './value-format';

export interface TrendPoint {
  label: string;
  /** Null where the figure is undefined that year (the line breaks). */
  value: number | null;
  href: string;
  ariaLabel: string;
  selected: boolean;
  /** First line is the title. */
  tooltip: string[];
}

/** Room left and right of the first and last year inside the plot. */
const PAD = 16;

export function TrendChart({
  points,
  format,
  reference,
  name,
  ticks,
}: {
  points: TrendPoint[];
  format: ValueFormat;
  reference?: number;
  name: string;
  /** Round values for the value axis (computed on the server); the axis spans them. */
  ticks?: number[];
}) {
  const height = 240;
  const margin = { top: 16, right: 24, bottom: 34, left: 80 };
  const plotHeight = height - margin.top - margin.bottom;
  const values = points.flatMap((p) => (p.value === null ? [] : [p.value]));
  const axisTicks = ticks ?? [Math.min(0, ...values), Math.max(1, ...values)];
  const lo = axisTicks[0]!;
  const hi = axisTicks[axisTicks.length - 1]!;
  const y = (v: number) => plotHeight * (1 - (v - lo) / (hi - lo || 1));
  // x in the inset layer (PAD from the axes on both sides), in percent of its width.
  const x = (i: number) => `${points.length > 1 ? (i / (points.length - 1)) * 100 : 50}%`;
  const axis = <ValueAxis top={margin.top} width={margin.left} height={plotHeight} ticks={axisTicks} y={y} label={(t) => formatTick(format, t)} />;
  // The years, the line and its points, inset from the axes.
  const line = (
    <>
      {points.map((p, i) => (
        <g key={`x${i}`}>
          <line x1={x(i)} x2={x(i)} y1={plotHeight} y2={plotHeight + 6} stroke={AXIS} />
          <text x={x(i)} y={plotHeight + 8} dy="0.71em" textAnchor="middle" fontSize={13} className="axis-tick">
            {p.label}
          </text>
        </g>
      ))}
      {points.slice(1).map((p, i) => {
        const before = points[i]!;
        if (p.value === null || before.value === null) return null;
        return <line key={`l${i}`} x1={x(i)} x2={x(i + 1)} y1={y(before.value)} y2={y(p.value)} stroke={ACCENT} strokeWidth={3} strokeLinecap="round" />;
      })}
      {points.map((p, i) =>
        p.value === null ? null : (
          <MarkLink key={`p${i}`} href={p.href} ariaLabel={p.ariaLabel} tipRow={i}>
            {/* A generous invisible target around the visible dot. */}
            <circle cx={x(i)} cy={y(p.value)} r={14} fill="transparent" />
            <circle cx={x(i)} cy={y(p.value)} r={p.selected ? 8 : 5} fill={p.selected ? ACCENT : '#fff'} stroke={ACCENT} strokeWidth={3} />
          </MarkLink>
        ),
      )}
    </>
  );
  return (
    <Frame height={height} margin={margin} name={name} table={points.map((p) => p.tooltip)} outside={axis} inset={{ by: PAD, content: line }}>
      {axisTicks.map((t, i) => (
        <line key={i} x1="0" x2="100%" y1={y(t)} y2={y(t)} stroke={GRID} />
      ))}
      <line x1="0" x2="0" y1={0} y2={plotHeight} stroke={AXIS} />
      <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS} />
      {reference !== undefined && reference >= lo && reference <= hi && (
        <line x1="0" x2="100%" y1={y(reference)} y2={y(reference)} stroke={INK} strokeDasharray="4 3" />
      )}
    </Frame>
  );
}
