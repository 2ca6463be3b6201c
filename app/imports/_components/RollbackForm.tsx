'use client';

/**
 * Rolling a batch back, behind an explicit confirmation (a required tick box, so it works without
 * JavaScript and cannot be clicked by accident). A refusal from the server is shown in place.
 */
import { useActionState } from 'react';
import type { Locale } from '@/app/lib/i18n';
import { rollbackAction, type ActionState } from '../actions';
import { SubmitButton } from './SubmitButton';

export interface RollbackText {
  heading: string;
  explain: string;
  confirm: string;
  button: string;
  running: string;
  refused: string;
}

const INITIAL: ActionState = { error: null };

export function RollbackForm({ batchId, text, locale }: { batchId: number; text: RollbackText; locale: Locale }) {
  const [state, action] = useActionState(rollbackAction, INITIAL);
  return (
    <details className="rollback panel" data-testid="rollback" open={state.error !== null}>
      <summary>{text.heading}</summary>
      <form action={action}>
        <input type="hidden" name="id" value={batchId} />
        <p>{text.explain}</p>
        <label className="confirm">
          <input type="checkbox" name="confirm" value="yes" required /> {text.confirm}
        </label>
        {state.error && (
          <div className="form-error" role="alert" data-testid="rollback-error">
            <strong>{text.refused}: </strong>
            {state.error[locale]}
          </div>
        )}
        <div className="actions">
          <SubmitButton label={text.button} pendingLabel={text.running} className="danger" />
        </div>
      </form>
    </details>
  );
}
