// Rewrites docs/BENCHMARKS.md and bench/charts/ from bench/results.json without re-measuring
// (after a change to the report's layout): npx tsx tools/bench/render.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeReport } from './report';
import type { BenchResults } from './results';

const repo = join(import.meta.dirname, '../..');
const results = JSON.parse(readFileSync(join(repo, 'bench/results.json'), 'utf8')) as BenchResults;
await writeReport(results, join(repo, 'docs/BENCHMARKS.md'), join(repo, 'bench/charts'));
console.log('wrote docs/BENCHMARKS.md');
