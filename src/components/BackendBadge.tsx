import type { LoadedModel } from '../../workers/api';
import { useT } from '../i18n';

export function backendName(backend: LoadedModel['backend']): string {
  return backend === 'webgpu' ? 'WebGPU' : backend === 'wasm' ? 'WASM' : backend.toUpperCase();
}

/** Which backend and dtype the model runs on, and why it fell back to WASM if it did. */
export function BackendBadge({ model }: { model: LoadedModel | null | undefined }) {
  const t = useT();
  if (!model) return null;
  const backend = backendName(model.backend);
  return (
    <span className="backend-badge" data-testid="backend-badge">
      <span className="badge">
        {t('backendLabel')}: {backend} · {model.dtype}
      </span>
      {model.fallbackReason && (
        <span className="badge badge-warn">{t('backendFallback', { reason: model.fallbackReason })}</span>
      )}
    </span>
  );
}
