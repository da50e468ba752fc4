/**
 * The match CLI (Node, onnxruntime-node) and the matcher worker (Chromium, onnxruntime-web on
 * WASM) rank ESCO occupations the same way for the same queries, model and options.
 *
 * Rule: the top-10 ids must come in the same order. Two entries may swap places only when their
 * scores differ by less than TIE (1e-4): the two runtimes sum the dot products in different orders
 * (native and WASM matrix kernels), so near-equal cosines may swap, and the order among tied entries
 * is not a property of the ranking. For the same reason an entry may leave the top 10 only for one
 * tied with it at the boundary. Scores at the same rank may differ by at most SCORE_TOLERANCE.
 */
import { execFile } from 'node:child_process';
import { expect, test } from '@playwright/test';
import type { Hit } from '../../workers/api';
import { expectBackend, loadOn, MODEL_ID, openSearchHarness, search } from './harness';

const TIE = 1e-4;
const SCORE_TOLERANCE = 1e-3;
const K = 10;

const QUERIES = [
  { text: 'Softwareentwickler', lang: 'de' },
  { text: 'enfermera', lang: 'es' },
  { text: 'data analyst', lang: 'en' },
  { text: 'boulanger', lang: 'fr' },
  { text: 'verpleegkundige', lang: 'nl' },
] as const;
const MODES = ['hybrid', 'dense'] as const;

type Ranked = { id: string; score: number }[];

/** Runs the real CLI as a subprocess: one query per stdin line, one JSON line out per query. */
function runCli(queries: string[], args: string[]): Promise<Ranked[]> {
  return new Promise((resolve, reject) => {
    const child = execFile('npx', ['tsx', 'tools/match/cli.ts', 'rank', ...args], { cwd: process.cwd(), maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`match CLI failed (${error.message}): ${stderr}`));
      const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { query: string; results: Ranked });
      expect(lines.map((l) => l.query)).toEqual(queries);
      resolve(lines.map((l) => l.results));
    });
    child.stdin!.end(queries.map((q) => q + '\n').join(''));
  });
}

/** Differences from the rule above, as readable lines (empty = same ranking). */
function rankingDifferences(cli: Ranked, worker: Ranked): string[] {
  const problems: string[] = [];
  if (cli.length !== worker.length) problems.push(`CLI gave ${cli.length} results, worker ${worker.length}`);
  for (let i = 0; i < Math.min(cli.length, worker.length); i++) {
    const scoreGap = Math.abs(cli[i].score - worker[i].score);
    if (scoreGap > SCORE_TOLERANCE) problems.push(`rank ${i + 1}: score ${cli[i].score} (CLI) vs ${worker[i].score} (worker)`);
    if (cli[i].id === worker[i].id) continue;
    const tiedInCli = cli.filter((c) => Math.abs(c.score - cli[i].score) < TIE);
    const tieReachesEnd = Math.abs(cli[cli.length - 1].score - cli[i].score) < TIE;
    const swapInTie = tiedInCli.some((c) => c.id === worker[i].id);
    const tiedAtBoundary = tieReachesEnd && !cli.some((c) => c.id === worker[i].id) && Math.abs(worker[i].score - cli[i].score) < TIE;
    if (!swapInTie && !tiedAtBoundary) {
      problems.push(`rank ${i + 1}: ${cli[i].id} (CLI ${cli[i].score}) vs ${worker[i].id} (worker ${worker[i].score}), not a tie`);
    }
  }
  return problems;
}

test('the match CLI and the worker (WASM) rank the same top-10 occupations', async ({ browser }, testInfo) => {
  test.setTimeout(420_000);
  const page = await openSearchHarness(browser, testInfo);
  expectBackend(await loadOn(page, 'wasm'), 'wasm');

  let maxScoreGap = 0;
  let tieSwaps = 0;
  const problems: string[] = [];
  for (const mode of MODES) {
    for (const lang of new Set(QUERIES.map((q) => q.lang))) {
      const texts = QUERIES.filter((q) => q.lang === lang).map((q) => q.text);
      const workerHits: Hit[][] = await search(page, texts, { target: 'occupations', k: K, lang, mode });
      const cliHits = await runCli(texts, ['--model', MODEL_ID, '--against', 'occupations', '--top', String(K), '--lang', lang, '--mode', mode]);
      texts.forEach((text, q) => {
        const worker = workerHits[q].map((h) => ({ id: h.id, score: h.score }));
        expect(cliHits[q], `CLI results for "${text}"`).toHaveLength(K);
        for (let i = 0; i < K; i++) {
          maxScoreGap = Math.max(maxScoreGap, Math.abs(cliHits[q][i].score - worker[i].score));
          if (cliHits[q][i].id !== worker[i].id) tieSwaps++;
        }
        problems.push(...rankingDifferences(cliHits[q], worker).map((p) => `${mode} "${text}" (${lang}): ${p}`));
      });
    }
  }
  console.log(`CLI vs worker: ${QUERIES.length} queries × ${MODES.join('/')}, largest score difference at equal rank ${maxScoreGap.toExponential(2)}, ${tieSwaps} of ${QUERIES.length * MODES.length * K} ranks hold a different (tied) id`);
  expect(problems).toEqual([]);
  await page.close();
});

/**
 * The default model ships no probes.json, so the engine's own WebGPU parity check does not run
 * for it: compare the rankings the worker gives on WebGPU with those on WASM instead.
 */
test('the worker ranks the same top-10 occupations on WebGPU as on WASM', async ({ browser }, testInfo) => {
  test.setTimeout(300_000);
  const results: Record<string, Hit[][]> = {};
  for (const device of ['wasm', 'webgpu'] as const) {
    const page = await openSearchHarness(browser, testInfo);
    expectBackend(await loadOn(page, device), device);
    results[device] = [];
    for (const mode of MODES) {
      for (const q of QUERIES) results[device].push(...(await search(page, [q.text], { target: 'occupations', k: K, lang: q.lang, mode })));
    }
    await page.close();
  }
  const plain = (hits: Hit[]) => hits.map((h) => ({ id: h.id, score: h.score }));
  let maxScoreGap = 0;
  const problems = results.wasm.flatMap((wasm, i) => {
    const gpu = results.webgpu[i];
    wasm.forEach((h, r) => (maxScoreGap = Math.max(maxScoreGap, Math.abs(h.score - (gpu[r]?.score ?? Infinity)))));
    return rankingDifferences(plain(wasm), plain(gpu)).map((p) => `${MODES[Math.floor(i / QUERIES.length)]} "${QUERIES[i % QUERIES.length].text}": ${p}`);
  });
  console.log(`WebGPU vs WASM: ${results.wasm.length} rankings, largest score difference at equal rank ${maxScoreGap.toExponential(2)}`);
  expect(problems).toEqual([]);
});
