import { useEffect, useId, useState } from 'react';
import type { DeviceChoice, ModelEntry } from '../../../workers/api';
import { CONTENT_LANGS, formatBytes, LANG_NAMES, UI_LANGS, useLang, useT } from '../../i18n';
import { settingsStrings } from '../../i18n/strings/settings';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ModelStatus } from '../../components/ModelStatus';
import { backendName } from '../../components/BackendBadge';
import { ProgressBar } from '../../components/ProgressBar';
import { useMatcher, resetModelState } from '../../matcher/useMatcher';
import { clearAllData } from '../../state/persist';
import { OfflineStatus, PrivacyStatement } from '../../pwa';

const DEVICES: { value: DeviceChoice; key: 'deviceAuto' | 'deviceWebgpu' | 'deviceWasm' }[] = [
  { value: 'auto', key: 'deviceAuto' },
  { value: 'webgpu', key: 'deviceWebgpu' },
  { value: 'wasm', key: 'deviceWasm' },
];

export default function SettingsView() {
  const t = useT(settingsStrings);
  const { lang, setLang, contentLang, setContentLang } = useLang();
  const matcher = useMatcher();
  const [models, setModels] = useState<ModelEntry[] | null>(null);
  const [modelsError, setModelsError] = useState<string | null>(null);
  const [device, setDevice] = useState<DeviceChoice>(matcher.device);
  const [clearing, setClearing] = useState(false);
  const deviceGroup = useId();

  useEffect(() => {
    let alive = true;
    matcher.client
      .listModels()
      .then((list) => alive && setModels(list))
      .catch((error: unknown) => alive && setModelsError(error instanceof Error ? error.message : String(error)));
    return () => {
      alive = false;
    };
  }, [matcher.client]);

  const activeId = matcher.model?.id ?? null;
  const busy = matcher.status === 'loading';

  async function clearData() {
    if (!window.confirm(t('dataConfirm'))) return;
    setClearing(true);
    resetModelState();
    await clearAllData();
    location.reload();
  }

  return (
    <section aria-labelledby="settings-heading" className="settings-view">
      <h2 id="settings-heading">{t('title')}</h2>

      <section className="card" aria-labelledby="models-heading">
        <h3 id="models-heading">{t('modelsTitle')}</h3>
        <p>{t('modelsIntro')}</p>
        <ModelStatus />
        {/* The same failure often stops both the list and the model: say it once. */}
        <ErrorMessage message={modelsError && modelsError !== matcher.error ? t('modelsError', { error: modelsError }) : null} />
        {!models && !modelsError && <ProgressBar label={t('modelsLoading')} indeterminate />}
        {models && (
          <table className="plain" data-testid="model-table">
            <thead>
              <tr>
                <th scope="col">{t('modelName')}</th>
                <th scope="col">{t('modelSize')}</th>
                <th scope="col">{t('modelLanguages')}</th>
                <th scope="col">{t('modelRecipe')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('modelUse')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.map((model) => (
                <tr key={model.id}>
                  <th scope="row">
                    {model.name}
                    <div className="muted model-meta">
                      <code>{model.id}</code> · {t('modelDim')}: {model.dim}
                      {model.isDefault && <> · {t('modelDefault')}</>}
                    </div>
                  </th>
                  <td>{formatBytes(model.sizeBytes, lang)}</td>
                  <td>{model.languages.join(', ')}</td>
                  <td>{model.recipeSummary}</td>
                  <td>
                    {activeId === model.id && !busy ? (
                      <span className="badge">{t('modelCurrent')}</span>
                    ) : (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => void matcher.loadModel(model.id, device)}
                      >
                        {t('modelUse')}
                        <span className="visually-hidden">: {model.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className="card" aria-labelledby="device-heading">
        <h3 id="device-heading">{t('deviceTitle')}</h3>
        <fieldset className="plain-fieldset">
          <legend>{t('deviceIntro')}</legend>
          {DEVICES.map((option) => (
            <label key={option.value} style={{ display: 'block' }}>
              <input
                type="radio"
                name={deviceGroup}
                value={option.value}
                checked={device === option.value}
                onChange={() => setDevice(option.value)}
              />{' '}
              {t(option.key)}
            </label>
          ))}
        </fieldset>
        <div className="button-row">
          <button
            type="button"
            disabled={busy || !(activeId ?? matcher.modelId) || (device === matcher.device && matcher.status === 'ready')}
            onClick={() => void matcher.loadModel((activeId ?? matcher.modelId)!, device)}
          >
            {t('deviceApply')}
          </button>
        </div>
        <h4>{t('runningTitle')}</h4>
        <dl className="running" data-testid="running">
          <dt>{t('runningBackend')}</dt>
          <dd>{matcher.model ? backendName(matcher.model.backend) : '—'}</dd>
          <dt>{t('runningDtype')}</dt>
          <dd>{matcher.model?.dtype ?? '—'}</dd>
          <dt>{t('runningFallback')}</dt>
          <dd>{matcher.model ? (matcher.model.fallbackReason ?? t('runningNone')) : '—'}</dd>
          <dt>{t('runningScoring')}</dt>
          <dd data-testid="running-scoring">
            {!matcher.model?.scoring
              ? '—'
              : matcher.model.scoring === 'onnxruntime'
                ? t('runningScoringOrt')
                : t('runningScoringJs', { reason: matcher.model.scoringFallbackReason ?? '' })}
          </dd>
          <dt>{t('runningMatrices')}</dt>
          <dd data-testid="running-matrices">
            {!matcher.model?.scoring
              ? '—'
              : matcher.model.matricesOnGpu
                ? t('runningMatricesGpu')
                : matcher.model.matrixKernelThreads
                ? t('runningMatricesKernel', { threads: matcher.model.matrixKernelThreads })
                : matcher.model.scoring === 'onnxruntime'
                  ? t('runningScoringOrt')
                  : t('runningScoringJs', { reason: matcher.model.scoringFallbackReason ?? '' })}
            {matcher.model?.matricesFallbackReason ? ` (${t('runningMatricesLeftGpu', { reason: matcher.model.matricesFallbackReason })})` : ''}
          </dd>
          <dt>{t('runningThreads')}</dt>
          <dd data-testid="running-threads">
            {matcher.model?.wasmThreads ?? '—'}
            {matcher.model?.wasmThreadsReason ? ` (${t('runningThreadsOne', { reason: matcher.model.wasmThreadsReason })})` : ''}
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="lang-heading">
        <h3 id="lang-heading">{t('languageTitle')}</h3>
        <div className="field">
          <label htmlFor="settings-ui-lang">{t('languageInterface')}</label>
          <select id="settings-ui-lang" value={lang} onChange={(event) => setLang(event.target.value as typeof lang)}>
            {UI_LANGS.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANG_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="settings-content-lang">{t('languageContent')}</label>
          <select
            id="settings-content-lang"
            value={contentLang}
            aria-describedby="settings-content-hint"
            onChange={(event) => setContentLang(event.target.value as typeof contentLang)}
          >
            {CONTENT_LANGS.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANG_NAMES[code]}
              </option>
            ))}
          </select>
          <span id="settings-content-hint" className="muted">
            {t('languageContentHint')}
          </span>
        </div>
      </section>

      <OfflineStatus />
      <PrivacyStatement />

      <section className="card" aria-labelledby="data-heading">
        <h3 id="data-heading">{t('dataTitle')}</h3>
        <p>{t('dataIntro')}</p>
        <button type="button" className="danger" onClick={() => void clearData()} disabled={clearing}>
          {t('dataClear')}
        </button>
      </section>
    </section>
  );
}
