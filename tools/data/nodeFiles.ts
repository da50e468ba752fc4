/** DataFiles over the file system, rooted at the app's public/ folder, for Node tools and tests. */
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MissingFileError, type DataFiles } from '../../workers/engine/esco/files';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PUBLIC_DIR = join(REPO_ROOT, 'public');

export function nodeDataFiles(root = PUBLIC_DIR): DataFiles {
  return {
    async bytes(path) {
      const full = join(root, path);
      try {
        return new Uint8Array(await readFile(full));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MissingFileError(path, `no such file (${full})`);
        throw error;
      }
    },
  };
}
