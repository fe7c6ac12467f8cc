import "server-only";
import { activityExport } from "@/lib/audit/export-audit.ts";
import { deliveriesExport } from "@/lib/events/export-deliveries.ts";
import { eventsExport } from "@/lib/events/export-events.ts";
import { fulfilmentsExport } from "@/lib/fulfilments/export-fulfilments.ts";
import { rewardsExport } from "@/lib/rewards/export-rewards.ts";
import type { ExportSource } from "./types.ts";

/** Every list that can be exported, by the URL segment of /api/export/<entity>. */
export const EXPORT_SOURCES: Readonly<Record<string, ExportSource>> = {
  events: eventsExport,
  deliveries: deliveriesExport,
  rewards: rewardsExport,
  fulfilments: fulfilmentsExport,
  activity: activityExport,
};

export function exportSource(entity: string): ExportSource | null {
  return Object.hasOwn(EXPORT_SOURCES, entity) ? (EXPORT_SOURCES[entity] ?? null) : null;
}
