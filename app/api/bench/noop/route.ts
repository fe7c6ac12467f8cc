// POST /api/bench/noop – baseline for `npm run bench:ingest`: reads the body, answers { ok: true }; 404 unless LEDGER_BENCH=1
export const dynamic = "force-dynamic";

export async function POST(req: Request) {
  if (process.env.LEDGER_BENCH !== "1") {
    return Response.json({ error: { code: "not_found", message: "no route at this address" } }, { status: 404 });
  }
  await req.text();
  return Response.json({ ok: true });
}
