import { describe, expect, it } from 'vitest';
import { parseProcStat, stealPercent } from './steal';

describe('CPU steal from /proc/stat', () => {
  it('reads the aggregate cpu line and gives steal as a share of the CPU time between two readings', () => {
    const a = parseProcStat('cpu  100 0 50 800 10 0 5 35 0 0\ncpu0 50 0 25 400 5 0 2 18 0 0\n');
    const b = parseProcStat('cpu  160 0 60 900 10 0 5 65 7 0\n');
    expect(a).toEqual({ steal: 35, total: 1000 });
    expect(b).toEqual({ steal: 65, total: 1200 });
    expect(stealPercent(a, b)).toBe(15); // 30 of 200
  });

  it('says nothing rather than a wrong figure without a usable reading', () => {
    expect(parseProcStat('intr 1 2 3\n')).toBeNull();
    expect(parseProcStat('cpu  1 2 3\n')).toBeNull();
    expect(stealPercent(null, { steal: 1, total: 2 })).toBeUndefined();
    expect(stealPercent({ steal: 1, total: 2 }, { steal: 1, total: 2 })).toBeUndefined();
  });
});
