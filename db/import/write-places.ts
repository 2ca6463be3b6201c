/**
 * The rows a record refers to before its project: municipality (with its rating scheme),
 * population, policy chain, department and section.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, watchRoleOf, type RatingSchemeSpec } from '../domain/rating-scheme';
import { departments, municipalities, municipalityPopulations, policyNodes, ratingCriteria, ratingGrades, ratingSchemes, sections } from '../schema';
import type { SheetRecord } from './read-canonical';
import { type Tx, chunks, excluded } from './write-common';
import { isTrue } from './write-ratings';

export async function upsertMunicipalities(
  tx: Tx,
  records: SheetRecord[],
  ensured: Set<number>,
  scheme?: RatingSchemeSpec,
): Promise<{ ids: Map<string, number>; created: Set<string> }> {
  const byCode = new Map(records.map((r) => [r.municipalityCode, r.municipalityName]));
  const rows = await tx
    .insert(municipalities)
    .values([...byCode].map(([code, name]) => ({ code, name })))
    .onConflictDoUpdate({ target: municipalities.code, set: { name: excluded('name') } })
    .returning({ id: municipalities.id, code: municipalities.code, inserted: sql<boolean | string>`(xmax = 0)` });
  const ids = new Map(rows.map((r) => [r.code, r.id]));
  const created = new Set(rows.filter((r) => isTrue(r.inserted)).map((r) => r.code));
  for (const id of ids.values()) {
    if (ensured.has(id)) continue;
    await ensureRatingScheme(tx, id, scheme);
    ensured.add(id);
  }
  return { ids, created };
}

/** Gives a municipality the default scheme the first time it is seen. */
export async function ensureRatingScheme(tx: Tx | Db, municipalityId: number, spec: RatingSchemeSpec = DEFAULT_RATING_SCHEME): Promise<void> {
  const existing = await tx.select({ id: ratingSchemes.id }).from(ratingSchemes).where(eq(ratingSchemes.municipalityId, municipalityId));
  if (existing.length > 0) return;
  const [scheme] = await tx.insert(ratingSchemes).values({ municipalityId, name: spec.name }).returning({ id: ratingSchemes.id });
  for (const [position, c] of spec.criteria.entries()) {
    const [criterion] = await tx
      .insert(ratingCriteria)
      .values({ schemeId: scheme!.id, key: c.key, labelJa: c.labelJa, labelEn: c.labelEn, position, watchRule: watchRoleOf(c) })
      .returning({ id: ratingCriteria.id });
    await tx.insert(ratingGrades).values(
      c.grades.map((g, i) => ({
        criterionId: criterion!.id,
        code: g.code,
        labelJa: g.labelJa,
        labelEn: g.labelEn,
        position: i,
        band: g.band,
      })),
    );
  }
}

export interface PreviousPopulation {
  municipalityId: number;
  fiscalYear: number;
  population: number | null;
  source: string | null;
}

/** Writes the populations the file states; returns what they replaced (for rollback). */
export async function upsertPopulations(
  tx: Tx,
  records: SheetRecord[],
  ids: Map<string, number>,
  batchId: number,
  previousByKey: Map<string, PreviousPopulation>,
): Promise<void> {
  const byKey = new Map<string, { municipalityId: number; fiscalYear: number; population: number }>();
  for (const r of records) {
    if (r.population === null) continue;
    const municipalityId = ids.get(r.municipalityCode)!;
    byKey.set(`${municipalityId}/${r.fiscalYear}`, { municipalityId, fiscalYear: r.fiscalYear, population: r.population });
  }
  if (byKey.size === 0) return;
  const before = await tx
    .select()
    .from(municipalityPopulations)
    .where(inArray(municipalityPopulations.municipalityId, [...new Set([...byKey.values()].map((v) => v.municipalityId))]));
  // What a population was before this batch: recorded the first time a chunk replaces it.
  for (const [k, v] of byKey) {
    if (previousByKey.has(k)) continue;
    const old = before.find((b) => b.municipalityId === v.municipalityId && b.fiscalYear === v.fiscalYear);
    previousByKey.set(k, { municipalityId: v.municipalityId, fiscalYear: v.fiscalYear, population: old?.population ?? null, source: old?.source ?? null });
  }
  await tx
    .insert(municipalityPopulations)
    .values([...byKey.values()].map((v) => ({ ...v, source: `import:${batchId}` })))
    .onConflictDoUpdate({
      target: [municipalityPopulations.municipalityId, municipalityPopulations.fiscalYear],
      set: { population: excluded('population'), source: excluded('source') },
    });
}

