'use client';

/**
 * The upload form: file, optional municipality and mapping file. A plain multipart POST to the
 * streaming upload route (works without JavaScript); its form mistakes come back in the URL and
 * are shown here. With JavaScript a file over the limit is refused before it is sent.
 */
import { useState } from 'react';
import { MAX_UPLOAD_BYTES } from '../_lib/limits';
import { SubmitButton } from './SubmitButton';

export interface UploadFormText {
  heading: string;
  file: string;
  fileHint: string;
  options: string;
  municipalityCode: string;
  municipalityName: string;
  municipalityHint: string;
  mapping: string;
  mappingHint: string;
  profile: string;
  profileHint: string;
  fiscalYear: string;
  fiscalYearHint: string;
  submit: string;
  submitting: string;
  tooLarge: string;
}

export interface ProfileOption {
  name: string;
  label: string;
}

export function UploadForm({ text, profiles, problem }: { text: UploadFormText; profiles: ProfileOption[]; problem: string | null }) {
  const [tooLarge, setTooLarge] = useState(false);
  const [sending, setSending] = useState(false);
  const error = tooLarge ? text.tooLarge : problem;
  return (
    <form
      action="/imports/upload"
      method="post"
      encType="multipart/form-data"
      className="upload-form panel"
      data-testid="upload-form"
      onSubmit={() => setSending(true)}
    >
      <h2>{text.heading}</h2>
      <label className="field file-field">
        <span className="field-label">{text.file}</span>
        <input
          type="file"
          name="file"
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          required
          onChange={(e) => {
            setTooLarge((e.currentTarget.files?.[0]?.size ?? 0) > MAX_UPLOAD_BYTES);
            setSending(false);
          }}
        />
        <span className="hint">{text.fileHint}</span>
      </label>
      <label className="field profile-field">
        <span className="field-label">{text.profile}</span>
        <select name="profile" defaultValue={profiles[0]?.name} data-testid="profile-select">
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.label}
            </option>
          ))}
        </select>
        <span className="hint">{text.profileHint}</span>
      </label>
      <details className="upload-options">
        <summary>{text.options}</summary>
        <div className="option-grid">
          <label className="field">
            <span className="field-label">{text.municipalityCode}</span>
            <input type="text" name="municipalityCode" inputMode="numeric" autoComplete="off" placeholder="142140" maxLength={20} />
          </label>
          <label className="field">
            <span className="field-label">{text.municipalityName}</span>
            <input type="text" name="municipalityName" autoComplete="off" placeholder="伊勢原市" maxLength={60} />
          </label>
          <p className="hint span-2">{text.municipalityHint}</p>
          <label className="field span-2">
            <span className="field-label">{text.fiscalYear}</span>
            <input type="text" name="fiscalYear" autoComplete="off" placeholder="令和5年度" maxLength={20} />
            <span className="hint">{text.fiscalYearHint}</span>
          </label>
          <label className="field span-2">
            <span className="field-label">{text.mapping}</span>
            <input type="file" name="mapping" accept=".json,application/json" />
            <span className="hint">{text.mappingHint}</span>
          </label>
        </div>
      </details>
      {error && (
        <p className="form-error" role="alert" data-testid="upload-error">
          {error}
        </p>
      )}
      <div className="actions">
        <SubmitButton label={text.submit} pendingLabel={text.submitting} className="primary" disabled={tooLarge} pending={sending} />
      </div>
    </form>
  );
}
