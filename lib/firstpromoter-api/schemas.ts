import { z } from "zod";

// FirstPromoter API v2 answers Ledger reads, from its published OpenAPI files
// (firstpromoter/docs: api-reference-v2/api-admin/commissions/openapi-v2-commissions.json,
// api-reference-v2/api-admin/batches/openapi-v2-batches.json). Loose on purpose: only the fields
// Ledger acts on are required, the rest passes through.

/** The batch actions Ledger calls (POST /commissions/<action> with `{ ids }`). */
export const BATCH_ACTIONS = ["approve", "deny", "mark_fulfilled", "mark_unfulfilled", "generate_payouts"] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

/** At most this many ids per action call: above it FirstPromoter answers 202 and works in the background. */
export const MAX_IDS_PER_ACTION = 5;
/** At most this many ids per `GET /commissions?ids[]=…` (its per_page maximum). */
export const MAX_IDS_PER_READ = 100;

export const BATCH_STATUSES = ["pending", "in_progress", "completed", "failed", "stopped"] as const;

/** BatchOperationResponse (actions) and BatchProcess (GET /batch_processes/{id}) share this shape. */
export const batchSchema = z
  .object({
    id: z.number().int().nullish(),
    status: z.enum(BATCH_STATUSES),
    total: z.number().int().nullish(),
    selected_total: z.number().int().nullish(),
    processed_count: z.number().int().nullish(),
    failed_count: z.number().int().nullish(),
    action_label: z.string().nullish(),
    processing_errors: z.array(z.unknown()).nullish(),
  })
  .loose();
export type Batch = z.infer<typeof batchSchema>;

export const commissionSchema = z
  .object({
    id: z.number().int(),
    status: z.enum(["pending", "approved", "denied"]),
    unit: z.string().nullish(),
    amount: z.number().nullish(),
    is_paid: z.boolean().nullish(),
  })
  .loose();
export type Commission = z.infer<typeof commissionSchema>;

export const commissionListSchema = z.array(commissionSchema);

/** ErrorResponse: `{ message, code }` (422, 403, 404). */
export const errorBodySchema = z.object({ message: z.string().optional(), code: z.string().optional() }).loose();

/** A batch result is a full success only when it completed with nothing failed. */
export function isCompleteSuccess(batch: Batch, idCount: number): boolean {
  if (batch.status !== "completed" || (batch.failed_count ?? 0) !== 0) return false;
  // processed_count, when given, must cover every id (a count short of it hides a failure).
  return batch.processed_count === null || batch.processed_count === undefined || batch.processed_count >= idCount;
}
