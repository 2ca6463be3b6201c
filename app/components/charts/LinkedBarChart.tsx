'use client';

/**
 * Bars, each one a link to the view behind it (an SVG anchor, so it works with the keyboard, a
 * middle click and without click handlers). Rows of horizontal bars for the まちづくり目標 and a
 * policy node's children; columns for the attainment histogram. Drawn on the server as SVG
 * (./svg.tsx); tooltips and value labels arrive written in the reader's language.
 */
import { ACCENT } from './palette';
import { AXIS, CategoryLabels, Frame, GRID, INK, MarkLink, pct, splitLabel, tickClass, ValueAxis } from './svg';
import { formatTick, type ValueFormat } from './value-format';

export interface LinkedBar {
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
  /** First line is the title. */
  tooltip: string[];
}

/** Round ticks from zero when the caller has none (counts: whole numbers). */
function defaultTicks(max: number): number[] {
  // One significant digit, rounded up: 237 → steps of 60 (0, 60, …, 240).
  const raw = Math.max(1, max) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, Math.ceil(raw / magnitude) * magnitude);
  const ticks = [0];
  while (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step);
  return ticks.length > 1 ? ticks : [0, step];
}

export function LinkedBarChart({
  data,
  format,
  orientation = 'rows',
  labelWidth = 150,
  height,
  ticks,
  name,
}: {
  data: LinkedBar[];
  format: ValueFormat;
  /** `rows`: one horizontal bar per row (labels on the left); `columns`: vertical bars. */
  orientation?: 'rows' | 'columns';
  /** Room for the row labels, in pixels; longer labels are cut with `…`. */
  labelWidth?: number;
  height?: number;
  /** Round values for the value axis, computed on the server. */
  ticks?: number[];
  /** What the bars measure, for the chart's accessible name. */
  name: string;
}) {
  const axisTicks = ticks ?? defaultTicks(Math.max(0, ...data.map((d) => d.value)));
  const max = axisTicks[axisTicks.length - 1]! || 1;
  return orientation === 'rows' ? (
    <Rows data={data} format={format} labelWidth={labelWidth} height={height ?? Math.max(160, data.length * 44 + 36)} ticks={axisTicks} max={max} name={name} />
  ) : (
    <Columns data={data} format={format} height={height ?? 280} ticks={axisTicks} max={max} name={name} />
  );
}

interface Layout {
  data: LinkedBar[];
  format: ValueFormat;
  height: number;
  ticks: number[];
  max: number;
  name: string;
}

function Rows({ data, format, labelWidth, height, ticks, max, name }: Layout & { labelWidth: number }) {
  const margin = { top: 4, right: 64, bottom: 34, left: 4 + labelWidth };
  const plotHeight = height - margin.top - margin.bottom;
  const band = plotHeight / Math.max(1, data.length);
  const bar = band * 0.8;
  const labels = <CategoryLabels top={margin.top} width={labelWidth} height={plotHeight} band={band} labels={data.map((d) => d.label)} fontSize={14} />;
  return (
    <Frame height={height} margin={margin} name={name} table={data.map((d) => d.tooltip)} outside={labels}>
      {ticks.map((t, i) => (
        <line key={`g${i}`} x1={pct(t / max)} x2={pct(t / max)} y1={0} y2={plotHeight} stroke={GRID} />
      ))}
      <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS} />
      <line x1="0" x2="0" y1={0} y2={plotHeight} stroke={AXIS} />
      {ticks.map((t, i) => (
        <g key={`t${i}`}>
          <line x1={pct(t / max)} x2={pct(t / max)} y1={plotHeight} y2={plotHeight + 6} stroke={AXIS} />
          <text x={pct(t / max)} y={plotHeight + 8} dy="0.71em" textAnchor="middle" fontSize={12} className={tickClass(i, ticks.length)}>
            {formatTick(format, t)}
          </text>
        </g>
      ))}
      {data.map((d, i) => (
        <g key={i}>
          <MarkLink href={d.href} ariaLabel={d.ariaLabel} tipRow={i}>
            <rect className="bar" x={0} y={band * i + (band - bar) / 2} width={pct(d.value / max)} height={bar} fill={d.colour ?? ACCENT} />
          </MarkLink>
          {d.valueText && (
            <text className="value-label" x={pct(d.value / max)} dx={5} y={band * (i + 0.5)} dy="0.35em" fontSize={13} fill={INK}>
              {d.valueText}
            </text>
          )}
        </g>
      ))}
    </Frame>
  );
}

function Columns({ data, format, height, ticks, max, name }: Layout) {
  const margin = { top: 24, right: 8, bottom: 48, left: 52 };
  const plotHeight = height - margin.top - margin.bottom;
  const n = Math.max(1, data.length);
  const y = (v: number) => plotHeight * (1 - v / max);
  const axis = <ValueAxis top={margin.top} width={margin.left} height={plotHeight} ticks={ticks} y={y} label={(t) => formatTick(format, t)} />;
  return (
    <Frame height={height} margin={margin} name={name} table={data.map((d) => d.tooltip)} outside={axis}>
      {ticks.map((t, i) => (
        <line key={`g${i}`} x1="0" x2="100%" y1={y(t)} y2={y(t)} stroke={GRID} />
      ))}
      <line x1="0" x2="0" y1={0} y2={plotHeight} stroke={AXIS} />
      <line x1="0" x2="100%" y1={plotHeight} y2={plotHeight} stroke={AXIS} />
      {data.map((d, i) => {
        const centre = pct((i + 0.5) / n);
        const lines = splitLabel(d.label);
        return (
          <g key={i}>
            <MarkLink href={d.href} ariaLabel={d.ariaLabel} tipRow={i}>
              <rect className="bar" x={pct((i + 0.1) / n)} y={y(d.value)} width={pct(0.8 / n)} height={plotHeight - y(d.value)} fill={d.colour ?? ACCENT} />
            </MarkLink>
            {d.valueText && (
              <text className="value-label" x={centre} y={y(d.value) - 5} textAnchor="middle" fontSize={13} fill={INK}>
                {d.valueText}
              </text>
            )}
            <line x1={centre} x2={centre} y1={plotHeight} y2={plotHeight + 6} stroke={AXIS} />
            <text
              x={centre}
              y={plotHeight + 10}
              dy="0.9em"
              textAnchor="middle"
              fontSize={13}
              fill={INK}
              className={`category-tick${lines.length > 1 ? ' wide-only' : ''}`}
            >
              {d.label}
            </text>
            {lines.length > 1 && (
              <text x={centre} y={plotHeight + 10} textAnchor="middle" fontSize={13} fill={INK} className="category-tick-narrow narrow-only">
                {lines.map((line, j) => (
                  <tspan key={j} x={centre} dy={j === 0 ? '0.9em' : '1.15em'}>
                    {line}
                  </tspan>
                ))}
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}
