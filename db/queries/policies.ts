/**
 * The policy tree (総合計画体系) and its drill-down: the tree with project counts, one node with
 * its ancestors, its children's figures side by side, and the projects under it. The KPIs are
 * the overview's (db/queries/scope.ts `scopeFigures`), computed over the node's subtree.
 */
import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Db } from '../client';
import type { Band } from '../domain/rating-scheme';
import { policyNodes } from '../schema';
import { PROJECT_PAGE_SIZE } from './projects';
import { listChildNodes, policyOrderSql, scopeCtes, scopeFigures, type PolicyNodeInfo, type Scope, type ScopeFigures } from './scope';

export type { PolicyNodeInfo } from './scope';

// ── The tree ────────────────────────────────────────────────────────────────────────────────

export interface PolicyTreeNode extends PolicyNodeInfo {
  /** Evaluations of the fiscal year in the node's subtree. */
  projectCount: number;
  /** 千円, exact decimal string. */
  totalCost: string;
  children: PolicyTreeNode[];
}

export interface PolicyTreeGoal extends PolicyTreeNode {
  /** The 政策の柱 above the まちづくり目標, if the plan has one. */
  pillar: string | null;
}

/**
 * The municipality's まちづくり目標 with their 基本政策 › 施策展開の方向 › 施策 below, each with the
 * fiscal year's project count and total cost over its subtree, siblings in plan order.
 */
export async function getPolicyTree(db: Db, municipalityId: number, fiscalYear: number): Promise<PolicyTreeGoal[]> {
  const rows = await queryRows<{
    id: number;
    parent_id: number | null;
    level: number;
    number: string | null;
    name: string;
    path: string;
    parent_name: string | null;
    project_count: number;
    total_cost: string;
  }>(
    db,
    sql`${scopeCtes({ municipalityId, fiscalYear })},
    per_node as (
      select l.ancestor_id as id, count(*)::int as project_count, sum(ev.total_cost) as total_cost
      from ev join lineage l on l.node_id = ev.policy_node_id
      group by l.ancestor_id
    )
    select n.id, n.parent_id, n.level, n.number, n.name, n.path, parent.name as parent_name,
           coalesce(pn.project_count, 0) as project_count, coalesce(pn.total_cost, 0)::text as total_cost
    from policy_nodes n
    left join policy_nodes parent on parent.id = n.parent_id
    left join per_node pn on pn.id = n.id
    where n.municipality_id = ${municipalityId} and n.level >= 1
    order by n.level, ${policyOrderSql('n')}`,
  );
  const byId = new Map<number, PolicyTreeGoal>();
  const goals: PolicyTreeGoal[] = [];
  // Parents come first (ordered by level), so every parent is in the map when a child arrives.
  for (const r of rows) {
    const node: PolicyTreeGoal = {
      id: r.id,
      level: Number(r.level),
      number: r.number,
      name: r.name,
      path: r.path,
      projectCount: r.project_count,
      totalCost: r.total_cost,
      pillar: Number(r.level) === 1 ? r.parent_name : null,
      children: [],
    };
    byId.set(node.id, node);
    const parent = r.parent_id === null ? undefined : byId.get(r.parent_id);
    if (node.level === 1 || !parent) goals.push(node);
    else parent.children.push(node);
  }
  return goals;
}

// ── One node ────────────────────────────────────────────────────────────────────────────────

export interface PolicyNodeWithAncestors extends PolicyNodeInfo {
  /** From the まちづくり目標 down to the node's parent (the 政策の柱 left out). */
  ancestors: PolicyNodeInfo[];
  childCount: number;
}

/** A node by its path (`1/2/3`) with its ancestors for the breadcrumb, or null when there is none. */
export async function findPolicyNode(db: Db, municipalityId: number, path: string): Promise<PolicyNodeWithAncestors | null> {
  const [node] = await db
    .select({ id: policyNodes.id, level: policyNodes.level, number: policyNodes.number, name: policyNodes.name, path: policyNodes.path })
    .from(policyNodes)
    .where(and(eq(policyNodes.municipalityId, municipalityId), eq(policyNodes.path, path)));
  if (!node) return null;
  const ancestors = await queryRows<{ id: number; level: number; number: string | null; name: string; path: string }>(
    db,
    sql`with recursive up (id, parent_id) as (
          select id, parent_id from policy_nodes where id = ${node.id}
          union all
          select n.id, n.parent_id from policy_nodes n join up on n.id = up.parent_id
        )
        select n.id, n.level, n.number, n.name, n.path
        from up join policy_nodes n on n.id = up.id
        where n.id <> ${node.id} and n.level >= 1
        order by n.level`,
  );
  const [children] = await queryRows<{ count: number }>(db, sql`select count(*)::int as count from policy_nodes where parent_id = ${node.id}`);
  return {
    ...node,
    level: Number(node.level),
    ancestors: ancestors.map((a) => ({ ...a, level: Number(a.level) })),
    childCount: children?.count ?? 0,
  };
}

export interface ChildFigures extends ScopeFigures {
  /** The child node; null for the projects placed directly on the scope's root (or, for the whole city, outside the tree). */
  node: (PolicyNodeInfo & { parentName: string | null }) | null;
}

