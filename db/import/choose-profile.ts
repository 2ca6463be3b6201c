/** Which profile reads a file (db/import/profiles), and the rating scheme it brings. */
import type { RatingSchemeSpec } from '../domain/rating-scheme';
import { fileProblem, type LoadOptions } from './outcome';
import type { Problem } from './problems';
import { DEFAULT_PROFILE, findProfile, PROFILES } from './profiles';
import type { ImportProfile } from './profiles/schema';

/** The profile named (or given); a problem when there is no such profile or it does not read this kind of file. */
export function pickProfile(fileName: string, given: LoadOptions['profile'], kind: 'csv' | 'xlsx'): ImportProfile | Problem {
  const profile = typeof given === 'object' ? given : findProfile(given ?? DEFAULT_PROFILE);
  if (!profile) {
    const names = PROFILES.map((p) => p.name).join(', ');
    return fileProblem(
      fileName,
      `取り込み設定（プロファイル）「${given}」はありません（使えるもの: ${names}）`,
      `There is no import profile "${given}" (available: ${names})`,
    );
  }
  if (!profile.accepts.includes(kind)) {
    const kindJa = kind === 'xlsx' ? 'Excelブック（.xlsx）' : 'CSVファイル';
    return fileProblem(
      fileName,
      `プロファイル「${profile.name}」は${kindJa}を読みません（${profile.accepts.join('・')}用）。ファイルかプロファイルを確認してください`,
      `Profile "${profile.name}" does not read ${kind === 'xlsx' ? 'Excel workbooks' : 'CSV files'} (it reads ${profile.accepts.join(', ')})`,
    );
  }
  return profile;
}

/** The scheme a municipality first seen in this file gets: the profile's, else Hyoka's default. */
export function schemeOf(profile: ImportProfile): RatingSchemeSpec | undefined {
  if (!profile.rating) return undefined;
  return {
    name: profile.rating.name,
    criteria: profile.rating.criteria.map(({ key, labelJa, labelEn, grades, watch }) => ({ key, labelJa, labelEn, grades, watch })),
  };
}
