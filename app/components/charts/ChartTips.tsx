'use client';

/**
 * The tooltip of every dashboard chart, for charts drawn on the server as plain SVG: any
 * element inside with `data-tip-row="n"` shows row n of the chart's table (the figures for screen
 * readers, written on the server in the reader's language: the heading cell as the title, then
 * each cell a line) next to the pointer, or next to the element when it has keyboard focus. One
 * small listener per chart instead of a chart library in the browser, and no text twice in the page.
 */
import { useState, type FocusEvent, type PointerEvent, type ReactNode } from 'react';

interface Tip {
  lines: string[];
  x: number;
  y: number;
  /** In the right half of the chart the box opens to the left, so it stays inside. */
  flip: boolean;
}

export function ChartTips({ children }: { children: ReactNode }) {
  const [tip, setTip] = useState<Tip | null>(null);
  const show = (chart: HTMLElement, target: EventTarget | null, box: DOMRect, x: number, y: number) => {
    const el = target instanceof Element ? target.closest('[data-tip-row]') : null;
    const row = el ? chart.querySelector('table')?.tBodies[0]?.rows[Number(el.getAttribute('data-tip-row'))] : undefined;
    const lines = row ? [...row.cells].map((cell) => cell.textContent ?? '') : null;
    setTip(lines ? { lines, x, y, flip: x > box.width / 2 } : null);
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    show(e.currentTarget, e.target, box, e.clientX - box.left, e.clientY - box.top);
  };
  const onFocus = (e: FocusEvent<HTMLDivElement>) => {
    if (!(e.target instanceof Element)) return;
    const box = e.currentTarget.getBoundingClientRect();
    const at = e.target.getBoundingClientRect();
    show(e.currentTarget, e.target, box, at.left + at.width / 2 - box.left, at.top + at.height / 2 - box.top);
  };
  const hide = () => setTip(null);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens for the links inside it (pointer and focus); the links are what the keyboard operates
    <div className="chart-tips" onPointerMove={onPointerMove} onPointerLeave={hide} onFocus={onFocus} onBlur={hide}>
      {children}
      {tip && (
        <div
          className="chart-tooltip floating"
          role="tooltip"
          style={{ left: tip.flip ? undefined : tip.x + 14, right: tip.flip ? `calc(100% - ${tip.x - 14}px)` : undefined, top: tip.y + 14 }}
        >
          <strong>{tip.lines[0]}</strong>
          {tip.lines.slice(1).map((line, i) => (
            <div key={i}>{line}</div>
          ))}
        </div>
      )}
    </div>
  );
}
