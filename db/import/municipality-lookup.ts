/**
 * What the database already knows that reading a file needs: the municipality a file without
 * municipality columns is for, and each municipality's rating scheme (to check grades against).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../client';
import { DEFAULT_RATING_SCHEME, type Band, type RatingSchemeSpec } from '../domain/rating-scheme';
import { municipalities, ratingCriteria, ratingGrades, ratingSchemes } from '../schema';
import { detach } from './detach';
import { fileProblem, type LoadOptions } from './outcome';
import type { Problem } from './problems';
import type { ImportProfile } from './profiles/schema';

/** Each municipality's rating scheme as stored, or the default for a municipality not seen yet. */
export async function schemesFor(db: Db, codes: string[], fallback: RatingSchemeSpec = DEFAULT_RATING_SCHEME): Promise<Map<string, RatingSchemeSpec>> {
  const rows = codes.length
    ? await db
        .select({
          code: municipalities.code,
          scheme: ratingSchemes.name,
          key: ratingCriteria.key,
          criterionJa: ratingCriteria.labelJa,
          criterionEn: ratingCriteria.labelEn,
          criterionPosition: ratingCriteria.position,
          grade: ratingGrades.code,
          gradeJa: ratingGrades.labelJa,
          gradeEn: ratingGrades.labelEn,
          gradePosition: ratingGrades.position,
          band: ratingGrades.band,
        })
        .from(ratingGrades)
        .innerJoin(ratingCriteria, eq(ratingGrades.criterionId, ratingCriteria.id))
        .innerJoin(ratingSchemes, eq(ratingCriteria.schemeId, ratingSchemes.id))
        .innerJoin(municipalities, eq(ratingSchemes.municipalityId, municipalities.id))
        .where(inArray(municipalities.code, codes))
        .orderBy(ratingCriteria.position, ratingGrades.position)
    : [];
  const schemes = new Map<string, RatingSchemeSpec>();
  for (const r of rows) {
    let scheme = schemes.get(r.code);
    if (!scheme) schemes.set(r.code, (scheme = { name: r.scheme, criteria: [] }));
    let criterion = scheme.criteria.find((c) => c.key === r.key);
    if (!criterion) scheme.criteria.push((criterion = { key: r.key, labelJa: r.criterionJa, labelEn: r.criterionEn, grades: [] }));
    criterion.grades.push({ code: r.grade, labelJa: r.gradeJa, labelEn: r.gradeEn, band: r.band as Band });
  }
  for (const code of codes) if (!schemes.has(code)) schemes.set(detach(code), fallback);
  return schemes;
}

/** A municipality's stored rating scheme, or null when Hyoka does not hold it yet. */
export async function storedScheme(db: Db, code: string): Promise<RatingSchemeSpec | null> {
  const none: RatingSchemeSpec = { name: '', criteria: [] };
  const scheme = (await schemesFor(db, [code], none)).get(code);
  return scheme && scheme !== none ? scheme : null;
}

/**
 * The municipality the file is for when it has no municipality columns (the option, else the
 * profile's); a problem when only a code is given and it is not known yet.
 */
export async function municipalityFor(
  db: Db,
  fileName: string,
  options: LoadOptions,
  profile: ImportProfile,
): Promise<{ code: string; name: string } | Problem | undefined> {
  const given = options.municipality ?? (profile.municipality ? { code: profile.municipality.code, name: profile.municipality.name } : undefined);
  if (!given) return undefined;
  if (given.name) return { code: given.code, name: given.name };
  const [known] = await db.select({ name: municipalities.name }).from(municipalities).where(eq(municipalities.code, given.code));
  if (known) return { code: given.code, name: known.name };
  return fileProblem(
    fileName,
    `自治体コード「${given.code}」はまだ登録されていません。自治体名も指定してください（例: --municipality ${given.code}:伊勢原市）`,
    `Municipality "${given.code}" is not known yet; give its name too (e.g. --municipality ${given.code}:Isehara)`,
  );
}
