/**
 * npm run match -- rank --model <id> --against occupations|skills|<file> --top <k>
 *                       [--lang en|de|es|fr|nl|pt] [--mode hybrid|dense|lexical] [--model-dir <dir>] < queries.txt
 *
 * Ranks each line of stdin against ESCO occupations, skills, or the lines of a file, with the same
 * engine and search code as the browser, and prints one JSON line per query:
 *   {"query": "...", "results": [{"id": "<ESCO URI>" | <0-based line number>, "score": 0.83}, ...]}
 * Errors go to stderr with a non-zero exit: 2 for wrong usage or input, 1 when the work fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Lang, SearchMode, Target } from '../../workers/api';
import { MissingFileError, type DataFiles } from '../../workers/engine/esco/files';
import { EscoData } from '../../workers/engine/esco/store';
import { loadToolEmbedder } from '../index/loadModel';
import type { TextEmbedder } from '../../workers/engine/search/buildIndex';
import type { SearchModel } from '../../workers/engine/search/denseIndexes';
import { listCorpus, SearchEngine } from '../../workers/engine/search/engine';
import { rankQueries } from '../../workers/engine/search/rank';
import { nodeDataFiles, PUBLIC_DIR } from '../data/nodeFiles';

export class UsageError extends Error {
  override name = 'UsageError';
}

const USAGE =
  'usage: npm run match -- rank --model <id> --against occupations|skills|<file> --top <k> ' +
  '[--lang en|de|es|fr|nl|pt] [--mode hybrid|dense|lexical] [--model-dir <dir>] < queries.txt';
const LANGS: Lang[] = ['en', 'de', 'es', 'fr', 'nl', 'pt'];
const MODES: SearchMode[] = ['hybrid', 'dense', 'lexical'];

export interface RankCommand {
  modelId?: string;
  modelDir?: string;
  against: string;
  top: number;
  lang?: Lang;
  mode: SearchMode;
}

export function parseRankArgs(argv: string[]): RankCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        model: { type: 'string' },
        'model-dir': { type: 'string' },
        against: { type: 'string' },
        top: { type: 'string' },
        lang: { type: 'string' },
        mode: { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals[0] !== 'rank' || positionals.length > 1) {
    throw new UsageError(positionals.length ? `unknown command "${positionals.join(' ')}" (only "rank")` : 'missing command "rank"');
  }
  const mode = (values.mode ?? 'hybrid') as SearchMode;
  if (!MODES.includes(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')}, got "${values.mode}"`);
  if (!values.model && mode !== 'lexical') throw new UsageError('--model <id> is required (a folder under public/models/), except with --mode lexical');
  if (!values.against) throw new UsageError('--against occupations|skills|<file> is required');
  if (values.top === undefined) throw new UsageError('--top <k> is required');
  const top = Number(values.top);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer, got "${values.top}"`);
  if (values.lang !== undefined && !LANGS.includes(values.lang as Lang)) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, got "${values.lang}"`);
  return { modelId: values.model, modelDir: values['model-dir'], against: values.against, top, lang: values.lang as Lang | undefined, mode };
}

/** Lines of a text (a final newline ends the last line, it does not add an empty one); an empty line is an error. */
export function readLines(text: string, what: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  const empty = lines.findIndex((l) => l.trim() === '');
  if (empty >= 0) throw new UsageError(`${what}: line ${empty + 1} is empty (one text per line, no blank lines)`);
  return lines;
}

/** Files of the models root, with the model's own folder possibly elsewhere (--model-dir). */
function modelFilesFor(modelId: string | undefined, modelDir: string): DataFiles {
  const root = nodeDataFiles(join(PUBLIC_DIR, 'models'));
  const own = nodeDataFiles(modelDir);
  const prefix = `${modelId}/`;
  return {
    bytes: (path, signal) => (path.startsWith(prefix) ? own.bytes(path.slice(prefix.length), signal) : root.bytes(path, signal)),
  };
}

export interface MatchIO {
  stdin: string;
  write(line: string): void;
  warn(line: string): void;
}

export async function runRank(command: RankCommand, io: MatchIO): Promise<void> {
  const queries = readLines(io.stdin, 'stdin');
  let listTexts: string[] | null = null;
  if (command.against !== 'occupations' && command.against !== 'skills') {
    if (!existsSync(command.against)) throw new UsageError(`--against: no such file "${command.against}" (or use occupations / skills)`);
    listTexts = readLines(readFileSync(command.against, 'utf8'), command.against);
  }
  let model: SearchModel | null = null;
  let modelDir = '';
  if (command.mode !== 'lexical' || command.modelId) {
    modelDir = resolve(command.modelDir ?? join(PUBLIC_DIR, 'models', command.modelId!));
    if (!existsSync(join(modelDir, 'config.json'))) {
      throw new Error(`model "${command.modelId}" not found: ${modelDir} has no config.json (see public/models/index.json)`);
    }
    const embedder: TextEmbedder = await loadToolEmbedder(modelDir);
    model = { id: command.modelId ?? modelDir, embedder };
  }
  if (queries.length === 0) return;
  const onProgress = (e: { status: string; message?: string }) => {
    if (e.status === 'stage' && e.message) io.warn(e.message);
  };
  let hits;
  if (listTexts) {
    hits = await rankQueries(listCorpus(listTexts, model?.embedder ?? null), model?.embedder ?? null, queries, { k: command.top, mode: command.mode, onProgress });
  } else {
    const data = await EscoData.open(nodeDataFiles());
    const engine = new SearchEngine({ data, modelFiles: modelFilesFor(command.modelId, modelDir) });
    hits = await engine.search(model, queries, { target: command.against as Target, k: command.top, lang: command.lang, mode: command.mode, onProgress });
  }
  queries.forEach((query, q) => {
    const results = hits[q].map((h) => ({ id: listTexts ? Number(h.id) : h.id, score: Number(h.score.toFixed(6)) }));
    io.write(JSON.stringify({ query, results }));
  });
}

async function main(): Promise<number> {
  let command: RankCommand;
  try {
    command = parseRankArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`match: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const stdin = process.stdin.isTTY ? '' : readFileSync(0, 'utf8');
  try {
    await runRank(command, { stdin, write: (line) => process.stdout.write(line + '\n'), warn: (line) => console.error(line) });
    return 0;
  } catch (error) {
    const e = error as Error;
    console.error(`match: ${e instanceof MissingFileError ? `${e.message} (run npm run data first?)` : e.message}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  main().then((code) => process.exit(code));
}
