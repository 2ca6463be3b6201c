'use client';

/** The form importing a profile JSON file; the action's answer shows above the button. */
import { useActionState } from 'react';
import type { Locale } from '@/app/lib/i18n';
import { SubmitButton } from '../_components/SubmitButton';
import { importProfileAction, type ProfileImportState } from './actions';
import { PROFILES_TEXT } from './text';

export function ProfileImportForm({ locale }: { locale: Locale }) {
  const t = PROFILES_TEXT[locale];
  const [state, action] = useActionState<ProfileImportState, FormData>(importProfileAction, null);
  const message =
    state === null
      ? null
      : state.ok
        ? t.imported(state.name, state.version)
        : 'problem' in state
          ? { 'no-file': t.noFile, 'too-large': t.tooLarge, 'bad-city': t.badCity }[state.problem]
          : `${state.message.ja} / ${state.message.en}`;
  return (
    <form action={action} className="panel profile-import" data-testid="profile-import">
      <h2>{t.importHeading}</h2>
      <p className="hint">{t.importLead}</p>
      <label>
        {t.file}
        <input type="file" name="file" accept=".json,application/json" required />
      </label>
      <label>
        {t.code}
        <input name="code" inputMode="numeric" pattern="\d{6}" autoComplete="off" aria-describedby="profile-city-hint" />
      </label>
      <label>
        {t.city}
        <input name="city" autoComplete="off" aria-describedby="profile-city-hint" />
      </label>
      <p className="hint" id="profile-city-hint">
        {t.cityHint}
      </p>
      {message && (
        <p className={`notice ${state?.ok ? 'good' : 'bad'}`} role={state?.ok ? 'status' : 'alert'} data-testid="profile-import-result">
          {message}
        </p>
      )}
      <SubmitButton label={t.submit} pendingLabel={t.submitting} className="primary" />
    </form>
  );
}
