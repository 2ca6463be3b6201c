'use client';

/**
 * One indicator over the fiscal years: the actual value as bars, the target as a line, so a
 * missed target shows as a bar below the line. Client component because Recharts draws in the browser.
 */
import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from 'recharts';

export interface IndicatorPoint {
  year: string;
  target: number | null;
  actual: number | null;
}

const number = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 2 });

export function IndicatorChart({ data, unit, labels }: { data: IndicatorPoint[]; unit: string; labels: { target: string; actual: string } }) {
  return (
    <ComposedChart responsive data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} style={{ width: '100%', height: 200 }} accessibilityLayer>
      <CartesianGrid vertical={false} stroke="#e3e7ed" />
      <XAxis dataKey="year" fontSize={12} />
      <YAxis tickFormatter={(v: number) => number.format(v)} fontSize={12} width={64} />
      <Tooltip
        formatter={(value, name) => [value === null || value === undefined ? '—' : `${number.format(Number(value))}${unit}`, name]}
        itemSorter="dataKey"
      />
      <Legend wrapperStyle={{ fontSize: 12 }} itemSorter="dataKey" formatter={(value) => <span style={{ color: '#1c2430' }}>{value}</span>} />
      <Bar dataKey="actual" name={labels.actual} fill="#1f5fa8" barSize={28} isAnimationActive={false} />
      <Line
        dataKey="target"
        name={labels.target}
        stroke="#c0392b"
        strokeDasharray="5 3"
        strokeWidth={2}
        dot={{ r: 3 }}
        connectNulls
        isAnimationActive={false}
      />
    </ComposedChart>
  );
}
