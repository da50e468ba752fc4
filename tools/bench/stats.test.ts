import { describe, expect, it } from 'vitest';
import { ratePerSecond, summarize } from './stats';

describe('summarize', () => {
  it('reports the middle value, and the mean of the two middle values for an even count', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, n: 3 });
    expect(summarize([4, 1, 3, 10]).median).toBe(3.5);
  });

  it('refuses an empty list instead of reporting a made-up figure', () => {
    expect(() => summarize([])).toThrow();
  });

  it('turns run durations into a rate whose min comes from the slowest run', () => {
    const r = ratePerSecond([100, 200, 400], 50);
    expect(r).toEqual({ median: 250, min: 125, max: 500, n: 3 });
  });
});
