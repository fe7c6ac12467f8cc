import type { EventHandler } from "./event-handler.ts";
import { fulfilmentPending } from "./handlers/fulfilment-pending.ts";
import { leadBecomesReferral } from "./handlers/lead-becomes-referral.ts";
import { leadCancelled } from "./handlers/lead-cancelled.ts";
import { leadSignup } from "./handlers/lead-signup.ts";
import { newCustomer } from "./handlers/new-customer.ts";
import { promoterAccepted } from "./handlers/promoter-accepted.ts";
import { promoterSignedUp } from "./handlers/promoter-signed-up.ts";
import { rewardCreated } from "./handlers/reward-created.ts";

/** The event types Ledger projects, each with its handler; any other type is stored raw and ignored. */
export const EVENT_HANDLERS: Readonly<Record<string, EventHandler>> = {
  lead_signup: leadSignup,
  lead_becomes_referral: leadBecomesReferral,
  new_customer: newCustomer,
  lead_cancelled: leadCancelled,
  promoter_signed_up: promoterSignedUp,
  promoter_signs_up: promoterSignedUp,
  promoter_accepted: promoterAccepted,
  reward_created: rewardCreated,
  fulfilment_pending: fulfilmentPending,
};
