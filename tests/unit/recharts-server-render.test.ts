/**
 * Why the dashboard's charts are drawn by our own SVG on the server (app/components/charts/svg.tsx)
 * and Recharts is kept to the project sheet, loaded in the browser: Recharts 3 renders nothing on
 * the server (upstream recharts issue 5997). This fails the day it does render an SVG there —
 * the day to revisit that decision.
 */
import { createElement as h } from 'react';
import { renderToString } from 'react-dom/server';
import { Bar, BarChart, XAxis, YAxis } from 'recharts';
import { describe, expect, it } from 'vitest';

describe('Recharts on the server', () => {
  it('renders a fixed-size bar chart with animation off as an empty wrapper, no SVG yet', () => {
    const data = [
      { year: 'R5', cost: 120 },
      { year: 'R6', cost: 180 },
    ];
    const html = renderToString(
      h(BarChart, { width: 480, height: 240, data }, h(XAxis, { dataKey: 'year' }), h(YAxis), h(Bar, { dataKey: 'cost', isAnimationActive: false })),
    );
    // The chart's box is there …
    expect(html).toContain('recharts-wrapper');
    // … but none of its drawing: no <svg>, no bar, no axis tick.
    expect(html).not.toMatch(/<svg|recharts-bar-rectangle|recharts-cartesian-axis-tick/);
  });
});
