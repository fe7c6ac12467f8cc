// A text summary of a V8 .cpuprofile (node --cpu-prof) of the server: where its JavaScript thread spent the
// samples, by package and by function (self time), and — through the build's source maps — the inclusive time
// of the app's own source files (lib/…, app/…), so the webhook's steps can be told apart in a minified bundle.
// Note: samples are taken on a timer, so a thread descheduled inside a syscall (e.g. the write that wakes a
// Postgres backend on a busy 2-core machine) is charged to that syscall; /proc CPU times are the true cost.
import { existsSync, readFileSync } from "node:fs";
import { SourceMap, type SourceMapPayload, type SourceMapping } from "node:module";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
type Section = { line: number; column: number; map: SourceMap };

export function category(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(idle)") return "idle";
    if (functionName === "(program)") return "V8/native (program)";
    return "native (syscalls, builtins)";
  }
  if (url.startsWith("node:")) return "node core";
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.includes("/.next/server/")) return "app bundle (.next/server: lib, zod, Next route glue)";
  return url.replace(/^file:\/\//, "");
}

/** Maps frames in .next/server bundles to their original source file (null for anything else). */
function sourceMapper(): (frame: CallFrame) => string | null {
  const cache = new Map<string, Section[] | null>();
  const sections = (url: string): Section[] | null => {
    const file = url.replace(/^file:\/\//, "");
    if (cache.has(file)) return cache.get(file) ?? null;
    let out: Section[] | null = null;
    try {
      if (existsSync(`${file}.map`)) {
        const json = JSON.parse(readFileSync(`${file}.map`, "utf8")) as SourceMapPayload & {
          sections?: { offset: { line: number; column: number }; map: SourceMapPayload }[];
        };
        out = json.sections
          ? json.sections.map((s) => ({ line: s.offset.line, column: s.offset.column, map: new SourceMap(s.map) }))
          : [{ line: 0, column: 0, map: new SourceMap(json) }];
      }
    } catch {
      out = null;
    }
    cache.set(file, out);
    return out;
  };
  return (frame) => {
    if (!frame.url.includes("/.next/server/")) return null;
    const secs = sections(frame.url);
    if (!secs) return null;
    let sec: Section | undefined;
    for (const s of secs) if (s.line < frame.lineNumber || (s.line === frame.lineNumber && s.column <= frame.columnNumber)) sec = s;
    if (!sec) return null;
    const line = frame.lineNumber - sec.line;
    const entry = sec.map.findEntry(line, line === 0 ? frame.columnNumber - sec.column : frame.columnNumber) as Partial<SourceMapping>;
    if (!entry.originalSource) return null;
    // turbopack:///[project]/lib/events/receive-delivery.ts → lib/events/receive-delivery.ts
    return decodeURIComponent(entry.originalSource.replace(/^.*?\[project\]\//, "").replace(/^(\.\.\/)+/, ""));
  };
}

export function summariseCpuProfile(file: string, top = 20): string {
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const source = sourceMapper();
  const sourceOf = new Map<number, string | null>();
  const appSource = (id: number): string | null => {
    if (!sourceOf.has(id)) {
      const frame = byId.get(id)?.callFrame;
      const src = frame ? source(frame) : null;
      // The app's own files only; node_modules inside the bundle (zod, Next's route glue) are listed by self time.
      sourceOf.set(id, src && !src.includes("node_modules/") && /^(lib|app|components)\//.test(src) ? src : null);
    }
    return sourceOf.get(id) ?? null;
  };
  const key = (f: CallFrame) => `${f.functionName || "(anonymous)"}  ${shortUrl(f.url)}${f.url ? `:${f.lineNumber + 1}` : ""}`;

  const self = new Map<string, number>();
  const cats = new Map<string, number>();
  const files = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(id);
    if (!node) return;
    total += dt;
    if (node.callFrame.functionName === "(idle)") idle += dt;
    const k = key(node.callFrame);
    self.set(k, (self.get(k) ?? 0) + dt);
    const c = category(node.callFrame);
    cats.set(c, (cats.get(c) ?? 0) + dt);
    // Inclusive time per app source file: each file counted once per sample.
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const src = appSource(n);
      if (src && !seen.has(src)) {
        seen.add(src);
        files.set(src, (files.get(src) ?? 0) + dt);
      }
    }
  });

  const busy = total - idle;
  const pct = (us: number) => `${((100 * us) / Math.max(busy, 1)).toFixed(1).padStart(5)}%`;
  const sec = (us: number) => `${(us / 1e6).toFixed(2).padStart(7)} s`;
  const rows = (m: Map<string, number>, n: number) =>
    [...m]
      .filter(([k]) => k !== "idle" && !k.startsWith("(idle)"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${sec(us)} ${pct(us)}  ${k}`)
      .join("\n");

  return [
    `profiled ${(total / 1e6).toFixed(1)} s (start-up, warm-up and both routes), busy ${(busy / 1e6).toFixed(1)} s; shares are of busy time`,
    "self time by package:",
    rows(cats, 15),
    `self time, top ${top} functions:`,
    rows(self, top),
    "inclusive time by app source file (bundle frames mapped through .next source maps):",
    rows(files, top) || "  (no source maps found next to the bundles)",
  ].join("\n");
}

function shortUrl(url: string): string {
  return url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/node_modules\//, "")
    .replace(/^.*\/\.next\//, ".next/");
}
