'use client';

/**
 * One criterion's rating mix for every municipality on the comparison page: a bar per
 * municipality, drawn from its counts per common band. A client component so the page's payload
 * carries each row as a name and five counts, not its markup a second time (21 cities × every
 * criterion).
 */
import { formatPercent } from '@/app/lib/format';
import { MIX_BANDS } from './mix-bands';

/** A municipality's code and name, and its counts in MIX_BANDS order (null when it has no grades). */
export type MixRow = [code: string, name: string, counts: number[] | null];

export function MixRows({ rows, bandNames, none }: { rows: MixRow[]; bandNames: string[]; none: string }) {
  return rows.map(([code, name, counts]) => {
    const total = counts ? counts.reduce((a, b) => a + b, 0) : 0;
    const shown = MIX_BANDS.flatMap((band, i) => (counts && counts[i]! > 0 ? [{ band, n: counts[i]!, name: bandNames[i]! }] : []));
    return (
      <div className="mix-row" key={code}>
        <span className="mix-name">{name}</span>
        {total > 0 ? (
          // Named by its title (hover shows the counts; screen readers read it as the image's name).
          <span className="mix-bar" role="img" title={`${name}: ${shown.map((s) => `${s.name} ${s.n}`).join('、')}`}>
            {shown.map((s) => (
              <span key={s.band} className={`band-${s.band}`} style={{ width: `${((s.n / total) * 100).toFixed(2)}%` }}>
                {s.n / total >= 0.08 ? formatPercent(s.n / total, 0) : ''}
              </span>
            ))}
          </span>
        ) : (
          <span className="muted">{none}</span>
        )}
      </div>
    );
  });
}
