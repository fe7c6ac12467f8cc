// `npm start` (embedded mode) stopped the way a terminal and a service manager stop it, at any moment: Ctrl-C
// (SIGINT to the whole process group, which npm also relays) while the database opens and migrates, while
// the server starts, and under webhook load, including with a request that never finishes (the server's
// grace period) and a second Ctrl-C (stop waiting); SIGTERM to npm alone and to the group. Every stop must
// end with exit code 0 within 10 s, the data folder's lock removed and no process of the group left; every
// event acknowledged with a 2xx must then answer `duplicate: true`: it was stored.
// Runs once in CI (`npm run test:shutdown`, vitest.shutdown.config.ts), not in both `npm test` passes.
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FIXTURES = path.join(ROOT, "tests/fixtures/firstpromoter");
const TYPES = ["lead_signup", "promoter_signed_up", "reward_created", "fulfilment_pending"] as const;
const TEMPLATES = TYPES.map((t) => JSON.parse(readFileSync(path.join(FIXTURES, `${t}.json`), "utf8")) as { event: { id: number } });
const WEBHOOK = "/api/webhooks/firstpromoter";
const STOP_LIMIT_MS = 10_000;
const SENDERS = 8;

let dataDir: string;
let port: number;
let dbPort: number;
let secret: string;
let nextId = 9_000_000_000;
const running = new Set<ChildProcess>();

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "ledger-shutdown-"));
  [port, dbPort] = [await freePort(), await freePort()];
});

afterAll(async () => {
  // A failed assertion must not leave a Ledger running.
  for (const child of running) if (child.pid) killGroup(child.pid, "SIGKILL");
  await rm(dataDir, { recursive: true, force: true });
});

type Ledger = { child: ChildProcess; pid: number; output(): string; waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> };

