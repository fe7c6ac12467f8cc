// CSV export against a real database: the stream holds every filtered row in the list's order over
// several batches, picks columns, escapes formulas, records who exported what, and refuses unknown
// columns before writing anything.
import type { LedgerPool } from "@/lib/db/pool.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/require-user.ts";
import { getDb } from "@/lib/db/index.ts";
import { AppError } from "@/lib/errors.ts";
import { exportSource } from "@/lib/export/sources.ts";
import { EXPORT_BATCH, streamCsvExport } from "@/lib/export/stream-csv-export.ts";
import type { PrismaClient } from "@/lib/generated/prisma/client.ts";
import { generateStream } from "@/lib/simulator/generate-stream.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.ts";
import { post } from "../webhook/helpers.ts";

const NOW = new Date("2026-03-01T12:00:00.000Z");
const USER: SessionUser = { id: "exporter-1", email: "exporter@example.com", name: "Exporter", role: "viewer" };
const AUDIT_ROWS = EXPORT_BATCH * 2 + 345;

let db: TestDatabase;
let prisma: PrismaClient;
let pool: LedgerPool;

beforeAll(async () => {
  db = await createTestDatabase();
  ({ prisma, pool } = getDb({ connectionString: db.url }));
  for (const d of generateStream({ seed: 5, events: 120, now: NOW, duplicates: 0.1 })) {
    const res = await post(pool, d.body);
    if (res.status >= 300) throw new Error(`seed delivery answered ${res.status}`);
  }
  // More audit rows than two batches; a few with formula-looking text, all at distinct times.
  await pool.query(
    `INSERT INTO audit_log (at, actor_id, actor_email, action, target_type, target_id, ip)
     SELECT timestamptz '2026-01-01' + make_interval(secs => g), 'u' || (g % 3), CASE WHEN g % 500 = 0 THEN '=cmd|calc' ELSE 'user' || (g % 3) || '@example.com' END,
            CASE WHEN g % 2 = 0 THEN 'auth.sign_in' ELSE 'user.create' END, 'user', g::text, '10.0.0.' || (g % 250)
     FROM generate_series(1, $1::int) AS g`,
    [AUDIT_ROWS],
  );
});

afterAll(async () => {
  await pool?.end();
  await db?.drop();
});

async function exportText(entity: string, query: string): Promise<{ res: Response; text: string; lines: string[] }> {
  const source = exportSource(entity);
  if (!source) throw new Error(`no source ${entity}`);
  const res = await streamCsvExport(prisma, source, new URLSearchParams(query), { user: USER, ip: "127.0.0.9" });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // Decoded keeping the byte-order mark (Response.text() would drop it).
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { res, text, lines: text.replace(/^\uFEFF/, "").split("\r\n").filter((l) => l !== "") };
}

