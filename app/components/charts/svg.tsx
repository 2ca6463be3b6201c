/**
 * Building blocks for charts drawn on the server as plain SVG (no chart library in the
 * browser). Why not Recharts here too: Recharts 3 renders nothing on the server (an empty
 * `recharts-wrapper` div; upstream recharts issue 5997), so the dashboards would lose their
 * charts at first paint, without JavaScript and on paper, and carry ≈140 kB more script.
 * tests/unit/recharts-server-render.test.ts checks this: when it fails, Recharts renders on
 * the server again and this decision is worth revisiting. Both kinds share ./palette.ts,
 * ./value-format.ts and the pages' text tables.
 * A chart is a fixed height and the full width of its box: the plot area is a nested
 * `<svg>` placed and sized with CSS `calc()` (SVG 2 geometry properties), and everything inside
 * it is positioned in percentages along the width and in pixels along the height, so the chart
 * fits any screen without JavaScript. Tooltips come from ChartTips: a mark's `data-tip-row` names
 * its row of the chart's table, whose cells are the tooltip's lines (the text is in the page once).
 */
import type { ReactNode } from 'react';
import { ChartTips } from './ChartTips';

import { AXIS, GRID, INK } from './palette';

export { AXIS, GRID, INK };

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/**
 * The chart's box and its layers: `outside` draws in the box's pixel coordinates (axis labels),
 * `children` in the plot area's, and `inset` in the plot area narrowed by that many pixels on
 * both sides (points that must not sit on the axes). Each layer is an `<svg>` placed by CSS, so
 * a percentage inside it is a share of its own width, whatever the screen.
 */
export function Frame({
  height,
  margin,
  name,
  table,
  alternative,
  outside,
  inset,
  children,
}: {
  height: number;
  margin: Margins;
  name: string;
  /** The chart as text for screen readers, one row per mark: its title, then its figures. */
  table?: string[][];
  /** Instead of the table, for a chart of too many marks to list (shown to everyone). */
  alternative?: ReactNode;
  outside?: ReactNode;
  inset?: { by: number; content: ReactNode };
  children: ReactNode;
}) {
  const plotHeight = height - margin.top - margin.bottom;
  const layer = (left: number, right: number) => ({ left, top: margin.top, width: `calc(100% - ${left + right}px)`, height: plotHeight });
  return (
    <ChartTips>
      {/* A group, not an image: its marks are links of their own, each named by its figures. */}
      {/* biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this groups a chart's links */}
      <div className="svg-chart" style={{ height }} role="group" aria-label={name}>
        {outside && (
          <svg className="svg-layer" style={{ left: 0, top: 0, width: '100%', height }} overflow="visible">
            {outside}
          </svg>
        )}
        <svg className="svg-layer" style={layer(margin.left, margin.right)} overflow="visible">
          {children}
        </svg>
        {inset && (
          <svg className="svg-layer" style={layer(margin.left + inset.by, margin.right + inset.by)} overflow="visible">
            {inset.content}
          </svg>
        )}
      </div>
      {alternative ?? <ChartTable name={name} rows={table ?? []} />}
    </ChartTips>
  );
}

/**
 * The chart's figures as a table only screen readers see (the marks stay the links). Hidden in a
 * box: a table grows to its content whatever its own width, and would widen a phone's page.
 */
function ChartTable({ name, rows }: { name: string; rows: string[][] }) {
  return (
    <div className="visually-hidden">
      <table>
        <caption>{name}</caption>
        <tbody>
          {rows.map(([head, ...cells], i) => (
            <tr key={i}>
              <th scope="row">{head}</th>
              {cells.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A percentage along the plot area's width (to a thousandth of a percent: finer is invisible and weighs). */
export const pct = (fraction: number) => `${Math.round(Math.max(0, Math.min(1, fraction)) * 100_000) / 1000}%`;

/** A link around a mark, announced by its label, with its tooltip: its row of the chart's table (none: an enclosing group's). */
export function MarkLink({ href, ariaLabel, tipRow, children }: { href?: string; ariaLabel: string; tipRow?: number; children: ReactNode }) {
  if (!href) {
    return (
      // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG group is not interactive; a mark without a link is an image with its figures as name
      <g data-tip-row={tipRow} aria-label={ariaLabel} role="img">
        {children}
      </g>
    );
  }
  return (
    <a href={href} aria-label={ariaLabel} className="chart-link" data-tip-row={tipRow}>
      {children}
    </a>
  );
}

/** Rough rendered width: full-width characters about one em, others about half. */
function textWidth(text: string, fontSize: number): number {
  return [...text].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 1 : 0.56), 0) * fontSize;
}

/** The label cut with `…` to fit `maxWidth` pixels (the full text stays in the tooltip). */
export function fitLabel(label: string, maxWidth: number, fontSize: number): string {
  if (textWidth(label, fontSize) <= maxWidth) return label;
  const chars = [...label];
  while (chars.length > 1 && textWidth(chars.join('') + '…', fontSize) > maxWidth) chars.pop();
  return chars.join('') + '…';
}

/**
 * A column label in two lines for narrow columns (a phone): after `〜`/`–`, before `以上`, or
 * in the middle of a word such as データなし.
 */
export function splitLabel(label: string): string[] {
  const at = label.search(/[〜–~-]/);
  if (at > 0) return [label.slice(0, at + 1), label.slice(at + 1)];
  const suffix = label.search(/(以上|未満|and over)$/);
  if (suffix > 0) return [label.slice(0, suffix).trim(), label.slice(suffix)];
  const chars = [...label];
  if (chars.length >= 4 && !label.includes(' '))
    return [chars.slice(0, Math.ceil(chars.length / 2)).join(''), chars.slice(Math.ceil(chars.length / 2)).join('')];
  return [label];
}

/** Value-axis tick labels: on a phone every other one is hidden (the last always shows). */
export function tickClass(i: number, count: number): string {
  return count > 3 && i % 2 === 1 && i !== count - 1 ? 'axis-tick tick-odd' : 'axis-tick';
}

/**
 * The value axis left of a plot (drawn outside the plot's frame): a tick mark and its label at
 * each value. `y` maps a value to a height within the plot; `width` is the left margin.
 */
export function ValueAxis({
  top,
  width,
  height,
  ticks,
  y,
  label,
}: {
  top: number;
  width: number;
  height: number;
  ticks: number[];
  y: (v: number) => number;
  label: (v: number) => string;
}) {
  return (
    <svg x={0} y={top} width={width} height={height} overflow="visible">
      {ticks.map((t, i) => (
        <g key={i}>
          <line x1={width - 6} x2={width} y1={y(t)} y2={y(t)} stroke={AXIS} />
          <text x={width - 8} y={y(t)} dy="0.35em" textAnchor="end" fontSize={12} className="axis-tick">
            {label(t)}
          </text>
        </g>
      ))}
    </svg>
  );
}

/** Category names, right-aligned in a column left of horizontal bars, one per band (cut to fit). */
export function CategoryLabels({
  top,
  width,
  height,
  band,
  labels,
  fontSize,
}: {
  top: number;
  width: number;
  height: number;
  band: number;
  labels: string[];
  fontSize: number;
}) {
  return (
    <svg x={4} y={top} width={width} height={height} overflow="visible">
      {labels.map((label, i) => (
        <text key={i} x={width - 8} y={band * (i + 0.5)} dy="0.35em" textAnchor="end" fontSize={fontSize} fill={INK} className="category-tick">
          {fitLabel(label, width - 8, fontSize)}
        </text>
      ))}
    </svg>
  );
}
