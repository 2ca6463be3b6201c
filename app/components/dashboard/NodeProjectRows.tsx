'use client';

/**
 * A policy node's projects (its page's list), drawn from compact figures formatted on the server:
 * the page's payload carries each row as a few strings rather than its markup a second time.
 */

export interface NodeProjectRow {
  code: string;
  name: string;
  /** The 施策 the project sits on: its path and title; null outside the tree; absent when the column is not shown. */
  policy?: [string, string] | null;
  cost: string;
  attainment: string;
}

export function NodeProjectRows({ rows, sheetQuery, policyQuery }: { rows: NodeProjectRow[]; sheetQuery: string; policyQuery: string }) {
  return rows.map((p) => (
    <tr key={p.code}>
      <td className="code">{p.code}</td>
      <td>
        <a href={`/projects/${encodeURIComponent(p.code)}${sheetQuery}`}>{p.name}</a>
      </td>
      {p.policy !== undefined && <td className="policy-cell">{p.policy ? <a href={`/policies/${p.policy[0]}${policyQuery}`}>{p.policy[1]}</a> : '—'}</td>}
      <td className="num">{p.cost}</td>
      <td className="num">{p.attainment}</td>
    </tr>
  ));
}
