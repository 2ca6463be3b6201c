'use client';

/**
 * A submit button that says what is happening while its form's server action runs (checking a
 * large file or committing it can take a while): the label changes and a progress bar appears.
 * `pending` says so for a form that is a plain POST (no server action to watch).
 */
import { useFormStatus } from 'react-dom';

export function SubmitButton({
  label,
  pendingLabel,
  className,
  disabled,
  pending: sending,
}: {
  label: string;
  pendingLabel: string;
  className?: string;
  disabled?: boolean;
  pending?: boolean;
}) {
  const status = useFormStatus();
  const pending = status.pending || !!sending;
  return (
    <span className="submit-with-status">
      <button type="submit" className={className} disabled={pending || disabled} aria-disabled={pending || disabled}>
        {pending ? pendingLabel : label}
      </button>
      {pending && (
        <span className="pending-status" role="status" data-testid="pending-status">
          <progress aria-label={pendingLabel} />
        </span>
      )}
    </span>
  );
}
