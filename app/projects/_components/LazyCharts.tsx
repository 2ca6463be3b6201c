'use client';

/**
 * The project sheet's Recharts charts, loaded only when they come into view (or the page is
 * printed): Recharts draws nothing on the server anyway (see app/components/charts/svg.tsx), and
 * most readers of a sheet never scroll to every chart. Until then a line of text holds the
 * chart's room; the figures are in the table beside each chart, rendered on the server.
 */
import dynamic from 'next/dynamic';
import { type ComponentProps, type ReactNode, useEffect, useRef, useState } from 'react';
import type { CostBreakdownChart } from './CostBreakdownChart';
import type { IndicatorChart } from './IndicatorChart';

const CostChart = dynamic(() => import('./CostBreakdownChart').then((m) => m.CostBreakdownChart), { ssr: false });
const IndicatorChartInView = dynamic(() => import('./IndicatorChart').then((m) => m.IndicatorChart), { ssr: false });

/** Renders `children` once the box is near the viewport, `pending` text until then. */
function WhenVisible({ height, pending, children }: { height: number; pending: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el || visible) return;
    const show = () => setVisible(true);
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && show(), { rootMargin: '200px' });
    observer.observe(el);
    window.addEventListener('beforeprint', show);
    return () => {
      observer.disconnect();
      window.removeEventListener('beforeprint', show);
    };
  }, [visible]);
  return (
    <div ref={box} style={{ minHeight: height }}>
      {visible ? children : <p className="caption chart-pending">{pending}</p>}
    </div>
  );
}

export function LazyCostBreakdownChart({ pending, ...props }: ComponentProps<typeof CostBreakdownChart> & { pending: string }) {
  return (
    <WhenVisible height={260} pending={pending}>
      <CostChart {...props} />
    </WhenVisible>
  );
}

export function LazyIndicatorChart({ pending, ...props }: ComponentProps<typeof IndicatorChart> & { pending: string }) {
  return (
    <WhenVisible height={200} pending={pending}>
      <IndicatorChartInView {...props} />
    </WhenVisible>
  );
}
