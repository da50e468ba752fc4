import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../tools/data/nodeFiles';
import { readEscoSource } from '../../tools/esco/source';
import { HOLDOUT_PATH } from '../../tools/eval/holdoutPath';
import { buildTrainingView } from '../../tools/train/concepts';
import { HoldoutView, readHoldout } from '../../tools/train/holdout';
import { knownWordList } from '../../tools/train/loop';
import { KNOWN_WORDS_FILE } from '../../workers/engine/embed/knownWords';
import { normalizeBert, preTokenize } from '../../workers/engine/embed/wordpiece';

const PACKAGE = join(PUBLIC_DIR, 'models', 'esco-static-v1');

describe('the default model’s training words (known_words.txt)', () => {
  it('are the words of its training text, held-out labels left out (npm run train writes them)', async () => {
    const source = await readEscoSource();
    const holdout = new HoldoutView(readHoldout(HOLDOUT_PATH));
    const words = knownWordList(buildTrainingView(source, holdout));
    const shipped = readFileSync(join(PACKAGE, KNOWN_WORDS_FILE), 'utf8');
    expect(shipped).toBe(words.join('\n') + '\n');
    expect(JSON.parse(readFileSync(join(PACKAGE, 'recipe.json'), 'utf8')).knownWords).toBe(KNOWN_WORDS_FILE);

    // Words that only held-out labels use are not in it: the eval's queries stay unseen.
    const known = new Set(words);
    const heldOnly = new Set<string>();
    for (const [kind, concepts] of [['occupation', source.occupations], ['skill', source.skills]] as const) {
      for (const c of concepts) {
        for (const [lang, set] of Object.entries(c.labels)) {
          set?.alt.forEach((alt, i) => {
            if (!holdout.isAltHeld(kind, c.uri, lang as never, i)) return;
            for (const w of preTokenize(normalizeBert(alt))) if (/\p{L}/u.test(w) && !known.has(w)) heldOnly.add(w);
          });
        }
      }
    }
    expect(heldOnly.size).toBeGreaterThan(100);
    expect(known.has('nurse') && known.has('softwareentwickler') && known.has('enfermero')).toBe(true);
  });
});
