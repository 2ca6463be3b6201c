'use client';

/**
 * The rows of the table of the level below (./ChildTable.tsx), drawn from figures formatted on
 * the server: the page's payload carries each row as a few strings, not its markup a second time.
 */

export interface ChildRow {
  /** The node's path (`data-path`), empty for the projects outside the tree or directly on the node. */
  path: string;
  name: string;
  href?: string;
  /** The figures, one per column after the name. */
  cells: string[];
}

export function ChildRows({ rows }: { rows: ChildRow[] }) {
  return rows.map((r) => (
    <tr key={r.path || 'none'} data-path={r.path}>
      <td>{r.href ? <a href={r.href}>{r.name}</a> : r.name}</td>
      {r.cells.map((cell, i) => (
        <td key={i} className="num">
          {cell}
        </td>
      ))}
    </tr>
  ));
}
