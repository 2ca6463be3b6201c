/**
 * The import profiles Hyoka ships (db/import/profiles/schema.ts says what a profile is). A
 * profile file of one's own (JSON, same schema) can be given to the CLI by path.
 */
import { hyokaProfile } from './hyoka';
import { nationalReview21Profile } from './national-review-2-1';
import { nationalReview31Profile } from './national-review-3-1';
import { nationalReview41Profile } from './national-review-4-1';
import { ofunatoProfile } from './ofunato';
import { profileSchema, type ImportProfile } from './schema';

export const DEFAULT_PROFILE = 'hyoka';

/** Parsed (and so checked) when the module loads: a broken shipped profile fails every test. */
export const PROFILES: readonly ImportProfile[] = [hyokaProfile, ofunatoProfile, nationalReview21Profile, nationalReview31Profile, nationalReview41Profile].map(
  (p) => profileSchema.parse(p),
);

export function findProfile(name: string): ImportProfile | undefined {
  return PROFILES.find((p) => p.name === name);
}

/** A profile from JSON text (a user's file); the error lists what is wrong, path by path. */
export function parseProfile(json: unknown): { ok: true; profile: ImportProfile } | { ok: false; error: string } {
  const parsed = profileSchema.safeParse(json);
  if (parsed.success) return { ok: true, profile: parsed.data };
  return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') };
}
