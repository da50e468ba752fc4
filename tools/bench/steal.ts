// CPU time the hypervisor gave to other guests ("steal" in /proc/stat) while a section ran. On this
// shared 2-core VM the same kernel measured 33–60 GFLOP/s in runs minutes apart; the steal share
// says how much of a section's wall time the machine itself was not ours.
import { existsSync, readFileSync } from 'node:fs';

export interface CpuTimes {
  steal: number;
  total: number;
}

/** The aggregate `cpu` line of /proc/stat (user nice system idle iowait irq softirq steal …), or null off Linux. */
export function parseProcStat(text: string): CpuTimes | null {
  const line = text.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  if (fields.length < 8 || fields.some((x) => !Number.isFinite(x))) return null;
  // guest and guest_nice (fields 9–10) are already counted in user and nice.
  const total = fields.slice(0, 8).reduce((s, x) => s + x, 0);
  return { steal: fields[7], total };
}

export function readCpuTimes(): CpuTimes | null {
  return existsSync('/proc/stat') ? parseProcStat(readFileSync('/proc/stat', 'utf8')) : null;
}

/** Steal between two readings as a percentage of all CPU time then, or undefined without readings. */
export function stealPercent(before: CpuTimes | null, after: CpuTimes | null): number | undefined {
  if (!before || !after || after.total <= before.total) return undefined;
  return (100 * (after.steal - before.steal)) / (after.total - before.total);
}
