import { useCallback, useEffect } from 'react';
import type { DeviceChoice, LoadedModel, ModelEntry, ProgressEvent } from '../../workers/api';
import { createStore, useStore } from '../state/store';
import { loadSmall, saveSmall } from '../state/persist';
import { getMatcher, onModelChange, type MatcherClient } from './bridge';

export const DEFAULT_MODEL_ID = 'esco-static-v1';

/** Download progress summed over all files of the model, plus the engine's own stage messages. */
export interface ModelProgress {
  /** Bytes downloaded so far and expected, over every file seen. */
  loaded: number;
  total: number;
  /** File being downloaded now. */
  file?: string;
  /** Latest stage message from the engine ("building the skill index…"). */
  message?: string;
  /** Stage work counters, when the engine reports them. */
  done?: number;
  of?: number;
}

export interface ModelState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  /** The model being loaded or loaded. */
  modelId: string | null;
  model: LoadedModel | null;
  progress: ModelProgress | null;
  error: string | null;
}

const modelStore = createStore<ModelState>({ status: 'idle', modelId: null, model: null, progress: null, error: null });
// A WebGPU → WASM fallback in the middle of a job updates the backend badge.
onModelChange((model) => modelStore.set({ ...modelStore.get(), model }));
const deviceStore = createStore<DeviceChoice>(loadSmall<DeviceChoice>('device', 'auto'));

export function getDeviceChoice(): DeviceChoice {
  return deviceStore.get();
}

/** Folds transformers.js download events and engine events into one progress record. */
export function reduceProgress(previous: ModelProgress | null, event: ProgressEvent, files: Map<string, { loaded: number; total: number }>): ModelProgress {
  const next: ModelProgress = { ...(previous ?? { loaded: 0, total: 0 }) };
  if (event.status === 'stage') {
    next.message = event.message;
    next.done = undefined;
    next.of = undefined;
  } else if (event.status === 'work') {
    next.done = event.done;
    next.of = event.total;
  } else if (event.file) {
    const entry = files.get(event.file) ?? { loaded: 0, total: 0 };
    if (typeof event.total === 'number' && event.total > 0) entry.total = event.total;
    if (typeof event.loaded === 'number') entry.loaded = event.loaded;
    if (event.status === 'done' && entry.total > 0) entry.loaded = entry.total;
    files.set(event.file, entry);
    next.file = event.status === 'done' ? undefined : event.file;
    next.loaded = [...files.values()].reduce((sum, f) => sum + f.loaded, 0);
    next.total = [...files.values()].reduce((sum, f) => sum + f.total, 0);
  }
  return next;
}

let inflight: { id: string; promise: Promise<LoadedModel | null> } | null = null;

/** Loads a model (once per id and device), updating the shared model state as it goes. */
export function loadModel(id: string, device: DeviceChoice = deviceStore.get()): Promise<LoadedModel | null> {
  const client = getMatcher();
  const current = modelStore.get();
  const key = `${id}@${device}`;
  if (inflight?.id === key) return inflight.promise;
  if (current.status === 'ready' && current.model?.id === id && device === deviceStore.get() && client.currentModel()) {
    return Promise.resolve(current.model);
  }
  deviceStore.set(device);
  saveSmall('device', device);
  const files = new Map<string, { loaded: number; total: number }>();
  modelStore.set({ status: 'loading', modelId: id, model: current.model, progress: { loaded: 0, total: 0 }, error: null });
  const promise = client
    .loadModel(id, {
      device,
      onProgress: (event) => {
        const state = modelStore.get();
        if (state.modelId !== id) return;
        modelStore.set({ ...state, progress: reduceProgress(state.progress, event, files) });
      },
    })
    .then((model) => {
      saveSmall('modelId', id);
      modelStore.set({ status: 'ready', modelId: id, model, progress: null, error: null });
      return model;
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      modelStore.set({ status: 'error', modelId: id, model: null, progress: null, error: message });
      return null;
    })
    .finally(() => {
      if (inflight?.promise === promise) inflight = null;
    });
  inflight = { id: key, promise };
  return promise;
}

/** The model to start with: the user's last choice if still offered, else the default one. */
export function pickStartModel(models: ModelEntry[], saved: string | null): string | null {
  if (saved && models.some((m) => m.id === saved)) return saved;
  return models.find((m) => m.isDefault)?.id ?? models.find((m) => m.id === DEFAULT_MODEL_ID)?.id ?? models[0]?.id ?? null;
}

let startPromise: Promise<LoadedModel | null> | null = null;

/** Loads the start model once per page; later calls return the same promise. */
export function ensureModel(): Promise<LoadedModel | null> {
  const state = modelStore.get();
  if (state.status === 'ready') return Promise.resolve(state.model);
  if (startPromise && state.status !== 'error') return startPromise;
  modelStore.set({ ...state, status: 'loading', error: null, progress: { loaded: 0, total: 0 } });
  startPromise = getMatcher()
    .listModels()
    .then((models) => {
      const id = pickStartModel(models, loadSmall<string | null>('modelId', null)) ?? DEFAULT_MODEL_ID;
      return loadModel(id);
    })
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      modelStore.set({ status: 'error', modelId: null, model: null, progress: null, error: message });
      return null;
    });
  return startPromise;
}

/** Forget the model state (after "Clear all data"); the next useMatcher() loads again. */
export function resetModelState(): void {
  getMatcher().terminate();
  startPromise = null;
  inflight = null;
  modelStore.set({ status: 'idle', modelId: null, model: null, progress: null, error: null });
}

export interface UseMatcher extends ModelState {
  device: DeviceChoice;
  loadModel: (id: string, device?: DeviceChoice) => Promise<LoadedModel | null>;
  /** Resolves with the model once one is ready (loading the start model if needed). */
  ready: () => Promise<LoadedModel | null>;
  client: MatcherClient;
}

/**
 * Model state shared by every view. The first component that uses it starts loading the
 * user's model (or the default `esco-static-v1`); `status`/`progress` say what is downloaded.
 */
export function useMatcher(options: { autoLoad?: boolean } = {}): UseMatcher {
  const state = useStore(modelStore);
  const device = useStore(deviceStore);
  const autoLoad = options.autoLoad ?? true;
  useEffect(() => {
    if (autoLoad && modelStore.get().status === 'idle') void ensureModel();
  }, [autoLoad]);
  const load = useCallback((id: string, choice?: DeviceChoice) => loadModel(id, choice), []);
  return { ...state, device, loadModel: load, ready: ensureModel, client: getMatcher() };
}
