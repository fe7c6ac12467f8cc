import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ActionName, type Fault, FakeFirstPromoter, type FakeOptions } from "./fake-firstpromoter.ts";

// The fake FirstPromoter API over HTTP, under /api/v2/company like the real one: Bearer key and
// ACCOUNT-ID required, the per-account rate limit (429 + Retry-After), documented endpoints only,
// and a control endpoint for faults (POST /__fake/faults, same Bearer key) so a test in another
// process can inject them. Listens on loopback only.

export const FAKE_BASE_PATH = "/api/v2/company";
const ACTIONS = new Set<ActionName>(["approve", "deny", "mark_fulfilled", "mark_unfulfilled", "generate_payouts"]);

export type FakeServer = {
  fake: FakeFirstPromoter;
  /** The API base URL, e.g. http://127.0.0.1:40123/api/v2/company */
  url: string;
  port: number;
  stop(): Promise<void>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `ids[]=1&ids[]=2` (also `ids%5B%5D`, `ids=1,2`), as Rails reads them. */
function idsFrom(q: URLSearchParams): number[] {
  const raw = [...q.getAll("ids[]"), ...q.getAll("ids").flatMap((v) => v.split(","))];
  return raw.map(Number).filter((n) => Number.isInteger(n) && n > 0);
}

export async function serveFakeFirstPromoter(opts: FakeOptions & { port?: number; fake?: FakeFirstPromoter }): Promise<FakeServer> {
  const fake = opts.fake ?? new FakeFirstPromoter(opts);
  const sockets = new Set<import("node:net").Socket>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://fake");
    let callIds: number[] = [];
    const send = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
      if (fake.options.answerDelayMs > 0) await sleep(fake.options.answerDelayMs);
      fake.calls.push({ at: fake.now(), method: req.method ?? "GET", path: url.pathname, status, ids: callIds });
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    try {
      const text = await readBody(req);
      const auth = req.headers.authorization ?? "";
      const bearer = auth.startsWith("Bearer ") ? auth.slice(7) : "";
      if (!sameSecret(bearer, fake.options.apiKey)) {
        await send(401, undefined);
        return;
      }

      if (url.pathname === "/__fake/faults" && req.method === "POST") {
        const faults = JSON.parse(text || "[]") as Fault[];
        for (const f of faults) fake.inject(f);
        res.writeHead(204).end();
        return;
      }
      if (req.headers["account-id"] !== fake.options.accountId) {
        await send(403, { message: "Invalid account", code: "forbidden" });
        return;
      }
      if (!url.pathname.startsWith(FAKE_BASE_PATH)) {
        await send(404, { message: "Not found", code: "not_found" });
        return;
      }
      const path = url.pathname.slice(FAKE_BASE_PATH.length);

      const wait = fake.overRateLimit();
      if (wait !== null) {
        await send(429, { message: "Rate limit exceeded", code: "too_many_requests" }, { "retry-after": String(wait) });
        return;
      }

      const fault = fake.takeFault(path);
      if (fault?.kind === "unauthorized") {
        await send(401, undefined);
        return;
      }
      if (fault?.kind === "rate_limit") {
        await send(429, { message: "Rate limit exceeded", code: "too_many_requests" }, { "retry-after": String(fault.retryAfterS ?? 1) });
        return;
      }
      if (fault?.kind === "error_500") {
        await send(500, { message: "Internal server error", code: "internal_server_error" });
        return;
      }

      let status = 404;
      let body: unknown = { message: "Not found", code: "not_found" };
      if (req.method === "GET" && path === "/commissions") {
        const q = url.searchParams;
        callIds = idsFrom(q);
        const fulfilled = q.get("filters[fulfilled]");
        status = 200;
        body = fake.list({
          ids: callIds,
          status: q.get("filters[status]") ?? undefined,
          fulfilled: fulfilled === "yes" || fulfilled === "no" ? fulfilled : undefined,
          page: Number(q.get("page") ?? 1) || 1,
          perPage: Number(q.get("per_page") ?? 20) || 20,
        });
      } else if (req.method === "POST" && path.startsWith("/commissions/") && ACTIONS.has(path.slice(13) as ActionName)) {
        const parsed = JSON.parse(text || "{}") as { ids?: unknown };
        if (!Array.isArray(parsed.ids) || !parsed.ids.every((i) => Number.isInteger(i))) {
          status = 422;
          body = { message: "ids must be an array of integers", code: "invalid_parameters" };
        } else {
          callIds = parsed.ids as number[];
          ({ status, body } = fake.action(path.slice(13) as ActionName, callIds, fault?.kind === "async"));
        }
      } else if (req.method === "GET" && /^\/batch_processes\/\d+$/.test(path)) {
        const batch = fake.batch(Number(path.split("/")[2]));
        if (batch) [status, body] = [200, batch];
        else body = { message: "Record not found", code: "not_found" };
      }

      if (fault?.kind === "drop_after_apply") {
        fake.calls.push({ at: fake.now(), method: req.method ?? "GET", path: url.pathname, status: 0, ids: callIds });
        req.socket.destroy();
        return;
      }
      if (fault?.kind === "slow") await sleep(fault.slowMs ?? 11_000);
      await send(status, body);
    } catch (err) {
      if (!res.headersSent) return send(400, { message: `bad request: ${(err as Error).message}`, code: "bad_request" });
    }
  };
  const server = http.createServer((req, res) => void handle(req, res));
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    fake,
    port,
    url: `http://127.0.0.1:${port}${FAKE_BASE_PATH}`,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy(new Error("body too large"));
      else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
