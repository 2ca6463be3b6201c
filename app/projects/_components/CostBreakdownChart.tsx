'use client';

/**
 * The project's total cost per fiscal year as stacked bars: the funding sources of 事業費
 * (国県支出金, 地方債, その他特財, 一般財源) and 人件費 on top. A client component only because
 * Recharts draws in the browser; data and labels arrive ready from the server.
 */
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { GRID, INK } from '@/app/components/charts/palette';
import { formatNumber } from '@/app/lib/format';

export interface CostSeries {
  key: string;
  label: string;
  color: string;
}

export type CostBar = { year: string } & Record<string, number | string>;

export function CostBreakdownChart({ data, series, unit }: { data: CostBar[]; series: CostSeries[]; unit: string }) {
  // Keep the sheet's order (Recharts sorts by label otherwise); the tooltip lists the stack top-down.
  const position = (key: unknown) => series.findIndex((s) => s.key === key);
  return (
    <BarChart responsive data={data} margin={{ top: 8, right: 16, bottom: 0, left: 8 }} style={{ width: '100%', height: 260 }} accessibilityLayer>
      <CartesianGrid vertical={false} stroke={GRID} />
      <XAxis dataKey="year" fontSize={12} />
      <YAxis tickFormatter={(v: number) => formatNumber(v, '', 0)} fontSize={12} width={72} unit={unit} />
      <Tooltip formatter={(value, name) => [formatNumber(Number(value), unit, 0), name]} itemSorter={(item) => -position(item.dataKey)} />
      <Legend
        wrapperStyle={{ fontSize: 12 }}
        itemSorter={(item) => position(item.dataKey)}
        formatter={(value) => <span style={{ color: INK }}>{value}</span>}
      />
      {series.map((s) => (
        <Bar key={s.key} dataKey={s.key} name={s.label} stackId="cost" fill={s.color} isAnimationActive={false} />
      ))}
    </BarChart>
  );
}
