/**
 * Building blocks for charts drawn on the server as plain SVG (no chart library in the
 * browser). A chart is a fixed height and the full width of its box: the plot area is a nested
 * `<svg>` placed and sized with CSS `calc()` (SVG 2 geometry properties), and everything inside
 * it is positioned in percentages along the width and in pixels along the height, so the chart
 * fits any screen without JavaScript. Tooltips come from ChartTips (the `data-tip` attribute).
 */
import type { ReactNode } from 'react';
import { ChartTips } from './ChartTips';

export const AXIS = '#666';
export const GRID = '#e3e7ed';
export const INK = '#1c2430';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The outer SVG and its plot area: children draw in the plot area's coordinates. */
export function Frame({ height, margin, name, outside, children }: { height: number; margin: Margins; name: string; outside?: ReactNode; children: ReactNode }) {
  return (
    <ChartTips>
      <svg className="svg-chart" height={height} role="img" aria-label={name}>
        {outside}
        <svg
          x={margin.left}
          y={margin.top}
          height={height - margin.top - margin.bottom}
          style={{ width: `calc(100% - ${margin.left + margin.right}px)` }}
          overflow="visible"
        >
          {children}
        </svg>
      </svg>
    </ChartTips>
  );
}

/** A percentage along the plot area's width. */
export const pct = (fraction: number) => `${Math.max(0, Math.min(1, fraction)) * 100}%`;

/** A link around a mark, announced by its label, with its tooltip. */
export function MarkLink({ href, ariaLabel, tip, children }: { href?: string; ariaLabel: string; tip: string[]; children: ReactNode }) {
  if (!href) {
    return (
      <g data-tip={tip.join('\n')} aria-label={ariaLabel} role="img">
        {children}
      </g>
    );
  }
  return (
    <a href={href} aria-label={ariaLabel} className="chart-link" data-tip={tip.join('\n')}>
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
  if (chars.length >= 4 && !label.includes(' ')) return [chars.slice(0, Math.ceil(chars.length / 2)).join(''), chars.slice(Math.ceil(chars.length / 2)).join('')];
  return [label];
}

/** Value-axis tick labels: on a phone every other one is hidden (the last always shows). */
export function tickClass(i: number, count: number): string {
  return count > 3 && i % 2 === 1 && i !== count - 1 ? 'axis-tick tick-odd' : 'axis-tick';
}
