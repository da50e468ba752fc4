/**
 * The widget's look, scoped by its shadow root. `:host` resets every inherited property with
 * `all: initial` and uses !important, because a host page's `!important` rules on the element
 * itself would otherwise win (inside a shadow tree, important :host rules beat outer ones).
 * Colours meet WCAG AA contrast.
 */
export const WIDGET_CSS = `
:host {
  all: initial !important;
  display: block !important;
  visibility: visible !important;
  opacity: 1 !important;
  box-sizing: border-box !important;
  font: 15px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif !important;
  color: #1b1f24 !important;
  background: #ffffff !important;
  border: 1px solid #c3cad3 !important;
  border-radius: 8px !important;
  padding: 12px !important;
  max-width: 40rem;
}
:host([hidden]) { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
form { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin: 0; }
label { display: flex; flex-direction: column; flex: 1 1 16rem; gap: 4px; font-weight: 600; color: #1b1f24; }
input, textarea { font: inherit; font-weight: 400; color: #1b1f24; background: #fff; border: 1px solid #6b7480; border-radius: 6px; padding: 6px 8px; width: 100%; }
textarea { min-height: 7rem; resize: vertical; }
button { font: inherit; color: #fff; background: #0b5cad; border: 1px solid #0b5cad; border-radius: 6px; padding: 6px 14px; cursor: pointer; display: inline-block; }
button:disabled { background: #4a5461; border-color: #4a5461; cursor: progress; }
:focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
.status { margin: 8px 0 0; color: #4a5461; min-height: 1.45em; display: block; }
.status.error { color: #8a1c13; }
h3 { font-size: 1em; margin: 12px 0 4px; color: #1b1f24; display: block; }
ol { margin: 0; padding: 0 0 0 1.6em; display: block; }
li { display: list-item; margin: 2px 0; color: #1b1f24; }
li a { color: #0b5cad; }
.score { color: #4a5461; font-variant-numeric: tabular-nums; margin-left: 6px; }
.attribution { margin: 10px 0 0; font-size: 12px; color: #4a5461; display: block; }
`;

/** Constructable style sheets are outside CSP's style-src, so the widget works on strict host pages. */
export function applyStyles(root: ShadowRoot): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(WIDGET_CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = WIDGET_CSS;
    root.append(style);
  }
}
