import { v2PromoterSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2Promoter } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/** promoter.* (created, updated, deleted, promoter.balance.updated, promoter.profile.updated): the promoter, its earnings balance per unit, and its campaign memberships with their state. */
export const v2Promoter = defineHandler(v2PromoterSchema, (data, event) => {
  const p = new Projection();
  addV2Promoter(p, data, event.action ?? "updated");
  return p;
});
