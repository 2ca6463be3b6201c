/**
 * Cost versus attainment, one point per project: total cost on a log axis (projects range from
 * tens of 千円 to billions of yen), attainment with the 100 % target line, colour by
 * まちづくり目標. Each point links to the project's sheet. Drawn on the server (./svg.tsx).
 */
import { AXIS, Frame, GRID, INK, MarkLink, pct } from './svg';
import { formatTick } from './value-format';

export interface ScatterDot {
  /** Total cost, 千円 (> 0). */
  x: number;
  /** Attainment ratio (capped at 2). */
  y: number;
  href: string;
  ariaLabel: string;
  /** First line is the title. */
  tooltip: string[];
}

export interface ScatterSeries {
  key: string;
  name: string;
  colour: string;
  points: ScatterDot[];
}

const Y_TICKS = [0, 0.5, 1, 1.5, 2];
const LABEL = '#5b6675';

export function CostAttainmentScatter({
  series,
  xTicks,
  name,
  axisNames,
  height = 460,
}: {
  series: ScatterSeries[];
  xTicks: number[];
  name: string;
  axisNames: { x: string; y: string };
  height?: number;
}) {
  const margin = { top: 12, right: 24, bottom: 58, left: 72 };
  const plotHeight = height - margin.top - margin.bottom;
  const lo = Math.log10(xTicks[0]!);
  const hi = Math.log10(xTicks[xTicks.length - 1]!);
  const x = (v: number) => pct((Math.log10(v) - lo) / (hi - lo || 1));
  const y = (v: number) => plotHeight * (1 - Math.max(0, Math.min(2, v)) / 2);
  const axis = (
    <svg x={0} y={margin.top} width={margin.left} height={plotHeight} overflow="visible">
      <text x={14} y={plotHeight / 2} transform={`rotate(-90 14 ${plotHeight / 2})`} textAnchor="middle" fontSize={12} fill={LABEL}>
        {axisNames.y}
      </text>
      {Y_TICKS.map((t) => (
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
    <Frame height={height} margin={margin} name={name} table={series.flatMap((s) => s.points.map((p) => p.tooltip))} outside={axis}>
      {Y_TICKS.map((t) => (
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
      <line x1="0" x2="100%" y1={y(1)} y2={y(1)} stroke={INK} strokeDasharray="5 3" />
      {series.map((s) => (
        <g key={s.key}>
          {s.points.map((p, i) => (
            <MarkLink key={i} href={p.href} ariaLabel={p.ariaLabel} tip={p.tooltip}>
              <circle cx={x(p.x)} cy={y(p.y)} r={5} fill={s.colour} fillOpacity={0.78} stroke="#fff" strokeWidth={0.8} />
            </MarkLink>
          ))}
        </g>
      ))}
    </Frame>
  );
}
