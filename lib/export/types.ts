import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client.ts";
import type { RawSearchParams } from "@/lib/data-table/parsers.ts";
import type { Cursor, TableSearch } from "@/lib/data-table/types.ts";
import type { CsvValue } from "./csv.ts";

export type ExportColumn<R> = {
  /** The `columns=` value (and the CSV header). */
  id: string;
  /** Shown in the column picker. */
  label: string;
  value(row: R): CsvValue;
  /**
   * The same cell as a SQL text expression over the source's `copy` query (sqlText / sqlInstant from
   * copy-csv.ts for text and times). When every picked column has one, Postgres writes the CSV (COPY).
   */
  sql?: string;
  /** Left out unless picked (wide or rarely wanted columns). */
  optional?: boolean;
};

/**
 * One exportable list: the same URL parser as its page (so an export has exactly the page's filters
 * and order) and a function reading one keyset batch after a cursor. Defined beside each list's
 * query (lib/<entity>/export-<entity>.ts) and registered in lib/export/sources.ts.
 */
export type ExportSource<R = unknown, S extends TableSearch = TableSearch> = {
  entity: string;
  /** The file name's stem. */
  fileStem: string;
  // Methods rather than function-valued properties (here and in ExportColumn): TypeScript compares a
  // method's parameters both ways, so every list's ExportSource<Row, Search> fits the registry's
  // ExportSource<unknown, TableSearch> (lib/export/sources.ts) without `any`.
  parse(raw: RawSearchParams): S;
  columns: readonly ExportColumn<R>[];
  /** The rows after `search.cursor` in the list's order, at most `search.perPage`, and where to go on. */
  batch(prisma: PrismaClient, search: S): Promise<{ rows: R[]; next: Cursor | null }>;
  /** The whole filtered list for COPY: its FROM, WHERE and ORDER BY (the page's, with no cursor or limit). */
  copy?(search: S): { from: Prisma.Sql; where: Prisma.Sql; orderBy: Prisma.Sql };
};
