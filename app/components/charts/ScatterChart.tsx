'use client';

/** The scatter of ./CostAttainmentScatter drawn from its prepared paths (SVG on the server, ./svg.tsx). */
import type { ReactNode } from 'react';
import { scatterScales, SCATTER_VIEW_WIDTH, type ScatterYScale } from './scatter-marks';
import { ScatterPicker } from './ScatterPicker';
import { AXIS, Frame, GRID, INK, pct } from './svg';
import { formatTick } from './value-format';

export interface ScatterMarks {
  key: string;
  name: string;
  colour: string;
  /** The points as a path of dots (scatter-marks.ts `dotsPath`), and their codes in its order. */
  d: string;
  codes: string;
}

const LABEL = '#5b6675';
const DOT = 9;

export function ScatterChart({
  marks,
  xTicks,
  name,
  axisNames,
  links,
  alternative,
  yScale,
  height,
}: {
  marks: ScatterMarks[];
  xTicks: number[];
  name: string;
  axisNames: { x: string; y: string };
  links: { hrefPrefix: string; hrefSuffix: string; hint: string };
  alternative: ReactNode;
  yScale: ScatterYScale;
  height: number;
}) {
  const { margin, plotHeight, fraction, y, yTicks } = scatterScales(height, xTicks, yScale);
  const x = (v: number) => pct(fraction(v));
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
          viewBox={`0 0 ${SCATTER_VIEW_WIDTH} ${plotHeight}`}
          preserveAspectRatio="none"
          overflow="visible"
          aria-hidden="true"
          className="scatter-points"
        >
          {marks.map((s) => (
            <path
              key={s.key}
              d={s.d}
              data-codes={s.codes}
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
