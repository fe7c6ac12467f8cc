import "server-only";
import { exportSource } from "./sources.ts";

/** What the export button offers for a list: its columns, and which are ticked by default. */
export type ExportColumnOption = { id: string; label: string; selected: boolean };

/** Serialisable column options for the client's export button (components/data-table/data-table-export.tsx). */
export function exportColumnOptions(entity: string): ExportColumnOption[] {
  const source = exportSource(entity);
  if (!source) throw new Error(`no export source ${entity}`);
  return source.columns.map((c) => ({ id: c.id, label: c.label, selected: !c.optional }));
}
