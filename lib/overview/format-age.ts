// How long something has waited, in words ("3 days 4 hours", "12 minutes"): the largest unit and
// the next one, enough to tell a fresh fulfilment from a forgotten one. Client-safe.

const UNITS = [
  { ms: 86_400_000, one: "day", many: "days" },
  { ms: 3_600_000, one: "hour", many: "hours" },
  { ms: 60_000, one: "minute", many: "minutes" },
] as const;

const words = (n: number, u: (typeof UNITS)[number]) => `${n.toLocaleString("en-US")} ${n === 1 ? u.one : u.many}`;

export function formatAge(ms: number): string {
  const i = Number.isFinite(ms) ? UNITS.findIndex((u) => ms >= u.ms) : -1;
  const big = UNITS[i];
  if (!big) return "less than a minute";
  const n = Math.floor(ms / big.ms);
  const small = UNITS[i + 1];
  const m = small ? Math.floor((ms - n * big.ms) / small.ms) : 0;
  return small && m > 0 ? `${words(n, big)} ${words(m, small)}` : words(n, big);
}
