// Plain-text tables for the benchmark's output.
import os from "node:os";
import type { PhaseResult } from "./load.ts";
import type { Verification } from "./verify.ts";

export type RoundResult = {
  round: number;
  noop: PhaseResult;
  ingest: PhaseResult;
  /** ingest 2xx/s ÷ no-op 2xx/s. */
  ratio: number;
  /** Server CPU per no-op response ÷ server CPU per webhook response: the ratio if the server's CPU were the only limit. */
  cpuRatio: number;
};

/** Postgres backend CPU milliseconds per response in a phase. */
export function dbCpuPerRequest(p: PhaseResult): number {
  return p.dbCpu !== null && p.completed > 0 ? (1000 * p.dbCpu) / p.completed : Number.NaN;
}

/** Server CPU milliseconds per response in a phase. */
export function cpuPerRequest(p: PhaseResult): number {
  return p.serverCpu !== null && p.completed > 0 ? (1000 * p.serverCpu) / p.completed : Number.NaN;
}

/** CPU cores of the machine, all shared by the server, Postgres and the load generator. */
const CORES = os.availableParallelism();

/**
 * Milliseconds of the whole machine's CPU (every process and the kernel: server, Postgres, load generator) per
 * response in a phase, from its idle share: what a response really costs on a machine where all of them share
 * the cores.
 */
export function machineCpuPerRequest(p: PhaseResult): number {
  return p.machineIdle !== null && p.completed > 0 ? ((1 - p.machineIdle) * CORES * p.duration * 1000) / p.completed : Number.NaN;
}

/**
 * The highest ratio the machine itself allows in a round: the webhook rate if its responses used every core with
 * nothing left idle (at their measured whole-machine CPU cost), divided by the no-op rate. A median ratio near
 * this ceiling is limited by the machine's CPU, not by the server's hand-offs.
 */
export function machineCeiling(r: RoundResult): number {
  return (CORES * 1000) / machineCpuPerRequest(r.ingest) / r.noop.rate;
}

export const TARGET_RATIO = 0.75;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function table(head: string[], rows: string[][], rightAlign = (i: number) => i > 1, minWidths: number[] = []): string {
  const widths = head.map((h, i) => Math.max(minWidths[i] ?? 0, h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (rightAlign(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd();
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toString() : "-");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "-");
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "-");
const f3 = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : "-");

function statuses(p: PhaseResult): string {
  return Object.entries(p.byStatus)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, n]) => `${code}×${n}`)
    .join(" ");
}

function phaseRow(round: string, route: string, p: PhaseResult, ratio: string): string[] {
  return [
    round,
    route,
    f1(p.duration),
    f0(p.ok),
    f0(p.non2xx),
    f0(p.errors),
    f0(p.rate),
    f0(p.p50),
    f0(p.p90),
    f0(p.p99),
    f0(p.max),
    f2(cpuPerRequest(p)),
    p.serverCpu !== null ? f0((100 * p.serverCpu) / p.duration) : "-",
    f2(dbCpuPerRequest(p)),
    p.machineIdle !== null ? f0(100 * p.machineIdle) : "-",
    ratio,
    statuses(p),
  ];
}

const PHASE_HEAD = ["round", "route", "s", "2xx", "non-2xx", "errors", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "srv ms/req", "srv cpu%", "pg ms/req", "idle%", "ratio", "statuses"];
// Fixed widths, so the rows printed as the run goes line up with the header printed before them.
const PHASE_WIDTHS = [5, 6, 5, 7, 7, 6, 7, 6, 6, 6, 6, 10, 8, 9, 5, 6, 0];
const phaseAlign = (i: number) => i > 1 && i < PHASE_HEAD.length - 1;

export function phaseTableHeader(): string {
  return [
    "per s: 2xx responses per second · latencies over all responses · srv ms/req: CPU of the server process per response",
    "srv cpu%: its CPU use over the phase (100 = one core) · pg ms/req: CPU of the bench database's Postgres backends per response",
    "idle%: share of the whole machine's CPU (all cores) left idle during the phase: well above 0 means the phase is limited by hand-offs, not CPU",
    "",
    table(PHASE_HEAD, [], phaseAlign, PHASE_WIDTHS),
  ].join("\n");
}

/** One phase's row, without the header (printed as the run goes). */
export function phaseLine(round: number, route: "noop" | "ingest", p: PhaseResult, ratio?: number): string {
  const all = table(PHASE_HEAD, [phaseRow(String(round), route, p, ratio === undefined ? "" : f3(ratio))], phaseAlign, PHASE_WIDTHS);
  return all.split("\n").slice(2).join("\n");
}

