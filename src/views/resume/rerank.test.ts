import { describe, expect, it } from 'vitest';
import { rerankOccupations } from './rerank';

const nurse = { id: 'nurse', score: 0.9, essentialSkills: ['medication', 'wound care', 'patient assessment', 'hygiene'], optionalSkills: ['palliative care'] };
const carer = { id: 'carer', score: 1.0, essentialSkills: ['personal hygiene help', 'housekeeping'], optionalSkills: [] };

describe('rerankOccupations', () => {
  it('lets a clear skill overlap lift an occupation above a slightly closer text match', () => {
    const ranked = rerankOccupations([carer, nurse], new Set(['medication', 'wound care', 'patient assessment']));
    expect(ranked.map((r) => r.id)).toEqual(['nurse', 'carer']);
    expect(ranked[0].essentialFound).toEqual(['medication', 'wound care', 'patient assessment']);
    expect(ranked[0].essentialMissing).toEqual(['hygiene']);
  });

  it('keeps the model order when the person lists no skills', () => {
    const ranked = rerankOccupations([nurse, carer], new Set());
    expect(ranked.map((r) => r.id)).toEqual(['carer', 'nurse']);
    expect(ranked.every((r) => r.coverage === 0)).toBe(true);
  });

  it('counts an optional skill half as much as an essential one', () => {
    const withOptional = rerankOccupations([nurse], new Set(['palliative care']))[0];
    const withEssential = rerankOccupations([nurse], new Set(['medication']))[0];
    expect(withOptional.coverage * 2).toBeCloseTo(withEssential.coverage);
  });
});
