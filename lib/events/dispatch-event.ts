import type { z } from "zod";
import { type KnownEventType, dataSchemas } from "@/lib/firstpromoter/schemas.ts";
import { handleFulfilmentPending } from "./handlers/fulfilment-pending.ts";
import { handleLeadBecomesReferral } from "./handlers/lead-becomes-referral.ts";
import { handleLeadCancelled } from "./handlers/lead-cancelled.ts";
import { handleLeadSignup } from "./handlers/lead-signup.ts";
import { handleNewCustomer } from "./handlers/new-customer.ts";
import { handlePromoterAccepted } from "./handlers/promoter-accepted.ts";
import { handlePromoterSignedUp } from "./handlers/promoter-signed-up.ts";
import { handleRewardCreated } from "./handlers/reward-created.ts";
import type { Ingest, IngestRow } from "./ingest.ts";

export type KnownEvent = { [K in KnownEventType]: { type: K; data: z.infer<(typeof dataSchemas)[K]> } }[KnownEventType];

export type DataParseResult = { ok: true; event: KnownEvent } | { ok: false; field: string; message: string };

/** Validates `data` against its type's schema; the first issue names the field (e.g. `data.promoter.id`). */
export function parseEventData(type: KnownEventType, data: unknown): DataParseResult {
  const result = dataSchemas[type].safeParse(data);
  if (result.success) return { ok: true, event: { type, data: result.data } as KnownEvent };
  const issue = result.error.issues[0];
  const field = ["data", ...(issue?.path ?? [])].join(".");
  return { ok: false, field, message: `${field}: ${issue?.message ?? "invalid"}` };
}

export function dispatchEvent(event: KnownEvent, ingest: Ingest): Promise<IngestRow> {
  switch (event.type) {
    case "lead_signup":
      return handleLeadSignup(event.data, ingest);
    case "lead_becomes_referral":
      return handleLeadBecomesReferral(event.data, ingest);
    case "new_customer":
      return handleNewCustomer(event.data, ingest);
    case "lead_cancelled":
      return handleLeadCancelled(event.data, ingest);
    case "promoter_signed_up":
    case "promoter_signs_up":
      return handlePromoterSignedUp(event.data, ingest);
    case "promoter_accepted":
      return handlePromoterAccepted(event.data, ingest);
    case "reward_created":
      return handleRewardCreated(event.data, ingest);
    case "fulfilment_pending":
      return handleFulfilmentPending(event.data, ingest);
    default: {
      const _exhaustive: never = event;
      throw new Error(`unhandled event type ${(_exhaustive as { type: string }).type}`);
    }
  }
}
