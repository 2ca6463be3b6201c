'use client';

/**
 * One indicator over the fiscal years: the actual value as bars, the target as a line, so a
 * missed target shows as a bar below the line. Client component because Recharts draws in the browser.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ACCENT_HEX, GRID, INK, TARGET_HEX } from '@/app/components/charts/palette';
import { formatNumber } from '@/app/lib/format';

export interface IndicatorPoint {
  year: string;
  target: number | null;
  actual: number | null;
}

export function IndicatorChart({ data, unit, labels }: { data: IndicatorPoint[]; unit: string; labels: { target: string; actual: string } }) {
  return (
    <ComposedChart responsive data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} style={{ width: '100%', height: 200 }} accessibilityLayer>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis dataKey="year" fontSize={12} />
      <YAxis tickFormatter={(v: number) => formatNumber(v)} fontSize={12} width={64} />
      <Tooltip formatter={(value, name) => [value === null || value === undefined ? '—' : formatNumber(Number(value), unit), name]} itemSorter="dataKey" />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter="dataKey" formatter={(value) => <span style={{ color: INK }}>{value}</span>} />
      <Bar dataKey="actual" name={labels.actual} fill={ACCENT_HEX} barSize={28} isAnimationActive={false} />
      <Line
        dataKey="target"
        name={labels.target}
        stroke={TARGET_HEX}
        strokeDasharray="5 3"
        strokeWidth={2}
        dot={{ r: 3 }}
        connectNulls
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
