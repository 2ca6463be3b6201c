'use client';

/** The form importing a profile JSON file; the action's answer shows above the button. */
import { useActionState } from 'react';
import { SubmitButton } from '../_components/SubmitButton';
import { importProfileAction, type ProfileImportState } from './actions';

export interface ProfileImportText {
  importHeading: string;
  importLead: string;
  file: string;
  code: string;
  city: string;
  cityHint: string;
  submit: string;
  submitting: string;
}

export function ProfileImportForm({ text: t }: { text: ProfileImportText }) {
  const [state, action] = useActionState<ProfileImportState, FormData>(importProfileAction, null);
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
      {state && (
        <p className={`notice ${state.ok ? 'good' : 'bad'}`} role={state.ok ? 'status' : 'alert'} data-testid="profile-import-result">
          {state.message}
        </p>
      )}
      <SubmitButton label={t.submit} pendingLabel={t.submitting} className="primary" />
    </form>
  );
}
