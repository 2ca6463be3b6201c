'use client';

/**
 * Bar chart of total cost per citizen by まちづくり目標. A client component only because
 * Recharts measures and draws in the browser; the data arrives ready from the server.
 */
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';

export interface GoalBar {
  label: string;
  fullName: string;
  costPerCitizen: number;
  totalCostText: string;
  projectCount: number;
}

const yen = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 0 });

export function CostByGoalChart({ data }: { data: GoalBar[] }) {
  return (
    <BarChart
      responsive
      data={data}
      layout="vertical"
      margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
      style={{ width: '100%', height: Math.max(220, data.length * 48) }}
      accessibilityLayer
    >
      <CartesianGrid horizontal={false} stroke="#e3e7ed" />
      <XAxis type="number" tickFormatter={(v: number) => `${yen.format(v)}円`} fontSize={12} />
      <YAxis type="category" dataKey="label" width={160} fontSize={13} interval={0} />
      <Tooltip
        formatter={(value) => [`${yen.format(Number(value))}円`, '市民1人当たりコスト']}
        labelFormatter={(_, payload) => {
          const item = payload?.[0]?.payload as GoalBar | undefined;
          return item ? `${item.fullName}（${item.projectCount}事業・${item.totalCostText}）` : '';
        }}
      />
      <Bar dataKey="costPerCitizen" name="市民1人当たりコスト" fill="#1f5fa8" isAnimationActive={false} />
    </BarChart>
  );
}
