/**
 * A scatter's points as light marks and back: the server writes each series as one path of
 * zero-length segments (`M x y h0`, drawn as dots by round caps) with the points' codes beside
 * it; the browser reads them back to find the point under the pointer (./ScatterPicker.tsx).
 */

export interface MarkPoint {
  x: number;
  y: number;
}

export interface CodedPoint extends MarkPoint {
  code: string;
}

/** Path data of one dot per point, in whole units (the view box is sized so a unit is small). */
export function dotsPath(points: MarkPoint[]): string {
  return points.map((p) => `M${Math.round(p.x)} ${Math.round(p.y)}h0`).join('');
}

/** The codes of a series' points, in the path's order, as one attribute value. */
export function codesAttribute(codes: string[]): string {
  return codes.map(encodeURIComponent).join(' ');
}

/** The points of a path written by dotsPath with its codesAttribute, scaled by (sx, sy). */
export function readDots(d: string, codes: string, sx = 1, sy = 1): CodedPoint[] {
  const names = codes.split(' ');
  const points: CodedPoint[] = [];
  let i = 0;
  for (const m of d.matchAll(/M\s*(-?[\d.]+)[\s,]+(-?[\d.]+)/g)) {
    const code = names[i++];
    if (code) points.push({ code: decodeURIComponent(code), x: Number(m[1]) * sx, y: Number(m[2]) * sy });
  }
  return points;
}

/** The point nearest to (x, y) no farther than `reach`, or null (the first of equals). */
export function nearest<P extends MarkPoint>(points: P[], x: number, y: number, reach: number): P | null {
  let best: P | null = null;
  let bestDistance = reach * reach;
  for (const p of points) {
    const d = (p.x - x) ** 2 + (p.y - y) ** 2;
    if (d < bestDistance || (best === null && d === bestDistance)) {
      best = p;
      bestDistance = d;
    }
  }
  return best;
}

/** The dots' paths run in a box this wide (stretched to the plot's width); enough for sub-pixel places. */
export const SCATTER_VIEW_WIDTH = 10_000;

/** The vertical axis: 0 to `max`, a dashed line at `reference` (attainment: 0–200 %, 100 %). */
export interface ScatterYScale {
  max: number;
  reference: number;
}

const Y_TICKS = [0, 0.5, 1, 1.5, 2];

/** The scatter's geometry: a log cost axis over `xTicks`, the value axis from 0 to `yScale.max`. */
export function scatterScales(height: number, xTicks: number[], yScale: ScatterYScale) {
  const margin = { top: 12, right: 24, bottom: 58, left: 72 };
  const plotHeight = height - margin.top - margin.bottom;
  const lo = Math.log10(xTicks[0]!);
  const hi = Math.log10(xTicks[xTicks.length - 1]!);
  const fraction = (v: number) => Math.max(0, Math.min(1, (Math.log10(v) - lo) / (hi - lo || 1)));
  const y = (v: number) => plotHeight * (1 - Math.max(0, Math.min(yScale.max, v)) / yScale.max);
  const yTicks = Y_TICKS.map((t) => (t * yScale.max) / 2);
  return { margin, plotHeight, fraction, viewX: (v: number) => fraction(v) * SCATTER_VIEW_WIDTH, y, yTicks };
}
