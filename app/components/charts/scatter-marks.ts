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
