// The whole machine's CPU over a phase, from /proc/stat: how much of every core stayed idle. A phase that leaves
// CPU idle is limited by latency (a chain of hand-offs), not by CPU; one with no idle CPU is limited by CPU.
import { readFileSync } from "node:fs";

export type CpuTimes = { idle: number; total: number };

/** Jiffies of all cores since boot (null where /proc/stat can't be read). */
export function machineCpu(): CpuTimes | null {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n", 1)[0] ?? "";
    // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
    const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (f.length < 8 || f.some((n) => !Number.isFinite(n))) return null;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
    return { idle: idle + iowait, total: user + nice + system + idle + iowait + irq + softirq + steal };
  } catch {
    return null;
  }
}

/** Share of the machine's CPU left idle between two samples, 0–1. */
export function idleShare(before: CpuTimes | null, after: CpuTimes | null): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return (after.idle - before.idle) / (after.total - before.total);
}
