import { type AnyDelivery, isV2 } from "@/lib/simulator/generate-stream.ts";
import { isV2Fulfilment } from "@/lib/simulator/v2-events.ts";
import { createRng } from "@/lib/simulator/prng.ts";
import type { FakeCommission } from "./fake-firstpromoter.ts";

/**
 * The fake account's commissions for a simulated stream: one per fulfilment_pending or v2 approved
 * non-monetary commission (its id, amount and unit: the same world as the demo data), in FirstPromoter's varied states so the whole
 * loop shows — most approved with a payout record (they fulfil at once), some still pending there
 * (Ledger approves them first), some approved without a payout (Ledger generates one), and one
 * denied (Ledger will not approve over it). Seeded: the same stream gives the same account.
 */
export function commissionsFromStream(deliveries: AnyDelivery[], seed: number): FakeCommission[] {
  const rng = createRng(seed, 11);
  const seen = new Set<number>();
  const out: FakeCommission[] = [];
  for (const d of deliveries) {
    if (isV2(d) ? !isV2Fulfilment(d.body) : d.body.event.type !== "fulfilment_pending") continue;
    const data = d.body.data as { id: number; amount?: number | null; unit?: string; created_at?: string };
    const sentAt = isV2(d) ? d.body.timestamp : d.body.event.created_at;
    if (seen.has(data.id)) continue;
    seen.add(data.id);
    const n = out.length;
    const roll = rng.next();
    const kind = n === 1 ? "denied" : roll < 0.15 ? "pending" : roll < 0.3 ? "no_payout" : "ready";
    out.push({
      id: data.id,
      status: kind === "denied" ? "denied" : kind === "pending" ? "pending" : "approved",
      unit: data.unit ?? "free_months",
      amount: data.amount ?? 1,
      created_at: data.created_at ?? sentAt,
      payoutOnApprove: kind !== "no_payout",
      payout: kind === "ready" ? { id: 9_500_000 + n, status: "pending" } : null,
    });
  }
  return out;
}