describe("CSV export", () => {
  it("streams every row of a long list in the list's order across batches, with the chosen columns", async () => {
    const { res, text, lines } = await exportText("activity", "columns=target_id,action&sort=at.asc&cursor=bogus&perPage=20");
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="ledger-activity-[\d-]+\.csv"$/);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(lines[0]).toBe("target_id,action");
    // Every audit row (the seeded ones plus this export's own record, written before the first batch).
    const ids = lines.slice(1).map((l) => l.split(",")[0]);
    expect(ids.length).toBe(AUDIT_ROWS + 1);
    expect(ids.slice(0, AUDIT_ROWS)).toEqual(Array.from({ length: AUDIT_ROWS }, (_, i) => String(i + 1)));
    expect(lines.at(-1)).toBe("activity,export.csv");
  });

  it("applies the page's filters (and ignores its cursor and page size)", async () => {
    const { lines } = await exportText("activity", "action=auth.sign_in&columns=action");
    expect(lines.length - 1).toBe(Math.floor(AUDIT_ROWS / 2));
    expect(new Set(lines.slice(1))).toEqual(new Set(["auth.sign_in"]));

    const { lines: events } = await exportText("events", "type=reward_created&columns=external_id,type");
    const { rows } = await pool.query("SELECT external_id FROM webhook_event WHERE type = 'reward_created' ORDER BY received_at DESC, id DESC");
    expect(events.slice(1)).toEqual(rows.map((r) => `${r.external_id},reward_created`));
    expect(rows.length).toBeGreaterThan(0);
  });

  it("escapes cells that a spreadsheet would run as a formula", async () => {
    const { lines } = await exportText("activity", "q=500&columns=target_id,actor_email");
    expect(lines.slice(1)).toEqual(["500,'=cmd|calc"]);
  });

  it("records who exported what, with the filters and columns, in the audit log", async () => {
    await exportText("deliveries", "outcome=accepted&columns=received_at,status_code");
    const { rows } = await pool.query(
      "SELECT actor_id, actor_email, action, target_type, target_id, after, ip FROM audit_log WHERE action = 'export.csv' AND target_id = 'deliveries'",
    );
    expect(rows).toEqual([
      {
        actor_id: USER.id,
        actor_email: USER.email,
        action: "export.csv",
        target_type: "export",
        target_id: "deliveries",
        after: { entity: "deliveries", filters: { outcome: "accepted" }, columns: ["received_at", "status_code"] },
        ip: "127.0.0.9",
      },
    ]);
  });

  it("uses the default columns when none are picked, and refuses unknown ones before writing or recording anything", async () => {
    const { lines } = await exportText("events", "q=no-such-event");
    expect(lines).toEqual(["external_id,type,format,outcome,error,occurred_at,received_at"]);

    const before = (await pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n;
    const source = exportSource("events");
    if (!source) throw new Error("events source missing");
    const attempt = streamCsvExport(prisma, source, new URLSearchParams("columns=type,payload,password"), { user: USER, ip: "x" });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, field: "columns", message: expect.stringContaining("payload, password") });
    expect((await pool.query("SELECT count(*)::int AS n FROM audit_log")).rows[0].n).toBe(before);
  });

  it("reads batch by batch as the client reads (a million rows never sit in memory) and stops when the client goes", async () => {
    const source = exportSource("activity");
    if (!source) throw new Error("activity source missing");
    let batches = 0;
    const counting = { ...source, batch: (p: PrismaClient, s: any) => ((batches += 1), source.batch(p, s)) };
    const res = await streamCsvExport(prisma, counting, new URLSearchParams("columns=target_id"), { user: USER, ip: "x" });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the header
    await reader.read(); // the first batch
    // The stream keeps at most one batch ahead of the reader (its default high-water mark).
    expect(batches).toBeLessThanOrEqual(2);
    await reader.cancel();
    const after = batches;
    await new Promise((r) => setTimeout(r, 50));
    expect(batches).toBe(after);
    expect(after).toBeLessThan(Math.ceil(AUDIT_ROWS / EXPORT_BATCH) + 1);
  });

  it("exports the review queue as the page shows it (pending by default) and rewards with cash in currency units", async () => {
    const { lines: queue } = await exportText("fulfilments", "columns=id,review_status,sync");
    const { rows: pending } = await pool.query("SELECT id::text FROM fulfilment WHERE review_status = 'pending' ORDER BY first_delivery_at, id");
    expect(pending.length).toBeGreaterThan(0);
    expect(queue.slice(1).map((l) => l.split(",")[0])).toEqual(pending.map((r) => r.id));
    expect(new Set(queue.slice(1).map((l) => l.split(",")[1]))).toEqual(new Set(["pending"]));
    const { lines: every } = await exportText("fulfilments", "review_status=all&columns=id");
    expect(every.length - 1).toBe((await pool.query("SELECT count(*)::int AS n FROM fulfilment")).rows[0].n);

    const { lines: rewards } = await exportText("rewards", "unit=cash&columns=id,amount,unit");
    const { rows: cash } = await pool.query("SELECT id::text, amount::text FROM reward WHERE unit = 'cash'");
    expect(cash.length).toBeGreaterThan(0);
    const byId = new Map(rewards.slice(1).map((l) => [l.split(",")[0], l.split(",")[1]]));
    for (const r of cash) expect(byId.get(r.id), r.id).toBe((Number(r.amount) / 100).toFixed(2));
  });

  it("exports promoters in a balance sort across batches with balances flattened, and leads with their filters", async () => {
    const { lines } = await exportText("promoters", "sort=cash_current.desc&columns=id,cash_current");
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM promoter");
    expect(lines.length - 1).toBe(rows[0].n);
    const amounts = lines.slice(1).map((l) => l.split(",")[1] ?? "");
    const withBalance = amounts.filter((a) => a !== "");
    // Those with a cash balance first, largest first; blanks (no cash balance) last.
    expect(amounts.slice(0, withBalance.length)).toEqual(withBalance);
    expect(withBalance.map(Number)).toEqual([...withBalance.map(Number)].sort((a, b) => b - a));

    const { lines: leads } = await exportText("leads", "columns=id");
    expect(leads.length - 1).toBe((await pool.query("SELECT count(*)::int AS n FROM lead")).rows[0].n);
  });

  it("knows only the registered lists", () => {
    expect(exportSource("events")).not.toBeNull();
    expect(exportSource("constructor")).toBeNull();
    expect(exportSource("__proto__")).toBeNull();
  });
});

/** RFC 4180 rows (quoted fields, doubled quotes, CRLF or LF line ends). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

describe.skipIf(!process.env.TEST_DATABASE_URL)("CSV export through Postgres's COPY (real Postgres)", () => {
  const both = async (query: string) => {
    const source = exportSource("leads");
    if (!source) throw new Error("no leads source");
    const viaJs = await streamCsvExport(prisma, source, new URLSearchParams(query), { user: USER, ip: "127.0.0.9" });
    const viaCopy = await streamCsvExport(prisma, source, new URLSearchParams(query), { user: USER, ip: "127.0.0.9", pool });
    return { js: parseCsv(await viaJs.text()), copy: parseCsv(await viaCopy.text()), res: viaCopy };
  };

  it("writes the same cells in the same order as the row-by-row export, formulas escaped", async () => {
    await pool.query(`UPDATE lead SET email = '=HYPERLINK("x")@example.com' WHERE id = (SELECT min(id) FROM lead)`);
    for (const query of ["", "state=active", "sort=customer_since.desc", "sort=created_at.asc&columns=id,email,created_at,promoter_name,uid", "q=example.com", "state=nothing"]) {
      const { js, copy, res } = await both(query);
      expect(res.headers.get("content-type"), query).toBe("text/csv; charset=utf-8");
      expect(copy, query).toEqual(js);
    }
    const { copy } = await both("columns=email");
    expect(copy.flat()).toContain(`'=HYPERLINK("x")@example.com`);
  });

  it("stops the query when the reader cancels", async () => {
    const source = exportSource("leads");
    if (!source) throw new Error("no leads source");
    const abort = new AbortController();
    const res = await streamCsvExport(prisma, source, new URLSearchParams(""), { user: USER, ip: "127.0.0.9", pool, signal: abort.signal });
    const reader = res.body?.getReader();
    await reader?.read();
    abort.abort();
    await reader?.cancel();
    await new Promise((r) => setTimeout(r, 200));
    const { rows } = await pool.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'COPY (SELECT%' AND state = 'active' AND pid <> pg_backend_pid()");
    expect(rows[0]?.n).toBe(0);
  });
});
