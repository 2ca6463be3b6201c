'use client';

/**
 * Opens the point under the pointer of a scatter drawn as plain marks (./CostAttainmentScatter):
 * the chart is in the HTML without JavaScript, one light mark per point and no link element each
 * (a city's thousand projects would weigh megabytes as links), and this one listener finds the
 * nearest point, rings it with its code, and opens its page on click.
 */
import { useRouter } from 'next/navigation';
import { useRef, useState, type MouseEvent, type PointerEvent, type ReactNode } from 'react';
import { nearest, readDots, type CodedPoint } from './scatter-marks';

/** How far from a point (pixels) the pointer still picks it. */
const REACH = 12;

interface Point extends CodedPoint {
  /** The series' name (its path's `data-series`). */
  series: string;
}

interface Picked extends Point {
  /** Within this component's box, in pixels. */
  left: number;
  top: number;
  flip: boolean;
}

/** Every series' points as drawn, in pixels of the points' box. */
function pointsOf(svg: SVGSVGElement, box: { width: number; height: number }): Point[] {
  const view = svg.viewBox.baseVal;
  const sx = view && view.width > 0 ? box.width / view.width : 1;
  const sy = view && view.height > 0 ? box.height / view.height : 1;
  return [...svg.querySelectorAll('path[data-codes]')].flatMap((path) => {
    const series = path.getAttribute('data-series') ?? '';
    return readDots(path.getAttribute('d') ?? '', path.getAttribute('data-codes') ?? '', sx, sy).map((p) => ({ ...p, series }));
  });
}

export function ScatterPicker({
  hrefPrefix,
  hrefSuffix,
  hint,
  children,
}: {
  /** A point's page is `hrefPrefix + encodeURIComponent(code) + hrefSuffix`. */
  hrefPrefix: string;
  hrefSuffix: string;
  /** The tooltip's last line (e.g. "click to open the sheet"), in the reader's language. */
  hint: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [picked, setPicked] = useState<Picked | null>(null);
  // Read back once per size of the plot: the marks do not change after the server drew them.
  const cache = useRef<{ width: number; height: number; points: Point[] } | null>(null);

  const pick = (e: PointerEvent<HTMLDivElement> | MouseEvent<HTMLDivElement>): Picked | null => {
    const svg = e.currentTarget.querySelector<SVGSVGElement>('svg[data-scatter-points]');
    if (!svg) return null;
    const plot = svg.getBoundingClientRect();
    if (cache.current?.width !== plot.width || cache.current.height !== plot.height)
      cache.current = { width: plot.width, height: plot.height, points: pointsOf(svg, plot) };
    const p = nearest(cache.current.points, e.clientX - plot.left, e.clientY - plot.top, REACH);
    if (!p) return null;
    const own = e.currentTarget.getBoundingClientRect();
    const left = p.x + plot.left - own.left;
    return { ...p, left, top: p.y + plot.top - own.top, flip: left > own.width / 2 };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const p = pick(e);
    if (p?.code !== picked?.code) setPicked(p);
  };
  const onClick = (e: MouseEvent<HTMLDivElement>) => {
    const p = pick(e);
    if (p) router.push(hrefPrefix + encodeURIComponent(p.code) + hrefSuffix);
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: a pointer shortcut over the chart; keyboard users reach the same sheets through the project list linked beside it
    // biome-ignore lint/a11y/useKeyWithClickEvents: as above
    <div
      className="scatter-picker"
      data-picking={picked ? '' : undefined}
      onPointerMove={onPointerMove}
      onPointerLeave={() => setPicked(null)}
      onClick={onClick}
    >
      {children}
      {picked && (
        <>
          <span className="scatter-ring" style={{ left: picked.left, top: picked.top }} />
          <div
            className="chart-tooltip floating"
            role="tooltip"
            style={{
              left: picked.flip ? undefined : picked.left + 14,
              right: picked.flip ? `calc(100% - ${picked.left - 14}px)` : undefined,
              top: picked.top + 14,
            }}
          >
            <strong>{picked.code}</strong>
            {picked.series && <div>{picked.series}</div>}
            <div>{hint}</div>
          </div>
        </>
      )}
    </div>
  );
}