export function summary(rounds: RoundResult[], v: Verification | null): string {
  const noop = rounds.map((r) => r.noop);
  const ingest = rounds.map((r) => r.ingest);
  const sum = (ps: PhaseResult[], k: "ok" | "non2xx" | "errors" | "timeouts") => ps.reduce((s, p) => s + p[k], 0);
  const ratios = rounds.map((r) => r.ratio);
  const med = median(ratios);
  const rows = [
    ["no-op route (req/s)", f0(median(noop.map((p) => p.rate))), f0(median(noop.map((p) => p.p50))), f0(median(noop.map((p) => p.p99))), f0(sum(noop, "ok")), f0(sum(noop, "non2xx")), f0(sum(noop, "errors")), f0(sum(noop, "timeouts"))],
    ["webhook (events/s)", f0(median(ingest.map((p) => p.rate))), f0(median(ingest.map((p) => p.p50))), f0(median(ingest.map((p) => p.p99))), f0(sum(ingest, "ok")), f0(sum(ingest, "non2xx")), f0(sum(ingest, "errors")), f0(sum(ingest, "timeouts"))],
  ];
  const out = [
    table(["medians over rounds", "per s", "p50 ms", "p99 ms", "2xx", "non-2xx", "errors", "timeouts"], rows, (i) => i > 0),
    "",
    `ratio webhook / no-op per round: ${ratios.map(f3).join("  ")}`,
    `median ratio: ${f3(med)}  (target ≥ ${TARGET_RATIO}: ${med >= TARGET_RATIO ? "met" : "NOT met"})`,
    `server CPU per response: no-op ${f2(median(noop.map(cpuPerRequest)))} ms, webhook ${f2(median(ingest.map(cpuPerRequest)))} ms` +
      ` → CPU-cost ratio (median of rounds) ${f3(median(rounds.map((r) => r.cpuRatio)))}` +
      ` (the ratio if the server's JavaScript thread were the only limit; less sensitive to other load on the machine)`,
    `Postgres CPU per webhook response: ${f2(median(ingest.map(dbCpuPerRequest)))} ms (backends of the bench database; shares the same cores)`,
    `whole-machine CPU per response (server, Postgres, load generator, kernel): no-op ${f2(median(noop.map(machineCpuPerRequest)))} ms,` +
      ` webhook ${f2(median(ingest.map(machineCpuPerRequest)))} ms → machine ceiling (median of rounds) ${f3(median(rounds.map(machineCeiling)))}` +
      ` (the ratio if the webhook used all ${CORES} cores with none idle; a median ratio near it is limited by this machine's CPU)`,
  ];
  if (v) out.push("", verificationText(v));
  return out.join("\n");
}

export function verificationText(v: Verification): string {
  const sample = (ids: string[]) => (ids.length ? `: ${ids.slice(0, 5).join(", ")}${ids.length > 5 ? ", …" : ""}` : "");
  const counts = (r: Record<string, number>) =>
    Object.entries(r)
      .map(([code, n]) => `${code}×${n}`)
      .join(" ") || "none";
  const lines = [
    `exactly-once: ${v.ok ? "OK" : "FAILED"} — ${v.acknowledged} events acknowledged (2xx, warm-up included), ${v.storedOnce} stored exactly once`,
    `  missing (acknowledged, no row)            ${v.missing.length}${sample(v.missing)}`,
    `  duplicated (more than one row per id)     ${v.duplicated.length}${sample(v.duplicated)}`,
    `  acknowledged but stored as failed         ${v.ackedButFailed.length}${sample(v.ackedButFailed)}`,
    `  delivery rows ≠ acknowledgements          ${v.deliveryMismatch.length}${sample(v.deliveryMismatch)}`,
    `  rows for ids never sent                   ${v.unexpected.length}${sample(v.unexpected)}`,
    `  id answered more than once (bench bug)    ${v.ackedTwice.length}${sample(v.ackedTwice)}`,
    `  2xx body naming another id (bench bug)    ${v.bodyMismatches}`,
    `  not acknowledged: ${counts(v.rejected)} (of which stored: ${counts(v.rejectedStored)}); no answer (in flight at phase end): ${v.noResponse} (stored: ${v.noResponseStored})`,
  ];
  return lines.join("\n");
}
