/**
 * The mapping step for a municipality Hyoka already holds: its stored rating scheme's criteria are
 * fields of their own (`評価：政策体系との整合性`), and a verdict column whose header names one of
 * them is proposed as that criterion — a new criterion would be refused, since grades are checked
 * against the stored scheme (validate.ts).
 */
import type { CriterionSpec as RatingCriterionSpec, RatingSchemeSpec } from '../../domain/rating-scheme';
import { RATING_COLUMNS } from '../format';
import type { ProfileInput, SourceRef } from '../profiles/schema';
import { coreHeader, NEW_RATING, type Proposal } from './propose';

export const SCHEME_RATING_PREFIX = '評価：';

const DEFAULT_KEYS = new Set<string>(RATING_COLUMNS.map((r) => r.key));

/** The stored criteria that are not Hyoka's default columns (those are fields already). */
function ownCriteria(scheme: RatingSchemeSpec | null | undefined): RatingCriterionSpec[] {
  return scheme?.criteria.filter((c) => !DEFAULT_KEYS.has(c.key)) ?? [];
}

/** One field per criterion of the municipality's own scheme. */
export function schemeFields(scheme: RatingSchemeSpec | null | undefined): string[] {
  return ownCriteria(scheme).map((c) => `${SCHEME_RATING_PREFIX}${c.labelJa}`);
}

/**
 * Verdict columns proposed as a new criterion whose header names a stored one become that one
 * (each at most once); the others are proposed as ignored, since the stored scheme would refuse
 * their grades (大船渡's ○ columns 実施計画 / 総合戦略 are marks, not verdicts).
 */
export function matchSchemeCriteria(proposals: Proposal[], scheme: RatingSchemeSpec | null | undefined): Proposal[] {
  if (!scheme) return proposals;
  const criteria = ownCriteria(scheme);
  const taken = new Set<string>();
  return proposals.map((p) => {
    if (p.field !== NEW_RATING) return p;
    const core = coreHeader(p.header);
    const criterion = criteria.find((c) => !taken.has(c.key) && coreHeader(c.labelJa) === core);
    if (!criterion) return { ...p, field: null };
    taken.add(criterion.key);
    return { ...p, field: `${SCHEME_RATING_PREFIX}${criterion.labelJa}`, reason: 'similar' as const };
  });
}

type ProfileCriterion = NonNullable<ProfileInput['rating']>['criteria'][number];

/** The profile criterion for a column mapped to a stored criterion: its key, labels and grades as stored. */
export function schemeCriterion(field: string, source: SourceRef, scheme: RatingSchemeSpec | null | undefined): ProfileCriterion | null {
  if (!field.startsWith(SCHEME_RATING_PREFIX)) return null;
  const label = field.slice(SCHEME_RATING_PREFIX.length);
  const c = ownCriteria(scheme).find((x) => x.labelJa === label);
  if (!c) return null;
  return {
    key: c.key,
    labelJa: c.labelJa,
    labelEn: c.labelEn,
    grade: source,
    grades: c.grades.map(({ code, labelJa, labelEn, band }) => ({ code, labelJa, labelEn, band })),
  };
}
