'use client';

/**
 * A submit button that says what is happening while its form's server action runs (checking a
 * large file or committing it can take a while): the label changes and a progress bar appears.
 */
import { useFormStatus } from 'react-dom';

export function SubmitButton({ label, pendingLabel, className, disabled }: { label: string; pendingLabel: string; className?: string; disabled?: boolean }) {
  const { pending } = useFormStatus();
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
