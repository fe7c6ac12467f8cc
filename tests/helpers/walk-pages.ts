import { expect } from "vitest";
import type { Page } from "@/lib/data-table/types.ts";

export type Walk<T> = { forward: string[]; backward: string[]; pages: Page<T>[] };

/**
 * Every page of a keyset list as the UI reaches them through the URL: from the first page following
 * nextCursor to the end, then back following prevCursor to the start. `fetch(params)` runs the list
 * for URL params (`cursor` added here). `forward` and `backward` are the row ids in list order, so a
 * test can assert no gaps and no repeats either way.
 */
export async function walkPages<T extends { id: string }>(
  fetch: (params: Record<string, string>) => Promise<Page<T>>,
  params: Record<string, string>,
): Promise<Walk<T>> {
  const ids = (rows: T[]) => rows.map((r) => r.id);
  const pages: Page<T>[] = [];
  let page = await fetch(params);
  expect(page.prevCursor).toBeNull();
  pages.push(page);
  while (page.nextCursor) {
    page = await fetch({ ...params, cursor: page.nextCursor });
    expect(page.prevCursor).not.toBeNull();
    pages.push(page);
    if (pages.length > 100) throw new Error("runaway paging");
  }
  const back: string[][] = [ids(page.rows)];
  while (page.prevCursor) {
    page = await fetch({ ...params, cursor: page.prevCursor });
    back.unshift(ids(page.rows));
    if (back.length > 100) throw new Error("runaway paging");
  }
  return { forward: pages.flatMap((p) => ids(p.rows)), backward: back.flat(), pages };
}

/**
 * A walk visited exactly `expected` (row ids in list order) both ways: no repeats, no gaps, full
 * pages of `perPage` but the last, and every page's total exact.
 */
export function expectPaged<T>(result: Walk<T>, expected: { id: string }[], perPage: number): void {
  const want = expected.map((e) => e.id);
  expect(new Set(result.forward).size).toBe(result.forward.length); // no duplicates
  expect(result.forward).toEqual(want); // no gaps, right order
  expect(result.backward).toEqual(want);
  for (const p of result.pages.slice(0, -1)) expect(p.rows).toHaveLength(perPage);
  for (const p of result.pages) expect(p.total).toEqual({ value: expected.length, exact: true });
}
