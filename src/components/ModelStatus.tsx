import { formatBytes, useLang, useT } from '../i18n';
import { useMatcher } from '../matcher/useMatcher';
import { BackendBadge } from './BackendBadge';
import { ProgressBar } from './ProgressBar';

/**
 * What the model is doing: downloading (which file, how many bytes of how many, and why),
 * preparing, ready on which backend, or failed with what to do.
 */
export function ModelStatus({ compact = false }: { compact?: boolean }) {
  const t = useT();
  const { lang } = useLang();
  const { status, model, progress, error, modelId } = useMatcher();
  if (status === 'loading') {
    const downloading = progress && progress.total > 0 && progress.loaded < progress.total;
    if (downloading) {
      return (
        <div className="model-status" data-testid="model-status" data-status={status}>
          <ProgressBar
            label={t('modelDownloading', {
              file: progress.file ?? modelId ?? '',
              loaded: formatBytes(progress.loaded, lang),
              total: formatBytes(progress.total, lang),
            })}
            done={progress.loaded}
            total={progress.total}
          />
        </div>
      );
    }
    return (
      <div className="model-status" data-testid="model-status" data-status={status}>
        <ProgressBar
          label={progress?.message ? t('modelPreparing', { message: progress.message }) : t('modelLoading')}
          done={progress?.done}
          total={progress?.of}
          indeterminate={!progress?.of}
        />
      </div>
    );
  }
  if (status === 'error') {
    // The header (compact) says it briefly and points to Settings; Settings shows the whole reason.
    return (
      <div className="model-status error-message" role="alert" data-testid="model-status" data-status={status}>
        {compact ? (
          <>
            {t('modelErrorShort')} <a href="#/settings">{t('modelErrorDetails')}</a>
          </>
        ) : (
          t('modelError', { error: error ?? '' })
        )}
      </div>
    );
  }
  if (status === 'ready' && model) {
    return (
      <div className="model-status" data-testid="model-status" data-status={status}>
        {!compact && <span>{t('modelReady', { name: model.id })} </span>}
        <BackendBadge model={model} />
      </div>
    );
  }
  return compact ? null : (
    <div className="model-status muted" data-testid="model-status" data-status={status}>
      {t('modelIdle')}
    </div>
  );
}
