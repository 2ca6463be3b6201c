'use client';

/**
 * Cost versus attainment, one point per project: total cost on a log axis (projects range from
 * tens of 千円 to billions of yen), attainment with the 100 % target line, colour by
 * まちづくり目標. Each point links to the project's sheet. Data prepared on the server.
 */
import { CartesianGrid, ReferenceLine, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { TooltipLines, type WithTooltip } from './TooltipLines';
import { formatTick } from './value-format';

export interface ScatterDot extends WithTooltip {
  /** Total cost, 千円 (> 0). */
  x: number;
  /** Attainment ratio (capped at 2). */
  y: number;
  href: string;
  ariaLabel: string;
}

export interface ScatterSeries {
  key: string;
  name: string;
  colour: string;
  points: ScatterDot[];
}

interface ShapeProps {
  cx?: number;
  cy?: number;
  payload?: ScatterDot;
}

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
  return (
    <ScatterChart
      responsive
      margin={{ top: 12, right: 24, bottom: 24, left: 8 }}
      style={{ width: '100%', height }}
      accessibilityLayer
      role="img"
      aria-label={name}
    >
      <CartesianGrid stroke="#e3e7ed" />
      <XAxis
        type="number"
        dataKey="x"
        scale="log"
        domain={[xTicks[0]!, xTicks[xTicks.length - 1]!]}
        ticks={xTicks}
        allowDataOverflow
        tickFormatter={(v: number) => formatTick('thousandYenShort', v)}
        fontSize={12}
        label={{ value: axisNames.x, position: 'insideBottom', offset: -16, fontSize: 12, fill: '#5b6675' }}
      />
      <YAxis
        type="number"
        dataKey="y"
        domain={[0, 2]}
        ticks={[0, 0.5, 1, 1.5, 2]}
        tickFormatter={(v: number) => formatTick('percent', v)}
        fontSize={12}
        width={64}
        label={{ value: axisNames.y, angle: -90, position: 'insideLeft', offset: 4, fontSize: 12, fill: '#5b6675', style: { textAnchor: 'middle' } }}
      />
      <ZAxis range={[40, 40]} />
      <Tooltip content={TooltipLines} cursor={{ strokeDasharray: '3 3' }} />
      <ReferenceLine y={1} stroke="#1c2430" strokeDasharray="5 3" />
      {series.map((s) => (
        <Scatter
          key={s.key}
          name={s.name}
          data={s.points}
          isAnimationActive={false}
          shape={(props: ShapeProps) => <PointLink {...props} colour={s.colour} />}
        />
      ))}
    </ScatterChart>
  );
}

function PointLink({ cx, cy, payload, colour }: ShapeProps & { colour: string }) {
  if (cx === undefined || cy === undefined || !payload) return <g />;
  return (
    <a href={payload.href} aria-label={payload.ariaLabel} className="chart-link">
      <circle cx={cx} cy={cy} r={5} fill={colour} fillOpacity={0.78} stroke="#fff" strokeWidth={0.8} />
    </a>
  );
}
