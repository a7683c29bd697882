import type { DataError } from '../../core/result';

/** Shows a DataError verbatim: its message already names the file, row and column. */
export function ErrorBanner({ error, onDismiss }: { error: DataError; onDismiss?: () => void }) {
  return (
    <div role="alert" className="error-banner" data-testid="error" data-kind={error.kind} data-row={error.row ?? ''} data-column={error.column ?? ''}>
      <span>{error.message}</span>
      {onDismiss && (
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss error">
          Dismiss
        </button>
      )}
    </div>
  );
}
