import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../tools/data/nodeFiles';
import { buildTranslationTable, parallelLabels } from '../../tools/data/translations';
import { readEscoSource, type EscoSource } from '../../tools/esco/source';
import { HOLDOUT_PATH } from '../../tools/eval/holdoutPath';
import { HoldoutView, readHoldout } from '../../tools/train/holdout';
import type { Lang } from '../../workers/api';
import { translationTablePath } from '../../workers/engine/search/translate';

const LANGS: Lang[] = ['de', 'es', 'fr', 'nl', 'pt'];
let source: EscoSource;
let holdout: HoldoutView;

beforeAll(async () => {
  source = await readEscoSource();
  holdout = new HoldoutView(readHoldout(HOLDOUT_PATH));
});

describe('translation tables (npm run data)', () => {
  it('are the tables the ESCO data and the hold-out list give (rerun npm run data if this fails)', () => {
    for (const lang of LANGS) {
      const shipped = readFileSync(join(PUBLIC_DIR, translationTablePath(lang)), 'utf8');
      expect(shipped, lang).toBe(JSON.stringify(buildTranslationTable(source, lang, holdout)) + '\n');
    }
  });

  it('translate job words as a counsellor would', () => {
    const words = (lang: Lang) => (JSON.parse(readFileSync(join(PUBLIC_DIR, translationTablePath(lang)), 'utf8')) as { words: Record<string, string[]> }).words;
    expect(words('es').conductor).toContain('driver');
    expect(words('de').krankenpfleger).toContain('nurse');
    expect(words('nl').kok).toContain('cook');
    expect(words('pt').desenvolvedor).toContain('developer');
    expect(words('fr').infirmier).toContain('nurse');
  });

  it('learn from no held-out label (the eval queries with them)', () => {
    for (const lang of LANGS) {
      const trained = new Set<string>();
      const held = new Set<string>();
      for (const [kind, concepts] of [['occupation', source.occupations], ['skill', source.skills]] as const) {
        for (const c of concepts) {
          const set = c.labels[lang];
          if (!set) continue;
          trained.add(set.preferred);
          set.alt.forEach((alt, i) => (holdout.isAltHeld(kind, c.uri, lang, i) ? held : trained).add(alt));
        }
      }
      const used = new Set(parallelLabels(source, lang, holdout).flatMap((c) => c.labels));
      for (const label of used) expect(trained.has(label), `${lang}: ${label}`).toBe(true);
      expect([...held].filter((label) => !trained.has(label)).length, lang).toBeGreaterThan(100);
    }
  });
});
