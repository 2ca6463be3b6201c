/**
 * Display names: what the header, the import history and the activity log call a person. Stored
 * NFKC-normalised and trimmed, 1–50 characters, no control or invisible formatting characters;
 * unique whatever the case or width (the auth_users_name_key index compares the same key).
 */
import type { Message } from '../domain/numbers';

export const MAX_NAME_LENGTH = 50;

/** The form a name is stored in. */
export function normalizeName(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** The key two names collide on: the same after NFKC and lower-casing (as the unique index). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

export type NameCheck = { ok: true; name: string } | { ok: false; message: Message };

/** Normalises and checks a name typed by someone (not yet its uniqueness: that needs the database). */
export function checkName(raw: string): NameCheck {
  const name = normalizeName(raw);
  // Control characters, and format characters (zero-width spaces, bidi overrides) that make one name look like another.
  if (/[\p{Cc}\p{Cf}\p{Co}\p{Cn}]/u.test(name)) {
    return { ok: false, message: { ja: '氏名に制御文字や見えない文字は使えません。', en: 'The name must not contain control or invisible characters.' } };
  }
  const length = [...name].length;
  if (length === 0) return { ok: false, message: { ja: '氏名を入力してください。', en: 'Enter a name.' } };
  if (length > MAX_NAME_LENGTH) {
    return {
      ok: false,
      message: {
        ja: `氏名は${MAX_NAME_LENGTH}文字以内にしてください（${length}文字あります）。`,
        en: `Use at most ${MAX_NAME_LENGTH} characters for the name (it has ${length}).`,
      },
    };
  }
  return { ok: true, name };
}

export const NAME_TAKEN: Message = {
  ja: 'この氏名は別の利用者が使っています。区別できる氏名にしてください（大文字・小文字や全角・半角の違いは同じとみなします）。',
  en: 'Another user already has this name. Choose one that tells you apart (case and full/half width do not count as differences).',
};
