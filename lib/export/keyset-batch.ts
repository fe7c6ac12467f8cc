import "server-only";
import { decodeCursor } from "@/lib/data-table/cursor.ts";
import { fetchKeysetPage, type Keyset, type KeysetOptions } from "@/lib/data-table/keyset.ts";
import type { Cursor, CursorValue, SortKeyType } from "@/lib/data-table/types.ts";

/**
 * One export batch through a list's own keyset query: the rows after the cursor and the cursor of
 * the next batch (null at the end). Each batch is one short indexed query, so an export of a million
 * rows holds no transaction and no connection between batches (an embedded database serialises
 * transactions: a long one would stall the webhook).
 */
export async function keysetBatch<T>(
  o: KeysetOptions,
  sortKeys: Readonly<Record<string, SortKeyType>>,
  fetch: (k: Keyset) => Promise<T[]>,
  keyOf: (row: T) => { value: CursorValue; id: string },
): Promise<{ rows: T[]; next: Cursor | null }> {
  const page = await fetchKeysetPage(o, fetch, keyOf);
  return { rows: page.rows, next: page.nextCursor ? decodeCursor(page.nextCursor, sortKeys) : null };
}
