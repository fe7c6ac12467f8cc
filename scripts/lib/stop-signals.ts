// SIGINT/SIGTERM handling shared by `npm start` (scripts/start.ts) and its server (scripts/server.ts).
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Node's arguments for running a TypeScript file in this process with tsx's loader, instead of the `tsx` command:
 * `tsx file.ts` is a second process that relays signals to the real one and SIGKILLs it when that one does not
 * acknowledge a signal within ~30 ms (which happens whenever PGlite keeps its event loop busy), so neither a
 * clean shutdown nor the data folder's lock could survive Ctrl-C. `spawn(process.execPath, [...TSX_IMPORT, file])`.
 */
export const TSX_IMPORT = ["--import", pathToFileURL(createRequire(path.join(ROOT, "package.json")).resolve("tsx")).href];

/**
 * One Ctrl-C arrives twice: the terminal signals the whole foreground process group, and `npm start` (npm's
 * run-script) relays the signal it received to its child as well. Signals this close to the last one acted on
 * are taken for the same keypress.
 */
export const REPEAT_WINDOW_MS = 1_000;

export type StopSignalHandlers = {
  /** The first SIGINT or SIGTERM. */
  first(signal: NodeJS.Signals): void;
  /** A later one (more than REPEAT_WINDOW_MS after the last one acted on). */
  again(signal: NodeJS.Signals): void;
};

/** Installs the handlers for SIGINT and SIGTERM (replacing Node's default of exiting at once). */
export function onStopSignals(handlers: StopSignalHandlers, windowMs = REPEAT_WINDOW_MS): void {
  let last: number | null = null;
  const onSignal = (signal: NodeJS.Signals) => {
    const now = performance.now();
    if (last !== null && now - last < windowMs) return; // the same keypress, relayed
    const isFirst = last === null;
    last = now;
    if (isFirst) handlers.first(signal);
    else handlers.again(signal);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

/**
 * How long scripts/server.ts, once asked to stop, waits for the requests in flight and the outbox worker's call
 * before it drops them; npm start gives the whole stop 10 s.
 */
export const SERVER_GRACE_MS = 6_000;

/** What scripts/start.ts sends its server over the IPC channel it opens: stop, or stop waiting. */
export type ServerControl = { ledger: "stop"; force?: boolean };
