'use client';

/**
 * The watchlist's rows, drawn from compact figures formatted on the server. A client component so
 * the page's React Server Components payload carries each row as a few strings rather than its
 * whole markup a second time.
 */
import type { Band } from '@/db/domain/rating-scheme';

export interface CompactWatchRow {
  severity: number;
  code: string;
  name: string;
  explanation: string | null;
  department: string;
  section: string | null;
  goal: string;
  totalCost: string;
  /** As shown, and whether its rule tripped (drawn in red). */
  costChange: [string, boolean];
  attainment: [string, boolean];
  previousAttainment: string;
  /** Per criterion: band and text, or null (not rated). */
  grades: ([Band, string] | null)[];
  /** Tripped rules: key, weight, label, value. */
  tripped: [string, number, string, string | null][];
}

export function WatchRows({ rows, sheetQuery }: { rows: CompactWatchRow[]; sheetQuery: string }) {
  return rows.map((row) => (
    <tr key={row.code} data-testid="watch-row">
      <td className="num watch-severity">{row.severity}</td>
      <td className="watch-code">{row.code}</td>
      <td className="watch-name">
        <a href={`/projects/${encodeURIComponent(row.code)}${sheetQuery}`}>{row.name}</a>
        {row.explanation !== null && (
          <small className="watch-explain" data-testid="watch-explain">
            {row.explanation}
          </small>
        )}
      </td>
      <td className="watch-org">
        {row.department}
        {row.section && <small>{row.section}</small>}
      </td>
      <td className="watch-goal">{row.goal}</td>
      <td className="num">{row.totalCost}</td>
      <td className={`num${row.costChange[1] ? ' is-bad' : ''}`}>{row.costChange[0]}</td>
      <td className={`num${row.attainment[1] ? ' is-bad' : ''}`}>{row.attainment[0]}</td>
      <td className="num watch-previous">{row.previousAttainment}</td>
      {row.grades.map((grade, i) => (
        <td key={i} className="grade-col">
          {grade ? <span className={`grade band-${grade[0]}`}>{grade[1]}</span> : '—'}
        </td>
      ))}
      <td className="watch-tripped">
        <ul className="watch-badges">
          {row.tripped.map(([key, weight, label, value]) => (
            <li key={key} className={`watch-badge weight-${weight}`} data-rule={key}>
              {label}
              {value && <b>{value}</b>}
            </li>
          ))}
        </ul>
      </td>
    </tr>
  ));
}
