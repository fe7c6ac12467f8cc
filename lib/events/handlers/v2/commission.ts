import { v2CommissionSchema } from "@/lib/firstpromoter/v2-schemas.ts";
import { Projection } from "@/lib/projections/projection.ts";
import { addV2Commission } from "@/lib/projections/v2-rows.ts";
import { defineHandler } from "../../event-handler.ts";

/** commission.* (approved, pending, denied are updates): the commission (v1's reward); an approved non-monetary one is a pending fulfilment in the review queue. */
export const v2Commission = defineHandler(v2CommissionSchema, (data, event) => {
  const p = new Projection();
  addV2Commission(p, data, event.action ?? "updated");
  return p;
});
