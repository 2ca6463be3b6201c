'use client';

/**
 * One table of the funding panel (./FundingPanel.tsx), drawn from the figures the server wrote
 * as text: the page's payload carries the cells once instead of the table's markup again.
 */

export interface FundingColumn {
  label: string;
  /** A source's swatch classes (`fund-localBonds texture-hatch`), shown before its name. */
  swatch?: string;
}

export interface FundingRow {
  head: string;
  href?: string;
  /** The year shown (bold, `aria-current`). */
  current?: boolean;
  /** Per source in `swatches` order, the share in percent; drawn as one bar. */
  mix: number[];
  /** After the bar, one per column: a figure, or a figure and its share below it. */
  cells: (string | [string, string])[];
}

export function FundingTable({
  testId,
  caption,
  head,
  mixHead,
  columns,
  swatches,
  rows,
}: {
  testId: string;
  caption: string;
  head: string;
  mixHead: string;
  columns: FundingColumn[];
  /** The sources' swatch classes, in the order of each row's `mix`. */
  swatches: string[];
  rows: FundingRow[];
}) {
  return (
    <div className="dash-table-scroll">
      <table className="data fund-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col" className="fund-mix">
              {mixHead}
            </th>
            {columns.map((c) => (
              <th key={c.label} scope="col" className="num">
                {c.swatch && (
                  <>
                    <span className={`swatch ${c.swatch}`} aria-hidden="true" />{' '}
                  </>
                )}
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.head} aria-current={r.current ? 'true' : undefined}>
              <th scope="row">{r.href ? <a href={r.href}>{r.head}</a> : r.head}</th>
              <td className="fund-mix">
                {/* Hidden from screen readers, who read the same shares in the row's cells. */}
                <span className="fund-bar" aria-hidden="true">
                  {r.mix.map((share, i) => (share > 0 ? <span key={swatches[i]} className={swatches[i]} style={{ width: `${share}%` }} /> : null))}
                </span>
              </td>
              {r.cells.map((cell, i) => (
                <td key={columns[i]?.label ?? i} className="num">
                  {typeof cell === 'string' ? (
                    cell
                  ) : (
                    <>
                      {cell[0]}
                      <small>{cell[1]}</small>
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
