/** One headline figure (the overview's KPIs, the funding panel's facts): its name, value and notes. */
import type { ReactNode } from 'react';

export function KpiFigure({ label, testId, value, children }: { label: ReactNode; testId: string; value: ReactNode; children?: ReactNode }) {
  return (
    <div className="kpi">
      <dt>{label}</dt>
      <dd>
        <span className="kpi-value" data-testid={testId}>
          {value}
        </span>
        {children}
      </dd>
    </div>
  );
}

/** A figure's value the year before and the change since, coloured when it is better or worse. */
export function KpiPrevious({ testId, label, text, change, tone }: { testId: string; label: string; text: string; change: string; tone?: 'good' | 'poor' }) {
  return (
    <span className="kpi-previous" data-testid={`${testId}-previous`}>
      {label} {text}
      <span className={`kpi-change ${tone ?? ''}`}>{change}</span>
    </span>
  );
}

/** The tone of a change: none within half a thousandth, else good when up (shares of targets met, improved). */
export function toneOf(difference: number | null): 'good' | 'poor' | undefined {
  return difference === null || Math.abs(difference) < 0.0005 ? undefined : difference > 0 ? 'good' : 'poor';
}
