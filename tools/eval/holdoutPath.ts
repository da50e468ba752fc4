/** Where the default model's hold-out list lives (written by `npm run train`, read by the eval). */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOLDOUT_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'train', 'holdout-ids.json');
