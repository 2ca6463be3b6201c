/**
 * Which passwords Hyoka accepts wherever one is set (the CLI, an admin creating a user or
 * resetting a password, a user changing their own): long enough, and not easy to guess according
 * to zxcvbn-ts with its common-password dictionaries and keyboard patterns (bundled, so it works
 * offline), the user's own email and name counting as known words.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { Message } from '../domain/numbers';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
/** zxcvbn's 0–4 scale; 3 = "safely unguessable" (about 10^8 guesses and more), beyond an online attack under the sign-in throttle. */
export const MIN_PASSWORD_SCORE = 3;

let checker: ZxcvbnFactory | null = null;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
  return checker;
}

export interface PasswordContext {
  email?: string | null;
  name?: string | null;
}

/** Words the password must not be built from: the email, its parts, the name. */
function userInputs({ email, name }: PasswordContext): string[] {
  const words = new Set<string>();
  for (const value of [email, name]) {
    if (!value) continue;
    words.add(value.toLowerCase());
    for (const part of value.toLowerCase().split(/[@.\s_\-+]+/)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** null when the password may be used, else why not (Japanese and English, with what to do). */
export function passwordProblem(password: string, context: PasswordContext = {}): Message | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return {
      ja: `パスワードが短すぎます。${MIN_PASSWORD_LENGTH}文字以上にしてください。`,
      en: `The password is too short. Use at least ${MIN_PASSWORD_LENGTH} characters.`,
    };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return {
      ja: `パスワードが長すぎます。${MAX_PASSWORD_LENGTH}文字以下にしてください。`,
      en: `The password is too long. Use at most ${MAX_PASSWORD_LENGTH} characters.`,
    };
  }
  const inputs = userInputs(context);
  const lowered = password.toLowerCase();
  if (inputs.some((w) => w.length >= 3 && lowered.includes(w) && w.length * 2 >= lowered.length)) {
    return {
      ja: 'パスワードにメールアドレスや氏名を使わないでください。推測されにくい語を組み合わせてください。',
      en: 'Do not use your email or name in the password. Combine words that are hard to guess.',
    };
  }
  const result = zxcvbn().check(password, inputs);
  if (result.score < MIN_PASSWORD_SCORE) {
    return {
      ja: 'このパスワードは推測されやすいため使えません（よく使われる語・連続した文字・繰り返しなど）。関係のない複数の語を組み合わせるなど、より長く推測されにくいものにしてください。',
      en: 'This password is too easy to guess (a common word, a sequence or a repetition). Use a longer one that is hard to guess, e.g. several unrelated words.',
    };
  }
  return null;
}
