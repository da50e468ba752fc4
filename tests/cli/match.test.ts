import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeDataFiles } from '../../tools/data/nodeFiles';
import { EscoData } from '../../workers/engine/esco/store';

const ROOT = resolve(__dirname, '..', '..');
const TINY_MODEL = join(ROOT, 'tests', 'fixtures', 'models', 'tiny-bert-mean');

function match(args: string[], stdin: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'tools', 'match', 'cli.ts'), ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const lines = run.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { query: string; results: { id: string | number; score: number }[] });
  return { status: run.status, stderr: run.stderr, lines };
}

async function occupationUri(label: string): Promise<string> {
  const data = await EscoData.open(nodeDataFiles());
  const labels = (await data.labels('en')).occupations;
  return data.uri('occupations', labels.findIndex((l) => l?.[0] === label));
}

describe('npm run match -- rank', () => {
  it('prints one JSON line per query with ESCO URIs, best first', async () => {
    const run = match(['rank', '--mode', 'lexical', '--against', 'occupations', '--top', '3'], 'software developer\nregistered nurse\n');
    expect(run.status).toBe(0);
    expect(run.lines.map((l) => l.query)).toEqual(['software developer', 'registered nurse']);
    expect(run.lines[0].results).toHaveLength(3);
    expect(run.lines[0].results[0].id).toBe(await occupationUri('software developer'));
    const scores = run.lines[1].results.map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('ranks against the lines of a file with a model, ids being 0-based line numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'match-'));
    const list = join(dir, 'list.txt');
    writeFileSync(list, 'senior java developer\nnight shift nurse\npastry cook\n');
    for (const mode of ['dense', 'hybrid']) {
      const run = match(['rank', '--model', 'tiny-bert-mean', '--model-dir', TINY_MODEL, '--against', list, '--top', '2', '--mode', mode], 'pastry cook\nnight shift nurse\n');
      expect(run.status, run.stderr).toBe(0);
      expect(run.lines[0].results[0].id).toBe(2);
      expect(run.lines[1].results[0].id).toBe(1);
      expect(run.lines[0].results).toHaveLength(2);
    }
  });

  it('fails with a clear message for a missing model', () => {
    const run = match(['rank', '--model', 'no-such-model', '--against', 'skills', '--top', '3'], 'nurse\n');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/model "no-such-model" not found/);
    expect(run.lines).toEqual([]);
  });

  it('fails on an empty line in the queries', () => {
    const run = match(['rank', '--mode', 'lexical', '--against', 'skills', '--top', '3'], 'nurse\n\ncook\n');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/stdin: line 2 is empty/);
  });

  it('fails on a bad flag or value, printing the usage', () => {
    for (const args of [
      ['rank', '--mode', 'lexical', '--against', 'skills', '--top', '3', '--bogus'],
      ['rank', '--mode', 'fuzzy', '--against', 'skills', '--top', '3'],
      ['rank', '--mode', 'lexical', '--against', 'skills', '--top', 'many'],
      ['rank', '--mode', 'lexical', '--against', 'skills', '--top', '3', '--lang', 'xx'],
      ['rank', '--mode', 'lexical', '--against', '/no/such/file.txt', '--top', '3'],
      ['sort', '--mode', 'lexical', '--against', 'skills', '--top', '3'],
    ]) {
      const run = match(args, 'nurse\n');
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^match: .+/);
    }
  });
});
