/**
 * ESCO search in Chromium with the default model (esco-static-v1, prebuilt indexes), on WASM and
 * on WebGPU (SwiftShader here): what a user of the search box and the resume analysis sees.
 * Scores are not asserted (the model may be re-trained); ranks and evidence are.
 */
import { expect, test, type Page } from '@playwright/test';
import { englishLabels, expectBackend, loadOn, MODEL_ID, occupationUri, openSearchHarness, search } from './harness';

const SOFTWARE_DEVELOPER = occupationUri('software developer');

/** A resume paragraph: six sentences about nursing work and one about something else. */
const NURSING_SENTENCES = [
  'For the past six years I have worked as a registered nurse on a busy surgical ward at a city hospital.',
  'My daily work includes assessing patients, monitoring vital signs and documenting care plans.',
  'I prepare and administer medication, including intravenous infusions, and watch for adverse reactions.',
  'I dress and clean surgical wounds, treat pressure ulcers and remove sutures and drains.',
  'I support patients and their families before and after operations and teach them how to care for themselves at home.',
  'I also supervise nursing students and work closely with doctors, physiotherapists and pharmacists.',
];
const OTHER_SENTENCE = 'In my free time I play the guitar and coach a youth football team.';
const RESUME = [NURSING_SENTENCES[0], NURSING_SENTENCES[1], NURSING_SENTENCES[2], NURSING_SENTENCES[3], OTHER_SENTENCE, NURSING_SENTENCES[4], NURSING_SENTENCES[5]].join(' ');

for (const device of ['wasm', 'webgpu'] as const) {
  test.describe(`ESCO search on ${device}`, () => {
    test.describe.configure({ mode: 'serial' });
    let page: Page;

    test.beforeAll(async ({ browser }, testInfo) => {
      page = await openSearchHarness(browser, testInfo);
      expectBackend(await loadOn(page, device), device);
    });
    test.afterAll(async () => page?.close());

    test('"Softwareentwickler" (German) and "desarrollador de software" (Spanish) rank the English occupation software developer first', async () => {
      for (const [query, lang] of [['Softwareentwickler', 'de'], ['desarrollador de software', 'es']] as const) {
        for (const mode of ['hybrid', 'dense'] as const) {
          const [hits] = await search(page, [query], { target: 'occupations', k: 10, lang, mode });
          const ids = hits.map((h) => h.id);
          console.log(`${device} ${mode} ${query}: top 3 ${(await englishLabels(page, ids.slice(0, 3))).join(' | ')}`);
          expect(ids[0], `${mode} "${query}"`).toBe(SOFTWARE_DEVELOPER);
        }
      }
    });

    test('a nursing resume paragraph ranks a nurse occupation first, with a nursing sentence as evidence', async () => {
      const analysis = await page.evaluate((text) => window.engine.client.analyzeText(text, { k: 10, lang: 'en' }), RESUME);
      expect(analysis.occupations.length).toBeGreaterThan(0);
      const top = analysis.occupations[0];
      const [label] = await englishLabels(page, [top.id]);
      console.log(`${device} resume: first occupation "${label}", evidence ${JSON.stringify(top.evidence)}, ${analysis.segments.length} segments`);
      // "nurse" as a word: "nursery school head teacher" is not a nursing job.
      expect(label).toMatch(/\bnurse\b/i);
      expect(top.evidence?.length ?? 0).toBeGreaterThan(0);
      for (const index of top.evidence!) {
        const segment = analysis.segments[index];
        expect(segment, `evidence index ${index} is not a segment`).toBeDefined();
        expect(RESUME.slice(segment.start, segment.end)).toBe(segment.text);
        expect(NURSING_SENTENCES, `evidence segment "${segment.text}"`).toContain(segment.text.trim());
      }
    });

    test('hybrid, dense and lexical all answer; lexical alone finds software developer', async () => {
      const byMode: Record<string, string[]> = {};
      for (const mode of ['hybrid', 'dense', 'lexical'] as const) {
        const [hits] = await search(page, ['software developer'], { target: 'occupations', k: 10, lang: 'en', mode });
        expect(hits, `${mode} returned ${hits.length} hits`).toHaveLength(10);
        expect(new Set(hits.map((h) => h.id)).size).toBe(10);
        for (const h of hits) expect(h.id).toMatch(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/);
        const scores = hits.map((h) => h.score);
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
        byMode[mode] = hits.map((h) => h.id);
      }
      console.log(`${device} "software developer" rank of software developer: ${Object.entries(byMode).map(([m, ids]) => `${m} ${ids.indexOf(SOFTWARE_DEVELOPER) + 1}`).join(', ')}`);
      expect(byMode.lexical.indexOf(SOFTWARE_DEVELOPER)).toBeGreaterThanOrEqual(0);
      expect(byMode.lexical.indexOf(SOFTWARE_DEVELOPER)).toBeLessThan(3);
      expect(byMode.hybrid.indexOf(SOFTWARE_DEVELOPER)).toBeGreaterThanOrEqual(0);
      expect(byMode.hybrid.indexOf(SOFTWARE_DEVELOPER)).toBeLessThan(3);
    });
  });
}

test('a first search after loading reads each file once: no HEAD probes, no repeated downloads', async ({ browser }, testInfo) => {
  const page = await browser.newPage({ baseURL: testInfo.project.use.baseURL });
  // Requests of the page and of its worker (Playwright reports both on the page).
  const requests: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (/^\/(models|data|ort)\//.test(path)) requests.push(`${r.method()} ${path}`);
  });
  await page.goto('/e2e/harness/engine.html?models=/models/');
  await expect(page.locator('#status')).toHaveText('ready');
  const { hits, threads } = await page.evaluate(async (id) => {
    const loaded = await window.engine.client.loadModel(id, { device: 'wasm' });
    const hits = await window.engine.client.search(['software developer'], { target: 'occupations', k: 5, lang: 'en' });
    return { hits, threads: loaded.wasmThreads ?? 1 };
  }, MODEL_ID);
  expect(hits[0].map((h) => h.id)).toContain(SOFTWARE_DEVELOPER);
  await page.close();
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r, (counts.get(r) ?? 0) + 1);
  // onnxruntime's glue (.mjs) is only requested with threads: once by the engine's header check
  // (runtime/threadScript.ts), once by the runtime, once by each thread worker it starts
  // (threads − 1), which load it as their script. It is 24 KB.
  const allowed = (r: string) => (r.endsWith('.mjs') ? (threads > 1 ? threads + 1 : 1) : 1);
  expect([...counts].filter(([r, n]) => n > allowed(r)), 'files fetched more than once').toEqual([]);
  expect(requests.filter((r) => !r.startsWith('GET ')), 'requests other than GET').toEqual([]);
  // What the first occupations search needs was fetched: the graph, the prebuilt index and its manifest.
  for (const file of [`/models/${MODEL_ID}/onnx/model_quantized.onnx`, `/models/${MODEL_ID}/index/manifest.json`, `/models/${MODEL_ID}/index/occupations.bin`]) {
    expect(requests).toContain(`GET ${file}`);
  }
});
