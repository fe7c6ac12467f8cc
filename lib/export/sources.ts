import "server-only";
import { activityExport } from "@/lib/audit/export-audit.ts";
import { deliveriesExport } from "@/lib/events/export-deliveries.ts";
import { eventsExport } from "@/lib/events/export-events.ts";
import { promotersExport } from "@/lib/promoters/export-promoters.ts";
import { leadsExport } from "@/lib/leads/export-leads.ts";
import { fulfilmentsExport } from "@/lib/fulfilments/export-fulfilments.ts";
import { payoutsExport } from "@/lib/payouts/export-payouts.ts";
import { rewardsExport } from "@/lib/rewards/export-rewards.ts";
import type { ExportSource } from "./types.ts";

/** Every list that can be exported, by the URL segment of /api/export/<entity>. */
export const EXPORT_SOURCES: Readonly<Record<string, ExportSource>> = {
  events: eventsExport,
  deliveries: deliveriesExport,
  promoters: promotersExport,
  leads: leadsExport,
  rewards: rewardsExport,
  fulfilments: fulfilmentsExport,
  payouts: payoutsExport,
  activity: activityExport,
};

export function exportSource(entity: string): ExportSource | null {
  return Object.hasOwn(EXPORT_SOURCES, entity) ? (EXPORT_SOURCES[entity] ?? null) : null;
}
