'use client';

/**
 * The tooltip of every dashboard chart: a title and a few lines, written on the server in the
 * reader's language (the chart only shows them). Each data point carries `tooltip: string[]`.
 */
import type { TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';

export interface WithTooltip {
  /** First line is the title. */
  tooltip: string[];
}

export function TooltipLines({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const lines = (payload?.[0]?.payload as WithTooltip | undefined)?.tooltip;
  if (!active || !lines || lines.length === 0) return null;
  const [title, ...rest] = lines;
  return (
    <div className="chart-tooltip">
      <strong>{title}</strong>
      {rest.map((line, i) => (
        <div key={i}>{line}</div>
      ))}
    </div>
  );
}
