import { useT } from '../i18n';

export interface ErrorMessageProps {
  /** What happened and what to do; shown as text, never as HTML. */
  message: string | null | undefined;
  title?: string;
  onDismiss?: () => void;
  onRetry?: () => void;
  testId?: string;
}

/** An alert that screen readers announce; the input that caused it stays where it was. */
export function ErrorMessage({ message, title, onDismiss, onRetry, testId }: ErrorMessageProps) {
  const t = useT();
  if (!message) return null;
  return (
    <div className="error-message" role="alert" data-testid={testId}>
      <strong>{title ?? t('errorTitle')}</strong>
      <p>{message}</p>
      {(onRetry || onDismiss) && (
        <div className="button-row">
          {onRetry && (
            <button type="button" onClick={onRetry}>
              {t('retry')}
            </button>
          )}
          {onDismiss && (
            <button type="button" className="secondary" onClick={onDismiss}>
              {t('dismiss')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
