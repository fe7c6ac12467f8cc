// GET /api/health – is the app up, and does the database answer?
import { db } from "@/lib/db/index.ts";

export const dynamic = "force-dynamic";

export async function GET() {
  const started = Date.now();
  try {
    await db().pool.query("SELECT 1");
    return Response.json({ ok: true, database: "up", latency_ms: Date.now() - started }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    console.error("[health] database check failed:", (err as Error).message);
    return Response.json({ ok: false, database: "down" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
