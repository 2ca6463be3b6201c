/**
 * Cost versus attainment, one point per project: total cost on a log axis (projects range from
 * tens of 千円 to billions of yen), attainment with the 100 % target line, colour by
 * まちづくり目標. Each series becomes one light path of dots (`M x y h0` with round caps, ./scatter-marks.ts)
 * with its points' codes, not a link each: a city's thousands of projects stay a few kB. The
 * paths are computed here and drawn by ./ScatterChart (a client component, so the page's payload
 * carries the paths once instead of the chart's markup again); ./ScatterPicker opens the project
 * under the pointer; the text alternative is the caller's (a summary and a link to the same projects as a list).
 */
import type { ReactNode } from 'react';
import { codesAttribute, dotsPath, scatterScales, type ScatterYScale } from './scatter-marks';
import { ScatterChart } from './ScatterChart';

export interface ScatterDot {
  /** Total cost, 千円 (> 0). */
  x: number;
  /** Attainment ratio (capped at 2). */
  y: number;
  /** The project's code: its page is the picker's `hrefPrefix + code + hrefSuffix`. */
  code: string;
}

export interface ScatterSeries {
  key: string;
  name: string;
  colour: string;
  points: ScatterDot[];
}

export function CostAttainmentScatter({
  series,
  xTicks,
  name,
  axisNames,
  links,
  alternative,
  yScale = { max: 2, reference: 1 },
  height = 460,
}: {
  series: ScatterSeries[];
  xTicks: number[];
  name: string;
  axisNames: { x: string; y: string };
  /** Where a click on a point leads, and the tooltip's hint saying so. */
  links: { hrefPrefix: string; hrefSuffix: string; hint: string };
  /** The chart in words for screen readers and keyboards (a summary and a link to the list). */
  alternative: ReactNode;
  /** The vertical axis: 0 to `max`, a dashed line at `reference` (attainment: 0–200 %, 100 %). */
  yScale?: ScatterYScale;
  height?: number;
}) {
  const { viewX, y } = scatterScales(height, xTicks, yScale);
  const marks = series.map((s) => ({
    key: s.key,
    name: s.name,
    colour: s.colour,
    d: dotsPath(s.points.map((p) => ({ x: viewX(p.x), y: y(p.y) }))),
    codes: codesAttribute(s.points.map((p) => p.code)),
  }));
  return (
    <ScatterChart marks={marks} xTicks={xTicks} name={name} axisNames={axisNames} links={links} alternative={alternative} yScale={yScale} height={height} />
  );
}