/** `npm start` in its own process group (as a terminal runs a foreground job), embedded mode. */
function startLedger(dir = dataDir): Ledger {
  // What npm start would take from the developer's shell is left out (spawn skips undefined values).
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...Object.fromEntries(
      ["DATABASE_URL", "WEBHOOK_SECRET", "WEBHOOK_SECRET_PREVIOUS", "LEDGER_URL", "FIRSTPROMOTER_API_KEY", "FIRSTPROMOTER_ACCOUNT_ID", "FIRSTPROMOTER_API_URL"].map((name) => [name, undefined]),
    ),
    LEDGER_DATA_DIR: dir,
    PORT: String(port),
    HOST: "127.0.0.1",
    LEDGER_DB_PORT: String(dbPort),
    LEDGER_DEMO: "0",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const child = spawn("npm", ["start"], { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let output = "";
  const waiters = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters) w();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const exit = once(child, "exit").then(([code, signal]) => {
    running.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null, at: performance.now() };
  });
  return {
    child,
    pid: child.pid!,
    output: () => output,
    exit,
    waitFor: (pattern, timeoutMs = 120_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) done(resolve);
        };
        const timer = setTimeout(() => done(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`))), timeoutMs);
        const exited = () => done(() => reject(new Error(`npm start exited before ${pattern}:\n${output}`)));
        void exit.then(() => setTimeout(exited, 50));
        function done(then: () => void) {
          clearTimeout(timer);
          waiters.delete(check);
          then();
        }
        waiters.add(check);
        check();
      }),
  };
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // gone already
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** What is left of the process group, for the failure message. */
async function groupMembers(pid: number): Promise<string> {
  const ps = spawn("ps", ["-o", "pid,stat,args", "-g", String(pid)], { stdio: ["ignore", "pipe", "ignore"] });
  let out = "";
  ps.stdout.on("data", (c: Buffer) => (out += c.toString()));
  await once(ps, "exit");
  return out;
}

/**
 * Sends the signal, waits for npm to exit, and checks the stop: within 10 s, exit code 0, the lock gone, no
 * process of the group left. Returns the time it took.
 */
async function stopAndCheck(ledger: Ledger, send: () => void, label: string, dir = dataDir): Promise<number> {
  const sentAt = performance.now();
  send();
  const timeout = new Promise<null>((r) => setTimeout(() => r(null), STOP_LIMIT_MS + 5_000));
  const exit = await Promise.race([ledger.exit, timeout]);
  if (!exit) {
    const left = await groupMembers(ledger.pid);
    killGroup(ledger.pid, "SIGKILL");
    throw new Error(`${label}: npm start did not exit within ${(STOP_LIMIT_MS + 5_000) / 1000} s; still running:\n${left}\n${ledger.output()}`);
  }
  const ms = exit.at - sentAt;
  const context = `${label}:\n${ledger.output()}`;
  expect(exit, context).toEqual({ code: 0, signal: null, at: exit.at });
  expect(ms, context).toBeLessThan(STOP_LIMIT_MS);
  expect(existsSync(path.join(dir, "ledger.pid")), `${label}: the lock is left\n${ledger.output()}`).toBe(false);
  // npm exits last, after start (which waited for the server): nothing of the group may outlive it.
  const deadline = performance.now() + 1_000;
  while (groupAlive(ledger.pid) && performance.now() < deadline) await sleep(50);
  if (groupAlive(ledger.pid)) {
    const left = await groupMembers(ledger.pid);
    killGroup(ledger.pid, "SIGKILL");
    throw new Error(`${label}: processes of the group left after npm exited:\n${left}`);
  }
  return ms;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Event = { event: { id: number; [k: string]: unknown }; [k: string]: unknown };
type Answer = { status: number; body: Record<string, unknown>; at: number } | { error: string; at: number };

function newEvent(): Event {
  const template = TEMPLATES[nextId % TEMPLATES.length]!;
  const body = structuredClone(template) as Event;
  body.event.id = nextId++;
  return body;
}

function post(agent: http.Agent, body: Event): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: WEBHOOK,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), authorization: `Bearer ${secret}` },
        timeout: 20_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => (text += c));
        res.on("end", () => {
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(text) as Record<string, unknown>;
          } catch {
            parsed = { text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed, at: performance.now() });
        });
        res.on("error", (err) => resolve({ error: err.message, at: performance.now() }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", (err) => resolve({ error: (err as NodeJS.ErrnoException).code ?? err.message, at: performance.now() }));
    req.end(payload);
  });
}

type Load = { acked: Event[]; ackTimes: number[]; stop(): Promise<void>; counts: Record<string, number> };

/** SENDERS concurrent senders on keep-alive connections, each posting new events until stop(). */
function startLoad(): Load {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
  const load: Load = { acked: [], ackTimes: [], counts: {}, stop: async () => {} };
  let stopped = false;
  const senders = Array.from({ length: SENDERS }, async () => {
    while (!stopped) {
      const body = newEvent();
      const answer = await post(agent, body);
      const key = "status" in answer ? String(answer.status) : answer.error;
      load.counts[key] = (load.counts[key] ?? 0) + 1;
      if ("status" in answer && answer.status >= 200 && answer.status < 300) {
        load.acked.push(body);
        load.ackTimes.push(answer.at);
      } else await sleep(20); // refused or cut: nothing was acknowledged; don't spin
    }
  });
  load.stop = async () => {
    stopped = true;
    await Promise.all(senders);
    agent.destroy();
  };
  return load;
}

/** Every acknowledged event, sent again: each must be a duplicate (it was stored). */
async function expectStored(events: Event[], label: string): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: SENDERS });
  const missing: string[] = [];
  let i = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (i < events.length) {
        const body = events[i++]!;
        const answer = await post(agent, body);
        if (!("status" in answer) || answer.status >= 300 || answer.body.duplicate !== true) missing.push(`${body.event.id}: ${JSON.stringify(answer)}`);
      }
    }),
  );
  agent.destroy();
  expect(missing, `${label}: ${missing.length} of ${events.length} acknowledged events are not stored`).toEqual([]);
}

/** A webhook request whose body never comes: in flight until the server gives up on it. */
async function stalledRequest(): Promise<net.Socket> {
  const socket = net.connect(port, "127.0.0.1");
  await once(socket, "connect");
  socket.on("error", () => {});
  socket.write(
    `POST ${WEBHOOK} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${secret}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"event":`,
  );
  await sleep(200); // let the server take it up
  return socket;
}

const timings: string[] = [];
let previous: Event[] = [];
const everything: Event[] = [];

it("stops cleanly while the embedded database opens (initdb in a fresh folder)", async () => {
  const ledger = startLedger();
  await ledger.waitFor(/starting the embedded database/);
  await sleep(300); // inside initdb, which keeps the event loop busy for seconds
  const ms = await stopAndCheck(ledger, () => killGroup(ledger.pid, "SIGINT"), "SIGINT while the database opens");
  timings.push(`opening: ${ms.toFixed(0)} ms`);
  secret = readFileSync(path.join(dataDir, "webhook-secret"), "utf8").trim();
});

it("stops cleanly while the migrations run, and finishes them first", async () => {
  // A folder of its own: the rounds' folder is migrated by now.
  const ownDir = await mkdtemp(path.join(tmpdir(), "ledger-shutdown-migrate-"));
  try {
    const ledger = startLedger(ownDir);
    // Printed just before the migrations start (a fresh folder has all of them to apply).
    await ledger.waitFor(/generated a webhook secret/);
    const ms = await stopAndCheck(ledger, () => killGroup(ledger.pid, "SIGINT"), "SIGINT while migrating", ownDir);
    timings.push(`migrating: ${ms.toFixed(0)} ms`);
    expect(ledger.output()).toMatch(/applied \d+ migration/);
    // Nothing half-applied: the next start finds the schema up to date.
    const again = startLedger(ownDir);
    await again.waitFor(/database schema is up to date/);
    await stopAndCheck(again, () => killGroup(again.pid, "SIGINT"), "stop after the migrations check", ownDir);
  } finally {
    await rm(ownDir, { recursive: true, force: true });
  }
});

it("stops cleanly while the server starts", async () => {
  const ledger = startLedger();
  await ledger.waitFor(/starting the server on/);
  await sleep(500);
  const ms = await stopAndCheck(ledger, () => killGroup(ledger.pid, "SIGINT"), "SIGINT while the server starts");
  timings.push(`server starting: ${ms.toFixed(0)} ms`);
});

type Round = { label: string; stalled?: boolean; secondSigintAfterMs?: number; signal: "SIGINT" | "SIGTERM"; to: "group" | "npm"; maxMs?: number };
const ROUNDS: Round[] = [
  { label: "round 1: Ctrl-C under load", signal: "SIGINT", to: "group" },
  { label: "round 2: Ctrl-C under load, a request that never finishes", signal: "SIGINT", to: "group", stalled: true },
  { label: "round 3: Ctrl-C twice under load, a request that never finishes", signal: "SIGINT", to: "group", stalled: true, secondSigintAfterMs: 1_500, maxMs: 4_000 },
  { label: "round 4: SIGTERM to npm alone under load", signal: "SIGTERM", to: "npm" },
  { label: "round 5: SIGTERM to the group under load", signal: "SIGTERM", to: "group" },
];

for (const round of ROUNDS) {
  it(`${round.label}: exit 0 within 10 s, lock gone, every acknowledged event stored`, async () => {
    const ledger = startLedger();
    await ledger.waitFor(/Ledger is running/);
    await expectStored(previous, `${round.label}, the previous round's events`);

    const load = startLoad();
    await sleep(1_000 + Math.random() * 1_000);
    const stalled = round.stalled ? await stalledRequest() : null;
    const sentAt = performance.now();
    const ms = await stopAndCheck(
      ledger,
      () => {
        if (round.to === "group") killGroup(ledger.pid, round.signal);
        else process.kill(ledger.pid, round.signal); // npm alone, as a service manager might: npm relays it
        if (round.secondSigintAfterMs) setTimeout(() => killGroup(ledger.pid, "SIGINT"), round.secondSigintAfterMs);
      },
      round.label,
    );
    await load.stop();
    stalled?.destroy();

    const late = load.ackTimes.filter((t) => t > sentAt);
    const lastAck = late.length ? Math.max(...late) - sentAt : 0;
    timings.push(
      `${round.label}: stopped in ${ms.toFixed(0)} ms; ${load.acked.length} acknowledged (${late.length} after the signal, the last at +${lastAck.toFixed(0)} ms); answers ${JSON.stringify(load.counts)}`,
    );
    expect(load.acked.length, `${round.label}: the load got nothing through\n${ledger.output()}`).toBeGreaterThan(0);
    if (round.maxMs) expect(ms, `${round.label}\n${ledger.output()}`).toBeLessThan(round.maxMs);
    // Keep-alive connections stop carrying new requests: what is answered after the signal is what was in
    // flight (the issue saw acknowledgements for 8 s and 1,299 of them).
    expect(late.length, `${round.label}: acknowledged after the signal`).toBeLessThanOrEqual(SENDERS * 3);
    expect(lastAck, `${round.label}: last acknowledgement after the signal`).toBeLessThan(2_000);
    previous = load.acked;
    everything.push(...load.acked);
  });
}

it("after the last round, every event acknowledged in any round is stored", async () => {
  const ledger = startLedger();
  await ledger.waitFor(/Ledger is running/);
  await expectStored(everything, "all rounds");
  const ms = await stopAndCheck(ledger, () => killGroup(ledger.pid, "SIGINT"), "final stop");
  timings.push(`final (${everything.length} events checked): stopped in ${ms.toFixed(0)} ms`);
  console.log(`[shutdown test]\n  ${timings.join("\n  ")}`);
});

async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return address.port;
}
