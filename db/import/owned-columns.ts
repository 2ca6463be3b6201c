/**
 * A file owns the columns it maps: re-importing a project-year replaces what the file states (an
 * empty cell in a mapped column clears it) and keeps every column it does not map, so two tables
 * of one source (costs in one file, verdicts in another) can be loaded in either order.
 *
 * Ownership is counted in units: one per stored evaluation or project column, plus the ratings
 * and the indicators as wholes. Identity columns (municipality, year, 事業番号, 事業名) belong to
 * every file. Pure: no database access.
 */
import { ACTION_COLUMNS, COST_COLUMNS, DO_COLUMNS, ORGANISATION_COLUMNS, PLAN_COLUMNS, POLICY_COLUMNS, RATING_COLUMNS, UNIT_COST_COLUMNS } from './format';

type Unit = { key: string; table: 'evaluation' | 'project' | 'ratings' | 'indicators'; column: string | null; label: string };

const snake = (camel: string) => camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const EVALUATION_UNITS: Unit[] = [
  ...Object.entries({ ...DO_COLUMNS, ...COST_COLUMNS, ...UNIT_COST_COLUMNS, ...ACTION_COLUMNS }).map(([field, label]): Unit => {
    const column = field === 'totalCost' ? 'total_cost_stated' : field === 'unitCostYen' ? 'unit_cost_stated_yen' : snake(field);
    return { key: `e.${column}`, table: 'evaluation', column, label };
  }),
];

const PROJECT_UNITS: Unit[] = [
  { key: 'p.policy_node_id', table: 'project', column: 'policy_node_id', label: '政策体系' },
  // 部 and 課 are one place in the organisation: a 課 means nothing without its 部.
  { key: 'p.organisation', table: 'project', column: null, label: `${ORGANISATION_COLUMNS.department}・${ORGANISATION_COLUMNS.section}` },
  ...Object.entries(PLAN_COLUMNS).map(([field, label]): Unit => ({ key: `p.${snake(field)}`, table: 'project', column: snake(field), label })),
];

const WHOLE_UNITS: Unit[] = [
  { key: 'ratings', table: 'ratings', column: null, label: '評価' },
  { key: 'indicators', table: 'indicators', column: null, label: '指標' },
];

/** Every unit, in a fixed order (the order of the ownership mask). */
export const OWNERSHIP_UNITS: readonly Unit[] = [...EVALUATION_UNITS, ...PROJECT_UNITS, ...WHOLE_UNITS];

const BY_LABEL = new Map<string, Unit>(
  [...EVALUATION_UNITS, ...PROJECT_UNITS.filter((u) => u.key !== 'p.policy_node_id' && u.key !== 'p.organisation')].map((u) => [u.label, u]),
);
const POLICY = new Set<string>(Object.values(POLICY_COLUMNS));
const ORGANISATION = new Set<string>(Object.values(ORGANISATION_COLUMNS));
const RATINGS = new Set<string>(RATING_COLUMNS.flatMap((c) => [c.grade, c.reason]));

export interface Ownership {
  /** Every unit: nothing stored is kept (Hyoka's full format). */
  full: boolean;
  units: ReadonlySet<string>;
  /** One bit per unit of OWNERSHIP_UNITS, as hex: stored with the content hash. */
  mask: string;
}

/** Owns everything: the behaviour of a file that maps every column. */
export const OWNS_ALL: Ownership = ownership(new Set(OWNERSHIP_UNITS.map((u) => u.key)));

function ownership(units: Set<string>): Ownership {
  let mask = 0n;
  OWNERSHIP_UNITS.forEach((u, i) => {
    if (units.has(u.key)) mask |= 1n << BigInt(i);
  });
  return { full: units.size === OWNERSHIP_UNITS.length, units, mask: mask.toString(16) };
}

/**
 * What a file owns, from the Hyoka columns its header maps to (`部名`, `事業費合計`, `指標1名`,
 * `進捗状況`, a profile's `評価:key` …).
 */
export function ownedBy(columns: Iterable<string>): Ownership {
  const units = new Set<string>();
  for (const c of columns) {
    const unit = BY_LABEL.get(c);
    if (unit) units.add(unit.key);
    else if (POLICY.has(c)) units.add('p.policy_node_id');
    else if (ORGANISATION.has(c)) units.add('p.organisation');
    else if (RATINGS.has(c) || c.startsWith('評価:') || c.startsWith('評価理由:')) units.add('ratings');
    else if (/^指標\d+/.test(c)) units.add('indicators');
  }
  return ownership(units);
}

/** The evaluation columns a re-import overwrites. */
export function ownedEvaluationColumns(own: Ownership, all: readonly string[]): string[] {
  if (own.full) return [...all];
  return all.filter((c) => c === 'import_batch_id' || c === 'content_hash' || own.units.has(`e.${c}`));
}

/** The project columns a re-import overwrites (name and batch always: they identify the row). */
export function ownedProjectColumns(own: Ownership, all: readonly string[]): string[] {
  if (own.full) return [...all];
  return all.filter(
    (c) =>
      c === 'name' || c === 'import_batch_id' || own.units.has(`p.${c}`) || ((c === 'department_id' || c === 'section_id') && own.units.has('p.organisation')),
  );
}

/** Labels of what the file sets and what it leaves as stored (for the dry run and the preview). */
export function describeOwnership(own: Ownership): { sets: string[]; keeps: string[] } {
  const sets: string[] = [];
  const keeps: string[] = [];
  for (const u of OWNERSHIP_UNITS) (own.units.has(u.key) ? sets : keeps).push(u.label);
  return { sets, keeps };
}

/**
 * The content hash stored for a project-year: a file owning everything stores its hash alone;
 * one owning part stores `mask:hash` beside the entries of other files whose columns it does
 * not touch, so loading either file again finds its own entry and reports "unchanged".
 */
export function mergedContentHash(stored: string | null | undefined, own: Ownership, hash: string): string {
  if (own.full) return hash;
  const mine = BigInt(`0x${own.mask}`);
  const kept = entries(stored).filter((e) => e.mask !== null && (BigInt(`0x${e.mask}`) & mine) === 0n);
  return [...kept.map((e) => `${e.mask}:${e.hash}`), `${own.mask}:${hash}`].sort().join(';');
}

/** Does the stored hash say this file already stated exactly this? */
export function storedMatches(stored: string | null | undefined, own: Ownership, hash: string): boolean {
  if (stored == null) return false;
  if (own.full) return stored === hash;
  return entries(stored).some((e) => e.mask === own.mask && e.hash === hash);
}

function entries(stored: string | null | undefined): { mask: string | null; hash: string }[] {
  if (!stored) return [];
  return stored.split(';').map((part) => {
    const at = part.indexOf(':');
    return at < 0 ? { mask: null, hash: part } : { mask: part.slice(0, at), hash: part.slice(at + 1) };
  });
}
