/**
 * Cost versus attainment, one point per project: total cost on a log axis (projects range from
 * tens of 千円 to billions of yen), attainment with the 100 % target line, colour by
 * まちづくり目標. Drawn on the server (./svg.tsx) as one light path per series, a dot per
 * project (`M x y h0` with round caps), not a link each: a city's thousands of projects stay a
 * few kB. ./ScatterPicker opens the project under the pointer; the text alternative is the
 * caller's (a summary and a link to the same projects as a list).
 */
import type { ReactNode } from 'react';
import { codesAttribute, dotsPath } from './scatter-marks';
import { ScatterPicker } from './ScatterPicker';
import { AXIS, Frame, GRID, INK, pct } from './svg';
import { formatTick } from './value-format';

export interface ScatterDot {
  /** Total cost, 千円 (> 0). */
  x: number;
  /** Attainment ratio (capped at 2). */
  y: number;
  /** The project's code: its page is the picker's `hrefPrefix + code + hrefSuffix`. */
  code: string;
}

export interface ScatterSeries {
  key: string;
  name: string;
  colour: string;
  points: ScatterDot[];
}

const Y_TICKS = [0, 0.5, 1, 1.5, 2];
const LABEL = '#5b6675';
/** The dots' path runs in a box this wide (stretched to the plot's width); enough for sub-pixel places. */
const VIEW_WIDTH = 10_000;
const DOT = 9;

export function CostAttainmentScatter({
  series,
  xTicks,
  name,
  axisNames,
  links,
  alternative,
  yScale = { max: 2, reference: 1 },
  height = 460,
}: {
  series: ScatterSeries[];
  xTicks: number[];
  name: string;
  axisNames: { x: string; y: string };
  /** Where a click on a point leads, and the tooltip's hint saying so. */
  links: { hrefPrefix: string; hrefSuffix: string; hint: string };
  /** The chart in words for screen readers and keyboards (a summary and a link to the list). */
  alternative: ReactNode;
  /** The vertical axis: 0 to `max`, a dashed line at `reference` (attainment: 0–200 %, 100 %). */
  yScale?: { max: number; reference: number };
  height?: number;
}) {
  const margin = { top: 12, right: 24, bottom: 58, left: 72 };
  const plotHeight = height - margin.top - margin.bottom;
  const lo = Math.log10(xTicks[0]!);
  const hi = Math.log10(xTicks[xTicks.length - 1]!);
  const fraction = (v: number) => Math.max(0, Math.min(1, (Math.log10(v) - lo) / (hi - lo || 1)));
  const x = (v: number) => pct(fraction(v));
  const y = (v: number) => plotHeight * (1 - Math.max(0, Math.min(yScale.max, v)) / yScale.max);
  const yTicks = Y_TICKS.map((t) => (t * yScale.max) / 2);
  const axis = (
    <svg x={0} y={margin.top} width={margin.left} height={plotHeight} overflow="visible">
      <text x={14} y={plotHeight / 2} transform={`rotate(-90 14 ${plotHeight / 2})`} textAnchor="middle" fontSize={12} fill={LABEL}>
        {axisNames.y}
      </text>
      {yTicks.map((t) => (
        <g key={t}>
          <line x1={margin.left - 6} x2={margin.left} y1={y(t)} y2={y(t)} stroke={AXIS} />
          <text x={margin.left - 8} y={y(t)} dy="0.35em" textAnchor="end" fontSize={12} className="axis-tick">
            {formatTick('percent', t)}
          </text>
        </g>
      ))}
    </svg>
  );
  return (
    <ScatterPicker {...links}>
      <Frame height={height} margin={margin} name={name} alternative={alternative} outside={axis}>
        {yTicks.map((t) => (
          <line key={`gy${t}`} x1="0" x2="100%" y1={y(t)} y2={y(t)} stroke={GRID} />
        ))}
        {xTicks.map((t) => (
          <line key={`gx${t}`} x1={x(t)} x2={x(t)} y1={0} y2={plotHeight} stroke={GRID} />
        ))}
        <line x1="0" x2="0" y1={0} y2={plotHeight} stroke={AXIS} />
        <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS} />
        {xTicks.map((t) => (
          <g key={`x${t}`}>
            <line x1={x(t)} x2={x(t)} y1={plotHeight} y2={plotHeight + 6} stroke={AXIS} />
            <text x={x(t)} y={plotHeight + 8} dy="0.71em" textAnchor="middle" fontSize={12} className="axis-tick">
              {formatTick('thousandYenShort', t)}
            </text>
          </g>
        ))}
        <text x="50%" y={plotHeight + 42} textAnchor="middle" fontSize={12} fill={LABEL}>
          {axisNames.x}
        </text>
        <line x1="0" x2="100%" y1={y(yScale.reference)} y2={y(yScale.reference)} stroke={INK} strokeDasharray="5 3" />
        {/* Stretched to the plot's width; non-scaling strokes keep the dots round at any width. */}
        <svg
          data-scatter-points=""
          width="100%"
          height={plotHeight}
          viewBox={`0 0 ${VIEW_WIDTH} ${plotHeight}`}
          preserveAspectRatio="none"
          overflow="visible"
          aria-hidden="true"
          className="scatter-points"
        >
          {series.map((s) => (
            <path
              key={s.key}
              d={dotsPath(s.points.map((p) => ({ x: fraction(p.x) * VIEW_WIDTH, y: y(p.y) })))}
              data-codes={codesAttribute(s.points.map((p) => p.code))}
              data-series={s.name}
              stroke={s.colour}
              strokeOpacity={0.8}
              strokeWidth={DOT}
              strokeLinecap="round"
              fill="none"
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </svg>
      </Frame>
    </ScatterPicker>
  );
}
