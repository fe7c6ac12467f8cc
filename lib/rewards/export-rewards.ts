import "server-only";
import { queryPlannedForValues } from "@/lib/data-table/keyset.ts";
import { amountCell } from "@/lib/export/amount-cell.ts";
import { keysetBatch } from "@/lib/export/keyset-batch.ts";
import type { ExportSource } from "@/lib/export/types.ts";
import { type RewardRaw, rewardConditions, rewardCursorKey, rewardKeyset, rewardListSql } from "./list-rewards.ts";
import { parseRewardsSearch, type RewardsSearch, rewardsSearchSpec } from "./search-params.ts";

/** The rewards screen as CSV: the same filters and order. Cash amounts in currency units. */
export const rewardsExport: ExportSource<RewardRaw, RewardsSearch> = {
  entity: "rewards",
  fileStem: "rewards",
  parse: parseRewardsSearch,
  columns: [
    { id: "id", label: "Reward id", value: (r) => r.id },
    { id: "status", label: "Status", value: (r) => r.status },
    { id: "amount", label: "Amount", value: (r) => amountCell(r.amount, r.unit) },
    { id: "unit", label: "Unit", value: (r) => r.unit },
    { id: "conversion_amount", label: "Conversion amount", value: (r) => amountCell(r.conversionAmount, "cash") },
    { id: "tier", label: "Tier", value: (r) => r.tierLevel },
    { id: "lead_id", label: "Lead id", value: (r) => r.leadId, optional: true },
    { id: "lead_email", label: "Lead email", value: (r) => r.leadEmail },
    { id: "promoter_id", label: "Promoter id", value: (r) => r.promoterId },
    { id: "promoter_email", label: "Promoter email", value: (r) => r.promoterEmail },
    { id: "created_at", label: "Created", value: (r) => r.createdAt },
  ],
  batch: (prisma, search) => {
    const where = rewardConditions(search);
    return keysetBatch(rewardKeyset(search), rewardsSearchSpec.sortKeys, (k) => queryPlannedForValues<RewardRaw[]>(prisma, rewardListSql(where, k)), rewardCursorKey(search));
  },
};
