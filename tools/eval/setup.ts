/**
 * What `npm run eval` and the fusion dev tools (dumpLists.ts) both start from: the default model
 * folder, and the eval tasks built from ../shared and the trainer's hold-out list, optionally only
 * some of them. Throws a message saying what is missing and what to run.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readEscoSource, requireShared } from '../esco/source.js';
import { HoldoutView, readHoldout } from '../train/holdout.js';
import { HOLDOUT_PATH } from './holdoutPath.js';
import { buildTasks, type Task } from './tasks.js';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_MODEL_DIR = join(REPO_ROOT, 'public', 'models', 'esco-static-v1');

/** `wanted`: comma-separated task ids or prefixes ("1,4" = every task 1-* and task 4); all when absent. */
export async function loadEvalTasks(wanted?: string): Promise<{ tasks: Task[]; notes: string[] }> {
  const shared = requireShared();
  if (!existsSync(HOLDOUT_PATH)) throw new Error(`no hold-out list at ${HOLDOUT_PATH}: run \`npm run train\` first`);
  const source = await readEscoSource();
  const { tasks, notes } = buildTasks(source, new HoldoutView(readHoldout(HOLDOUT_PATH)), shared);
  const ids = wanted?.split(',');
  return { tasks: ids ? tasks.filter((t) => ids.some((w) => t.id === w || t.id.startsWith(w + '-'))) : tasks, notes };
}
