import type { LoadedModel } from '../../workers/api';
import { useT } from '../i18n';

/** Which backend and dtype the model runs on, and why it fell back to WASM if it did. */
export function BackendBadge({ model }: { model: LoadedModel | null | undefined }) {
  const t = useT();
  if (!model) return null;
  const backend = model.backend === 'webgpu' ? 'WebGPU' : model.backend === 'wasm' ? 'WASM' : model.backend.toUpperCase();
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