/**
 * The KPIs of each node one level below the scope's root (the まちづくり目標 for the whole city),
 * in plan order, children without projects this year included; then the projects not under any
 * child, if there are any. Their project counts and total costs add up to the scope's. A scope
 * without child nodes (a 施策) has no children: an empty list.
 */
export async function getChildFigures(db: Db, scope: Scope): Promise<ChildFigures[]> {
  const nodes = await listChildNodes(db, scope.municipalityId, scope.policyPath);
  if (nodes.length === 0) return [];
  const figures = await scopeFigures(db, scope, 'child');
  const result: ChildFigures[] = nodes.flatMap((node) => {
    const f = figures.get(node.id);
    return f ? [{ ...f, node }] : [];
  });
  const rest = figures.get(0);
  if (rest) result.push({ ...rest, node: null });
  return result;
}

// ── The projects under a node ───────────────────────────────────────────────────────────────

export interface ScopeProject {
  code: string;
  name: string;
  /** The node the project is placed on (usually a 施策). */
  policy: { path: string; number: string | null; name: string } | null;
  /** 千円, exact decimal string. */
  totalCost: string;
  /** Project attainment (ratio), null where undefined. */
  attainment: number | null;
  /** Grade per criterion key; a criterion without a grade is absent. */
  ratings: Record<string, { code: string; band: Band }>;
}

/** Projects per page of a policy node's list: the project list's page (its filtered view has them all). */
export const NODE_PROJECT_PAGE_SIZE = PROJECT_PAGE_SIZE;

export interface ScopeProjectPage {
  rows: Omit<ScopeProject, 'ratings'>[];
  /** Projects in the scope, every page. */
  total: number;
  /** The page shown: the one asked for, or the last when it asked past the end. */
  page: number;
  pageCount: number;
}

/** One page of the projects in a scope, by code, without their ratings (the node page shows none). */
export async function pageProjectsInScope(db: Db, scope: Scope, page = 1, pageSize = NODE_PROJECT_PAGE_SIZE): Promise<ScopeProjectPage> {
  const [counted] = await queryRows<{ n: number }>(db, sql`${scopeCtes(scope)} select count(*)::int as n from ev`);
  const total = Number(counted?.n ?? 0);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const shown = Math.min(Math.max(1, page), pageCount);
  const rows = await queryRows<ProjectRow>(
    db,
    sql`${scopeCtes(scope)}
    select ${PROJECT_ROW_COLUMNS}
    from ev
    join projects p on p.id = ev.project_id
    left join policy_nodes n on n.id = ev.policy_node_id
    order by p.code
    limit ${pageSize} offset ${(shown - 1) * pageSize}`,
  );
  return {
    rows: rows.map(projectOf),
    total,
    page: shown,
    pageCount,
  };
}

/** The projects evaluated in the scope's fiscal year, by project code, with cost, attainment and ratings. */
export async function getProjectsInScope(db: Db, scope: Scope): Promise<ScopeProject[]> {
  const [rows, grades] = await Promise.all([
    queryRows<ProjectRow & { evaluation_id: number }>(
      db,
      sql`${scopeCtes(scope)}
      select ev.id as evaluation_id, ${PROJECT_ROW_COLUMNS}
      from ev
      join projects p on p.id = ev.project_id
      left join policy_nodes n on n.id = ev.policy_node_id
      order by p.code`,
    ),
    queryRows<{ evaluation_id: number; criterion: string; code: string; band: Band }>(
      db,
      sql`${scopeCtes(scope)}
      select ev.id as evaluation_id, c.key as criterion, g.code, g.band::text as band
      from ev
      join ratings r on r.evaluation_id = ev.id
      join rating_criteria c on c.id = r.criterion_id
      join rating_grades g on g.id = r.grade_id`,
    ),
  ]);
  const ratingsByEvaluation = new Map<number, Record<string, { code: string; band: Band }>>();
  for (const g of grades) {
    const id = Number(g.evaluation_id);
    const ratings = ratingsByEvaluation.get(id) ?? {};
    ratings[g.criterion] = { code: g.code, band: g.band };
    ratingsByEvaluation.set(id, ratings);
  }
  return rows.map((r) => ({ ...projectOf(r), ratings: ratingsByEvaluation.get(Number(r.evaluation_id)) ?? {} }));
}

/** A project of a scope as both project lists read it (joined as p, n and ev). */
type ProjectRow = {
  code: string;
  name: string;
  node_path: string | null;
  node_number: string | null;
  node_name: string | null;
  total_cost: string;
  attainment: number | null;
};

const PROJECT_ROW_COLUMNS = sql.raw(
  'p.code, p.name, n.path as node_path, n.number as node_number, n.name as node_name, ev.total_cost::text as total_cost, ev.attainment',
);

function projectOf(r: ProjectRow) {
  return {
    code: r.code,
    name: r.name,
    policy: r.node_path === null ? null : { path: r.node_path, number: r.node_number, name: r.node_name ?? '' },
    totalCost: r.total_cost,
    attainment: r.attainment === null ? null : Number(r.attainment),
  };
}
