import type { Lang } from '../../workers/api';
import { isAbortError } from '../matcher/bridge';
import { analyse } from './analyse';
import { sharedClient } from './sharedClient';
import { applyStyles } from './styles';
import { widgetText, type WidgetStringKey } from './strings';
import { WIDGET_MODES, type MatchDetail, type RankedItem, type WidgetMode } from './types';

const LANGS: Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];
export const DEFAULT_WIDGET_MODEL = 'esco-static-v1';

/** Where models, data and the runtime live when no base-url is given: the app the script is deployed in. */
const DEFAULT_BASE_URL = new URL(/* @vite-ignore */ './', import.meta.url).href;

/**
 * <esco-matcher mode="titles|resume|skills" lang="en" model="esco-static-v1" base-url="https://host/app/" limit="5">
 *
 * Plain DOM in a shadow root: the host page's CSS cannot reach in, the widget's cannot leak out.
 * Events (bubbling, composed): `match` (detail: MatchDetail), `error` (detail: { message }),
 * `progress` (detail: the matcher's ProgressEvent). `analyse(text)` runs it from script.
 */
export class EscoMatcherElement extends HTMLElement {
  static observedAttributes = ['mode', 'lang', 'model', 'base-url', 'limit'];

  private readonly root: ShadowRoot;
  private controller: AbortController | null = null;
  private field!: HTMLInputElement | HTMLTextAreaElement;
  private labelText!: Text;
  private button!: HTMLButtonElement;
  private status!: HTMLParagraphElement;
  private results!: HTMLDivElement;
  private attribution!: HTMLParagraphElement;

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    applyStyles(this.root);
  }

  get mode(): WidgetMode {
    const value = this.getAttribute('mode') as WidgetMode | null;
    return value && WIDGET_MODES.includes(value) ? value : 'titles';
  }
  get contentLang(): Lang {
    const value = this.getAttribute('lang') as Lang | null;
    return value && LANGS.includes(value) ? value : 'en';
  }
  get model(): string {
    return this.getAttribute('model') || DEFAULT_WIDGET_MODEL;
  }
  get baseUrl(): string {
    const value = this.getAttribute('base-url');
    const url = new URL(value || DEFAULT_BASE_URL, document.baseURI).href;
    return url.endsWith('/') ? url : `${url}/`;
  }
  get limit(): number {
    const value = Number(this.getAttribute('limit'));
    return Number.isInteger(value) && value > 0 ? Math.min(value, 50) : 5;
  }

  connectedCallback(): void {
    if (!this.field) this.render();
  }

  disconnectedCallback(): void {
    this.controller?.abort();
  }

  attributeChangedCallback(name: string, previous: string | null, next: string | null): void {
    if (previous === next || !this.field) return;
    if (name === 'mode' || name === 'lang') this.render();
  }

  /** Matches `text` (or the field's content) and resolves with the same detail the `match` event carries. */
  async analyse(text?: string): Promise<MatchDetail | null> {
    if (text !== undefined) this.field.value = text;
    const value = this.field.value.trim();
    if (!value) {
      this.setStatus(this.t('empty'), false);
      return null;
    }
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.button.disabled = true;
    this.setStatus(this.t('working'), false);
    const client = sharedClient(this.baseUrl);
    if (client.currentModel()?.id !== this.model) this.setStatus(this.t('loading'), false);
    try {
      const detail = await analyse(client, {
        mode: this.mode,
        text: value,
        lang: this.contentLang,
        model: this.model,
        limit: this.limit,
        signal: controller.signal,
        onProgress: (event) => this.emit('progress', event),
      });
      this.showResults(detail);
      this.setStatus('', false);
      this.emit('match', detail);
      return detail;
    } catch (error) {
      if (isAbortError(error)) return null;
      const message = error instanceof Error ? error.message : String(error);
      this.setStatus(message, true);
      this.emit('error', { message });
      return null;
    } finally {
      if (this.controller === controller) {
        this.controller = null;
        this.button.disabled = false;
      }
    }
  }

  private t(key: WidgetStringKey): string {
    return widgetText(this.contentLang, key);
  }

  private emit(type: 'match' | 'error' | 'progress', detail: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  private setStatus(text: string, isError: boolean): void {
    this.status.textContent = text;
    this.status.classList.toggle('error', isError);
    this.status.setAttribute('role', isError ? 'alert' : 'status');
  }

  private render(): void {
    const previous = this.field?.value ?? '';
    for (const node of [...this.root.childNodes]) node.remove();
    const form = document.createElement('form');
    form.setAttribute('part', 'form');
    const label = document.createElement('label');
    this.labelText = document.createTextNode(this.t(this.mode));
    this.field = this.mode === 'resume' ? document.createElement('textarea') : document.createElement('input');
    this.field.name = 'text';
    this.field.value = previous;
    this.field.setAttribute('lang', this.contentLang);
    label.append(this.labelText, this.field);
    this.button = document.createElement('button');
    this.button.type = 'submit';
    this.button.textContent = this.t('submit');
    form.append(label, this.button);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.analyse();
    });
    this.status = document.createElement('p');
    this.status.className = 'status';
    this.status.setAttribute('role', 'status');
    this.results = document.createElement('div');
    this.results.className = 'results';
    this.results.setAttribute('part', 'results');
    this.attribution = document.createElement('p');
    this.attribution.className = 'attribution';
    this.attribution.textContent = this.t('attribution');
    this.root.append(form, this.status, this.results, this.attribution);
  }

  private showResults(detail: MatchDetail): void {
    this.results.replaceChildren();
    const groups: [WidgetStringKey, RankedItem[]][] = [];
    if (detail.mode !== 'skills') groups.push(['occupations', detail.occupations]);
    if (detail.mode !== 'titles') groups.push(['skillsHeading', detail.skills]);
    for (const [heading, items] of groups) {
      const title = document.createElement('h3');
      title.textContent = this.t(heading);
      const list = document.createElement('ol');
      list.setAttribute('part', 'list');
      for (const item of items) {
        const entry = document.createElement('li');
        const link = document.createElement('a');
        link.href = item.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.textContent = item.label;
        const score = document.createElement('span');
        score.className = 'score';
        score.textContent = item.score.toLocaleString(this.contentLang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        entry.append(link, score);
        list.append(entry);
      }
      if (!items.length) {
        const none = document.createElement('li');
        none.textContent = this.t('none');
        list.append(none);
      }
      this.results.append(title, list);
    }
  }
}
