'use client';

/**
 * 100 % stacked horizontal bars: one row per group (まちづくり目標), one segment per category
 * (a rating grade, or not rated), each segment a link to the projects behind it. Shares,
 * counts, links and tooltips are prepared on the server; drawn there as SVG (./svg.tsx).
 */
import { useDomId } from '../dom-id';
import type { Texture } from './palette';
import { AXIS, CategoryLabels, Frame, MarkLink, pct } from './svg';

export interface StackSeries {
  key: string;
  colour: string;
  /** Drawn over the colour, so segments differ without colour too. */
  texture?: Texture;
}

/** White strokes over a segment's colour, one pattern per texture. */
function Textures({ prefix }: { prefix: string }) {
  const line = { stroke: '#fff', strokeWidth: 1.5, strokeOpacity: 0.85 };
  return (
    <defs>
      <pattern id={`${prefix}hatch`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={6} {...line} />
      </pattern>
      <pattern id={`${prefix}cross`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={6} {...line} />
        <line x1={0} y1={0} x2={6} y2={0} {...line} />
      </pattern>
      <pattern id={`${prefix}dots`} width={5} height={5} patternUnits="userSpaceOnUse">
        <circle cx={2.5} cy={2.5} r={1.1} fill="#fff" fillOpacity={0.9} />
      </pattern>
    </defs>
  );
}

export interface StackRow {
  label: string;
  /** Per series key: share of the row in percent (0–100). */
  shares: Record<string, number>;
  hrefs: Record<string, string>;
  ariaLabels: Record<string, string>;
  /** First line is the title. */
  tooltip: string[];
}

const TICKS = [0, 25, 50, 75, 100];

export function StackedShareBars({ rows, series, name, labelWidth = 110 }: { rows: StackRow[]; series: StackSeries[]; name: string; labelWidth?: number }) {
  const height = rows.length * 34 + 30;
  const margin = { top: 0, right: 12, bottom: 30, left: 4 + labelWidth };
  const plotHeight = height - margin.top - margin.bottom;
  const band = plotHeight / Math.max(1, rows.length);
  const bar = Math.max(4, band - 10);
  const prefix = `${useDomId('tx')}-`;
  const labels = <CategoryLabels top={margin.top} width={labelWidth} height={plotHeight} band={band} labels={rows.map((r) => r.label)} fontSize={13} />;
  return (
    <Frame height={height} margin={margin} name={name} table={rows.map((r) => r.tooltip)} outside={labels}>
      <Textures prefix={prefix} />
      <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS} />
      <line x1="0" x2="0" y1={0} y2={plotHeight} stroke={AXIS} />
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={pct(t / 100)} x2={pct(t / 100)} y1={plotHeight} y2={plotHeight + 6} stroke={AXIS} />
          <text x={pct(t / 100)} y={plotHeight + 8} dy="0.71em" textAnchor="middle" fontSize={11} className="axis-tick">
            {t}%
          </text>
        </g>
      ))}
      {rows.map((r, i) => {
        let start = 0;
        // The row's tooltip once on its group (its row of the chart's table), not on each segment.
        return (
          <g key={i} data-tip-row={i}>
            {series.map((s) => {
              const share = r.shares[s.key] ?? 0;
              const x = start;
              start += share;
              if (share <= 0) return null;
              const box = { x: pct(x / 100), y: band * i + (band - bar) / 2, width: pct(share / 100), height: bar };
              return (
                <MarkLink key={s.key} href={r.hrefs[s.key]} ariaLabel={r.ariaLabels[s.key] ?? r.label}>
                  <rect className="bar" {...box} fill={s.colour} stroke="#fff" strokeWidth={1} />
                  {s.texture && s.texture !== 'solid' && <rect {...box} fill={`url(#${prefix}${s.texture})`} />}
                </MarkLink>
              );
            })}
          </g>
        );
      })}
    </Frame>
  );
}
