import { EscoMatcherElement } from './EscoMatcherElement';

export { EscoMatcherElement };
export type { MatchDetail, RankedItem, ErrorDetail, ProgressDetail, WidgetMode } from './types';

/** One <script type="module" src=".../esco-matcher.js"> defines the element; defining twice is harmless. */
if (!customElements.get('esco-matcher')) customElements.define('esco-matcher', EscoMatcherElement);

declare global {
  interface HTMLElementTagNameMap {
    'esco-matcher': EscoMatcherElement;
  }
}