interface NodeSpec {
  municipalityId: number;
  level: number;
  number: string | null;
  name: string;
  path: string;
  parentPath: string | null;
}

/** The chain of policy nodes a record names, top first, with their paths. */
function policyChain(r: SheetRecord, municipalityId: number): NodeSpec[] {
  const chain: NodeSpec[] = [];
  let parentPath: string | null = null;
  if (r.pillar) {
    parentPath = `pillar:${r.pillar}`;
    chain.push({ municipalityId, level: 0, number: null, name: r.pillar, path: parentPath, parentPath: null });
  }
  const segments: string[] = [];
  r.policy.forEach((level, i) => {
    segments.push(level.number ?? level.name);
    const path = segments.join('/');
    chain.push({ municipalityId, level: i + 1, number: level.number, name: level.name, path, parentPath });
    parentPath = path;
  });
  return chain;
}

/** Returns the id of each record's deepest policy node, keyed by municipality + path. */
export async function upsertPolicyNodes(tx: Tx, records: SheetRecord[], ids: Map<string, number>) {
  const nodes = new Map<string, NodeSpec>();
  for (const r of records) {
    for (const n of policyChain(r, ids.get(r.municipalityCode)!)) nodes.set(`${n.municipalityId}|${n.path}`, n);
  }
  const nodeIds = new Map<string, number>();
  // Parents before children, so every parent id is known when its children are written.
  for (let level = 0; level <= 4; level++) {
    const atLevel = [...nodes.values()].filter((n) => n.level === level);
    for (const part of chunks(atLevel)) {
      const rows = await tx
        .insert(policyNodes)
        .values(
          part.map((n) => ({
            municipalityId: n.municipalityId,
            level: n.level,
            number: n.number,
            name: n.name,
            path: n.path,
            parentId: n.parentPath ? (nodeIds.get(`${n.municipalityId}|${n.parentPath}`) ?? null) : null,
          })),
        )
        .onConflictDoUpdate({
          target: [policyNodes.municipalityId, policyNodes.path],
          set: { name: excluded('name'), number: excluded('number'), parentId: excluded('parent_id'), level: excluded('level') },
        })
        .returning({ id: policyNodes.id, municipalityId: policyNodes.municipalityId, path: policyNodes.path });
      for (const row of rows) nodeIds.set(`${row.municipalityId}|${row.path}`, row.id);
    }
  }
  return (r: SheetRecord): number | null => {
    const chain = policyChain(r, ids.get(r.municipalityCode)!);
    const deepest = chain[chain.length - 1];
    return deepest ? (nodeIds.get(`${deepest.municipalityId}|${deepest.path}`) ?? null) : null;
  };
}

export async function upsertOrganisation(tx: Tx, records: SheetRecord[], ids: Map<string, number>) {
  const deptKeys = new Map<string, { municipalityId: number; name: string }>();
  for (const r of records) {
    if (!r.department) continue;
    const municipalityId = ids.get(r.municipalityCode)!;
    deptKeys.set(`${municipalityId}|${r.department}`, { municipalityId, name: r.department });
  }
  const deptIds = new Map<string, number>();
  for (const part of chunks([...deptKeys.values()])) {
    const rows = await tx
      .insert(departments)
      .values(part)
      .onConflictDoUpdate({ target: [departments.municipalityId, departments.name], set: { name: excluded('name') } })
      .returning({ id: departments.id, municipalityId: departments.municipalityId, name: departments.name });
    for (const row of rows) deptIds.set(`${row.municipalityId}|${row.name}`, row.id);
  }
  const sectionKeys = new Map<string, { departmentId: number; name: string }>();
  for (const r of records) {
    if (!r.department || !r.section) continue;
    const departmentId = deptIds.get(`${ids.get(r.municipalityCode)}|${r.department}`)!;
    sectionKeys.set(`${departmentId}|${r.section}`, { departmentId, name: r.section });
  }
  const sectionIds = new Map<string, number>();
  for (const part of chunks([...sectionKeys.values()])) {
    const rows = await tx
      .insert(sections)
      .values(part)
      .onConflictDoUpdate({ target: [sections.departmentId, sections.name], set: { name: excluded('name') } })
      .returning({ id: sections.id, departmentId: sections.departmentId, name: sections.name });
    for (const row of rows) sectionIds.set(`${row.departmentId}|${row.name}`, row.id);
  }
  return (r: SheetRecord) => {
    const departmentId = r.department ? (deptIds.get(`${ids.get(r.municipalityCode)}|${r.department}`) ?? null) : null;
    const sectionId = departmentId && r.section ? (sectionIds.get(`${departmentId}|${r.section}`) ?? null) : null;
    return { departmentId, sectionId };
  };
}
